/**
 * The plan format as JSON Schema (draft 2020-12), generated from the zod schema so the two cannot
 * drift. Editors (yaml-language-server) use it for completion and hover help; `roadmap schema`
 * prints it and schema/plan.schema.json is its committed copy (a test keeps them equal).
 *
 * io: 'input' describes what people write: fields with defaults are optional. Checks JSON Schema
 * cannot express (reserved ids, references, cycles) stay with `roadmap validate`.
 */
import { z } from 'zod';
import { PLAN_VERSION, PlanSchema } from './plan-schema.js';

export const PLAN_SCHEMA_ID = `urn:roadmap:plan-schema:v${PLAN_VERSION}`;

type JsonObject = { [key: string]: unknown };

/**
 * Hover help for the fields people ask about. Paths use `[]` for "each item of the list".
 * A path that no longer exists in the schema is a bug: planJsonSchema throws, and the test fails.
 */
const DESCRIPTIONS: Record<string, string> = {
  version: 'Plan format version; this roadmap reads version 1.',
  project: 'The project being migrated, e.g. "GraphMemory-IDE".',
  title: 'The plan\'s title, e.g. "Codon Migration".',
  start: 'First day of week 1, written as YYYY-MM-DD.',
  calendar: 'Work days, holidays and code freezes.',
  'calendar.workdays': 'Days of the week people work (default mon-fri).',
  'calendar.holidays': 'Days off: a date, or { date, name }.',
  'calendar.freezes': 'Code freezes: no work inside, and no high-risk starts in the week before.',
  team: 'Who does the work and how much time they give it.',
  'team.capacity_per_week': 'Person-days available per full work week; defaults to the members\' days_per_week summed.',
  'team.members[].days_per_week': 'Days per week this person gives to the migration (0-7).',
  scoring: 'How components are prioritised: criteria with weights, a scale, and tier thresholds.',
  'scoring.scorer': 'weighted (default), wsjf (cost of delay / job size) or rice (reach x impact x confidence / effort).',
  'scoring.scale': 'The range criterion scores are given in; cost criteria are inverted inside it.',
  'scoring.criteria': 'The columns of the priority matrix.',
  'scoring.criteria[].weight': 'Relative weight; weights are normalised to sum to 1.',
  'scoring.criteria[].direction': 'benefit: a higher score raises priority; cost: a higher score lowers it.',
  'scoring.tiers': 'Minimum score for each tier (critical > high > medium); below medium is low.',
  'scoring.precision': 'Digits shown and used for tiering; 1 reproduces hand-written matrices like 4.8.',
  phases: 'Phases in order, each taking the components of the tiers it lists.',
  scheduling: 'Rules the scheduler follows.',
  'scheduling.phase_gates': 'A phase starts only after the previous phase\'s last week.',
  'scheduling.max_high_risk_starts_per_week': 'At most this many high-risk components start in the same week.',
  components: 'The rows of the priority matrix: what gets migrated.',
  'components[].id': 'Unique id (letters, digits, ".", "_", "-"); used on the command line and in journals.',
  'components[].scores': 'Criterion id -> score on the plan\'s scale.',
  'components[].priority': 'A given priority score; wins over the computed one.',
  'components[].effort': 'Person-days; defaults to the sum of the tasks\' effort.',
  'components[].depends_on': 'Ids of components that must finish first.',
  'components[].pin': 'Week number (1-based) this component must start in.',
  'components[].tasks': 'The work, each with an effort in person-days.',
  'components[].success': 'Success criteria: text, or { text, metric } so only a measurement can meet it.',
  'components[].rollback': 'Ids of the rollback rules that guard this component\'s weeks.',
  metrics: 'Success metrics with targets; met only by recorded measurements.',
  'metrics[].target': 'A quoted comparison such as ">= 100", or { op, value }.',
  'metrics[].breach': 'When a measurement meets this, the metric is breached (and its rollback rule may fire).',
  rollback: 'Rollback rules: triggers, deadlines and steps.',
  'rollback[].deadlines': 'Calendar time to assess, decide and execute, e.g. "15m", "1h", "2d".',
  'rollback[].action': 'abort, pause (for a human) or continue.',
  'rollback[].phases': 'Ids of the phases whose weeks this rule guards.',
};

export function planJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(PlanSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonObject;
  for (const [path, description] of Object.entries(DESCRIPTIONS)) {
    const node = schemaAt(generated, path);
    if (!node) throw new Error(`plan-json-schema: no field "${path}" in the plan schema`);
    node.description = description;
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: PLAN_SCHEMA_ID,
    title: `roadmap plan (format version ${PLAN_VERSION})`,
    description:
      'A migration priority matrix that roadmap turns into a phased, week-by-week schedule. Run `roadmap validate` for the checks JSON Schema cannot express (references, cycles, duplicate ids).',
    ...rest,
  };
}

/** The schema text as committed: two-space JSON and a final newline. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

function schemaAt(root: JsonObject, path: string): JsonObject | undefined {
  let node: JsonObject | undefined = root;
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '');
    node = objectBranch(node);
    const props = node?.properties as Record<string, JsonObject> | undefined;
    node = props?.[name];
    if (node && part.endsWith('[]')) node = objectBranch(node)?.items as JsonObject | undefined;
  }
  return node;
}

/** For anyOf (a union), the branch that is an object or array; otherwise the node itself. */
function objectBranch(node: JsonObject | undefined): JsonObject | undefined {
  if (!node || !Array.isArray(node.anyOf)) return node;
  return (node.anyOf as JsonObject[]).find((b) => b.type === 'object' || b.type === 'array') ?? node;
}
