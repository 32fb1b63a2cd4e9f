import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToDay, weekdayOfDay } from '../../src/core/calendar.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import type { Schedule } from '../../src/core/schedule-types.js';
import { planArbitrary, shuffled } from '../helpers/plan-arbitrary.js';

const RUNS = { numRuns: 100 };
const WEEKDAY_INDEX = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

function mentions(s: Schedule, code: string, text: string): boolean {
  return s.problems.some((p) => p.code === code && p.message.includes(text));
}

/** Position of component `id` in its run order inside `week`: later means it runs after. */
function orderIn(s: Schedule, week: number, id: string): number {
  return s.weeks[week - 1]!.components.indexOf(id);
}

describe('schedule properties on random valid plans', () => {
  it('schedules every component exactly once, or lists it as unscheduled with an error', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        const s = schedulePlan(plan);
        const ids = [...s.components.map((c) => c.id), ...(s.unscheduled ?? []).map((u) => u.id)].sort();
        expect(ids).toEqual(plan.components.map((c) => c.id).sort());
        if ((s.unscheduled ?? []).length > 0) expect(s.problems.some((p) => p.severity === 'error')).toBe(true);
        for (const c of s.components) {
          const total = c.segments.reduce((sum, g) => sum + g.effort, 0);
          expect(total).toBeCloseTo(c.effort, 6);
        }
      }),
      RUNS,
    );
  });

  it('never starts a component before its dependencies end (pins that do are reported)', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        const s = schedulePlan(plan);
        const byId = new Map(s.components.map((c) => [c.id, c]));
        for (const c of s.components) {
          for (const depId of c.dependsOn) {
            const dep = byId.get(depId);
            const ok =
              dep !== undefined &&
              (c.startWeek > dep.endWeek || (c.startWeek === dep.endWeek && orderIn(s, c.startWeek, c.id) > orderIn(s, c.startWeek, dep.id)));
            if (!ok) {
              expect(c.pinned).toBe(true);
              expect(mentions(s, 'schedule-pin-before-dependency', `${c.id} is pinned`)).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('keeps every week within capacity unless a problem reports it, and within the risk budget likewise', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        const s = schedulePlan(plan);
        const max = plan.scheduling.max_high_risk_starts_per_week;
        for (const w of s.weeks) {
          if (w.used > w.capacity + 1e-6) expect(mentions(s, 'schedule-over-capacity', `week ${w.index} `)).toBe(true);
          if (w.highRiskStarts.length > max) expect(mentions(s, 'schedule-risk-budget', `week ${w.index} `)).toBe(true);
        }
        const used = s.weeks.reduce((sum, w) => sum + w.used, 0);
        const effort = s.components.reduce((sum, c) => sum + c.effort, 0);
        expect(used).toBeCloseTo(effort, 6);
      }),
      RUNS,
    );
  });

  it('respects pins or reports why not', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        const s = schedulePlan(plan);
        for (const input of plan.components) {
          if (input.pin === undefined) continue;
          const c = s.components.find((x) => x.id === input.id);
          if (c === undefined) continue; // unscheduled: covered above
          if (c.startWeek !== input.pin) expect(mentions(s, 'schedule-pin-no-work-days', `${c.id} is pinned`)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('dates work only on work days: never a weekend, a holiday or a freeze day', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan: Plan) => {
        const s = schedulePlan(plan);
        const workdays = new Set(plan.calendar.workdays.map((d) => WEEKDAY_INDEX[d]));
        const holidays = new Set(plan.calendar.holidays.map((h) => (typeof h === 'string' ? h : h.date)));
        const frozen = (iso: string) => plan.calendar.freezes.some((f) => iso >= f.start && iso <= f.end);
        const check = (iso: string) => {
          expect(workdays.has(weekdayOfDay(isoToDay(iso)) as 0)).toBe(true);
          expect(holidays.has(iso)).toBe(false);
          expect(frozen(iso)).toBe(false);
        };
        for (const c of s.components) {
          check(c.start);
          check(c.end);
          expect(c.start <= c.end).toBe(true);
          for (const t of c.tasks) {
            for (const r of t.ranges) {
              check(r.start);
              check(r.end);
              expect(r.firstDay).toBeLessThanOrEqual(r.lastDay);
              expect(s.weeks[r.week - 1]!.workdays).toContain(r.start);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the same schedule whatever the order of components, criteria and dependencies', () => {
    fc.assert(
      fc.property(planArbitrary(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (plan, seed) => {
        const reordered: Plan = {
          ...plan,
          scoring: { ...plan.scoring, criteria: shuffled(plan.scoring.criteria, seed) },
          components: shuffled(plan.components, seed + 1).map((c, i) => ({ ...c, depends_on: shuffled(c.depends_on, seed + i) })),
        };
        // Problem paths point into the file (components[3]), so they follow its order by design.
        const canonical = (s: Schedule) => JSON.stringify({ ...s, problems: s.problems.map(({ path: _path, ...p }) => p) });
        expect(canonical(schedulePlan(reordered))).toBe(canonical(schedulePlan(plan)));
      }),
      RUNS,
    );
  });
});
