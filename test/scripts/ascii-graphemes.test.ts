/**
 * The TUI bundle gives slice-ansi and @alcalzone/ansi-tokenize (how ink clips and styles every
 * line) a grapheme segmenter that skips ICU for ASCII text. What the user would see if it were
 * wrong: text cut at the wrong column, or colours bleeding, in the TUI. So the bundled packages
 * must cut and tokenize every string exactly as the originals do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import { build as esbuild } from 'esbuild';
import fc from 'fast-check';
import sliceAnsi from 'slice-ansi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS build script without type declarations
import { ASCII_GRAPHEMES, asciiGraphemes } from '../../scripts/build.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let dir: string;
let patched: {
  slice: (s: string, from: number, to?: number) => string;
  cells: (s: string, end?: number) => string;
  segmenter: () => { segment(s: string): Iterable<{ segment: string; index: number; input: string }> & { containing(i: number): unknown } };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(repoRoot, 'node_modules', '.roadmap-build-test-'));
  const entry = path.join(dir, 'entry.js');
  writeFileSync(
    entry,
    [
      "import sliceAnsi from 'slice-ansi';",
      "import { tokenize, styledCharsFromTokens, styledCharsToString } from '@alcalzone/ansi-tokenize';",
      'export const slice = (s, from, to) => sliceAnsi(s, from, to);',
      'export const cells = (s, end) => JSON.stringify(styledCharsFromTokens(tokenize(s, end))) + styledCharsToString(styledCharsFromTokens(tokenize(s, end)));',
      `${ASCII_GRAPHEMES}\nexport const segmenter = __roadmapGraphemeSegmenter;`,
    ].join('\n'),
  );
  await esbuild({
    entryPoints: [entry],
    outfile: path.join(dir, 'out.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    absWorkingDir: repoRoot,
    plugins: [asciiGraphemes()],
  });
  patched = await import(pathToFileURL(path.join(dir, 'out.mjs')).href);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cells = (s: string, end?: number) =>
  JSON.stringify(styledCharsFromTokens(tokenize(s, end))) + styledCharsToString(styledCharsFromTokens(tokenize(s, end)));

const PIECES = [
  'plain', ' ', 'Phase 1: cache', '\u001b[31m', '\u001b[39m', '\u001b[1;4m', '\u001b[0m', '\u001b[38;5;208m', '\u001b[38;2;1;2;3m',
  '\u001b]8;;https://example.com\u0007', '\u001b]8;;\u0007', '\r\n', '\r', '\n', '\t', '\u0007', '\u001b', 'é', 'e\u0301', '日本',
  '😀', '👍🏽', '🇫🇷', '#️⃣', '\u200d', '─┼─', '…', '\u007f',
];
/** Any ASCII character, CR and LF (the one pair that joins) and ESC often. */
const asciiChar = fc.oneof(fc.constantFrom('\r', '\n', '\u001b', 'a', ' '), fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)));
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: asciiChar, maxLength: 12 })), { maxLength: 8 }).map((p) => p.join(''));

describe('ASCII grapheme fast path in the TUI bundle', () => {
  it('segments ASCII text exactly as Intl.Segmenter does, containing() included', () => {
    const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const fast = patched.segmenter();
    fc.assert(
      fc.property(fc.string({ unit: asciiChar, maxLength: 30 }), (s) => {
        expect([...fast.segment(s)]).toEqual([...real.segment(s)].map(({ segment, index, input }) => ({ segment, index, input })));
        for (const i of [-1, 0, 1, s.length - 1, s.length, s.length + 1, 0.5, Number.NaN]) {
          const want = real.segment(s).containing(i);
          expect(fast.segment(s).containing(i)).toEqual(want && { segment: want.segment, index: want.index, input: want.input });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('slices lines (ANSI colours, links, emoji, CR LF) exactly like slice-ansi', () => {
    fc.assert(
      fc.property(text, fc.nat(40), fc.option(fc.nat(60), { nil: undefined }), (s, from, to) => {
        expect(patched.slice(s, from, to)).toBe(sliceAnsi(s, from, to));
      }),
      { numRuns: 400 },
    );
  });

  it('turns lines into styled cells exactly like @alcalzone/ansi-tokenize', () => {
    fc.assert(
      fc.property(text, fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), (s, end) => {
        expect(patched.cells(s, end)).toBe(cells(s, end));
      }),
      { numRuns: 400 },
    );
  });
});
