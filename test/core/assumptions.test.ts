import { describe, expect, it } from 'vitest';
import { applyAssumptions, parseAssumption, type Assumption } from '../../src/core/assumptions.js';
import { HORIZON_WEEKS } from '../../src/core/calendar.js';
import { schedulePlan } from '../../src/core/schedule.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

const parse = (text: string): Assumption => {
  const r = parseAssumption(text);
  if (!r.ok) throw new Error(r.message);
  return r.assumption;
};

describe('parsing --assume phrases', () => {
  it('reads effort in work days or person-days, either sign', () => {
    expect(parse('analytics-thread-safety +3d')).toEqual({ kind: 'effort', text: 'analytics-thread-safety +3d', target: 'analytics-thread-safety', amount: 3, unit: 'd' });
    expect(parse('  plugin-registry   -1.5 days ')).toMatchObject({ target: 'plugin-registry', amount: -1.5, unit: 'd' });
    expect(parse('cache +6pd')).toMatchObject({ amount: 6, unit: 'pd' });
    expect(parse('cache + 2 person-days')).toMatchObject({ amount: 2, unit: 'pd' });
  });

  it('reads capacity changes as a percentage, a difference or a level, over weeks', () => {
    expect(parse('capacity -20% weeks 3-4')).toMatchObject({ kind: 'capacity', op: 'percent', value: -20, fromWeek: 3, toWeek: 4 });
    expect(parse('capacity +5pd week 2')).toMatchObject({ op: 'add', value: 5, fromWeek: 2, toWeek: 2 });
    expect(parse('capacity 10pd from week 5')).toMatchObject({ op: 'set', value: 10, fromWeek: 5, toWeek: HORIZON_WEEKS });
    expect(parse('Capacity -20%')).toMatchObject({ op: 'percent', fromWeek: 1, toWeek: HORIZON_WEEKS });
  });

  it('says what it expected when a phrase cannot be read', () => {
    for (const bad of ['cache', 'cache 3d', 'cache +3 weeks', 'capacity -20% weeks 4-3', 'capacity -20% in march', 'capacity -120%', '']) {
      const r = parseAssumption(bad);
      expect(r.ok, bad).toBe(false);
    }
    const r = parseAssumption('cache 3d');
    expect(!r.ok && r.message).toContain('"capacity -20% weeks 3-4"');
  });
});

describe('applying assumptions', () => {
  it('puts +3d of a component on its last unfinished task: 3 work days of the team, 9 person-days on codon', () => {
    const plan = examplePlan('codon-migration');
    const applied = applyAssumptions(plan, [parse('analytics-thread-safety +3d')]);
    expect(applied.problems).toEqual([]);
    expect(applied.effects).toEqual([
      {
        text: 'analytics-thread-safety +3d',
        componentId: 'analytics-thread-safety',
        taskId: 'stream-producer-safety',
        personDays: 9,
        description: 'analytics-thread-safety +9 pd (3 work days of 3 pd) on stream-producer-safety',
      },
    ]);
    const ats = applied.plan.components.find((c) => c.id === 'analytics-thread-safety')!;
    expect(ats.tasks.map((t) => t.effort)).toEqual([6, 6, 12]);
    // The file's plan object is untouched.
    expect(plan.components.find((c) => c.id === 'analytics-thread-safety')!.tasks.map((t) => t.effort)).toEqual([6, 6, 3]);
    // The last component, +2d: the end moves exactly two work days.
    const later = applyAssumptions(plan, [parse('documentation-handoff +2d')]);
    expect(schedulePlan(later.plan).end).toBe('2026-12-15');
  });

  it('skips finished tasks, and warns when all the work is finished', () => {
    const plan = examplePlan('codon-migration');
    const applied = applyAssumptions(plan, [parse('analytics-thread-safety +1d')], { closed: new Set(['stream-producer-safety']) });
    expect(applied.effects[0]!.taskId).toBe('incident-manager-safety');
    const done = applyAssumptions(plan, [parse('cache +1d')], { closed: new Set(['cache-operations']) });
    expect(done.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'assume-finished-work']]);
    expect(done.plan).toBe(plan);
  });

  it('keeps other task shares when the component states its own effort', () => {
    const plan = buildPlan({
      components: [component('a', { effort: 10, tasks: [{ id: 't1', title: 'T1', effort: 1 }, { id: 't2', title: 'T2', effort: 1 }] })],
    });
    const applied = applyAssumptions(plan, [parse('t1 +2pd')]);
    const a = applied.plan.components[0]!;
    expect(a.effort).toBe(12);
    const s = schedulePlan(applied.plan);
    // t1's share grows by exactly 2 person-days; t2 keeps its 5.
    const shares = s.components[0]!.tasks.map((t) => t.ranges.reduce((n, r) => n + r.lastDay - r.firstDay + 1, 0));
    expect(shares).toEqual([7, 5]);
  });

  it('reports unknown ids with a suggestion, and effort that would vanish', () => {
    const plan = examplePlan('codon-migration');
    const applied = applyAssumptions(plan, [parse('cahce +1d'), parse('cache -5d')]);
    expect(applied.problems.map((p) => [p.code, p.hint])).toEqual([
      ['assume-unknown-target', 'did you mean "cache"?'],
      ['assume-no-effort-left', 'assume a smaller reduction'],
    ]);
  });

  it('turns capacity phrases into per-week factors of the full-week capacity', () => {
    const plan = examplePlan('codon-migration'); // 15 pd a week
    const applied = applyAssumptions(plan, [parse('capacity -20% weeks 3-4'), parse('capacity +5pd week 6'), parse('capacity 30pd from week 7')]);
    expect(applied.capacity).toEqual([
      { fromWeek: 3, toWeek: 4, factor: 0.8 },
      { fromWeek: 6, toWeek: 6, factor: 20 / 15 },
      { fromWeek: 7, toWeek: HORIZON_WEEKS, factor: 2 },
    ]);
    const s = schedulePlan(applied.plan, { capacity: applied.capacity });
    expect(s.weeks.slice(0, 6).map((w) => w.capacity)).toEqual([15, 15, 12, 12, 15, 20]);
  });
});
