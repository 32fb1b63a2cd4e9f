import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { MAX_PLAN_BYTES } from '../../src/plan/read-source.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-validate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('roadmap validate', () => {
  it('says a valid plan is valid, with counts', async () => {
    const r = await runCli(['validate', 'plans/codon-migration.yaml']);
    expect(r).toEqual({ code: 0, stdout: 'plans/codon-migration.yaml: valid (10 components, 18 tasks, 10 metrics)\n', stderr: '' });
  });

  it('finds the only plan in ./plans/ when none is named', async () => {
    const cwd = path.join(dir, 'single');
    mkdirSync(path.join(cwd, 'plans'), { recursive: true });
    copyFileSync('plans/codon-migration.yaml', path.join(cwd, 'plans', 'codon.yaml'));
    const r = await runCli(['validate'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('plans/codon.yaml: valid (10 components, 18 tasks, 10 metrics)\n');
  });

  it('prints the problem with file:line:col, the source line, a caret, and a summary', async () => {
    const r = await runCli(['validate', 'plans/invalid/bad-reference.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'plans/invalid/bad-reference.yaml:23:18 error unknown-reference: component "api" depends on "cahce", which is not defined (did you mean "cache"?)',
        '  22 |     effort: 3',
        '> 23 |     depends_on: [cahce]',
        '     |                  ^',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('prints hints that are not suggestions on their own line', async () => {
    const r = await runCli(['validate', 'plans/invalid/impossible-date.yaml']);
    expect(r.stderr).toContain('\n  hint: February 2025 has 28 days\n');
  });

  it('passes with warnings, and says how many', async () => {
    const file = path.join(dir, 'warn.yaml');
    writeFileSync(
      file,
      'version: 1\nproject: P\ntitle: T\nstart: 2026-03-02\nscoring:\n  criteria: [{ id: v, name: V, weight: 1 }, { id: r, name: R, weight: 1 }]\ncomponents:\n  - { id: a, title: A, effort: 2, scores: { v: 3 } }\n',
    );
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warn.yaml:8:43 warning missing-score: component "a" has no score for r');
    expect(r.stderr).toContain('0 errors, 1 warning\n');
    expect(r.stdout).toBe('warn.yaml: valid with 1 warning (1 component, 0 tasks, 0 metrics)\n');
  });

  it('--json prints the stable shape on stdout and nothing on stderr', async () => {
    const r = await runCli(['validate', 'plans/invalid/unknown-key.yaml', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      file: 'plans/invalid/unknown-key.yaml',
      valid: false,
      errors: 1,
      warnings: 0,
      problems: [
        {
          severity: 'error',
          code: 'unknown-key',
          message: 'unknown key "dependson" in component "api"',
          hint: 'did you mean "depends_on"?',
          file: 'plans/invalid/unknown-key.yaml',
          line: 23,
          column: 5,
          path: ['components', 1, 'dependson'],
        },
      ],
    });
  });

  it('--json on a valid plan', async () => {
    const r = await runCli(['validate', '--json', 'plans/crdt-backup-rollout.yaml']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: 'plans/crdt-backup-rollout.yaml', valid: true, errors: 0, warnings: 0, problems: [] });
  });

  it('--json on a file that cannot be read: exit 3, still JSON', async () => {
    const r = await runCli(['validate', 'plans/nope.yaml', '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ file: 'plans/nope.yaml', valid: false, errors: 1, warnings: 0 });
    expect(out.problems[0]).toMatchObject({ code: 'io-not-found', line: null, column: null, path: null });
  });

  it('colours only when asked or on a terminal, never with NO_COLOR', async () => {
    const plain = await runCli(['validate', 'plans/invalid/bad-reference.yaml'], { env: { NO_COLOR: '1' }, stdoutIsTTY: true });
    expect(plain.stderr).not.toContain('\u001b[');
    const forced = await runCli(['validate', 'plans/invalid/bad-reference.yaml'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[31merror\u001b[39m');
  });

  it('a mistyped plan name is a file error with a suggestion (exit 3)', async () => {
    const r = await runCli(['validate', 'plans/codon-migraton.yaml']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('plans/codon-migraton.yaml error io-not-found: plans/codon-migraton.yaml does not exist (did you mean "plans/codon-migration.yaml"?)');
  });

  it('more than one plan is a usage error', async () => {
    const r = await runCli(['validate', 'a.yaml', 'b.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('validate takes one plan');
  });

  it('untrusted text cannot drive the terminal', async () => {
    const file = path.join(dir, 'escapes.yaml');
    writeFileSync(
      file,
      'version: 1\nproject: P\ntitle: T\nstart: 2026-03-02\nscoring:\n  criteria: [{ id: v, name: V, weight: 1 }]\ncomponents:\n  - { id: a, title: A, effort: 2, scores: { v: 3 }, "\u001b]0;pwned\u0007\u202e": 1 }\n',
    );
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown-key');
    expect(r.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    const json = await runCli(['validate', file, '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout).problems[0].message).not.toMatch(/[\u001b\u0007\u202e]/);
  });
});

describe('hostile inputs through the CLI: a problem and an exit code, never a stack trace', () => {
  const cases: [string, () => string, number, string][] = [
    ['a directory', () => dir, 3, 'io-is-directory'],
    ['a FIFO', () => fifo(), 3, 'io-not-regular'],
    ['an empty file', () => write('empty.yaml', ''), 1, 'empty-file'],
    // Sparse, so the test costs no memory: the size is refused before a byte is read.
    ['a file over the size limit', () => { const f = write('big.yaml', ''); truncateSync(f, MAX_PLAN_BYTES + 1); return f; }, 3, 'io-too-large'],
    ['random bytes', () => write('random.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), 1, 'binary-file'],
    ['UTF-16', () => write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')])), 1, 'encoding-utf16'],
    ['Latin-1', () => write('latin1.yaml', Buffer.from([0x74, 0x3a, 0x20, 0xe9, 0x0a])), 1, 'encoding-invalid-utf8'],
    ['an alias bomb', () => write('bomb.yaml', aliasBomb()), 1, 'yaml-alias-limit'],
    ['1000-deep nesting', () => write('deep.yaml', `version: 1\nproject: ${'['.repeat(1000)}${']'.repeat(1000)}\n`), 1, 'yaml-too-deep'],
  ];

  it.each(cases)('%s', async (_name, make, exit, code) => {
    const file = make();
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(exit);
    expect(r.stderr).toContain(` error ${code}: `);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it.skipIf(isRoot)('a file without read permission (skipped as root)', async () => {
    const file = write('locked.yaml', 'version: 1\n');
    chmodSync(file, 0o000);
    const r = await runCli(['validate', file], { cwd: dir });
    chmodSync(file, 0o600);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('io-permission');
  });
});

function write(name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

function fifo(): string {
  const file = path.join(dir, 'pipe.yaml');
  rmSync(file, { force: true });
  execFileSync('mkfifo', [file]);
  return file;
}

function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
    lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
