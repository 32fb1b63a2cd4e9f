/**
 * Differential tests: whenever the fast path answers, its value must be exactly what the slow path
 * (the loader's yaml stage, parse-yaml.ts) produces, key order and -0 included, and the slow path
 * must have nothing to report. Bailing out is always allowed; answering wrongly never is.
 * The loader-level tests at the end check that whole load outcomes (plan and problems) agree.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { fastParse } from '../../src/plan/fast-parse.js';
import { parseYamlText } from '../../src/plan/parse-yaml.js';
import { parsePlanText, type LoadedPlan } from '../../src/plan/load-plan.js';

// Counts how often the loader falls back to the positioned yaml parser.
vi.mock('../../src/plan/parse-yaml.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/plan/parse-yaml.js')>();
  return { ...original, parseYamlText: vi.fn(original.parseYamlText) };
});
import { generatePlan } from '../bench/generate-plan.js';

/** The slow path's reading: the loader's own positioned yaml stage. */
function slowParse(text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  const parsed = parseYamlText(text);
  if (parsed.broken || parsed.problems.length > 0) return { ok: false, why: parsed.problems[0]?.message ?? 'broken' };
  return { ok: true, value: parsed.value };
}

/** A rendering that differs whenever two values differ in any way a user could notice. */
function canonical(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return `<${Object.prototype.toString.call(value)}>`;
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return `<${typeof value}>`;
}

/** The property every test below checks. Returns whether the fast path answered. */
function expectSameAsSlow(text: string): boolean {
  const fast = fastParse(text);
  if (!fast.ok) return false;
  const slow = slowParse(text);
  expect(slow, `fast path answered (${fast.parser}) where the slow path reports a problem:\n${text}`).toMatchObject({ ok: true });
  if (slow.ok) expect(canonical(fast.value), text).toBe(canonical(slow.value));
  return true;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('fastParse on real and generated plans', () => {
  it('reads every example plan exactly as the slow path does', () => {
    const dir = path.join(repoRoot, 'plans');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(expectSameAsSlow(readFileSync(path.join(dir, f), 'utf8')), f).toBe(true);
    }
  });

  it('reads generated plans with js-yaml and matches the slow path', () => {
    for (const seed of [1, 2]) {
      const { text } = generatePlan({ components: 100, seed });
      const fast = fastParse(text);
      expect(fast).toMatchObject({ ok: true, parser: 'js-yaml' });
      expect(expectSameAsSlow(text)).toBe(true);
    }
  });

  it('reads a JSON plan with JSON.parse and matches the slow path', () => {
    const { text } = generatePlan({ components: 100, seed: 7 });
    const slow = slowParse(text);
    if (!slow.ok) throw new Error(`the generated plan does not parse: ${slow.why}`);
    const json = JSON.stringify(slow.value, null, 2);
    expect(fastParse(json)).toMatchObject({ ok: true, parser: 'json' });
    expect(expectSameAsSlow(json)).toBe(true);
  });
});

describe('fastParse bails out where the parsers could disagree', () => {
  const cases: [string, string][] = [
    ['an anchor', 'a: &x 1\nb: 2\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a local tag', 'a: !thing 1\n'],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\nenabled: no\n'],
    ['a merge key', 'base: {a: 1}\nother:\n  <<: {b: 2}\n'],
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['a byte order mark', '\uFEFFa: 1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['an empty text', ''],
    ['only comments', '# nothing here\n'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a duplicate key in JSON', '{"a": 1, "b": 2, "a": 3}'],
    ['a __proto__ key', '__proto__: {polluted: true}\n'],
    ['a numeric key', 'scores:\n  1: 5\n'],
    ['a null key', '~: 5\n'],
    ['a complex key', '? [a, b]\n: c\n'],
    ['a control character', 'a: "\u001b[31mred"\n'],
    ['a key longer than 1024 characters', `${'k'.repeat(1100)}: 1\n`],
    ['a number that overflows a double', 'big: 1e400\n'],
    ['an escaped line break before a blank line (found by the fuzz)', 'a:\n  b: ["ends with colon\\\n    \n    with\n    colon:"]\n'],
    ['a blank line inside a quoted scalar', "a: 'one\n\n  two'\n"],
    ['a very long number', `big: 0x${'f'.repeat(400)}\n`],
  ];
  it.each(cases)('on %s', (_label, text) => {
    expect(fastParse(text).ok).toBe(false);
  });

  it('still answers for text that merely mentions those characters in values', () => {
    const text = 'title: "R&D: *the* plan! 100% done, #1"\nnote: a & b * c\nurl: http://x/#frag\n';
    expect(fastParse(text)).toMatchObject({ ok: true });
    expect(expectSameAsSlow(text)).toBe(true);
  });
});

// ---- Generated YAML -------------------------------------------------------------------------

/** Scalars chosen to hit the core schema's corners: numbers, nulls, booleans, look-alikes. */
const TRICKY_SCALARS = [
  'yes', 'No', 'on', 'off', 'y', 'n', 'true', 'False', 'TRUE', 'null', 'Null', '~', 'NULL', '',
  '0', '-0', '+0', '007', '0o17', '0O17', '0x1F', '0x1f', '0b101', '1_000', '1e3', '1E-3', '.5', '5.', '-.5',
  '+12', '1.10', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', '1:30', '2026-11-02',
  '2026-11-02T10:00:00Z', '12345678901234567890', '0.1e+2', '1.0', '3.14159', '-1', '1e400',
  'a b', 'a #b', 'a#b', 'a: b', 'a:b', '- a', '-a', '?x', ':x', '@x', '`x', '%x', '&x', '*x', '!x',
  '|', '>', "'q'", '"q"', 'x\ny', ' lead', 'trail ', 'é', '日本', '😀', '{a}', '[a]', ',', 'a,b',
  'http://x.y/#z', 'C:\\dir', '\\n', 'ends with colon:', 'a  b', '#', 'x # y', '...', '---',
];

const scalar = fc.oneof(
  fc.constantFrom(...TRICKY_SCALARS),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(fc.constantFrom(...TRICKY_SCALARS), fc.string({ minLength: 1, maxLength: 10 }));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).object;

const stringifyOptions = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  minContentWidth: fc.constantFrom(0, 10, 20),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  doubleQuotedAsJSON: fc.boolean(),
  flowCollectionPadding: fc.boolean(),
} as const);

describe('fastParse agrees with the slow path on generated YAML', () => {
  it('on documents written by yaml.stringify in every style', () => {
    let answered = 0;
    fc.assert(
      fc.property(tree, stringifyOptions, (value, options) => {
        const text = stringify(value, { ...options, version: '1.2' } as Parameters<typeof stringify>[1]);
        if (expectSameAsSlow(text)) answered++;
      }),
      { numRuns: 300 },
    );
    // Bailing out is always safe, so make sure the comparison above is not vacuous.
    expect(answered).toBeGreaterThan(100);
  });

  it('on documents written by JSON.stringify', () => {
    let answered = 0;
    fc.assert(
      fc.property(tree, fc.constantFrom(0, 1, 2), (value, space) => {
        if (expectSameAsSlow(JSON.stringify(value, null, space))) answered++;
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('on hand-shaped lines of tricky plain, quoted and block scalars', () => {
    // Keys are mostly ordinary (a tricky key makes most lines bail out, which proves nothing).
    const lineKey = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('id', 'title', 'a b', 'x-y', 'é', 'k.1', 'on', 'yes', 'Null1') },
      { weight: 1, arbitrary: fc.constantFrom(...TRICKY_SCALARS) },
    );
    const plainLine = fc.tuple(lineKey, fc.constantFrom(...TRICKY_SCALARS), fc.constantFrom('', ' # note', '  #x'));
    const line = fc.oneof(
      plainLine.map(([k, v, c]) => `${k}: ${v}${c}`),
      plainLine.map(([k, v]) => `- ${k}: ${v}`),
      plainLine.map(([k, v]) => `  ${k}: [${v}, ${k}]`),
      plainLine.map(([k, v]) => `${k}: { ${v}: ${k} }`),
      plainLine.map(([k, v]) => `${k}: '${v.replaceAll("'", "''")}'`),
      plainLine.map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
      plainLine.map(([k, v]) => `${k}: |\n  ${v}\n  ${k}`),
      plainLine.map(([k, v]) => `${k}: >-\n    ${v}\n\n    ${k}`),
      plainLine.map(([k, v]) => `${k}:\n  - ${v}\n  -\n  - ${k}`),
      plainLine.map(([k, v]) => `${k}:\n  ${v}`),
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        if (expectSameAsSlow(`${lines.join('\n')}\n`)) answered++;
      }),
      { numRuns: 800 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('on example plans with random edits (insertions, deletions, indentation changes)', () => {
    const base = readFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), 'utf8');
    const edit = fc.record({
      at: fc.nat({ max: base.length - 1 }),
      remove: fc.nat({ max: 3 }),
      insert: fc.constantFrom('', ' ', '  ', '\n', '\n  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '?', '0', '1.0', 'yes', '~', '\\', 'é'),
    });
    let answered = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = base;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        if (expectSameAsSlow(text)) answered++;
      }),
      { numRuns: 120 },
    );
    expect(answered).toBeGreaterThan(20);
  });
});

// ---- Whole load outcomes ---------------------------------------------------------------------

/** A "<<" in the first (comment) line makes fastParse bail without changing the document. */
function forceSlowPath(text: string): string | undefined {
  return /^#[^\n]*/.test(text) ? text.replace(/^#[^\n]*/, (line) => `${line} <<`) : undefined;
}

const outcome = (loaded: LoadedPlan) => ({ plan: canonical(loaded.plan), problems: loaded.problems });
const slowCalls = () => vi.mocked(parseYamlText).mock.calls.length;

describe('loadPlan / parsePlanText with the fast path', () => {
  it('loads a valid generated plan without the slow parser, with the same plan', () => {
    const { text } = generatePlan({ components: 200, seed: 11 });
    const before = slowCalls();
    const fast = parsePlanText(text, { displayName: 'big.yaml' });
    expect(slowCalls()).toBe(before);
    expect(fast.problems).toEqual([]);
    expect(fast.plan?.components).toHaveLength(200);
    const slow = parsePlanText(forceSlowPath(text)!, { displayName: 'big.yaml' });
    expect(slowCalls()).toBe(before + 1);
    expect(outcome(fast)).toEqual(outcome(slow));
  });

  it('still positions a problem that only validation finds (the slow path reports it)', () => {
    const { text } = generatePlan({ components: 50, seed: 12 });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('    depends_on: ['));
    lines[at] = '    depends_on: [no-such-component]';
    const loaded = parsePlanText(lines.join('\n'), { displayName: 'broken.yaml' });
    const unknown = loaded.problems.find((p) => p.severity === 'error');
    expect(unknown).toMatchObject({ file: 'broken.yaml', line: at + 1 });
    expect(unknown?.message).toContain('no-such-component');
  });

  it('gives the same plan and problems as the slow path on randomly edited example plans', () => {
    const base = readFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), 'utf8');
    const edit = fc.record({
      at: fc.integer({ min: base.indexOf('\n') + 1, max: base.length - 1 }),
      remove: fc.nat({ max: 4 }),
      insert: fc.constantFrom('', ' ', 'x', '\n', ': ', '- ', '#', '"', '1', '0.5', 'yes', '~', '[]', '{}', '-1'),
    });
    let fastTaken = 0;
    fc.assert(
      fc.property(edit, (e) => {
        const text = base.slice(0, e.at) + e.insert + base.slice(e.at + e.remove);
        const slowText = forceSlowPath(text);
        if (slowText === undefined) return;
        const before = slowCalls();
        const fast = parsePlanText(text, { displayName: 'p.yaml' });
        if (slowCalls() === before) fastTaken++;
        expect(outcome(fast)).toEqual(outcome(parsePlanText(slowText, { displayName: 'p.yaml' })));
      }),
      { numRuns: 40 },
    );
    // Edits inside values (titles, notes) keep the plan valid: some must have taken the fast path.
    expect(fastTaken).toBeGreaterThan(2);
  });
});
