/**
 * Builds valid Plan objects for tests. Input goes through PlanSchema.parse, so defaults apply
 * exactly as they do for a plan loaded from a file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { PlanSchema, type Plan, type PlanInput } from '../../src/core/plan-schema.js';

type ComponentInput = PlanInput['components'][number];

/** A component with one criterion score and the given effort (person-days). */
export function component(id: string, fields: Partial<ComponentInput> = {}): ComponentInput {
  return { id, title: `Component ${id}`, effort: 5, ...fields };
}

/**
 * A plan with one criterion ("value", weight 1, scale 1-5), capacity 5 person-days a week, starting
 * Monday 2026-11-02, no phases (one per tier). Override any top-level field.
 */
export function buildPlan(fields: Partial<PlanInput> = {}): Plan {
  const input: PlanInput = {
    version: 1,
    project: 'test',
    title: 'Test plan',
    start: '2026-11-02',
    team: { capacity_per_week: 5 },
    scoring: { criteria: [{ id: 'value', name: 'Value', weight: 1 }] },
    components: [component('a')],
    ...fields,
  };
  return PlanSchema.parse(input);
}

const PLANS_DIR = fileURLToPath(new URL('../../plans/', import.meta.url));

/** An example plan from plans/, parsed with `yaml` and PlanSchema (no loader needed). */
export function examplePlan(name: string): Plan {
  const text = readFileSync(`${PLANS_DIR}${name}.yaml`, 'utf8');
  return PlanSchema.parse(parse(text, { version: '1.2', schema: 'core' }));
}
