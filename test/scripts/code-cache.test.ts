/**
 * bin/code-cache.js runs the built bundles with a V8 code cache. What a user would notice if it
 * went wrong: a rebuilt roadmap running the old build's code, a crash when the cache directory is
 * unwritable or the cache file is damaged, or the TUI bundle failing to load.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS build script without type declarations
import { BUNDLE_HEADER } from '../../scripts/build.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const codeCache = pathToFileURL(path.join(repoRoot, 'bin', 'code-cache.js')).href;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-code-cache-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a bundle as scripts/build.js does: a header line with a hash of the rest. */
function writeBundle(file: string, body: string, hash: string): void {
  writeFileSync(file, `${BUNDLE_HEADER}${hash}\n${body}`);
}

/** Runs `file` through runBundle in a fresh node; prints the cache state, then what main() returns. */
function run(file: string, cacheDir: string | undefined, env: Record<string, string> = {}) {
  const script = [
    `import { runBundle } from ${JSON.stringify(codeCache)};`,
    `const states = [];`,
    `const m = runBundle(${JSON.stringify(file)}, { ${cacheDir === undefined ? '' : `cacheDir: ${JSON.stringify(cacheDir)},`} onCache: (s) => states.push(s) });`,
    `const out = await m.main();`,
    `console.log(JSON.stringify({ states, out }));`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { states: string[]; out: unknown };
}

const bundleBody = (answer: string) =>
  `"use strict"; function helper(n) { return n * 2; } exports.main = async () => ({ answer: ${answer}, doubled: helper(21), file: require("node:path").basename(__filename) });`;

describe('runBundle with a code cache', () => {
  it('compiles once, then reads the cache, with the same results', () => {
    const file = path.join(dir, 'a.js');
    const cache = path.join(dir, 'cache-a');
    writeBundle(file, bundleBody('"first"'), 'a'.repeat(64));
    const first = run(file, cache);
    expect(first.states).toEqual(['miss']);
    expect(readdirSync(cache).filter((n) => n.endsWith('.v8cache'))).toHaveLength(1);
    const second = run(file, cache);
    expect(second.states).toEqual(['hit']);
    expect(second.out).toEqual(first.out);
    expect(second.out).toEqual({ answer: 'first', doubled: 42, file: 'a.js' });
  });

  it('never runs the old code for a rebuilt bundle of the same length', () => {
    const file = path.join(dir, 'b.js');
    const cache = path.join(dir, 'cache-b');
    writeBundle(file, bundleBody('"old"'), 'b'.repeat(64));
    expect(run(file, cache).out).toMatchObject({ answer: 'old' });
    expect(run(file, cache).states).toEqual(['hit']);
    // Same length, other content and hash: V8 alone would take the old cache (it checks the length).
    writeBundle(file, bundleBody('"new"'), 'c'.repeat(64));
    const after = run(file, cache);
    expect(after.states).toEqual(['miss']);
    expect(after.out).toMatchObject({ answer: 'new' });
  });

  it('runs normally when the cache file is damaged, and replaces it', () => {
    const file = path.join(dir, 'c.js');
    const cache = path.join(dir, 'cache-c');
    writeBundle(file, bundleBody('"ok"'), 'd'.repeat(64));
    run(file, cache);
    const [entry] = readdirSync(cache);
    writeFileSync(path.join(cache, entry!), 'not a code cache');
    const damaged = run(file, cache);
    expect(damaged.states).toEqual(['rejected']);
    expect(damaged.out).toMatchObject({ answer: 'ok' });
    expect(run(file, cache).states).toEqual(['hit']);
  });

  it('runs normally when the cache directory cannot be created or written', () => {
    const file = path.join(dir, 'd.js');
    writeBundle(file, bundleBody('"ok"'), 'e'.repeat(64));
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, '');
    // A directory under a regular file can never be created, whoever runs the test.
    expect(run(file, path.join(blocker, 'cache')).out).toMatchObject({ answer: 'ok' });
    const readOnly = path.join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    try {
      expect(run(file, readOnly).out).toMatchObject({ answer: 'ok' });
    } finally {
      chmodSync(readOnly, 0o700);
    }
  });

  it('is off with ROADMAP_NO_CODE_CACHE=1, and for a file without the build header', () => {
    const file = path.join(dir, 'e.js');
    writeBundle(file, bundleBody('"ok"'), 'f'.repeat(64));
    const cacheRoot = path.join(dir, 'cache-root');
    const off = run(file, undefined, { ROADMAP_CACHE_DIR: cacheRoot, ROADMAP_NO_CODE_CACHE: '1' });
    expect(off.states).toEqual(['off']);
    expect(off.out).toMatchObject({ answer: 'ok' });
    const plain = path.join(dir, 'plain.js');
    writeFileSync(plain, bundleBody('"plain"'));
    const noHeader = run(plain, path.join(dir, 'cache-plain'));
    expect(noHeader.states).toEqual(['off']);
    expect(noHeader.out).toMatchObject({ answer: 'plain' });
  });

  it('loads another bundle relative to the first through __roadmapLoad, cached as well', () => {
    const sub = path.join(dir, 'nested');
    mkdirSync(sub, { recursive: true });
    writeBundle(path.join(sub, 'other.js'), 'exports.value = require("node:path").basename(__filename);', '1'.repeat(64));
    const file = path.join(sub, 'main.js');
    writeBundle(file, 'exports.main = async () => (await __roadmapLoad("./other.js")).value;', '2'.repeat(64));
    const cache = path.join(dir, 'cache-load');
    const first = run(file, cache);
    expect(first.out).toBe('other.js');
    expect(first.states).toEqual(['miss', 'miss']);
    expect(run(file, cache).states).toEqual(['hit', 'hit']);
  });
});
