/**
 * Pending plan edits: applying them to a plan, keeping only real differences, and describing
 * them. Pure; the plan is never mutated (views and undo history share it).
 */
import type { Component, Plan } from '../../core/plan-schema.js';
import type { PlanEdit as PlanFileEdit } from '../../plan/edit-plan.js';
import { NO_EDITS, type PlanEdits } from './types.js';

const has = (record: Readonly<Record<string, unknown>>, key: string): boolean => Object.hasOwn(record, key);

/** The plan as it would read with the edits saved. */
export function applyEdits(plan: Plan, edits: PlanEdits): Plan {
  if (isEmptyEdits(edits)) return plan;
  let next: Plan = plan;
  if (Object.keys(edits.weights).length > 0) {
    next = {
      ...next,
      scoring: {
        ...next.scoring,
        criteria: next.scoring.criteria.map((c) => (has(edits.weights, c.id) ? { ...c, weight: edits.weights[c.id]! } : c)),
      },
    };
  }
  if (Object.keys(edits.pins).length > 0) {
    next = { ...next, components: next.components.map((c) => (has(edits.pins, c.id) ? withPin(c, edits.pins[c.id]!) : c)) };
  }
  if (edits.capacity !== undefined) next = { ...next, team: { ...next.team, capacity_per_week: edits.capacity } };
  if (edits.start !== undefined) next = { ...next, start: edits.start };
  return next;
}

function withPin(component: Component, pin: number | null): Component {
  if (pin !== null) return { ...component, pin };
  const { pin: _removed, ...rest } = component;
  return rest;
}

/** Drops edits that match the plan and edits naming ids the plan no longer has. */
export function normaliseEdits(plan: Plan, edits: PlanEdits): PlanEdits {
  const weights: Record<string, number> = {};
  for (const c of plan.scoring.criteria) {
    if (has(edits.weights, c.id) && edits.weights[c.id] !== c.weight) weights[c.id] = edits.weights[c.id]!;
  }
  const pins: Record<string, number | null> = {};
  for (const c of plan.components) {
    if (!has(edits.pins, c.id)) continue;
    const pin = edits.pins[c.id]!;
    if (pin !== (c.pin ?? null)) pins[c.id] = pin;
  }
  const out: { -readonly [K in keyof PlanEdits]: PlanEdits[K] } = { weights, pins };
  if (edits.capacity !== undefined && edits.capacity !== plan.team.capacity_per_week) out.capacity = edits.capacity;
  if (edits.start !== undefined && edits.start !== plan.start) out.start = edits.start;
  return isEmptyEdits(out) ? NO_EDITS : out;
}

export function isEmptyEdits(edits: PlanEdits): boolean {
  return (
    Object.keys(edits.weights).length === 0 &&
    Object.keys(edits.pins).length === 0 &&
    edits.capacity === undefined &&
    edits.start === undefined
  );
}

/** How many separate values the edits change (for "3 unsaved edits"). */
export function countEdits(edits: PlanEdits): number {
  return (
    Object.keys(edits.weights).length +
    Object.keys(edits.pins).length +
    (edits.capacity === undefined ? 0 : 1) +
    (edits.start === undefined ? 0 : 1)
  );
}

/** The effective weight of a criterion: the pending edit, else the plan's. */
export function weightOf(plan: Plan, edits: PlanEdits, criterion: string): number {
  if (has(edits.weights, criterion)) return edits.weights[criterion]!;
  return plan.scoring.criteria.find((c) => c.id === criterion)?.weight ?? 0;
}

export function withWeight(edits: PlanEdits, criterion: string, weight: number): PlanEdits {
  return { ...edits, weights: { ...edits.weights, [criterion]: weight } };
}

export function withPinEdit(edits: PlanEdits, component: string, week: number | null): PlanEdits {
  return { ...edits, pins: { ...edits.pins, [component]: week } };
}

/** The pin a component has with the edits applied. */
export function pinOf(plan: Plan, edits: PlanEdits, component: string): number | undefined {
  if (has(edits.pins, component)) return edits.pins[component] ?? undefined;
  return plan.components.find((c) => c.id === component)?.pin;
}

/** One line per edit, for the save confirmation and the status bar. */
export function describeEdits(plan: Plan, edits: PlanEdits): string[] {
  const lines: string[] = [];
  for (const [id, weight] of Object.entries(edits.weights)) {
    const before = plan.scoring.criteria.find((c) => c.id === id)?.weight;
    lines.push(`weight ${id}: ${before ?? '?'} -> ${weight}`);
  }
  for (const [id, pin] of Object.entries(edits.pins)) {
    const before = plan.components.find((c) => c.id === id)?.pin;
    lines.push(pin === null ? `unpin ${id} (was week ${before ?? '?'})` : `pin ${id} to week ${pin}${before ? ` (was ${before})` : ''}`);
  }
  if (edits.capacity !== undefined) lines.push(`capacity: ${plan.team.capacity_per_week ?? 'from members'} -> ${edits.capacity}`);
  if (edits.start !== undefined) lines.push(`start: ${plan.start} -> ${edits.start}`);
  return lines;
}

/** The edits as the plan file's byte-exact editor takes them (src/plan/edit-plan.ts). */
export function toPlanEdits(edits: PlanEdits): PlanFileEdit[] {
  const out: PlanFileEdit[] = [];
  for (const [criterion, weight] of Object.entries(edits.weights)) out.push({ op: 'criterion-weight', criterion, weight });
  for (const [component, week] of Object.entries(edits.pins)) out.push({ op: 'pin', component, week });
  if (edits.capacity !== undefined) out.push({ op: 'capacity', personDays: edits.capacity });
  if (edits.start !== undefined) out.push({ op: 'start', date: edits.start });
  return out;
}
