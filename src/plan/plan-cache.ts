/**
 * A content-addressed cache of validated plans. Reading, parsing and validating a plan costs far
 * more than reading the same plan back as JSON (a 10,000-component plan: about a second against a
 * tenth of one), and most commands run again and again on an unchanged plan. Only plans that
 * loaded with no problem at all are stored, so a hit returns exactly what a full load would.
 *
 * The key is the sha256 of the plan's bytes plus roadmap's version, the plan format version and a
 * fingerprint of the running build (so a rebuilt or upgraded roadmap never reads an older
 * roadmap's verdict). Entries are written to a temp file and renamed into place, so a reader sees
 * a whole entry or none; anything unreadable is a miss. Every failure is silent: the cache only
 * ever saves time.
 *
 * Where: $ROADMAP_CACHE_DIR, else $XDG_CACHE_HOME/roadmap, else ~/.cache/roadmap.
 * ROADMAP_NO_CACHE=1 turns it off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAN_VERSION, type Plan } from '../core/plan-schema.js';
import { VERSION } from '../cli/version.js';

export interface PlanCache {
  /** Directory holding the entries. */
  dir: string;
  /** Identifies the code that validated the plan; part of every key. */
  fingerprint: string;
}

const FORMAT = 'roadmap.plan-cache/v1';
/** Enough for every plan a person switches between; the oldest entries go first. */
export const MAX_ENTRIES = 32;

/**
 * The cache for this process, or undefined when it is off. It is off when the loader runs from
 * TypeScript sources (the test runner): they change without a version bump or a build.
 */
export function defaultPlanCache(env: Readonly<Record<string, string | undefined>> = process.env): PlanCache | undefined {
  if (env.ROADMAP_NO_CACHE !== undefined && env.ROADMAP_NO_CACHE !== '' && env.ROADMAP_NO_CACHE !== '0') return undefined;
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.js')) return undefined;
  let fingerprint: string;
  try {
    const stat = statSync(self);
    fingerprint = `${stat.size}-${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
  const base = env.ROADMAP_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'roadmap');
  return { dir: path.join(base, 'plans'), fingerprint };
}

function keyFor(contentHash: string, cache: PlanCache): string {
  return createHash('sha256').update(`${FORMAT}\0${contentHash}\0${VERSION}\0${PLAN_VERSION}\0${cache.fingerprint}`).digest('hex');
}

/** The validated plan stored for these bytes (by their sha256), or undefined. */
export function readCachedPlan(contentHash: string, cache: PlanCache | undefined): Plan | undefined {
  if (!cache || contentHash === '') return undefined;
  const key = keyFor(contentHash, cache);
  try {
    const entry = JSON.parse(readFileSync(path.join(cache.dir, `${key}.json`), 'utf8')) as { format?: unknown; key?: unknown; plan?: unknown };
    if (entry.format !== FORMAT || entry.key !== key || entry.plan === null || typeof entry.plan !== 'object') return undefined;
    return entry.plan as Plan;
  } catch {
    return undefined;
  }
}

/**
 * Stores a plan that loaded with no problems. Plans JSON cannot carry exactly (a -0 anywhere)
 * are not stored: a hit must be indistinguishable from a full load.
 */
export function writeCachedPlan(contentHash: string, plan: Plan, cache: PlanCache | undefined): void {
  if (!cache || contentHash === '') return;
  const key = keyFor(contentHash, cache);
  let exact = true;
  const json = JSON.stringify({ format: FORMAT, key, plan }, (_k, v: unknown) => {
    if (typeof v === 'number' && Object.is(v, -0)) exact = false;
    return v;
  });
  if (!exact) return;
  const target = path.join(cache.dir, `${key}.json`);
  const temp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(temp, json, { mode: 0o600 });
    renameSync(temp, target);
    prune(cache.dir);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** Keeps the newest MAX_ENTRIES entries; also clears temp files a killed writer left behind. */
function prune(dir: string): void {
  const names = readdirSync(dir);
  const stale = Date.now() - 60_000;
  const entries: { file: string; mtime: number }[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const mtime = statSync(file).mtimeMs;
      if (name.endsWith('.tmp')) {
        if (mtime < stale) rmSync(file, { force: true });
      } else if (name.endsWith('.json')) {
        entries.push({ file, mtime });
      }
    } catch {
      // Removed by another process meanwhile.
    }
  }
  if (entries.length <= MAX_ENTRIES) return;
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of entries.slice(MAX_ENTRIES)) rmSync(file, { force: true });
}
