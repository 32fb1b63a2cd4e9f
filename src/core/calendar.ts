/**
 * The work calendar: which days of each schedule week carry capacity, and how much.
 *
 * Week k covers the seven calendar days from start + 7(k-1), whatever weekday the plan starts on.
 * Its work days are the calendar's workdays minus holidays minus freeze days, and its capacity is
 * capacity_per_week x (work days in the week / work days in a normal week).
 *
 * Dates are handled as whole days since 1970-01-01 (UTC), so there is no time zone or daylight
 * saving to get wrong, and weeks are computed once and memoised: a 50,000-component schedule asks
 * for the same few hundred weeks again and again.
 */
import type { Plan, Weekday } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import type { IsoDate } from './schedule-types.js';

/** Schedules never look further than ten years ahead. */
export const HORIZON_WEEKS = 520;
/** Used when the plan has no team at all. */
export const DEFAULT_CAPACITY_PER_WEEK = 5;

const MS_PER_DAY = 86_400_000;
const WEEKDAY_NUMBER: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/**
 * Whole days since 1970-01-01 for a `YYYY-MM-DD` date. Integer arithmetic (days from civil, proleptic
 * Gregorian) for the usual four-digit years; anything else goes through Date.UTC as it always did
 * (which reads years 0-99 as 1900-1999, and gives NaN for text that is not a date).
 */
export function isoToDay(iso: IsoDate): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 100 && m >= 1 && m <= 12 && d >= 0) {
    return daysFromCivil(y, m, d);
  }
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 of year y (proleptic Gregorian, as written), month m (1-12), day d (any integer: it just adds days). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** -719162 is 0001-01-01 and 2932896 is 9999-12-31: years Date prints with four digits. */
const FIRST_FAST_DAY = -719_162;
const LAST_FAST_DAY = 2_932_896;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD` of a whole day since 1970-01-01, exactly as Date#toISOString prints it. */
export function dayToIso(day: number): IsoDate {
  if (!Number.isInteger(day) || day < FIRST_FAST_DAY || day > LAST_FAST_DAY) {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  }
  // Civil from days (Howard Hinnant's algorithm).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export interface CalendarWeek {
  /** 1-based. */
  index: number;
  start: IsoDate;
  /** start + 6. */
  end: IsoDate;
  /** The days that carry capacity, in order. */
  workdays: IsoDate[];
  /** Holidays falling on what would be work days. */
  holidays: { date: IsoDate; name?: string }[];
  /** Would-be work days inside a freeze. */
  frozen: IsoDate[];
  /** Labels of the freezes that take work days from this week. */
  freezes: string[];
  capacity: number;
  /**
   * Label of a freeze starting within seven days after one of this week's work days: high-risk
   * work may not run in the week before a freeze.
   */
  beforeFreeze?: string;
}

export interface WorkCalendar {
  start: IsoDate;
  horizon: number;
  /** Person-days in a full work week. */
  capacityPerWeek: number;
  capacitySource: 'team' | 'members' | 'default';
  /** Work days in a week without holidays or freezes. */
  normalWorkdays: number;
  week(index: number): CalendarWeek;
  /** week(index).workdays.length, without building the week's dates. */
  workdayCount(index: number): number;
  /** week(index).capacity, without building the week's dates. */
  capacityOf(index: number): number;
  /** week(index).beforeFreeze, without building the week's dates. */
  beforeFreezeOf(index: number): string | undefined;
  /** The 1-based week a date falls in; 0 or less before the start. */
  weekOf(date: IsoDate): number;
  /** Capacity and calendar problems (no capacity, no work days, defaulted capacity). */
  problems: Problem[];
}

interface FreezeSpan {
  start: number;
  end: number;
  label: string;
}

export function freezeLabel(freeze: { start: string; end: string; name?: string | undefined }): string {
  return freeze.name ?? `freeze ${freeze.start} to ${freeze.end}`;
}

function capacityOf(plan: Plan): { capacity: number; source: WorkCalendar['capacitySource'] } {
  if (plan.team.capacity_per_week !== undefined) return { capacity: plan.team.capacity_per_week, source: 'team' };
  if (plan.team.members.length > 0) {
    return { capacity: plan.team.members.reduce((sum, m) => sum + m.days_per_week, 0), source: 'members' };
  }
  return { capacity: DEFAULT_CAPACITY_PER_WEEK, source: 'default' };
}

export function buildCalendar(plan: Plan): WorkCalendar {
  const startDay = isoToDay(plan.start);
  const workdaySet = new Set(plan.calendar.workdays.map((d) => WEEKDAY_NUMBER[d]));
  const normalWorkdays = workdaySet.size;

  const holidays = new Map<number, string | undefined>();
  for (const h of plan.calendar.holidays) {
    const date = typeof h === 'string' ? h : h.date;
    const name = typeof h === 'string' ? undefined : h.name;
    const day = isoToDay(date);
    if (!holidays.has(day)) holidays.set(day, name);
  }
  const freezes: FreezeSpan[] = plan.calendar.freezes
    .map((f) => ({ start: isoToDay(f.start), end: isoToDay(f.end), label: freezeLabel(f) }))
    .filter((f) => f.end >= f.start)
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

  const { capacity: capacityPerWeek, source } = capacityOf(plan);
  const isNormalWorkday = (day: number) => workdaySet.has(weekdayOfDay(day));
  const freezeAt = (day: number) => freezes.find((f) => day >= f.start && day <= f.end);

  const cache = new Map<number, CalendarWeek>();
  const computeWeek = (index: number): CalendarWeek => {
    const first = startDay + 7 * (index - 1);
    const workdays: IsoDate[] = [];
    const weekHolidays: CalendarWeek['holidays'] = [];
    const frozen: IsoDate[] = [];
    const freezeLabels = new Set<string>();
    let beforeFreeze: string | undefined;
    for (let day = first; day < first + 7; day++) {
      if (!isNormalWorkday(day)) continue;
      const iso = dayToIso(day);
      if (holidays.has(day)) {
        const name = holidays.get(day);
        weekHolidays.push(name === undefined ? { date: iso } : { date: iso, name });
        continue;
      }
      const freeze = freezeAt(day);
      if (freeze) {
        frozen.push(iso);
        freezeLabels.add(freeze.label);
        continue;
      }
      workdays.push(iso);
      beforeFreeze ??= freezes.find((f) => f.start > day && f.start - day <= 7)?.label;
    }
    const week: CalendarWeek = {
      index,
      start: dayToIso(first),
      end: dayToIso(first + 6),
      workdays,
      holidays: weekHolidays,
      frozen,
      freezes: [...freezeLabels],
      capacity: capacityFor(workdays.length),
    };
    if (beforeFreeze !== undefined) week.beforeFreeze = beforeFreeze;
    return week;
  };
  // The numbers of a week (work-day count, the freeze it comes before) without any date strings:
  // the scheduler reads them for every week up to the horizon, but builds dates only for the weeks
  // the schedule reaches.
  const counts = new Map<number, { count: number; beforeFreeze: string | undefined }>();
  const numbers = (index: number): { count: number; beforeFreeze: string | undefined } => {
    let n = counts.get(index);
    if (n) return n;
    const built = cache.get(index);
    if (built) {
      n = { count: built.workdays.length, beforeFreeze: built.beforeFreeze };
    } else {
      const first = startDay + 7 * (index - 1);
      let count = 0;
      let beforeFreeze: string | undefined;
      for (let day = first; day < first + 7; day++) {
        if (!isNormalWorkday(day) || holidays.has(day) || freezeAt(day)) continue;
        count++;
        beforeFreeze ??= freezes.find((f) => f.start > day && f.start - day <= 7)?.label;
      }
      n = { count, beforeFreeze };
    }
    counts.set(index, n);
    return n;
  };
  const capacityFor = (count: number) => (normalWorkdays > 0 ? (capacityPerWeek * count) / normalWorkdays : 0);
  const week = (index: number): CalendarWeek => {
    let w = cache.get(index);
    if (!w) {
      w = computeWeek(index);
      cache.set(index, w);
    }
    return w;
  };

  const problems: Problem[] = [];
  if (source === 'default') {
    problems.push(
      problem('schedule-default-capacity', `the plan has no team, so the schedule assumes ${DEFAULT_CAPACITY_PER_WEEK} person-days a week`, {
        severity: 'warning',
        hint: 'set team.capacity_per_week, or list team.members with their days_per_week',
        path: ['team'],
      }),
    );
  } else if (capacityPerWeek <= 0) {
    problems.push(
      problem('schedule-no-capacity', 'the team gives 0 person-days a week, so nothing can be scheduled', {
        hint: 'set team.capacity_per_week, or give members days_per_week above 0',
        path: ['team'],
      }),
    );
  }
  if (capacityPerWeek > 0) {
    let anyWork = false;
    for (let i = 1; i <= HORIZON_WEEKS && !anyWork; i++) anyWork = numbers(i).count > 0;
    if (!anyWork) {
      problems.push(
        problem('schedule-no-work-days', `the calendar has no work days in the ${HORIZON_WEEKS} weeks from ${plan.start}`, {
          hint: 'check calendar.workdays, holidays and freezes',
          path: ['calendar'],
        }),
      );
    }
  }

  return {
    start: plan.start,
    horizon: HORIZON_WEEKS,
    capacityPerWeek,
    capacitySource: source,
    normalWorkdays,
    week,
    workdayCount: (index) => numbers(index).count,
    capacityOf: (index) => capacityFor(numbers(index).count),
    beforeFreezeOf: (index) => numbers(index).beforeFreeze,
    weekOf: (date) => Math.floor((isoToDay(date) - startDay) / 7) + 1,
    problems,
  };
}
