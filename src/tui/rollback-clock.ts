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

/** "45s", "12m 05s", "1h 05m", "2d 03h": the two largest units, as a countdown reads ("12m05s" compact). */
export function formatDuration(ms: number, compact = false): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const gap = compact ? '' : ' ';
  if (d > 0) return `${d}d${gap}${two(h)}h`;
  if (h > 0) return `${h}h${gap}${two(m)}m`;
  if (m > 0) return `${m}m${gap}${two(sec)}s`;
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

/**
 * One banner line for a firing rule: what fired, the time left for each step, then why (the part
 * a narrow terminal cuts). When that does not fit in `width`, the countdown is written tighter
 * ("assess 12m05s", "assess OVERDUE") so all three steps still show.
 */
export function bannerLine(rule: RollbackStatus, now: Date, width = Number.POSITIVE_INFINITY): string {
  const head = `ROLLBACK ${rule.id} FIRING (${rule.action})`;
  const clocks = countdowns(rule, now);
  const why = rule.reason ? clean(rule.reason) : '';
  const full = [head, ...clocks.map((c) => c.text), ...(why ? [why] : [])].join(' | ');
  if (full.length - why.length - 3 <= width) return full;
  const tight = clocks.map((c) => (c.remainingMs >= 0 ? `${c.step} ${formatDuration(c.remainingMs, true)}` : `${c.step} OVERDUE`));
  return [`${head} ${tight.join(' ')}`, ...(why ? [why] : [])].join(' | ');
}

/** The banner's lines: one per firing rule, the last one summing up any that do not fit. */
export function bannerLines(status: PlanStatus | null, now: Date, width = Number.POSITIVE_INFINITY): string[] {
  const firing = firingRules(status);
  if (firing.length <= MAX_BANNER_ROWS) return firing.map((r) => bannerLine(r, now, width));
  const shown = firing.slice(0, MAX_BANNER_ROWS - 1).map((r) => bannerLine(r, now, width));
  const rest = firing.slice(MAX_BANNER_ROWS - 1);
  shown.push(`ROLLBACK ${rest.length} more rules FIRING: ${rest.map((r) => r.id).join(', ')} (the Risks view has their deadlines)`);
  return shown;
}
