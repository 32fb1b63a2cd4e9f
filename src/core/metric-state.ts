/**
 * Metrics are gates that only a measurement can pass: a metric with no recorded value is
 * `unverified`, never assumed met. This module reads conditions, formats values and decides a
 * metric's state from its measurements.
 */
import type { Comparator, Condition, Metric, RollbackRule } from './plan-schema.js';
import type { ConditionView, Measurement, MetricState, MetricStatus } from './status-types.js';

export type Trigger = RollbackRule['triggers'][number];

/**
 * Conditions already read: rollback rules are checked against every measurement of a journal
 * (tens of thousands), and a plan has a handful of distinct conditions.
 */
const readConditions = new Map<string, ConditionView>();

/** `">= 100"` or `{ op, value }` as one shape with the text a person reads (a fresh object each call). */
export function conditionView(condition: Condition): ConditionView {
  if (typeof condition === 'string') {
    let view = readConditions.get(condition);
    if (view === undefined) {
      const match = /^\s*(>=|<=|==|>|<)\s*(\S+)\s*$/.exec(condition);
      // The schema only lets well-formed comparisons through; this is a guard, not a parser of record.
      const op = (match?.[1] ?? '==') as Comparator;
      const value = Number(match?.[2] ?? Number.NaN);
      view = { op, value, text: `${op} ${formatNumber(value)}` };
      if (readConditions.size < 10_000) readConditions.set(condition, view);
    }
    return { op: view.op, value: view.value, text: view.text };
  }
  return { op: condition.op, value: condition.value, text: `${condition.op} ${formatNumber(condition.value)}` };
}

// Measurements come from floating-point tools; 0.1 + 0.2 should still equal 0.3.
const EPSILON = 1e-9;
const near = (a: number, b: number) => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

export function meets(value: number, condition: ConditionView): boolean {
  const target = condition.value;
  switch (condition.op) {
    case '>=':
      return value > target || near(value, target);
    case '<=':
      return value < target || near(value, target);
    case '>':
      return value > target && !near(value, target);
    case '<':
      return value < target && !near(value, target);
    case '==':
      return near(value, target);
  }
}

/** Up to four significant decimals, no exponent for everyday magnitudes: 0.05, 1.4, 112.4, 95000. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return String(Number(value.toFixed(digits)));
}

/** "1.4 %", "42 x", "95000 USD"; no unit, no space. */
export function formatValue(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** The trigger holds when the last `consecutive` measurements all meet its condition. */
export function triggerHolds(trigger: Trigger, measurements: readonly Measurement[]): boolean {
  const n = trigger.consecutive;
  if (measurements.length < n) return false;
  const condition = conditionView(trigger.condition);
  return measurements.slice(-n).every((m) => meets(m.value, condition));
}

export function triggerText(trigger: Trigger, latest: Measurement, unit: string): string {
  const condition = conditionView(trigger.condition);
  const streak = trigger.consecutive > 1 ? ` (${trigger.consecutive} consecutive)` : '';
  return `${trigger.metric} ${formatValue(latest.value, unit)} ${condition.text}${streak}`;
}

/**
 * Why the metric is breached given these measurements, or undefined when it is not:
 * - it meets its own `breach` condition; else
 * - it guards a rollback rule that has triggers on it: when one of those triggers holds; else
 * - it guards a rollback rule: when it fails its target.
 */
export function breachReason(
  metric: Metric,
  measurements: readonly Measurement[],
  rule: RollbackRule | undefined,
): string | undefined {
  const latest = measurements.at(-1);
  if (!latest) return undefined;
  // Only a reason needs the value as text (this runs for every measurement of a journal).
  const value = () => formatValue(latest.value, metric.unit);
  if (metric.breach !== undefined) {
    const breach = conditionView(metric.breach);
    return meets(latest.value, breach) ? `${metric.id} ${value()} ${breach.text} (breach)` : undefined;
  }
  if (metric.rollback === undefined) return undefined;
  const own = (rule?.triggers ?? []).filter((t) => t.metric === metric.id);
  if (own.length > 0) {
    const holding = own.find((t) => triggerHolds(t, measurements));
    return holding ? triggerText(holding, latest, metric.unit) : undefined;
  }
  const target = conditionView(metric.target);
  return meets(latest.value, target) ? undefined : `${metric.id} ${value()} fails target ${target.text}`;
}

export function metricState(
  metric: Metric,
  measurements: readonly Measurement[],
  rule: RollbackRule | undefined,
): MetricState {
  const latest = measurements.at(-1);
  if (!latest) return 'unverified';
  if (breachReason(metric, measurements, rule) !== undefined) return 'breached';
  return meets(latest.value, conditionView(metric.target)) ? 'met' : 'not-met';
}

const STATE_WORDS: Record<MetricState, string> = {
  met: 'met',
  'not-met': 'not met',
  breached: 'BREACHED',
  unverified: 'UNVERIFIED (no measurement)',
};

export const metricStateWord = (state: MetricState): string => STATE_WORDS[state];

/** "analytics-speedup = 42 x (target >= 100): not met". */
export function metricSummary(metric: Metric, latest: Measurement | undefined, state: MetricState): string {
  const target = conditionView(metric.target).text;
  const value = latest ? formatValue(latest.value, metric.unit) : '?';
  return `${metric.id} = ${value} (target ${target}): ${metricStateWord(state)}`;
}

/** A metric's full status from its measurements (oldest first, journal order). */
export function metricStatus(
  metric: Metric,
  measurements: readonly Measurement[],
  rule: RollbackRule | undefined,
  dueWeek?: number,
): MetricStatus {
  const latest = measurements.at(-1);
  const previous = measurements.at(-2);
  const state = metricState(metric, measurements, rule);
  const target = conditionView(metric.target);
  let direction: MetricStatus['direction'] = 'none';
  let improving: boolean | undefined;
  if (latest && previous) {
    direction = near(latest.value, previous.value) ? 'flat' : latest.value > previous.value ? 'up' : 'down';
    if (direction !== 'flat') {
      // Towards the target: up for >=/>, down for <=/<, closer for ==.
      improving =
        target.op === '>=' || target.op === '>'
          ? direction === 'up'
          : target.op === '<=' || target.op === '<'
            ? direction === 'down'
            : Math.abs(latest.value - target.value) < Math.abs(previous.value - target.value);
    }
  }
  return {
    id: metric.id,
    name: metric.name,
    category: metric.category,
    unit: metric.unit,
    target,
    ...(metric.breach !== undefined ? { breach: conditionView(metric.breach) } : {}),
    ...(metric.baseline !== undefined ? { baseline: metric.baseline } : {}),
    ...(metric.rollback !== undefined ? { rollback: metric.rollback } : {}),
    ...(latest ? { latest } : {}),
    trend: measurements.map((m) => ({ at: m.at, value: m.value })),
    direction,
    ...(improving !== undefined ? { improving } : {}),
    state,
    summary: metricSummary(metric, latest, state),
    ...(dueWeek !== undefined ? { dueWeek } : {}),
  };
}
