/**
 * What `computeStatus` produces: the plan as it stands today, folded from the plan, its schedule
 * and the journal. Everything that reports progress (`status`, exporters, the standup, the TUI)
 * reads this one shape, so they can never disagree. `--json` prints it with
 * `"format": "roadmap.status/v1"`; fields are only ever added, never renamed.
 *
 * Times: `IsoDate` is `YYYY-MM-DD`; `IsoDateTime` is an ISO 8601 instant as recorded in the journal
 * (always UTC, `...Z`). Efforts are person-days.
 */
import type { Comparator, Tier } from './plan-schema.js';
import type { Problem } from './problem.js';
import type { DayRange, IsoDate, ScheduledComponent, ScheduledPhase, ScheduledTask, ScheduledWeek, ScoreResult, WeekSegment } from './schedule-types.js';

export type IsoDateTime = string;

/** The state of one task (or of a component that has no tasks). */
export type TaskStatus = 'todo' | 'doing' | 'done' | 'blocked' | 'skipped';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'done', 'blocked', 'skipped'];

/** What a `status` journal event may set: a task status, or `rolled-back` on a rollback rule. */
export type TrackedStatus = TaskStatus | 'rolled-back';
export const TRACKED_STATUSES: readonly TrackedStatus[] = [...TASK_STATUSES, 'rolled-back'];

/** Finished work: neither late nor open. */
export const isClosed = (s: TaskStatus): boolean => s === 'done' || s === 'skipped';

export interface TaskStatusEntry {
  id: string;
  title: string;
  componentId: string;
  owner?: string;
  effort: number;
  status: TaskStatus;
  /** When the current status was recorded; absent while the task has never been tracked. */
  since?: IsoDateTime;
  by?: string;
  note?: string;
  scheduledStart: IsoDate;
  scheduledEnd: IsoDate;
  /** Scheduled end is before today and the task is not done or skipped. */
  late: boolean;
  /** Calendar days past the scheduled end (0 when not late). */
  lateDays: number;
  /** Whole days since the task became blocked (0 when not blocked). */
  blockedDays: number;
}

export interface ComponentProgress {
  id: string;
  title: string;
  phaseId: string;
  tier: Tier;
  owner?: string;
  /**
   * Derived from the tasks: all closed -> done (skipped when all skipped); any blocked -> blocked;
   * any doing or done -> doing; else todo. A component without tasks carries its own status.
   */
  status: TaskStatus;
  doneEffort: number;
  totalEffort: number;
  /** 0-100, whole numbers; skipped work counts as done (it no longer needs doing). */
  percent: number;
  tasksDone: number;
  tasksTotal: number;
  startWeek: number;
  endWeek: number;
  scheduledEnd: IsoDate;
  late: boolean;
}

export interface Progress {
  doneEffort: number;
  totalEffort: number;
  percent: number;
  tasksDone: number;
  tasksTotal: number;
}

export interface WeekProgress extends Progress {
  week: number;
  start: IsoDate;
  end: IsoDate;
  phaseIds: string[];
  /** today falls inside this week. */
  current: boolean;
  /** The week's last day is before today. */
  ended: boolean;
}

export interface PhaseProgress extends Progress {
  id: string;
  title: string;
  startWeek: number;
  endWeek: number;
  start: IsoDate;
  end: IsoDate;
  status: TaskStatus;
}

export interface LateItem {
  kind: 'task' | 'component';
  id: string;
  title: string;
  componentId: string;
  tier: Tier;
  owner?: string;
  status: TaskStatus;
  scheduledEnd: IsoDate;
  daysLate: number;
}

export interface BlockedItem {
  kind: 'task' | 'component';
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

export interface Evidence {
  /** A file path as given (relative to where the command ran), or */
  path?: string;
  /** a URL. */
  url?: string;
  /** sha256 of the file when recorded, hex. */
  sha256?: string;
}

export type MeasureSource = 'manual' | 'coverage' | 'junit' | 'bench';

export interface Measurement {
  value: number;
  at: IsoDateTime;
  by: string;
  evidence?: Evidence;
  note?: string;
  source: MeasureSource;
}

/**
 * met: the latest measurement meets the target. not-met: it does not. breached: it meets the
 * metric's `breach` condition (or, with no `breach`, the metric guards a rollback rule and its
 * latest value trips that rule / fails the target). unverified: nothing was ever measured.
 */
export type MetricState = 'met' | 'not-met' | 'breached' | 'unverified';

export interface ConditionView {
  op: Comparator;
  value: number;
  /** As a person reads it: ">= 100". */
  text: string;
}

export interface MetricStatus {
  id: string;
  name: string;
  category: string;
  unit: string;
  target: ConditionView;
  breach?: ConditionView;
  baseline?: number;
  rollback?: string;
  latest?: Measurement;
  /** Every measurement in journal order, oldest first. */
  trend: { at: IsoDateTime; value: number }[];
  /** Direction of the last change: up, down, flat, or none with fewer than two values. */
  direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the last change moved towards the target. */
  improving?: boolean;
  state: MetricState;
  /** One line: "analytics-speedup = 42 x (target >= 100): not met". */
  summary: string;
  /** The last week of the components whose success criteria use this metric. */
  dueWeek?: number;
}

export type CriterionState = MetricState | 'manual';

export interface CriterionStatus {
  componentId: string;
  /** Position in the component's `success` list. */
  index: number;
  text: string;
  metric?: string;
  /** From the metric; `manual` for text-only criteria. */
  state: CriterionState;
  /** Metric criteria: state is met. Manual criteria: their component is done. */
  met: boolean;
}

export type RollbackState = 'clear' | 'firing' | 'rolled-back';

export interface RollbackDeadlines {
  assess: IsoDateTime;
  decide: IsoDateTime;
  execute: IsoDateTime;
}

export interface RollbackHistoryEntry {
  at: IsoDateTime;
  state: RollbackState;
  reason: string;
  by?: string;
}

export interface RollbackStatus {
  id: string;
  title: string;
  action: 'abort' | 'pause' | 'continue';
  state: RollbackState;
  /** When the current (or last) firing started. */
  firedAt?: IsoDateTime;
  /** Why it fired: "error-rate 1.4 % > 1 (2 consecutive)". */
  reason?: string;
  /** firedAt + the rule's durations; present while firing. */
  deadlines?: RollbackDeadlines;
  /** With `now`, while firing: the latest deadline already passed (execute beats decide beats assess). */
  overdue?: 'assess' | 'decide' | 'execute';
  components: string[];
  weeks: number[];
  history: RollbackHistoryEntry[];
}

export type HealthState = 'on-track' | 'at-risk' | 'off-track';

export interface Health {
  state: HealthState;
  /** The most important reason, one line. */
  reason: string;
  /** Every reason found, most important first. */
  reasons: string[];
}

/** A: all met; B: >= 80 %; C: >= 60 %; D: >= 40 %; F: below. Only measurements count. */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface ReadinessCategory {
  category: string;
  met: number;
  total: number;
  /** Metrics with no measurement at all. */
  unverified: number;
  /** Of the met ones, how many rest on a file (with sha256) or URL rather than a typed-in value. */
  evidenced: number;
  percent: number;
  grade: Grade;
}

export interface ConflictEntry {
  by: string;
  status: TrackedStatus;
  at: IsoDateTime;
}

/** Two or more authors set the same target to different statuses within one minute. */
export interface JournalConflict {
  target: string;
  entries: ConflictEntry[];
  /** The status the fold kept (the last in journal order). */
  kept: TrackedStatus;
}

export interface PlanStatus {
  format: 'roadmap.status/v1';
  project: string;
  title: string;
  today: IsoDate;
  now?: IsoDateTime;
  /** Where today falls relative to the schedule. */
  timeline: 'before' | 'during' | 'after';
  /** 1-based; null before the first or after the last week. */
  currentWeek: number | null;
  /** The phase of the current week (the first when weeks are shared). */
  currentPhase: string | null;
  overall: Progress;
  health: Health;
  tasks: TaskStatusEntry[];
  components: ComponentProgress[];
  weeks: WeekProgress[];
  phases: PhaseProgress[];
  late: LateItem[];
  blocked: BlockedItem[];
  metrics: MetricStatus[];
  criteria: CriterionStatus[];
  rollback: RollbackStatus[];
  readiness: ReadinessCategory[];
  conflicts: JournalConflict[];
  journal: { events: number; authors: string[]; lastEventAt?: IsoDateTime };
  /** Journal problems (torn lines, unknown ids, conflicts) and anything else worth a look. */
  problems: Problem[];
}

/**
 * The parts of a Schedule that `computeStatus` reads (a whole Schedule is one). `roadmap status`
 * caches just these for a plan: a 50,000-component schedule is ~80 MB of JSON, most of it score
 * terms, reasons and dependency lists that status never reads.
 */
export interface StatusSchedule {
  start: IsoDate;
  end: IsoDate;
  components: StatusScheduleComponent[];
  weeks: Pick<ScheduledWeek, 'index' | 'start' | 'end' | 'phaseIds' | 'rollbackRules'>[];
  phases: Pick<ScheduledPhase, 'id' | 'title' | 'startWeek' | 'endWeek' | 'start' | 'end'>[];
}

export interface StatusScheduleComponent
  extends Pick<ScheduledComponent, 'id' | 'title' | 'phaseId' | 'effort' | 'startWeek' | 'endWeek' | 'start' | 'end' | 'rollbackRules'> {
  score: Pick<ScoreResult, 'tier'>;
  segments: Pick<WeekSegment, 'week' | 'effort'>[];
  tasks: StatusScheduleTask[];
}

export interface StatusScheduleTask extends Pick<ScheduledTask, 'id' | 'title' | 'effort' | 'owner' | 'start' | 'end'> {
  ranges: Pick<DayRange, 'week' | 'firstDay' | 'lastDay'>[];
}
