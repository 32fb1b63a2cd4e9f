import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, dayToIso, HORIZON_WEEKS, isoToDay, weekdayOfDay } from '../../src/core/calendar.js';
import { buildPlan } from '../helpers/plan-builder.js';

describe('buildCalendar', () => {
  it('dates week k from start + 7(k-1) and counts holidays across a year end', () => {
    const cal = buildCalendar(
      buildPlan({
        start: '2026-12-21',
        team: { capacity_per_week: 15 },
        calendar: { holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, '2027-01-01'] },
      }),
    );
    const w1 = cal.week(1);
    expect(w1).toMatchObject({ index: 1, start: '2026-12-21', end: '2026-12-27' });
    expect(w1.workdays).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);
    expect(w1.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(w1.capacity).toBe(12);
    const w2 = cal.week(2);
    expect(w2).toMatchObject({ start: '2026-12-28', end: '2027-01-03', capacity: 12 });
    expect(w2.workdays).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(w2.holidays).toEqual([{ date: '2027-01-01' }]);
    expect(cal.week(3).capacity).toBe(15);
    expect(cal.problems).toEqual([]);
  });

  it('starts weeks on the plan start weekday when it is not a Monday', () => {
    const cal = buildCalendar(buildPlan({ start: '2026-11-04', team: { capacity_per_week: 10 } }));
    expect(cal.week(1)).toMatchObject({ start: '2026-11-04', end: '2026-11-10', capacity: 10 });
    expect(cal.week(1).workdays).toEqual(['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10']);
    expect(cal.weekOf('2026-11-10')).toBe(1);
    expect(cal.weekOf('2026-11-11')).toBe(2);
    expect(cal.weekOf('2026-11-03')).toBe(0);
  });

  it('uses custom workdays: a normal week is four days, a holiday takes a quarter of the capacity', () => {
    const cal = buildCalendar(
      buildPlan({ team: { capacity_per_week: 8 }, calendar: { workdays: ['mon', 'tue', 'wed', 'thu'], holidays: ['2026-11-12'] } }),
    );
    expect(cal.normalWorkdays).toBe(4);
    expect(cal.week(1).workdays).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(cal.week(2).capacity).toBe(6);
    expect(cal.week(2).workdays).not.toContain('2026-11-12');
  });

  it('a weekend holiday costs nothing; a Sunday-to-Thursday week works on Sunday', () => {
    const cal = buildCalendar(
      buildPlan({ team: { capacity_per_week: 5 }, calendar: { workdays: ['sun', 'mon', 'tue', 'wed', 'thu'], holidays: ['2026-11-06'] } }),
    );
    expect(cal.week(1).workdays).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-08']);
    expect(cal.week(1).holidays).toEqual([]);
  });

  it('freeze days carry no capacity and mark the week before for high-risk work', () => {
    const cal = buildCalendar(
      buildPlan({
        team: { capacity_per_week: 10 },
        calendar: { freezes: [{ start: '2026-11-18', end: '2026-11-24', name: 'Release freeze' }] },
      }),
    );
    const w3 = cal.week(3); // Mon 16 - Sun 22 Nov: freeze from Wed 18
    expect(w3.workdays).toEqual(['2026-11-16', '2026-11-17']);
    expect(w3.frozen).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(w3.freezes).toEqual(['Release freeze']);
    expect(w3.capacity).toBe(4);
    // Work days within the seven days before Wed 18 Nov: Wed 11 - Tue 17 Nov.
    expect(cal.week(2).beforeFreeze).toBe('Release freeze');
    expect(w3.beforeFreeze).toBe('Release freeze');
    expect(cal.week(1).beforeFreeze).toBeUndefined();
    expect(cal.week(4).workdays).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
  });

  it('takes capacity from the team, else from members, else 5 with a warning', () => {
    expect(buildCalendar(buildPlan({ team: { capacity_per_week: 12 } })).capacityPerWeek).toBe(12);
    const members = buildCalendar(buildPlan({ team: { members: [{ name: 'A', days_per_week: 4 }, { name: 'B' }] } }));
    expect(members).toMatchObject({ capacityPerWeek: 9, capacitySource: 'members', problems: [] });
    const none = buildCalendar(buildPlan({ team: {} }));
    expect(none.capacityPerWeek).toBe(5);
    expect(none.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'schedule-default-capacity']]);
    const zero = buildCalendar(buildPlan({ team: { members: [{ name: 'A', days_per_week: 0 }] } }));
    expect(zero.problems.map((p) => [p.severity, p.code])).toEqual([['error', 'schedule-no-capacity']]);
  });

  it('reports a calendar with no work days within the horizon', () => {
    const cal = buildCalendar(
      buildPlan({ calendar: { freezes: [{ start: '2026-11-01', end: '2037-12-31' }] } }),
    );
    expect(cal.problems.map((p) => p.code)).toEqual(['schedule-no-work-days']);
    expect(cal.horizon).toBe(HORIZON_WEEKS);
  });

  it('returns the same week object when asked again (memoised)', () => {
    const cal = buildCalendar(buildPlan());
    expect(cal.week(7)).toBe(cal.week(7));
  });
});

describe('day arithmetic', () => {
  it('round-trips ISO dates through whole days, across leap days and year ends', () => {
    for (const iso of ['1970-01-01', '2024-02-29', '2026-12-31', '2027-01-01', '2027-03-28']) {
      expect(dayToIso(isoToDay(iso))).toBe(iso);
    }
    expect(isoToDay('2027-01-01') - isoToDay('2026-12-31')).toBe(1);
    expect(weekdayOfDay(isoToDay('2026-11-02'))).toBe(1); // Monday
    expect(weekdayOfDay(isoToDay('2026-11-08'))).toBe(0); // Sunday
  });
});

describe('day numbers', () => {
  const MS = 86_400_000;
  const viaDate = (day: number) => new Date(day * MS).toISOString().slice(0, 10);
  const viaDateUtc = (iso: string) => Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS);

  it('dayToIso and isoToDay agree with Date for every day from year 1 to 9999 and a little beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (day) => {
        expect(dayToIso(day)).toBe(viaDate(day));
        // Years 0-99 read as 1900-1999 (Date.UTC), so only later dates round-trip.
        expect(isoToDay(viaDate(day))).toBe(viaDateUtc(viaDate(day)));
        if (viaDate(day) >= '0100-01-01') expect(isoToDay(viaDate(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
    for (const day of [-719_163, -719_162, 0, 19_782, 2_932_896, 2_932_897]) expect(dayToIso(day)).toBe(viaDate(day));
  });

  it('isoToDay reads out-of-range fields the way Date.UTC does (rolling over, years 0-99 as 19xx)', () => {
    for (const iso of ['2026-02-31', '2026-01-00', '2026-01-40', '2024-02-29', '0099-05-05', '2026-13-01', 'not-a-date']) {
      expect(Object.is(isoToDay(iso), viaDateUtc(iso))).toBe(true);
    }
  });
});
