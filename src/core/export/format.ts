/**
 * Wording shared by the human-readable exports (Markdown, HTML, iCalendar descriptions): dates,
 * week and day ranges, durations, levels, score ranges, progress. Returns plain text; each
 * exporter escapes it for its own format.
 */
import { dayToIso, isoToDay, weekdayOfDay } from '../calendar.js';
import { formatNumber } from '../metric-state.js';
import type { Level, Plan, Tier } from '../plan-schema.js';
import type { DayRange, IsoDate } from '../schedule-types.js';
import type { Progress, TaskStatus } from '../status-types.js';

/** A role's head count: a number or a range. */
export type CountRange = number | { min: number; max: number };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const addDays = (iso: IsoDate, days: number): IsoDate => dayToIso(isoToDay(iso) + days);

/** "Mon 2 Nov", or "Mon 2 Nov 2026" with the year. */
export function dayLabel(iso: IsoDate, withYear = false): string {
  const day = isoToDay(iso);
  const text = `${WEEKDAYS[weekdayOfDay(day)]} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;
  return withYear ? `${text} ${iso.slice(0, 4)}` : text;
}

/** "Mon 2 Nov - Fri 6 Nov 2026"; one day reads "Fri 6 Nov 2026". */
export function dateRangeLabel(start: IsoDate, end: IsoDate, withYear = true): string {
  if (start === end) return dayLabel(start, withYear);
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${dayLabel(start, withYear && !sameYear)} - ${dayLabel(end, withYear)}`;
}

/** "Weeks 1-2" or "Week 3". */
export function weeksLabel(first: number, last: number): string {
  return first === last ? `Week ${first}` : `Weeks ${first}-${last}`;
}

/** "Day 1-2" or "Day 5": work days inside the week, as hand-written plans number them. */
export function dayRangeLabel(range: Pick<DayRange, 'firstDay' | 'lastDay'>): string {
  return range.firstDay === range.lastDay ? `Day ${range.firstDay}` : `Day ${range.firstDay}-${range.lastDay}`;
}

const UNIT_WORDS: Record<string, string> = { m: 'minute', min: 'minute', h: 'hour', d: 'day' };

/** "15m" -> "15 minutes", "1h" -> "1 hour", "2d" -> "2 days". */
export function durationLabel(duration: string): string {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(min|m|h|d)\s*$/.exec(duration);
  if (!match) return duration.trim();
  const amount = Number(match[1]);
  const word = UNIT_WORDS[match[2]!]!;
  return `${match[1]} ${amount === 1 ? word : `${word}s`}`;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const levelLabel = (level: Level): string => capitalise(level);

const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * "4.8 (CRITICAL)" for one score; "3.0-3.5 (MEDIUM)" for several in one tier; "2.8-3.2
 * (LOW-MEDIUM)" when they span tiers. Scores carry the plan's precision.
 */
export function scoreRangeLabel(scores: readonly { value: number; tier: Tier }[], plan: Plan): string {
  if (scores.length === 0) return 'none';
  const precision = plan.scoring.precision;
  const values = scores.map((s) => s.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const tiers = [...new Set(scores.map((s) => s.tier))].sort((a, b) => TIER_RANK[a] - TIER_RANK[b]);
  const tierText = tiers.length === 1 ? tiers[0]! : `${tiers[0]}-${tiers[tiers.length - 1]}`;
  const valueText = low === high ? low.toFixed(precision) : `${low.toFixed(precision)}-${high.toFixed(precision)}`;
  return `${valueText} (${tierText.toUpperCase()})`;
}

/** "3-4" or "2". */
export function countLabel(count: CountRange): string {
  return typeof count === 'number' ? String(count) : count.min === count.max ? String(count.min) : `${count.min}-${count.max}`;
}

/**
 * "3-4 developers", "1 manager": the role title's last word, singular or plural by the count, as
 * a lead writes a resource list.
 */
export function headcountLabel(title: string, count: CountRange): string {
  const last = title.trim().split(/\s+/).pop()!.toLowerCase();
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
  const plural = singular.endsWith('y') && !/[aeiou]y$/.test(singular) ? `${singular.slice(0, -1)}ies` : singular.endsWith('s') ? singular : `${singular}s`;
  const one = typeof count === 'number' ? count === 1 : count.min === 1 && count.max === 1;
  return `${countLabel(count)} ${one ? singular : plural}`;
}

/** "40% (6 of 15 person-days, 1 of 3 tasks done)". */
export function progressLabel(progress: Progress): string {
  const tasks = progress.tasksTotal > 0 ? `, ${progress.tasksDone} of ${progress.tasksTotal} ${progress.tasksTotal === 1 ? 'task' : 'tasks'} done` : '';
  return `${progress.percent}% (${formatNumber(progress.doneEffort)} of ${formatNumber(progress.totalEffort)} person-days${tasks})`;
}

export const STATUS_WORDS: Record<TaskStatus, string> = {
  todo: 'to do',
  doing: 'in progress',
  done: 'done',
  blocked: 'blocked',
  skipped: 'skipped',
};

/** "Alice, Bob and Carol". */
export function listLabel(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "100" + " x" -> "100 x"; "%" sticks to the number ("95%"). */
export function withUnit(value: number | string, unit: string): string {
  const text = typeof value === 'number' ? formatNumber(value) : value;
  if (unit === '') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** The date part of an ISO instant ("2026-11-04T09:12:00.000Z" -> "2026-11-04"). */
export const instantDate = (instant: string): IsoDate => instant.slice(0, 10);

/** "2026-11-04 09:12 UTC". */
export function instantLabel(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}
