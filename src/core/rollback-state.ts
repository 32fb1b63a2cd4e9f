/**
 * Rollback rules as a small state machine over the journal, in journal order:
 *
 *   clear --(a trigger holds for `consecutive` measurements, or a linked metric is breached)--> firing
 *   firing --(`track <rule> rolled-back`)--> rolled-back
 *   firing | rolled-back --(a measurement that on its own trips nothing)--> clear
 *   rolled-back --(the rule trips again on measurements taken after the rollback)--> firing
 *
 * Streaks restart at a rollback: measurements from before it describe the code that was rolled
 * back. Every transition is kept in `history`. Deadlines are calendar time from the moment the
 * rule fired (rollbacks do not wait for work days).
 */
import type { JournalState } from './journal.js';
import { breachReason, conditionView, formatValue, meets, triggerHolds, triggerText } from './metric-state.js';
import type { Metric, Plan, RollbackRule } from './plan-schema.js';
import type { IsoDateTime, Measurement, RollbackDeadlines, RollbackHistoryEntry, RollbackState, RollbackStatus, StatusSchedule } from './status-types.js';

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "1h", "1.5h", "2d" in milliseconds. */
export function durationMs(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d)\s*$/.exec(text);
  if (!match) return Number.NaN;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

export function deadlinesFrom(firedAt: IsoDateTime, rule: RollbackRule): RollbackDeadlines {
  const start = Date.parse(firedAt);
  const at = (d: string) => new Date(start + durationMs(d)).toISOString();
  return { assess: at(rule.deadlines.assess), decide: at(rule.deadlines.decide), execute: at(rule.deadlines.execute) };
}

/** Why the rule trips given these measurement windows, or undefined when it does not. */
function firingCause(rule: RollbackRule, linked: readonly Metric[], windows: Map<string, Measurement[]>, units: Map<string, string>): string | undefined {
  for (const trigger of rule.triggers) {
    const window = windows.get(trigger.metric) ?? [];
    if (triggerHolds(trigger, window)) return triggerText(trigger, window.at(-1)!, units.get(trigger.metric) ?? '');
  }
  for (const metric of linked) {
    const reason = breachReason(metric, windows.get(metric.id) ?? [], rule);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/**
 * Whether one value, on its own, trips nothing: a value that merely has not completed a streak
 * yet is not a recovery.
 */
function healthy(rule: RollbackRule, linked: readonly Metric[], metricId: string, value: number): boolean {
  for (const trigger of rule.triggers) {
    if (trigger.metric === metricId && meets(value, conditionView(trigger.condition))) return false;
  }
  const metric = linked.find((m) => m.id === metricId);
  if (!metric) return true;
  if (metric.breach !== undefined) return !meets(value, conditionView(metric.breach));
  if (rule.triggers.some((t) => t.metric === metricId)) return true;
  return meets(value, conditionView(metric.target));
}

export function rollbackStatuses(plan: Pick<Plan, 'metrics' | 'rollback'>, schedule: StatusSchedule, journal: Pick<JournalState, 'events'>, now?: IsoDateTime): RollbackStatus[] {
  const units = new Map(plan.metrics.map((m) => [m.id, m.unit]));
  return plan.rollback.map((rule) => ruleStatus(rule, plan, schedule, journal, units, now));
}

function ruleStatus(
  rule: RollbackRule,
  plan: Pick<Plan, 'metrics' | 'rollback'>,
  schedule: StatusSchedule,
  journal: Pick<JournalState, 'events'>,
  units: Map<string, string>,
  now: IsoDateTime | undefined,
): RollbackStatus {
  const linked = plan.metrics.filter((m) => m.rollback === rule.id);
  const watched = new Set([...rule.triggers.map((t) => t.metric), ...linked.map((m) => m.id)]);
  const windows = new Map<string, Measurement[]>();
  const history: RollbackHistoryEntry[] = [];
  let state = 'clear' as RollbackState;
  let firedAt: IsoDateTime | undefined;
  let reason: string | undefined;

  const enter = (next: RollbackState, at: IsoDateTime, why: string, by?: string) => {
    state = next;
    history.push({ at, state: next, reason: why, ...(by !== undefined ? { by } : {}) });
  };

  for (const event of journal.events) {
    if (event.type === 'status' && event.target === rule.id && event.status === 'rolled-back') {
      enter('rolled-back', event.at, event.note ?? 'rolled back', event.by);
      windows.clear();
      continue;
    }
    if (event.type !== 'measure' || !watched.has(event.metric)) continue;
    const window = windows.get(event.metric) ?? [];
    window.push({ value: event.value, at: event.at, by: event.by, source: event.source ?? 'manual' });
    windows.set(event.metric, window);
    const cause = firingCause(rule, linked, windows, units);
    if (cause !== undefined && state !== 'firing') {
      firedAt = event.at;
      reason = cause;
      enter('firing', event.at, cause, event.by);
    } else if (cause === undefined && state !== 'clear' && healthy(rule, linked, event.metric, event.value)) {
      enter('clear', event.at, `recovered: ${event.metric} ${formatValue(event.value, units.get(event.metric) ?? '')}`, event.by);
    }
  }

  const guarded = schedule.components.filter((c) => c.rollbackRules.includes(rule.id) || rule.phases.includes(c.phaseId));
  const components = guarded.map((c) => c.id);
  const weeks = new Set(schedule.weeks.filter((w) => w.rollbackRules.includes(rule.id)).map((w) => w.index));
  for (const c of guarded) {
    for (let w = c.startWeek; w <= c.endWeek; w++) weeks.add(w);
  }

  const status: RollbackStatus = {
    id: rule.id,
    title: rule.title,
    action: rule.action,
    state,
    ...(firedAt !== undefined ? { firedAt } : {}),
    ...(reason !== undefined ? { reason } : {}),
    components,
    weeks: [...weeks].sort((a, b) => a - b),
    history,
  };
  if (state === 'firing' && firedAt !== undefined) {
    status.deadlines = deadlinesFrom(firedAt, rule);
    if (now !== undefined) {
      const t = Date.parse(now);
      const passed = (['execute', 'decide', 'assess'] as const).find((k) => Date.parse(status.deadlines![k]) < t);
      if (passed) status.overdue = passed;
    }
  }
  return status;
}
