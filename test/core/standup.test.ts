import { describe, expect, test } from 'vitest';
import { buildCalendar } from '../../src/core/calendar.js';
import { foldJournal, type JournalEvent, type NewJournalEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import { buildStandup, isWorkDay, lastStandup, previousWorkDay, readBaselineScope, type StandupReport } from '../../src/core/standup.js';
import { computeStatus } from '../../src/core/status.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

const codon = examplePlan('codon-migration');

let seq = 0;
const located = (events: NewJournalEvent[]): JournalEvent[] => events.map((e) => ({ v: 1, seq: ++seq, ...e }) as JournalEvent);
const status = (by: string, at: string, target: string, s: string, note?: string): NewJournalEvent =>
  ({ at, by, type: 'status', target, status: s, ...(note !== undefined ? { note } : {}) }) as NewJournalEvent;
const measure = (by: string, at: string, metric: string, value: number): NewJournalEvent => ({ at, by, type: 'measure', metric, value });

interface Options {
  plan?: Plan;
  since?: string;
  now?: string;
  by?: string;
}

/** The standup for `today` (UTC day boundaries), looking back to the previous work day by default. */
function standupOn(today: string, events: NewJournalEvent[] = [], options: Options = {}): StandupReport {
  const plan = options.plan ?? codon;
  const schedule = schedulePlan(plan);
  const until = options.now ?? `${today}T23:59:59.999Z`;
  const journal = foldJournal(plan, located(events).filter((e) => e.at <= until));
  const since = options.since ?? previousWorkDay(plan, today);
  const planStatus = computeStatus(plan, schedule, journal, today, { now: until });
  return buildStandup({
    plan,
    schedule,
    journal,
    status: planStatus,
    today,
    window: { since, sinceAt: `${since}T00:00:00.000Z`, until, basis: options.since ? 'date' : 'previous-work-day' },
    ...(options.by !== undefined ? { by: options.by } : {}),
  });
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('previousWorkDay', () => {
  test('Monday looks back to Friday; a weekend day too', () => {
    expect(previousWorkDay(codon, '2026-11-23')).toBe('2026-11-20');
    expect(previousWorkDay(codon, '2026-11-28')).toBe('2026-11-27');
    expect(previousWorkDay(codon, '2026-11-29')).toBe('2026-11-27');
    expect(previousWorkDay(codon, '2026-11-25')).toBe('2026-11-24');
  });

  test("holidays are skipped: the Monday after the example plan's Christmas and New Year Fridays", () => {
    expect(previousWorkDay(codon, '2026-12-28')).toBe('2026-12-24');
    expect(previousWorkDay(codon, '2027-01-04')).toBe('2026-12-31');
  });

  test('a Monday holiday makes Tuesday look back to Friday', () => {
    const plan = buildPlan({ calendar: { holidays: [{ date: '2026-11-30', name: 'Offsite' }] } });
    expect(previousWorkDay(plan, '2026-12-01')).toBe('2026-11-27');
  });

  test("the plan's own work week counts (Sunday to Thursday)", () => {
    const plan = buildPlan({ calendar: { workdays: ['sun', 'mon', 'tue', 'wed', 'thu'] } });
    expect(previousWorkDay(plan, '2026-11-22')).toBe('2026-11-19');
    expect(previousWorkDay(plan, '2026-11-21')).toBe('2026-11-19');
  });

  test('freeze days are work days for a standup (people work, they just do not ship); before the plan starts too', () => {
    const plan = buildPlan({ calendar: { freezes: [{ start: '2026-11-16', end: '2026-11-20' }] } });
    expect(previousWorkDay(plan, '2026-11-23')).toBe('2026-11-20');
    expect(isWorkDay(buildCalendar(plan), '2026-11-18')).toBe(true);
    expect(previousWorkDay(plan, '2026-10-26')).toBe('2026-10-23');
  });
});

describe('buildStandup', () => {
  test('header: week N of M, phase, health with its reason', () => {
    const r = standupOn('2026-11-23');
    expect(r.week).toEqual({ index: 4, of: 6, start: '2026-11-23', end: '2026-11-29' });
    expect(r.phase).toEqual({ id: 'p2', title: 'High Priority Components' });
    expect(r.health.state).toBe('off-track');
    expect(r.health.reason).toMatch(/^critical work late: /);
    const before = standupOn('2026-10-28');
    expect(before).toMatchObject({ timeline: 'before', week: null, phase: null, health: { state: 'on-track', reason: 'not started; work begins 2026-11-02' } });
  });

  test('blockers carry age in days, owner, who marked them and the note; oldest first', () => {
    const r = standupOn('2026-11-23', [
      status('Chen', '2026-11-16T09:00:00.000Z', 'stream-producer-safety', 'blocked', 'no cluster'),
      status('Dara', '2026-11-20T09:00:00.000Z', 'error-middleware', 'blocked'),
    ]);
    expect(r.blockers).toEqual([
      expect.objectContaining({ id: 'stream-producer-safety', owner: 'Chen', by: 'Chen', ageDays: 7, note: 'no cluster' }),
      expect.objectContaining({ id: 'error-middleware', owner: 'Bo', by: 'Dara', ageDays: 3 }),
    ]);
  });

  test('done since last: only inside the window, only if it still stands; a component marks its tasks', () => {
    const r = standupOn('2026-11-23', [
      status('Ana', '2026-11-19T16:00:00.000Z', 'health-monitor-safety', 'done'), // before Friday
      status('Bo', '2026-11-20T10:00:00.000Z', 'incident-manager-safety', 'done'),
      status('Bo', '2026-11-20T11:00:00.000Z', 'incident-manager-safety', 'doing'), // reopened
      status('Chen', '2026-11-20T12:00:00.000Z', 'stream-producer-safety', 'skipped', 'folded into stream-management'),
      status('Ana', '2026-11-23T08:00:00.000Z', 'dynamic-feature-detection', 'done'),
      status('Ana', '2026-11-24T08:00:00.000Z', 'ai-optimizer', 'done'), // after the standup
    ], { now: '2026-11-23T10:00:00.000Z' });
    expect(r.done.map((d) => [d.id, d.status, d.via ?? ''])).toEqual([
      ['stream-producer-safety', 'skipped', ''],
      ['algorithm-registry', 'done', 'dynamic-feature-detection'],
      ['config-mapping', 'done', 'dynamic-feature-detection'],
      ['plugin-registry', 'done', 'dynamic-feature-detection'],
    ]);
    expect(ids(r.inProgress)).toEqual(['incident-manager-safety']);
  });

  test("planned: open work whose day ranges cover today, then the rest of this week's", () => {
    const r = standupOn('2026-11-24', [status('Ana', '2026-11-23T09:00:00.000Z', 'error-handler-safety', 'doing')]);
    expect(r.planned.todayIsWorkDay).toBe(true);
    expect(r.planned.today.map((p) => [p.id, p.status, p.firstDay, p.lastDay])).toEqual([['error-handler-safety', 'doing', 1, 2]]);
    expect(ids(r.planned.restOfWeek)).toEqual(['error-middleware', 'error-utilities']);

    const done = standupOn('2026-11-24', [status('Bo', '2026-11-23T09:00:00.000Z', 'error-middleware', 'done')]);
    expect(ids(done.planned.restOfWeek)).toEqual(['error-utilities']);

    const saturday = standupOn('2026-11-28');
    expect(saturday.planned).toEqual({ todayIsWorkDay: false, today: [], restOfWeek: [] });
  });

  test('on a holiday inside a day range nothing is planned today, and the rest of the range is still ahead', () => {
    const plan = buildPlan({ calendar: { holidays: ['2026-11-03'] }, components: [component('solo', { effort: 4, owner: 'Kim' })] });
    const r = standupOn('2026-11-03', [], { plan });
    expect(r.planned.todayIsWorkDay).toBe(false);
    expect(r.planned.today).toEqual([]);
    expect(r.planned.restOfWeek.map((p) => [p.id, p.start, p.end])).toEqual([['solo', '2026-11-02', '2026-11-06']]);
    expect(standupOn('2026-11-04', [], { plan }).planned.today.map((p) => p.id)).toEqual(['solo']);
  });

  test('a component without tasks is planned by its own day ranges', () => {
    const plan = buildPlan({ components: [component('solo', { effort: 5, owner: 'Kim' })] });
    const r = standupOn('2026-11-03', [], { plan });
    expect(r.planned.today).toEqual([
      { id: 'solo', title: 'Component solo', componentId: 'solo', owner: 'Kim', status: 'todo', week: 1, firstDay: 1, lastDay: 5, start: '2026-11-02', end: '2026-11-06' },
    ]);
  });

  test('at risk: late work, and components waiting on late or blocked dependencies', () => {
    const r = standupOn('2026-11-10', [
      status('Ana', '2026-11-06T16:00:00.000Z', 'plugin-registry', 'done'),
      status('Ana', '2026-11-06T16:00:00.000Z', 'algorithm-registry', 'done'),
      status('Chen', '2026-11-09T09:00:00.000Z', 'config-mapping', 'blocked'),
    ]);
    expect(r.atRisk.late.map((l) => [l.id, l.daysLate, l.owner])).toEqual([['config-mapping', 4, 'Chen']]);
    expect(r.atRisk.dependencies).toEqual([
      {
        componentId: 'analytics-thread-safety',
        title: 'Analytics Engine Thread Safety',
        start: '2026-11-09',
        dependsOn: 'dynamic-feature-detection',
        dependencyState: 'late',
        daysLate: 4,
      },
    ]);

    const blockedOnly = standupOn('2026-11-05', [status('Chen', '2026-11-04T09:00:00.000Z', 'config-mapping', 'blocked')]);
    expect(blockedOnly.atRisk.dependencies.map((d) => [d.componentId, d.dependencyState])).toEqual([['analytics-thread-safety', 'blocked']]);
  });

  test('at risk: a metric not met or unverified whose week ends within 2 work days, or has ended', () => {
    // codon-compile judges week 1, which ends Friday 6 November.
    const risk = (today: string, events: NewJournalEvent[] = []) => standupOn(today, events).atRisk.metrics.filter((m) => m.id === 'codon-compile');
    expect(risk('2026-11-03')).toEqual([]);
    expect(risk('2026-11-04')).toEqual([
      expect.objectContaining({ reason: 'due-soon', state: 'unverified', dueWeek: 1, due: '2026-11-06', workDaysLeft: 2 }),
    ]);
    expect(risk('2026-11-06')[0]).toMatchObject({ reason: 'due-soon', workDaysLeft: 0 });
    expect(risk('2026-11-05', [measure('Ana', '2026-11-05T09:00:00.000Z', 'codon-compile', 80)])[0]).toMatchObject({ state: 'not-met', value: 80 });
    expect(risk('2026-11-05', [measure('Ana', '2026-11-05T09:00:00.000Z', 'codon-compile', 100)])).toEqual([]);
    expect(risk('2026-11-09')[0]).toMatchObject({ reason: 'overdue', due: '2026-11-06' });
  });

  test('at risk: a firing rollback rule with its deadlines', () => {
    const r = standupOn('2026-11-23', [measure('Dara', '2026-11-23T09:40:00.000Z', 'error-rate', 1.4)], { now: '2026-11-23T10:00:00.000Z' });
    expect(r.atRisk.rollback).toEqual([
      {
        id: 'immediate',
        title: 'Immediate Rollback (Critical Issues)',
        action: 'abort',
        kind: 'firing',
        reason: 'error-rate 1.4 % > 1',
        firedAt: '2026-11-23T09:40:00.000Z',
        deadlines: { assess: '2026-11-23T09:55:00.000Z', decide: '2026-11-23T10:10:00.000Z', execute: '2026-11-23T10:40:00.000Z' },
        overdue: 'assess',
      },
    ]);
  });

  test('at risk: a rule one breach away, within 10 % of its trigger or one short of its streak', () => {
    const near = (events: NewJournalEvent[]) => standupOn('2026-11-23', events).atRisk.rollback.map((r) => `${r.id}: ${r.reason}`);
    expect(near([measure('Dara', '2026-11-20T09:00:00.000Z', 'error-rate', 0.9)])).toEqual(['immediate: error-rate 0.9 % is within 10% of the trigger > 1 %']);
    expect(near([measure('Dara', '2026-11-20T09:00:00.000Z', 'error-rate', 0.85)])).toEqual([]);
    expect(near([measure('Eli', '2026-11-20T09:00:00.000Z', 'test-coverage', 89.5)])).toEqual([
      'gradual: test-coverage 89.5 % < 90: 1 of 2 consecutive, one more fires it',
      // 89.5 is also within 10 % of the metric's own breach threshold (< 85).
      'gradual: test-coverage 89.5 % is within 10% of its breach < 85 %',
    ]);
    // A breach threshold counts too: memory growth 4.6 is within 10 % of "> 5".
    expect(near([measure('Eli', '2026-11-20T09:00:00.000Z', 'memory-growth', 4.6)])).toEqual(['planned: memory-growth 4.6 %/h is within 10% of its breach > 5 %/h']);
    // A metric guarding a rule with no trigger of its own: close to failing its target.
    expect(near([measure('Eli', '2026-11-20T09:00:00.000Z', 'thread-safety-overhead', 19)])).toEqual([
      'planned: thread-safety-overhead 19 % is within 10% of failing its target < 20 %',
    ]);
    // A rollback resets the streak: the measurement before it no longer counts.
    expect(
      near([measure('Eli', '2026-11-19T09:00:00.000Z', 'test-coverage', 95), measure('Eli', '2026-11-20T09:00:00.000Z', 'test-coverage', 89.5), status('Eli', '2026-11-20T10:00:00.000Z', 'gradual', 'rolled-back')]),
    ).toEqual([]);
  });

  test('metric changes: value, delta from the last value before the window (else the baseline), target and state', () => {
    const r = standupOn('2026-11-23', [
      measure('Ana', '2026-11-18T12:00:00.000Z', 'analytics-speedup', 30),
      measure('Ana', '2026-11-20T12:00:00.000Z', 'analytics-speedup', 35),
      measure('Ana', '2026-11-23T08:00:00.000Z', 'analytics-speedup', 42),
      measure('Eli', '2026-11-20T12:00:00.000Z', 'codon-compile', 100),
      measure('Dara', '2026-11-19T12:00:00.000Z', 'error-rate', 0.1),
      measure('Dara', '2026-11-20T12:00:00.000Z', 'error-rate', 0.3),
    ]);
    expect(r.metricChanges.map((m) => [m.id, m.value, m.previous, m.previousSource, m.delta, m.target, m.state, m.count])).toEqual([
      ['analytics-speedup', 42, 30, 'measurement', 12, '>= 100', 'not-met', 2],
      ['codon-compile', 100, 0, 'baseline', 100, '>= 100', 'met', 1],
      ['error-rate', 0.3, 0.1, 'measurement', 0.2, '< 0.1', 'not-met', 1],
    ]);
  });

  test('scope change needs a baseline, and says so without one', () => {
    expect(standupOn('2026-11-23').scope).toEqual({ baseline: null, week: 4, compared: false, added: [], removed: [], note: 'no baseline recorded' });
  });

  test('scope change: tasks of this week’s components added or removed since the latest baseline', () => {
    const baseline = (at: string, name: string, data: unknown): NewJournalEvent => ({ at, by: 'Fay', type: 'baseline', name, data });
    const r = standupOn('2026-11-24', [
      baseline('2026-11-01T09:00:00.000Z', 'old', { components: [] }),
      // A map keyed by id works as well as a list.
      baseline('2026-11-23T08:00:00.000Z', 'week-4', {
        components: { 'error-handling': { tasks: { 'error-handler-safety': {}, 'error-middleware': {}, 'error-docs': { title: 'Error docs' } } } },
      }),
    ]);
    expect(r.scope).toEqual({
      baseline: { name: 'week-4', at: '2026-11-23T08:00:00.000Z' },
      week: 4,
      compared: true,
      added: [{ kind: 'task', id: 'error-utilities', title: 'Error Utilities', componentId: 'error-handling' }],
      removed: [{ kind: 'task', id: 'error-docs', title: 'Error docs', componentId: 'error-handling' }],
    });

    const late = standupOn('2026-11-25', [baseline('2026-11-24T08:00:00.000Z', 'tue', { components: [{ id: 'error-handling', tasks: ['error-handler-safety', 'error-middleware', 'error-utilities'] }] })]);
    expect(late.scope).toMatchObject({ compared: true, added: [], removed: [] });
    expect(late.scope.note).toBe('baseline "tue" was recorded after week 4 began, so earlier changes this week are not visible');

    const unreadable = standupOn('2026-11-24', [baseline('2026-11-20T08:00:00.000Z', 'odd', 'not a schedule')]);
    expect(unreadable.scope).toMatchObject({ compared: false, note: 'baseline "odd" holds no component list this roadmap can read' });
  });

  test('who has recorded nothing: team members and journal authors, standups do not count', () => {
    const r = standupOn('2026-11-23', [
      status('Ana', '2026-11-20T09:00:00.000Z', 'ai-optimizer', 'doing'),
      measure('eli', '2026-11-20T09:00:00.000Z', 'error-rate', 0.05),
      status('Gus', '2026-11-10T09:00:00.000Z', 'plugin-registry', 'done'),
      { at: '2026-11-23T09:00:00.000Z', by: 'Bo', type: 'standup', data: {} },
    ]);
    expect(r.silent).toEqual(['Bo', 'Chen', 'Dara', 'Fay', 'Gus']);
  });

  test("--by keeps one person's items (owner or author), case-insensitively", () => {
    const events = [
      status('Chen', '2026-11-16T09:00:00.000Z', 'stream-producer-safety', 'blocked'),
      status('Ana', '2026-11-20T15:00:00.000Z', 'ai-optimizer', 'done'),
      status('Ana', '2026-11-20T15:00:00.000Z', 'alert-correlation', 'done'), // Chen's task, done by Ana
      measure('Eli', '2026-11-20T09:00:00.000Z', 'error-rate', 0.05),
    ];
    const ana = standupOn('2026-11-23', events, { by: 'ana' });
    expect(ana.by).toBe('ana');
    expect(ids(ana.blockers)).toEqual([]);
    expect(ids(ana.done)).toEqual(['ai-optimizer', 'alert-correlation']);
    expect(ids(ana.planned.today)).toEqual(['error-handler-safety']);
    expect(ana.metricChanges).toEqual([]);
    expect(ana.silent).toEqual([]);
    const chen = standupOn('2026-11-23', events, { by: 'CHEN' });
    expect(ids(chen.blockers)).toEqual(['stream-producer-safety']);
    expect(ids(chen.done)).toEqual(['alert-correlation']);
    expect(chen.silent).toEqual(['Chen']);
    // A name the plan and journal have never seen has recorded nothing either.
    expect(standupOn('2026-11-23', events, { by: 'Zed' }).silent).toEqual(['Zed']);
  });

  test('counts summarise the sections for the recorded standup event', () => {
    const r = standupOn('2026-11-23', [status('Chen', '2026-11-16T09:00:00.000Z', 'stream-producer-safety', 'blocked')]);
    expect(r.counts).toEqual({
      blockers: 1,
      done: 0,
      inProgress: 0,
      plannedToday: r.planned.today.length,
      restOfWeek: r.planned.restOfWeek.length,
      atRisk: r.atRisk.late.length + r.atRisk.dependencies.length + r.atRisk.metrics.length + r.atRisk.rollback.length,
      metricChanges: 0,
      scopeChanges: 0,
      silent: 6,
    });
  });
});

describe('lastStandup and readBaselineScope', () => {
  test('the last standup at or before the end of the window', () => {
    const journal = foldJournal(
      codon,
      located([
        { at: '2026-11-20T09:00:00.000Z', by: 'Ana', type: 'standup', data: {} },
        { at: '2026-11-23T09:00:00.000Z', by: 'Bo', type: 'standup', data: {} },
      ]),
    );
    expect(lastStandup(journal, '2026-11-23T10:00:00.000Z')?.by).toBe('Bo');
    expect(lastStandup(journal, '2026-11-22T10:00:00.000Z')?.by).toBe('Ana');
    expect(lastStandup(journal, '2026-11-19T10:00:00.000Z')).toBeUndefined();
  });

  test('baselines are read tolerantly: a list, a map, a nested schedule, snake_case weeks', () => {
    const scope = readBaselineScope({ schedule: { components: [{ id: 'a', start_week: 2, end_week: 3, tasks: [{ id: 't1', title: 'T' }, 't2', 42] }, 'b', null] } });
    expect(scope?.components.get('a')).toEqual({ tasks: new Map([['t1', 'T'], ['t2', undefined]]), startWeek: 2, endWeek: 3 });
    expect([...scope!.components.keys()]).toEqual(['a', 'b']);
    expect(readBaselineScope({ components: { c: null } })?.components.get('c')).toEqual({ tasks: new Map() });
    expect(readBaselineScope({ components: [{ id: 'd', weeks: [4, 2, 3] }] })?.components.get('d')).toEqual({ tasks: new Map(), startWeek: 2, endWeek: 4 });
    expect(readBaselineScope(null)).toBeUndefined();
    expect(readBaselineScope({ weeks: [] })).toBeUndefined();
  });
});
