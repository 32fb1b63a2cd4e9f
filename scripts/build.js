#!/usr/bin/env node
/**
 * `npm run build`: type-check and compile src/ to dist/ with the local tsc, then write a stamp that
 * scripts/build-if-needed.js compares against. Only node builtins are loaded at the top so that
 * build-if-needed can import this file on every `npm start` for free.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
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
      } else if (/\.(js|map|d\.ts)$/.test(entry.name) && !emitted.has(full) && !isBundle(full)) {
        rmSync(full, { force: true });
      }
    }
  };
  visit(dist);
}


/**
 * The CLI bundle, in dist/cli/. CommonJS, though named .js: bin/code-cache.js reads and compiles
 * it itself, and src/plan/plan-cache.ts only caches plans for code running from a .js file.
 */
export const CLI_BUNDLE = 'roadmap-bundle.js';

/** The TUI bundle, in dist/cli/, named after its hash. */
const TUI_BUNDLE = /^tui-[0-9a-f]{12}\.js$/;
const isBundle = (file) => path.basename(path.dirname(file)) === 'cli' && (path.basename(file) === CLI_BUNDLE || TUI_BUNDLE.test(path.basename(file)));

/** The first line of each bundle: `//roadmap-bundle <sha256 of the rest>` (bin/code-cache.js keys on it). */
export const BUNDLE_HEADER = '//roadmap-bundle ';
const withHeader = (code) => `${BUNDLE_HEADER}${createHash('sha256').update(code).digest('hex')}\n${code}`;
/** Bundles are CommonJS: `import.meta.url` (plan-cache.ts, yoga-layout) is defined as this. */
const BUNDLE_BANNER = 'var __roadmapBundleUrl=require("node:url").pathToFileURL(__filename).href;';

/**
 * Bundles what bin/roadmap.js runs, with esbuild, next to tsc's output (which in-process
 * benchmarks and tests import):
 *
 * - dist/cli/roadmap-bundle.js: the whole CLI but the TUI, one CommonJS file. bin/roadmap.js
 *   compiles it with a V8 code cache (bin/code-cache.js), which ES modules cannot have on Node 20:
 *   compiling ~600 kB of JavaScript was a third of `roadmap validate`'s time. Commands stay
 *   lazily initialised (esbuild turns their import() into an init call), so `validate` runs none
 *   of the exporters' module code.
 * - dist/cli/tui-<hash>.js: src/tui/run.tsx (the TUI) with ink, react (its production build) and
 *   yoga-layout (started synchronously: yogaLayoutSync), CommonJS with a code cache as well. Only
 *   `roadmap tui` on a terminal loads it, through the loader bin/code-cache.js passes in (an
 *   import() inside a code-cached script fails on Node 20). Its name carries its hash, so a CLI
 *   started before a rebuild still loads the TUI it was built with.
 *
 * Files are written beside their final names and renamed into place (other processes may be
 * running from dist/ meanwhile); the TUI first, then the CLI that names it.
 */
export async function bundleCli(root, dist) {
  const { build: esbuild } = await import('esbuild');
  const cliDir = path.join(dist, 'cli');
  const staging = path.join(dist, `.bundle-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(cliDir, { recursive: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  };
  try {
    const tui = await esbuild({
      ...common,
      entryPoints: [path.join(root, 'src', 'tui', 'run.tsx')],
      outfile: path.join(staging, 'tui.js'),
      format: 'cjs',
      // react and ink pick their builds from NODE_ENV; the TUI is only ever run for a person.
      define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__roadmapBundleUrl' },
      banner: { js: BUNDLE_BANNER },
      plugins: [inkWithoutDevtools(), yogaLayoutSync(), asciiGraphemes(), ownGraphemes(), stringWidthLazyEmojiRegex(), zodEnglishOnly()],
    });
    const tuiCode = withHeader(tui.outputFiles[0].text);
    const tuiName = `tui-${createHash('sha256').update(tuiCode).digest('hex').slice(0, 12)}.js`;
    const tuiLoad = `__roadmapLoad(${JSON.stringify(`./${tuiName}`)})`;

    const cli = await esbuild({
      ...common,
      entryPoints: [path.join(root, 'src', 'cli', 'process.ts')],
      outfile: path.join(staging, CLI_BUNDLE),
      format: 'cjs',
      // plan-cache.ts fingerprints the file it runs from: here, the bundle.
      define: { 'import.meta.url': '__roadmapBundleUrl' },
      banner: { js: BUNDLE_BANNER },
      plugins: [
        {
          name: 'tui-in-its-own-bundle',
          setup(b) {
            // src/cli/commands/tui.ts imports the TUI's entry (src/tui/run.tsx): the TUI bundle.
            b.onResolve({ filter: /[\\/]tui[\\/]run\.js$/ }, (args) =>
              args.importer.endsWith(`${path.sep}commands${path.sep}tui.ts`) ? { path: 'roadmap-tui-bundle', external: true } : undefined,
            );
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              /^(react|ink)(\/|$)/.test(args.path)
                ? { path: args.path, external: true }
                : undefined,
            );
          },
        },
        writeFileAtomicOnFirstWrite(),
        ownGraphemes(),
        stringWidthLazyEmojiRegex(),
        zodEnglishOnly(),
      ],
    });
    const marker = 'import("roadmap-tui-bundle")';
    let cliCode = cli.outputFiles[0].text;
    const uses = cliCode.split(marker).length - 1;
    if (uses !== 1) throw new Error(`expected the CLI bundle to import the TUI once, found ${uses} (src/cli/commands/tui.ts changed?): update bundleCli in scripts/build.js`);
    cliCode = withHeader(cliCode.replaceAll(marker, tuiLoad));
    for (const [name, code] of [[CLI_BUNDLE, cliCode], [tuiName, tuiCode]]) {
      if (/\bimport\.meta\b/.test(code)) throw new Error(`${name} still reads import.meta, which CommonJS lacks: map it in bundleCli (scripts/build.js)`);
      // Bundled packages are read and compiled with the bundle; one Node loads itself costs a
      // module resolution and a compile on every run (write-file-atomic did, ~15 ms, while it
      // had to stay outside the ES-module chunks of earlier builds for its __filename).
      for (const m of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
        if (!isBuiltin(m[1])) throw new Error(`${name} requires "${m[1]}" at run time: bundle it (scripts/build.js)`);
      }
    }
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, tuiName), tuiCode);
    renameSync(path.join(staging, tuiName), path.join(cliDir, tuiName));
    writeFileSync(path.join(staging, CLI_BUNDLE), cliCode);
    renameSync(path.join(staging, CLI_BUNDLE), path.join(cliDir, CLI_BUNDLE));
    // A process started from the previous bundle may still load its TUI for a while.
    const old = Date.now() - 10 * 60_000;
    for (const name of readdirSync(cliDir)) {
      const file = path.join(cliDir, name);
      if (TUI_BUNDLE.test(name) && name !== tuiName && statSync(file).mtimeMs < old) rmSync(file, { force: true });
    }
    // The ES-module bundle of earlier builds (code-split chunks).
    const chunks = path.join(cliDir, 'chunks');
    if (statIfAny(chunks) && statIfAny(chunks).mtimeMs < old) rmSync(chunks, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  for (const name of readdirSync(dist)) {
    const leftover = path.join(dist, name);
    if (name.startsWith('.bundle-') && statSync(leftover).mtimeMs < Date.now() - 10 * 60_000) rmSync(leftover, { recursive: true, force: true });
  }
}

function statIfAny(file) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * ink imports its devtools (react-devtools-core, not installed) and reads its package.json only
 * when DEV=true, each with a top-level await, which CommonJS cannot hold. The import becomes the
 * error it gives when the package is missing (ink then says how to install it, as it does
 * unbundled), and the name and version it would read are left undefined, as without DEV.
 */
export function inkWithoutDevtools() {
  return {
    name: 'ink-without-devtools',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const devtools = "await import('./devtools.js');";
        if (!source.includes(devtools)) throw new Error('ink changed how it loads its devtools: update inkWithoutDevtools in scripts/build.js');
        const missing = "throw Object.assign(new Error('react-devtools-core is not part of the roadmap build'), { code: 'ERR_MODULE_NOT_FOUND' });";
        // Its package.json (name and version for the devtools) is read the same way.
        const version = '? await loadPackageJson()';
        if (!source.includes(version)) throw new Error('ink changed how it reads its version: update inkWithoutDevtools in scripts/build.js');
        return { contents: source.replace(devtools, () => missing).replace(version, () => '? { name: undefined, version: undefined }'), loader: 'js' };
      });
    },
  };
}

/**
 * yoga-layout compiles its WebAssembly with a top-level await (and, where fetch exists, loads
 * undici to fetch its own data: URL). The bundle instead gives emscripten's instantiateWasm hook
 * a synchronously compiled instance: the module is then ready when loadYoga() returns, so
 * yoga-layout's index needs no await and the TUI can be a CommonJS bundle with a code cache.
 * The wasm bytes stay where they were, once, as the glue's base64 data: URL.
 */
export function yogaLayoutSync() {
  const glue = /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
  return {
    name: 'yoga-layout-sync',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const tla = 'const Yoga = wrapAssembly(await loadYoga());';
        if (!source.includes(tla)) throw new Error('yoga-layout changed how it loads: update yogaLayoutSync in scripts/build.js');
        const sync = [
          "import { YOGA_WASM_DATA_URL } from '../binaries/yoga-wasm-base64-esm.js';",
          'const yogaModule = {',
          '  instantiateWasm(imports, receiveInstance) {',
          "    const bytes = Buffer.from(YOGA_WASM_DATA_URL.slice(YOGA_WASM_DATA_URL.indexOf(',') + 1), 'base64');",
          '    receiveInstance(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));',
          '    return {};',
          '  },',
          '};',
          'loadYoga(yogaModule);',
          "if (!yogaModule.calledRun) throw new Error('yoga-layout did not start synchronously');",
          'const Yoga = wrapAssembly(yogaModule);',
        ].join('\n');
        return { contents: source.replace(tla, () => sync), loader: 'js' };
      });
      b.onLoad({ filter: glue }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const urls = [...source.matchAll(/(\w+)="(data:application\/octet-stream;base64,[A-Za-z0-9+/=]+)"/g)];
        if (urls.length !== 1) throw new Error(`yoga-layout's glue holds ${urls.length} wasm data: URLs, not 1: update yogaLayoutSync in scripts/build.js`);
        const [whole, name, url] = urls[0];
        const contents = `${source.replace(whole, () => `${name}=YOGA_WASM_DATA_URL`)}\nexport const YOGA_WASM_DATA_URL = ${JSON.stringify(url)};\n`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * write-file-atomic, when loaded, installs signal-exit's handlers and loads worker_threads (~20 ms
 * of CPU here), but only commands that write a file call it; `roadmap export` to stdout does not.
 * Its importers get a stand-in with the same calls (the function, .sync) that loads it on the
 * first one.
 */
export function writeFileAtomicOnFirstWrite() {
  return {
    name: 'write-file-atomic-on-first-write',
    setup(b) {
      b.onResolve({ filter: /^write-file-atomic$/ }, async (args) => {
        if (args.namespace === 'lazy-write-file-atomic') return undefined;
        const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: 'lazy-write-file-atomic' });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: 'lazy-write-file-atomic' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-write-file-atomic' }, (args) => ({
        contents: [
          'let lib;',
          `const load = () => (lib ??= require(${JSON.stringify(args.path)}));`,
          'function writeFileAtomic(...args) { return load()(...args); }',
          'writeFileAtomic.sync = (...args) => load().sync(...args);',
          'export default writeFileAtomic;',
        ].join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}

/**
 * ink clips every line of text to its box with slice-ansi and turns it into styled cells with
 * @alcalzone/ansi-tokenize; both walk the text by grapheme with Intl.Segmenter, one ICU segment
 * object per character, and that was most of the TUI's first frame. In ASCII text without a
 * CR LF pair every character is a grapheme of its own (UAX #29 joins ASCII characters only in
 * CR LF; the characters that extend a cluster are all beyond ASCII), so there their segmenter
 * hands out the characters directly: same segments, same `containing()`, no ICU. Other text goes
 * to a real Intl.Segmenter, built on first use.
 */
export const ASCII_GRAPHEMES = `
class __RoadmapAsciiSegments {
  constructor(input) { this.input = input; }
  containing(index) {
    const i = Math.trunc(Number(index)) || 0;
    return i >= 0 && i < this.input.length ? { segment: this.input[i], index: i, input: this.input } : undefined;
  }
  *[Symbol.iterator]() {
    const input = this.input;
    for (let index = 0; index < input.length; index++) yield { segment: input[index], index, input };
  }
}
function __roadmapGraphemeSegmenter() {
  let real;
  return {
    segment(input) {
      const text = String(input);
      if (/^[\\u0000-\\u007F]*$/.test(text) && !text.includes('\\r\\n')) return new __RoadmapAsciiSegments(text);
      return (real ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text);
    },
  };
}
`;

/**
 * roadmap's own modules that cut text by grapheme (src/cli/overview.ts, src/tui/text.ts and
 * keys.ts) make an Intl.Segmenter when they load; with the same stand-in they load no ICU data
 * until a text that is not plain ASCII needs it.
 */
export function ownGraphemes() {
  return {
    name: 'own-graphemes',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('new Intl.Segmenter()')) return undefined;
        const contents = `${ASCII_GRAPHEMES}\n${source.replaceAll('new Intl.Segmenter()', '__roadmapGraphemeSegmenter()')}`;
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

export function asciiGraphemes() {
  const files = /[\\/]node_modules[\\/](?:slice-ansi[\\/]tokenize-ansi\.js|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js)$/;
  return {
    name: 'ascii-graphemes',
    setup(b) {
      b.onLoad({ filter: files }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const made = /new Intl\.Segmenter\(undefined, ?\{ ?granularity: ?["']grapheme["'] ?\}\)/g;
        if ((source.match(made) ?? []).length !== 1 || source.split('Intl.Segmenter').length !== 2) {
          throw new Error(`${path.basename(args.path)} changed how it segments graphemes: update asciiGraphemes in scripts/build.js`);
        }
        return { contents: `${ASCII_GRAPHEMES}\n${source.replace(made, '__roadmapGraphemeSegmenter()')}`, loader: 'js' };
      });
    },
  };
}

/**
 * string-width builds /^\p{RGI_Emoji}$/v and an Intl.Segmenter when it is imported: V8 takes
 * ~50 ms to compile that one pattern, and the segmenter loads ICU data; both are built on first
 * use instead. Build it only for a segment that can be an emoji at all: every RGI emoji
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
        if (!source.includes(eager)) {
          // string-width 7 (under wrap-ansi) builds its emoji regex per call, not at import.
          const warnings = /^const \w+ = \/.*RGI_Emoji/m.test(source) ? [{ text: 'string-width changed: its emoji regex is compiled eagerly again' }] : [];
          return { contents: source, loader: 'js', warnings };
        }
        // Intl.Segmenter loads ICU's break iterator (30-90 ms here), and printable ASCII, most of
        // what roadmap measures, never reaches it.
        const segmenter = 'const segmenter = new Intl.Segmenter();';
        if (!source.includes(segmenter)) return { contents: source.replace(eager, () => lazy), loader: 'js', warnings: [{ text: 'string-width changed: its Intl.Segmenter is built at import again' }] };
        const lazySegmenter = 'let segmenterBuilt; const segmenter = { segment: (s) => (segmenterBuilt ??= new Intl.Segmenter()).segment(s) };';
        // Nor does the plain text of roadmap's tables (Latin letters, punctuation such as "…" and
        // "·", box drawing, bars "█░"): in the blocks below every code point is a grapheme of its
        // own (none is Extend, SpacingMark, Prepend, ZWJ, Hangul or a regional indicator; CR LF
        // and the other controls are left to the segmenter), so the width is what the loop gives
        // one-code-point clusters: 0 if not visible, else its East Asian width. Emoji
        // (Extended_Pictographic) go the long way.
        const loop = 'for (const {segment} of segmenter.segment(string)) {';
        if (!source.includes(loop)) return { contents: source.replace(eager, () => lazy).replace(segmenter, () => lazySegmenter), loader: 'js', warnings: [{ text: 'string-width changed its grapheme loop: the plain-text fast path is off' }] };
        const plain =
          'if (/^[\\u0020-\\u007E\\u00A0-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u20A0-\\u20C0\\u2100-\\u23FF\\u2500-\\u27BF]*$/.test(string) && !/\\p{Extended_Pictographic}/u.test(string)) {' +
          ' for (const character of string) { if (visibleCharacterRegex.test(character)) width += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions); }' +
          ' return width; }\n\t';
        return { contents: source.replace(eager, () => lazy).replace(segmenter, () => lazySegmenter).replace(loop, () => plain + loop), loader: 'js' };
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
