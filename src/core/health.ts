/**
 * One word for how the migration is doing, with the reason, like a Linear/GitHub status update:
 *
 * - off-track: a rollback rule is firing; or critical-tier work is late; or a metric is breached.
 * - at-risk:   anything is late or blocked; or a metric is not met (or never measured) although
 *              the last week of the work it judges has ended; or the schedule has ended unfinished.
 * - on-track:  none of the above.
 *
 * Reasons are listed most important first; `reason` is the first.
 */
import type { Health, LateItem, BlockedItem, MetricStatus, Progress, RollbackStatus, WeekProgress } from './status-types.js';
import { formatValue } from './metric-state.js';

export interface HealthInput {
  rollback: readonly RollbackStatus[];
  late: readonly LateItem[];
  blocked: readonly BlockedItem[];
  metrics: readonly MetricStatus[];
  weeks: readonly WeekProgress[];
  overall: Progress;
  timeline: 'before' | 'during' | 'after';
  start: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function computeHealth(input: HealthInput): Health {
  const off: string[] = [];
  const risk: string[] = [];

  for (const rule of input.rollback) {
    if (rule.state === 'firing') off.push(`rollback "${rule.id}" firing: ${rule.reason ?? 'tripped'}`);
  }
  const criticalLate = input.late.filter((l) => l.tier === 'critical');
  if (criticalLate.length > 0) off.push(`critical work late: ${listItems(criticalLate)}`);
  for (const m of input.metrics) {
    if (m.state === 'breached' && m.latest) {
      const limit = m.breach ? `breach ${m.breach.text}` : `target ${m.target.text}`;
      off.push(`metric ${m.id} breached: ${formatValue(m.latest.value, m.unit)} (${limit})`);
    }
  }

  const otherLate = input.late.filter((l) => l.tier !== 'critical');
  if (otherLate.length > 0) risk.push(`${plural(otherLate.length, 'item')} late: ${listItems(otherLate)}`);
  if (input.blocked.length > 0) {
    const oldest = [...input.blocked].sort((a, b) => b.ageDays - a.ageDays)[0]!;
    risk.push(`${plural(input.blocked.length, 'item')} blocked, longest ${oldest.id} (${plural(oldest.ageDays, 'day')})`);
  }
  const ended = new Set(input.weeks.filter((w) => w.ended).map((w) => w.week));
  for (const m of input.metrics) {
    if (m.dueWeek === undefined || !ended.has(m.dueWeek)) continue;
    if (m.state === 'unverified') risk.push(`metric ${m.id} unverified after week ${m.dueWeek}`);
    else if (m.state === 'not-met') risk.push(`metric ${m.id} not met after week ${m.dueWeek}`);
  }
  if (input.timeline === 'after' && input.overall.percent < 100 && input.late.length === 0) {
    risk.push(`the schedule has ended at ${input.overall.percent}% done`);
  }

  if (off.length > 0) return { state: 'off-track', reason: off[0]!, reasons: [...off, ...risk] };
  if (risk.length > 0) return { state: 'at-risk', reason: risk[0]!, reasons: risk };
  const reason =
    input.timeline === 'before'
      ? `not started; work begins ${input.start}`
      : input.overall.percent >= 100
        ? 'all work done'
        : 'nothing late, blocked or failing';
  return { state: 'on-track', reason, reasons: [] };
}

/** "plugin-registry (2 days), config-mapping (1 day)" with at most three named. */
function listItems(items: readonly LateItem[]): string {
  const sorted = [...items].sort((a, b) => b.daysLate - a.daysLate || (a.id < b.id ? -1 : 1));
  const named = sorted.slice(0, 3).map((l) => `${l.id} (${plural(l.daysLate, 'day')})`);
  const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
  return named.join(', ') + more;
}
