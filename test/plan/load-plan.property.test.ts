import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { decodePlanBytes } from '../../src/plan/read-source.js';
import { parsePlanText } from '../../src/plan/load-plan.js';

const CODON = readFileSync('plans/codon-migration.yaml', 'utf8');

/** Whatever the input, the loader answers with a plan or with problems, and never throws. */
function wellFormed(text: string): void {
  const r = parsePlanText(text, { displayName: 'fuzz.yaml' });
  expect(r.plan !== undefined || r.problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of r.problems) {
    expect(p.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.file).toBe('fuzz.yaml');
    if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
    if (p.column !== undefined) expect(p.column).toBeGreaterThanOrEqual(1);
  }
}

describe('parsePlanText on arbitrary input', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), wellFormed), { numRuns: 300 });
  });

  it('random YAML-ish text', () => {
    const token = fc.constantFrom('version: 1\n', 'components:\n', '  - ', 'id: a\n', '[', ']', '{', '}', ': ', '- ', '&x ', '*x ', '!tag ', '"', "'", '\t', '\n', '#', '---\n', '%YAML 1.1\n', '? ', '1e400', '__proto__: 1\n', '<<: *x\n');
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }).map((t) => t.join('')), wellFormed), { numRuns: 300 });
  });

  it('random single-character edits of the example plan', () => {
    fc.assert(
      fc.property(fc.nat(CODON.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
        wellFormed(CODON.slice(0, at) + insert + CODON.slice(at + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('random bytes decode to text or to problems', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodePlanBytes(bytes, 'fuzz.yaml');
        if (r.ok) wellFormed(r.text);
        else expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
