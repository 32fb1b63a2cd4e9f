/**
 * The TUI's state: what the user is looking at and the plan edits they have not saved yet.
 * Everything here is plain data; src/tui/state/reducer.ts is the only thing that changes it.
 */
import type { ComponentComparison } from '../../core/baseline.js';
import type { BaselineSlip } from '../../core/baseline-slip.js';
import type { Component, Plan } from '../../core/plan-schema.js';
import type { ScheduledComponent, Schedule } from '../../core/schedule-types.js';
import type { LocatedEvent } from '../../core/journal.js';
import type { Problem } from '../../core/problem.js';
import type { WeekShift } from '../../core/sensitivity.js';
import type { PlanStatus } from '../../core/status-types.js';
import type { StandupCounts, StandupWindow } from '../../core/standup.js';

/**
 * Plan edits held in memory until `s` saves them. Only differences from the loaded plan are kept
 * (normaliseEdits drops an edit that matches the file), so "no edits" means "nothing to save".
 */
export interface PlanEdits {
  /** Criterion id -> weight. */
  weights: Readonly<Record<string, number>>;
  /** Component id -> week it must start in, or null to remove the plan's pin. */
  pins: Readonly<Record<string, number | null>>;
  /** Person-days per full work week. */
  capacity?: number;
  /** ISO date week 1 starts on. */
  start?: string;
}

export const NO_EDITS: PlanEdits = Object.freeze({ weights: Object.freeze({}), pins: Object.freeze({}) }) as PlanEdits;

/** One row of a view's list. Views add their own fields; the reducer only needs these. */
export interface ListRow {
  key: string;
  selectable: boolean;
  componentId?: string;
  taskId?: string;
  metricId?: string;
  ruleId?: string;
}

export interface ListState {
  rows: readonly ListRow[];
  /** Index into rows of the highlighted row (-1 when nothing is selectable). */
  cursor: number;
  /** First visible row. */
  top: number;
}

export type SortKey = 'score' | 'tier' | 'risk' | 'impact' | 'effort' | 'week' | 'id';
export const SORT_KEYS: readonly SortKey[] = ['score', 'tier', 'risk', 'impact', 'effort', 'week', 'id'];

export type PromptKind =
  | 'filter'
  | 'jump'
  | 'pin'
  | 'capacity'
  | 'start'
  | 'block'
  | 'note'
  /** Standup: what is next on a task (a note event, "next: ..."). */
  | 'next'
  /** Metrics: a measurement's value, then its evidence (carrying the value). */
  | 'measure-value'
  | 'measure-evidence'
  /** Standup: the file the report is written to. */
  | 'report-path';

export type Overlay =
  | { kind: 'help'; scroll: number }
  | {
      kind: 'prompt';
      prompt: PromptKind;
      label: string;
      value: string;
      /** The component or task the prompt acts on. */
      target?: string;
      /** Shown under the input when the last submit was rejected. */
      error?: string;
      /** The filter before a filter prompt opened: Esc restores it. */
      previous?: string;
      /** What an earlier step of a two-step prompt gave (the measured value). */
      carry?: string;
      /** The report path the user was told exists: submitting it again overwrites. */
      confirmOverwrite?: string;
    }
  | { kind: 'weights'; cursor: number }
  | { kind: 'confirm-quit' }
  | { kind: 'conflict'; message: string };

/** Journal events as read from disk, folded by the engine whenever the schedule changes. */
export interface JournalInput {
  events: readonly LocatedEvent[];
  problems: readonly Problem[];
}

export const NO_JOURNAL: JournalInput = Object.freeze({ events: Object.freeze([]), problems: Object.freeze([]) }) as JournalInput;

export interface Message {
  tone: 'info' | 'ok' | 'warning' | 'error';
  text: string;
}

export interface HistoryEntry {
  edits: PlanEdits;
  /** What the edit did, for "Undid: ..." messages. */
  label: string;
}

/** In the weights overlay: what one step up or down on the selected criterion would move. */
export interface WeightPreview {
  criterion: string;
  /** The plan it was worked out for: a preview of an older plan is stale. */
  plan: Plan;
  up: WeekShift[];
  down: WeekShift[];
}

/** What the last edit moved: "cache: week 5 -> 4". */
export interface MoveDiff {
  title: string;
  lines: string[];
  /** Schedule problems the edit brought (sanitised, one line each). */
  warnings?: string[];
}

export interface Size {
  columns: number;
  rows: number;
}

/**
 * The guided standup round (view 6): an intro, then one step per person (team members and
 * journal authors) or per task in progress, then the finished report.
 */
export interface StandupState {
  phase: 'intro' | 'round' | 'report';
  mode: 'people' | 'tasks';
  /** People's names or task ids, fixed when the round began. */
  subjects: readonly string[];
  /** Index into subjects. */
  step: number;
  /** What the report covers, fixed when the round began; `until` is set when the report is made. */
  window: StandupWindow | null;
  /** The finished report, made when the round ended. */
  report: StandupReportText | null;
  /** First report line shown. */
  scroll: number;
  /** When this report was recorded in the journal (r), so it is not recorded twice. */
  recordedAt?: string;
}

export interface StandupReportText {
  markdown: string;
  /** What `roadmap standup --record` writes in the standup event. */
  record: { since: string; sinceAt: string; today: string; by: string; counts: StandupCounts };
}

export const NO_STANDUP: StandupState = Object.freeze({
  phase: 'intro',
  mode: 'people',
  subjects: Object.freeze([]) as readonly string[],
  step: 0,
  window: null,
  report: null,
  scroll: 0,
}) as StandupState;

/** Inputs every view's row builder gets. */
export interface RowsInput {
  plan: Plan;
  schedule: Schedule;
  components: ReadonlyMap<string, ScheduledComponent>;
  planComponents: ReadonlyMap<string, Component>;
  filter: string;
  sort: SortKey;
  /** Against the key's natural order (highest score first, earliest week first, ...). */
  sortReversed: boolean;
  week: number;
  status: PlanStatus | null;
  today: string;
  standup: StandupState;
}

/** The pure half of a view: its id, title and list. The views table adds the React component. */
export interface ViewModel {
  id: string;
  title: string;
  /** Views without a list (or with their own navigation) leave this out. */
  rows?: (input: RowsInput) => ListRow[];
  /** Rows of the list visible at this size: paging and scrolling use it. */
  listHeight?: (size: Size, view: { detail: boolean; baseline?: boolean }) => number;
}

/**
 * The comparison with a saved baseline (issue 10, "Plan vs actual"), worked out for one plan and
 * journal: when either changes it is stale until the app works out the new one after the frame.
 */
export interface BaselineView {
  plan: Plan;
  journal: JournalInput;
  /** Null: the journal holds no readable baseline (of the name asked for). */
  slip: BaselineSlip | null;
  /** The comparison per component id, for the rows and the detail pane. */
  byId: ReadonlyMap<string, ComponentComparison>;
  /** Why no comparison could be made (the TUI says so rather than stopping). */
  error?: string;
}

export interface TuiState {
  /** The plan as loaded from disk. */
  plan: Plan;
  /** Content hash of the file the plan was read from; saving refuses when the file changed. */
  hash: string;
  /** How messages name the file. */
  fileLabel: string;
  today: string;
  edits: PlanEdits;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** The plan with the edits applied: what the views show. */
  effectivePlan: Plan;
  schedule: Schedule;
  components: ReadonlyMap<string, ScheduledComponent>;
  planComponents: ReadonlyMap<string, Component>;
  journal: JournalInput;
  /** Task and component status from the journal; null when the engine cannot compute it. */
  status: PlanStatus | null;
  view: string;
  views: readonly ViewModel[];
  lists: Readonly<Record<string, ListState>>;
  overlay: Overlay | null;
  filter: string;
  sort: SortKey;
  sortReversed: boolean;
  /** The Week view's week (1-based). */
  week: number;
  /** First week column the Roadmap shows. */
  weekOffset: number;
  detail: boolean;
  diff: MoveDiff | null;
  preview: WeightPreview | null;
  message: Message | null;
  size: Size;
  /** Rows the fired-rollback banner takes at the top of every view (0 when nothing fires). */
  banner: number;
  standup: StandupState;
  /** The baseline to compare with (`--baseline NAME`); undefined: the newest in the journal. */
  baselineName?: string;
  /** The comparison with that baseline; null until worked out, or when the engine cannot. */
  baseline: BaselineView | null;
  /** Whether the engine can compare with a baseline at all. */
  comparesBaseline: boolean;
  /** Set when the user asked to quit and nothing stops it; the app exits on it. */
  quitting: boolean;
}
