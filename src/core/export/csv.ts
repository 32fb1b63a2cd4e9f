/**
 * One row per task (a component without tasks is its own row), for spreadsheets and import into
 * other trackers. RFC 4180: a header row, CRLF line ends, quotes doubled inside quoted fields.
 * Cells a spreadsheet would run as a formula are defused (see csvField).
 *
 * The first line is a `#` comment carrying the export marker, so a later export may replace the
 * file; readers skip it with their comment option (csv-parse `comment: '#'`, pandas
 * `comment='#'`) or by skipping one row. No field is left unquoted if it holds `#`.
 */
import { csvRecord } from './escape.js';
import { formatNumber } from '../metric-state.js';
import { EXPORT_MARKER_TEXT } from './marker.js';
import type { ExportInput } from './view.js';
import type { DayRange } from '../schedule-types.js';

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

export function exportCsv(input: ExportInput): string {
  const { schedule, status } = input;
  const phases = new Map(schedule.phases.map((p) => [p.id, p]));
  const taskStatus = new Map(status.tasks.map((t) => [t.id, t.status]));
  const componentStatus = new Map(status.components.map((c) => [c.id, c.status]));
  const lines = [`# ${EXPORT_MARKER_TEXT}: one row per task; skip this line when importing\r\n`, csvRecord(CSV_COLUMNS)];
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
