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
import { problem, type Problem } from './problem.js';
import { TRACKED_STATUSES, type IsoDateTime, type MeasureSource, type TrackedStatus } from './status-types.js';

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
const EventSchema = z.discriminatedUnion('type', [
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
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  const sa = serialiseEvent(a);
  const sb = serialiseEvent(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
