#!/usr/bin/env node
/**
 * `npm run build`: type-check and compile src/ to dist/ with the local tsc, then write a stamp that
 * scripts/build-if-needed.js compares against. Only node builtins are loaded at the top so that
 * build-if-needed can import this file on every `npm start` for free.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, '.build-stamp.json');

/** Files whose change means dist/ is out of date (src/ is scanned recursively). */
const INPUT_FILES = ['tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.js'];

/**
 * The newest mtime among the build inputs. Directory mtimes count too: deleting or renaming a
 * source file changes only its directory's mtime.
 */
export function newestInputMtime(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
      newest = Math.max(newest, statSync(dir).mtimeMs);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  for (const file of INPUT_FILES) {
    try {
      newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
    } catch {
      // An optional input (package-lock.json) may be absent.
    }
  }
  return newest;
}

/**
 * Compiles with tsc, then bundles the CLI. Other processes (a test run, `npm start` in another
 * terminal) may be running from dist/ meanwhile, so dist/ is never emptied: files are overwritten
 * in place, files from deleted sources are removed afterwards, and the bundle's files are renamed
 * into place (a rename is atomic). Throws (after tsc has printed its diagnostics) when the build
 * fails, and then writes no stamp, so the next `npm start` tries again.
 */
export async function build({ root = ROOT } = {}) {
  const dist = path.join(root, 'dist');
  // Sampled before compiling: an edit made while tsc runs is newer and triggers the next build.
  const inputsMtimeMs = newestInputMtime(root);
  const tsc = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
  let output;
  try {
    output = execFileSync(tsc, ['-p', path.join(root, 'tsconfig.json'), '--listEmittedFiles'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (err) {
    process.stdout.write(withoutFileList(err.stdout ?? ''));
    throw err;
  }
  process.stdout.write(withoutFileList(output));
  const emitted = new Set(
    output
      .split('\n')
      .filter((l) => l.startsWith('TSFILE: '))
      .map((l) => path.resolve(l.slice('TSFILE: '.length).trim())),
  );
  removeStale(dist, emitted);
  await bundleCli(root, dist);
  const stamp = path.join(dist, '.build-stamp.json');
  const temp = `${stamp}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ inputsMtimeMs, builtAt: new Date().toISOString() })}\n`);
  renameSync(temp, stamp);
}

const withoutFileList = (text) => text.split('\n').filter((l) => !l.startsWith('TSFILE: ')).join('\n');

/** Deletes compiled files whose source is gone (the bundle's own files are handled by bundleCli). */
function removeStale(dist, emitted) {
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(dist, 'cli', 'chunks')) visit(full);
      } else if (/\.(js|map|d\.ts)$/.test(entry.name) && !emitted.has(full)) {
        rmSync(full, { force: true });
      }
    }
  };
  visit(dist);
}

/**
 * CommonJS packages that read __filename/__dirname at load time: inside an ESM chunk those are
 * undefined (`roadmap export --out` failed with "__filename is not defined"), so Node loads them.
 */
const CJS_EXTERNAL = new Set(['write-file-atomic']);

/**
 * Replaces tsc's dist/cli/process.js (what bin/roadmap.js imports) with an esbuild bundle of the
 * CLI: a few files to read, compile and link instead of ~250 modules is most of the start-up time
 * of `roadmap validate`. Commands stay separate chunks loaded on demand (code splitting follows
 * their dynamic imports); the TUI's packages (ink, react, ...) stay external, so only `roadmap tui`
 * loads them, from node_modules as usual. The rest of dist/ stays tsc's output, which in-process
 * benchmarks import.
 */
export async function bundleCli(root, dist) {
  const { build: esbuild } = await import('esbuild');
  const staging = path.join(dist, `.bundle-${process.pid}`);
  const chunksDir = path.join(dist, 'cli', 'chunks');
  const tuiDir = `${path.sep}src${path.sep}tui${path.sep}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: { 'cli/process': path.join(root, 'src', 'cli', 'process.ts') },
    outdir: staging,
    chunkNames: 'cli/chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies (write-file-atomic) call require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __roadmapRequire } from 'node:module'; const require = __roadmapRequire(import.meta.url);" },
    plugins: [
      {
        name: 'tui-packages-stay-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.importer.includes(tuiDir) || /^react(\/|$)/.test(args.path) || CJS_EXTERNAL.has(args.path)
              ? { path: args.path, external: true }
              : undefined,
          );
        },
      },
      stringWidthLazyEmojiRegex(),
      zodEnglishOnly(),
    ],
  });
  // Chunks first (content-hashed names never collide), then the entry that imports them.
  mkdirSync(chunksDir, { recursive: true });
  const fresh = new Set(readdirSync(path.join(staging, 'cli', 'chunks')));
  for (const file of [path.join(staging, 'cli', 'process.js'), ...[...fresh].map((n) => path.join(staging, 'cli', 'chunks', n))]) {
    if (/\b__(?:file|dir)name\b/.test(await readFile(file, 'utf8'))) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`bundled CommonJS code in ${path.basename(file)} reads __filename/__dirname, which ESM chunks lack: add its package to CJS_EXTERNAL in scripts/build.js`);
    }
  }
  for (const name of fresh) renameSync(path.join(staging, 'cli', 'chunks', name), path.join(chunksDir, name));
  renameSync(path.join(staging, 'cli', 'process.js'), path.join(dist, 'cli', 'process.js'));
  rmSync(staging, { recursive: true, force: true });
  // A process started from the previous bundle may still load its chunks lazily for a while.
  const old = Date.now() - 10 * 60_000;
  for (const name of readdirSync(chunksDir)) {
    const file = path.join(chunksDir, name);
    if (!fresh.has(name) && statSync(file).mtimeMs < old) rmSync(file, { force: true });
  }
  for (const name of readdirSync(dist)) {
    const leftover = path.join(dist, name);
    if (name.startsWith('.bundle-') && statSync(leftover).mtimeMs < old) rmSync(leftover, { recursive: true, force: true });
  }
}

/**
 * string-width builds /^\p{RGI_Emoji}$/v when it is imported, and V8 takes ~50 ms to compile
 * that one pattern. Build it only for a segment that can be an emoji at all: every RGI emoji
 * holds an Extended_Pictographic, Emoji_Modifier or Regional_Indicator character or U+20E3
 * (checked over every code point, alone and with U+FE0F / U+20E3; sequences are made of those).
 */
export function stringWidthLazyEmojiRegex() {
  return {
    name: 'string-width-lazy-emoji-regex',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const eager = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
        const lazy =
          'let rgiEmojiRegexBuilt; const maybeEmoji = /[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u20E3]/u; ' +
          "const rgiEmojiRegex = { test: (s) => maybeEmoji.test(s) && (rgiEmojiRegexBuilt ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };";
        if (!source.includes(eager)) return { contents: source, loader: 'js', warnings: [{ text: 'string-width changed: its emoji regex is compiled eagerly again' }] };
        return { contents: source.replace(eager, () => lazy), loader: 'js' };
      });
    },
  };
}

/**
 * zod's namespace re-exports every locale (~40 languages, a third of zod's size); roadmap's
 * messages are its own and zod's defaults are English, so only `en` is kept.
 */
export function zodEnglishOnly() {
  const zodLocales = `${path.sep}node_modules${path.sep}zod${path.sep}`;
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(zodLocales) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  build().catch((err) => {
    // tsc has already printed its diagnostics; one line says which step failed.
    process.stderr.write(`build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exitCode = 1;
  });
}
