/**
 * The daily standup as data: plan + schedule + folded journal + status (+ git commits) -> one
 * report that the renderers in standup-render.ts print as Markdown, Slack mrkdwn, text or JSON.
 *
 * Pure: today, the window's instants and the commits are parameters. The CLI folds only the
 * journal events up to the end of the window, so a standup for a past day reads the journal as it
 * stood then.
 *
 * Order of the report (what a good standup says first): blockers; done since last; in progress;
 * planned today and for the rest of the week; at risk (late work, late dependencies, metrics due
 * and not met, rollback rules firing or one breach away); metric changes; scope change since the
 * latest baseline; who has recorded nothing.
 */
import { compareToBaseline, findBaseline, readBaselines } from './baseline.js';
import { summarizeBaselineSlip, type EndMover } from './baseline-slip.js';
import { buildCalendar, dayToIso, isoToDay, type WorkCalendar } from './calendar.js';
import { projectFromToday } from './projection.js';
import type { JournalState, StandupEvent } from './journal.js';
import { conditionView, formatValue, meets } from './metric-state.js';
import type { Plan, RollbackRule } from './plan-schema.js';
import type { IsoDate, Schedule, ScheduledComponent } from './schedule-types.js';
import {
  isClosed,
  type HealthState,
  type IsoDateTime,
  type Measurement,
  type MetricState,
  type PlanStatus,
  type RollbackDeadlines,
  type TaskStatus,
} from './status-types.js';

export const STANDUP_FORMAT = 'roadmap.standup/v1';

/** How the start of the window was chosen. */
export type SinceBasis = 'previous-work-day' | 'date' | 'last-standup';

export interface StandupWindow {
  /** The first day the report looks back to. */
  since: IsoDate;
  /** The instant the window opens: the start of `since`, or the moment of the last standup. */
  sinceAt: IsoDateTime;
  /** The instant it closes: now, or the end of `today` for a day in the past. */
  until: IsoDateTime;
  basis: SinceBasis;
}

export interface GitCommit {
  sha: string;
  author: string;
  email?: string;
  at: IsoDateTime;
  subject: string;
  body: string;
}

/** What the CLI found in git: commits, or why there are none to show. */
export type GitInput = { available: true; commits: GitCommit[]; truncated?: boolean } | { available: false; reason: string };

export interface StandupInput {
  plan: Plan;
  schedule: Schedule;
  journal: JournalState;
  status: PlanStatus;
  today: IsoDate;
  window: StandupWindow;
  /** One person's items only (owner or author, case-insensitive); undefined for everyone. */
  by?: string;
  git?: GitInput;
  /** Things the reader should know about how the report was made (fallbacks, skipped lines). */
  notes?: string[];
  /** The calendar date of a journal instant, for the projection behind the end-date slip (default: its UTC date). */
  dateOf?: (at: IsoDateTime) => IsoDate;
}

/** The end date against the newest readable baseline: projected from today with the journal's actuals. */
export interface EndDateSlip {
  baseline: { name: string; at: IsoDateTime };
  planned: IsoDate;
  projected: IsoDate;
  /** Work days, positive = later. */
  slip: number;
  /** The earliest component that slipped past its baselined slack: it moves the end date. */
  cause?: EndMover;
}

export interface BlockerItem {
  id: string;
  title: string;
  componentId: string;
  owner?: string;
  /** Who marked it blocked. */
  by?: string;
  since?: IsoDateTime;
  ageDays: number;
  note?: string;
}

export interface DoneItem {
  id: string;
  title: string;
  componentId: string;
  status: 'done' | 'skipped';
  owner?: string;
  by: string;
  at: IsoDateTime;
  note?: string;
  /** Set when the whole component was marked. */
  via?: string;
}

export interface InProgressItem {
  id: string;
  title: string;
  componentId: string;
  owner?: string;
  by?: string;
  since?: IsoDateTime;
  note?: string;
  scheduledEnd: IsoDate;
  daysLate: number;
}

export interface PlannedItem {
  id: string;
  title: string;
  componentId: string;
  owner?: string;
  status: TaskStatus;
  week: number;
  /** Work-day numbers inside the week, 1-based ("day 1-2"). */
  firstDay: number;
  lastDay: number;
  start: IsoDate;
  end: IsoDate;
}

export interface LateRisk {
  id: string;
  title: string;
  componentId: string;
  owner?: string;
  status: TaskStatus;
  scheduledEnd: IsoDate;
  daysLate: number;
}

export interface DependencyRisk {
  componentId: string;
  title: string;
  owner?: string;
  /** When the waiting component is scheduled to start. */
  start: IsoDate;
  dependsOn: string;
  dependencyState: 'late' | 'blocked';
  /** Days the dependency is late (its latest task). */
  daysLate: number;
}

export interface MetricRisk {
  id: string;
  name: string;
  state: MetricState;
  unit: string;
  value?: number;
  target: string;
  /** breached: now; overdue: its week has ended; due-soon: its week ends within 2 work days. */
  reason: 'breached' | 'overdue' | 'due-soon';
  dueWeek?: number;
  /** The last work day of the due week. */
  due?: IsoDate;
  /** Work days after today up to and including `due` (0 when due today). */
  workDaysLeft?: number;
}

export interface RollbackRisk {
  id: string;
  title: string;
  action: RollbackRule['action'];
  /** firing: act now, against the deadlines; near: one more bad measurement fires it. */
  kind: 'firing' | 'near';
  reason: string;
  firedAt?: IsoDateTime;
  deadlines?: RollbackDeadlines;
  overdue?: 'assess' | 'decide' | 'execute';
  metric?: string;
}

export interface MetricChange {
  id: string;
  name: string;
  unit: string;
  value: number;
  at: IsoDateTime;
  by: string;
  /** The last value before the window, else the plan's baseline. */
  previous?: number;
  previousSource?: 'measurement' | 'baseline';
  delta?: number;
  target: string;
  state: MetricState;
  /** Measurements inside the window. */
  count: number;
}

export interface ScopeItem {
  kind: 'task' | 'component';
  id: string;
  title?: string;
  componentId: string;
}

export interface ScopeChange {
  /** The baseline compared against, or null when none was recorded. */
  baseline: { name: string; at: IsoDateTime } | null;
  /** The current schedule week, or null outside the schedule. */
  week: number | null;
  /** Whether the comparison was made (false without a baseline, outside the schedule, or when the baseline cannot be read). */
  compared: boolean;
  added: ScopeItem[];
  removed: ScopeItem[];
  /** Why the comparison could not be made, or a caveat about it. */
  note?: string;
}

export interface CommitItem {
  sha: string;
  at: IsoDateTime;
  subject: string;
  /** Task ids the message names. */
  tasks: string[];
}

export interface GitSection {
  available: boolean;
  reason?: string;
  authors: { author: string; commits: CommitItem[] }[];
  truncated?: boolean;
}

export interface StandupCounts {
  blockers: number;
  done: number;
  inProgress: number;
  plannedToday: number;
  restOfWeek: number;
  atRisk: number;
  metricChanges: number;
  scopeChanges: number;
  silent: number;
}

export interface StandupReport {
  format: typeof STANDUP_FORMAT;
  project: string;
  title: string;
  today: IsoDate;
  window: StandupWindow;
  /** The person the report is for, or "all". */
  by: string;
  timeline: PlanStatus['timeline'];
  /** The whole schedule's span, for "not started" and "ended" headers. */
  schedule: { start: IsoDate; end: IsoDate; weeks: number };
  week: { index: number; of: number; start: IsoDate; end: IsoDate } | null;
  phase: { id: string; title: string } | null;
  health: { state: HealthState; reason: string };
  blockers: BlockerItem[];
  done: DoneItem[];
  inProgress: InProgressItem[];
  planned: {
    /** Whether today is a work day of the plan's calendar. */
    todayIsWorkDay: boolean;
    today: PlannedItem[];
    restOfWeek: PlannedItem[];
  };
  atRisk: {
    late: LateRisk[];
    dependencies: DependencyRisk[];
    metrics: MetricRisk[];
    rollback: RollbackRisk[];
  };
  metricChanges: MetricChange[];
  scope: ScopeChange;
  /** Present when the journal holds a baseline in the roadmap.baseline/v1 format. */
  endDate?: EndDateSlip;
  /** Team members and journal authors with nothing recorded in the window. */
  silent: string[];
  git?: GitSection;
  counts: StandupCounts;
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Work days

/**
 * A work day for the standup: a calendar work day that is not a holiday. Freeze days count: people
 * are at work during a code freeze, they just do not ship.
 */
export function isWorkDay(calendar: WorkCalendar, date: IsoDate): boolean {
  const week = calendar.week(calendar.weekOf(date));
  return week.workdays.includes(date) || week.frozen.includes(date);
}

/** The last work day before `date` (Monday looks back to Friday; holidays are skipped). */
export function previousWorkDay(plan: Plan, date: IsoDate, calendar: WorkCalendar = buildCalendar(plan)): IsoDate {
  const day = isoToDay(date);
  // A year without a single work day is a broken calendar; fall back to the day before.
  for (let d = day - 1; d >= day - 366; d--) {
    const iso = dayToIso(d);
    if (isWorkDay(calendar, iso)) return iso;
  }
  return dayToIso(day - 1);
}

/** Work days after `from` up to and including `to`, counting at most `cap + 1`. */
function workDaysBetween(calendar: WorkCalendar, from: IsoDate, to: IsoDate, cap: number): number {
  let count = 0;
  for (let d = isoToDay(from) + 1; d <= isoToDay(to) && count <= cap; d++) {
    if (isWorkDay(calendar, dayToIso(d))) count++;
  }
  return count;
}

/** The latest standup recorded at or before `until`. */
export function lastStandup(journal: JournalState, until: IsoDateTime): StandupEvent | undefined {
  const limit = Date.parse(until);
  let last: StandupEvent | undefined;
  for (const s of journal.standups) if (Date.parse(s.at) <= limit) last = s;
  return last;
}

// ---------------------------------------------------------------------------------------------
// Git

const ID_TOKEN = /[A-Za-z0-9][A-Za-z0-9._-]*/g;

/**
 * Task ids a commit message names, as whole words: "fix plugin-registry." names plugin-registry;
 * "plugin-registry-v2" and "plugin-registry.ts" do not. In order of first mention.
 */
export function taskIdsIn(message: string, taskIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of message.matchAll(ID_TOKEN)) {
    // A sentence's full stop (or a trailing dash) is punctuation, not part of the id.
    const token = match[0].replace(/[._-]+$/, '');
    if (taskIds.has(token) && !found.includes(token)) found.push(token);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Baselines (written by `roadmap baseline`; read here tolerantly, since only ids are needed)

interface BaselineScope {
  /** Component id -> its task ids (empty for a component without tasks) and weeks when known. */
  components: Map<string, { tasks: Map<string, string | undefined>; title?: string; startWeek?: number; endWeek?: number }>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/**
 * Accepts `components` (at the top or under `schedule`) as an array of `{ id, tasks? }` or a map
 * id -> `{ tasks? }`, tasks likewise; weeks as `startWeek`/`endWeek`, snake_case, or `weeks: [..]`.
 */
export function readBaselineScope(data: unknown): BaselineScope | undefined {
  const root = isRecord(data) && isRecord(data.schedule) ? data.schedule : data;
  if (!isRecord(root)) return undefined;
  const list = entries(root.components);
  if (list === undefined) return undefined;
  const components: BaselineScope['components'] = new Map();
  for (const [id, value] of list) {
    const tasks = new Map<string, string | undefined>();
    const v = isRecord(value) ? value : {};
    for (const [taskId, task] of entries(v.tasks) ?? []) tasks.set(taskId, isRecord(task) ? str(task.title) : undefined);
    const title = str(v.title);
    const weeks = Array.isArray(v.weeks) ? v.weeks.filter((w): w is number => num(w) !== undefined) : [];
    const startWeek = num(v.startWeek) ?? num(v.start_week) ?? (weeks.length > 0 ? Math.min(...weeks) : undefined);
    const endWeek = num(v.endWeek) ?? num(v.end_week) ?? (weeks.length > 0 ? Math.max(...weeks) : undefined);
    components.set(id, {
      tasks,
      ...(title !== undefined ? { title } : {}),
      ...(startWeek !== undefined ? { startWeek } : {}),
      ...(endWeek !== undefined ? { endWeek } : {}),
    });
  }
  return { components };
}

function entries(x: unknown): [string, unknown][] | undefined {
  if (Array.isArray(x)) {
    const out: [string, unknown][] = [];
    for (const item of x) {
      if (typeof item === 'string') out.push([item, {}]);
      else if (isRecord(item) && typeof item.id === 'string') out.push([item.id, item]);
    }
    return out;
  }
  if (isRecord(x)) return Object.keys(x).map((k) => [k, x[k]]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The report

const fold = (name: string) => name.trim().toLowerCase();
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Keeps deltas of floating-point measurements free of 0.30000000000000004. */
const tidy = (n: number) => Number(n.toPrecision(12));
const withUnit = (text: string, unit: string | undefined) => (unit ? `${text} ${unit}` : text);
/** How close to a threshold a measurement must be to count as one breach away. */
export const NEAR_FRACTION = 0.1;

export function buildStandup(input: StandupInput): StandupReport {
  const { plan, schedule, journal, status, today, window } = input;
  const calendar = buildCalendar(plan);
  const sinceMs = Date.parse(window.sinceAt);
  const untilMs = Date.parse(window.until);
  const inWindow = (at: string) => {
    const t = Date.parse(at);
    return t >= sinceMs && t <= untilMs;
  };

  const planComponents = new Map(plan.components.map((c) => [c.id, c]));
  const taskStatus = new Map(status.tasks.map((t) => [t.id, t]));
  /** Task (or task-less component) id -> its owner: the task's, else the component's. */
  const ownerOf = (id: string, componentId: string): string | undefined =>
    taskStatus.get(id)?.owner ?? planComponents.get(componentId)?.owner;

  const person = input.by !== undefined ? fold(input.by) : undefined;
  const isPerson = (...names: (string | undefined)[]) => person === undefined || names.some((n) => n !== undefined && fold(n) === person);
  /** Components with work owned by the person (every component when the report is for all). */
  const personComponents = new Set<string>();
  if (person === undefined) {
    for (const c of schedule.components) personComponents.add(c.id);
  } else {
    for (const t of status.tasks) if (isPerson(ownerOf(t.id, t.componentId))) personComponents.add(t.componentId);
    for (const c of plan.components) if (isPerson(c.owner)) personComponents.add(c.id);
  }

  // Blockers, oldest first (status sorts them).
  const blockers: BlockerItem[] = status.blocked
    .filter((b) => isPerson(ownerOf(b.id, b.componentId), b.by))
    .map((b) => {
      const owner = ownerOf(b.id, b.componentId);
      return {
        id: b.id,
        title: b.title,
        componentId: b.componentId,
        ...(owner !== undefined ? { owner } : {}),
        ...(b.by !== undefined ? { by: b.by } : {}),
        ...(b.since !== undefined ? { since: b.since } : {}),
        ageDays: b.ageDays,
        ...(b.note !== undefined ? { note: b.note } : {}),
      };
    });

  // Done since last: the latest closing change per task in the window, if it still stands.
  const closing = new Map<string, (typeof journal.changes)[number]>();
  for (const change of journal.changes) {
    if (change.kind === 'rule' || !inWindow(change.at)) continue;
    if (change.status === 'done' || change.status === 'skipped') closing.set(change.target, change);
  }
  const done: DoneItem[] = [];
  for (const [id, change] of closing) {
    const current = taskStatus.get(id);
    if (!current || current.status !== change.status) continue;
    const owner = ownerOf(id, current.componentId);
    if (!isPerson(owner, change.by)) continue;
    done.push({
      id,
      title: current.title,
      componentId: current.componentId,
      status: change.status as 'done' | 'skipped',
      ...(owner !== undefined ? { owner } : {}),
      by: change.by,
      at: change.at,
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.via !== undefined ? { via: change.via } : {}),
    });
  }
  done.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareIds(a.id, b.id));

  const inProgress: InProgressItem[] = status.tasks
    .filter((t) => t.status === 'doing' && isPerson(ownerOf(t.id, t.componentId), t.by))
    .map((t) => {
      const owner = ownerOf(t.id, t.componentId);
      return {
        id: t.id,
        title: t.title,
        componentId: t.componentId,
        ...(owner !== undefined ? { owner } : {}),
        ...(t.by !== undefined ? { by: t.by } : {}),
        ...(t.since !== undefined ? { since: t.since } : {}),
        ...(t.note !== undefined ? { note: t.note } : {}),
        scheduledEnd: t.scheduledEnd,
        daysLate: t.lateDays,
      };
    })
    .sort((a, b) => compareIds(a.scheduledEnd, b.scheduledEnd) || compareIds(a.id, b.id));

  // Planned: open work whose day ranges cover today, then what starts later this week.
  const todayWeek = calendar.weekOf(today);
  const currentWeek = status.currentWeek;
  const workToday = isWorkDay(calendar, today);
  const plannedToday: PlannedItem[] = [];
  const restOfWeek: PlannedItem[] = [];
  for (const c of schedule.components) {
    if (c.endWeek < todayWeek || c.startWeek > todayWeek) continue;
    for (const item of workRanges(c, schedule)) {
      const entry = taskStatus.get(item.id);
      if (!entry || isClosed(entry.status)) continue;
      const owner = ownerOf(item.id, c.id);
      if (!isPerson(owner)) continue;
      const range = item.ranges.find((r) => r.start <= today && today <= r.end) ?? item.ranges.find((r) => r.week === todayWeek && r.start > today);
      if (!range) continue;
      const planned: PlannedItem = {
        id: item.id,
        title: item.title,
        componentId: c.id,
        ...(owner !== undefined ? { owner } : {}),
        status: entry.status,
        week: range.week,
        firstDay: range.firstDay,
        lastDay: range.lastDay,
        start: range.start,
        end: range.end,
      };
      // On a holiday inside a range, the rest of the range is still ahead this week.
      if (range.start > today) restOfWeek.push(planned);
      else if (workToday) plannedToday.push(planned);
      else if (range.end > today) restOfWeek.push(planned);
    }
  }
  const byStart = (a: PlannedItem, b: PlannedItem) => compareIds(a.start, b.start) || compareIds(a.end, b.end) || compareIds(a.id, b.id);
  plannedToday.sort(byStart);
  restOfWeek.sort(byStart);

  // At risk.
  const late: LateRisk[] = status.late
    .filter((l) => isPerson(ownerOf(l.id, l.componentId)))
    .map((l) => {
      const owner = ownerOf(l.id, l.componentId);
      return {
        id: l.id,
        title: l.title,
        componentId: l.componentId,
        ...(owner !== undefined ? { owner } : {}),
        status: l.status,
        scheduledEnd: l.scheduledEnd,
        daysLate: l.daysLate,
      };
    });

  const progress = new Map(status.components.map((c) => [c.id, c]));
  const lateDaysOf = new Map<string, number>();
  for (const l of status.late) lateDaysOf.set(l.componentId, Math.max(lateDaysOf.get(l.componentId) ?? 0, l.daysLate));
  const dependencies: DependencyRisk[] = [];
  for (const c of schedule.components) {
    const mine = progress.get(c.id);
    if (!mine || isClosed(mine.status) || !personComponents.has(c.id)) continue;
    for (const depId of [...c.dependsOn].sort(compareIds)) {
      const dep = progress.get(depId);
      if (!dep || isClosed(dep.status)) continue;
      const state = dep.late ? 'late' : dep.status === 'blocked' ? 'blocked' : undefined;
      if (state === undefined) continue;
      const owner = planComponents.get(c.id)?.owner;
      dependencies.push({
        componentId: c.id,
        title: c.title,
        ...(owner !== undefined ? { owner } : {}),
        start: c.start,
        dependsOn: depId,
        dependencyState: state,
        daysLate: lateDaysOf.get(depId) ?? 0,
      });
    }
  }

  const metricComponents = new Map<string, Set<string>>();
  for (const c of plan.components) {
    for (const s of c.success) {
      if (typeof s === 'string' || s.metric === undefined) continue;
      const set = metricComponents.get(s.metric) ?? new Set<string>();
      set.add(c.id);
      metricComponents.set(s.metric, set);
    }
  }
  const judgesPersonWork = (metricId: string) =>
    person === undefined || [...(metricComponents.get(metricId) ?? [])].some((id) => personComponents.has(id));

  const metricRisks: MetricRisk[] = [];
  for (const m of status.metrics) {
    if (!judgesPersonWork(m.id)) continue;
    const base = {
      id: m.id,
      name: m.name,
      state: m.state,
      unit: m.unit,
      ...(m.latest ? { value: m.latest.value } : {}),
      target: m.target.text,
    };
    if (m.state === 'breached') {
      metricRisks.push({ ...base, reason: 'breached', ...(m.dueWeek !== undefined ? { dueWeek: m.dueWeek } : {}) });
      continue;
    }
    if ((m.state !== 'not-met' && m.state !== 'unverified') || m.dueWeek === undefined) continue;
    const week = schedule.weeks[m.dueWeek - 1];
    if (!week) continue;
    const due = week.workdays.at(-1) ?? week.end;
    if (due < today) {
      metricRisks.push({ ...base, reason: 'overdue', dueWeek: m.dueWeek, due });
      continue;
    }
    const left = workDaysBetween(calendar, today, due, 2);
    if (left <= 2) metricRisks.push({ ...base, reason: 'due-soon', dueWeek: m.dueWeek, due, workDaysLeft: left });
  }

  const rollback: RollbackRisk[] = [];
  const rules = new Map(plan.rollback.map((r) => [r.id, r]));
  for (const r of status.rollback) {
    const rule = rules.get(r.id);
    if (!rule) continue;
    if (person !== undefined && !r.components.some((id) => personComponents.has(id))) continue;
    if (r.state === 'firing') {
      rollback.push({
        id: r.id,
        title: r.title,
        action: r.action,
        kind: 'firing',
        reason: r.reason ?? 'tripped',
        ...(r.firedAt !== undefined ? { firedAt: r.firedAt } : {}),
        ...(r.deadlines !== undefined ? { deadlines: r.deadlines } : {}),
        ...(r.overdue !== undefined ? { overdue: r.overdue } : {}),
      });
      continue;
    }
    for (const near of nearMisses(plan, rule, journal)) {
      rollback.push({ id: r.id, title: r.title, action: r.action, kind: 'near', reason: near.reason, metric: near.metric });
    }
  }

  // Metric changes in the window.
  const metricChanges: MetricChange[] = [];
  const metricStatus = new Map(status.metrics.map((m) => [m.id, m]));
  for (const m of plan.metrics) {
    const all = journal.measurements.get(m.id) ?? [];
    const inside = all.filter((x) => inWindow(x.at) && isPerson(x.by));
    const latest = inside.at(-1);
    if (!latest) continue;
    const before = all.filter((x) => Date.parse(x.at) < sinceMs).at(-1);
    const previous = before?.value ?? m.baseline;
    const ms = metricStatus.get(m.id);
    metricChanges.push({
      id: m.id,
      name: m.name,
      unit: m.unit,
      value: latest.value,
      at: latest.at,
      by: latest.by,
      ...(previous !== undefined
        ? { previous, previousSource: before ? 'measurement' : 'baseline', delta: tidy(latest.value - previous) }
        : {}),
      target: conditionView(m.target).text,
      state: ms?.state ?? 'unverified',
      count: inside.length,
    });
  }

  const scope = scopeChange(input, currentWeek, (id, componentId) => isPerson(ownerOf(id, componentId)));
  const endDate = endDateSlip(input);

  // Who has recorded nothing: the plan's team and everyone who ever wrote in the journal.
  const names: string[] = [];
  const seen = new Set<string>();
  for (const name of [...plan.team.members.map((m) => m.name), ...journal.authors]) {
    const key = fold(name);
    if (seen.has(key) || !isPerson(name)) continue;
    seen.add(key);
    names.push(name);
  }
  // Someone outside the team who never wrote in the journal has still recorded nothing.
  if (input.by !== undefined && names.length === 0) names.push(input.by.trim());
  const recorded = new Set(
    journal.events.filter((e) => e.type !== 'standup' && e.type !== 'baseline' && inWindow(e.at)).map((e) => fold(e.by)),
  );
  const silent = names.filter((n) => !recorded.has(fold(n)));

  const git = input.git ? gitSection(input.git, new Set(taskStatus.keys()), isPerson) : undefined;

  const week = currentWeek !== null ? schedule.weeks[currentWeek - 1] : undefined;
  const phase = status.currentPhase !== null ? schedule.phases.find((p) => p.id === status.currentPhase) : undefined;
  const atRisk = { late, dependencies, metrics: metricRisks, rollback };
  const report: StandupReport = {
    format: STANDUP_FORMAT,
    project: plan.project,
    title: plan.title,
    today,
    window,
    by: input.by ?? 'all',
    timeline: status.timeline,
    schedule: { start: schedule.start, end: schedule.end, weeks: schedule.weeks.length },
    week: week ? { index: week.index, of: schedule.weeks.length, start: week.start, end: week.end } : null,
    phase: phase ? { id: phase.id, title: phase.title } : null,
    health: { state: status.health.state, reason: status.health.reason },
    blockers,
    done,
    inProgress,
    planned: { todayIsWorkDay: workToday, today: plannedToday, restOfWeek },
    atRisk,
    metricChanges,
    scope,
    ...(endDate ? { endDate } : {}),
    silent,
    ...(git ? { git } : {}),
    counts: {
      blockers: blockers.length,
      done: done.length,
      inProgress: inProgress.length,
      plannedToday: plannedToday.length,
      restOfWeek: restOfWeek.length,
      atRisk: late.length + dependencies.length + metricRisks.length + rollback.length,
      metricChanges: metricChanges.length,
      scopeChanges: scope.added.length + scope.removed.length,
      silent: silent.length,
    },
    notes: [...(input.notes ?? [])],
  };
  return report;
}

interface WorkRange {
  id: string;
  title: string;
  ranges: { week: number; firstDay: number; lastDay: number; start: IsoDate; end: IsoDate }[];
}

/** A component's tasks with their day ranges; a component without tasks is one item. */
function workRanges(c: ScheduledComponent, schedule: Schedule): WorkRange[] {
  if (c.tasks.length > 0) return c.tasks.map((t) => ({ id: t.id, title: t.title, ranges: t.ranges }));
  const ranges = c.segments.flatMap((s) => {
    const days = schedule.weeks[s.week - 1]?.workdays ?? [];
    const start = days[s.firstDay - 1];
    const end = days[s.lastDay - 1];
    return start !== undefined && end !== undefined ? [{ week: s.week, firstDay: s.firstDay, lastDay: s.lastDay, start, end }] : [];
  });
  return [{ id: c.id, title: c.title, ranges }];
}

/**
 * Why a rule that is not firing is one bad measurement away from it: a streak one short of its
 * `consecutive`, or a latest value within NEAR_FRACTION of a trigger or breach threshold.
 * Measurements from before the rule's last rollback do not count (the rule state machine resets
 * its streaks there too).
 */
function nearMisses(plan: Plan, rule: RollbackRule, journal: JournalState): { metric: string; reason: string }[] {
  const rolledBack = (journal.ruleEvents.get(rule.id) ?? []).filter((e) => e.status === 'rolled-back').at(-1);
  const after = rolledBack ? Date.parse(rolledBack.at) : Number.NEGATIVE_INFINITY;
  const windowOf = (metric: string): Measurement[] => (journal.measurements.get(metric) ?? []).filter((m) => Date.parse(m.at) > after);
  const units = new Map(plan.metrics.map((m) => [m.id, m.unit]));
  const out: { metric: string; reason: string }[] = [];
  const near = (value: number, threshold: number) => Math.abs(value - threshold) <= NEAR_FRACTION * Math.abs(threshold);

  for (const trigger of rule.triggers) {
    const ms = windowOf(trigger.metric);
    const latest = ms.at(-1);
    if (!latest) continue;
    const condition = conditionView(trigger.condition);
    const value = formatValue(latest.value, units.get(trigger.metric) ?? '');
    let streak = 0;
    for (let i = ms.length - 1; i >= 0 && meets(ms[i]!.value, condition); i--) streak++;
    if (trigger.consecutive > 1 && streak === trigger.consecutive - 1) {
      out.push({
        metric: trigger.metric,
        reason: `${trigger.metric} ${value} ${condition.text}: ${streak} of ${trigger.consecutive} consecutive, one more fires it`,
      });
    } else if (!meets(latest.value, condition) && near(latest.value, condition.value)) {
      out.push({ metric: trigger.metric, reason: `${trigger.metric} ${value} is within 10% of the trigger ${withUnit(condition.text, units.get(trigger.metric))}` });
    }
  }
  for (const metric of plan.metrics) {
    if (metric.rollback !== rule.id) continue;
    const latest = windowOf(metric.id).at(-1);
    if (!latest) continue;
    const value = formatValue(latest.value, metric.unit);
    if (metric.breach !== undefined) {
      const breach = conditionView(metric.breach);
      if (!meets(latest.value, breach) && near(latest.value, breach.value)) {
        out.push({ metric: metric.id, reason: `${metric.id} ${value} is within 10% of its breach ${withUnit(breach.text, metric.unit)}` });
      }
    } else if (!rule.triggers.some((t) => t.metric === metric.id)) {
      const target = conditionView(metric.target);
      if (meets(latest.value, target) && near(latest.value, target.value)) {
        out.push({ metric: metric.id, reason: `${metric.id} ${value} is within 10% of failing its target ${withUnit(target.text, metric.unit)}` });
      }
    }
  }
  return out;
}

/**
 * Tasks of the components scheduled this week that were added or removed since the latest
 * baseline. Without a baseline there is nothing honest to compare against, and the report says so.
 */
function scopeChange(input: StandupInput, currentWeek: number | null, mine: (id: string, componentId: string) => boolean): ScopeChange {
  const { plan, schedule, journal } = input;
  const latest = journal.baselines.at(-1);
  const baseline = latest ? { name: latest.name, at: latest.at } : null;
  if (!latest) return { baseline, week: currentWeek, compared: false, added: [], removed: [], note: 'no baseline recorded' };
  const week = currentWeek !== null ? schedule.weeks[currentWeek - 1] : undefined;
  if (!week) return { baseline, week: null, compared: false, added: [], removed: [], note: 'today is outside the scheduled weeks' };
  const before = readBaselineScope(latest.data);
  if (!before) return { baseline, week: week.index, compared: false, added: [], removed: [], note: `baseline "${latest.name}" holds no component list this roadmap can read` };

  const added: ScopeItem[] = [];
  const removed: ScopeItem[] = [];
  const thisWeek = new Set(week.components);
  const current = new Map(plan.components.map((c) => [c.id, c]));
  for (const id of week.components) {
    const c = current.get(id);
    if (!c) continue;
    const old = before.components.get(id);
    if (!old) {
      if (c.tasks.length === 0 ? mine(c.id, c.id) : c.tasks.some((t) => mine(t.id, c.id))) {
        added.push({ kind: 'component', id: c.id, title: c.title, componentId: c.id });
      }
      for (const t of c.tasks) if (mine(t.id, c.id)) added.push({ kind: 'task', id: t.id, title: t.title, componentId: c.id });
      continue;
    }
    for (const t of c.tasks) {
      if (!old.tasks.has(t.id) && mine(t.id, c.id)) added.push({ kind: 'task', id: t.id, title: t.title, componentId: c.id });
    }
    const now = new Set(c.tasks.map((t) => t.id));
    for (const [taskId, title] of old.tasks) {
      if (!now.has(taskId)) removed.push({ kind: 'task', id: taskId, ...(title !== undefined ? { title } : {}), componentId: c.id });
    }
  }
  // Components the baseline had in this week that the plan no longer has at all.
  for (const [id, old] of before.components) {
    if (current.has(id) || thisWeek.has(id)) continue;
    if (old.startWeek === undefined || old.endWeek === undefined || old.startWeek > week.index || old.endWeek < week.index) continue;
    removed.push({ kind: 'component', id, ...(old.title !== undefined ? { title: old.title } : {}), componentId: id });
    for (const [taskId, title] of old.tasks) removed.push({ kind: 'task', id: taskId, ...(title !== undefined ? { title } : {}), componentId: id });
  }
  // A baseline taken on the week's first work day still sees the whole week.
  const note =
    latest.at.slice(0, 10) > (week.workdays[0] ?? week.start)
      ? `baseline "${latest.name}" was recorded after week ${week.index} began, so earlier changes this week are not visible`
      : undefined;
  return { baseline, week: week.index, compared: true, added, removed, ...(note !== undefined ? { note } : {}) };
}

function endDateSlip(input: StandupInput): EndDateSlip | undefined {
  const found = findBaseline(readBaselines(input.journal).baselines);
  if (!found) return undefined;
  const projection = projectFromToday(input.plan, input.journal, input.today, input.dateOf ? { dateOf: input.dateOf } : {});
  const summary = summarizeBaselineSlip(found, compareToBaseline(found, projection.schedule, input.status, input.plan));
  const end = summary.comparison.end;
  const cause = summary.movesEnd[0];
  return { baseline: { name: found.name, at: found.at }, planned: end.baseline, projected: end.current, slip: end.slip, ...(cause ? { cause } : {}) };
}

function gitSection(git: GitInput, taskIds: ReadonlySet<string>, isPerson: (...names: (string | undefined)[]) => boolean): GitSection {
  if (!git.available) return { available: false, reason: git.reason, authors: [] };
  const byAuthor = new Map<string, CommitItem[]>();
  for (const c of git.commits) {
    if (!isPerson(c.author)) continue;
    const list = byAuthor.get(c.author) ?? [];
    list.push({ sha: c.sha, at: c.at, subject: c.subject, tasks: taskIdsIn(`${c.subject}\n${c.body}`, taskIds) });
    byAuthor.set(c.author, list);
  }
  const authors = [...byAuthor.keys()]
    .sort((a, b) => compareIds(fold(a), fold(b)) || compareIds(a, b))
    .map((author) => ({ author, commits: byAuthor.get(author)!.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareIds(a.sha, b.sha)) }));
  return { available: true, authors, ...(git.truncated ? { truncated: true } : {}) };
}
