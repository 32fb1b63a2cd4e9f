/**
 * Fuzzing every loader and every non-interactive command with mutated plans and journals.
 *
 * Plans start from the real ones in plans/ (and the hostile fixture) and are mutated the way hands,
 * merges and attackers mutate files: lines deleted, duplicated, swapped or re-indented; characters
 * flipped; control characters, escape sequences, NUL, tabs, anchors/aliases, `__proto__` keys,
 * huge numbers and random unicode inserted. Journals start from valid events and get torn lines,
 * garbage, valid JSON of the wrong shape, huge values and unknown ids.
 *
 * Whatever the input: no throw, no stack trace, no internal error, an exit code in {0, 1, 3}, and
 * nothing a terminal would act on in stdout or stderr (runs use NO_COLOR, so there is no ESC of
 * our own either). Runs are bounded (numRuns) so the file stays well under a minute on a loaded
 * 2-core machine; set ROADMAP_FUZZ_RUNS to multiply them for a longer local hunt.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldJournal } from '../../src/core/journal.js';
import { stringifyJson } from '../../src/core/sanitize.js';
import { loadPlan, parsePlanText } from '../../src/plan/load-plan.js';
import { journalFile, parseJournalText, readJournal } from '../../src/plan/journal-io.js';
import type { Problem } from '../../src/core/problem.js';
import { examplePlan } from '../helpers/plan-builder.js';
import { runCli } from '../helpers/cli.js';
import { ENV, EXAMPLE_PLANS, HOSTILE_PLAN, REPO, argvFor, expectCleanRun, firstUnsafe, invocations, setupArgvFor, type Invocation } from './support.js';

const SCALE = Math.max(1, Number(process.env.ROADMAP_FUZZ_RUNS ?? 1));
const runs = (n: number) => Math.round(n * SCALE);
/** Per-test ceiling: generous for a loaded machine, and growing with ROADMAP_FUZZ_RUNS. */
const TIMEOUT = 60_000 * SCALE;

const SEEDS = [...EXAMPLE_PLANS, HOSTILE_PLAN].map((file) => ({ file, text: readFileSync(path.join(REPO, file), 'utf8') }));

const ESC = '\u001b';
/** What people, merges and attackers put into YAML. */
const SNIPPETS = [
  `${ESC}[31m`, `${ESC}]0;pwned\u0007`, `${ESC}]8;;http://evil.example/${ESC}\\`, `${ESC}[2J${ESC}[H`, '\u009b31m', '\u009d0;x\u0007',
  '\u202e', '\u2066', '\u0000', '\t', '\r', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800',
  '&a ', '*a', '&a [1, 2]', '<<: *a', '*undefined', '__proto__: 1', '__proto__', 'constructor', '{ __proto__: { polluted: 1 } }',
  '1e400', '-1e400', '.nan', '.inf', '99999999999999999999999999', '0x1F', '0o17', '1_000', '-0',
  '2025-02-30', '9999-12-31', '0000-00-00', '2026-13-01', '+002026-01-01',
  '~', 'null', 'true', 'no', 'y', '? complex', '!!binary aGVsbG8=', '!!str', '!custom ', '!!js/function "f"',
  '%YAML 1.1', '%TAG ! tag:x,2000:', '---', '...', '"unterminated', "'", '{', '}', '[', ']', '|', '>-', '#', ': ', '- ', ',',
  '👩‍💻', 'ＡＢＣ', '中文', 'e\u0301', 'a'.repeat(300),
];

const snippet = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SNIPPETS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

type Mutation =
  | { op: 'delete' | 'duplicate' | 'indent' | 'dedent'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'flip' | 'insert'; line: number; at: number; text: string }
  | { op: 'insertLine' | 'replaceValue'; line: number; text: string }
  | { op: 'truncate'; at: number };

const index = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete', 'duplicate', 'indent', 'dedent'), line: index }),
  fc.record({ op: fc.constant('swap'), line: index, other: index }),
  fc.record({ op: fc.constantFrom('flip', 'insert'), line: index, at: index, text: snippet }),
  fc.record({ op: fc.constantFrom('insertLine', 'replaceValue'), line: index, text: snippet }),
  fc.record({ op: fc.constant('truncate'), at: index }),
) as fc.Arbitrary<Mutation>;

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    if (m.op === 'truncate') {
      const joined = lines.join('\n');
      lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
      continue;
    }
    if (lines.length === 0) lines = [''];
    const i = m.line % lines.length;
    const line = lines[i]!;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'indent':
        lines[i] = `  ${line}`;
        break;
      case 'dedent':
        lines[i] = line.replace(/^ {1,2}/, '');
        break;
      case 'swap': {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'flip': {
        const at = m.at % (line.length + 1);
        lines[i] = line.slice(0, at) + m.text.slice(0, 1) + line.slice(at + 1);
        break;
      }
      case 'insert': {
        const at = m.at % (line.length + 1);
        lines[i] = line.slice(0, at) + m.text + line.slice(at);
        break;
      }
      case 'insertLine':
        lines.splice(i, 0, `${line.match(/^\s*/)![0]}${m.text}`);
        break;
      case 'replaceValue':
        lines[i] = /:\s/.test(line) ? line.replace(/(:\s+).*$/, `$1${m.text}`) : `${line}${m.text}`;
        break;
    }
  }
  return lines.join('\n');
}

const mutatedPlan = fc.record({
  seed: fc.constantFrom(...SEEDS),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
});

/**
 * Keeps the plan loadable more often: only the values of free-text fields change, to YAML
 * double-quoted strings (any character can be written as an escape) full of hostile text. These
 * reach every renderer, where random mutations mostly stop at the loader.
 */
const TEXT_FIELD = /^(\s*(?:- )?(?:title|name|description|note|impact_note|mitigation|monitoring|detection|owner|group|category|unit|project)): .+$/;
const hostileText = fc.array(fc.oneof(fc.constantFrom(...SNIPPETS.filter((s) => !/^[\s'"]*$/.test(s))), fc.string({ unit: 'grapheme', maxLength: 6 })), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('x'));
const hostileValuesPlan = fc.record({
  seed: fc.constantFrom(...SEEDS.slice(0, 2)),
  picks: fc.array(fc.record({ line: index, text: hostileText }), { minLength: 1, maxLength: 8 }),
});

function withHostileValues(text: string, picks: readonly { line: number; text: string }[]): string {
  const lines = text.split('\n');
  const candidates = lines.map((l, i) => (TEXT_FIELD.test(l) ? i : -1)).filter((i) => i >= 0);
  for (const p of picks) {
    const i = candidates[p.line % candidates.length]!;
    // JSON's escapes are valid in YAML double quotes, except that YAML wants \u escapes for all of C0.
    lines[i] = lines[i]!.replace(TEXT_FIELD, `$1: ${JSON.stringify(p.text.slice(0, 10_000))}`).replace(/\\u00([0-9a-f]{2})/gi, '\\x$1');
  }
  return lines.join('\n');
}

/** Problems are data with a stable code and a sane position, never a report of our own crash. */
function expectWellFormedProblems(problems: readonly Problem[], text: string, label: string): void {
  const lineCount = text.split('\n').length;
  for (const p of problems) {
    expect(p.code, label).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.code, `${label}: ${p.message}`).not.toBe('internal-error');
    expect(typeof p.message, label).toBe('string');
    expect(p.message.length, label).toBeGreaterThan(0);
    if (p.line !== undefined) {
      expect(p.line, `${label}: ${p.code} line`).toBeGreaterThanOrEqual(1);
      expect(p.line, `${label}: ${p.code} line`).toBeLessThanOrEqual(lineCount + 1);
      if (p.column !== undefined) expect(p.column, `${label}: ${p.code} column`).toBeGreaterThanOrEqual(1);
    }
  }
}

let work: string;
let counter = 0;
const freshDir = () => {
  const d = path.join(work, String(counter++));
  mkdirSync(d);
  return d;
};

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'roadmap-fuzz-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  // Nothing a plan or journal said may have reached Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('loaders', () => {
  it('parsePlanText: any mutated plan gives positioned problems or a plan, never a throw', () => {
    fc.assert(
      fc.property(mutatedPlan, ({ seed, mutations }) => {
        const text = mutate(seed.text, mutations);
        const loaded = parsePlanText(text, { displayName: 'fuzz.yaml' });
        expectWellFormedProblems(loaded.problems, text, seed.file);
        if (loaded.plan === undefined) expect(loaded.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      {
        numRuns: runs(150),
        // Found by this property: a !!binary value became a Buffer whose methods zod listed as keys,
        // and deleting its elements crashed the loader.
        examples: [[{ seed: { file: 'binary-tag', text: SEEDS[0]!.text.replace(/^calendar:\n( .*\n)*/m, 'calendar: !!binary aGVsbG8=\n') }, mutations: [{ op: 'dedent', line: 0 }] }]],
      },
    );
  }, TIMEOUT);

  it('loadPlan: mutated bytes (invalid UTF-8, BOMs, NUL) give problems, never a throw', async () => {
    const bytePatch = fc.record({ at: index, bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) });
    await fc.assert(
      fc.asyncProperty(mutatedPlan, fc.array(bytePatch, { maxLength: 3 }), fc.constantFrom('', '\ufeff', '\ufeff\ufeff'), async ({ seed, mutations }, patches, bom) => {
        let bytes = Buffer.from(bom + mutate(seed.text, mutations), 'utf8');
        for (const p of patches) {
          const at = p.at % (bytes.length + 1);
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(p.bytes), bytes.subarray(at)]);
        }
        const file = path.join(freshDir(), 'plan.yaml');
        writeFileSync(file, bytes);
        const loaded = await loadPlan(file, { displayName: 'plan.yaml' });
        expectWellFormedProblems(loaded.problems, loaded.text, seed.file);
      }),
      { numRuns: runs(60) },
    );
  }, TIMEOUT);
});

const PLAN_INVOCATIONS = invocations({ task: 'plugin-registry', metric: 'test-coverage', importFile: 'coverage.json' }).filter(
  (inv) => inv.command !== 'schema',
);

async function runInvocation(cwd: string, inv: Invocation): Promise<void> {
  const setup = setupArgvFor(inv, 'plan.yaml');
  if (setup) expectCleanRun(await runCli(setup, { cwd, env: { ...ENV } }), `${setup.join(' ')} (in ${cwd})`);
  const r = await runCli(argvFor(inv, 'plan.yaml'), { cwd, env: { ...ENV } });
  expectCleanRun(r, `${argvFor(inv, 'plan.yaml').join(' ')} (in ${cwd})`, { format: inv.format });
}

function planDir(text: string): string {
  const cwd = freshDir();
  writeFileSync(path.join(cwd, 'plan.yaml'), text);
  copyFileSync(path.join(REPO, 'test/fixtures/imports/c8-coverage-summary.json'), path.join(cwd, 'coverage.json'));
  return cwd;
}

describe('every non-interactive command, in-process', () => {
  it('on randomly mutated plans', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedPlan, fc.subarray(PLAN_INVOCATIONS, { minLength: 1, maxLength: 3 }), async ({ seed, mutations }, picked) => {
        const cwd = planDir(mutate(seed.text, mutations));
        for (const inv of picked) await runInvocation(cwd, inv);
      }),
      { numRuns: runs(40) },
    );
  }, TIMEOUT);

  it('on plans whose text fields are hostile (so they load and reach every renderer)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValuesPlan, fc.subarray(PLAN_INVOCATIONS, { minLength: 2, maxLength: 5 }), async ({ seed, picks }, picked) => {
        const text = withHostileValues(seed.text, picks);
        const cwd = planDir(text);
        for (const inv of picked) await runInvocation(cwd, inv);
      }),
      { numRuns: runs(25) },
    );
  }, TIMEOUT);

  it('the hostile-values generator does produce valid plans (so the property above reaches the renderers)', () => {
    const sample = fc.sample(hostileValuesPlan, { numRuns: 30, seed: 1 });
    const valid = sample.filter(({ seed, picks }) => {
      const loaded = parsePlanText(withHostileValues(seed.text, picks));
      return loaded.plan !== undefined && !loaded.problems.some((p) => p.severity === 'error');
    });
    expect(valid.length).toBeGreaterThan(15);
    expect(sample.some(({ seed, picks }) => firstUnsafe(JSON.stringify(parsePlanText(withHostileValues(seed.text, picks)).plan ?? {}).replace(/\\u00[01][0-9a-f]/g, '\u0001')))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Journals

const CODON = examplePlan('codon-migration');
const TASK_IDS = CODON.components.flatMap((c) => c.tasks.map((t) => t.id));
const METRIC_IDS = CODON.metrics.map((m) => m.id);

const instant = fc.integer({ min: Date.UTC(2026, 10, 2), max: Date.UTC(2026, 11, 20) }).map((t) => new Date(t).toISOString());
const validEvent = fc.oneof(
  fc.record({ type: fc.constant('status'), target: fc.constantFrom(...TASK_IDS, 'immediate'), status: fc.constantFrom('todo', 'doing', 'done', 'blocked', 'skipped'), note: fc.option(fc.string(), { nil: undefined }) }),
  fc.record({ type: fc.constant('measure'), metric: fc.constantFrom(...METRIC_IDS), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
  fc.record({ type: fc.constant('note'), target: fc.constantFrom(...TASK_IDS), text: fc.string({ unit: 'grapheme', maxLength: 30 }) }),
);

/** Lines that are JSON but not events this roadmap can use, or not JSON at all. */
const badLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"v":1,"seq":1,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"status","target":"no-such-task","status":"done"}',
    '{"v":1,"seq":2,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"no-such-metric","value":1}',
    '{"v":1,"seq":3,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"error-rate","value":1e308}',
    '{"v":1,"seq":3,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"error-rate","value":-1e308}',
    '{"v":1,"seq":3,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"error-rate","value":1e999}',
    '{"v":1,"seq":3,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"error-rate","value":"NaN"}',
    '{"v":1,"seq":-1,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"note","target":"cache","text":"x"}',
    '{"v":1,"seq":9007199254740993,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"note","target":"cache","text":"x"}',
    '{"v":1,"seq":4,"at":"+275760-09-13T00:00:00Z","by":"Ana","type":"status","target":"cache-a","status":"done"}',
    '{"v":1,"seq":4,"at":"2026-02-30T00:00:00Z","by":"Ana","type":"status","target":"cache-a","status":"done"}',
    '{"v":1,"seq":5,"at":"2026-11-04T09:00:00Z","by":"","type":"status","target":"cache-a","status":"done"}',
    '{"v":2,"seq":5,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"status","target":"cache-a","status":"done"}',
    '{"v":1,"seq":6,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"rewrite-history"}',
    '{"__proto__":{"polluted":1},"v":1,"seq":7,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"note","target":"cache","text":"x"}',
    '{"v":1,"seq":8,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"note","target":"__proto__","text":"x"}',
    '{"v":1,"seq":8,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"status","target":"constructor","status":"done"}',
    '{"v":1,"seq":8,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"measure","metric":"toString","value":1}',
    `{"v":1,"seq":9,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"note","target":"cache","text":"${'x'.repeat(20_000)}"}`,
    `{"v":1,"seq":10,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"standup","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    `{"v":1,"seq":11,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"baseline","name":"b","data":{"weeks":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    `{"v":1,"seq":12,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"baseline","name":"b","data":{"components":{"__proto__":{"weeks":[1]},"cache":{"weeks":"x"}}}}`,
    '{"v":1,"seq":13,"at":"2026-11-04T09:00:00Z","by":"Ana \\u001b]0;pwned\\u0007\\u202e","type":"status","target":"cache-a","status":"blocked","note":"\\u001b[2J\\u009b31m"}',
    '\u001b[31m{"v":1}',
    '\u0000\u0000\u0000',
    '[',
    '',
  ),
);

type JournalMutation = { op: 'bad'; at: number; line: string } | { op: 'tear' | 'crlf' | 'duplicate' | 'swap'; at: number; other: number };
const journalMutation: fc.Arbitrary<JournalMutation> = fc.oneof(
  fc.record({ op: fc.constant('bad'), at: index, line: badLine }),
  fc.record({ op: fc.constantFrom('tear', 'crlf', 'duplicate', 'swap'), at: index, other: index }),
) as fc.Arbitrary<JournalMutation>;

const journalCase = fc.record({
  events: fc.array(fc.tuple(validEvent, instant, fc.constantFrom('Ana', 'Bo', 'Chen')), { maxLength: 25 }),
  mutations: fc.array(journalMutation, { maxLength: 5 }),
  bom: fc.boolean(),
});

interface JournalCase {
  events: [Record<string, unknown>, string, string][];
  mutations: JournalMutation[];
  bom: boolean;
}

function journalText({ events, mutations, bom }: JournalCase): string {
  const lines = events.map(([e, at, by], i) => JSON.stringify({ v: 1, seq: i + 1, at, by, ...e }));
  let tail = '\n';
  for (const m of mutations) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    if (m.op === 'bad') lines.splice(i, 0, m.line);
    else if (lines.length === 0) continue;
    else if (m.op === 'duplicate') lines.splice(i, 0, lines[i]!);
    else if (m.op === 'swap') [lines[i], lines[m.other % lines.length]] = [lines[m.other % lines.length]!, lines[i]!];
    else if (m.op === 'crlf') lines[i] = `${lines[i]}\r`;
    else {
      // A writer killed mid-line: the last line loses its end.
      const last = lines.at(-1)!;
      lines[lines.length - 1] = last.slice(0, m.other % Math.max(1, last.length));
      tail = '';
    }
  }
  return `${bom ? '\ufeff' : ''}${lines.join('\n')}${lines.length > 0 ? tail : ''}`;
}

describe('journals', () => {
  it('parseJournalText + foldJournal: any text gives events and located problems, never a throw', () => {
    fc.assert(
      fc.property(journalCase, (c) => {
        const text = journalText(c);
        const parsed = parseJournalText(text, 'ana.jsonl');
        for (const p of parsed.problems) {
          expect(p.file).toBe('ana.jsonl');
          expect(p.line).toBeGreaterThanOrEqual(1);
        }
        expectWellFormedProblems(parsed.problems, text, 'journal');
        const state = foldJournal(CODON, parsed.events, parsed.problems);
        expectWellFormedProblems(state.problems, text, 'fold');
      }),
      { numRuns: runs(200) },
    );
  }, TIMEOUT);

  it('a journal cut at any byte keeps every whole line and reports only the torn one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(validEvent, instant), { minLength: 1, maxLength: 15 }), index, (events, cut) => {
        const text = events.map(([e, at], i) => `${JSON.stringify({ v: 1, seq: i + 1, at, by: 'Ana', ...e })}\n`).join('');
        const bytes = Buffer.from(text, 'utf8');
        const torn = bytes.subarray(0, cut % (bytes.length + 1)).toString('utf8');
        const parsed = parseJournalText(torn, 'ana.jsonl');
        const whole = torn.split('\n').length - 1;
        expect(parsed.events).toHaveLength(whole + (torn.endsWith('\n') || torn === '' || !isJson(torn.split('\n').at(-1)!) ? 0 : 1));
        const codes = parsed.problems.map((p) => p.code);
        expect(codes.filter((c) => c !== 'journal-torn-line')).toEqual([]);
        expect(codes.length).toBeLessThanOrEqual(1);
        if (codes.length === 1) expect(parsed.problems[0]!.line).toBe(whole + 1);
      }),
      { numRuns: runs(200) },
    );
  }, TIMEOUT);

  it('every command reading a mutated journal stays clean', async () => {
    const readers = invocations({ task: 'plugin-registry', metric: 'test-coverage' }).filter((i) => !['validate', 'schema'].includes(i.command));
    await fc.assert(
      fc.asyncProperty(journalCase, fc.subarray(readers, { minLength: 1, maxLength: 3 }), async (c, picked) => {
        const cwd = planDir(readFileSync(path.join(REPO, 'plans/codon-migration.yaml'), 'utf8'));
        const file = journalFile(path.join(cwd, 'plan.yaml'), 'Ana');
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, journalText(c));
        const before = await readJournal(path.join(cwd, 'plan.yaml'));
        for (const inv of picked) await runInvocation(cwd, inv);
        if (picked.some((i) => i.writes)) {
          // An append never loses or garbles what was there: the old events are all still read.
          const after = await readJournal(path.join(cwd, 'plan.yaml'));
          expect(after.events.length).toBeGreaterThanOrEqual(before.events.length);
        }
      }),
      { numRuns: runs(30) },
    );
  }, TIMEOUT);
});

describe('stringifyJson', () => {
  it('round-trips any string and leaves nothing a terminal acts on', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 2 }), (s, v) => {
        const text = stringifyJson({ s, v });
        expect(firstUnsafe(text)).toBeUndefined();
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ s, v })));
      }),
      { numRuns: runs(300) },
    );
  }, TIMEOUT);
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
