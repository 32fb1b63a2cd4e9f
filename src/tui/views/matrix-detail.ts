/**
 * The Matrix detail pane as lines: the score term by term with bars (Taskwarrior's `task info`
 * habit), why the component landed in its week, and what it depends on. Pure.
 */
import type { ComponentComparison } from '../../core/baseline.js';
import type { BaselineSlip } from '../../core/baseline-slip.js';
import type { Component } from '../../core/plan-schema.js';
import type { ScheduledComponent, Schedule } from '../../core/schedule-types.js';
import type { ComponentProgress } from '../../core/status-types.js';
import { bar, clean, idList, num, seg, weekSpan, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import { comparisonLine } from './baseline-text.js';

export interface DetailInput {
  component: ScheduledComponent;
  planComponent: Component | undefined;
  schedule: Schedule;
  progress: ComponentProgress | undefined;
  theme: Theme;
  width: number;
  /** Against the baseline compared with, when the journal has one. */
  baseline?: { slip: BaselineSlip; comparison: ComponentComparison | undefined };
}

export function matrixDetailLines({ component: c, planComponent: pc, schedule, progress, theme, width, baseline }: DetailInput): Line[] {
  const lines: Line[] = [];
  const title: Line = [seg(c.id, theme.heading), seg(`  ${clean(c.title)}`)];
  if (pc?.group) title.push(seg(`  [${clean(pc.group)}]`, theme.muted));
  if (c.pinned) title.push(seg(`  pinned to week ${c.startWeek}`, theme.pinned));
  lines.push(title);
  // Second, so a short pane still shows it: where the component stands against the baseline.
  if (baseline?.comparison) lines.push(comparisonLine(baseline.comparison, baseline.slip, theme));

  const s = c.score;
  const scoreLine: Line = [seg('score '), seg(`${num(s.value)} ${s.tier}`, theme.tier(s.tier))];
  if (s.source === 'given') scoreLine.push(seg(` (given in the plan; computed ${num(s.computed)})`, theme.muted));
  else scoreLine.push(seg(`  ${clean(s.formula)}`, theme.muted));
  lines.push(scoreLine);

  const nameWidth = Math.min(24, Math.max(10, ...s.terms.map((t) => clean(t.name).length)));
  const barWidth = Math.max(6, Math.min(24, width - nameWidth - 34));
  const total = s.terms.reduce((sum, t) => sum + Math.abs(t.contribution), 0);
  for (const t of s.terms) {
    const name = clean(t.name);
    const label = name.length > nameWidth ? `${name.slice(0, nameWidth - 1)}…` : name.padEnd(nameWidth);
    lines.push([
      seg(`  ${label} `),
      seg(`w ${num(t.weight).padEnd(5)}`, theme.muted),
      seg(` raw ${t.raw === undefined ? '-' : num(t.raw)}`.padEnd(8)),
      seg(` ${bar(total > 0 ? Math.abs(t.contribution) / total : 0, barWidth)}`, theme.bar),
      seg(` ${num(t.contribution)}${t.direction === 'cost' ? ' (cost)' : ''}`),
    ]);
  }

  const phase = schedule.phases.find((p) => p.id === c.phaseId);
  const placed: Line = [
    seg('week '),
    seg(weekSpan(c.startWeek, c.endWeek), theme.accent),
    seg(`  ${c.start} to ${c.end}  phase ${c.phaseId}${phase ? ` ${clean(phase.title)}` : ''}  effort ${num(c.effort)} d  risk `),
    seg(c.risk, theme.risk(c.risk)),
  ];
  if (pc?.impact) placed.push(seg(`  impact ${pc.impact}`));
  lines.push(placed);
  // Slack shares the status line, so the pane's height (and what fits below) stays the same.
  const slack: Line =
    c.slack === undefined
      ? []
      : c.critical
        ? [seg(`${progress ? '  ' : ''}slack `), seg(`${c.slack} d`, theme.warning), seg(' critical path: a one-work-day slip moves the end date', theme.muted)]
        : [seg(`${progress ? '  ' : ''}slack `), seg(`${c.slack} d`, theme.ok), seg(` before the end date moves`, theme.muted)];
  if (progress) {
    lines.push([
      seg('status '),
      seg(progress.status, theme.status(progress.status)),
      seg(`  ${progress.percent}% (${progress.tasksDone}/${progress.tasksTotal} tasks)${progress.late ? '  late' : ''}`, progress.late ? theme.warning : undefined),
      ...slack,
    ]);
  } else if (slack.length > 0) {
    lines.push(slack);
  }
  for (const reason of c.reasons) lines.push([seg('  why: ', theme.muted), seg(clean(reason))]);
  const budget = Math.max(20, width - 16);
  lines.push([seg('depends on: ', theme.muted), seg(idList(c.dependsOn, budget))]);
  lines.push([seg('dependants: ', theme.muted), seg(idList(c.dependants, budget))]);
  if (pc?.risk?.description || pc?.risk?.mitigation) {
    const parts = [pc.risk.description && clean(pc.risk.description), pc.risk.mitigation && `mitigation: ${clean(pc.risk.mitigation)}`];
    lines.push([seg('risk: ', theme.muted), seg(parts.filter(Boolean).join('; '))]);
  }
  if (c.rollbackRules.length > 0) lines.push([seg('rollback: ', theme.muted), seg(idList(c.rollbackRules, budget))]);
  return lines;
}
