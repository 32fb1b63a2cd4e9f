/**
 * The short form of a baseline comparison that status, standup and the exports show: the end-date
 * slip, the components that slipped (latest first), and the ones that on their own move the end
 * date because they slipped by more than the slack the baseline gave them (critical items slip
 * the end by any slip at all).
 */
import type { Baseline, BaselineComparison, ComponentComparison } from './baseline.js';

export interface EndMover {
  id: string;
  /** Work days its finish moved against the baseline. */
  slip: number;
  /** Its slack in the baseline, in work days (0: it was on the critical path). */
  slack: number;
}

export interface BaselineSlip {
  comparison: BaselineComparison;
  /** Components whose finish (or start, when the finish held) moved later, or that are no longer scheduled; most slip first. */
  slipped: ComponentComparison[];
  /** Slipped by more than their baseline slack, earliest baselined start first: the first is where the slip began. */
  movesEnd: EndMover[];
}

const lateness = (r: ComponentComparison) => (r.current === undefined ? Number.POSITIVE_INFINITY : Math.max(r.finishSlip ?? 0, r.startSlip ?? 0));

export function summarizeBaselineSlip(baseline: Baseline, comparison: BaselineComparison): BaselineSlip {
  const slackOf = new Map(baseline.data.components.map((c) => [c.id, c.slack]));
  const slipped = comparison.components
    .filter((r) => r.planned !== undefined && r.state !== 'removed' && r.state !== 'skipped' && lateness(r) > 0)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => lateness(b.r) - lateness(a.r) || a.i - b.i)
    .map(({ r }) => r);
  const movesEnd: (EndMover & { start: string; i: number })[] = [];
  comparison.components.forEach((r, i) => {
    const slack = slackOf.get(r.id);
    const slip = r.finishSlip ?? 0;
    if (slack === undefined || r.planned === undefined || slip <= 0 || slip <= slack) return;
    movesEnd.push({ id: r.id, slip, slack, start: r.planned.start, i });
  });
  movesEnd.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.i - b.i));
  return { comparison, slipped, movesEnd: movesEnd.map(({ id, slip, slack }) => ({ id, slip, slack })) };
}

/** "Fri 11 Dec 2026 -> Fri 18 Dec 2026 (+5 work days)" style parts, formatting left to callers. */
export function workDays(n: number): string {
  return `${n > 0 ? '+' : ''}${n} work ${Math.abs(n) === 1 ? 'day' : 'days'}`;
}

/** "cache had no slack and slipped +5 d: it moves the end date". Ids are not sanitised here. */
export function endMoverText(m: EndMover, name = m.id): string {
  return m.slack <= 0
    ? `${name} had no slack and slipped +${m.slip} d: it moves the end date`
    : `${name} slipped +${m.slip} d, past its ${m.slack} d of slack: it moves the end date`;
}
