/**
 * `roadmap schedule` as text, readable at 80 columns:
 *
 *   GraphMemory-IDE: Codon Migration
 *   Mon 2 Nov 2026 - Fri 11 Dec 2026, 6 weeks, 3 phases, 15 person-days a week
 *
 *   Phase 2: High Priority Components (p2), weeks 3-4, Mon 16 Nov - Fri 27 Nov
 *
 *   > Week 3 (Mon 16 Nov - Fri 20 Nov) 15/15 pd
 *     performance-monitoring: Performance Monitoring System
 *       3.8 high, risk medium, 15 pd, after analytics-thread-safety
 *       Day 1-2  Mon 16 Nov - Tue 17 Nov  AI Performance Optimizer (6 pd, Ana)
 *     Rollback: planned
 *
 * then problems, errors first. Every plan string goes through sanitizeLine, lines are cut to the
 * terminal width by display width, and colour is applied after cutting.
 */
import { format } from 'date-fns/format';
import stringWidth from 'string-width';
import { isoToDay } from '../core/calendar.js';
import type { Plan } from '../core/plan-schema.js';
import type { Problem } from '../core/problem.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { IsoDate, Schedule, ScheduledComponent, ScheduledWeek } from '../core/schedule-types.js';
import { formatNumber } from '../core/score.js';
import type { Style } from './style.js';

export interface WeightChange {
  criterion: string;
  from: number;
  to: number;
}

export interface RenderScheduleOptions {
  columns: number;
  style: Style;
  /** Marks the week holding this date with ">". */
  today?: IsoDate;
  /** What-if weights, shown in the header. */
  weights?: WeightChange[];
  /** Plain lines after the weeks, before problems (plan vs actual, critical path; schedule-projection.ts). */
  footer?: FooterLine[];
}

export interface FooterLine {
  text: string;
  colour?: ((s: string) => string) | undefined;
}

const MIN_COLUMNS = 40;
const safe = (text: string) => sanitizeLine(text);

/** "Mon 16 Nov" (or with the year). Dates are plain calendar days: build them in local time. */
export function showDate(iso: IsoDate, withYear = false): string {
  const [y, m, d] = iso.split('-').map(Number);
  return format(new Date(y!, m! - 1, d!), withYear ? 'EEE d MMM yyyy' : 'EEE d MMM');
}

function dateRange(start: IsoDate, end: IsoDate, withYear = false): string {
  return start === end ? showDate(start, withYear) : `${showDate(start, withYear)} - ${showDate(end, withYear)}`;
}

/** Cuts to `width` terminal columns with an ellipsis (wide characters count two). */
export function cut(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

const pd = (n: number) => formatNumber(n, 2);
const weekSpan = (a: number, b: number) => (a === b ? `week ${a}` : `weeks ${a}-${b}`);
const dayLabel = (first: number, last: number) => (first === last ? `Day ${first}` : `Day ${first}-${last}`);

interface TaskRow {
  label: string;
  dates: string;
  text: string;
  suffix: string;
}

export function renderSchedule(schedule: Schedule, plan: Plan, opts: RenderScheduleOptions): string {
  const width = Math.max(MIN_COLUMNS, opts.columns);
  const { style } = opts;
  const out: string[] = [];
  const line = (text: string, colour: (s: string) => string = (s) => s) => out.push(colour(cut(text, width)));
  const precision = plan.scoring.precision;
  const todayWeek =
    opts.today !== undefined ? Math.floor((isoToDay(opts.today) - isoToDay(schedule.start)) / 7) + 1 : undefined;

  // Header.
  line(`${safe(schedule.project)}: ${safe(schedule.title)}`, style.bold);
  const weekCount = schedule.weeks.length;
  const span =
    schedule.components.length > 0
      ? `${dateRange(schedule.components.reduce((m, c) => (c.start < m ? c.start : m), schedule.end), schedule.end, true)}, `
      : `from ${showDate(schedule.start, true)}, `;
  line(
    `${span}${weekCount} ${weekCount === 1 ? 'week' : 'weeks'}, ${schedule.phases.length} ${schedule.phases.length === 1 ? 'phase' : 'phases'}, ${pd(schedule.capacityPerWeek)} person-days a week`,
  );
  if (opts.today !== undefined) {
    const where =
      todayWeek! < 1 ? 'before week 1' : todayWeek! > weekCount ? `week ${todayWeek}, after the last scheduled week` : `week ${todayWeek}`;
    line(`Today: ${showDate(opts.today, true)} (${where})`);
  }
  if (opts.weights && opts.weights.length > 0) {
    line(`What-if weights: ${opts.weights.map((w) => `${safe(w.criterion)} ${formatNumber(w.from)} -> ${formatNumber(w.to)}`).join(', ')}`, style.accent);
  }

  const byId = new Map(schedule.components.map((c) => [c.id, c]));
  const inPhase = new Set<number>();
  for (const p of schedule.phases) for (let w = p.startWeek; w <= p.endWeek; w++) inPhase.add(w);
  let printedUpTo = 0;

  type Row = { kind: 'text'; text: string; colour?: (s: string) => string } | ({ kind: 'task' } & TaskRow);

  const printWeek = (week: ScheduledWeek, phaseId: string | undefined) => {
    out.push('');
    const marker = todayWeek === week.index ? '> ' : '  ';
    const dates = week.workdays.length > 0 ? dateRange(week.workdays[0]!, week.workdays[week.workdays.length - 1]!) : dateRange(week.start, week.end);
    const over = week.used > week.capacity + 1e-9;
    const load = week.capacity > 0 || week.used > 0 ? `${pd(week.used)}/${pd(week.capacity)} pd${over ? ' (over capacity)' : ''}` : 'no work days';
    line(`${marker}Week ${week.index} (${dates}) ${load}`, over ? style.warning : style.bold);
    if (week.holidays.length > 0) {
      line(`  Holiday: ${week.holidays.map((h) => `${showDate(h.date)}${h.name ? ` ${safe(h.name)}` : ''}`).join(', ')}`, style.dim);
    }
    if (week.frozen.length > 0) {
      line(`  Freeze: ${dateRange(week.frozen[0]!, week.frozen[week.frozen.length - 1]!)}`, style.dim);
    }
    const ids = week.components.filter((id) => phaseId === undefined || byId.get(id)?.phaseId === phaseId);
    if (ids.length === 0 && week.capacity > 0) line('  (no work scheduled)', style.dim);
    const rows: Row[] = ids.flatMap((id) => componentRows(byId.get(id)!, week));
    // Day labels and dates line up across the whole week.
    const tasks = rows.filter((r): r is { kind: 'task' } & TaskRow => r.kind === 'task');
    const labelWidth = Math.max(0, ...tasks.map((r) => r.label.length));
    const datesWidth = Math.max(0, ...tasks.map((r) => r.dates.length));
    for (const r of rows) {
      if (r.kind === 'text') line(r.text, r.colour);
      else line(taskLine(r, labelWidth, datesWidth));
    }
    const rules = phaseId === undefined ? week.rollbackRules : rulesFor(ids);
    if (rules.length > 0) line(`  Rollback: ${rules.map(safe).join(', ')}`);
  };

  const taskLine = (r: TaskRow, labelWidth: number, datesWidth: number): string => {
    const head = `    ${r.label.padEnd(labelWidth)}  `;
    const tail = r.text === '' ? r.suffix : `${r.text} ${r.suffix}`;
    const padded = `${head}${r.dates.padEnd(datesWidth)}  ${tail}`;
    if (stringWidth(padded) <= width) return padded;
    const tight = `${head}${r.dates}  ${tail}`;
    if (stringWidth(tight) <= width || r.text === '') return tight;
    // Keep the effort and owner and the columns; cut the title.
    const lead = `${head}${r.dates.padEnd(datesWidth)}  `;
    const room = width - stringWidth(lead) - stringWidth(r.suffix) - 1;
    return room >= 8 ? `${lead}${cut(r.text, room)} ${r.suffix}` : tight;
  };

  const rulesFor = (ids: readonly string[]): string[] => {
    const rules = new Set<string>();
    for (const id of ids) for (const r of byId.get(id)!.rollbackRules) rules.add(r);
    return [...rules].sort();
  };

  const componentRows = (c: ScheduledComponent, week: ScheduledWeek): Row[] => {
    const rows: Row[] = [];
    const first = c.startWeek === week.index;
    // " *": on the critical path (critical-path.ts).
    rows.push({ kind: 'text', text: `${c.critical ? ' *' : '  '}${safe(c.id)}: ${safe(c.title)}${first ? '' : ` (continued from week ${c.startWeek})`}` });
    if (first) {
      const facts = [
        `${c.score.value.toFixed(precision)} ${c.score.tier}${c.score.source === 'given' ? ' (given)' : ''}`,
        `risk ${c.risk}`,
        `${pd(c.effort)} pd`,
      ];
      if (c.pinned) facts.push(`pinned to week ${c.startWeek}`);
      if (c.actual) facts.push(c.actual.state === 'done' ? `done ${showDate(c.actual.finish!)}` : `in progress, ${pd(c.actual.remaining)} pd left`);
      if (c.slack !== undefined) facts.push(`slack ${c.slack} d`);
      if (c.dependsOn.length > 0) facts.push(`after ${c.dependsOn.map(safe).join(', ')}`);
      rows.push({ kind: 'text', text: `    ${facts.join(', ')}`, colour: style.dim });
    }
    if (c.tasks.length === 0) {
      const seg = c.segments.find((s) => s.week === week.index)!;
      rows.push({
        kind: 'task',
        label: dayLabel(seg.firstDay, seg.lastDay),
        dates: dateRange(week.workdays[seg.firstDay - 1]!, week.workdays[seg.lastDay - 1]!),
        text: '',
        suffix: `${pd(seg.effort)} pd`,
      });
    }
    for (const t of c.tasks) {
      for (const r of t.ranges) {
        if (r.week !== week.index) continue;
        const who = t.owner !== undefined ? `, ${safe(t.owner)}` : '';
        rows.push({ kind: 'task', label: dayLabel(r.firstDay, r.lastDay), dates: dateRange(r.start, r.end), text: safe(t.title), suffix: `(${pd(t.effort)} pd${who})` });
      }
    }
    if (c.endWeek > week.index) {
      const next = c.segments.find((s) => s.week > week.index);
      if (next) rows.push({ kind: 'text', text: `    continues in week ${next.week}`, colour: style.dim });
    }
    return rows;
  };

  const printGapWeeks = (before: number) => {
    for (let w = printedUpTo + 1; w < before; w++) {
      if (!inPhase.has(w) && schedule.weeks[w - 1]) printWeek(schedule.weeks[w - 1]!, undefined);
    }
  };

  for (const phase of schedule.phases) {
    printGapWeeks(phase.startWeek);
    out.push('');
    line(
      `Phase ${phase.index}: ${safe(phase.title)} (${safe(phase.id)}), ${weekSpan(phase.startWeek, phase.endWeek)}, ${dateRange(phase.start, phase.end)}`,
      style.bold,
    );
    for (let w = phase.startWeek; w <= phase.endWeek; w++) printWeek(schedule.weeks[w - 1]!, phase.id);
    printedUpTo = Math.max(printedUpTo, phase.endWeek);
  }
  printGapWeeks(weekCount + 1);

  if (opts.footer && opts.footer.length > 0) {
    out.push('');
    for (const f of opts.footer) line(f.text, f.colour);
  }

  if (schedule.unscheduled && schedule.unscheduled.length > 0) {
    out.push('');
    line(`Not scheduled (${schedule.unscheduled.length}):`, style.error);
    for (const u of schedule.unscheduled.slice(0, 20)) line(`  ${safe(u.id)}: ${safe(u.reason)}`);
    if (schedule.unscheduled.length > 20) line(`  and ${schedule.unscheduled.length - 20} more (see --json)`);
  }

  if (schedule.problems.length > 0) {
    out.push('');
    out.push(...problemLines(schedule.problems, width, style));
  }
  return `${out.join('\n')}\n`;
}

/** Errors first, then warnings; each with its hint on the next line. */
export function problemLines(problems: readonly Problem[], columns: number, style: Style): string[] {
  const width = Math.max(MIN_COLUMNS, columns);
  const sorted = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const lines = [style.bold(`Problems: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)];
  for (const p of sorted) {
    const colour = p.severity === 'error' ? style.error : style.warning;
    lines.push(...wrapText(`${p.severity} ${p.code}: ${safe(p.message)}`, width, '  ', '    ').map((l, i) => (i === 0 ? colour(l) : l)));
    if (p.hint) lines.push(...wrapText(`hint: ${safe(p.hint)}`, width, '    ', '      ').map((l) => style.dim(l)));
  }
  return lines;
}

function wrapText(text: string, width: number, indent: string, nextIndent: string): string[] {
  const lines: string[] = [];
  let current = indent;
  let empty = true;
  for (const word of text.split(' ')) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (!empty && stringWidth(candidate) > width) {
      lines.push(current);
      current = `${nextIndent}${word}`;
    } else {
      current = candidate;
    }
    empty = false;
  }
  lines.push(current);
  return lines.map((l) => cut(l, width));
}
