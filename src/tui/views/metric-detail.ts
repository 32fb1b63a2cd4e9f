/**
 * The Metrics view's cells and detail pane as text: state words (an unverified metric, never
 * measured, stands out: it is not met, whatever the plan hopes), evidence, and the selected
 * metric's target, history and what it judges. Pure.
 */
import { formatValue } from '../../core/metric-state.js';
import type { Metric, RollbackRule } from '../../core/plan-schema.js';
import type { CriterionStatus, MetricState, MetricStatus, RollbackStatus } from '../../core/status-types.js';
import { clean, seg, sparkline, wrap, type Line } from '../text.js';
import type { TextStyle, Theme } from '../theme.js';

const STATE_TEXT: Record<MetricState, string> = {
  met: 'met',
  'not-met': 'not met',
  breached: 'BREACHED',
  unverified: '! UNVERIFIED',
};

export const metricStateText = (state: MetricState): string => STATE_TEXT[state];

export function metricStateStyle(theme: Theme, state: MetricState): TextStyle {
  switch (state) {
    case 'met':
      return theme.ok;
    case 'not-met':
      return theme.warning;
    case 'breached':
      return theme.error;
    case 'unverified':
      return theme.colour ? { ...theme.warning, bold: true, inverse: true } : theme.warning;
  }
}

/** "bench/a.json", "https://...", "typed in" (a value with no file or URL behind it), or "-". */
export function evidenceText(m: MetricStatus): string {
  const e = m.latest?.evidence;
  if (e?.path) return clean(e.path);
  if (e?.url) return clean(e.url);
  return m.latest ? 'typed in' : '-';
}

/** The latest value with its unit, or "-" when never measured. */
export function latestText(m: MetricStatus): string {
  return m.latest ? clean(formatValue(m.latest.value, m.unit)) : '-';
}

export function trendText(m: MetricStatus, width: number): string {
  return sparkline(
    m.trend.map((t) => t.value),
    width,
  );
}

export interface MetricDetailInput {
  metric: MetricStatus;
  planMetric: Metric | undefined;
  rule: RollbackRule | undefined;
  ruleStatus: RollbackStatus | undefined;
  criteria: readonly CriterionStatus[];
  theme: Theme;
  width: number;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function metricDetailLines({ metric: m, planMetric, rule, ruleStatus, criteria, theme, width }: MetricDetailInput): Line[] {
  const lines: Line[] = [];
  lines.push([seg(m.id, theme.heading), seg(`  ${clean(m.name)}`), seg(`  [${clean(m.category)}]`, theme.muted)]);
  const limits = [`target ${m.target.text}${m.unit ? ` ${clean(m.unit)}` : ''}`];
  if (m.breach) limits.push(`breach ${m.breach.text}`);
  if (m.baseline !== undefined) limits.push(`baseline ${clean(formatValue(m.baseline, m.unit))}`);
  if (m.dueWeek !== undefined) limits.push(`due by the end of week ${m.dueWeek}`);
  lines.push([seg('state '), seg(metricStateText(m.state), metricStateStyle(theme, m.state)), seg(`  ${limits.join(', ')}`)]);
  if (m.latest) {
    const l = m.latest;
    const direction =
      m.direction === 'none' ? '' : `  ${m.direction}${m.improving === undefined ? '' : m.improving ? ', towards the target' : ', away from the target'}`;
    lines.push([seg(`latest ${latestText(m)}`), seg(`  ${when(l.at)} by ${clean(l.by)} (${l.source})${direction}`, theme.muted)]);
    const e = l.evidence;
    const evidence = e?.path
      ? `${clean(e.path)}${e.sha256 ? `  sha256 ${e.sha256.slice(0, 12)}...` : ''}`
      : e?.url
        ? clean(e.url)
        : 'none: a typed-in value (m records one with a file or URL)';
    lines.push([seg('evidence: ', theme.muted), seg(evidence, e ? undefined : theme.warning)]);
    if (l.note) lines.push([seg('note: ', theme.muted), seg(clean(l.note))]);
    const history = m.trend.slice(-6).map((t) => `${t.at.slice(5, 10)} ${clean(formatValue(t.value, m.unit))}`);
    lines.push([seg('trend ', theme.muted), seg(trendText(m, 24), theme.bar), seg(`  ${history.join(', ')}`, theme.muted)]);
  } else {
    lines.push([seg('never measured: not met until a measurement says so (m records one)', metricStateStyle(theme, 'unverified'))]);
  }
  if (rule) {
    const state = ruleStatus ? ruleStatus.state : 'clear';
    lines.push([seg('guards rollback: ', theme.muted), seg(`${rule.id} (${clean(rule.title)}): `), seg(state, state === 'firing' ? theme.error : undefined)]);
  }
  const judged = criteria.filter((c) => c.metric === m.id);
  if (judged.length > 0) {
    const text = judged.map((c) => `${c.componentId}: ${clean(c.text)}`).join('; ');
    lines.push([seg('judges: ', theme.muted), seg(wrap(text, Math.max(20, width - 10), 1)[0] ?? '')]);
  }
  if (planMetric?.description) {
    for (const l of wrap(clean(planMetric.description), Math.max(20, width - 2), 2)) lines.push([seg(l, theme.muted)]);
  }
  return lines;
}
