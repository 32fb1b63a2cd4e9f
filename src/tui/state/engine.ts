/**
 * The core functions the reducer needs, behind one small interface so reducer tests can count
 * calls or swap in a failing scheduler. coreEngine (src/tui/state/core-engine.ts) is the real one.
 */
import type { BaselineSlip } from '../../core/baseline-slip.js';
import type { Plan } from '../../core/plan-schema.js';
import type { Schedule } from '../../core/schedule-types.js';
import type { WeekShift } from '../../core/sensitivity.js';
import type { PlanStatus } from '../../core/status-types.js';
import type { JournalInput } from './types.js';

export interface Engine {
  /** The schedule of a plan (edits already applied). */
  schedule(plan: Plan): Schedule;
  /** Status folded from the journal for that schedule. */
  status?(plan: Plan, schedule: Schedule, journal: JournalInput, today: string): PlanStatus;
  /** Which components would start in another week if a criterion weighed `delta` more. */
  sensitivity?(plan: Plan, criterion: string, delta: number): WeekShift[];
  /**
   * The plan (actual dates for done work, re-planned from today for the rest) against the newest
   * baseline in the journal, or the one named; undefined when there is none.
   */
  baseline?(plan: Plan, journal: JournalInput, today: string, status: PlanStatus, name?: string, schedule?: Schedule): BaselineSlip | undefined;
}
