/**
 * A firing rollback rule's deadlines as a countdown: how long is left to assess, decide and
 * execute, from the rule's firedAt (the status module's deadlines) and the current time, which
 * the app passes in from its injected clock. Pure.
 */
import type { PlanStatus, RollbackStatus } from '../core/status-types.js';
import { clean } from './text.js';

/** The banner shows at most this many rows; more rules firing are summed up on the last one. */
export const MAX_BANNER_ROWS = 2;

export const DEADLINE_STEPS = ['assess', 'decide', 'execute'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

export function firingRules(status: PlanStatus | null): RollbackStatus[] {
  return (status?.rollback ?? []).filter((r) => r.state === 'firing');
}

export function bannerRows(status: PlanStatus | null): number {
  return Math.min(MAX_BANNER_ROWS, firingRules(status).length);
}

/** "45s", "12m 05s", "1h 05m", "2d 03h": the two largest units, as a countdown reads. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${two(h)}h`;
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(sec)}s`;
  return `${sec}s`;
}

export interface DeadlineCountdown {
  step: DeadlineStep;
  at: string;
  /** Negative once the deadline has passed. */
  remainingMs: number;
  /** "assess in 12m 05s" or "assess OVERDUE 3m 10s". */
  text: string;
}

export function countdowns(rule: RollbackStatus, now: Date): DeadlineCountdown[] {
  if (!rule.deadlines) return [];
  const t = now.getTime();
  return DEADLINE_STEPS.map((step) => {
    const at = rule.deadlines![step];
    const remainingMs = Date.parse(at) - t;
    const text = remainingMs >= 0 ? `${step} in ${formatDuration(remainingMs)}` : `${step} OVERDUE ${formatDuration(-remainingMs)}`;
    return { step, at, remainingMs, text };
  });
}

/** One banner line for a firing rule: what fired, why, and the time left for each step. */
export function bannerLine(rule: RollbackStatus, now: Date): string {
  const clock = countdowns(rule, now)
    .map((c) => c.text)
    .join(' | ');
  const why = rule.reason ? `: ${clean(rule.reason)}` : '';
  return `ROLLBACK ${rule.id} FIRING (${rule.action})${why}${clock ? ` | ${clock}` : ''}`;
}

/** The banner's lines: one per firing rule, the last one summing up any that do not fit. */
export function bannerLines(status: PlanStatus | null, now: Date): string[] {
  const firing = firingRules(status);
  if (firing.length <= MAX_BANNER_ROWS) return firing.map((r) => bannerLine(r, now));
  const shown = firing.slice(0, MAX_BANNER_ROWS - 1).map((r) => bannerLine(r, now));
  const rest = firing.slice(MAX_BANNER_ROWS - 1);
  shown.push(`ROLLBACK ${rest.length} more rules FIRING: ${rest.map((r) => r.id).join(', ')} (the Risks view has their deadlines)`);
  return shown;
}
