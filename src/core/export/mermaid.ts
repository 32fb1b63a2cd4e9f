/**
 * A Mermaid `gantt` chart: a section per phase, one bar per component (or per task with
 * `per: 'task'`), a milestone per phase gate, done/active/crit markers from the tracked status and
 * the risk (crit: high risk or critical tier).
 *
 * Mermaid counts a bar's duration in days that are not excluded, so the chart excludes exactly
 * the days our calendar does not work: the non-work weekdays (`weekends` for Mon-Fri), holidays
 * and freeze days. A bar starts `after` its dependencies when that is where the schedule put it
 * (the first work day after they end); otherwise it gets its scheduled date, because capacity or a
 * phase gate moved it later and `after` would draw it too early.
 *
 * Against a baseline, a bar whose finish slipped (actual, or projected from today) says so in its
 * label, "(slipped +3 work days)", and a last section puts the baselined end date next to the end
 * date as it stands now. Bars keep the plan's dates and ids.
 */
import { dayToIso, isoToDay, weekdayOfDay } from '../calendar.js';
import { mermaidLabel } from './escape.js';
import { EXPORT_MARKER_TEXT } from './marker.js';
import type { IsoDate, ScheduledComponent } from '../schedule-types.js';
import type { TaskStatus } from '../status-types.js';
import { buildView, type ExportInput, type RoadmapView } from './view.js';
import { addDays } from './format.js';
import { workDays } from '../baseline-slip.js';

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const PLAN_WEEKDAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

interface Bar {
  key: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
  /** Bars this one waits for. */
  after: string[];
  status: TaskStatus;
  crit: boolean;
  /** Work days its finish slipped against the baseline, when it did. */
  slipped?: number;
}

/** A finish slip worth marking: later than baselined. */
const slipOf = (row: { finishSlip?: number } | undefined): { slipped?: number } => (row?.finishSlip !== undefined && row.finishSlip > 0 ? { slipped: row.finishSlip } : {});

export function exportMermaid(input: ExportInput): string {
  const view = buildView(input);
  const workdays = new Set(input.schedule.weeks.flatMap((w) => w.workdays));
  const ids = new BarIds();
  const lines = [
    `%% ${EXPORT_MARKER_TEXT}: edit the plan and export again rather than editing this file`,
    'gantt',
    `    title ${mermaidLabel(input.plan.title)}`,
    '    dateFormat YYYY-MM-DD',
    '    axisFormat %d %b',
  ];
  const excludes = excludedDays(view, workdays);
  if (excludes.length > 0) lines.push(`    excludes ${excludes.join(', ')}`);

  const bars = input.per === 'task' ? taskBars(view, ids) : componentBars(view, ids);
  const ends = new Map([...bars.values()].flat().map((b) => [b.key, b.end]));
  for (const { phase } of view.phases) {
    lines.push(`    section ${mermaidLabel(`Phase ${phase.index}: ${phase.title}`)}`);
    for (const bar of bars.get(phase.id) ?? []) lines.push(`    ${barLine(bar, ends, workdays)}`);
    lines.push(`    ${mermaidLabel(`Phase ${phase.index} gate`)} :milestone, ${ids.get('gate', phase.id)}, ${phase.end}, 0d`);
  }
  const b = input.baseline;
  if (b) {
    const { end, baseline } = b.comparison;
    lines.push(`    section ${mermaidLabel(`Against baseline ${baseline.name}`)}`);
    lines.push(`    ${mermaidLabel('Baselined end')} :milestone, ${ids.get('baseline', 'end')}, ${end.baseline}, 0d`);
    if (end.current !== end.baseline || end.slip !== 0) {
      lines.push(`    ${mermaidLabel(`End now (${workDays(end.slip)})`)} :${end.slip > 0 ? 'crit, ' : ''}milestone, ${ids.get('baseline', 'now')}, ${end.current}, 0d`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid ids for bars: prefixed (so no id reads as a tag like `done`), `.` made `_`, unique. */
class BarIds {
  private readonly taken = new Map<string, string>();
  private readonly used = new Set<string>();
  get(kind: string, id: string): string {
    const wanted = `${kind}:${id}`;
    const known = this.taken.get(wanted);
    if (known) return known;
    const base = `${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}-${n}`;
    this.taken.set(wanted, candidate);
    this.used.add(candidate);
    return candidate;
  }
}

function componentBars(view: RoadmapView, ids: BarIds): Map<string, Bar[]> {
  const bars = new Map<string, Bar[]>();
  for (const c of view.schedule.components) {
    const status = view.componentStatus.get(c.id)?.status ?? 'todo';
    const list = bars.get(c.phaseId) ?? [];
    list.push({
      key: ids.get('c', c.id),
      label: c.title,
      start: c.start,
      end: c.end,
      after: c.dependsOn.filter((d) => view.scheduled.has(d)).map((d) => ids.get('c', d)),
      status,
      crit: isCritical(c),
      ...slipOf(view.againstBaseline.get(c.id)),
    });
    bars.set(c.phaseId, list);
  }
  return bars;
}

function taskBars(view: RoadmapView, ids: BarIds): Map<string, Bar[]> {
  const bars = new Map<string, Bar[]>();
  /** The bar that finishes a component: its last-ending task, or the component itself. */
  const finisher = (c: ScheduledComponent): string => {
    if (c.tasks.length === 0) return ids.get('c', c.id);
    const last = c.tasks.reduce((a, b) => (b.end > a.end ? b : a));
    return ids.get('t', last.id);
  };
  for (const c of view.schedule.components) {
    const list = bars.get(c.phaseId) ?? [];
    const upstream = c.dependsOn.map((d) => view.scheduled.get(d)).filter((d): d is ScheduledComponent => d !== undefined).map(finisher);
    if (c.tasks.length === 0) {
      list.push({ key: ids.get('c', c.id), label: c.title, start: c.start, end: c.end, after: upstream, status: view.componentStatus.get(c.id)?.status ?? 'todo', crit: isCritical(c), ...slipOf(view.againstBaseline.get(c.id)) });
    }
    c.tasks.forEach((t, i) => {
      const previous = c.tasks[i - 1];
      list.push({
        key: ids.get('t', t.id),
        label: `${t.title}`,
        start: t.start,
        end: t.end,
        after: previous ? [ids.get('t', previous.id)] : upstream,
        status: view.taskStatus.get(t.id)?.status ?? 'todo',
        crit: isCritical(c),
        ...slipOf(view.input.baselineTasks?.get(t.id)),
      });
    });
    bars.set(c.phaseId, list);
  }
  return bars;
}

const isCritical = (c: ScheduledComponent): boolean => c.risk === 'high' || c.score.tier === 'critical';

function barLine(bar: Bar, ends: Map<string, IsoDate>, workdays: Set<IsoDate>): string {
  const tags = [
    ...(bar.crit ? ['crit'] : []),
    ...(bar.status === 'done' || bar.status === 'skipped' ? ['done'] : bar.status === 'doing' || bar.status === 'blocked' ? ['active'] : []),
  ];
  const depEnds = bar.after.map((k) => ends.get(k)).filter((e): e is IsoDate => e !== undefined);
  const latest = depEnds.length === bar.after.length && depEnds.length > 0 ? depEnds.reduce((a, b) => (b > a ? b : a)) : undefined;
  const start = latest !== undefined && nextWorkday(latest, workdays) === bar.start ? `after ${bar.after.join(' ')}` : bar.start;
  const days = countWorkdays(bar.start, bar.end, workdays);
  const label = bar.slipped !== undefined ? `${bar.label} (slipped ${workDays(bar.slipped)})` : bar.label;
  return `${mermaidLabel(label)} :${[...tags, bar.key, start, `${Math.max(days, 1)}d`].join(', ')}`;
}

function nextWorkday(after: IsoDate, workdays: Set<IsoDate>): IsoDate | undefined {
  for (let i = 1; i <= 370; i++) {
    const day = addDays(after, i);
    if (workdays.has(day)) return day;
  }
  return undefined;
}

function countWorkdays(start: IsoDate, end: IsoDate, workdays: Set<IsoDate>): number {
  let n = 0;
  for (let d = isoToDay(start); d <= isoToDay(end); d++) if (workdays.has(dayToIso(d))) n++;
  return n;
}

/**
 * `weekends` (or the non-work weekdays by name when the calendar is not Mon-Fri), then every other
 * day inside the schedule that is not a work day: holidays and freezes.
 */
function excludedDays(view: RoadmapView, workdays: Set<IsoDate>): string[] {
  const working = new Set<number>(view.plan.calendar.workdays.map((d) => PLAN_WEEKDAYS[d]));
  const off = [0, 1, 2, 3, 4, 5, 6].filter((d) => !working.has(d));
  const named = off.length === 2 && off.includes(0) && off.includes(6) ? ['weekends'] : off.map((d) => WEEKDAY_NAMES[d]!);
  const dates: IsoDate[] = [];
  const weeks = view.schedule.weeks;
  if (weeks.length > 0) {
    const first = isoToDay(weeks[0]!.start);
    const last = isoToDay(weeks[weeks.length - 1]!.end);
    for (let d = first; d <= last; d++) {
      const iso = dayToIso(d);
      if (working.has(weekdayOfDay(d)) && !workdays.has(iso)) dates.push(iso);
    }
  }
  return [...named, ...dates];
}
