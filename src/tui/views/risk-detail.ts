/**
 * The Risks view's detail pane as lines: a component's risk (likelihood, impact, description,
 * mitigation, monitoring) or a rollback rule's triggers, deadlines, what it guards and, while it
 * fires, the countdown. Pure: the current time is a parameter.
 */
import type { Component, RollbackRule } from '../../core/plan-schema.js';
import type { ScheduledComponent } from '../../core/schedule-types.js';
import type { ComponentProgress, MetricStatus, RollbackStatus } from '../../core/status-types.js';
import { conditionView } from '../../core/metric-state.js';
import { countdowns } from '../rollback-clock.js';
import { clean, idList, seg, weekSpan, wrap, type Line } from '../text.js';
import type { Theme } from '../theme.js';

export interface ComponentRiskInput {
  component: ScheduledComponent;
  planComponent: Component | undefined;
  progress: ComponentProgress | undefined;
  rules: readonly RollbackStatus[];
  theme: Theme;
  width: number;
}

/** "4x5": likelihood x impact as the plan gives them, or "-". */
export function likelihoodImpact(pc: Component | undefined): string {
  const r = pc?.risk;
  return r?.likelihood !== undefined && r.impact !== undefined ? `${r.likelihood}x${r.impact}` : '-';
}

/** The component's mitigation, else its risk description, else a dash. */
export function mitigationText(pc: Component | undefined): string {
  return clean(pc?.risk?.mitigation ?? pc?.risk?.description ?? '-');
}

function labelled(label: string, text: string, width: number, theme: Theme, lines = 2): Line[] {
  return wrap(text, Math.max(20, width - label.length - 1), lines).map((l, i) => [seg(i === 0 ? label : ' '.repeat(label.length), theme.muted), seg(l)]);
}

export function componentRiskLines({ component: c, planComponent: pc, progress, rules, theme, width }: ComponentRiskInput): Line[] {
  const lines: Line[] = [];
  const r = pc?.risk;
  const scored = r?.likelihood !== undefined && r.impact !== undefined ? ` (likelihood ${r.likelihood} x impact ${r.impact})` : '';
  lines.push([seg(c.id, theme.heading), seg(`  ${clean(c.title)}  risk `), seg(c.risk, theme.risk(c.risk)), seg(scored, theme.muted)]);
  const status = progress ? `  ${progress.status} ${progress.percent}%${progress.late ? ' late' : ''}` : '';
  const weeks = c.startWeek === c.endWeek ? `week ${c.startWeek}` : `weeks ${weekSpan(c.startWeek, c.endWeek)}`;
  lines.push([seg(`${weeks}  ${c.start} to ${c.end}  phase ${c.phaseId}`), seg(status, progress?.late ? theme.warning : undefined)]);
  if (r?.description) lines.push(...labelled('risk: ', clean(r.description), width, theme));
  lines.push(...labelled('mitigation: ', clean(r?.mitigation ?? 'none written'), width, theme));
  lines.push(...labelled('monitoring: ', clean(r?.monitoring ?? 'none written'), width, theme));
  const guarding = rules.filter((x) => x.components.includes(c.id));
  if (guarding.length > 0) {
    lines.push([seg('rollback: ', theme.muted), seg(guarding.map((x) => `${x.id} (${x.state})`).join(', '), guarding.some((x) => x.state === 'firing') ? theme.error : undefined)]);
  }
  return lines;
}

export interface RuleInput {
  rule: RollbackRule;
  status: RollbackStatus | undefined;
  metrics: readonly MetricStatus[];
  now: Date;
  theme: Theme;
  width: number;
}

const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function ruleLines({ rule, status, metrics, now, theme, width }: RuleInput): Line[] {
  const lines: Line[] = [];
  const state = status?.state ?? 'clear';
  lines.push([
    seg(rule.id, theme.heading),
    seg(`  ${clean(rule.title)}  action ${rule.action}  `),
    seg(state === 'firing' ? 'FIRING' : state, state === 'firing' ? theme.error : state === 'rolled-back' ? theme.warning : theme.ok),
  ]);
  if (status?.state === 'firing') {
    lines.push([seg(`fired ${status.firedAt ? clock(status.firedAt) : ''}: ${clean(status.reason ?? '')}`, theme.error)]);
    lines.push([seg(countdowns(status, now).map((c) => c.text).join('  '), theme.error)]);
    lines.push([seg(`when done: roadmap track ${rule.id} rolled-back --note "..."`, theme.muted)]);
  }
  const triggers = rule.triggers.map((t) => `${t.metric} ${conditionView(t.condition).text}${t.consecutive > 1 ? ` (${t.consecutive} in a row)` : ''}`);
  const linked = metrics.filter((m) => m.rollback === rule.id).map((m) => `${m.id} (${m.state === 'unverified' ? 'UNVERIFIED' : m.state})`);
  lines.push(...labelled('triggers: ', triggers.join('; ') || 'none of its own', width, theme, 1));
  if (linked.length > 0) lines.push(...labelled('fires on a breach of: ', linked.join(', '), width, theme, 1));
  lines.push([seg('deadlines: ', theme.muted), seg(`assess ${rule.deadlines.assess}, decide ${rule.deadlines.decide}, execute ${rule.deadlines.execute} after it fires`)]);
  if (rule.detection) lines.push([seg('detection: ', theme.muted), seg(clean(rule.detection))]);
  const budget = Math.max(20, width - 12);
  const guards = [
    rule.phases.length > 0 ? `phases ${rule.phases.join(', ')}` : '',
    status ? `components ${idList(status.components, Math.max(20, budget - 30))}` : '',
    status && status.weeks.length > 0 ? `weeks ${status.weeks.join(', ')}` : '',
  ].filter(Boolean);
  lines.push([seg('guards: ', theme.muted), seg(guards.join('; ') || 'nothing scheduled')]);
  if (rule.steps.length > 0) lines.push(...labelled('steps: ', rule.steps.map((s, i) => `${i + 1}. ${clean(s)}`).join('  '), width, theme));
  const last = status?.history.at(-1);
  if (last && status?.state !== 'firing') lines.push([seg('last change: ', theme.muted), seg(`${clock(last.at)} ${last.state}: ${clean(last.reason)}`)]);
  return lines;
}
