/**
 * The Roadmap timeline as text: Gantt cells per week, the today marker, week headings, capacity.
 * Pure, so the drawing rules are unit-tested without rendering.
 */
import type { ScheduledComponent, ScheduledWeek } from '../../core/schedule-types.js';
import type { WeekProgress } from '../../core/status-types.js';
import { clean, dateRuns, ganttCell, num, seg, shortDate, type Line, type Segment } from '../text.js';
import type { TextStyle, Theme } from '../theme.js';

export const TODAY_MARK = '│';
/** Marks a critical-path component in the Roadmap (a one-work-day slip moves the end date). */
export const CRITICAL_MARK = '^';

/** "> id" when selected, "^ id" on the critical path, "  id" otherwise; pinned ones end in "*". */
export function roadmapLabel(c: Pick<ScheduledComponent, 'id' | 'pinned' | 'critical'>, selected: boolean): { mark: string; text: string } {
  return { mark: selected ? '> ' : c.critical ? `${CRITICAL_MARK} ` : '  ', text: `${c.id}${c.pinned ? '*' : ''}` };
}

/** Where today falls: its week (1-based) and the cell inside that week's column. */
export interface TodayPosition {
  week: number;
  cell: number;
}

export function todayPosition(weeks: readonly ScheduledWeek[], today: string, cells: number): TodayPosition | undefined {
  const i = weeks.findIndex((w) => w.start <= today && today <= w.end);
  if (i === -1) return undefined;
  const w = weeks[i]!;
  const n = w.workdays.length;
  if (n === 0) return { week: i + 1, cell: 0 };
  const before = w.workdays.filter((d) => d < today).length;
  return { week: i + 1, cell: Math.min(cells - 1, Math.floor((before / n) * cells)) };
}

/** Merges adjacent segments that share a style, so a row is a handful of <Text> nodes. */
function push(line: Line, text: string, style?: TextStyle): void {
  const last = line[line.length - 1];
  if (last && last.style === style) last.text += text;
  else line.push(style ? { text, style } : { text });
}

export interface TimelineWindow {
  weeks: readonly ScheduledWeek[];
  /** 0-based index of the first visible week. */
  offset: number;
  count: number;
  /** Cells per week column (a gap column follows each). */
  cells: number;
  today: TodayPosition | undefined;
  theme: Theme;
}

/** A component's bar across the visible weeks. */
export function componentTimeline(c: ScheduledComponent, win: TimelineWindow): Line {
  const line: Line = [];
  const segments = new Map(c.segments.map((s) => [s.week, s]));
  const barStyle = win.theme.tier(c.score.tier);
  for (let i = win.offset; i < Math.min(win.weeks.length, win.offset + win.count); i++) {
    const week = win.weeks[i]!;
    const s = segments.get(i + 1);
    const cell = s ? ganttCell(s.firstDay, s.lastDay, week.workdays.length, win.cells) : ' '.repeat(win.cells);
    const todayCell = win.today?.week === i + 1 ? win.today.cell : -1;
    for (let k = 0; k < win.cells; k++) {
      const ch = cell[k]!;
      if (k === todayCell && ch === ' ') push(line, TODAY_MARK, win.theme.today);
      else push(line, ch, ch === ' ' ? undefined : barStyle);
    }
    push(line, ' ');
  }
  return line;
}

/** "Week 1" while numbers are short, "W10" beyond; today's week stands out in colour. */
export function weekHeading(win: TimelineWindow): Line {
  const line: Line = [];
  const last = Math.min(win.weeks.length, win.offset + win.count);
  const long = `Week ${last}`.length <= win.cells;
  for (let i = win.offset; i < last; i++) {
    const isToday = win.today?.week === i + 1;
    const label = long ? `Week ${i + 1}` : `W${i + 1}`;
    push(line, label.padEnd(win.cells + 1).slice(0, win.cells + 1), isToday ? win.theme.today : win.theme.heading);
  }
  return line;
}

/** Week start dates, with "!" on weeks that lose days to holidays or a freeze. */
export function dateHeading(win: TimelineWindow): Line {
  const line: Line = [];
  for (let i = win.offset; i < Math.min(win.weeks.length, win.offset + win.count); i++) {
    const w = win.weeks[i]!;
    const marked = w.holidays.length > 0 || w.frozen.length > 0;
    push(line, `${shortDate(w.start)}${marked ? '!' : ''}`.padEnd(win.cells + 1).slice(0, win.cells + 1), marked ? win.theme.warning : win.theme.muted);
  }
  return line;
}

/** Person-days used of each week's capacity ("15/15"; a percentage when that does not fit). */
export function capacityLine(win: TimelineWindow): Line {
  const line: Line = [];
  for (let i = win.offset; i < Math.min(win.weeks.length, win.offset + win.count); i++) {
    const w = win.weeks[i]!;
    let label = `${num(w.used)}/${num(w.capacity)}`;
    if (label.length > win.cells) label = w.capacity > 0 ? `${Math.round((w.used / w.capacity) * 100)}%` : '-';
    const over = w.used > w.capacity + 1e-9;
    push(line, label.padEnd(win.cells + 1).slice(0, win.cells + 1), over ? win.theme.error : undefined);
  }
  return line;
}

/**
 * How much of each week's work is done ("40%", from the journal's status; "-" for a week with no
 * work): a week that ended short of 100% stands out, as does the current week.
 */
export function progressLine(win: TimelineWindow, progress: readonly WeekProgress[]): Line {
  const byWeek = new Map(progress.map((p) => [p.week, p]));
  const line: Line = [];
  for (let i = win.offset; i < Math.min(win.weeks.length, win.offset + win.count); i++) {
    const p = byWeek.get(i + 1);
    const label = p && p.totalEffort > 0 ? `${p.percent}%` : '-';
    const style = !p || p.totalEffort === 0 ? win.theme.muted : p.percent >= 100 ? win.theme.ok : p.ended ? win.theme.warning : p.current ? win.theme.today : undefined;
    push(line, label.padEnd(win.cells + 1).slice(0, win.cells + 1), style);
  }
  return line;
}

/** Holidays and freeze days in the visible weeks, e.g. "W8 12-25 Christmas Day". */
export function calendarNotes(win: TimelineWindow): string[] {
  const notes: string[] = [];
  for (let i = win.offset; i < Math.min(win.weeks.length, win.offset + win.count); i++) {
    const w = win.weeks[i]!;
    for (const h of w.holidays) notes.push(`W${i + 1} ${shortDate(h.date)}${h.name ? ` ${clean(h.name)}` : ''}`);
    if (w.frozen.length > 0) notes.push(`W${i + 1} frozen ${dateRuns(w.frozen)}`);
  }
  return notes;
}

export function segmentsText(line: readonly Segment[]): string {
  return line.map((s) => s.text).join('');
}
