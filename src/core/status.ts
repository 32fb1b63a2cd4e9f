/**
 * Plan + schedule + folded journal + today -> PlanStatus: the single source every report reads.
 * Pure: today (and optionally now, for rollback clocks) are parameters.
 *
 * Effort, not task count, measures progress: a 6-day task done is worth twice a 3-day one. Skipped
 * work counts as done (nobody needs to do it any more). A task's effort is spread over the weeks
 * it touches in proportion to its work days there.
 */
import { computeHealth } from './health.js';
import type { JournalState } from './journal.js';
import { metricStatus } from './metric-state.js';
import type { Component, Plan } from './plan-schema.js';
import type { Problem } from './problem.js';
import { rollbackStatuses } from './rollback-state.js';
import type { IsoDate, Schedule } from './schedule-types.js';
import {
  isClosed,
  type BlockedItem,
  type ComponentProgress,
  type CriterionStatus,
  type Grade,
  type IsoDateTime,
  type LateItem,
  type MetricStatus,
  type PhaseProgress,
  type PlanStatus,
  type Progress,
  type ReadinessCategory,
  type StatusSchedule,
  type StatusScheduleComponent,
  type StatusScheduleTask,
  type TaskStatus,
  type TaskStatusEntry,
  type WeekProgress,
} from './status-types.js';

const DAY_MS = 86_400_000;

/** Calendar days from a to b (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

export interface StatusOptions {
  /** The current instant, for rollback deadlines and blocked ages; defaults to the end of `today`. */
  now?: IsoDateTime;
}

/** A unit of tracked work: a task, or a component that has no tasks. */
interface WorkItem {
  kind: 'task' | 'component';
  id: string;
  title: string;
  component: StatusScheduleComponent;
  owner?: string;
  effort: number;
  start: IsoDate;
  end: IsoDate;
  /** Effort per week index. */
  perWeek: PerWeek;
  /** Its status entry, once computed. */
  entry?: TaskStatusEntry;
}

/**
 * Just what computeStatus reads of a plan (the type holds it to that): `roadmap status` caches it
 * beside the plan, a fraction of its size to read back. Metrics and rollback rules whole.
 */
export type StatusPlan = Pick<Plan, 'project' | 'title' | 'metrics' | 'rollback'> & {
  components: Pick<Component, 'id' | 'owner' | 'success'>[];
};

/** The StatusPlan of a plan, as fresh plain objects; computeStatus gives the same result for both. */
export function statusPlanOf(plan: Plan): StatusPlan {
  return {
    project: plan.project,
    title: plan.title,
    metrics: plan.metrics,
    rollback: plan.rollback,
    components: plan.components.map((c) => (c.owner !== undefined ? { id: c.id, owner: c.owner, success: c.success } : { id: c.id, success: c.success })),
  };
}

/**
 * Just what computeStatus reads of a folded journal, and the baselines (a command comparing with
 * one needs the whole fold): `roadmap status` caches it, a fraction of the fold's size. Of the
 * events only those the rollback rules read are kept (measurements and rolled-back statuses, in
 * journal order), with the count of all of them.
 */
export type StatusJournal = Pick<JournalState, 'statuses' | 'measurements' | 'conflicts' | 'problems' | 'authors' | 'lastEventAt' | 'baselines'> & {
  events: JournalState['events'];
  eventCount: number;
};

/** The StatusJournal of a fold; computeStatus gives the same result for both. */
export function statusJournalOf(journal: JournalState): StatusJournal {
  const part: StatusJournal = {
    events: journal.events.filter((e) => e.type === 'measure' || (e.type === 'status' && e.status === 'rolled-back')),
    eventCount: journal.events.length,
    statuses: journal.statuses,
    measurements: journal.measurements,
    conflicts: journal.conflicts,
    problems: journal.problems,
    authors: journal.authors,
    baselines: journal.baselines,
  };
  if (journal.lastEventAt !== undefined) part.lastEventAt = journal.lastEventAt;
  return part;
}

export function computeStatus(
  plan: StatusPlan,
  schedule: StatusSchedule,
  journal: JournalState | StatusJournal,
  today: IsoDate,
  options: StatusOptions = {},
): PlanStatus {
  const now = options.now;
  const work = workItems(schedule);
  // One index of scheduled components by id (the last wins, as with separate maps per field).
  const scheduledAt = new Map<string, number>();
  schedule.components.forEach((c, i) => scheduledAt.set(c.id, i));

  // Days late, per scheduled end date: a few hundred distinct dates for tens of thousands of tasks.
  const lateDaysByEnd = new Map<IsoDate, number>();
  const lateDaysFor = (end: IsoDate) => {
    let days = lateDaysByEnd.get(end);
    if (days === undefined) lateDaysByEnd.set(end, (days = daysBetween(end, today)));
    return days;
  };
  const tasks: TaskStatusEntry[] = work.map((w) => {
    const record = journal.statuses.get(w.id);
    const status = (record?.status ?? 'todo') as TaskStatus;
    const late = w.end < today && !isClosed(status);
    const blockedDays = status === 'blocked' && record ? ageDays(record.at, today, now) : 0;
    // Built key by key (no spreads): the same key order as the format documents, at a fraction
    // of the cost for tens of thousands of tasks.
    const entry = { id: w.id, title: w.title, componentId: w.component.id } as TaskStatusEntry;
    if (w.owner !== undefined) entry.owner = w.owner;
    entry.effort = w.effort;
    entry.status = status;
    if (record) {
      entry.since = record.at;
      entry.by = record.by;
      if (record.note !== undefined) entry.note = record.note;
    }
    entry.scheduledStart = w.start;
    entry.scheduledEnd = w.end;
    entry.late = late;
    entry.lateDays = late ? lateDaysFor(w.end) : 0;
    entry.blockedDays = blockedDays;
    return entry;
  });
  // An item's entry is the last one with its id (ids are unique in a valid plan), looked up once.
  const byId = new Map(tasks.map((t) => [t.id, t]));
  // With unique ids (any valid plan) every item's entry and kind are its own: no lookups needed.
  const idsUnique = byId.size === tasks.length;
  work.forEach((w, i) => (w.entry = idsUnique ? tasks[i]! : byId.get(w.id)!));
  const statusOf = (w: WorkItem) => w.entry!;
  const kindOfMap = idsUnique ? undefined : new Map(work.map((w) => [w.id, w.kind]));
  const kindAt = (i: number): WorkItem['kind'] => (kindOfMap ? kindOfMap.get(tasks[i]!.id)! : work[i]!.kind);
  // Indexes, not scans: plans with tens of thousands of components must stay fast.
  const itemsByComponent = groupBy(work, (w) => w.component.id);
  const itemsByPhase = groupBy(work, (w) => w.component.phaseId);
  const itemsByWeek = new Map<number, WorkItem[]>();
  for (const item of work) {
    const perWeek = item.perWeek;
    for (let k = 0; k < perWeek.count; k++) {
      const week = k === 0 ? perWeek.week : perWeek.weeks![k - 1]!;
      const list = itemsByWeek.get(week);
      if (list) list.push(item);
      else itemsByWeek.set(week, [item]);
    }
  }
  const planComponents = new Map(plan.components.map((c) => [c.id, c]));

  const components: ComponentProgress[] = schedule.components.map((c) => {
    const { progress, status } = rollUp(itemsByComponent.get(c.id) ?? []);
    const owner = planComponents.get(c.id)?.owner;
    const entry = { id: c.id, title: c.title, phaseId: c.phaseId, tier: c.score.tier } as ComponentProgress;
    if (owner !== undefined) entry.owner = owner;
    entry.status = status;
    entry.doneEffort = progress.doneEffort;
    entry.totalEffort = progress.totalEffort;
    entry.percent = progress.percent;
    entry.tasksDone = progress.tasksDone;
    entry.tasksTotal = progress.tasksTotal;
    entry.startWeek = c.startWeek;
    entry.endWeek = c.endWeek;
    entry.scheduledEnd = c.end;
    entry.late = c.end < today && !isClosed(status);
    return entry;
  });

  const timeline: PlanStatus['timeline'] = today < schedule.start ? 'before' : today > schedule.end ? 'after' : 'during';
  const currentWeek = schedule.weeks.find((w) => w.start <= today && today <= w.end)?.index ?? null;

  const weeks: WeekProgress[] = schedule.weeks.map((w) => {
    const share = (item: WorkItem) => shareIn(item.perWeek, w.index);
    const touching = (itemsByWeek.get(w.index) ?? []).filter((item) => share(item) > 0);
    const total = touching.reduce((sum, item) => sum + share(item), 0);
    const doneEffort = touching.reduce((sum, item) => sum + (isClosed(statusOf(item).status) ? share(item) : 0), 0);
    return {
      week: w.index,
      start: w.start,
      end: w.end,
      phaseIds: w.phaseIds,
      current: w.index === currentWeek,
      ended: w.end < today,
      doneEffort: round(doneEffort),
      totalEffort: round(total),
      percent: percentOf(doneEffort, total),
      tasksDone: touching.filter((item) => isClosed(statusOf(item).status)).length,
      tasksTotal: touching.length,
    };
  });

  const phases: PhaseProgress[] = schedule.phases.map((p) => {
    const { progress, status } = rollUp(itemsByPhase.get(p.id) ?? []);
    return {
      id: p.id,
      title: p.title,
      startWeek: p.startWeek,
      endWeek: p.endWeek,
      start: p.start,
      end: p.end,
      status,
      ...progress,
    };
  });
  const currentPhase =
    currentWeek === null ? null : (schedule.phases.find((p) => p.startWeek <= currentWeek && currentWeek <= p.endWeek)?.id ?? null);

  const late: LateItem[] = [];
  const blockedAt: number[] = [];
  tasks.forEach((t, i) => {
    if (t.status === 'blocked') blockedAt.push(i);
    if (!t.late) return;
    const item = { kind: kindAt(i), id: t.id, title: t.title, componentId: t.componentId } as LateItem;
    item.tier = schedule.components[scheduledAt.get(t.componentId)!]!.score.tier;
    if (t.owner !== undefined) item.owner = t.owner;
    item.status = t.status;
    item.scheduledEnd = t.scheduledEnd;
    item.daysLate = t.lateDays;
    late.push(item);
  });
  late.sort((a, b) => b.daysLate - a.daysLate || compareIds(a.id, b.id));

  const blocked: BlockedItem[] = blockedAt
    .map((i) => [tasks[i]!, i] as const)
    .map(([t, i]) => ({
      kind: kindAt(i),
      id: t.id,
      title: t.title,
      componentId: t.componentId,
      ...(t.owner !== undefined ? { owner: t.owner } : {}),
      ...(t.by !== undefined ? { by: t.by } : {}),
      ...(t.since !== undefined ? { since: t.since } : {}),
      ageDays: t.blockedDays,
      ...(t.note !== undefined ? { note: t.note } : {}),
    }))
    .sort((a, b) => b.ageDays - a.ageDays || compareIds(a.id, b.id));

  const dueWeeks = new Map<string, number>();
  for (const c of plan.components) {
    for (const s of c.success) {
      if (typeof s === 'string' || s.metric === undefined) continue;
      const at = scheduledAt.get(c.id);
      const end = at === undefined ? undefined : schedule.components[at]!.endWeek;
      if (end !== undefined) dueWeeks.set(s.metric, Math.max(dueWeeks.get(s.metric) ?? 0, end));
    }
  }
  const rules = new Map(plan.rollback.map((r) => [r.id, r]));
  const metrics: MetricStatus[] = plan.metrics.map((m) =>
    metricStatus(m, journal.measurements.get(m.id) ?? [], m.rollback !== undefined ? rules.get(m.rollback) : undefined, dueWeeks.get(m.id)),
  );
  const metricById = new Map(metrics.map((m) => [m.id, m]));
  const componentById = (id: string) => {
    const at = scheduledAt.get(id);
    return at === undefined ? undefined : components[at];
  };

  const criteria: CriterionStatus[] = plan.components.flatMap((c) =>
    c.success.map((s, index): CriterionStatus => {
      const text = typeof s === 'string' ? s : s.text;
      const metricId = typeof s === 'string' ? undefined : s.metric;
      const metric = metricId !== undefined ? metricById.get(metricId) : undefined;
      if (metricId !== undefined) {
        const state = metric?.state ?? 'unverified';
        return { componentId: c.id, index, text, metric: metricId, state, met: state === 'met' };
      }
      return { componentId: c.id, index, text, state: 'manual', met: componentById(c.id)?.status === 'done' };
    }),
  );

  const rollback = rollbackStatuses(plan, schedule, journal, now);
  const overall = progressOf(work, statusOf);
  const health = computeHealth({ rollback, late, blocked, metrics, weeks, overall, timeline, start: schedule.start });

  const problems: Problem[] = [...journal.problems];
  return {
    format: 'roadmap.status/v1',
    project: plan.project,
    title: plan.title,
    today,
    ...(now !== undefined ? { now } : {}),
    timeline,
    currentWeek,
    currentPhase,
    overall,
    health,
    tasks,
    components,
    weeks,
    phases,
    late,
    blocked,
    metrics,
    criteria,
    rollback,
    readiness: readiness(metrics),
    conflicts: journal.conflicts,
    journal: {
      events: 'eventCount' in journal ? journal.eventCount : journal.events.length,
      authors: journal.authors,
      ...(journal.lastEventAt !== undefined ? { lastEventAt: journal.lastEventAt } : {}),
    },
    problems,
  };
}

/**
 * Just what computeStatus reads of a schedule, as fresh plain objects: what `roadmap status`
 * caches, and computeStatus gives the same result for it as for the whole schedule.
 */
export function statusScheduleOf(schedule: Schedule): StatusSchedule {
  return {
    start: schedule.start,
    end: schedule.end,
    components: schedule.components.map((c) => ({
      id: c.id,
      title: c.title,
      phaseId: c.phaseId,
      score: { tier: c.score.tier },
      effort: c.effort,
      startWeek: c.startWeek,
      endWeek: c.endWeek,
      start: c.start,
      end: c.end,
      segments: c.segments.map((g) => ({ week: g.week, effort: g.effort })),
      tasks: c.tasks.map((t) => {
        const task = { id: t.id, title: t.title, effort: t.effort } as StatusScheduleTask;
        if (t.owner !== undefined) task.owner = t.owner;
        task.start = t.start;
        task.end = t.end;
        task.ranges = t.ranges.map((r) => ({ week: r.week, firstDay: r.firstDay, lastDay: r.lastDay }));
        return task;
      }),
      rollbackRules: [...c.rollbackRules],
    })),
    weeks: schedule.weeks.map((w) => ({ index: w.index, start: w.start, end: w.end, phaseIds: [...w.phaseIds], rollbackRules: [...w.rollbackRules] })),
    phases: schedule.phases.map((p) => ({ id: p.id, title: p.title, startWeek: p.startWeek, endWeek: p.endWeek, start: p.start, end: p.end })),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Effort per week index, weeks in first-seen order. Most items touch one week: it is kept inline,
 * and only further weeks in two small arrays (tens of thousands of items, so no Map or arrays each).
 */
interface PerWeek {
  count: number;
  week: number;
  share: number;
  weeks: number[] | undefined;
  shares: number[] | undefined;
}

const noWeeks = (): PerWeek => ({ count: 0, week: 0, share: 0, weeks: undefined, shares: undefined });

/** perWeek[week] += share, summing in the same order as a Map would. */
function addShare(perWeek: PerWeek, week: number, share: number): void {
  if (perWeek.count === 0) {
    perWeek.week = week;
    perWeek.share = 0 + share;
    perWeek.count = 1;
  } else if (perWeek.week === week) {
    perWeek.share = perWeek.share + share;
  } else if (perWeek.weeks === undefined) {
    perWeek.weeks = [week];
    perWeek.shares = [0 + share];
    perWeek.count = 2;
  } else {
    const k = perWeek.weeks.indexOf(week);
    if (k === -1) {
      perWeek.weeks.push(week);
      perWeek.shares!.push(0 + share);
      perWeek.count++;
    } else perWeek.shares![k] = perWeek.shares![k]! + share;
  }
}

function shareIn(perWeek: PerWeek, week: number): number {
  if (perWeek.count === 0) return 0;
  if (perWeek.week === week) return perWeek.share;
  const k = perWeek.weeks === undefined ? -1 : perWeek.weeks.indexOf(week);
  return k === -1 ? 0 : perWeek.shares![k]!;
}

function workItems(schedule: StatusSchedule): WorkItem[] {
  const items: WorkItem[] = [];
  for (const c of schedule.components) {
    if (c.tasks.length === 0) {
      const perWeek = noWeeks();
      for (const s of c.segments) addShare(perWeek, s.week, s.effort);
      if (perWeek.count === 0) addShare(perWeek, c.startWeek, c.effort);
      items.push({ kind: 'component', id: c.id, title: c.title, component: c, effort: c.effort, start: c.start, end: c.end, perWeek });
      continue;
    }
    for (const t of c.tasks) {
      const perWeek = noWeeks();
      const days = t.ranges.reduce((sum, r) => sum + (r.lastDay - r.firstDay + 1), 0);
      for (const r of t.ranges) {
        addShare(perWeek, r.week, (t.effort * (r.lastDay - r.firstDay + 1)) / days);
      }
      if (perWeek.count === 0) addShare(perWeek, c.startWeek, t.effort);
      const item: WorkItem = { kind: 'task', id: t.id, title: t.title, component: c, effort: t.effort, start: t.start, end: t.end, perWeek };
      if (t.owner !== undefined) item.owner = t.owner;
      items.push(item);
    }
  }
  return items;
}

function progressOf(items: readonly WorkItem[], statusOf: (w: WorkItem) => TaskStatusEntry): Progress {
  const total = items.reduce((sum, w) => sum + w.effort, 0);
  const closed = items.filter((w) => isClosed(statusOf(w).status));
  const done = closed.reduce((sum, w) => sum + w.effort, 0);
  return {
    doneEffort: round(done),
    totalEffort: round(total),
    percent: percentOf(done, total),
    tasksDone: closed.length,
    tasksTotal: items.length,
  };
}

/**
 * progressOf and deriveStatus of items whose entries are set, in one pass and without the arrays
 * between them (one component or phase each; 50,000 of them on a big plan). Sums run in the same
 * order, so the numbers are the same to the last bit.
 */
function rollUp(items: readonly WorkItem[]): { progress: Progress; status: TaskStatus } {
  let total = 0;
  let done = 0;
  let closed = 0;
  let skipped = 0;
  let blocked = false;
  let started = false;
  for (const w of items) {
    const s = w.entry!.status;
    total += w.effort;
    if (s === 'done' || s === 'skipped') {
      done += w.effort;
      closed++;
      if (s === 'skipped') skipped++;
    }
    if (s === 'blocked') blocked = true;
    if (s === 'doing' || s === 'done' || s === 'skipped') started = true;
  }
  const status: TaskStatus =
    items.length === 0 ? 'todo' : closed === items.length ? (skipped === items.length ? 'skipped' : 'done') : blocked ? 'blocked' : started ? 'doing' : 'todo';
  return {
    progress: { doneEffort: round(done), totalEffort: round(total), percent: percentOf(done, total), tasksDone: closed, tasksTotal: items.length },
    status,
  };
}

/** All closed -> done (skipped if all skipped); any blocked -> blocked; any started -> doing. */
export function deriveStatus(statuses: readonly TaskStatus[]): TaskStatus {
  if (statuses.length === 0) return 'todo';
  if (statuses.every(isClosed)) return statuses.every((s) => s === 'skipped') ? 'skipped' : 'done';
  if (statuses.includes('blocked')) return 'blocked';
  if (statuses.some((s) => s === 'doing' || s === 'done' || s === 'skipped')) return 'doing';
  return 'todo';
}

/** Floor, so 99.6 % never shows as 100 % while work remains. */
function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((done / total) * 100 + 1e-9);
}

const round = (n: number) => Math.round(n * 100) / 100;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whole days since `since`: from `now` when known, else from the calendar date to today. */
function ageDays(since: IsoDateTime, today: IsoDate, now: IsoDateTime | undefined): number {
  if (now !== undefined) return Math.max(0, Math.floor((Date.parse(now) - Date.parse(since)) / DAY_MS));
  return Math.max(0, daysBetween(since.slice(0, 10), today));
}

export function gradeFor(percent: number): Grade {
  if (percent >= 100) return 'A';
  if (percent >= 80) return 'B';
  if (percent >= 60) return 'C';
  if (percent >= 40) return 'D';
  return 'F';
}

/** Per category, in the plan's order: metrics met by a measurement / all metrics. */
export function readiness(metrics: readonly MetricStatus[]): ReadinessCategory[] {
  const order: string[] = [];
  const groups = new Map<string, MetricStatus[]>();
  for (const m of metrics) {
    if (!groups.has(m.category)) {
      order.push(m.category);
      groups.set(m.category, []);
    }
    groups.get(m.category)!.push(m);
  }
  return order.map((category) => {
    const list = groups.get(category)!;
    const met = list.filter((m) => m.state === 'met').length;
    const percent = percentOf(met, list.length);
    return {
      category,
      met,
      total: list.length,
      unverified: list.filter((m) => m.state === 'unverified').length,
      evidenced: list.filter((m) => m.state === 'met' && (m.latest?.evidence?.path !== undefined || m.latest?.evidence?.url !== undefined)).length,
      percent,
      grade: gradeFor(percent),
    };
  });
}
