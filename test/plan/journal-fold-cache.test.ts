/**
 * The journal fold cache gives back exactly what parsing and folding the journal gives, for exactly
 * the same plan, journal bytes, file names and build; anything else is a miss, and a miss or a
 * broken cache never changes a result.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldJournal, type JournalState } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { parsePlanText } from '../../src/plan/load-plan.js';
import { journalFilesHash, parseJournalFiles, readJournal, readJournalFiles, type JournalFiles } from '../../src/plan/journal-io.js';
import { cachedJournalFold, readCachedJournalFold, writeCachedJournalFold, type PlanCache } from '../../src/plan/plan-cache.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const examplePlan = (): Plan => {
  const loaded = parsePlanText(readFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), 'utf8'));
  if (!loaded.plan) throw new Error('the example plan does not load');
  return loaded.plan;
};
const PLAN_HASH = 'a'.repeat(64);

let event = 0;
const line = (fields: Record<string, unknown>) => `${JSON.stringify({ v: 1, seq: ++event, ...fields })}\n`;
/** Every kind of event and every kind of problem a fold keeps: statuses on tasks, components and rules, measurements, notes, a conflict, unknown ids, a torn line. */
const anaJournal = () =>
  [
    line({ at: '2026-11-03T09:00:00.000Z', by: 'Ana', type: 'status', target: 'plugin-registry', status: 'doing' }),
    line({ at: '2026-11-04T09:00:00.000Z', by: 'Ana', type: 'status', target: 'dynamic-feature-detection', status: 'done', note: 'all of it' }),
    line({ at: '2026-11-04T10:00:00.000Z', by: 'Ana', type: 'measure', metric: 'analytics-speedup', value: 12.5, source: 'bench', evidence: { path: 'b.json' } }),
    line({ at: '2026-11-04T11:00:00.000Z', by: 'Ana', type: 'note', target: 'analytics-speedup', text: 'first run' }),
    line({ at: '2026-11-05T09:00:00.000Z', by: 'Ana', type: 'status', target: 'immediate', status: 'rolled-back' }),
    line({ at: '2026-11-05T09:00:10.000Z', by: 'Ana', type: 'status', target: 'config-mapping', status: 'blocked', extra: { kept: true } }),
    line({ at: '2026-11-05T10:00:00.000Z', by: 'Ana', type: 'status', target: 'no-such-task', status: 'done' }),
    line({ at: '2026-11-05T11:00:00.000Z', by: 'Ana', type: 'baseline', name: 'kick-off', data: { weeks: 3 } }),
    'not json\n',
  ].join('');
const boJournal = () => [line({ at: '2026-11-05T09:00:20.000Z', by: 'Bo', type: 'status', target: 'config-mapping', status: 'doing' })].join('');

/** JSON of a fold with its Maps as entry lists: equal text means equal keys, order and values. */
const text = (state: JournalState) => JSON.stringify(state, (_k, v: unknown) => (v instanceof Map ? { map: [...v] } : v));

let dir: string;
let cache: PlanCache;
let planFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-fold-cache-'));
  cache = { dir: path.join(dir, 'cache', 'plans'), fingerprint: 'build-1' };
  planFile = path.join(dir, 'codon.yaml');
  copyFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), planFile);
  mkdirSync(path.join(dir, 'codon.journal'));
  writeFileSync(path.join(dir, 'codon.journal', 'ana.jsonl'), anaJournal());
  writeFileSync(path.join(dir, 'codon.journal', 'bo.jsonl'), boJournal());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const display = (f: string) => path.relative(dir, f);
const freshFold = async (plan: Plan) => {
  const read = await readJournal(planFile, { display });
  return foldJournal(plan, read.events, read.problems);
};
const counted = (plan: Plan, files: JournalFiles) => {
  const calls = { folds: 0 };
  const fold = () => {
    calls.folds++;
    const read = parseJournalFiles(files);
    return foldJournal(plan, read.events, read.problems);
  };
  return { calls, get: (...c: [PlanCache | undefined] | []) => cachedJournalFold(PLAN_HASH, () => journalFilesHash(files), fold, c.length === 0 ? cache : c[0]) };
};

describe('journal fold cache', () => {
  it('reads the files the way readJournal parses them', async () => {
    const files = await readJournalFiles(planFile, { display });
    expect(parseJournalFiles(files)).toStrictEqual(await readJournal(planFile, { display }));
  });

  it('gives back exactly the fold: Maps, key order, problems, conflicts and unknown fields included', async () => {
    const plan = examplePlan();
    const fold = await freshFold(plan);
    // The journal above exercises every part of the state.
    expect(fold.conflicts).toHaveLength(1);
    expect(fold.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['journal-bad-line', 'journal-unknown-target', 'journal-conflict']));
    expect(fold.ruleEvents.size).toBe(1);
    expect(fold.measurements.size).toBe(1);
    expect(fold.baselines).toHaveLength(1);
    writeCachedJournalFold(PLAN_HASH, 'b'.repeat(64), fold, cache);
    const hit = readCachedJournalFold(PLAN_HASH, 'b'.repeat(64), cache);
    expect(hit).toStrictEqual(fold);
    expect(text(hit!)).toBe(text(fold));
  });

  it('folds once for an unchanged journal, and again when any byte, file or name changes', async () => {
    const plan = examplePlan();
    const read = () => readJournalFiles(planFile, { display });
    const first = counted(plan, await read());
    const a = first.get();
    expect(first.calls.folds).toBe(1);
    const again = counted(plan, await read());
    expect(text(again.get())).toBe(text(a));
    expect(again.calls.folds).toBe(0);

    // One byte of one line: "doing" -> "dOing" is still a line, now a bad one.
    const ana = path.join(dir, 'codon.journal', 'ana.jsonl');
    writeFileSync(ana, readFileSync(ana, 'utf8').replace('"doing"', '"dOing"'));
    const changed = counted(plan, await read());
    const b = changed.get();
    expect(changed.calls.folds).toBe(1);
    expect(text(b)).toBe(text(await freshFold(plan)));
    expect(text(b)).not.toBe(text(a));

    // An appended event, and a new author's file.
    appendFileSync(ana, line({ at: '2026-11-06T09:00:00.000Z', by: 'Ana', type: 'status', target: 'plugin-registry', status: 'done' }));
    const appended = counted(plan, await read());
    expect(text(appended.get())).toBe(text(await freshFold(plan)));
    expect(appended.calls.folds).toBe(1);
    writeFileSync(path.join(dir, 'codon.journal', 'cy.jsonl'), '');
    const newFile = counted(plan, await read());
    newFile.get();
    expect(newFile.calls.folds).toBe(1);

    // The same bytes shown under another name (events and problems carry it): another key.
    const renamed = await readJournalFiles(planFile, { display: (f) => path.join('elsewhere', display(f)) });
    expect(journalFilesHash(renamed)).not.toBe(journalFilesHash(await read()));
    // Another plan or another build: a miss.
    const files = await read();
    const hash = journalFilesHash(files);
    expect(readCachedJournalFold(PLAN_HASH, hash, cache)).toBeDefined();
    expect(readCachedJournalFold('c'.repeat(64), hash, cache)).toBeUndefined();
    expect(readCachedJournalFold(PLAN_HASH, hash, { ...cache, fingerprint: 'build-2' })).toBeUndefined();
  });

  it('treats a damaged, partial or foreign entry as a miss and folds again', async () => {
    const plan = examplePlan();
    const files = await readJournalFiles(planFile, { display });
    const expected = text(counted(plan, files).get());
    const journals = path.join(dir, 'cache', 'journals');
    const [entry] = readdirSync(journals);
    const file = path.join(journals, entry!);
    const whole = readFileSync(file, 'utf8');
    const spoilt = [
      whole.slice(0, whole.length >> 1),
      '',
      whole.replace('"statuses":[[', '"statuses":[{'),
      whole.replace('"events":[', '"events":{"x":[').replace(',"statuses"', '},"statuses"'),
      JSON.stringify({ format: 'roadmap.plan-cache/v1', key: entry!.slice(0, 64), plan: {} }),
    ];
    for (const content of spoilt) {
      writeFileSync(file, content);
      const again = counted(plan, files);
      expect(text(again.get())).toBe(expected);
      expect(again.calls.folds).toBe(1);
      rmSync(file, { force: true });
      counted(plan, files).get();
    }
  });

  it('works, folding every time, when the cache directory cannot be written', async () => {
    const plan = examplePlan();
    const blocked = path.join(dir, 'not-a-dir');
    writeFileSync(blocked, '');
    const unwritable: PlanCache = { dir: path.join(blocked, 'plans'), fingerprint: 'build-1' };
    const files = await readJournalFiles(planFile, { display });
    const run = counted(plan, files);
    expect(text(run.get(unwritable))).toBe(text(await freshFold(plan)));
    expect(text(run.get(unwritable))).toBe(text(await freshFold(plan)));
    expect(run.calls.folds).toBe(2);
    // No cache at all, or a plan that was not read from bytes: no hashing, no entry.
    const off = counted(plan, files);
    off.get(undefined);
    expect(off.calls.folds).toBe(1);
    expect(cachedJournalFold('', () => 'x', () => foldJournal(plan, []), cache).events).toEqual([]);
    // A fold the caller does not want kept (status keeps the whole fold only with a baseline).
    const unkept = counted(plan, files);
    const skip = () => cachedJournalFold(PLAN_HASH, () => journalFilesHash(files), () => (unkept.calls.folds++, foldJournal(plan, [])), cache, () => false);
    skip();
    skip();
    expect(unkept.calls.folds).toBe(2);
    expect(existsSync(path.join(dir, 'cache', 'journals'))).toBe(false);
  });

  it('does not store a fold JSON cannot carry exactly (-0), nor one of a journal it could not read', async () => {
    const plan = examplePlan();
    writeFileSync(
      path.join(dir, 'codon.journal', 'bo.jsonl'),
      line({ at: '2026-11-05T09:00:00.000Z', by: 'Bo', type: 'measure', metric: 'analytics-speedup', value: -0 }).replace('"value":0', '"value":-0'),
    );
    const files = await readJournalFiles(planFile, { display });
    const fold = counted(plan, files);
    expect(Object.is(fold.get().measurements.get('analytics-speedup')!.at(-1)!.value, -0)).toBe(true);
    fold.get();
    expect(fold.calls.folds).toBe(2);

    // A journal file that is a directory cannot be read: reported on every run, never cached.
    mkdirSync(path.join(dir, 'codon.journal', 'dir.jsonl'));
    const unreadable = await readJournalFiles(planFile, { display });
    expect(journalFilesHash(unreadable)).toBe('');
    const run = counted(plan, unreadable);
    expect(run.get().problems.some((p) => p.code === 'io-journal-read')).toBe(true);
    run.get();
    expect(run.calls.folds).toBe(2);
  });
});

const bin = path.join(repoRoot, 'bin', 'roadmap.js');
const built = existsSync(path.join(repoRoot, 'dist', 'cli', 'process.js'));

describe.skipIf(!built)('journal fold cache through the built CLI', () => {
  it('status prints the same from a cached fold, and sees every new event at once', () => {
    const env = { ...process.env, ROADMAP_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', ROADMAP_AUTHOR: 'Cy' };
    delete env.ROADMAP_NO_CACHE;
    const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
      execFileSync(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: dir, timeout: 60_000 });
    const status = (...extra: string[]) => cli(['status', 'codon.yaml', '--today', '2026-11-20', '--now', '2026-11-20T10:00:00Z', ...extra]);
    const uncached = (...extra: string[]) =>
      cli(['status', 'codon.yaml', '--today', '2026-11-20', '--now', '2026-11-20T10:00:00Z', ...extra], { ROADMAP_NO_CACHE: '1' });
    const first = status('--json');
    // The part of the fold status reads, and (this journal holds a baseline, which status compares
    // with) the whole fold.
    expect(readdirSync(path.join(dir, 'cache', 'journals')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    expect(status('--json')).toBe(first);
    expect(first).toBe(uncached('--json'));
    expect(status()).toBe(uncached());

    cli(['track', 'codon.yaml', 'plugin-registry', 'done', '--at', '2026-11-19T09:00:00Z']);
    const after = status('--json');
    expect(after).not.toBe(first);
    expect(after).toBe(uncached('--json'));
    expect(status()).toBe(uncached());
  });
});
