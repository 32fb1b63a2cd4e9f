/**
 * The plan cache returns exactly what a full load returned, for exactly the same bytes and build,
 * and otherwise nothing. The end-to-end test drives the built CLI (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlanText } from '../../src/plan/load-plan.js';
import {
  MAX_ENTRIES,
  cachedSchedule,
  defaultPlanCache,
  readCachedPlan,
  readCachedSchedule,
  writeCachedPlan,
  writeCachedSchedule,
  type PlanCache,
} from '../../src/plan/plan-cache.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import type { Schedule } from '../../src/core/schedule-types.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const exampleText = readFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), 'utf8');
const examplePlan = (): Plan => {
  const loaded = parsePlanText(exampleText);
  if (!loaded.plan) throw new Error('the example plan does not load');
  return loaded.plan;
};

let dir: string;
let cache: PlanCache;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-plan-cache-'));
  cache = { dir: path.join(dir, 'plans'), fingerprint: 'build-1' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('plan cache', () => {
  it('gives back the stored plan, key order included, for the same bytes and build', () => {
    const plan = examplePlan();
    writeCachedPlan('a'.repeat(64), plan, cache);
    const hit = readCachedPlan('a'.repeat(64), cache);
    expect(hit).toEqual(plan);
    expect(JSON.stringify(hit)).toBe(JSON.stringify(plan));
  });

  it('misses for other bytes, another build, or no cache', () => {
    writeCachedPlan('a'.repeat(64), examplePlan(), cache);
    expect(readCachedPlan('b'.repeat(64), cache)).toBeUndefined();
    expect(readCachedPlan('a'.repeat(64), { ...cache, fingerprint: 'build-2' })).toBeUndefined();
    expect(readCachedPlan('a'.repeat(64), undefined)).toBeUndefined();
    expect(readCachedPlan('', cache)).toBeUndefined();
  });

  it('treats a damaged entry as a miss and leaves no temp files behind', () => {
    writeCachedPlan('a'.repeat(64), examplePlan(), cache);
    const [entry] = readdirSync(cache.dir);
    expect(entry).toMatch(/^[0-9a-f]{64}\.json$/);
    const file = path.join(cache.dir, entry!);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    expect(readCachedPlan('a'.repeat(64), cache)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ format: 'roadmap.plan-cache/v1', key: 'another', plan: {} }));
    expect(readCachedPlan('a'.repeat(64), cache)).toBeUndefined();
  });

  it('does not store a plan JSON cannot carry exactly (-0)', () => {
    const plan = examplePlan();
    plan.scoring.criteria[0]!.weight = -0;
    writeCachedPlan('c'.repeat(64), plan, cache);
    expect(readCachedPlan('c'.repeat(64), cache)).toBeUndefined();
  });

  it(`keeps at most ${MAX_ENTRIES} entries, newest first`, () => {
    const plan = examplePlan();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) writeCachedPlan(i.toString(16).padStart(64, '0'), plan, cache);
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.json'))).toHaveLength(MAX_ENTRIES);
    expect(readCachedPlan((MAX_ENTRIES + 4).toString(16).padStart(64, '0'), cache)).toBeDefined();
    expect(readdirSync(cache.dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('is off when asked, and under the TypeScript sources the tests run', () => {
    expect(defaultPlanCache({ ROADMAP_NO_CACHE: '1' })).toBeUndefined();
    // This test runs src/plan/plan-cache.ts itself: a source edit must never meet a stale verdict.
    expect(defaultPlanCache({})).toBeUndefined();
  });
});

describe('schedule cache', () => {
  const plans = ['plans/codon-migration.yaml', 'plans/crdt-backup-rollout.yaml'];

  it.each(plans)('gives back exactly the schedule of %s: same keys, same order, same values', (file) => {
    const loaded = parsePlanText(readFileSync(path.join(repoRoot, file), 'utf8'));
    if (!loaded.plan) throw new Error(`${file} does not load`);
    const schedule = schedulePlan(loaded.plan);
    writeCachedSchedule('a'.repeat(64), schedule, cache);
    const hit = readCachedSchedule('a'.repeat(64), cache);
    // toStrictEqual also tells a missing key from one holding undefined.
    expect(hit).toStrictEqual(schedule);
    expect(JSON.stringify(hit)).toBe(JSON.stringify(schedule));
  });

  it('schedules once for the same bytes and build, again for other bytes or another build', () => {
    const plan = examplePlan();
    let runs = 0;
    const compute = (p: Plan): Schedule => {
      runs++;
      return schedulePlan(p);
    };
    const first = cachedSchedule('a'.repeat(64), plan, compute, cache);
    const second = cachedSchedule('a'.repeat(64), plan, compute, cache);
    expect(runs).toBe(1);
    expect(second).toStrictEqual(first);
    cachedSchedule('b'.repeat(64), plan, compute, cache);
    cachedSchedule('a'.repeat(64), plan, compute, { ...cache, fingerprint: 'build-2' });
    cachedSchedule('a'.repeat(64), plan, compute, undefined);
    expect(runs).toBe(4);
    // A schedule is not a plan: the plan entries are untouched.
    expect(readCachedPlan('a'.repeat(64), cache)).toBeUndefined();
  });

  it('does not store a schedule JSON cannot carry exactly', () => {
    const plan = examplePlan();
    const cases: [string, (s: Schedule) => void][] = [
      ['a key holding undefined', (s) => Object.assign(s.components[0]!, { slack: undefined })],
      ['-0', (s) => (s.components[0]!.effort = -0)],
      ['NaN', (s) => (s.weeks[0]!.used = Number.NaN)],
      ['a Date', (s) => Object.assign(s, { projectedFrom: new Date(0) })],
      ['a Map', (s) => Object.assign(s.components[0]!, { actual: new Map() })],
      ['a hole in an array', (s) => (s.components[0]!.reasons.length += 1)],
      ['a cycle', (s) => Object.assign(s.components[0]!, { actual: s })],
    ];
    cases.forEach(([, spoil], i) => {
      const schedule = schedulePlan(plan);
      spoil(schedule);
      const hash = String(i).repeat(64);
      writeCachedSchedule(hash, schedule, cache);
      expect(readCachedSchedule(hash, cache)).toBeUndefined();
    });
  });

  it(`keeps at most ${MAX_ENTRIES} schedules too (big plans make big entries), newest first`, () => {
    const schedule = schedulePlan(examplePlan());
    const hash = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < MAX_ENTRIES + 3; i++) writeCachedSchedule(hash(i), schedule, cache);
    expect(readdirSync(path.join(dir, 'schedules')).filter((f) => f.endsWith('.json'))).toHaveLength(MAX_ENTRIES);
    expect(readCachedSchedule(hash(MAX_ENTRIES + 2), cache)).toBeDefined();
  });

  it('treats a damaged or foreign entry as a miss', () => {
    writeCachedSchedule('a'.repeat(64), schedulePlan(examplePlan()), cache);
    const schedules = path.join(dir, 'schedules');
    const [entry] = readdirSync(schedules);
    const file = path.join(schedules, entry!);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    expect(readCachedSchedule('a'.repeat(64), cache)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ format: 'roadmap.plan-cache/v1', key: entry!.slice(0, 64), plan: {} }));
    expect(readCachedSchedule('a'.repeat(64), cache)).toBeUndefined();
  });
});

const bin = path.join(repoRoot, 'bin', 'roadmap.js');
const built = existsSync(path.join(repoRoot, 'dist', 'cli', 'process.js'));

describe.skipIf(!built)('plan cache through the built CLI', () => {
  it('stores a valid plan on the first run, reads it on the second, and never hides a new problem', () => {
    const planFile = path.join(dir, 'codon.yaml');
    copyFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), planFile);
    const env = { ...process.env, ROADMAP_CACHE_DIR: dir, NO_COLOR: '1' };
    delete env.ROADMAP_NO_CACHE;
    const run = () => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [bin, 'validate', planFile, '--json'], { env, encoding: 'utf8', cwd: dir, timeout: 60_000 }) };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const first = run();
    expect(first.code).toBe(0);
    expect(readdirSync(path.join(dir, 'plans')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = run();
    expect(second).toEqual(first);

    // Same plan with a dangling reference: different bytes, so a full load reports it.
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('depends_on: [dynamic-feature-detection]', 'depends_on: [no-such-thing]'));
    const broken = run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('no-such-thing');
  });

  it('status schedules on the first run, reads the schedule on the second, and prints the same', () => {
    const planFile = path.join(dir, 'codon.yaml');
    copyFileSync(path.join(repoRoot, 'plans/codon-migration.yaml'), planFile);
    const env = { ...process.env, ROADMAP_CACHE_DIR: dir, NO_COLOR: '1' };
    delete env.ROADMAP_NO_CACHE;
    const status = (...extra: string[]) =>
      execFileSync(process.execPath, [bin, 'status', planFile, '--today', '2026-12-01', '--now', '2026-12-01T10:00:00Z', ...extra], {
        env,
        encoding: 'utf8',
        cwd: dir,
        timeout: 60_000,
      });
    const first = status('--json');
    // The part of the schedule status reads, and the part of the plan.
    expect(readdirSync(path.join(dir, 'schedules')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    expect(status('--json')).toBe(first);
    const text = status();
    expect(status()).toBe(text);
    expect(status('--json')).toBe(execFileSync(process.execPath, [bin, 'status', planFile, '--today', '2026-12-01', '--now', '2026-12-01T10:00:00Z', '--json'], {
      env: { ...env, ROADMAP_NO_CACHE: '1' },
      encoding: 'utf8',
      cwd: dir,
      timeout: 60_000,
    }));
  });
});
