/**
 * `roadmap status` on a warm cache reads only the part of the plan it needs (status.ts
 * statusPlanOf), the part of the schedule it needs and the cached fold of the journal. It must
 * print exactly what a run without any cache prints, whatever changed in between.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldJournal } from '../../src/core/journal.js';
import { schedulePlan } from '../../src/core/schedule.js';
import { computeStatus, statusJournalOf, statusPlanOf, statusScheduleOf } from '../../src/core/status.js';
import { parsePlanText } from '../../src/plan/load-plan.js';
import { readCachedDerived, readCachedFold, writeCachedDerived, writeCachedFold, type PlanCache } from '../../src/plan/plan-cache.js';
import { events, measure, status } from '../core/status-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-status-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the parts of a plan and a fold status reads', () => {
  it.each(['plans/codon-migration.yaml', 'plans/crdt-backup-rollout.yaml'])('gives the status of the whole plan, also read back from the cache (%s)', (file) => {
    const plan = parsePlanText(readFileSync(path.join(repoRoot, file), 'utf8')).plan;
    if (!plan) throw new Error(`${file} does not load`);
    const task = plan.components.flatMap((c) => c.tasks)[0]!.id;
    const journal = foldJournal(
      plan,
      events([
        status(plan.components[0]!.id, 'doing', '2026-11-03T09:00:00.000Z'),
        status(task, 'blocked', '2026-11-04T09:00:00.000Z', 'Bo', 'waiting'),
        status(plan.rollback[0]!.id, 'rolled-back', '2026-11-05T09:00:00.000Z'),
        ...plan.metrics.map((m, i) => measure(m.id, i * 7.5, '2026-11-06T09:00:00.000Z')),
      ]),
    );
    const schedule = statusScheduleOf(schedulePlan(plan));
    const cache: PlanCache = { dir: path.join(dir, 'plans'), fingerprint: 'build-1' };
    writeCachedDerived('status-plan', 'a'.repeat(64), statusPlanOf(plan), cache);
    const part = readCachedDerived<ReturnType<typeof statusPlanOf>>('status-plan', 'a'.repeat(64), cache);
    expect(part).toStrictEqual(statusPlanOf(plan));
    writeCachedFold('status-fold', 'a'.repeat(64), 'b'.repeat(64), statusJournalOf(journal), cache);
    const fold = readCachedFold('status-fold', 'a'.repeat(64), 'b'.repeat(64), cache);
    expect(fold).toStrictEqual(statusJournalOf(journal));
    // Only what the rollback rules read is kept of the events, and the count of all of them.
    expect(fold!.events.length).toBeLessThan(journal.events.length);
    expect(fold!.eventCount).toBe(journal.events.length);
    // Neither kind of fold is read as the other.
    expect(readCachedFold('journal-fold', 'a'.repeat(64), 'b'.repeat(64), cache)).toBeUndefined();
    for (const today of ['2026-11-02', '2026-11-20', '2027-03-01']) {
      const whole = computeStatus(plan, schedule, journal, today, { now: `${today}T10:00:00.000Z` });
      expect(computeStatus(part!, schedule, journal, today, { now: `${today}T10:00:00.000Z` })).toStrictEqual(whole);
      expect(computeStatus(part!, schedule, fold!, today, { now: `${today}T10:00:00.000Z` })).toStrictEqual(whole);
    }
  });
});

const bin = path.join(repoRoot, 'bin', 'roadmap.js');
const built = existsSync(path.join(repoRoot, 'dist', 'cli', 'process.js'));

describe.skipIf(!built)('status on a warm cache, through the built CLI', () => {
  const setup = () => {
    const planFile = path.join(dir, 'codon.yaml');
    copyFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), planFile);
    const env = { ...process.env, ROADMAP_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' };
    delete env.ROADMAP_NO_CACHE;
    const run = (args: string[], extra: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [bin, ...args], { env: { ...env, ...extra }, encoding: 'utf8', cwd: dir, timeout: 60_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const statusArgs = ['status', 'codon.yaml', '--today', '2026-11-20', '--now', '2026-11-20T10:00:00Z'];
    /** The same status twice through the cache (a miss, then a hit) and once without any cache. */
    const check = (...extra: string[]) => {
      const cold = run([...statusArgs, ...extra]);
      const warm = run([...statusArgs, ...extra]);
      const uncached = run([...statusArgs, ...extra], { ROADMAP_NO_CACHE: '1' });
      expect(warm).toEqual(uncached);
      expect(cold).toEqual(uncached);
      return warm;
    };
    return { planFile, run, check };
  };

  it('prints what an uncached run prints, before and after the plan and the journal change', () => {
    const { planFile, run, check } = setup();
    check('--json');
    check();
    expect(check('--baseline', 'latest').stderr).toContain('no baseline yet');
    const entries = () => readdirSync(path.join(dir, 'cache', 'schedules')).length;
    // The plan, its schedule part and its status part.
    expect(entries()).toBe(2);
    expect(readdirSync(path.join(dir, 'cache', 'plans'))).toHaveLength(1);

    expect(run(['track', 'codon.yaml', 'plugin-registry', 'done', '--at', '2026-11-19T09:00:00Z']).code).toBe(0);
    expect(check().stdout).toContain('1/18 tasks');

    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/^title: .*$/m, 'title: Renamed migration'));
    expect(check('--json').stdout).toContain('"title": "Renamed migration"');
    // `track` stored the whole schedule; the renamed plan has two parts of its own.
    expect(entries()).toBe(5);
  });

  it('prints a plan warning on every run: a plan with a problem is never cached in part', () => {
    const { planFile, check } = setup();
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('depends_on: [dynamic-feature-detection]', 'depends_on: [dynamic-feature-detection, dynamic-feature-detection]'));
    const warm = check();
    expect(warm.code).toBe(0);
    expect(warm.stderr).toContain('twice');
  });

  it('compares with a baseline in the journal, which needs the whole plan', () => {
    const { run, check } = setup();
    check();
    expect(run(['baseline', 'codon.yaml', 'save', '--at', '2026-11-02T09:00:00Z', '--today', '2026-11-02']).code).toBe(0);
    expect(run(['track', 'codon.yaml', 'plugin-registry', 'done', '--at', '2026-11-19T09:00:00Z']).code).toBe(0);
    expect(check('--json').stdout).toContain('"baseline"');
    // With a baseline the whole fold is stored too: the comparison reads it.
    expect(readdirSync(path.join(dir, 'cache', 'journals')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect(check().code).toBe(0);
    expect(check('--baseline', 'nope').stderr).toContain('no baseline "nope"');
  });

  it.each(['schedules', 'journals'])('treats damaged parts in %s as a miss', (kind) => {
    const { run, check } = setup();
    expect(run(['track', 'codon.yaml', 'plugin-registry', 'done', '--at', '2026-11-19T09:00:00Z']).code).toBe(0);
    const first = check('--json');
    const entries = path.join(dir, 'cache', kind);
    for (const name of readdirSync(entries)) {
      const file = path.join(entries, name);
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    }
    expect(check('--json')).toEqual(first);
  });
});
