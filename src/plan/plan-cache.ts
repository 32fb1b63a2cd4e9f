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
 * A plan's schedule depends on the plan alone, and scheduling a big plan costs several times what
 * reading its schedule back does, so schedules (and the part `status` reads) are kept the same way
 * beside the plans (`schedules/`, keyed on the same things), for the commands that schedule
 * before they fold the journal.
 *
 * Folding a journal depends on the plan and the journal's files alone, and re-reading a fold
 * costs a fraction of parsing and folding 30,000 lines again, so folds are kept too (`journals/`,
 * keyed on the plan's bytes, the sha256 of the journal files' names and text, and the build): any
 * changed byte of any journal file is another key.
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
import type { Schedule } from '../core/schedule-types.js';
import type { JournalState } from '../core/journal.js';
import type { StatusJournal } from '../core/status.js';
import { VERSION } from '../cli/version.js';

export interface PlanCache {
  /** Directory holding the entries. */
  dir: string;
  /** Identifies the code that validated the plan; part of every key. */
  fingerprint: string;
}

const FORMAT = 'roadmap.plan-cache/v1';
/** Enough for every plan a person switches between (per directory: plans, schedules); the oldest go first. */
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

function keyFor(contentHash: string, cache: PlanCache, format: string = FORMAT): string {
  return createHash('sha256').update(`${format}\0${contentHash}\0${VERSION}\0${PLAN_VERSION}\0${cache.fingerprint}`).digest('hex');
}

function schedulesDir(cache: PlanCache): string {
  return path.join(path.dirname(cache.dir), 'schedules');
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
  writeEntry(cache.dir, key, json);
}

/**
 * What is cached per plan besides the plan itself: its whole schedule, the part of it that
 * `roadmap status` reads (status.ts statusScheduleOf), which is a fraction of the size to read,
 * and likewise the part of the plan status reads (status.ts statusPlanOf).
 */
export type DerivedKind = 'schedule' | 'status-schedule' | 'status-plan';

const derivedFormat = (kind: DerivedKind) => `roadmap.${kind}-cache/v1`;

/** The value of this kind stored for a plan loaded from these bytes (by their sha256), or undefined. */
export function readCachedDerived<T extends object>(kind: DerivedKind, contentHash: string, cache: PlanCache | undefined): T | undefined {
  if (!cache || contentHash === '') return undefined;
  const format = derivedFormat(kind);
  const key = keyFor(contentHash, cache, format);
  try {
    const entry = JSON.parse(readFileSync(path.join(schedulesDir(cache), `${key}.json`), 'utf8')) as { format?: unknown; key?: unknown; value?: unknown };
    if (entry.format !== format || entry.key !== key || entry.value === null || typeof entry.value !== 'object') return undefined;
    return entry.value as T;
  } catch {
    return undefined;
  }
}

/**
 * Stores a value derived from a plan loaded from these bytes, unless JSON cannot carry it exactly:
 * a hit must be indistinguishable from computing it again, so a key holding undefined, a -0, a
 * non-finite number or anything but plain objects and arrays keeps it out.
 */
export function writeCachedDerived(kind: DerivedKind, contentHash: string, value: object, cache: PlanCache | undefined): void {
  if (!cache || contentHash === '') return;
  const format = derivedFormat(kind);
  const key = keyFor(contentHash, cache, format);
  let json: string;
  try {
    if (!carriedExactly(value)) return;
    json = JSON.stringify({ format, key, value });
  } catch {
    // Cyclic or too deep: not something a schedule is, and never worth a failed command.
    return;
  }
  writeEntry(schedulesDir(cache), key, json);
}

/**
 * Whether JSON.parse(JSON.stringify(value)) gives back an equal value: plain objects and arrays
 * of strings, booleans, null and finite numbers other than -0, and no key holding undefined.
 * A loop rather than a JSON.stringify replacer, which costs a call per value (~0.25 s for the
 * part of a 10k-component schedule that status keeps).
 */
function carriedExactly(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!carriedExactly(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (Object.hasOwn(value, key) && !carriedExactly((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * The value of this kind for `plan`, loaded from bytes whose sha256 is `contentHash`: the stored
 * one when there is one, else `compute(plan)`, stored for next time. `compute` (the scheduler) is
 * passed in so that loading plans never loads it.
 */
export function cachedDerived<T extends object>(
  kind: DerivedKind,
  contentHash: string,
  plan: Plan,
  compute: (plan: Plan) => T,
  cache: PlanCache | undefined = defaultPlanCache(),
): T {
  const hit = readCachedDerived<T>(kind, contentHash, cache);
  if (hit) return hit;
  const value = compute(plan);
  writeCachedDerived(kind, contentHash, value, cache);
  return value;
}

export const readCachedSchedule = (contentHash: string, cache: PlanCache | undefined): Schedule | undefined =>
  readCachedDerived<Schedule>('schedule', contentHash, cache);

export const writeCachedSchedule = (contentHash: string, schedule: Schedule, cache: PlanCache | undefined): void =>
  writeCachedDerived('schedule', contentHash, schedule, cache);

/** The schedule of `plan` (see cachedDerived). */
export function cachedSchedule(contentHash: string, plan: Plan, compute: (plan: Plan) => Schedule, cache: PlanCache | undefined = defaultPlanCache()): Schedule {
  return cachedDerived('schedule', contentHash, plan, compute, cache);
}

function journalsDir(cache: PlanCache): string {
  return path.join(path.dirname(cache.dir), 'journals');
}

/**
 * What is cached per plan and journal: the whole fold, and the part of it `roadmap status` reads
 * (status.ts statusJournalOf), with the fields of each that are lists and that are Maps (stored
 * as lists of entries, in their order).
 */
const FOLDS = {
  'journal-fold': {
    lists: ['events', 'changes', 'notes', 'standups', 'baselines', 'conflicts', 'problems', 'authors'],
    maps: ['statuses', 'ruleEvents', 'measurements'],
  },
  'status-fold': {
    lists: ['events', 'baselines', 'conflicts', 'problems', 'authors'],
    maps: ['statuses', 'measurements'],
  },
} as const;
type FoldKind = keyof typeof FOLDS;
interface FoldOf {
  'journal-fold': JournalState;
  'status-fold': StatusJournal;
}
const foldFormat = (kind: FoldKind) => `roadmap.${kind}-cache/v1`;

/** The fold of this kind stored for this plan and these journal files (journal-io.ts journalFilesHash), or undefined. */
export function readCachedFold<K extends FoldKind>(kind: K, planHash: string, journalHash: string, cache: PlanCache | undefined): FoldOf[K] | undefined {
  if (!cache || planHash === '' || journalHash === '') return undefined;
  const format = foldFormat(kind);
  const key = keyFor(`${planHash}\0${journalHash}`, cache, format);
  try {
    const entry = JSON.parse(readFileSync(path.join(journalsDir(cache), `${key}.json`), 'utf8')) as { format?: unknown; key?: unknown; value?: Record<string, unknown> | null };
    const stored = entry.value;
    if (entry.format !== format || entry.key !== key || stored === null || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
    const { lists, maps } = FOLDS[kind];
    if (!lists.every((k) => Array.isArray(stored[k])) || !maps.every((k) => isEntryList(stored[k]))) return undefined;
    if (stored.lastEventAt !== undefined && typeof stored.lastEventAt !== 'string') return undefined;
    if (kind === 'status-fold' && typeof stored.eventCount !== 'number') return undefined;
    // Same keys in the same order, the Maps rebuilt in place.
    const fold: Record<string, unknown> = { ...stored };
    for (const k of maps) fold[k] = new Map(stored[k] as [string, unknown][]);
    return fold as unknown as FoldOf[K];
  } catch {
    return undefined;
  }
}

function isEntryList(value: unknown): value is [string, unknown][] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'string') return false;
  return true;
}

/** Stores a fold of this kind, unless JSON cannot carry it exactly (see writeCachedDerived). */
export function writeCachedFold<K extends FoldKind>(kind: K, planHash: string, journalHash: string, fold: FoldOf[K], cache: PlanCache | undefined): void {
  if (!cache || planHash === '' || journalHash === '') return;
  const format = foldFormat(kind);
  const key = keyFor(`${planHash}\0${journalHash}`, cache, format);
  // Same key order as the fold itself, so a hit prints the same.
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fold)) value[k] = v instanceof Map ? [...v] : v;
  let json: string;
  try {
    if (!carriedExactly(value)) return;
    json = JSON.stringify({ format, key, value });
  } catch {
    return;
  }
  writeEntry(journalsDir(cache), key, json);
}

export const readCachedJournalFold = (planHash: string, journalHash: string, cache: PlanCache | undefined): JournalState | undefined =>
  readCachedFold('journal-fold', planHash, journalHash, cache);

export const writeCachedJournalFold = (planHash: string, journalHash: string, state: JournalState, cache: PlanCache | undefined): void =>
  writeCachedFold('journal-fold', planHash, journalHash, state, cache);

/**
 * The fold of the journal read as `journalHash()` describes it, against the plan loaded from bytes
 * whose sha256 is `planHash`: the stored one when there is one, else `fold()`, stored for next
 * time if `keep(fold)` says so. The hash is only worked out when there is a cache to look in.
 */
export function cachedJournalFold(
  planHash: string,
  journalHash: () => string,
  fold: () => JournalState,
  cache: PlanCache | undefined = defaultPlanCache(),
  keep: (fold: JournalState) => boolean = () => true,
): JournalState {
  if (!cache || planHash === '') return fold();
  const hash = journalHash();
  const hit = readCachedJournalFold(planHash, hash, cache);
  if (hit) return hit;
  const state = fold();
  if (keep(state)) writeCachedJournalFold(planHash, hash, state, cache);
  return state;
}

/** Writes one entry to a temp file and renames it into place, then prunes; silent on failure. */
function writeEntry(dir: string, key: string, json: string): void {
  const target = path.join(dir, `${key}.json`);
  const temp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, json, { mode: 0o600 });
    renameSync(temp, target);
    prune(dir);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // No such directory (a file stands where it should be): there is no temp file either.
    }
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
