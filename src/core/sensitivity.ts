/**
 * What-if on one criterion weight: which components would start in a different week if the
 * criterion weighed `delta` more (or less; weights stop at 0).
 */
import type { Plan } from './plan-schema.js';
import { schedulePlan } from './schedule.js';
import { compareIds } from './score.js';

export interface WeekShift {
  id: string;
  fromWeek: number;
  toWeek: number;
}

/**
 * Components whose start week changes, earliest original week first, then by id. A component
 * that only one of the two schedules could place is left out (both schedules report it).
 * An unknown criterion changes nothing.
 */
export function weightSensitivity(plan: Plan, criterion: string, delta: number): WeekShift[] {
  const target = plan.scoring.criteria.find((c) => c.id === criterion);
  if (!target || !Number.isFinite(delta) || delta === 0) return [];
  const before = schedulePlan(plan);
  const after = schedulePlan(plan, { weights: { [criterion]: Math.max(0, target.weight + delta) } });
  const afterWeek = new Map(after.components.map((c) => [c.id, c.startWeek]));
  const shifts: WeekShift[] = [];
  for (const c of before.components) {
    const toWeek = afterWeek.get(c.id);
    if (toWeek !== undefined && toWeek !== c.startWeek) shifts.push({ id: c.id, fromWeek: c.startWeek, toWeek });
  }
  return shifts.sort((a, b) => a.fromWeek - b.fromWeek || compareIds(a.id, b.id));
}
