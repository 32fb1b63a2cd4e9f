/**
 * The journal: what happened to a plan, as append-only events. Statuses and measurements never
 * live in the plan file; they live here, one JSONL file per author at
 * `<plan dir>/<plan name>.journal/<author-slug>.jsonl`, so that several people can track the same
 * plan through git without merge conflicts (each author only ever appends to their own file).
 *
 * Every line is one event: `{ "v": 1, "seq": 3, "at": "2026-11-04T09:12:00.000Z", "by": "Ana",
 * "type": "status", "target": "plugin-registry", "status": "done" }`.
 *
 * | type       | fields                                                                         |
 * |------------|--------------------------------------------------------------------------------|
 * | `status`   | `target` (task, component or rollback rule id), `status`, `note?`              |
 * | `measure`  | `metric`, `value`, `evidence?` `{ path?, url?, sha256? }`, `note?`, `source?`  |
 * | `note`     | `target`, `text`                                                               |
 * | `standup`  | `data` (owned by the standup; kept opaque here)                                |
 * | `baseline` | `name`, `data` (a schedule snapshot for plan-vs-actual; opaque here)           |
 *
 * Folding sorts events by (at, by, seq) so the result is the same whatever order files are read in.
 */
import { z } from 'zod';
import { didYouMean } from './nearest-id.js';
import { daysFromCivil } from './calendar.js';
import type { Plan } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import {
  TRACKED_STATUSES,
  type Evidence,
  type IsoDateTime,
  type JournalConflict,
  type MeasureSource,
  type Measurement,
  type TrackedStatus,
} from './status-types.js';

export const JOURNAL_VERSION = 1;

interface EventBase {
  v: 1;
  /** Per-author sequence number, strictly increasing within one author's file. */
  seq: number;
  /** ISO 8601 instant, UTC. */
  at: IsoDateTime;
  /** The author's display name. */
  by: string;
}

export interface StatusEvent extends EventBase {
  type: 'status';
  target: string;
  status: TrackedStatus;
  note?: string;
}

export interface MeasureEvent extends EventBase {
  type: 'measure';
  metric: string;
  value: number;
  evidence?: { path?: string; url?: string; sha256?: string };
  note?: string;
  source?: MeasureSource;
}

export interface NoteEvent extends EventBase {
  type: 'note';
  target: string;
  text: string;
}

export interface StandupEvent extends EventBase {
  type: 'standup';
  data: unknown;
}

export interface BaselineEvent extends EventBase {
  type: 'baseline';
  name: string;
  data: unknown;
}

export type JournalEvent = StatusEvent | MeasureEvent | NoteEvent | StandupEvent | BaselineEvent;
export type JournalEventType = JournalEvent['type'];

/** An event as read from disk: where it came from, for problem messages. Never written back. */
export type LocatedEvent = JournalEvent & { origin?: { file: string; line: number } };

/** What a writer supplies; the I/O layer adds `v` and `seq`. */
export type NewJournalEvent = DistributiveOmit<JournalEvent, 'v' | 'seq'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const ShortText = z.string().max(10_000);
const Instant = z.iso.datetime({ offset: true });

const Base = {
  v: z.literal(JOURNAL_VERSION),
  seq: z.number().int().min(0),
  at: Instant,
  by: z.string().min(1).max(200),
};

/**
 * Objects are loose on purpose: a newer roadmap may add fields, and an older one must still fold
 * the events it understands rather than reject a teammate's journal.
 */
export const EventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    ...Base,
    type: z.literal('status'),
    target: z.string().min(1).max(200),
    status: z.enum(TRACKED_STATUSES as [TrackedStatus, ...TrackedStatus[]]),
    note: ShortText.optional(),
  }),
  z.looseObject({
    ...Base,
    type: z.literal('measure'),
    metric: z.string().min(1).max(200),
    value: z.number().refine(Number.isFinite, { message: 'value must be a finite number' }),
    evidence: z
      .looseObject({
        path: z.string().max(4096).optional(),
        url: z.string().max(4096).optional(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      })
      .optional(),
    note: ShortText.optional(),
    source: z.enum(['manual', 'coverage', 'junit', 'bench']).optional(),
  }),
  z.looseObject({ ...Base, type: z.literal('note'), target: z.string().min(1).max(200), text: ShortText }),
  z.looseObject({ ...Base, type: z.literal('standup'), data: z.unknown() }),
  z.looseObject({ ...Base, type: z.literal('baseline'), name: z.string().min(1).max(200), data: z.unknown() }),
]);

export type ParsedLine = { ok: true; event: JournalEvent } | { ok: false; problem: Problem };

/**
 * Parses one journal line. `file`/`line` only label problems. A line that is not JSON, or an event
 * this version does not understand, is a problem (the fold skips it), never a throw.
 */
export function parseJournalLine(text: string, where: { file?: string; line?: number } = {}): ParsedLine {
  // JSON.parse takes any depth, but sorting (serialiseEvent) and --json output recurse: a line
  // nested thousands deep would overflow the stack there. Only a long line with many brackets can
  // be that deep, and the native split says so cheaply before the exact scan.
  if (text.length > 2 * MAX_NESTING && text.split(OPENING_BRACKET, MAX_NESTING + 2).length > MAX_NESTING && nestingDepth(text) > MAX_NESTING) {
    return {
      ok: false,
      problem: problem('journal-bad-event', `this journal event is nested more than ${MAX_NESTING} levels deep; it was skipped`, { ...where }),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problem: problem('journal-bad-line', 'this journal line is not valid JSON; it was skipped', { ...where }),
    };
  }
  if (raw && typeof raw === 'object' && 'v' in raw && (raw as { v: unknown }).v !== JOURNAL_VERSION) {
    return {
      ok: false,
      problem: problem(
        'journal-version',
        `this journal event has version ${JSON.stringify((raw as { v: unknown }).v)}; this roadmap reads version ${JOURNAL_VERSION}. It was skipped`,
        { ...where, severity: 'warning', hint: 'upgrade roadmap to read it' },
      ),
    };
  }
  const fast = fastEvent(raw);
  if (fast) return { ok: true, event: fast };
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    return {
      ok: false,
      problem: problem('journal-bad-event', `journal event not understood${at}: ${issue?.message ?? 'invalid'}; it was skipped`, {
        ...where,
      }),
    };
  }
  return { ok: true, event: normaliseEvent(parsed.data as JournalEvent) };
}

const CANONICAL_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SHA256 = /^[0-9a-f]{64}$/;
const TRACKED = new Set<string>(TRACKED_STATUSES);
const SOURCES = new Set(['manual', 'coverage', 'junit', 'bench']);
const isId = (x: unknown): x is string => typeof x === 'string' && x.length >= 1 && x.length <= 200;
const isText = (x: unknown, max: number) => typeof x === 'string' && x.length <= max;
const optText = (x: unknown, max: number) => x === undefined || isText(x, max);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (text: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
};

/**
 * For text matching CANONICAL_AT: whether it names a real instant, i.e. `new Date(at).toISOString()
 * === at` (no February 30th, no 24:00, no second 60), without building a Date for each of 100,000
 * journal lines.
 */
function isRealInstant(at: string): boolean {
  const y = digits(at, 0, 4);
  const m = digits(at, 5, 2);
  const d = digits(at, 8, 2);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return false;
  return digits(at, 11, 2) <= 23 && digits(at, 14, 2) <= 59 && digits(at, 17, 2) <= 59;
}

/**
 * Date.parse(at), by arithmetic for the canonical form roadmap writes (a sort and the conflict
 * search read the time of every event of a 100,000-line journal); anything else goes to Date.parse.
 */
export function instantMs(at: string): number {
  if (!CANONICAL_AT.test(at) || !isRealInstant(at)) return Date.parse(at);
  const day = daysFromCivil(digits(at, 0, 4), digits(at, 5, 2), digits(at, 8, 2));
  return day * 86_400_000 + digits(at, 11, 2) * 3_600_000 + digits(at, 14, 2) * 60_000 + digits(at, 17, 2) * 1000 + digits(at, 20, 3);
}

/** No event roadmap writes comes near this; deeper data is refused when read. */
const MAX_NESTING = 256;
const OPENING_BRACKET = /[[{]/;

/** The deepest [ or { nesting in JSON text, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * The common case, checked by hand: a well-formed event exactly as roadmap writes it (canonical
 * UTC time). It accepts nothing the schema would refuse; anything else goes through the schema,
 * which also explains what is wrong. Reading a 100k-line journal is ~10x faster this way.
 */
export function fastEvent(raw: unknown): JournalEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  if (e.v !== JOURNAL_VERSION || !Number.isSafeInteger(e.seq) || (e.seq as number) < 0 || !isId(e.by)) return undefined;
  if (typeof e.at !== 'string' || !CANONICAL_AT.test(e.at) || !isRealInstant(e.at)) return undefined;
  switch (e.type) {
    case 'status':
      return isId(e.target) && typeof e.status === 'string' && TRACKED.has(e.status) && optText(e.note, 10_000) ? (e as unknown as JournalEvent) : undefined;
    case 'measure': {
      if (!isId(e.metric) || typeof e.value !== 'number' || !Number.isFinite(e.value) || !optText(e.note, 10_000)) return undefined;
      if (e.source !== undefined && !(typeof e.source === 'string' && SOURCES.has(e.source))) return undefined;
      if (e.evidence !== undefined) {
        const ev = e.evidence as Record<string, unknown> | null;
        if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) return undefined;
        if (!optText(ev.path, 4096) || !optText(ev.url, 4096)) return undefined;
        if (ev.sha256 !== undefined && !(typeof ev.sha256 === 'string' && SHA256.test(ev.sha256))) return undefined;
      }
      return e as unknown as JournalEvent;
    }
    case 'note':
      return isId(e.target) && isText(e.text, 10_000) ? (e as unknown as JournalEvent) : undefined;
    case 'standup':
      return 'data' in e ? (e as unknown as JournalEvent) : undefined;
    case 'baseline':
      return isId(e.name) && 'data' in e ? (e as unknown as JournalEvent) : undefined;
    default:
      return undefined;
  }
}

/** Times are compared as instants; storing them in one form keeps files diff-friendly too. */
function normaliseEvent(event: JournalEvent): JournalEvent {
  const at = new Date(event.at).toISOString();
  return at === event.at ? event : { ...event, at };
}

/** One JSONL line (without the newline) with a stable key order: v, seq, at, by, type, rest. */
export function serialiseEvent(event: JournalEvent): string {
  const { v, seq, at, by, type, ...rest } = event as JournalEvent & { origin?: unknown };
  delete (rest as { origin?: unknown }).origin;
  return JSON.stringify({ v, seq, at, by, type, ...rest });
}

/** Journal order: (at, by, seq), then the serialised event so even exact duplicates sort stably. */
export function compareEvents(a: JournalEvent, b: JournalEvent): number {
  return compareKeyed(instantMs(a.at), a, instantMs(b.at), b);
}

function compareKeyed(ta: number, a: JournalEvent, tb: number, b: JournalEvent): number {
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  const sa = serialiseEvent(a);
  const sb = serialiseEvent(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Sorts into journal order, parsing each time once rather than once per comparison. */
export function sortEvents<E extends JournalEvent>(events: readonly E[]): E[] {
  return events
    .map((e) => ({ e, t: instantMs(e.at) }))
    .sort((a, b) => compareKeyed(a.t, a.e, b.t, b.e))
    .map((k) => k.e);
}

// ---------------------------------------------------------------------------------------------
// Folding

/** A status as it applies to one task (or to a component without tasks, or a rollback rule). */
export interface StatusRecord {
  status: TrackedStatus;
  at: IsoDateTime;
  by: string;
  note?: string;
  /** Set when the status came from an event on the whole component. */
  via?: string;
}

/** One effective status change, in journal order (component events expanded onto their tasks). */
export interface StatusChange extends StatusRecord {
  target: string;
  kind: 'task' | 'component' | 'rule';
}

export interface NoteRecord {
  target: string;
  at: IsoDateTime;
  by: string;
  text: string;
}

export interface JournalState {
  /** Every understood event, in journal order (with `origin` when read from a file). */
  events: LocatedEvent[];
  /** Latest status per task id, and per component id for components without tasks. */
  statuses: Map<string, StatusRecord>;
  /** Every effective status change, oldest first. */
  changes: StatusChange[];
  /** `rolled-back` (and other) status events on rollback rules, oldest first. */
  ruleEvents: Map<string, StatusRecord[]>;
  /** Measurements per known metric id, oldest first. */
  measurements: Map<string, Measurement[]>;
  notes: NoteRecord[];
  standups: StandupEvent[];
  baselines: BaselineEvent[];
  conflicts: JournalConflict[];
  /** Read problems passed in, then unknown ids, misplaced statuses and conflicts. */
  problems: Problem[];
  authors: string[];
  lastEventAt?: IsoDateTime;
}

/** Status events this close together from different authors disagreeing are a conflict. */
export const CONFLICT_WINDOW_MS = 60_000;

/**
 * Folds events into the state they describe. Pure and order-independent: events are sorted by
 * (at, by, seq) first, so reading files in any order gives the same state. Events naming ids the
 * plan does not know are reported and skipped; nothing is thrown.
 *
 * A status on a component applies to each of its tasks at that moment (later task events win).
 */
export function foldJournal(plan: Plan, events: readonly LocatedEvent[], readProblems: readonly Problem[] = []): JournalState {
  const sorted = sortEvents(events);
  const tasks = new Map<string, string>(); // task id -> component id
  const componentTasks = new Map<string, string[]>();
  for (const c of plan.components) {
    componentTasks.set(c.id, c.tasks.map((t) => t.id));
    for (const t of c.tasks) tasks.set(t.id, c.id);
  }
  const rules = new Set(plan.rollback.map((r) => r.id));
  const metrics = new Set(plan.metrics.map((m) => m.id));
  // Only needed for a hint on an unknown id: built on the first one, not for every fold.
  let trackableIds: string[] | undefined;
  const trackable = () => (trackableIds ??= [...tasks.keys(), ...componentTasks.keys(), ...rules]);

  const state: JournalState = {
    events: [],
    statuses: new Map(),
    changes: [],
    ruleEvents: new Map(),
    measurements: new Map(),
    notes: [],
    standups: [],
    baselines: [],
    conflicts: [],
    problems: [],
    authors: [],
  };
  const problems: Problem[] = [...readProblems];
  const authors = new Set<string>();
  const statusEvents = new Map<string, StatusEvent[]>();

  const where = (e: LocatedEvent) => (e.origin ? { file: e.origin.file, line: e.origin.line } : {});
  const unknown = (e: LocatedEvent, what: string, id: string, candidates: Iterable<string>) => {
    const hint = didYouMean(id, candidates);
    problems.push(
      problem(`journal-unknown-${what}`, `the journal names ${what} "${id}", which this plan does not have; the event was skipped`, {
        severity: 'warning',
        ...where(e),
        ...(hint ? { hint } : {}),
      }),
    );
  };

  for (const e of sorted) {
    authors.add(e.by);
    const clean = e;
    switch (e.type) {
      case 'status': {
        const record: StatusRecord = { status: e.status, at: e.at, by: e.by };
        if (e.note !== undefined) record.note = e.note;
        const isRule = rules.has(e.target) && !tasks.has(e.target) && !componentTasks.has(e.target);
        if (!tasks.has(e.target) && !componentTasks.has(e.target) && !rules.has(e.target)) {
          unknown(e, 'target', e.target, trackable());
          continue;
        }
        if (isRule !== (e.status === 'rolled-back')) {
          problems.push(
            problem(
              'journal-bad-status',
              isRule
                ? `rollback rule "${e.target}" can only be marked rolled-back, not ${e.status}; the event was skipped`
                : `"${e.target}" is a task or component; only rollback rules can be rolled-back. The event was skipped`,
              { severity: 'warning', ...where(e) },
            ),
          );
          continue;
        }
        state.events.push(clean);
        pushTo(statusEvents, e.target, e);
        if (isRule) {
          pushTo(state.ruleEvents, e.target, record);
          state.changes.push(changeOf(record, undefined, e.target, 'rule'));
        } else if (tasks.has(e.target)) {
          state.statuses.set(e.target, record);
          state.changes.push(changeOf(record, undefined, e.target, 'task'));
        } else {
          const ids = componentTasks.get(e.target)!;
          if (ids.length === 0) {
            state.statuses.set(e.target, record);
            state.changes.push(changeOf(record, undefined, e.target, 'component'));
          }
          for (const id of ids) {
            const applied: StatusRecord = { status: record.status, at: record.at, by: record.by };
            if (record.note !== undefined) applied.note = record.note;
            applied.via = e.target;
            state.statuses.set(id, applied);
            state.changes.push(changeOf(record, e.target, id, 'task'));
          }
        }
        break;
      }
      case 'measure': {
        if (!metrics.has(e.metric)) {
          unknown(e, 'metric', e.metric, metrics);
          continue;
        }
        state.events.push(clean);
        const m: Measurement = {
          value: e.value,
          at: e.at,
          by: e.by,
          source: e.source ?? 'manual',
          ...(e.evidence !== undefined ? { evidence: pickEvidence(e.evidence) } : {}),
          ...(e.note !== undefined ? { note: e.note } : {}),
        };
        pushTo(state.measurements, e.metric, m);
        break;
      }
      case 'note': {
        if (!tasks.has(e.target) && !componentTasks.has(e.target) && !rules.has(e.target) && !metrics.has(e.target)) {
          unknown(e, 'target', e.target, [...trackable(), ...metrics]);
          continue;
        }
        state.events.push(clean);
        state.notes.push({ target: e.target, at: e.at, by: e.by, text: e.text });
        break;
      }
      case 'standup':
        state.events.push(clean);
        state.standups.push(clean as StandupEvent);
        break;
      case 'baseline':
        state.events.push(clean);
        state.baselines.push(clean as BaselineEvent);
        break;
    }
  }

  // A target with one status event has no conflict: only the others are sorted and searched.
  const several: [string, StatusEvent[]][] = [];
  for (const entry of statusEvents) if (entry[1].length > 1) several.push(entry);
  for (const [target, list] of several.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const conflict of findConflicts(target, list)) {
      state.conflicts.push(conflict);
      const who = conflict.entries.map((x) => `${x.by} said ${x.status} at ${x.at.slice(11, 16)}Z`).join(', ');
      problems.push(
        problem('journal-conflict', `conflicting statuses for "${target}" within a minute: ${who}; "${conflict.kept}" was kept`, {
          severity: 'warning',
          hint: `agree on one and record it: roadmap track ${target} <status>`,
        }),
      );
    }
  }

  state.problems = problems;
  state.authors = [...authors].sort();
  const last = state.events.at(-1);
  if (last) state.lastEventAt = last.at;
  return state;
}

/** { ...record, via?, target, kind } in that key order, without spreading. */
function changeOf(record: StatusRecord, via: string | undefined, target: string, kind: StatusChange['kind']): StatusChange {
  const change = { status: record.status, at: record.at, by: record.by } as StatusChange;
  if (record.note !== undefined) change.note = record.note;
  if (via !== undefined) change.via = via;
  change.target = target;
  change.kind = kind;
  return change;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pickEvidence(e: NonNullable<MeasureEvent['evidence']>): Evidence {
  return {
    ...(e.path !== undefined ? { path: e.path } : {}),
    ...(e.url !== undefined ? { url: e.url } : {}),
    ...(e.sha256 !== undefined ? { sha256: e.sha256 } : {}),
  };
}

/**
 * Groups status events on one target that disagree across authors within CONFLICT_WINDOW_MS of
 * each other (transitively). `list` is in journal order.
 */
function findConflicts(target: string, list: readonly StatusEvent[]): JournalConflict[] {
  if (list.length < 2) return [];
  const times = list.map((e) => instantMs(e.at));
  // In journal order, two events within the window means two neighbours within it: without such
  // neighbours (the usual case) nothing can conflict.
  let close = false;
  for (let i = 1; i < times.length && !close; i++) close = times[i]! - times[i - 1]! < CONFLICT_WINDOW_MS;
  if (!close) return [];
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < list.length; i++) {
    const ti = times[i]!;
    for (let j = i + 1; j < list.length && times[j]! - ti < CONFLICT_WINDOW_MS; j++) {
      if (list[i]!.by !== list[j]!.by && list[i]!.status !== list[j]!.status) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, StatusEvent[]>();
  list.forEach((e, i) => pushTo(groups, find(i), e));
  const conflicts: JournalConflict[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    conflicts.push({
      target,
      entries: group.map((e) => ({ by: e.by, status: e.status, at: e.at })),
      kept: group.at(-1)!.status,
    });
  }
  return conflicts;
}
