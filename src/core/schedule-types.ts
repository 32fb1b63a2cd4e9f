/**
 * What the scorer and the scheduler produce. Dates are ISO `YYYY-MM-DD` strings: plain data that
 * serialises byte-for-byte the same everywhere, with no time zone to get wrong.
 */
import type { Level, Tier } from './plan-schema.js';
import type { Problem } from './problem.js';

export type IsoDate = string;

export interface ScoreTerm {
  criterion: string;
  name: string;
  /** The raw score from the plan (undefined when missing: counts as the scale minimum). */
  raw: number | undefined;
  /** The normalised weight (weights sum to 1 for the weighted scorer). */
  weight: number;
  direction: 'benefit' | 'cost';
  /** What this term adds to the score. */
  contribution: number;
}

export interface ScoreResult {
  /** The score used for tiering and ordering, rounded to the plan's precision. */
  value: number;
  /** The computed score before any override, unrounded. */
  computed: number;
  /** "given" when the plan states a priority, "computed" otherwise. */
  source: 'given' | 'computed';
  scorer: 'weighted' | 'wsjf' | 'rice';
  tier: Tier;
  terms: ScoreTerm[];
  /** A one-line formula a person can check by hand. */
  formula: string;
}

export interface DayRange {
  week: number;
  /** 1-based work-day numbers inside the week ("Day 1-2"). */
  firstDay: number;
  lastDay: number;
  start: IsoDate;
  end: IsoDate;
}

export interface ScheduledTask {
  id: string;
  title: string;
  componentId: string;
  effort: number;
  owner?: string;
  /** One range per week the task touches (usually one). */
  ranges: DayRange[];
  start: IsoDate;
  end: IsoDate;
}

export interface WeekSegment {
  week: number;
  /** Person-days of this component's effort that fall in this week. */
  effort: number;
  firstDay: number;
  lastDay: number;
}

export interface ScheduledComponent {
  id: string;
  title: string;
  phaseId: string;
  score: ScoreResult;
  risk: Level;
  effort: number;
  startWeek: number;
  endWeek: number;
  start: IsoDate;
  end: IsoDate;
  segments: WeekSegment[];
  tasks: ScheduledTask[];
  pinned: boolean;
  dependsOn: string[];
  dependants: string[];
  /** Why it landed where it did, in the order the scheduler decided. */
  reasons: string[];
  rollbackRules: string[];
  /**
   * Work days it can slip without moving the end date (critical-path.ts; whole days, rounded
   * down). Negative only when the plan cannot be met. Absent until the critical path is computed,
   * and on finished work.
   */
  slack?: number;
  /** On the critical path: slipping it by one work day moves the end date. */
  critical?: boolean;
  /** In a projection (projection.ts): what already happened to it. Absent when not started. */
  actual?: ComponentActual;
}

export interface ComponentActual {
  state: 'done' | 'in-progress';
  /** First `doing` of any of its tasks (docs/plan-vs-actual.md: tasks closed without one). */
  start: IsoDate;
  /** When its last task closed; done work only. */
  finish?: IsoDate;
  /** Person-days left (0 when done). */
  remaining: number;
}

/** One link of the critical path: the component and what ties it to the one before. */
export interface CriticalLink {
  id: string;
  /** first: starts the chain; dependency: waits for the one before; queue: the team moves on to it; phase-gate: its phase waits for the earlier phase. */
  via: 'first' | 'dependency' | 'queue' | 'phase-gate';
}

export interface ScheduledWeek {
  index: number;
  start: IsoDate;
  /** Last calendar day of the week (start + 6). */
  end: IsoDate;
  workdays: IsoDate[];
  holidays: { date: IsoDate; name?: string }[];
  frozen: IsoDate[];
  capacity: number;
  used: number;
  phaseIds: string[];
  /** Component ids in the order they run inside the week. */
  components: string[];
  /** Components starting this week that are high risk. */
  highRiskStarts: string[];
  rollbackRules: string[];
}

export interface ScheduledPhase {
  id: string;
  title: string;
  tiers: Tier[];
  index: number;
  startWeek: number;
  endWeek: number;
  start: IsoDate;
  end: IsoDate;
  components: string[];
  rollbackRules: string[];
}

export interface Schedule {
  project: string;
  title: string;
  start: IsoDate;
  end: IsoDate;
  capacityPerWeek: number;
  weeks: ScheduledWeek[];
  phases: ScheduledPhase[];
  /** In schedule order (by start position). */
  components: ScheduledComponent[];
  /** Constraint violations: error when the plan cannot be met, warning when met with strain. */
  problems: Problem[];
  /**
   * Components that could not be placed (beyond the 520-week horizon, no capacity, or waiting on
   * such a component), with why; they are absent from `components`. Empty when all fit.
   */
  unscheduled?: { id: string; reason: string }[];
  /** The chain of components that sets the end date, in order (critical-path.ts). */
  criticalPath?: CriticalLink[];
  /** Present on a projection: re-planned from this date with what the journal says happened. */
  projectedFrom?: IsoDate;
}
