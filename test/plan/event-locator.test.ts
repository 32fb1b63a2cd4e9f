/**
 * The event locator must give exactly the position yamlLocator gives (the slow path's), or say it
 * is unsure (LocatorUnsure), never a different position. Checked on every path of generated plans,
 * on hand-picked shapes (quotes, block scalars, empty values, flow entries) and on fast-check
 * documents in every style yaml.stringify writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { fastParse } from '../../src/plan/fast-parse.js';
import { eventLocator, LocatorUnsure } from '../../src/plan/event-locator.js';
import { blockLocator } from '../../src/plan/block-locator.js';
import { yamlLocator, type DataPath, type PlanLocator, type Position } from '../../src/plan/positions.js';
import { generatePlan } from '../bench/generate-plan.js';

function slowLocator(text: string): PlanLocator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', schema: 'core', keepSourceTokens: true, lineCounter, logLevel: 'silent' });
  return yamlLocator(doc, lineCounter);
}

/** Every path in the data, plus a missing child of each mapping and list. */
function pathsOf(value: unknown, limit = 5000): DataPath[] {
  const out: DataPath[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0 && out.length < limit) {
    const { v, path } = stack.pop()!;
    out.push(path);
    if (Array.isArray(v)) {
      out.push([...path, v.length], [...path, 'nope']);
      v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    } else if (v !== null && typeof v === 'object') {
      out.push([...path, 'no-such-key'], [...path, 'no-such-key', 0]);
      for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return out;
}

type Answer = Position | undefined | 'unsure';

function ask(locator: PlanLocator, path: DataPath, target: 'value' | 'key'): Answer {
  try {
    return locator.at(path, target);
  } catch (err) {
    if (err instanceof LocatorUnsure) return 'unsure';
    throw err;
  }
}

/** Compares both locators on every path; returns how many answers the event locator gave. */
function expectSamePositions(text: string, value: unknown, fast: PlanLocator = eventLocator(text)): { answered: number; unsure: number } {
  const slow = slowLocator(text);
  let answered = 0;
  let unsure = 0;
  for (const path of pathsOf(value)) {
    for (const target of ['value', 'key'] as const) {
      const got = ask(fast, path, target);
      if (got === 'unsure') {
        unsure++;
        continue;
      }
      answered++;
      expect(got, `${target} of ${JSON.stringify(path)} in:\n${text}`).toEqual(slow.at(path, target));
    }
  }
  return { answered, unsure };
}

describe('eventLocator gives yaml positions', () => {
  it('on every path of generated plans, never unsure', () => {
    for (const seed of [1, 2, 3]) {
      const { text } = generatePlan({ components: 40, seed });
      const fast = fastParse(text);
      if (!fast.ok) throw new Error(`the generated plan took the slow path: ${fast.reason}`);
      const { answered, unsure } = expectSamePositions(text, fast.value);
      expect(unsure).toBe(0);
      expect(answered).toBeGreaterThan(1000);
    }
  });

  it('blockLocator (one block or item read at a time): on every path of generated plans, never unsure', () => {
    for (const seed of [4, 5]) {
      const { text } = generatePlan({ components: 30, seed });
      const fast = fastParse(text);
      if (!fast.ok) throw new Error(`the generated plan took the slow path: ${fast.reason}`);
      const { answered, unsure } = expectSamePositions(text, fast.value, blockLocator(text, fast.value));
      expect(unsure).toBe(0);
      expect(answered).toBeGreaterThan(1000);
    }
  });

  it('blockLocator on shapes it must read whole: indentless items, comments, odd top-level lines', () => {
    const texts = [
      'a:\n- x: 1\n  y: [2]\n- x: 3\nb:\n  c: 4\n',
      '# head\nlist:\n  # first\n  - 1\n\n  - {z: 2}\n# between\nmap:\n  k: v\n',
      'list:\n  - 1\n  - 2\n"quoted": 3\n',
    ];
    for (const text of texts) {
      const fast = fastParse(text);
      if (!fast.ok) throw new Error(fast.reason);
      expectSamePositions(text, fast.value, blockLocator(text, fast.value));
    }
  });

  it('on a plan written as JSON', () => {
    const { text } = generatePlan({ components: 10, seed: 4 });
    const fast = fastParse(text);
    if (!fast.ok) throw new Error(fast.reason);
    const json = JSON.stringify(fast.value, null, 2);
    const { unsure } = expectSamePositions(json, fast.value);
    expect(unsure).toBe(0);
  });

  const shapes: [string, string][] = [
    ['quoted keys and values', `"q": 1\n'r': "x"\ns: 'it''s'\n`],
    ['a multi-line double-quoted value', 'i: "x\n  y"\nj: 1\n'],
    ['a multi-line plain value', 'j: x\n  y\nk: 2\n'],
    ['block scalars, header on the key line and on its own line', 'd: |+\n\n  x\n\ne: >-\nf:\n  |\n   t\ng: |2-\n    two\nh: 1\n'],
    ['a block scalar with a comment on its header', 'a: | # a note | with bars\n  text\nb: 1\n'],
    ['empty values in a block mapping', 'c:\nd:   \ne:   # note\nf: 1\n"k" :  \ng:'],
    ['empty values in flow mappings', 'a: { x: , y: 1, z: }\nb: [ { x: } ]\n'],
    ['flow entries without a value (yaml holds null)', 'g: { a }\nh: { a, b: 1 }\n'],
    ['empty items in block sequences', 'l:\n  -   # c\n  - \n  -\n  - x\n  -\nm:\n- a: 1\n-\n'],
    ['nested block sequences and mappings', '- - a\n  - b\n- id: x\n  y: 2\n  z:\n    - 1\n    - [2, {w: 3}]\n'],
    ['empty flow collections', 'a: []\nb: {}\nc: [ ]\n'],
    ['a root scalar', 'just text\n'],
    ['a root list', '- 1\n- two\n'],
    ['comments and blank lines between entries', '# head\na: 1 # x\n\n# mid\nb:\n  # inner\n  - 1\n\n  - 2\n'],
  ];
  it.each(shapes)('on %s', (_label, text) => {
    const fast = fastParse(text);
    if (!fast.ok) throw new Error(`fastParse did not read the case: ${fast.reason}`);
    const { answered } = expectSamePositions(text, fast.value);
    expect(answered).toBeGreaterThan(0);
  });

  it('on documents yaml.stringify writes in every style (fast-check)', () => {
    const scalar = fc.oneof(
      fc.constantFrom('a b', 'x\ny', 'it\'s', '"q"', '', ' lead', 'trail ', 'é', 'a: b', '#', '- a', '|', 'line one\nline two\n'),
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom('id', 'title', 'a b', 'x-y', 'é', 'k.1', 'it\'s', 'q"x');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).object;
    const options = fc.record({
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      nullStr: fc.constantFrom('null', '', '~'),
    } as const);
    let answered = 0;
    fc.assert(
      fc.property(tree, options, (value, opts) => {
        const text = stringify(value, { ...opts, version: '1.2' } as Parameters<typeof stringify>[1]);
        const fast = fastParse(text);
        if (!fast.ok) return;
        answered += expectSamePositions(text, fast.value).answered;
      }),
      { numRuns: 200 },
    );
    expect(answered).toBeGreaterThan(500);
  });

  it('reads nothing until a position is asked for', () => {
    // Text js-yaml cannot read: the locator only fails when used.
    const locator = eventLocator('a: [\n');
    expect(() => locator.at(['a'])).toThrow(LocatorUnsure);
  });
});
