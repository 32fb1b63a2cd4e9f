/**
 * fast-check generators of random valid plans, for property tests of the scorer and scheduler.
 * Dependencies only point at earlier components, so plans are acyclic (cycles have their own tests).
 */
import fc from 'fast-check';
import { PlanSchema, type Plan, type PlanInput, type Weekday } from '../../src/core/plan-schema.js';
import { dayToIso, isoToDay } from '../../src/core/calendar.js';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const BASE_DAY = isoToDay('2026-01-01');

const dateNear = (fromDay: number, span: number) => fc.integer({ min: 0, max: span }).map((d) => dayToIso(fromDay + d));

export interface PlanArbitraryOptions {
  maxComponents?: number;
}

export function planArbitrary(opts: PlanArbitraryOptions = {}): fc.Arbitrary<Plan> {
  const maxComponents = opts.maxComponents ?? 20;
  return fc
    .record({
      startOffset: fc.integer({ min: 0, max: 730 }),
      workdays: fc.subarray(WEEKDAYS, { minLength: 1 }),
      capacity: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(2.5, 7.5, 12.5)),
      criteria: fc.array(
        fc.record({ weight: fc.integer({ min: 0, max: 5 }), cost: fc.boolean() }),
        { minLength: 1, maxLength: 3 },
      ),
      withPhases: fc.boolean(),
      gates: fc.boolean(),
      maxHigh: fc.integer({ min: 1, max: 3 }),
      holidayOffsets: fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 6 }),
      freezes: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 200 }), length: fc.integer({ min: 0, max: 12 }) }), { maxLength: 2 }),
      components: fc.array(
        fc.record({
          scores: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
          missing: fc.integer({ min: 0, max: 3 }),
          effort: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 40 }), fc.constantFrom(0.5, 1.5, 7.25)),
          tasks: fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(0.5)), { maxLength: 3 }),
          risk: fc.constantFrom(undefined, 'low', 'medium', 'high', 'li'),
          deps: fc.array(fc.nat(), { maxLength: 3 }),
          pin: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 6, nil: undefined }),
        }),
        { minLength: 1, maxLength: maxComponents },
      ),
    })
    .map((r) => {
      const startDay = BASE_DAY + r.startOffset;
      const criteria = r.criteria.map((c, i) => ({
        id: `k${i}`,
        name: `Criterion ${i}`,
        weight: c.weight,
        direction: c.cost ? ('cost' as const) : ('benefit' as const),
      }));
      const components: PlanInput['components'] = r.components.map((c, i) => {
        const scores: Record<string, number> = {};
        criteria.forEach((k, j) => {
          if (j !== c.missing) scores[k.id] = c.scores[j]!;
        });
        const deps = i === 0 ? [] : [...new Set(c.deps.map((d) => `c${d % i}`))];
        const tasks = c.tasks.map((effort, t) => ({ id: `c${i}-t${t}`, title: `Task ${t} of ${i}`, effort }));
        const risk =
          c.risk === undefined ? undefined : c.risk === 'li' ? { likelihood: 1 + (i % 5), impact: 5 - (i % 3) } : { level: c.risk as 'low' | 'medium' | 'high' };
        return {
          id: `c${i}`,
          title: `Component ${i}`,
          scores,
          ...(c.effort !== undefined || tasks.length === 0 ? { effort: c.effort ?? 1 } : {}),
          tasks,
          depends_on: deps,
          ...(risk ? { risk } : {}),
          ...(c.pin !== undefined ? { pin: c.pin } : {}),
        };
      });
      const input: PlanInput = {
        version: 1,
        project: 'prop',
        title: 'Property plan',
        start: dayToIso(startDay),
        calendar: {
          workdays: r.workdays,
          holidays: r.holidayOffsets.map((d) => dayToIso(startDay + d)),
          freezes: r.freezes.map((f) => ({ start: dayToIso(startDay + f.offset), end: dayToIso(startDay + f.offset + f.length) })),
        },
        team: { capacity_per_week: r.capacity },
        scoring: { criteria },
        ...(r.withPhases
          ? {
              phases: [
                { id: 'first', title: 'First', tiers: ['critical', 'high'] },
                { id: 'second', title: 'Second', tiers: ['medium', 'low'] },
              ],
            }
          : {}),
        scheduling: { phase_gates: r.gates, max_high_risk_starts_per_week: r.maxHigh },
        components,
      };
      return PlanSchema.parse(input);
    });
}

/** A deterministic shuffle, so a property can reorder a plan's lists. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export { dateNear };
