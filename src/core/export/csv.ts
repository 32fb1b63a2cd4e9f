/**
 * One row per task (a component without tasks is its own row), for spreadsheets and import into
 * other trackers. RFC 4180: a header row, CRLF line ends, quotes doubled inside quoted fields.
 * Cells a spreadsheet would run as a formula are defused (see csvField).
 *
 * CSV has no comments, and a marker line would import as a bogus first row, so the header row
 * itself is what marks the file as an earlier export (CSV_HEADER_LINE, read by isEarlierExport).
 *
 * Against a baseline, four columns follow (CSV_BASELINE_COLUMNS): the row's baselined start and
 * end, its end now (actual for done work, else projected from today) and the finish slip in work
 * days. Without a baseline the file is exactly as before, so existing imports keep working.
 */
import { csvRecord } from './escape.js';
import { formatNumber } from '../metric-state.js';
import type { ExportInput } from './view.js';
import type { DayRange } from '../schedule-types.js';
import type { ComponentComparison } from '../baseline.js';
import type { TaskAgainstBaseline } from './against-baseline.js';

export const CSV_COLUMNS = [
  'phase',
  'week',
  'start',
  'end',
  'days',
  'component_id',
  'component',
  'task_id',
  'task',
  'effort',
  'status',
  'owner',
] as const;

/** Appended when the export compares against a baseline. */
export const CSV_BASELINE_COLUMNS = ['baseline_start', 'baseline_end', 'current_end', 'slip_work_days'] as const;

/** The exact first line of every CSV export; a file starting with it is an earlier export. */
export const CSV_HEADER_LINE = csvRecord(CSV_COLUMNS);
/** The first line of a CSV export against a baseline. */
export const CSV_BASELINE_HEADER_LINE = csvRecord([...CSV_COLUMNS, ...CSV_BASELINE_COLUMNS]);

type Against = Pick<TaskAgainstBaseline, 'planned' | 'current' | 'finishSlip'>;

/** The baseline cells of a row: empty where a side is missing (added since, no longer scheduled). */
function baselineCells(row: Against | undefined): (string | number | undefined)[] {
  return [row?.planned?.start, row?.planned?.end, row?.current?.end, row?.finishSlip];
}

export function exportCsv(input: ExportInput): string {
  const { schedule, status } = input;
  const phases = new Map(schedule.phases.map((p) => [p.id, p]));
  const taskStatus = new Map(status.tasks.map((t) => [t.id, t.status]));
  const componentStatus = new Map(status.components.map((c) => [c.id, c.status]));
  const against = input.baseline !== undefined;
  const components = new Map<string, ComponentComparison>(input.baseline?.comparison.components.map((r) => [r.id, r]) ?? []);
  const tasksAgainst = input.baselineTasks ?? new Map<string, TaskAgainstBaseline>();
  const extra = (row: Against | undefined) => (against ? baselineCells(row) : []);
  const lines = [against ? CSV_BASELINE_HEADER_LINE : CSV_HEADER_LINE];
  for (const component of schedule.components) {
    const phase = phases.get(component.phaseId);
    const phaseLabel = phase ? `Phase ${phase.index}: ${phase.title}` : component.phaseId;
    if (component.tasks.length === 0) {
      const ranges = component.segments.map((s) => ({ week: s.week, firstDay: s.firstDay, lastDay: s.lastDay }));
      lines.push(
        csvRecord([
          phaseLabel,
          weekSpan(ranges),
          component.start,
          component.end,
          daysLabel(ranges),
          component.id,
          component.title,
          '',
          component.title,
          formatNumber(component.effort),
          componentStatus.get(component.id) ?? 'todo',
          input.plan.components.find((c) => c.id === component.id)?.owner,
          ...extra(components.get(component.id)),
        ]),
      );
      continue;
    }
    for (const task of component.tasks) {
      lines.push(
        csvRecord([
          phaseLabel,
          weekSpan(task.ranges),
          task.start,
          task.end,
          daysLabel(task.ranges),
          component.id,
          component.title,
          task.id,
          task.title,
          formatNumber(task.effort),
          taskStatus.get(task.id) ?? 'todo',
          task.owner,
          ...extra(tasksAgainst.get(task.id)),
        ]),
      );
    }
  }
  return lines.join('');
}

type Span = Pick<DayRange, 'week' | 'firstDay' | 'lastDay'>;

/** "3" or "3-4": the weeks a task touches. */
function weekSpan(ranges: readonly Span[]): string {
  if (ranges.length === 0) return '';
  const first = ranges[0]!.week;
  const last = ranges[ranges.length - 1]!.week;
  return first === last ? String(first) : `${first}-${last}`;
}

/** "Day 1-2", or per week when the task spans several: "W1 Day 5; W2 Day 1". */
function daysLabel(ranges: readonly Span[]): string {
  const day = (r: Span) => (r.firstDay === r.lastDay ? `Day ${r.firstDay}` : `Day ${r.firstDay}-${r.lastDay}`);
  if (ranges.length === 1) return day(ranges[0]!);
  return ranges.map((r) => `W${r.week} ${day(r)}`).join('; ');
}
