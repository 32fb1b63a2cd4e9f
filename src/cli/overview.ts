/**
 * The plan overview `roadmap` prints instead of the TUI when stdout or stdin is not a terminal
 * (a pipe, CI, `npm start` in a script): project, dates, phases with their weeks and components,
 * counts, progress and warnings, in plain text at most 80 columns wide. Pure: no I/O, no colour,
 * and every plan-provided string is sanitised.
 */
import stringWidth from 'string-width';
import type { Plan, Tier } from '../core/plan-schema.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Schedule } from '../core/schedule-types.js';
import type { PlanStatus } from '../core/status-types.js';

export interface OverviewOptions {
  /** How to name the plan file. */
  fileLabel: string;
  today: string;
  status?: PlanStatus | null;
  /** Line width; 80 unless told. */
  columns?: number;
}

const TIERS: readonly Tier[] = ['critical', 'high', 'medium', 'low'];
const graphemes = new Intl.Segmenter();

/** Cuts a line to `width` display columns (with "…"), so wide characters never overflow. */
function cut(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Words joined with ", " and wrapped under a hanging indent. */
function wrapList(prefix: string, items: readonly string[], width: number): string[] {
  const indent = ' '.repeat(stringWidth(prefix));
  const lines: string[] = [];
  let line = prefix;
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    const candidate = line === prefix || line === indent ? `${line}${piece}` : `${line} ${piece}`;
    if (stringWidth(candidate) > width && line !== prefix && line !== indent) {
      lines.push(line);
      line = `${indent}${piece}`;
    } else {
      line = candidate;
    }
  });
  lines.push(line);
  return lines.map((l) => cut(l, width));
}

const num = (n: number): string => String(Math.round(n * 100) / 100);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const span = (a: number, b: number) => (a === b ? `week ${a}` : `weeks ${a}-${b}`);

export function renderOverview(plan: Plan, schedule: Schedule, opts: OverviewOptions): string {
  const width = opts.columns ?? 80;
  const out: string[] = [];
  const line = (text = '') => out.push(cut(text, width));
  const clean = sanitizeLine;

  line(`${clean(plan.project)}: ${clean(plan.title)}`);
  line(
    `${clean(opts.fileLabel)}: ${plural(schedule.components.length, 'component')} in ${plural(schedule.phases.length, 'phase')}, ` +
      `${plural(schedule.weeks.length, 'week')}`,
  );
  const current = schedule.weeks.findIndex((w) => w.start <= opts.today && opts.today <= w.end);
  const when =
    current >= 0 ? `(week ${current + 1})` : opts.today < schedule.start ? '(before week 1)' : '(after the end)';
  line(`${schedule.start} to ${schedule.end}, ${num(schedule.capacityPerWeek)} person-days a week`);
  line(`Today ${opts.today} ${when}`);
  line();

  for (const phase of schedule.phases) {
    line(`Phase ${phase.id}: ${clean(phase.title)} (${phase.tiers.join(', ')}), ${span(phase.startWeek, phase.endWeek)}`);
    for (let w = phase.startWeek; w <= phase.endWeek; w++) {
      const week = schedule.weeks[w - 1];
      if (!week) continue;
      const ids = week.components.filter((id) => phase.components.includes(id));
      const off = week.holidays.length + week.frozen.length > 0 ? `, ${week.workdays.length} work days` : '';
      const head = `  Week ${w} ${week.start}  ${num(week.used)}/${num(week.capacity)}${off}: `;
      out.push(...wrapList(head, ids.length > 0 ? ids : ['(none)'], width));
    }
  }
  const unscheduled = schedule.unscheduled ?? [];
  if (unscheduled.length > 0) {
    out.push(...wrapList('Not scheduled: ', unscheduled.map((u) => u.id), width));
  }
  line();

  const tiers = TIERS.map((t) => [t, schedule.components.filter((c) => c.score.tier === t).length] as const).filter(([, n]) => n > 0);
  const risks = (['high', 'medium', 'low'] as const)
    .map((r) => [r, schedule.components.filter((c) => c.risk === r).length] as const)
    .filter(([, n]) => n > 0);
  const tasks = schedule.components.reduce((n, c) => n + c.tasks.length, 0);
  const effort = schedule.components.reduce((n, c) => n + c.effort, 0);
  line(`Tiers: ${tiers.map(([t, n]) => `${n} ${t}`).join(', ')}`);
  line(`Risk: ${risks.map(([r, n]) => `${n} ${r}`).join(', ')}; ${plural(tasks, 'task')}, ${num(effort)} person-days`);
  const pinned = schedule.components.filter((c) => c.pinned).map((c) => `${c.id} (week ${c.startWeek})`);
  if (pinned.length > 0) out.push(...wrapList('Pinned: ', pinned, width));
  const status = opts.status;
  if (status) {
    const p = status.overall;
    line(
      `Progress: ${p.percent}% (${p.tasksDone}/${p.tasksTotal} tasks, ${num(p.doneEffort)}/${num(p.totalEffort)} person-days); ` +
        `${status.late.length} late, ${status.blocked.length} blocked; ${status.health.state}`,
    );
  }

  const problems = [...schedule.problems, ...(status?.problems ?? [])];
  if (problems.length > 0) {
    line();
    line(`${plural(problems.length, 'problem')}:`);
    const shown = problems.slice(0, 20);
    for (const p of shown) line(`  ${p.severity} ${p.code}: ${clean(p.message)}`);
    if (problems.length > shown.length) line(`  ... and ${problems.length - shown.length} more (roadmap schedule lists them all)`);
  }
  line();
  line('Interactive views (on a terminal):');
  line(`  roadmap tui ${clean(opts.fileLabel)}`);
  return `${out.join('\n')}\n`;
}
