import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveOutputPath } from '../../src/plan/paths.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-paths-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(userPath: string, cwd = dir) {
  const result = await resolveOutputPath(cwd, userPath);
  if (result.ok) throw new Error(`expected ${JSON.stringify(userPath)} to be refused, got ${result.path}`);
  return result.problem;
}

describe('resolveOutputPath accepts', () => {
  it('a new file, resolved against the working directory', async () => {
    expect(await resolveOutputPath(dir, 'roadmap.md')).toEqual({ ok: true, path: path.join(dir, 'roadmap.md') });
    mkdirSync(path.join(dir, 'out'));
    expect(await resolveOutputPath(dir, 'out/../out/x.ics')).toEqual({ ok: true, path: path.join(dir, 'out', 'x.ics') });
  });

  it('an existing regular file and an absolute path', async () => {
    const file = path.join(dir, 'old.md');
    writeFileSync(file, 'x');
    expect(await resolveOutputPath('/', file)).toEqual({ ok: true, path: file });
  });

  it('a file inside a symlinked directory the user named', async () => {
    mkdirSync(path.join(dir, 'real'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'docs'));
    expect(await resolveOutputPath(dir, 'docs/roadmap.md')).toEqual({ ok: true, path: path.join(dir, 'docs', 'roadmap.md') });
  });
});

describe('resolveOutputPath refuses', () => {
  it('a directory, with or without a trailing slash', async () => {
    mkdirSync(path.join(dir, 'out'));
    expect(await refusal('out')).toMatchObject({ code: 'io-is-directory', file: 'out' });
    expect(await refusal('out/')).toMatchObject({ code: 'io-is-directory' });
    expect(await refusal('.')).toMatchObject({ code: 'io-is-directory' });
  });

  it('writing through a symlink, and names where it points', async () => {
    const secret = path.join(dir, 'elsewhere.txt');
    writeFileSync(secret, 'do not touch');
    symlinkSync(secret, path.join(dir, 'roadmap.md'));
    const problem = await refusal('roadmap.md');
    expect(problem.code).toBe('io-symlink');
    expect(problem.message).toContain(secret);
    symlinkSync(path.join(dir, 'not-there'), path.join(dir, 'dangling.md'));
    expect(await refusal('dangling.md')).toMatchObject({ code: 'io-symlink' });
  });

  it('control characters, without echoing them', async () => {
    for (const name of ['a\u001b]0;pwned\u0007.md', 'line\nbreak.md', 'evil\u202Edm.exe', 'del\u007f.md', 'c1\u009b.md']) {
      const problem = await refusal(name);
      expect(problem.code).toBe('io-bad-path');
      expect(problem.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    }
  });

  it('an empty path', async () => {
    expect(await refusal('')).toMatchObject({ code: 'io-bad-path' });
    expect(await refusal('  ')).toMatchObject({ code: 'io-bad-path' });
  });

  it('a file in a directory that does not exist, or under a file', async () => {
    expect(await refusal('missing/roadmap.md')).toMatchObject({ code: 'io-not-found' });
    writeFileSync(path.join(dir, 'plain'), 'x');
    expect(await refusal('plain/roadmap.md')).toMatchObject({ code: 'io-not-found' });
  });

  it('a fifo, which a write would replace or block on', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    expect(await refusal('pipe')).toMatchObject({ code: 'io-not-regular' });
  });
});
