import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePlanBytes, firstInvalidUtf8, MAX_PLAN_BYTES, readPlanBytes } from '../../src/plan/read-source.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-read-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('readPlanBytes', () => {
  it('reads a regular file', async () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, 'version: 1\n');
    const r = await readPlanBytes(file, 'ok.yaml');
    expect(r.ok && r.bytes.toString()).toBe('version: 1\n');
  });

  it('reports a missing file and suggests a near name', async () => {
    writeFileSync(path.join(dir, 'roadmap.yaml'), 'version: 1\n');
    const r = await readPlanBytes(path.join(dir, 'roadmp.yaml'), 'plans/roadmp.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ code: 'io-not-found', file: 'plans/roadmp.yaml', message: 'plans/roadmp.yaml does not exist' });
    expect(r.problem.hint).toBe('did you mean "plans/roadmap.yaml"?');
  });

  it('rejects a directory', async () => {
    const sub = path.join(dir, 'plans-dir.yaml');
    mkdirSync(sub);
    const r = await readPlanBytes(sub, 'plans-dir.yaml');
    expect(!r.ok && r.problem.code).toBe('io-is-directory');
  });

  it('rejects a FIFO without blocking on it', async () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await readPlanBytes(fifo, 'pipe.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('io-not-regular');
    expect(r.problem.message).toContain('named pipe');
  });

  it('rejects a device', async () => {
    const r = await readPlanBytes('/dev/zero', '/dev/zero');
    expect(!r.ok && r.problem.code).toBe('io-not-regular');
  });

  it.skipIf(isRoot)('reports permission denied (skipped as root, who can read anything)', async () => {
    const file = path.join(dir, 'secret.yaml');
    writeFileSync(file, 'version: 1\n');
    chmodSync(file, 0o000);
    const r = await readPlanBytes(file, 'secret.yaml');
    chmodSync(file, 0o600);
    expect(!r.ok && r.problem.code).toBe('io-permission');
  });

  it('refuses files over the cap and says what the cap is', async () => {
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, Buffer.alloc(MAX_PLAN_BYTES + 1, 0x61));
    const r = await readPlanBytes(file, 'huge.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('io-too-large');
    expect(r.problem.message).toBe('huge.yaml is too large (64 MiB, 67108865 bytes); plans are limited to 64 MiB');
    const small = await readPlanBytes(file, 'huge.yaml', { maxBytes: 1000 });
    expect(!small.ok && small.problem.message).toContain('limited to 1000 bytes');
  });
});

describe('decodePlanBytes', () => {
  const decode = (bytes: number[] | Buffer) => decodePlanBytes(Buffer.from(bytes as number[]), 'p.yaml');

  it('strips a UTF-8 byte order mark', () => {
    expect(decode(Buffer.from('\uFEFFversion: 1\n'))).toEqual({ ok: true, text: 'version: 1\n' });
  });

  it('reports an empty file', () => {
    const r = decode([]);
    expect(!r.ok && r.problems[0]).toMatchObject({ code: 'empty-file', message: 'p.yaml is empty' });
  });

  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.from([0xfe, 0xff, 0, 0x76, 0, 0x65])],
    ['UTF-16 LE without BOM', Buffer.from('version: 1\nproject: x\n', 'utf16le')],
  ])('asks for UTF-8 instead of %s', (_name, bytes) => {
    const r = decode(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.code).toBe('encoding-utf16');
    expect(r.problems[0]!.hint).toContain('save it as UTF-8');
  });

  it('rejects binary data', () => {
    const r = decode([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(!r.ok && r.problems[0]!.code).toBe('binary-file');
  });

  it('points at the first invalid UTF-8 byte by line and column', () => {
    // "café" in Latin-1 on line 2.
    const bytes = Buffer.concat([Buffer.from('version: 1\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const r = decode(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code: 'encoding-invalid-utf8', line: 2, column: 11 });
    expect(r.problems[0]!.message).toContain('byte 0xE9 at offset 21');
    expect(r.text).toContain('title: caf\uFFFD');
  });

  it('finds overlong forms, surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xe2, 0x82]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('ok €', 'utf8'))).toBe(6);
  });
});
