/**
 * The TUI's state: what the user is looking at and the plan edits they have not saved yet.
 * Everything here is plain data; src/tui/state/reducer.ts is the only thing that changes it.
 */
import type { Component, Plan } from '../../core/plan-schema.js';
import type { ScheduledComponent, Schedule } from '../../core/schedule-types.js';
import type { LocatedEvent } from '../../core/journal.js';
import type { Problem } from '../../core/problem.js';
import type { WeekShift } from '../../core/sensitivity.js';
import type { PlanStatus } from '../../core/status-types.js';

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

export type PromptKind = 'filter' | 'jump' | 'pin' | 'capacity' | 'start' | 'block' | 'note';

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
}

export interface Size {
  columns: number;
  rows: number;
}

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
}

/** The pure half of a view: its id, title and list. The views table adds the React component. */
export interface ViewModel {
  id: string;
  title: string;
  /** Views without a list (or with their own navigation) leave this out. */
  rows?: (input: RowsInput) => ListRow[];
  /** Rows of the list visible at this size: paging and scrolling use it. */
  listHeight?: (size: Size, view: { detail: boolean }) => number;
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
  /** Set when the user asked to quit and nothing stops it; the app exits on it. */
  quitting: boolean;
}
