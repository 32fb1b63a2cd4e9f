/**
 * What moved between two schedules, as a person says it: "cache: week 5 -> 4". A preview of
 * the consequences of an edit before it is saved (Jira Plans shows the same before accepting).
 */
import type { Schedule } from '../../core/schedule-types.js';

export interface ComponentMove {
  id: string;
  fromWeek: number;
  toWeek: number;
  fromTier: string;
  toTier: string;
}

export function scheduleMoves(before: Schedule, after: Schedule): ComponentMove[] {
  const previous = new Map(before.components.map((c) => [c.id, c]));
  const moves: ComponentMove[] = [];
  for (const c of after.components) {
    const p = previous.get(c.id);
    if (!p) continue;
    if (p.startWeek !== c.startWeek || p.score.tier !== c.score.tier) {
      moves.push({ id: c.id, fromWeek: p.startWeek, toWeek: c.startWeek, fromTier: p.score.tier, toTier: c.score.tier });
    }
  }
  // Biggest moves first: they are what the user needs to see when the line is cut short.
  return moves.sort((a, b) => Math.abs(b.toWeek - b.fromWeek) - Math.abs(a.toWeek - a.fromWeek) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function describeMove(m: ComponentMove): string {
  const week = m.fromWeek === m.toWeek ? `week ${m.toWeek}` : `week ${m.fromWeek} -> ${m.toWeek}`;
  const tier = m.fromTier === m.toTier ? '' : ` (${m.fromTier} -> ${m.toTier})`;
  return `${m.id}: ${week}${tier}`;
}

/** Lines describing the moves; a schedule that only shifted in time says so. */
export function describeScheduleChange(before: Schedule, after: Schedule): string[] {
  const lines = scheduleMoves(before, after).map(describeMove);
  if (before.start !== after.start) lines.push(`week 1 now starts ${after.start}`);
  if (before.weeks.length !== after.weeks.length) lines.push(`${before.weeks.length} -> ${after.weeks.length} weeks, ends ${after.end}`);
  else if (before.end !== after.end) lines.push(`ends ${after.end}`);
  return lines;
}
