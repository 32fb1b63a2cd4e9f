/**
 * Runs a CommonJS bundle with a V8 code cache: the bytecode V8 compiled on an earlier run is
 * read back instead of compiling the source again. Node 20 has no compile cache of its own
 * (module.enableCompileCache() arrived in 22.1) and none at all for ES modules, and compiling
 * the CLI bundle was about a third of `roadmap validate`'s start-up.
 *
 * The cache file is named after the bundle's content hash (its first line, written by
 * scripts/build.js), its size and mtime, the node version and the architecture: V8 itself only
 * compares the source's length, so a rebuilt bundle of the same length must never meet the old
 * bytecode. V8 still checks its own version and flags and rejects a cache that does not fit; a
 * rejected or missing cache is written anew when the process exits (to a temp file renamed into
 * place, so a reader sees all of it or nothing). ROADMAP_NO_CODE_CACHE=1 turns it off. Every failure to read or write is silent: the
 * cache only ever saves time, and an unwritable cache directory costs nothing but that time.
 *
 * CommonJS, like everything in bin/ (bin/package.json): node starts an ES-module entry a few ms
 * slower (~4 ms of CPU here, its ESM loader).
 */
'use strict';
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const HEADER = '//roadmap-bundle ';
/** Older entries (earlier builds, other node versions, other commands) beyond this many are removed. */
const MAX_ENTRIES = 32;

/** Where code caches live: beside the plan cache (src/plan/plan-cache.ts), or undefined when off. */
function codeCacheDir(env = process.env) {
  if (env.ROADMAP_NO_CODE_CACHE !== undefined && env.ROADMAP_NO_CODE_CACHE !== '' && env.ROADMAP_NO_CODE_CACHE !== '0') return undefined;
  const base = env.ROADMAP_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'roadmap');
  return path.join(base, 'code');
}

/**
 * Evaluates `file` (CommonJS) and returns its module.exports. The bundle loads other bundles
 * (the TUI) with `__roadmapLoad(relativePath)`, which runs them the same way and resolves to
 * their exports: an import() inside a code-cached script fails on Node 20.
 *
 * The cache is written at exit, so it also holds the functions the run compiled lazily: about a
 * sixth less CPU for `roadmap status` than a cache of what compiling alone produces. Runs of
 * different commands compile different functions, so `variant` (the command) keeps one cache
 * per command.
 * @param {string} file
 * @param {{ cacheDir?: string | undefined, variant?: string, onCache?: (state: 'hit' | 'miss' | 'rejected' | 'off', file: string) => void }} [o]
 */
function runBundle(file, o = {}) {
  const { cacheDir = codeCacheDir(), onCache, variant = '' } = o;
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir === undefined ? undefined : cacheFileFor(cacheDir, file, source, variant);
  let cachedData;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet.
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname, __roadmapLoad) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const state = cacheFile === undefined ? 'off' : cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  onCache?.(state, file);
  if (state === 'miss' || state === 'rejected') {
    // At exit, so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => writeCache(cacheFile, script));
  }
  const module = { exports: {} };
  const load = (relative) => new Promise((resolve) => resolve(runBundle(path.resolve(path.dirname(file), relative), { ...o, variant: '' })));
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), load);
  return module.exports;
}

function cacheFileFor(cacheDir, file, source, variant) {
  if (!source.startsWith(HEADER)) return undefined;
  const hash = source.slice(HEADER.length, source.indexOf('\n')).trim();
  if (!/^[0-9a-f]{16,}$/.test(hash)) return undefined;
  let stamp;
  try {
    const st = statSync(file);
    stamp = `${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}`;
  } catch {
    return undefined;
  }
  // V8 rejects a cache made under other flags; keeping one per set of flags avoids rewriting it
  // on every switch between `node --inspect roadmap ...` and a plain run.
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  const tag = [variant.replace(/[^a-z0-9-]/gi, '_').slice(0, 20), flags.trim() === '' ? '' : fnv1a(flags)].filter(Boolean).join('-');
  const name = `${path.basename(file).replace(/[^\w.-]/g, '_')}-${hash.slice(0, 24)}-${stamp}-${process.version}-${process.arch}${tag ? `-${tag}` : ''}.v8cache`;
  return path.join(cacheDir, name);
}

/** A short hash of a string, without loading node:crypto. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function writeCache(cacheFile, script) {
  try {
    const data = script.createCachedData();
    const dir = path.dirname(cacheFile);
    mkdirSync(dir, { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, cacheFile);
    prune(dir, path.basename(cacheFile));
  } catch {
    // Read-only home, full disk, a race with another process: the next run compiles again.
  }
}

function prune(dir, keep) {
  const entries = [];
  for (const name of readdirSync(dir)) {
    if (name === keep || !(name.endsWith('.v8cache') || name.endsWith('.tmp'))) continue;
    try {
      entries.push({ name, mtimeMs: statSync(path.join(dir, name)).mtimeMs });
    } catch {
      // Removed meanwhile.
    }
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const stale = Date.now() - 60 * 60_000;
  entries.forEach(({ name, mtimeMs }, i) => {
    // A temp file an hour old belongs to a process that died while writing.
    if (i >= MAX_ENTRIES - 1 || (name.endsWith('.tmp') && mtimeMs < stale)) rmSync(path.join(dir, name), { force: true });
  });
}

exports.MAX_ENTRIES = MAX_ENTRIES;
exports.codeCacheDir = codeCacheDir;
exports.runBundle = runBundle;
