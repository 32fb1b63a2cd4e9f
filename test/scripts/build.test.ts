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
let patched: { width: (s: string) => number; zodMessage: () => string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(repoRoot, 'node_modules', '.roadmap-build-test-'));
  const entry = path.join(dir, 'entry.js');
  writeFileSync(
    entry,
    [
      "import stringWidth from 'string-width';",
      "import { z } from 'zod';",
      'export const width = (s) => stringWidth(s);',
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

describe('bundled zod (English only)', () => {
  it('still gives zod English messages', () => {
    expect(patched.zodMessage()).toMatch(/expected string/i);
  });
});
