/**
 * The build's bundling transforms must not change behaviour: string-width with its lazily built
 * emoji regex measures every string exactly as the original does, and zod keeps English messages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS build script without type declarations
import { stringWidthLazyEmojiRegex, zodEnglishOnly } from '../../scripts/build.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let dir: string;
let patched: { width: (s: string) => number; widthWith: (s: string, o: { ambiguousIsNarrow: boolean }) => number; zodMessage: () => string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(repoRoot, 'node_modules', '.roadmap-build-test-'));
  const entry = path.join(dir, 'entry.js');
  writeFileSync(
    entry,
    [
      "import stringWidth from 'string-width';",
      "import { z } from 'zod';",
      'export const width = (s) => stringWidth(s);',
      'export const widthWith = (s, o) => stringWidth(s, o);',
      "export const zodMessage = () => z.string().safeParse(1).error.issues[0].message;",
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
    plugins: [stringWidthLazyEmojiRegex(), zodEnglishOnly()],
  });
  patched = await import(pathToFileURL(path.join(dir, 'out.mjs')).href);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLES = [
  '', 'plain ascii', 'café', '日本語', '한국어', '😀', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '#️⃣', '1️⃣', '©️', '©', '‼️', '☺', '☺️',
  '🏻', 'a\u0301', '\u200b', '─┼─', '…', '✓ done', '⚠ risk', '\u001b[31mred\u001b[39m', 'ﾞｰ', 'Ｆｕｌｌ', '\u{1F9D1}\u200D\u{1F4BB}',
];

describe('bundled string-width (lazy emoji regex)', () => {
  it('measures known tricky strings exactly like string-width', () => {
    for (const s of SAMPLES) expect(patched.width(s), JSON.stringify(s)).toBe(stringWidth(s));
  });

  it('measures random text, emoji and combining marks exactly like string-width', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(...SAMPLES),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (parts) => {
        const s = parts.join('');
        expect(patched.width(s)).toBe(stringWidth(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('bundled string-width (plain-text fast path)', () => {
  it('measures table text (Latin, punctuation, symbols, box drawing, bars) exactly like string-width', () => {
    // The blocks the fast path takes, their edges, and what must leave it: emoji and their
    // modifiers, flags, keycaps, Hangul jamo, marks, CR LF, ZWJ.
    const blocks = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0], [0x2100, 0x23ff], [0x2500, 0x27bf]] as const;
    const edges = [0x1f, 0x7f, 0x9f, 0xad, 0x300, 0x301, 0x200d, 0x2028, 0x205f, 0x2060, 0x20c1, 0x20d0, 0x20e3, 0x24ff, 0x27c0, 0xfe0f, 0x0d, 0x0a, 0x1100, 0x1161, 0x11a8, 0xff9e, 0x1f600, 0x1f3fd, 0x1f1eb, 0x1f1f7, 0x2764, 0x231a];
    // Clusters of more than one code point, which the fast path must never split.
    const clusters = ['\u1100\u1161', '\u1100\u1161\u11a8', '#\u20e3', '\u2764\ufe0f', '\u{1f1eb}\u{1f1f7}', 'a\u0301', '\r\n', '\u{1f44d}\u{1f3fd}', '\uff76\uff9e', '\u{1f468}\u200d\u{1f4bb}'];
    const char = fc.oneof(
      { arbitrary: fc.constantFrom(...blocks).chain(([lo, hi]) => fc.integer({ min: lo, max: hi })).map((cp) => String.fromCodePoint(cp)), weight: 4 },
      { arbitrary: fc.constantFrom(...edges).map((cp) => String.fromCodePoint(cp)), weight: 1 },
      { arbitrary: fc.constantFrom(...clusters), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), fc.boolean(), (chars, ambiguousIsNarrow) => {
        const s = chars.join('');
        expect(patched.widthWith(s, { ambiguousIsNarrow })).toBe(stringWidth(s, { ambiguousIsNarrow }));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bundled zod (English only)', () => {
  it('still gives zod English messages', () => {
    expect(patched.zodMessage()).toMatch(/expected string/i);
  });
});
