/**
 * `roadmap status` as text: one screen at 80 columns, most urgent first.
 *
 *   1. health, with its reason (and up to two more)
 *   2. rollback rules that are firing, with their deadlines as clock times
 *   3. where we are: week, phase, overall progress
 *   4. progress per phase, and per week around the current one
 *   4b. against the baseline (when the journal has one): end-date slip, what slipped, what moves the end
 *   5. late and blocked work
 *   6. metrics (unverified shown loudly), then the readiness scorecard
 *   7. journal problems
 *
 * Everything from the plan or the journal passes through sanitizeLine; colour is added after
 * padding so columns line up with and without it.
 */
import stringWidth from 'string-width';
import { formatNumber, formatValue } from '../core/metric-state.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Problem } from '../core/problem.js';
import { endMoverText, workDays, type BaselineSlip } from '../core/baseline-slip.js';
import type { MetricStatus, PlanStatus, RollbackStatus } from '../core/status-types.js';
import type { Style } from './style.js';
import { MONTH_ABBREVIATIONS, clockTime } from './time-options.js';
import { showDate } from './render-schedule.js';
import { shortSpan } from './schedule-projection.js';

/** Printable ASCII takes one column per character; string-width only for the rest (it is ~10x slower). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const widthOf = (text: string): number => (PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text));

export interface RenderOptions {
  /** For clock times: deadlines on this local day print as "10:15". */
  now: Date;
  columns: number;
  style: Style;
  /** The comparison with a saved baseline (roadmap status --baseline), when the journal has one. */
  baseline?: BaselineSlip;
}

const MAX_LIST = 5;

/** "file:line: warning code: message (hint)" per problem, sanitised, one line each. */
export function formatProblemLines(problems: readonly Problem[], opts: { hints?: boolean } = {}): string[] {
  return problems.map((p) => {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
    const hint = p.hint && opts.hints !== false ? ` (${p.hint})` : '';
    return sanitizeLine(`${where}${p.severity} ${p.code}: ${p.message}${hint}`);
  });
}

/** Cuts to `width` terminal columns with an ellipsis (CJK and emoji take two). */
export function fit(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = widthOf(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** Word-wraps to `width` columns, at most `maxLines` (the last cut with an ellipsis); later lines indented by 2. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    const limit = lines.length === 0 ? width : width - 2;
    if (widthOf(candidate) <= limit || current === '') {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  if (current !== '') lines.push(current);
  const shown = lines.slice(0, maxLines).map((l, i) => (i === 0 ? fit(l, width) : `  ${fit(l, width - 2)}`));
  if (lines.length > maxLines) {
    const last = shown.length - 1;
    shown[last] = fit(`${shown[last]!} ${lines.slice(maxLines).join(' ')}`, width);
  }
  return shown;
}

const padEnd = (text: string, width: number) => {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - widthOf(cut)));
};
const padStart = (text: string, width: number) => {
  const cut = fit(text, width);
  return ' '.repeat(Math.max(0, width - widthOf(cut))) + cut;
};

function bar(percent: number, width = 10): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Nov 06" from YYYY-MM-DD, independent of the time zone. */
function shortDate(iso: string): string {
  return `${MONTH_ABBREVIATIONS[new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCMonth()]} ${iso.slice(8, 10)}`;
}

/** "1-3, 5" from [1, 2, 3, 5]. */
export function weekRanges(weeks: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < weeks.length) {
    let j = i;
    while (j + 1 < weeks.length && weeks[j + 1] === weeks[j]! + 1) j++;
    parts.push(i === j ? `${weeks[i]}` : `${weeks[i]}-${weeks[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function renderStatus(status: PlanStatus, opts: RenderOptions): string {
  const width = Math.max(60, opts.columns || 80);
  const s = opts.style;
  const out: string[] = [];
  const line = (text = '') => out.push(text.trimEnd());
  const clean = (text: string) => sanitizeLine(text);

  // 1. Health.
  const word = status.health.state === 'off-track' ? 'OFF TRACK' : status.health.state === 'at-risk' ? 'AT RISK' : 'ON TRACK';
  const paint = status.health.state === 'off-track' ? s.error : status.health.state === 'at-risk' ? s.warning : s.ok;
  line(`${paint(s.bold(word))}: ${fit(clean(status.health.reason), width - word.length - 2)}`);
  for (const reason of status.health.reasons.slice(1, 3)) line(fit(`  also: ${clean(reason)}`, width));
  if (status.health.reasons.length > 3) line(`  and ${status.health.reasons.length - 3} more (see below)`);

  // 2. Firing (and recently acted-on) rollback rules.
  for (const rule of status.rollback.filter((r) => r.state === 'firing')) {
    line();
    renderFiring(rule, opts, width, line);
  }
  for (const rule of status.rollback.filter((r) => r.state === 'rolled-back')) {
    const last = rule.history.at(-1);
    const who = last?.by ? ` by ${clean(last.by)}` : '';
    line(fit(`Rollback "${clean(rule.id)}" rolled back ${last ? clockTime(last.at, opts.now) : ''}${who}: ${clean(last?.reason ?? '')}`, width));
  }

  // 3. Where we are.
  line();
  const weeks = status.weeks.length;
  const where =
    status.timeline === 'before'
      ? `not started (week 1 begins ${status.weeks[0]?.start ?? '?'})`
      : status.timeline === 'after'
        ? `after the last week (${weeks} ended ${status.weeks.at(-1)?.end ?? '?'})`
        : `week ${status.currentWeek} of ${weeks}`;
  const phase = status.phases.find((p) => p.id === status.currentPhase);
  const tail = `${status.today} · ${where}${phase ? ` · ${clean(phase.title)}` : ''}`;
  const withProject = `${clean(status.title)} (${clean(status.project)}) · ${tail}`;
  line(fit(widthOf(withProject) <= width ? withProject : `${clean(status.title)} · ${tail}`, width));
  const o = status.overall;
  line(`Done ${formatNumber(o.doneEffort)}/${formatNumber(o.totalEffort)} person-days (${o.percent}%) · ${o.tasksDone}/${o.tasksTotal} tasks`);

  // 4. Progress per phase and week.
  line();
  line(s.bold('Phases'));
  const titleWidth = Math.max(10, width - 50);
  for (const p of status.phases) {
    const weeksText = p.startWeek === p.endWeek ? `w${p.startWeek}` : `w${p.startWeek}-${p.endWeek}`;
    const effort = `${formatNumber(p.doneEffort)}/${formatNumber(p.totalEffort)} pd`;
    const mark = p.id === status.currentPhase ? '>' : ' ';
    line(`${mark} ${padEnd(clean(p.id), 4)} ${padEnd(clean(p.title), titleWidth)} ${padEnd(weeksText, 7)}${padStart(effort, 11)} ${padStart(`${p.percent}%`, 4)} ${bar(p.percent)} ${p.status}`);
  }
  line(fit(`Weeks  ${weekStrip(status, width - 7)}`, width));

  // 4b. Against the baseline.
  if (opts.baseline) {
    line();
    renderBaseline(opts.baseline, width, s, line);
  }

  // 5. Late and blocked.
  if (status.late.length > 0) {
    line();
    line(s.bold(`Late (${status.late.length})`));
    for (const l of status.late.slice(0, MAX_LIST)) {
      const owner = l.owner ? clean(l.owner) : '-';
      const tail = `${padEnd(owner, 6)} due ${shortDate(l.scheduledEnd)} ${padStart(`${l.daysLate}d late`, 8)} ${padEnd(l.status, 7)}`;
      line(`  ${padEnd(clean(l.id), width - 4 - widthOf(tail))} ${l.tier === 'critical' ? s.error(tail) : tail}`);
    }
    if (status.late.length > MAX_LIST) line(`  and ${status.late.length - MAX_LIST} more`);
  }
  if (status.blocked.length > 0) {
    line();
    line(s.bold(`Blocked (${status.blocked.length})`));
    for (const b of status.blocked.slice(0, MAX_LIST)) {
      const owner = b.owner ?? b.by;
      const note = b.note ? ` "${clean(b.note)}"` : '';
      line(fit(`  ${clean(b.id)} · ${plural(b.ageDays, 'day')}${owner ? ` · ${clean(owner)}` : ''}${note}`, width));
    }
    if (status.blocked.length > MAX_LIST) line(`  and ${status.blocked.length - MAX_LIST} more`);
  }

  // 6. Metrics and readiness.
  if (status.metrics.length > 0) {
    line();
    const idWidth = Math.max(12, width - 56);
    line(s.bold(`${padEnd('Metrics', idWidth + 2)} ${padEnd('target', 9)} ${padEnd('latest', 13)} ${padEnd('base', 7)} ${padEnd('trend', 8)} state`));
    for (const m of status.metrics) line(metricRow(m, idWidth, s));
  }
  if (status.readiness.length > 0) {
    const parts = status.readiness.map((r) => `${clean(r.category)} ${r.met}/${r.total} ${r.grade}`);
    line(fit(`Readiness  ${parts.join(' · ')}`, width));
  }

  // 7. Journal problems.
  if (status.problems.length > 0) {
    line();
    line(s.bold(s.warning(`Journal problems (${status.problems.length})`)));
    for (const p of formatProblemLines(status.problems, { hints: false }).slice(0, MAX_LIST)) {
      for (const part of wrap(p, width - 2, 2)) line(`  ${part}`);
    }
    if (status.problems.length > MAX_LIST) line(`  and ${status.problems.length - MAX_LIST} more (roadmap status --json lists all)`);
  }
  return `${out.join('\n')}\n`;
}

function renderBaseline(b: BaselineSlip, width: number, s: Style, line: (t: string) => void): void {
  const c = b.comparison;
  const head = `Against baseline "${sanitizeLine(c.baseline.name)}" (${showDate(c.baseline.at.slice(0, 10), true)}, ${sanitizeLine(c.baseline.by)})`;
  line(s.bold(fit(head, width)));
  const end =
    c.end.slip === 0 && c.end.baseline === c.end.current
      ? `  End: ${showDate(c.end.current, true)}, as baselined`
      : `  End: ${showDate(c.end.baseline, true)} -> ${showDate(c.end.current, true)} (${workDays(c.end.slip)})`;
  line(c.end.slip > 0 ? s.warning(fit(end, width)) : c.end.slip < 0 ? s.ok(fit(end, width)) : fit(end, width));
  if (b.slipped.length === 0) {
    line(fit('  Every component is on or ahead of its baselined dates.', width));
  } else {
    line(fit(`  Slipped (${b.slipped.length}), planned -> actual/projected, finish slip in work days:`, width));
    const idWidth = Math.max(10, Math.min(26, width - 48));
    for (const r of b.slipped.slice(0, MAX_LIST)) {
      const slip = r.current === undefined ? 'not scheduled' : `${(r.finishSlip ?? 0) > 0 ? '+' : ''}${r.finishSlip ?? 0} d${(r.finishSlip ?? 0) <= 0 && (r.startSlip ?? 0) > 0 ? ` (start +${r.startSlip})` : ''}`;
      line(fit(`  ${padEnd(sanitizeLine(r.id), idWidth)} ${padEnd(shortSpan(r.planned), 13)} -> ${padEnd(shortSpan(r.current), 13)} ${padStart(slip, 5)} ${r.state}`, width));
    }
    if (b.slipped.length > MAX_LIST) line(`  and ${b.slipped.length - MAX_LIST} more (roadmap baseline diff)`);
  }
  // The earliest is where the slip began; the rest mostly slipped with it.
  const first = b.movesEnd[0];
  if (first) for (const part of wrap(`! ${sanitizeLine(endMoverText(first))}`, width - 2, 2)) line(s.warning(`  ${part}`));
  if (b.movesEnd.length > 1) line(`  and ${plural(b.movesEnd.length - 1, 'later item')} slipped past ${b.movesEnd.length === 2 ? 'its' : 'their'} slack`);
}

function renderFiring(rule: RollbackStatus, opts: RenderOptions, width: number, line: (t: string) => void): void {
  const s = opts.style;
  const since = rule.firedAt ? ` since ${clockTime(rule.firedAt, opts.now)}` : '';
  const head = `!! ROLLBACK "${sanitizeLine(rule.id)}" FIRING${since} (${rule.action})`;
  const titled = `${head}: ${sanitizeLine(rule.title)}`;
  line(s.error(s.bold(fit(widthOf(titled) <= width ? titled : head, width))));
  const guards = rule.weeks.length > 0 ? ` · guards weeks ${weekRanges(rule.weeks)}` : '';
  line(fit(`   why: ${sanitizeLine(rule.reason ?? 'tripped')}${guards}`, width));
  if (rule.deadlines) {
    const d = rule.deadlines;
    const deadlines = `   assess by ${clockTime(d.assess, opts.now)} · decide by ${clockTime(d.decide, opts.now)} · execute by ${clockTime(d.execute, opts.now)}`;
    const overdue = rule.overdue ? `${rule.overdue.toUpperCase()} OVERDUE` : '';
    if (!overdue) line(deadlines);
    else if (widthOf(`${deadlines} · ${overdue}`) <= width) line(`${deadlines} · ${s.error(s.bold(overdue))}`);
    else {
      line(deadlines);
      line(`   ${s.error(s.bold(overdue))}`);
    }
  }
  line(fit(`   when done: roadmap track ${sanitizeLine(rule.id)} rolled-back --note "..."`, width));
}

/** "1:100 2:100 [4:20] 5:0 ..." around the current week, as many as fit. */
function weekStrip(status: PlanStatus, width: number): string {
  const cells = status.weeks.map((w) => (w.current ? `[${w.week}:${w.percent}%]` : `${w.week}:${w.percent}%`));
  if (cells.length === 0) return '';
  const centre = Math.max(0, status.weeks.findIndex((w) => w.current));
  let lo = centre;
  let hi = centre;
  let used = cells[centre]!.length;
  // Grow the window around the current week while it fits, alternating sides.
  for (let grew = true; grew; ) {
    grew = false;
    if (hi + 1 < cells.length && used + cells[hi + 1]!.length + 1 <= width - 4) {
      used += cells[++hi]!.length + 1;
      grew = true;
    }
    if (lo > 0 && used + cells[lo - 1]!.length + 1 <= width - 4) {
      used += cells[--lo]!.length + 1;
      grew = true;
    }
  }
  return `${lo > 0 ? '… ' : ''}${cells.slice(lo, hi + 1).join(' ')}${hi < cells.length - 1 ? ' …' : ''}`;
}

function metricRow(m: MetricStatus, idWidth: number, s: Style): string {
  const latest = m.latest ? formatValue(m.latest.value, m.unit) : '-';
  const base = m.baseline !== undefined ? formatNumber(m.baseline) : '-';
  const arrow = m.direction === 'up' ? '↑' : m.direction === 'down' ? '↓' : m.direction === 'flat' ? '→' : '';
  const trend = arrow && m.improving !== undefined ? `${arrow} ${m.improving ? 'better' : 'worse'}` : arrow;
  const state =
    m.state === 'met'
      ? s.ok('met')
      : m.state === 'not-met'
        ? s.warning('not met')
        : m.state === 'breached'
          ? s.error(s.bold('BREACHED'))
          : s.warning(s.bold('UNVERIFIED'));
  return `  ${padEnd(sanitizeLine(m.id), idWidth)} ${padEnd(m.target.text, 9)} ${padEnd(sanitizeLine(latest), 13)} ${padEnd(base, 7)} ${padEnd(trend, 8)} ${state}`;
}
