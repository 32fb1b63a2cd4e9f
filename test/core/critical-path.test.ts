import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAssumptions } from '../../src/core/assumptions.js';
import { computeCriticalPath, scheduleWithCriticalPath } from '../../src/core/critical-path.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan, schedulePlanWithLayout } from '../../src/core/schedule.js';
import type { Schedule } from '../../src/core/schedule-types.js';
import { planArbitrary } from '../helpers/plan-arbitrary.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

const slackOf = (s: Schedule) => Object.fromEntries(s.components.map((c) => [c.id, c.slack]));

/** The end date when `id` takes `days` more work days of the team's time. */
function endWhenLate(plan: Plan, id: string, days: number): string {
  const applied = applyAssumptions(plan, [{ kind: 'effort', text: `${id} +${days}d`, target: id, amount: days, unit: 'd' }]);
  return schedulePlan(applied.plan).end;
}

/**
 * One person-day a day (5 a week), phase gates on. By hand (work days from Mon 2 Nov):
 *   week 1: a days 0-3, c 3-4, idle 4-5      (critical phase)
 *   week 2: b 5-10                          (high, after a; gate: week 2)
 *   week 3: d 10-12, idle 12-15             (high)
 *   week 4: e 15-19                         (medium, after d; gate: week 4), the end: Thu 26 Nov
 * e ends the plan: slack 0. d can slip until week 3 ends (15 - 12 = 3). b pushes d through the
 * team's queue: 3. c may end by the end of week 1 (5 - 4 = 1), a pushes c: 1.
 */
const handPlan = () =>
  buildPlan({
    components: [
      component('a', { effort: 3, scores: { value: 5 } }),
      component('c', { effort: 1, scores: { value: 4.6 } }),
      component('b', { effort: 5, scores: { value: 4 }, depends_on: ['a'] }),
      component('d', { effort: 2, scores: { value: 3.8 } }),
      component('e', { effort: 4, scores: { value: 3.2 }, depends_on: ['d'] }),
    ],
  });

describe('critical path and slack', () => {
  it('matches a hand computation on a plan with idle time before phase gates', () => {
    const plan = handPlan();
    const s = scheduleWithCriticalPath(plan);
    expect(s.components.map((c) => [c.id, c.startWeek, c.start, c.end])).toEqual([
      ['a', 1, '2026-11-02', '2026-11-04'],
      ['c', 1, '2026-11-05', '2026-11-05'],
      ['b', 2, '2026-11-09', '2026-11-13'],
      ['d', 3, '2026-11-16', '2026-11-17'],
      ['e', 4, '2026-11-23', '2026-11-26'],
    ]);
    expect(slackOf(s)).toEqual({ a: 1, c: 1, b: 3, d: 3, e: 0 });
    expect(s.components.filter((c) => c.critical).map((c) => c.id)).toEqual(['e']);
    expect(s.criticalPath).toEqual([{ id: 'e', via: 'first' }]);
  });

  it('explains what limits each slack', () => {
    const plan = handPlan();
    const { schedule, layout } = schedulePlanWithLayout(plan);
    const cp = computeCriticalPath(schedule, layout, plan);
    expect(cp.endDay).toBe(19);
    expect(cp.slack.get('a')!.limitedBy).toEqual({ kind: 'queue', id: 'c' });
    expect(cp.slack.get('c')!.limitedBy).toEqual({ kind: 'phase-gate', id: 'high' });
    expect(cp.slack.get('b')!.limitedBy).toEqual({ kind: 'queue', id: 'd' });
    // The queue and the gate both stop d at the end of week 3; the first found is named.
    expect(cp.slack.get('d')!.limitedBy).toEqual({ kind: 'queue', id: 'e' });
    expect(cp.slack.get('e')!.limitedBy).toEqual({ kind: 'end' });
  });

  it('agrees with re-scheduling: slipping by the slack keeps the end date, one day more moves it', () => {
    const plan = handPlan();
    const s = scheduleWithCriticalPath(plan);
    for (const c of s.components) {
      expect(endWhenLate(plan, c.id, c.slack!), `${c.id} +${c.slack}d`).toBe(s.end);
      expect(endWhenLate(plan, c.id, c.slack! + 1) > s.end, `${c.id} +${c.slack! + 1}d`).toBe(true);
    }
  });

  it('puts every codon component on the critical path: the team is busy every day of the six weeks', () => {
    const plan = examplePlan('codon-migration');
    const s = scheduleWithCriticalPath(plan);
    expect(s.components.every((c) => c.slack === 0 && c.critical)).toBe(true);
    expect(s.criticalPath).toEqual([
      { id: 'dynamic-feature-detection', via: 'first' },
      { id: 'analytics-thread-safety', via: 'dependency' },
      { id: 'performance-monitoring', via: 'dependency' },
      { id: 'error-handling', via: 'queue' },
      { id: 'authentication', via: 'phase-gate' },
      { id: 'stream-management', via: 'queue' },
      { id: 'cache', via: 'queue' },
      { id: 'integration-testing', via: 'dependency' },
      { id: 'production-prep', via: 'dependency' },
      { id: 'documentation-handoff', via: 'dependency' },
    ]);
    // And each really is: one more work day on any of them moves the end date.
    for (const c of s.components) expect(endWhenLate(plan, c.id, 1) > s.end, c.id).toBe(true);
  });

  it('gives work before a later pin the room up to the pin, and the pin none when it ends the plan', () => {
    const plan = buildPlan({
      components: [component('a', { effort: 2, scores: { value: 5 } }), component('p', { effort: 5, scores: { value: 5 }, pin: 3 })],
    });
    const s = scheduleWithCriticalPath(plan);
    expect(s.components.map((c) => [c.id, c.startWeek])).toEqual([
      ['a', 1],
      ['p', 3],
    ]);
    // a ends on day 2; p starts on day 10 whatever happens before it.
    expect(slackOf(s)).toEqual({ a: 8, p: 0 });
    expect(endWhenLate(plan, 'a', 8)).toBe(s.end);
  });

  it('reports negative slack only where the scheduler reports the plan cannot be met', () => {
    const plan = buildPlan({
      components: [component('a', { effort: 10, scores: { value: 5 } }), component('b', { effort: 2, scores: { value: 5 }, pin: 1, depends_on: ['a'] })],
    });
    const s = scheduleWithCriticalPath(plan);
    expect(s.problems.map((p) => p.code)).toContain('schedule-pin-before-dependency');
    expect(s.components.find((c) => c.id === 'a')!.slack).toBeLessThan(0);
    expect(s.problems.find((p) => p.code === 'schedule-negative-slack')?.message).toContain('a (');
  });

  it('agrees exactly with re-scheduling on random plans without pins, high risk or freezes', () => {
    // Those three make the scheduler jump whole weeks when something slips (see critical-path.ts).
    const plain = (plan: Plan): Plan => ({
      ...plan,
      calendar: { ...plan.calendar, freezes: [] },
      components: plan.components.map(({ pin: _pin, risk: _risk, ...c }) => c),
    });
    fc.assert(
      fc.property(planArbitrary({ maxComponents: 6 }).map(plain), (plan) => {
        const s = scheduleWithCriticalPath(plan);
        if (s.problems.some((p) => p.severity === 'error')) return;
        for (const c of s.components) {
          if (c.slack === undefined || c.slack > 40) continue;
          expect(endWhenLate(plan, c.id, c.slack), `${c.id} +${c.slack}d keeps the end`).toBe(s.end);
          expect(endWhenLate(plan, c.id, c.slack + 1) > s.end, `${c.id} +${c.slack + 1}d moves the end`).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  // Two plans the property above once drew: rounding residues of a billionth of a person-day
  // spilled work into an extra day, or into an extra week that pushed the next phase a week.
  const propertyPlan = (start: string, workdays: string[], holidays: string[], phaseGates: boolean, components: object[]): Plan =>
    ({
      version: 1, project: 'prop', title: 'Property plan', start,
      calendar: { workdays, holidays, freezes: [] },
      team: { capacity_per_week: 1, roles: [], members: [] },
      scoring: { scorer: 'weighted', scale: { min: 1, max: 5 }, criteria: [{ id: 'k0', name: 'Criterion 0', weight: 1, direction: 'cost' }], tiers: { critical: 4.5, high: 3.5, medium: 3 }, precision: 1 },
      scheduling: { phase_gates: phaseGates, max_high_risk_starts_per_week: 1 },
      components: components.map((c) => ({ title: 'C', paths: [], scores: {}, depends_on: [], objectives: [], tasks: [], success: [], rollback: [], ...c })),
      metrics: [], rollback: [], infrastructure: [],
    }) as unknown as Plan;

  it('a sixth of a person-day in a six-day week of one person-day takes one day, not two', () => {
    const plan = propertyPlan('2026-01-01', ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], ['2026-01-01'], false, [{ id: 'c0', effort: 1 }]);
    const s = scheduleWithCriticalPath(plan);
    // Week 1 has 5 of its 6 days (1 Jan is a holiday): 5/6 pd; the last 1/6 pd is Thu 8 Jan alone.
    expect(s.end).toBe('2026-01-08');
    expect(endWhenLate(plan, 'c0', 1)).toBe('2026-01-09');
  });

  it('work spread over many prorated weeks ends where its effort does, not a week later', () => {
    const plan = propertyPlan('2026-01-01', ['mon', 'wed', 'thu', 'fri', 'sat', 'sun'], ['2026-01-21', '2026-02-25', '2026-02-04', '2026-01-08', '2026-02-05'], true, [
      { id: 'c0', effort: 7 },
      { id: 'c1', effort: 1, scores: { k0: 2 } },
    ]);
    const s = scheduleWithCriticalPath(plan);
    expect(s.end).toBe('2026-03-04');
    expect(s.components.find((c) => c.id === 'c0')!.slack).toBe(1);
    expect(endWhenLate(plan, 'c0', 1)).toBe('2026-03-04');
    expect(endWhenLate(plan, 'c0', 2)).toBe('2026-03-11');
  });

  it('never gives negative slack unless the schedule has an error, on random plans', () => {
    fc.assert(
      fc.property(planArbitrary({ maxComponents: 12 }), (plan) => {
        const s = scheduleWithCriticalPath(plan);
        const negative = s.components.filter((c) => c.slack !== undefined && c.slack < 0);
        if (negative.length > 0) expect(s.problems.some((p) => p.severity === 'error' && p.code !== 'schedule-negative-slack')).toBe(true);
        // Something always ends the plan, so something is critical.
        if (s.components.length > 0) expect(s.components.some((c) => c.critical)).toBe(true);
        expect(s.criticalPath!.length).toBe(s.components.filter((c) => c.critical).length);
      }),
      { numRuns: 150 },
    );
  });
});
