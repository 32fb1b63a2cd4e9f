/**
 * Differential: a plan with a fault injected deep inside must load with exactly the problems the
 * yaml slow path gives (codes, messages, hints, paths, line:column), whichever way the loader now
 * takes. Schema and semantic faults are positioned from js-yaml's events (event-locator.ts) and
 * must not touch yaml at all; syntax faults are read by yaml in a window (syntax-window.ts).
 * The plans are small, so the slow path is quick here; test/bench/invalid-big.js times the real case.
 */
import { describe, expect, it, vi } from 'vitest';
import { parsePlanText, WINDOW_FROM_CHARS } from '../../src/plan/load-plan.js';
import { parseYamlText } from '../../src/plan/parse-yaml.js';
import { generatePlan } from '../bench/generate-plan.js';

// `slowOnly` makes fastParse bail out, so the loader takes the positioned yaml path for everything:
// the reference each fault is compared with.
const control = vi.hoisted(() => ({ slowOnly: false }));
vi.mock('../../src/plan/fast-parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/plan/fast-parse.js')>();
  return {
    ...original,
    fastParse: (text: string) => (control.slowOnly ? { ok: false, reason: 'test: slow path only' } : original.fastParse(text)),
  };
});
vi.mock('../../src/plan/parse-yaml.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/plan/parse-yaml.js')>();
  return { ...original, parseYamlText: vi.fn(original.parseYamlText) };
});

function slowLoad(text: string) {
  control.slowOnly = true;
  try {
    return parsePlanText(text, { displayName: 'plan.yaml' });
  } finally {
    control.slowOnly = false;
  }
}

/** Loads both ways, expects the same outcome, returns whether yaml read the whole text on the new way. */
function expectSameAsSlow(text: string): { usedYamlOnWhole: boolean; problems: number } {
  const slow = slowLoad(text);
  const spy = vi.mocked(parseYamlText);
  spy.mockClear();
  const now = parsePlanText(text, { displayName: 'plan.yaml' });
  const usedYamlOnWhole = spy.mock.calls.some(([t]) => t === text);
  expect(now.problems, text).toEqual(slow.problems);
  expect(JSON.stringify(now.plan)).toBe(JSON.stringify(slow.plan));
  return { usedYamlOnWhole, problems: now.problems.length };
}

/** Replaces the `nth` (0-based, modulo their number) match of `pattern` in `text`; throws when there is none. */
function replaceNth(text: string, pattern: RegExp, nth: number, replace: (match: string) => string): string {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const count = text.match(re)?.length ?? 0;
  if (count === 0) throw new Error(`fault not injected: ${pattern}`);
  nth %= count;
  let seen = 0;
  let done = false;
  const out = text.replace(re, (m) => {
    if (seen++ !== nth) return m;
    done = true;
    return replace(m);
  });
  if (!done) throw new Error(`fault not injected: ${pattern} #${nth}`);
  return out;
}

/** Schema and semantic faults: js-yaml reads these plans; only positions are needed. */
const SEMANTIC_FAULTS: [string, (text: string, n: number) => string][] = [
  ['a misspelt key', (t, n) => replaceNth(t, /^ {4}title: /m, n, () => '    titel: ')],
  ['a misspelt key in a flow mapping', (t, n) => replaceNth(t, /scores: \{ compatibility:/, n, () => 'scores: { compatability:')],
  ['text where a number goes', (t, n) => replaceNth(t, /effort: \d+(\.\d+)?$/m, n, () => 'effort: eight')],
  ['a quoted number', (t, n) => replaceNth(t, /effort: (\d+)$/m, n, (m) => m.replace(/(\d+)$/, '"$1"'))],
  ['a value not in the list', (t, n) => replaceNth(t, /^ {4}impact: \w+$/m, n, () => '    impact: hgih')],
  ['a score out of range', (t, n) => replaceNth(t, /compatibility: \d/, n, () => 'compatibility: 9')],
  ['an impossible date', (t) => t.replace(/^start: .*$/m, 'start: 2026-02-30')],
  ['an unknown dependency', (t, n) => replaceNth(t, /depends_on: \[/, n, () => 'depends_on: [c99999-nope, ')],
  ['a dependency on a task', (t, n) => replaceNth(t, /depends_on: \[/, n + 1, () => `depends_on: [${/^ {6}- id: (\S+)$/m.exec(t)![1]}, `)],
  ['a missing field', (t, n) => replaceNth(t, /^ {4}title: .*\n/m, n, () => '')],
  ['an empty value', (t, n) => replaceNth(t, /^ {4}owner: .*$/m, n, () => '    owner:')],
  ['an empty value at the end of a flow mapping', (t, n) => replaceNth(t, /business-value: \d \}/, n, () => 'business-value: }')],
  ['an empty list item', (t, n) => replaceNth(t, /^ {10}- Make the change$/m, n, () => '          -')],
  ['an invalid id', (t, n) => replaceNth(t, /^ {6}- id: \S+$/m, n, () => '      - id: "bad id!"')],
  ['a duplicate component id', (t, n) => replaceNth(t, /^ {2}- id: \S+$/m, n + 1, () => `  - id: ${/^ {2}- id: (\S+)$/m.exec(t)![1]}`)],
  ['an unknown top-level key', (t) => t.replace(/^scheduling:$/m, 'sceduling:')],
  ['a list where a mapping goes', (t) => t.replace(/^calendar:$/m, 'calendar: []\nold_calendar:')],
  ['a string for the whole components list', (t) => t.replace(/^components:$/m, 'components: none\nold_components:')],
  ['a bad comparison in a metric', (t, n) => replaceNth(t, /target: ">= \d+"/, n, () => 'target: "=> 5"')],
  ['a typo key and a bad reference together', (t, n) =>
    replaceNth(replaceNth(t, /^ {4}title: /m, n, () => '    titel: '), /depends_on: \[/, n + 2, () => 'depends_on: [nope, ')],
];

function cycleFault(text: string): string {
  const ids = [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]!);
  const a = ids[ids.length - 3]!;
  const b = ids[ids.length - 2]!;
  let out = text.replace(new RegExp(`^( {2}- id: ${a}\\n)`, 'm'), `$1    depends_on: [${b}]\n`);
  out = out.replace(new RegExp(`^( {2}- id: ${b}\\n)`, 'm'), `$1    depends_on: [${a}]\n`);
  return out;
}

describe('schema and semantic faults in a plan js-yaml reads', () => {
  const plans = [1, 2].map((seed) => generatePlan({ components: 30, seed }).text);

  it.each(SEMANTIC_FAULTS)('%s: same problems as the slow path, without yaml', (_label, inject) => {
    for (const plan of plans) {
      for (const n of [0, 7, 19]) {
        const text = inject(plan, n);
        const { usedYamlOnWhole, problems } = expectSameAsSlow(text);
        expect(problems).toBeGreaterThan(0);
        expect(usedYamlOnWhole).toBe(false);
      }
    }
  });

  it('a dependency cycle: same problems as the slow path, without yaml', () => {
    for (const plan of plans) {
      const { usedYamlOnWhole, problems } = expectSameAsSlow(cycleFault(plan));
      expect(problems).toBeGreaterThan(0);
      expect(usedYamlOnWhole).toBe(false);
    }
  });

  it('the same plan written as JSON', () => {
    const plan = generatePlan({ components: 20, seed: 5 });
    const value = parseYamlText(plan.text).value as { components: { title?: string; titel?: string }[] };
    const c = value.components[11]!;
    c.titel = c.title;
    delete c.title;
    const { usedYamlOnWhole, problems } = expectSameAsSlow(JSON.stringify(value, null, 2));
    expect(problems).toBeGreaterThan(0);
    expect(usedYamlOnWhole).toBe(false);
  });

  it('a valid plan still loads with no problem and without yaml', () => {
    const { usedYamlOnWhole, problems } = expectSameAsSlow(plans[0]!);
    expect(problems).toBe(0);
    expect(usedYamlOnWhole).toBe(false);
  });
});

describe('a syntax fault in a plan big enough for the window', () => {
  it('gives the problems of the slow path, and yaml never reads the whole text', () => {
    const { text } = generatePlan({ components: 1000, seed: 6 });
    expect(text.length).toBeGreaterThan(WINDOW_FROM_CHARS);
    const lines = text.split('\n');
    const at = lines.findIndex((line, i) => i > lines.length * 0.6 && /^ {4}scores: \{.*\}$/.test(line));
    lines[at] = lines[at]!.slice(0, -2);
    const { usedYamlOnWhole, problems } = expectSameAsSlow(lines.join('\n'));
    expect(problems).toBeGreaterThan(0);
    expect(usedYamlOnWhole).toBe(false);
  });
});
