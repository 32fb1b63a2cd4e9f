/**
 * Re-planning from today (`roadmap schedule --from-today`): the plan as it will now run, given what
 * the journal says already happened.
 *
 * - Done work stays where it happened: from the first `doing` of any of its tasks (actual start)
 *   to the `done` (or `skipped`) that closed its last task (actual finish). A task closed without
 *   ever being marked doing started at its planned start, or on the day it closed if earlier.
 * - Work in progress continues from today with what is left: the effort of its tasks that are not
 *   done or skipped (a task marked doing counts in full). It runs before anything new starts.
 * - Everything else is scheduled from today by the same scheduler with the same rules (tiers,
 *   phase gates, dependencies, capacity, pins, risk budget, calendar). A pin in a week that has
 *   passed becomes "as soon as possible".
 * - Work closed today used today, so when anything closed today new work starts on the next work
 *   day; otherwise it starts today. Journal events dated after today are ignored, so --today in
 *   the past shows the projection as it stood then.
 *
 * Every component that moved against the plan's schedule gets one reason, traced to its root:
 * its own actuals ("finished 3 work days late", "has not started"), else the dependency, phase
 * gate or queue predecessor that moved it. Slips are counted in work days of the plan's calendar.
 */
import { buildCalendar, dayToIso, isoToDay, type WorkCalendar } from './calendar.js';
import { computeCriticalPath, withCriticalPath } from './critical-path.js';
import type { JournalState } from './journal.js';
import type { Plan } from './plan-schema.js';
import { schedulePlanWithLayout, type CapacityChange, type DaySpan, type StartedWork } from './schedule.js';
import type { ComponentActual, DayRange, IsoDate, Schedule, ScheduledComponent } from './schedule-types.js';
import { componentEffort, formatNumber } from './score.js';
import { isClosed, type IsoDateTime, type TaskStatus } from './status-types.js';

// ---------------------------------------------------------------------------------------------
// Work days

/**
 * Counts work days of the plan's calendar. Index 0 is the first work day on or after the plan
 * start; dates before the start have negative indexes.
 */
export class WorkdayAxis {
  private readonly startDay: number;
  /** prefix[k]: work days in weeks 1..k-1 (index 0 unused). */
  private readonly prefix: number[] = [0, 0];
  /**
   * before() and endIndex() by date: a comparison asks about the same few hundred dates for every
   * component and task, and working one out parses the date and walks its week.
   */
  private readonly beforeCache = new Map<IsoDate, number>();
  private readonly endCache = new Map<IsoDate, number>();

  constructor(readonly calendar: WorkCalendar) {
    this.startDay = isoToDay(calendar.start);
  }

  private weekIndex(date: IsoDate): number {
    return Math.floor((isoToDay(date) - this.startDay) / 7) + 1;
  }

  /** Work days before week k. */
  weekStart(k: number): number {
    if (k >= 1) {
      while (this.prefix.length <= k) {
        const last = this.prefix.length - 1;
        this.prefix.push(this.prefix[last]! + this.calendar.week(last).workdays.length);
      }
      return this.prefix[k]!;
    }
    let sum = 0;
    for (let w = k; w <= 0; w++) sum += this.calendar.week(w).workdays.length;
    return -sum;
  }

  /** Work days strictly before `date`: the index of the first work day on or after it. */
  before(date: IsoDate): number {
    let n = this.beforeCache.get(date);
    if (n === undefined) {
      const k = this.weekIndex(date);
      const days = this.calendar.week(k).workdays;
      let earlier = 0;
      while (earlier < days.length && days[earlier]! < date) earlier++;
      n = this.weekStart(k) + earlier;
      this.beforeCache.set(date, n);
    }
    return n;
  }

  /** Index of the first work day on or after `date`. */
  startIndex(date: IsoDate): number {
    return this.before(date);
  }

  /** Index of the last work day on or before `date`. */
  endIndex(date: IsoDate): number {
    let n = this.endCache.get(date);
    if (n === undefined) {
      n = this.before(dayToIso(isoToDay(date) + 1)) - 1;
      this.endCache.set(date, n);
    }
    return n;
  }

  /** Week and 0-based work-day position of work-day index `i` (i >= 0). */
  locate(i: number): { week: number; day: number } {
    const limit = this.calendar.horizon + 2;
    while (this.prefix[this.prefix.length - 1]! <= i && this.prefix.length <= limit) this.weekStart(this.prefix.length);
    // The week k with prefix[k] <= i < prefix[k + 1].
    let lo = 1;
    let hi = this.prefix.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.prefix[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return { week: lo, day: i - this.prefix[lo]! };
  }

  /** The date of work-day index `i` (i >= 0). */
  dateOf(i: number): IsoDate {
    const { week, day } = this.locate(i);
    return this.calendar.week(week).workdays[day] ?? this.calendar.week(week).end;
  }

  /** Work days from a to b (positive when b is later), counting finishes: the last work day on or before each. */
  finishSlip(a: IsoDate, b: IsoDate): number {
    return this.endIndex(b) - this.endIndex(a);
  }

  /** Work days from a to b (positive when b is later), counting starts: the first work day on or after each. */
  startSlip(a: IsoDate, b: IsoDate): number {
    return this.startIndex(b) - this.startIndex(a);
  }

  /** Work-day indexes [from, to) as per-week spans. */
  spans(from: number, to: number): DaySpan[] {
    const out: DaySpan[] = [];
    let i = Math.max(0, from);
    while (i < to) {
      const { week, day } = this.locate(i);
      const n = this.weekStart(week + 1) - this.weekStart(week);
      const end = Math.min(to - this.weekStart(week), n);
      out.push({ week, fromDay: day, toDay: end });
      i = this.weekStart(week) + end;
      if (week > this.calendar.horizon) break;
    }
    return out;
  }

  /** Work-day indexes [from, to) as day ranges, the way schedules show task dates. */
  ranges(from: number, to: number): DayRange[] {
    return this.spans(from, to).map((s) => {
      const days = this.calendar.week(s.week).workdays;
      return { week: s.week, firstDay: s.fromDay + 1, lastDay: s.toDay, start: days[s.fromDay]!, end: days[s.toDay - 1]! };
    });
  }
}

const nextDay = (date: IsoDate): IsoDate => dayToIso(isoToDay(date) + 1);
const minDate = (dates: readonly IsoDate[]): IsoDate | undefined => dates.reduce<IsoDate | undefined>((m, d) => (m === undefined || d < m ? d : m), undefined);
const maxDate = (dates: readonly IsoDate[]): IsoDate | undefined => dates.reduce<IsoDate | undefined>((m, d) => (m === undefined || d > m ? d : m), undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Actuals

export interface ItemActual {
  /** As of today. */
  status: TaskStatus;
  /** The first day it was marked doing. */
  firstDoing?: IsoDate;
  /** The day it was closed (done or skipped), while it stays closed. */
  closedOn?: IsoDate;
}

/**
 * Per task (and per component without tasks): its status as of `today`, first doing and closing
 * day. `dateOf` turns a journal instant into a calendar date (the CLI passes local time).
 */
export function readActuals(journal: JournalState, today: IsoDate, dateOf: (at: IsoDateTime) => IsoDate = (at) => at.slice(0, 10)): Map<string, ItemActual> {
  const items = new Map<string, ItemActual>();
  for (const change of journal.changes) {
    if (change.kind === 'rule') continue;
    const day = dateOf(change.at);
    if (day > today) continue;
    const status = change.status as TaskStatus;
    let item = items.get(change.target);
    if (!item) {
      item = { status: 'todo' };
      items.set(change.target, item);
    }
    const wasClosed = isClosed(item.status);
    item.status = status;
    if (status === 'doing' && item.firstDoing === undefined) item.firstDoing = day;
    if (isClosed(status)) {
      if (!wasClosed || item.closedOn === undefined) item.closedOn = day;
    } else {
      delete item.closedOn;
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Moves

export interface Placement {
  startWeek: number;
  endWeek: number;
  start: IsoDate;
  end: IsoDate;
}

export interface Move {
  id: string;
  title: string;
  before: Placement;
  after: Placement;
  /** Work days; positive means later. */
  startSlip: number;
  finishSlip: number;
  /** Why, traced to the root: "analytics-thread-safety finished 3 work days late". */
  because: string;
  /** The component at the root of it, or null when the reason is not one component. */
  causeId: string | null;
}

export interface EndChange {
  before: IsoDate;
  after: IsoDate;
  /** Work days; positive means later. */
  slip: number;
  because?: string;
}

const placement = (c: ScheduledComponent): Placement => ({ startWeek: c.startWeek, endWeek: c.endWeek, start: c.start, end: c.end });

export interface MoveCauses {
  /** Component id -> a reason of its own ("finished 3 work days late"). */
  own: ReadonlyMap<string, string>;
  /**
   * Component id -> a reason that holds only when nothing before it explains the move ("has not
   * started"): a component that could not have started anyway inherits its predecessor's reason.
   */
  lagging?: ReadonlyMap<string, string>;
  /** When nothing else explains a move. */
  fallback: string;
}

/**
 * What moved from `before` to `after`, each with one reason traced to its root: a reason of its
 * own, else the reason of whatever now ends last among its dependencies, the earlier phase that
 * gates it and the work just before it in the team's queue.
 */
export function diffSchedules(before: Schedule, after: Schedule, axis: WorkdayAxis, causes: MoveCauses): { moves: Move[]; end: EndChange } {
  const { own, fallback } = causes;
  const lagging = causes.lagging ?? new Map<string, string>();
  const old = new Map(before.components.map((c) => [c.id, c]));
  const now = new Map(after.components.map((c) => [c.id, c]));
  const phaseIndex = new Map(after.phases.map((p, i) => [p.id, i]));
  const cause = new Map<string, { text: string; id: string | null } | null>();
  const moves: Move[] = [];

  // Per end week and phase, what ends there last (the first of a tie, in schedule order): the
  // candidates for the phase gate of the following week. Scanning everything that ends in a week
  // for each component that moved made big plans quadratic.
  const lastEnding = new Map<number, { phase: number; last: ScheduledComponent; order: number }[]>();
  after.components.forEach((e, order) => {
    const phase = phaseIndex.get(e.phaseId) ?? 0;
    let perPhase = lastEnding.get(e.endWeek);
    if (!perPhase) lastEnding.set(e.endWeek, (perPhase = []));
    const best = perPhase.find((b) => b.phase === phase);
    if (!best) perPhase.push({ phase, last: e, order });
    else if (e.end > best.last.end) Object.assign(best, { last: e, order });
  });
  /** What ends last in `week` in a phase before `phase` (the first of a tie, in schedule order). */
  const gateBefore = (week: number, phase: number): ScheduledComponent | undefined => {
    let gate: { last: ScheduledComponent; order: number } | undefined;
    for (const b of lastEnding.get(week) ?? []) {
      if (b.phase >= phase) continue;
      if (!gate || b.last.end > gate.last.end || (b.last.end === gate.last.end && b.order < gate.order)) gate = b;
    }
    return gate?.last;
  };

  // Who ran just before each component in the team's queue.
  const queuePred = new Map<string, string>();
  let previous: string | undefined;
  for (const w of after.weeks) {
    for (const id of w.components) {
      const c = now.get(id)!;
      if (c.startWeek === w.index && previous !== undefined && !queuePred.has(id)) queuePred.set(id, previous);
      previous = id;
    }
  }

  const causeOf = (c: ScheduledComponent): { text: string; id: string | null } | null => {
    if (cause.has(c.id)) return cause.get(c.id)!;
    cause.set(c.id, null); // breaks cycles of components that start together
    const mine = own.get(c.id);
    const was = old.get(c.id);
    const moved = was !== undefined && (was.start !== c.start || was.end !== c.end);
    let found: { text: string; id: string | null } | null = null;
    if (mine !== undefined) {
      found = { text: mine, id: c.id };
    } else if (moved) {
      // The binding predecessor is the one that now ends last; ties go to dependencies, then gates.
      const candidates: ScheduledComponent[] = [];
      for (const d of c.dependsOn) {
        const dep = now.get(d);
        if (dep) candidates.push(dep);
      }
      const gate = gateBefore(c.startWeek - 1, phaseIndex.get(c.phaseId) ?? 0);
      if (gate) candidates.push(gate);
      const pred = queuePred.get(c.id);
      if (pred !== undefined && now.has(pred)) candidates.push(now.get(pred)!);
      let best: ScheduledComponent | undefined;
      for (const e of candidates) {
        if (e.id === c.id || e.start > c.start || causeOf(e) === null) continue;
        if (!best || e.end > best.end) best = e;
      }
      const late = lagging.get(c.id);
      if (best && (late === undefined || best.end >= was!.start)) found = causeOf(best);
      else if (late !== undefined) found = { text: late, id: c.id };
      else found = { text: fallback, id: null };
    } else if (lagging.has(c.id)) {
      found = { text: lagging.get(c.id)!, id: c.id };
    }
    cause.set(c.id, found);
    return found;
  };

  for (const c of after.components) {
    const was = old.get(c.id);
    const why = causeOf(c);
    if (!was || (was.start === c.start && was.end === c.end)) continue;
    moves.push({
      id: c.id,
      title: c.title,
      before: placement(was),
      after: placement(c),
      startSlip: axis.startSlip(was.start, c.start),
      finishSlip: axis.finishSlip(was.end, c.end),
      because: why?.text ?? fallback,
      causeId: why?.id ?? null,
    });
  }

  const end: EndChange = { before: before.end, after: after.end, slip: axis.finishSlip(before.end, after.end) };
  if (before.end !== after.end) {
    const moved = new Map(moves.map((m) => [m.id, m]));
    const last = after.components.filter((c) => c.end === after.end).map((c) => moved.get(c.id)).find((m) => m !== undefined);
    end.because = last?.because ?? fallback;
  }
  return { moves, end };
}

// ---------------------------------------------------------------------------------------------
// Projection

export interface ProjectionOptions {
  /** Criterion weights (what-if), as for schedulePlan. */
  weights?: Record<string, number>;
  /** Capacity changes (assumptions.ts). */
  capacity?: readonly CapacityChange[];
  /** The calendar date of a journal instant; default: its UTC date. The CLI passes local time. */
  dateOf?: (at: IsoDateTime) => IsoDate;
}

/** A component whose own actuals differ from the plan, and what that does to the end date. */
export interface Slip {
  id: string;
  /** "finished 3 work days late". */
  text: string;
  /** Work days its finish moved (positive: later). */
  slip: number;
  /** Its slack in the plan's schedule (work days); undefined when it was not scheduled there. */
  plannedSlack?: number;
  /** It slipped by more than its slack: on its own it moves the end date. */
  movesEnd: boolean;
}

export interface Projection {
  today: IsoDate;
  /** The first work day new work may take. */
  from: IsoDate;
  /** The plan's own schedule (same weights and capacity), with its critical path. */
  planned: Schedule;
  /** The projection, with its critical path; `projectedFrom` is today. */
  schedule: Schedule;
  moves: Move[];
  end: EndChange;
  slips: Slip[];
  counts: { done: number; inProgress: number; notStarted: number; remaining: number };
}

export function projectFromToday(plan: Plan, journal: JournalState, today: IsoDate, options: ProjectionOptions = {}): Projection {
  const r = replan(plan, journal, today, options, 'with-critical-path');
  const { axis, actuals, own, lagging } = r;
  const planned = r.plannedSchedule!;
  const plannedById = new Map(planned.components.map((c) => [c.id, c]));
  const schedule = withCriticalPath(r.schedule, computeCriticalPath(r.schedule, r.layout, plan));
  const { moves, end } = diffSchedules(planned, schedule, axis, { own, lagging, fallback: `re-planned from ${today}` });

  // The roots: components whose own actuals differ from the plan, and lagging ones that explain a move.
  const roots = new Map(own);
  for (const m of moves) if (m.causeId !== null && lagging.has(m.causeId)) roots.set(m.causeId, lagging.get(m.causeId)!);
  const now = new Map(schedule.components.map((c) => [c.id, c]));
  const slips: Slip[] = [];
  for (const [id, text] of roots) {
    const before = plannedById.get(id);
    const after = now.get(id);
    if (!before || !after) continue;
    const slip = axis.finishSlip(before.end, after.end);
    const slack = before.slack;
    slips.push({ id, text, slip, ...(slack !== undefined ? { plannedSlack: slack } : {}), movesEnd: slip > (slack ?? 0) });
  }
  slips.sort((a, b) => b.slip - a.slip || (a.id < b.id ? -1 : 1));

  let remaining = 0;
  for (const c of schedule.components) remaining += c.actual ? c.actual.remaining : c.effort;
  let done = 0;
  for (const a of actuals.values()) if (a.state === 'done') done++;
  const inProgress = actuals.size - done;
  return {
    today,
    from: r.from,
    planned,
    schedule,
    moves,
    end,
    slips,
    counts: { done, inProgress, notStarted: schedule.components.length - done - inProgress, remaining: tidy(remaining) },
  };
}

/**
 * What re-planning reads of the plan's own schedule: per component its dates and its tasks'
 * starts. A Schedule is one, and so is the part of it status keeps (StatusSchedule).
 */
export interface PlannedDates {
  components: readonly { id: string; start: IsoDate; end: IsoDate; tasks: readonly { id: string; start: IsoDate }[] }[];
}

/**
 * The projection's schedule alone: the same components, dates, actuals, weeks and problems of the
 * scheduler as `projectFromToday(...).schedule`, without the critical path (no slack, critical
 * flags or criticalPath) and without the moves, their reasons and the slips. It is what a
 * comparison with a baseline reads (compareToBaseline, compareTasksToBaseline), at about half the
 * cost: the two critical paths and the reason tracing are most of the rest.
 *
 * `planned`: the plan's schedule when the caller has it already (scheduled with the same weights
 * and capacity as `options`), which saves scheduling the plan again: then only the re-plan runs.
 */
export function projectScheduleFromToday(
  plan: Plan,
  journal: JournalState,
  today: IsoDate,
  options: ProjectionOptions & { planned?: PlannedDates } = {},
): Schedule {
  return replan(plan, journal, today, options, options.planned ?? 'plain').schedule;
}

interface Replan {
  axis: WorkdayAxis;
  from: IsoDate;
  /** The plan's schedule, when this run scheduled it (with its critical path when asked for). */
  plannedSchedule?: Schedule;
  /** The projection with the actuals, without its critical path. */
  schedule: Schedule;
  layout: ReturnType<typeof schedulePlanWithLayout>['layout'];
  actuals: Map<string, ComponentActual>;
  own: Map<string, string>;
  lagging: Map<string, string>;
}

function replan(
  plan: Plan,
  journal: JournalState,
  today: IsoDate,
  options: ProjectionOptions,
  plannedFrom: 'with-critical-path' | 'plain' | PlannedDates,
): Replan {
  const calendar = buildCalendar(plan);
  const axis = new WorkdayAxis(calendar);
  const base = { ...(options.weights ? { weights: options.weights } : {}), ...(options.capacity ? { capacity: options.capacity } : {}) };
  let plannedSchedule: Schedule | undefined;
  if (typeof plannedFrom === 'string') {
    const plannedRun = schedulePlanWithLayout(plan, base);
    // Only the slips read the plan's slack; nothing below depends on it.
    plannedSchedule =
      plannedFrom === 'with-critical-path'
        ? withCriticalPath(plannedRun.schedule, computeCriticalPath(plannedRun.schedule, plannedRun.layout, plan))
        : plannedRun.schedule;
  }
  const planned: PlannedDates = plannedSchedule ?? (plannedFrom as PlannedDates);
  const plannedById = new Map(planned.components.map((c) => [c.id, c]));
  const items = readActuals(journal, today, options.dateOf);

  let closedToday = false;
  for (const i of items.values()) if (isClosed(i.status) && i.closedOn === today) closedToday = true;
  const fromIndex = Math.max(0, axis.startIndex(closedToday ? nextDay(today) : today));
  const from = axis.dateOf(fromIndex);
  const fromPos = axis.locate(fromIndex);
  // Weeks without work days just before `from` have nothing to lose: re-plan from the first of them.
  while (fromPos.day === 0 && fromPos.week > 1 && axis.weekStart(fromPos.week - 1) === axis.weekStart(fromPos.week)) fromPos.week--;

  // Most components of a big plan have no actuals yet: tell them apart before building anything.
  const begun = (id: string) => {
    const a = items.get(id);
    return a !== undefined && (a.firstDoing !== undefined || isClosed(a.status));
  };
  const hasActuals = (c: Plan['components'][number]) => (c.tasks.length > 0 ? c.tasks.some((t) => begun(t.id)) : begun(c.id));
  const started = new Map<string, StartedWork>();
  const actuals = new Map<string, ComponentActual>();
  const own = new Map<string, string>();
  const lagging = new Map<string, string>();
  const seen = new Set<string>();
  for (const c of plan.components) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (!hasActuals(c)) continue;
    const ids = c.tasks.length > 0 ? c.tasks.map((t) => t.id) : [c.id];
    const acts = ids.map((id) => items.get(id) ?? { status: 'todo' as TaskStatus });
    const closedOn = acts.filter((a) => isClosed(a.status)).map((a) => a.closedOn!);
    const plannedComponent = plannedById.get(c.id);
    const plannedStartOf = new Map(plannedComponent?.tasks.map((t) => [t.id, t.start]) ?? []);
    // A task closed without ever being marked doing started when planned, or on its close if earlier.
    const startOf = (k: number): IsoDate | undefined => {
      const a = acts[k]!;
      if (a.firstDoing !== undefined) return a.firstDoing;
      if (!isClosed(a.status)) return undefined;
      const planned = c.tasks.length > 0 ? plannedStartOf.get(ids[k]!) : plannedComponent?.start;
      return planned !== undefined && planned < a.closedOn! ? planned : a.closedOn!;
    };
    const taskStarts = ids.map((_, k) => startOf(k));
    let start = minDate(taskStarts.filter((d): d is IsoDate => d !== undefined))!;
    const effort = componentEffort(c);
    const done = acts.every((a) => isClosed(a.status));
    const finish = done ? maxDate(closedOn)! : undefined;
    if (finish !== undefined && start > finish) start = finish;
    const startIdx = Math.max(0, axis.startIndex(start));

    const closedTasks = new Map<string, DayRange[]>();
    c.tasks.forEach((t, k) => {
      const a = acts[k]!;
      if (!isClosed(a.status)) return;
      const end = Math.max(0, axis.endIndex(a.closedOn!)) + 1;
      const s = Math.min(Math.max(0, axis.startIndex(taskStarts[k]! < start ? start : taskStarts[k]!)), end - 1);
      closedTasks.set(t.id, axis.ranges(s, end));
    });

    const planned = plannedById.get(c.id);
    if (done) {
      const endIdx = Math.max(0, axis.endIndex(finish!)) + 1;
      const past = axis.spans(Math.min(startIdx, endIdx - 1), endIdx);
      const late = planned ? axis.finishSlip(planned.end, finish!) : 0;
      started.set(c.id, { past, remaining: 0, closedTasks, reason: `done: ran ${start} to ${finish}${lateText(late, ', ')}` });
      actuals.set(c.id, { state: 'done', start, finish: finish!, remaining: 0 });
      if (late !== 0) own.set(c.id, `${c.id} finished ${plural(Math.abs(late), 'work day')} ${late > 0 ? 'late' : 'early'}`);
      else if (planned && axis.startSlip(planned.start, start) !== 0) {
        const s = axis.startSlip(planned.start, start);
        own.set(c.id, `${c.id} started ${plural(Math.abs(s), 'work day')} ${s > 0 ? 'late' : 'early'}`);
      }
      continue;
    }
    const taskTotal = c.tasks.reduce((s, t) => s + t.effort, 0);
    const openEffort = c.tasks.reduce((s, t, k) => s + (isClosed(acts[k]!.status) ? 0 : t.effort), 0);
    const remaining = c.tasks.length > 0 && taskTotal > 0 ? (effort * openEffort) / taskTotal : effort;
    const past = startIdx < fromIndex ? axis.spans(startIdx, fromIndex) : [];
    started.set(c.id, {
      past,
      remaining,
      closedTasks,
      reason: `in progress since ${start}: ${formatNumber(remaining, 2)} of ${formatNumber(effort, 2)} pd left, continues from ${from}`,
    });
    actuals.set(c.id, { state: 'in-progress', start, remaining: tidy(remaining) });
    if (planned) {
      // A late start is its own reason only when nothing before it explains it.
      const s = axis.startSlip(planned.start, start);
      if (s > 0) lagging.set(c.id, `${c.id} started ${plural(s, 'work day')} late`);
      else own.set(c.id, `${c.id} has ${formatNumber(remaining, 2)} of ${formatNumber(effort, 2)} pd left on ${today}`);
    }
  }
  for (const c of planned.components) {
    if (!actuals.has(c.id) && c.start < from) lagging.set(c.id, `${c.id} has not started (planned to start ${c.start})`);
  }

  const run = schedulePlanWithLayout(plan, { ...base, replan: { from: { week: fromPos.week, day: fromPos.day }, started } });
  const withActuals: Schedule = {
    ...run.schedule,
    components: run.schedule.components.map((c) => {
      const actual = actuals.get(c.id);
      return actual ? { ...c, actual } : c;
    }),
    projectedFrom: today,
  };
  return { axis, from, ...(plannedSchedule ? { plannedSchedule } : {}), schedule: withActuals, layout: run.layout, actuals, own, lagging };
}

const tidy = (x: number) => Math.round(x * 100) / 100;

function lateText(late: number, lead: string): string {
  if (late === 0) return `${lead}on time`;
  return `${lead}${plural(Math.abs(late), 'work day')} ${late > 0 ? 'late' : 'early'}`;
}

/** The projection with assumptions against the one without: what the assumptions move. */
export function compareSchedules(before: Schedule, after: Schedule, plan: Plan, causes: MoveCauses): { moves: Move[]; end: EndChange } {
  return diffSchedules(before, after, new WorkdayAxis(buildCalendar(plan)), causes);
}
