import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import type { Schedule, ScheduledComponent } from '../../src/core/schedule-types.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

const byId = (s: Schedule, id: string): ScheduledComponent => {
  const c = s.components.find((x) => x.id === id);
  if (!c) throw new Error(`${id} not scheduled`);
  return c;
};
const codes = (s: Schedule) => s.problems.map((p) => `${p.severity} ${p.code}`);
const days = (c: ScheduledComponent) => c.tasks.map((t) => t.ranges.map((r) => `w${r.week} Day ${r.firstDay}-${r.lastDay}`).join(', '));

describe('the codon migration plan', () => {
  const schedule = schedulePlan(examplePlan('codon-migration'));

  it('runs three phases over six weeks from Mon 2 Nov 2026', () => {
    expect(schedule.phases.map((p) => [p.id, p.index, p.startWeek, p.endWeek, p.start, p.end])).toEqual([
      ['p1', 1, 1, 2, '2026-11-02', '2026-11-13'],
      ['p2', 2, 3, 4, '2026-11-16', '2026-11-27'],
      ['p3', 3, 5, 6, '2026-11-30', '2026-12-11'],
    ]);
    expect(schedule).toMatchObject({ start: '2026-11-02', end: '2026-12-11', capacityPerWeek: 15, problems: [], unscheduled: [] });
  });

  it('puts each component in the week of the seed roadmap, in order', () => {
    expect(schedule.weeks.map((w) => [w.index, w.used, w.capacity, w.components])).toEqual([
      [1, 15, 15, ['dynamic-feature-detection']],
      [2, 15, 15, ['analytics-thread-safety']],
      [3, 15, 15, ['performance-monitoring']],
      [4, 15, 15, ['error-handling']],
      [5, 15, 15, ['authentication', 'stream-management', 'cache']],
      [6, 15, 15, ['integration-testing', 'production-prep', 'documentation-handoff']],
    ]);
    expect(schedule.components.map((c) => c.id)).toEqual(schedule.weeks.flatMap((w) => w.components));
  });

  it('gives week 1 tasks Day 1-2, Day 3-4 and Day 5 on the real dates', () => {
    const dfd = byId(schedule, 'dynamic-feature-detection');
    expect(dfd.tasks.map((t) => [t.id, t.ranges[0]!.firstDay, t.ranges[0]!.lastDay, t.start, t.end, t.owner])).toEqual([
      ['plugin-registry', 1, 2, '2026-11-02', '2026-11-03', 'Ana'],
      ['algorithm-registry', 3, 4, '2026-11-04', '2026-11-05', 'Bo'],
      ['config-mapping', 5, 5, '2026-11-06', '2026-11-06', 'Chen'],
    ]);
    expect(dfd).toMatchObject({ startWeek: 1, endWeek: 1, start: '2026-11-02', end: '2026-11-06', risk: 'high', effort: 15 });
    expect(dfd.segments).toEqual([{ week: 1, effort: 15, firstDay: 1, lastDay: 5 }]);
  });

  it('shares weeks 5 and 6 three ways: Day 1-2, Day 3-4, Day 5', () => {
    const ranges = (id: string) => {
      const c = byId(schedule, id);
      return [c.startWeek, c.segments[0]!.firstDay, c.segments[0]!.lastDay];
    };
    expect(['authentication', 'stream-management', 'cache'].map(ranges)).toEqual([[5, 1, 2], [5, 3, 4], [5, 5, 5]]);
    expect(['integration-testing', 'production-prep', 'documentation-handoff'].map(ranges)).toEqual([[6, 1, 2], [6, 3, 4], [6, 5, 5]]);
    expect(byId(schedule, 'documentation-handoff').tasks[0]).toMatchObject({ start: '2026-12-11', end: '2026-12-11', owner: 'Fay' });
  });

  it('explains every placement', () => {
    expect(byId(schedule, 'analytics-thread-safety').reasons).toEqual([
      'tier critical (4.6) -> phase p1 (weeks 1-2)',
      'after dynamic-feature-detection (ends week 1)',
      'week 1 full (15/15 person-days)',
    ]);
    expect(byId(schedule, 'performance-monitoring').reasons).toEqual([
      'tier high (3.8) -> phase p2 (weeks 3-4)',
      'phase gate: no earlier than week 3 (p1 ends week 2)',
      'after analytics-thread-safety (ends week 2)',
    ]);
    expect(byId(schedule, 'error-handling').reasons).toContain('week 3 full (15/15 person-days)');
  });

  it('lists the rollback rules guarding each week and phase', () => {
    expect(schedule.weeks.map((w) => w.rollbackRules)).toEqual([
      ['immediate'],
      ['immediate'],
      ['planned'],
      ['gradual', 'immediate', 'planned'],
      ['gradual'],
      ['gradual'],
    ]);
    expect(schedule.phases.map((p) => p.rollbackRules)).toEqual([['immediate'], ['gradual', 'immediate', 'planned'], ['gradual']]);
    expect(byId(schedule, 'error-handling').rollbackRules).toEqual(['gradual', 'immediate', 'planned']);
    expect(schedule.weeks[0]!.highRiskStarts).toEqual(['dynamic-feature-detection']);
  });

  it('knows dependants as well as dependencies', () => {
    expect(byId(schedule, 'analytics-thread-safety').dependants).toEqual(['performance-monitoring', 'stream-management']);
    expect(byId(schedule, 'integration-testing').dependsOn).toEqual(['authentication', 'cache', 'error-handling', 'stream-management']);
  });

  it('is the same byte for byte whatever the order of components, criteria and dependencies', () => {
    const input = examplePlan('codon-migration');
    const shuffled = {
      ...input,
      components: [...input.components].reverse().map((c) => ({ ...c, depends_on: [...c.depends_on].reverse() })),
      scoring: { ...input.scoring, criteria: [...input.scoring.criteria].reverse() },
    };
    expect(JSON.stringify(schedulePlan(shuffled))).toBe(JSON.stringify(schedule));
  });

  it('re-plans with what-if weights: thread safety at 7 swaps performance-monitoring and error-handling', () => {
    const whatIf = schedulePlan(examplePlan('codon-migration'), { weights: { 'thread-safety': 7 } });
    expect(byId(whatIf, 'analytics-thread-safety').phaseId).toBe('p2');
    expect([byId(whatIf, 'error-handling').startWeek, byId(whatIf, 'performance-monitoring').startWeek]).toEqual([3, 4]);
    expect(whatIf.problems).toEqual([]);
    const unknown = schedulePlan(examplePlan('codon-migration'), { weights: { speed: 2 } });
    expect(codes(unknown)).toEqual(['warning schedule-unknown-weight']);
  });
});

describe('across a year end', () => {
  it('skips Christmas and New Year: 10 person-days at 5 a week run to Tue 5 Jan', () => {
    const s = schedulePlan(
      buildPlan({
        start: '2026-12-21',
        calendar: { holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, '2027-01-01'] },
        components: [
          component('a', {
            effort: undefined,
            tasks: [
              { id: 'first', title: 'First', effort: 4 },
              { id: 'second', title: 'Second', effort: 6 },
            ],
          }),
        ],
      }),
    );
    expect(s.weeks.map((w) => [w.index, w.capacity, w.used])).toEqual([[1, 4, 4], [2, 4, 4], [3, 5, 2]]);
    const a = byId(s, 'a');
    expect(a).toMatchObject({ start: '2026-12-21', end: '2027-01-05' });
    expect(a.tasks.map((t) => [t.start, t.end])).toEqual([
      ['2026-12-21', '2026-12-24'],
      ['2026-12-28', '2027-01-05'],
    ]);
  });
});

describe('holidays, freezes and high risk (crdt rollout)', () => {
  const schedule = schedulePlan(examplePlan('crdt-backup-rollout'));

  it('never dates work on a holiday or inside the freeze', () => {
    const forbidden = new Set(['2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01']);
    for (const c of schedule.components) {
      for (const t of c.tasks) for (const r of t.ranges) expect(forbidden.has(r.start) || forbidden.has(r.end)).toBe(false);
    }
    expect(schedule.weeks[2]).toMatchObject({ index: 3, capacity: 6, workdays: ['2026-12-21', '2026-12-22', '2026-12-23'] });
    expect(schedule.weeks[3]).toMatchObject({ index: 4, capacity: 0, used: 0, components: [] });
  });

  it('keeps high-risk work out of the week before the freeze', () => {
    const fleet = byId(schedule, 'fleet-rollout');
    expect(fleet.risk).toBe('high'); // likelihood 3 x impact 5
    expect(fleet.startWeek).toBe(5);
    expect(fleet.reasons).toContain('high risk: no high-risk work in week 3, the week before Year-end change freeze');
    expect(fleet.reasons).toContain('week 4 has no work days (Year-end change freeze)');
    expect(byId(schedule, 'staging-deploy').risk).toBe('low'); // 2 x 2
  });
});

const plan = (fields: Partial<PlanInput>) => buildPlan(fields);

describe('pins', () => {
  it('a pinned component starts in its week, ahead of unpinned work', () => {
    const s = schedulePlan(
      plan({
        team: { capacity_per_week: 15 },
        components: [component('a', { effort: 15, scores: { value: 5 } }), component('b', { effort: 6, pin: 1, scores: { value: 1 } })],
      }),
    );
    expect(byId(s, 'b')).toMatchObject({ startWeek: 1, pinned: true });
    expect(byId(s, 'b').reasons).toContain('pinned to week 1');
    expect(byId(s, 'a').segments.map((g) => [g.week, g.effort])).toEqual([[1, 9], [2, 6]]);
    expect(s.weeks[0]!.components).toEqual(['b', 'a']);
  });

  it('warns when pins put a week over capacity ("21/15 person-days") and keeps days inside the week', () => {
    const s = schedulePlan(
      plan({
        team: { capacity_per_week: 15 },
        components: [component('a', { effort: 15, pin: 2 }), component('b', { effort: 6, pin: 2 })],
      }),
    );
    const over = s.problems.find((p) => p.code === 'schedule-over-capacity')!;
    expect(over.severity).toBe('warning');
    expect(over.message).toContain('21/15 person-days');
    expect(s.weeks[1]!.used).toBe(21);
    for (const c of s.components) for (const g of c.segments) expect(g.lastDay).toBeLessThanOrEqual(5);
    expect(byId(s, 'b').reasons).toContain('week 2 over capacity (21/15 person-days)');
  });

  it('reports an error when a dependency ends after the pinned week', () => {
    const s = schedulePlan(
      plan({
        components: [component('a', { effort: 10 }), component('b', { effort: 5, pin: 1, depends_on: ['a'] })],
      }),
    );
    const err = s.problems.find((p) => p.code === 'schedule-pin-before-dependency')!;
    expect(err.severity).toBe('error');
    expect(err.message).toBe('b is pinned to start in week 1, but its dependency a ends in week 3');
    expect(err.path).toEqual(['components', 1, 'pin']);
  });

  it('a pin into a week with no work days is an error, and the component starts in the next one', () => {
    const s = schedulePlan(
      plan({
        calendar: { freezes: [{ start: '2026-11-09', end: '2026-11-13', name: 'Freeze' }] },
        components: [component('a', { pin: 2 })],
      }),
    );
    expect(codes(s)).toContain('error schedule-pin-no-work-days');
    expect(byId(s, 'a').startWeek).toBe(3);
  });
});

describe('risk budget', () => {
  const highRisk = (id: string) => component(id, { risk: { level: 'high' }, scores: { value: 5 } });

  it('starts at most one high-risk component a week by default, and says why', () => {
    const s = schedulePlan(plan({ team: { capacity_per_week: 20 }, components: [highRisk('a'), highRisk('b'), component('c', { scores: { value: 5 } })] }));
    expect([byId(s, 'a').startWeek, byId(s, 'b').startWeek, byId(s, 'c').startWeek]).toEqual([1, 2, 1]);
    expect(byId(s, 'b').reasons).toContain('risk budget: a already starts week 1 as high risk');
    expect(s.weeks[0]!.highRiskStarts).toEqual(['a']);
  });

  it('follows scheduling.max_high_risk_starts_per_week, and derives high risk from likelihood x impact', () => {
    const s = schedulePlan(
      plan({
        team: { capacity_per_week: 20 },
        scheduling: { max_high_risk_starts_per_week: 2 },
        components: [highRisk('a'), component('b', { risk: { likelihood: 3, impact: 5 } }), highRisk('c')],
      }),
    );
    expect(byId(s, 'b').risk).toBe('high');
    expect(s.components.map((c) => [c.id, c.startWeek])).toEqual([['a', 1], ['c', 1], ['b', 2]]);
  });

  it('a high-risk component waits out the week before a freeze and the freeze itself', () => {
    const s = schedulePlan(
      plan({
        calendar: { freezes: [{ start: '2026-11-16', end: '2026-11-20', name: 'Release freeze' }] },
        components: [component('x', { scores: { value: 5 } }), component('y', { risk: { level: 'high' }, depends_on: ['x'] })],
      }),
    );
    const y = byId(s, 'y');
    expect(y.startWeek).toBe(4);
    expect(y.reasons).toEqual([
      'tier low (1.0) -> phase low (week 4)',
      'phase gate: no earlier than week 2 (critical ends week 1)',
      'after x (ends week 1)',
      'high risk: no high-risk work in week 2, the week before Release freeze',
      'week 3 has no work days (Release freeze)',
    ]);
  });
});

describe('placement', () => {
  it('spans a large component over weeks and splits its tasks by effort', () => {
    const s = schedulePlan(
      plan({
        components: [
          component('big', {
            effort: undefined,
            tasks: [
              { id: 't1', title: 'First', effort: 4 },
              { id: 't2', title: 'Second', effort: 8 },
            ],
          }),
        ],
      }),
    );
    const big = byId(s, 'big');
    expect(big).toMatchObject({ effort: 12, startWeek: 1, endWeek: 3, start: '2026-11-02', end: '2026-11-17' });
    expect(big.segments.map((g) => [g.week, g.effort])).toEqual([[1, 5], [2, 5], [3, 2]]);
    expect(days(big)).toEqual(['w1 Day 1-4', 'w1 Day 5-5, w2 Day 1-5, w3 Day 1-2']);
    expect(big.reasons).toContain('spans weeks 1-3');
  });

  it('a dependant shares a week only after its dependency', () => {
    const s = schedulePlan(
      plan({ team: { capacity_per_week: 10 }, components: [component('a', { effort: 4 }), component('b', { effort: 4, depends_on: ['a'] })] }),
    );
    expect(days(byId(s, 'a'))).toEqual([]);
    expect(byId(s, 'a').segments).toEqual([{ week: 1, effort: 4, firstDay: 1, lastDay: 2 }]);
    expect(byId(s, 'b').segments).toEqual([{ week: 1, effort: 4, firstDay: 3, lastDay: 4 }]);
  });

  it('without plan phases makes one phase per tier present, in tier order', () => {
    const s = schedulePlan(plan({ components: [component('lo', { scores: { value: 1 } }), component('hi', { scores: { value: 5 } })] }));
    expect(s.phases.map((p) => [p.id, p.title, p.startWeek])).toEqual([
      ['critical', 'Critical Priority', 1],
      ['low', 'Low Priority', 2],
    ]);
  });

  it('with phase_gates off a later phase may share a week', () => {
    const comps = [component('lo', { scores: { value: 1 } }), component('hi', { scores: { value: 5 } })];
    const gated = schedulePlan(plan({ team: { capacity_per_week: 10 }, components: comps }));
    const open = schedulePlan(plan({ team: { capacity_per_week: 10 }, scheduling: { phase_gates: false }, components: comps }));
    expect(byId(gated, 'lo').startWeek).toBe(2);
    expect(byId(open, 'lo').startWeek).toBe(1);
    expect(open.weeks[0]!.components).toEqual(['hi', 'lo']);
  });

  it('orders by phase, then score, then id', () => {
    const s = schedulePlan(
      plan({
        team: { capacity_per_week: 100 },
        scheduling: { phase_gates: false },
        components: [
          component('c', { scores: { value: 3 } }),
          component('b', { scores: { value: 4 } }),
          component('a', { scores: { value: 3 } }),
        ],
      }),
    );
    expect(s.weeks[0]!.components).toEqual(['b', 'a', 'c']);
  });

  it('a component with no effort takes no time but is still scheduled, with a warning', () => {
    const s = schedulePlan(plan({ components: [component('a', { effort: undefined })] }));
    expect(codes(s)).toEqual(['warning schedule-no-effort']);
    expect(byId(s, 'a')).toMatchObject({ startWeek: 1, endWeek: 1, effort: 0 });
  });
});

describe('plans that cannot be met', () => {
  it('reports components beyond the 520-week horizon, and what waits for them', () => {
    const s = schedulePlan(
      plan({ components: [component('huge', { effort: 5000 }), component('after', { depends_on: ['huge'] }), component('ok')] }),
    );
    expect(codes(s)).toEqual(['error schedule-beyond-horizon', 'error schedule-blocked-by-unscheduled']);
    expect(s.unscheduled!.map((u) => u.id)).toEqual(['after', 'huge']);
    expect(s.components.map((c) => c.id)).toEqual(['ok']);
  });

  it('reports a team with no capacity once and schedules nothing', () => {
    const s = schedulePlan(plan({ team: { members: [{ name: 'A', days_per_week: 0 }] }, components: [component('a'), component('b')] }));
    expect(codes(s)).toEqual(['error schedule-no-capacity']);
    expect(s.components).toEqual([]);
    expect(s.weeks).toEqual([]);
    expect(s.unscheduled!.map((u) => u.id)).toEqual(['a', 'b']);
  });

  it('breaks a dependency cycle with an error and still schedules everything once', () => {
    const s = schedulePlan(
      plan({ components: [component('a', { depends_on: ['b'] }), component('b', { depends_on: ['a'] })] }),
    );
    expect(codes(s)).toEqual(['error schedule-dependency-cycle']);
    expect(s.components.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('puts tiers no phase lists in an extra last phase, with a warning', () => {
    const s = schedulePlan(
      plan({
        phases: [{ id: 'p1', title: 'First', tiers: ['critical'] }],
        components: [component('a', { scores: { value: 5 } }), component('b', { scores: { value: 1 } })],
      }),
    );
    expect(codes(s)).toEqual(['warning schedule-tier-without-phase']);
    expect(s.phases.map((p) => p.id)).toEqual(['p1', 'unphased']);
  });
});
