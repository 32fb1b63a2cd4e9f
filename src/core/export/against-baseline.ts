/**
 * The baseline comparison every export format shows, assembled the same way for all of them: the
 * newest baseline in the journal (or the one named), against actual dates for done work and the
 * projection from today for the rest, per component (compareToBaseline) and, for the formats with
 * a row or event per task, per task. Slips are work days of the plan's calendar.
 */
import { compareToBaseline, findBaseline, readBaselines, type Baseline } from '../baseline.js';
import { summarizeBaselineSlip, type BaselineSlip } from '../baseline-slip.js';
import { buildCalendar } from '../calendar.js';
import type { JournalState } from '../journal.js';
import type { Plan } from '../plan-schema.js';
import type { Problem } from '../problem.js';
import { projectScheduleFromToday, WorkdayAxis, type PlannedDates, type ProjectionOptions } from '../projection.js';
import type { IsoDate, Schedule } from '../schedule-types.js';
import type { PlanStatus } from '../status-types.js';

export interface TaskAgainstBaseline {
  id: string;
  componentId: string;
  /** As baselined; absent for a task added since. */
  planned?: { start: IsoDate; end: IsoDate };
  /** Actual or projected now; absent when it is no longer scheduled. */
  current?: { start: IsoDate; end: IsoDate };
  /** Work days, positive = later; only when both sides exist. */
  startSlip?: number;
  finishSlip?: number;
}

export interface ExportBaseline {
  slip: BaselineSlip;
  /** By task id (ids are unique across a plan's components and tasks). */
  tasks: Map<string, TaskAgainstBaseline>;
}

export type BaselineLookup =
  | { found: true; baseline: ExportBaseline; problems: Problem[] }
  /** `names`: the baselines the journal holds, for the message when a named one is missing. */
  | { found: false; names: string[]; problems: Problem[] };

/**
 * The comparison with the baseline called `name` (the newest of that name), or with the newest
 * of all when `name` is undefined or "latest". Unreadable baselines come back as warnings.
 * `options.planned`: the plan's own schedule when the caller has it (re-planning then skips
 * scheduling the plan again).
 */
export function exportBaselineFor(
  plan: Plan,
  journal: JournalState,
  status: PlanStatus,
  today: IsoDate,
  name?: string,
  options: Pick<ProjectionOptions, 'dateOf'> & { planned?: PlannedDates } = {},
): BaselineLookup {
  const { baselines, problems } = readBaselines(journal);
  const wanted = name !== undefined && name !== 'latest' ? name : undefined;
  const found = findBaseline(baselines, wanted);
  if (!found) return { found: false, names: [...new Set(baselines.map((b) => b.name))], problems };
  // The comparison reads dates and actuals, not the critical path or the reasons for each move.
  const projected = projectScheduleFromToday(plan, journal, today, options);
  const slip = summarizeBaselineSlip(found, compareToBaseline(found, projected, status, plan));
  return { found: true, baseline: { slip, tasks: compareTasksToBaseline(found, projected, plan) }, problems };
}

/** Per task: its baselined dates against its dates in `schedule` (a projection from today). */
export function compareTasksToBaseline(baseline: Baseline, schedule: Schedule, plan: Plan): Map<string, TaskAgainstBaseline> {
  const axis = new WorkdayAxis(buildCalendar(plan));
  const rows = new Map<string, TaskAgainstBaseline>();
  for (const c of baseline.data.components) {
    for (const t of c.tasks) rows.set(t.id, { id: t.id, componentId: c.id, planned: { start: t.start, end: t.end } });
  }
  for (const c of schedule.components) {
    for (const t of c.tasks) {
      const row = rows.get(t.id) ?? { id: t.id, componentId: c.id };
      row.current = { start: t.start, end: t.end };
      if (row.planned) {
        row.startSlip = axis.startSlip(row.planned.start, t.start);
        row.finishSlip = axis.finishSlip(row.planned.end, t.end);
      }
      rows.set(t.id, row);
    }
  }
  return rows;
}

/**
 * "3 work days later than baseline 'kickoff'", "1 work day earlier than ...", "as in baseline
 * 'kickoff'"; for something the baseline lacks or that is no longer scheduled, says that.
 * The name is not escaped here: callers escape for their format.
 */
export function slipSentence(row: { planned?: unknown; current?: unknown; finishSlip?: number }, baselineName: string): string {
  const name = `baseline '${baselineName}'`;
  if (row.planned === undefined) return `not in ${name}`;
  if (row.current === undefined || row.finishSlip === undefined) return `no longer scheduled (it was in ${name})`;
  const n = Math.abs(row.finishSlip);
  const days = `${n} work ${n === 1 ? 'day' : 'days'}`;
  if (row.finishSlip > 0) return `${days} later than ${name}`;
  if (row.finishSlip < 0) return `${days} earlier than ${name}`;
  return `as in ${name}`;
}
