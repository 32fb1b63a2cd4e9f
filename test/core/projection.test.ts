import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, dayToIso, isoToDay } from '../../src/core/calendar.js';
import { foldJournal, type JournalState, type LocatedEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { projectFromToday, readActuals, WorkdayAxis, type Projection } from '../../src/core/projection.js';
import { schedulePlan } from '../../src/core/schedule.js';
import type { ScheduledComponent } from '../../src/core/schedule-types.js';
import { isClosed } from '../../src/core/status-types.js';
import { planArbitrary } from '../helpers/plan-arbitrary.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

let seq = 0;
/** A status event at noon UTC on `day` (so its date is the same in every time zone test runs in). */
const ev = (target: string, status: string, day: string, by = 'Ana'): LocatedEvent =>
  ({ v: 1, seq: seq++, at: `${day}T12:00:00.000Z`, by, type: 'status', target, status }) as LocatedEvent;
const journalOf = (plan: Plan, events: LocatedEvent[]): JournalState => foldJournal(plan, events);
const byId = (p: { schedule: { components: ScheduledComponent[] } }, id: string) => p.schedule.components.find((c) => c.id === id)!;
const dates = (c: ScheduledComponent) => [c.start, c.end];
const codon = () => examplePlan('codon-migration');

/** dfd on time (Mon 2 - Fri 6 Nov), analytics-thread-safety done Wed 18 Nov: 3 work days late. */
const lateAnalytics = () => [
  ev('dynamic-feature-detection', 'doing', '2026-11-02'),
  ev('dynamic-feature-detection', 'done', '2026-11-06'),
  ev('analytics-thread-safety', 'doing', '2026-11-09'),
  ev('analytics-thread-safety', 'done', '2026-11-18'),
];

describe('work-day arithmetic', () => {
  const axis = new WorkdayAxis(buildCalendar(codon()));
  it('counts slips in work days of the plan calendar', () => {
    expect(axis.finishSlip('2026-11-13', '2026-11-18')).toBe(3); // Fri -> Wed
    expect(axis.finishSlip('2026-11-06', '2026-11-10')).toBe(2); // Fri -> Tue
    expect(axis.finishSlip('2026-12-24', '2026-12-28')).toBe(1); // Thu -> Mon over Christmas Day
    expect(axis.finishSlip('2026-11-13', '2026-11-14')).toBe(0); // a Saturday finish is Friday's
    expect(axis.startSlip('2026-11-13', '2026-11-14')).toBe(1); // a Saturday start is Monday's
    expect(axis.finishSlip('2026-11-18', '2026-11-13')).toBe(-3);
  });
  it('maps work days to weeks and back', () => {
    expect(axis.locate(7)).toEqual({ week: 2, day: 2 });
    expect(axis.dateOf(7)).toBe('2026-11-11');
    expect(axis.spans(3, 12)).toEqual([
      { week: 1, fromDay: 3, toDay: 5 },
      { week: 2, fromDay: 0, toDay: 5 },
      { week: 3, fromDay: 0, toDay: 2 },
    ]);
    expect(axis.before('2026-11-01')).toBe(0);
    expect(axis.before('2026-10-30')).toBe(-1);
  });
});

describe('reading actuals from the journal', () => {
  it('takes the first doing as the start and the done as the finish, and ignores events after today', () => {
    const plan = codon();
    const journal = journalOf(plan, [
      ev('plugin-registry', 'doing', '2026-11-02'),
      ev('plugin-registry', 'blocked', '2026-11-03'),
      ev('plugin-registry', 'doing', '2026-11-04'),
      ev('plugin-registry', 'done', '2026-11-05'),
      ev('config-mapping', 'done', '2026-11-06'),
      ev('config-mapping', 'doing', '2026-11-09'),
      ev('algorithm-registry', 'done', '2026-11-20'),
    ]);
    const items = readActuals(journal, '2026-11-10');
    expect(items.get('plugin-registry')).toEqual({ status: 'done', firstDoing: '2026-11-02', closedOn: '2026-11-05' });
    expect(items.get('config-mapping')).toEqual({ status: 'doing', firstDoing: '2026-11-09' });
    expect(items.has('algorithm-registry')).toBe(false);
  });
});

describe('re-planning from today on the codon plan', () => {
  it('moves everything after a late critical finish and says why: "cache: week 5 -> week 6"', () => {
    const plan = codon();
    const p = projectFromToday(plan, journalOf(plan, lateAnalytics()), '2026-11-19');
    expect(p.from).toBe('2026-11-19');
    // Done work stays where it happened.
    expect(dates(byId(p, 'dynamic-feature-detection'))).toEqual(['2026-11-02', '2026-11-06']);
    expect(dates(byId(p, 'analytics-thread-safety'))).toEqual(['2026-11-09', '2026-11-18']);
    expect(byId(p, 'analytics-thread-safety').actual).toEqual({ state: 'done', start: '2026-11-09', finish: '2026-11-18', remaining: 0 });
    const cache = p.moves.find((m) => m.id === 'cache')!;
    expect([cache.before.startWeek, cache.after.startWeek, cache.because]).toEqual([5, 6, 'analytics-thread-safety finished 3 work days late']);
    expect(p.moves.map((m) => m.id)).not.toContain('dynamic-feature-detection');
    expect(p.moves.every((m) => m.causeId === 'analytics-thread-safety')).toBe(true);
    // Its slip crossed the week, so the phase gate costs a whole week: the end moves 5 work days.
    expect(p.end).toEqual({ before: '2026-12-11', after: '2026-12-18', slip: 5, because: 'analytics-thread-safety finished 3 work days late' });
    expect(p.slips).toEqual([{ id: 'analytics-thread-safety', text: 'analytics-thread-safety finished 3 work days late', slip: 3, plannedSlack: 0, movesEnd: true }]);
    expect(p.counts).toEqual({ done: 2, inProgress: 0, notStarted: 8, remaining: 60 });
  });

  it('pulls work forward after an early finish only where the rules allow', () => {
    const plan = codon();
    // dfd done on Wednesday instead of Friday; today is Thursday of week 1.
    const p = projectFromToday(plan, journalOf(plan, [ev('dynamic-feature-detection', 'doing', '2026-11-02'), ev('dynamic-feature-detection', 'done', '2026-11-04')]), '2026-11-05');
    expect(dates(byId(p, 'dynamic-feature-detection'))).toEqual(['2026-11-02', '2026-11-04']);
    // Its dependant may share the week after it, so it starts on Thursday and ends two days early...
    expect(dates(byId(p, 'analytics-thread-safety'))).toEqual(['2026-11-05', '2026-11-11']);
    // ...but phase 2 still waits for the week after phase 1's last week: nothing else moves.
    expect(p.moves.map((m) => [m.id, m.finishSlip])).toEqual([
      ['dynamic-feature-detection', -2],
      ['analytics-thread-safety', -2],
    ]);
    expect(byId(p, 'performance-monitoring').start).toBe('2026-11-16');
    expect(p.end.slip).toBe(0);
  });

  it('shifts exactly the dependants of a late task when capacity allows', () => {
    // At 40 person-days a week every week has room left after Thursday.
    const base = codon();
    const plan: Plan = { ...base, team: { ...base.team, capacity_per_week: 40 } };
    const planned = schedulePlan(plan);
    expect(planned.weeks.map((w) => w.used)).toEqual([15, 15, 30, 30]);
    const stream = planned.components.find((c) => c.id === 'stream-management')!;
    expect([stream.start, stream.end]).toEqual(['2026-11-23', '2026-11-24']);
    const onTime = (id: string) => {
      const c = planned.components.find((x) => x.id === id)!;
      return [ev(id, 'doing', c.start), ev(id, 'done', c.end)];
    };
    const events = [
      ...['dynamic-feature-detection', 'analytics-thread-safety', 'performance-monitoring', 'error-handling', 'authentication', 'cache'].flatMap(onTime),
      // Planned Mon-Tue of week 4; still going on Wednesday with all of its 6 person-days left.
      ev('stream-management', 'doing', '2026-11-23'),
    ];
    const p = projectFromToday(plan, journalOf(plan, events), '2026-11-25');
    expect(byId(p, 'stream-management').actual).toEqual({ state: 'in-progress', start: '2026-11-23', remaining: 6 });
    // What depends on it (directly or not) moves; nothing else does.
    expect(p.moves.map((m) => m.id).sort()).toEqual(['documentation-handoff', 'integration-testing', 'production-prep', 'stream-management']);
    for (const m of p.moves) expect(m.because, m.id).toMatch(/^stream-management /);
    for (const c of planned.components) {
      if (!p.moves.some((m) => m.id === c.id)) expect(dates(byId(p, c.id)), c.id).toEqual(dates(c));
    }
    // The room on Thursday and Friday absorbs most of it: the end moves one work day.
    expect([p.end.before, p.end.after, p.end.slip]).toEqual(['2026-11-26', '2026-11-27', 1]);
  });

  it('continues work in progress from today with the effort of its open tasks', () => {
    const plan = codon();
    const p = projectFromToday(
      plan,
      journalOf(plan, [
        ...lateAnalytics().slice(0, 2),
        ev('health-monitor-safety', 'doing', '2026-11-09'),
        ev('health-monitor-safety', 'done', '2026-11-10'),
        ev('incident-manager-safety', 'doing', '2026-11-11'),
      ]),
      '2026-11-12',
    );
    const ats = byId(p, 'analytics-thread-safety');
    expect(ats.actual).toEqual({ state: 'in-progress', start: '2026-11-09', remaining: 9 });
    // Mon-Wed already happened; 9 person-days are 3 work days from Thursday.
    expect(dates(ats)).toEqual(['2026-11-09', '2026-11-16']);
    const tasks = Object.fromEntries(ats.tasks.map((t) => [t.id, [t.start, t.end]]));
    expect(tasks).toEqual({
      'health-monitor-safety': ['2026-11-09', '2026-11-10'],
      'incident-manager-safety': ['2026-11-12', '2026-11-13'],
      'stream-producer-safety': ['2026-11-16', '2026-11-16'],
    });
    expect(ats.reasons).toContain('in progress since 2026-11-09: 9 of 15 pd left, continues from 2026-11-12');
  });

  it('starts new work on the next work day when something closed today', () => {
    const plan = codon();
    const p = projectFromToday(plan, journalOf(plan, lateAnalytics()), '2026-11-18');
    expect(p.from).toBe('2026-11-19');
    expect(byId(p, 'performance-monitoring').start).toBe('2026-11-23');
  });

  it('says when work planned before today has not started, unless something before it explains it', () => {
    const plan = codon();
    const p = projectFromToday(plan, journalOf(plan, [ev('dynamic-feature-detection', 'done', '2026-11-06')]), '2026-11-11');
    const ats = p.moves.find((m) => m.id === 'analytics-thread-safety')!;
    expect(ats.because).toBe('analytics-thread-safety has not started (planned to start 2026-11-09)');
    expect(p.moves.find((m) => m.id === 'cache')!.because).toBe(ats.because);
    // Never marked doing: it started when planned, and finished on the day it was closed.
    expect(byId(p, 'dynamic-feature-detection').actual).toEqual({ state: 'done', start: '2026-11-02', finish: '2026-11-06', remaining: 0 });
  });
});

describe('the scheduler extension behind projections', () => {
  it('places a pin whose week has passed as soon as possible, and says so', () => {
    const plan = buildPlan({ components: [component('a', { effort: 5, pin: 1 }), component('b', { effort: 5 })] });
    const p = projectFromToday(plan, journalOf(plan, []), '2026-11-11');
    expect(byId(p, 'a').start).toBe('2026-11-11');
    expect(byId(p, 'a').reasons).toContain('pinned to week 1, which has passed: as soon as possible instead');
  });

  it('runs what-if capacity changes by week', () => {
    const plan = buildPlan({ components: [component('a', { effort: 10 })] });
    const s = schedulePlan(plan, { capacity: [{ fromWeek: 1, toWeek: 1, factor: 0.4 }] });
    expect(s.weeks.map((w) => [w.capacity, w.used])).toEqual([
      [2, 2],
      [5, 5],
      [5, 3],
    ]);
  });

  it('is the plain schedule when nothing happened and today is the plan start', () => {
    const plan = codon();
    const p = projectFromToday(plan, journalOf(plan, []), '2026-11-02');
    expect({ ...p.schedule, projectedFrom: undefined }).toEqual(p.planned);
    expect(p.moves).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties on random plans and journals

const STATUSES = ['doing', 'done', 'skipped', 'blocked', 'todo'] as const;

/** A random plan, random status events around its first weeks, and a random today. */
const scenario = fc
  .tuple(
    planArbitrary({ maxComponents: 8 }),
    fc.array(fc.record({ pick: fc.nat(), status: fc.constantFrom(...STATUSES), offset: fc.integer({ min: -3, max: 50 }) }), { maxLength: 14 }),
    fc.integer({ min: -5, max: 60 }),
    fc.integer({ min: 1, max: 20 }),
  )
  .map(([plan, raw, todayOffset, later]) => {
    const ids = plan.components.flatMap((c) => (c.tasks.length > 0 ? [c.id, ...c.tasks.map((t) => t.id)] : [c.id]));
    const start = isoToDay(plan.start);
    const events = raw.map((r) => ev(ids[r.pick % ids.length]!, r.status, dayToIso(start + r.offset)));
    return { plan, events, today: dayToIso(start + todayOffset), later: dayToIso(start + todayOffset + later) };
  });

describe('projection properties', () => {
  it('re-planning with no actuals, from the plan start, is the original schedule', () => {
    fc.assert(
      fc.property(planArbitrary({ maxComponents: 10 }), fc.integer({ min: 0, max: 10 }), (plan, before) => {
        const p = projectFromToday(plan, journalOf(plan, []), dayToIso(isoToDay(plan.start) - before));
        expect({ ...p.schedule, projectedFrom: undefined }).toEqual(p.planned);
        expect(p.moves).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('never schedules anything before today except work that already happened', () => {
    fc.assert(
      fc.property(scenario, ({ plan, events, today }) => {
        const journal = journalOf(plan, events);
        const p = projectFromToday(plan, journal, today);
        const items = readActuals(journal, today);
        expect(p.from >= today || isoToDay(p.from) >= isoToDay(today) - 0).toBe(true);
        for (const c of p.schedule.components) {
          if (c.actual?.state === 'done') continue;
          if (!c.actual) expect(c.start >= p.from, `${c.id} starts ${c.start}, before ${p.from}`).toBe(true);
          expect(c.end >= p.from, `${c.id} ends ${c.end}`).toBe(true);
          for (const t of c.tasks) {
            if (isClosed(items.get(t.id)?.status ?? 'todo')) continue;
            expect(t.start >= p.from, `${t.id} starts ${t.start}, before ${p.from}`).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never moves done work: a later today shows it where it was', () => {
    fc.assert(
      fc.property(scenario, ({ plan, events, today, later }) => {
        const journal = journalOf(plan, events);
        const now: Projection = projectFromToday(plan, journal, today);
        const after = projectFromToday(plan, journal, later);
        // Events between the two days may reopen and close work again: that work is not left alone.
        const touched = new Set(events.filter((e) => e.at.slice(0, 10) > today && e.at.slice(0, 10) <= later).map((e) => (e as { target: string }).target));
        for (const c of now.schedule.components) {
          if (c.actual?.state !== 'done') continue;
          const planned = plan.components.find((x) => x.id === c.id)!;
          if (touched.has(c.id) || planned.tasks.some((t) => touched.has(t.id))) continue;
          const again = after.schedule.components.find((x) => x.id === c.id)!;
          expect(again.actual).toEqual(c.actual);
          expect([again.start, again.end, again.tasks.map((t) => [t.start, t.end])]).toEqual([c.start, c.end, c.tasks.map((t) => [t.start, t.end])]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
