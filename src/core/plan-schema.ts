/**
 * The plan format, version 1: what people write by hand and review in pull requests.
 * Statuses and measurements never live here (they are journal events).
 *
 * Objects are strict so a typo is an error with a "did you mean" hint rather than a silently
 * ignored key. Field names are snake_case because that is what YAML authors expect.
 */
import { z } from 'zod';

export const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/** Ids are referenced from the CLI and journals, so they stay printable and shell-friendly. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const Id = z
  .string()
  .regex(ID_PATTERN, {
    message:
      'ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64 characters)',
  })
  .refine((s) => !RESERVED_IDS.has(s), { message: 'this id is reserved by JavaScript; choose another name' });

/** A calendar date written as YYYY-MM-DD; zod rejects impossible days such as 2025-02-30. */
export const IsoDate = z.iso.date({ message: 'expected a real calendar date written as YYYY-MM-DD' });

const Text = z.string().min(1, { message: 'must not be empty' }).max(10_000);
const FiniteNumber = z.number();
const NonNegative = z.number().min(0);

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const Holiday = z.union([
  IsoDate,
  z.strictObject({ date: IsoDate, name: Text.optional() }),
]);

export const Freeze = z.strictObject({
  start: IsoDate,
  end: IsoDate,
  name: Text.optional(),
});

export const Calendar = z.strictObject({
  workdays: z.array(Weekday).min(1, { message: 'a calendar needs at least one work day' }).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  holidays: z.array(Holiday).default([]),
  /** Code freezes: no work is scheduled inside, and no high-risk work in the week before. */
  freezes: z.array(Freeze).default([]),
});

export const CountRange = z.union([
  z.number().int().min(0),
  z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) }),
]);

export const Role = z.strictObject({
  id: Id,
  title: Text,
  count: CountRange.optional(),
  responsibilities: z.array(Text).default([]),
});

export const Member = z.strictObject({
  name: Text,
  role: Id.optional(),
  /** Days per week this person gives to the migration. */
  days_per_week: NonNegative.max(7).default(5),
});

export const Team = z.strictObject({
  /** Person-days available per full work week; defaults to the members' days per week summed. */
  capacity_per_week: z.number().positive().optional(),
  roles: z.array(Role).default([]),
  members: z.array(Member).default([]),
});

export const Criterion = z.strictObject({
  id: Id,
  name: Text,
  weight: NonNegative,
  /** benefit: a higher score raises priority; cost: a higher score lowers it. */
  direction: z.enum(['benefit', 'cost']).default('benefit'),
  description: Text.optional(),
});

export const Tier = z.enum(['critical', 'high', 'medium', 'low']);
export type Tier = z.infer<typeof Tier>;

export const Scoring = z.strictObject({
  scorer: z.enum(['weighted', 'wsjf', 'rice']).default('weighted'),
  /** The range criterion scores are given in; cost criteria are inverted inside it. */
  scale: z.strictObject({ min: FiniteNumber, max: FiniteNumber }).default({ min: 1, max: 5 }),
  criteria: z.array(Criterion).min(1, { message: 'list at least one criterion' }),
  /** Minimum score for each tier; below `medium` is low. */
  tiers: z
    .strictObject({ critical: FiniteNumber, high: FiniteNumber, medium: FiniteNumber })
    .default({ critical: 4.5, high: 3.5, medium: 3.0 }),
  /** For wsjf: which criteria add up to the cost of delay, and what the job size is. */
  wsjf: z
    .strictObject({
      cost_of_delay: z.array(Id).min(1),
      job_size: Id.or(z.literal('effort')).default('effort'),
    })
    .optional(),
  /** For rice: which criteria hold reach, impact and confidence (0-1); effort is the component's. */
  rice: z
    .strictObject({
      reach: Id,
      impact: Id,
      confidence: Id,
      effort: Id.or(z.literal('effort')).default('effort'),
    })
    .optional(),
  /** Digits shown and used for tiering; 1 reproduces hand-written matrices like 4.8. */
  precision: z.number().int().min(0).max(6).default(1),
});

export const Level = z.enum(['low', 'medium', 'high']);
export type Level = z.infer<typeof Level>;

export const Risk = z.strictObject({
  level: Level.optional(),
  /** 1-5 each; level is derived from their product when not given. */
  likelihood: z.number().int().min(1).max(5).optional(),
  impact: z.number().int().min(1).max(5).optional(),
  description: Text.optional(),
  mitigation: Text.optional(),
  monitoring: Text.optional(),
});

export const Task = z.strictObject({
  id: Id,
  title: Text,
  /** Person-days. */
  effort: z.number().positive(),
  owner: Text.optional(),
  steps: z.array(Text).default([]),
});

/** A success criterion: plain text, or tied to a metric so that only a measurement can meet it. */
export const SuccessCriterion = z.union([
  Text,
  z.strictObject({ text: Text, metric: Id.optional() }),
]);

export const Component = z.strictObject({
  id: Id,
  title: Text,
  description: Text.optional(),
  /** Components sharing a group are presented together, e.g. "Additional Optimizations". */
  group: Text.optional(),
  /** The code paths this component covers. */
  paths: z.array(Text).default([]),
  /** Criterion id -> score on the plan's scale. */
  scores: z.record(z.string(), FiniteNumber).default({}),
  /** A given priority score; wins over the computed one. */
  priority: FiniteNumber.optional(),
  impact: Level.optional(),
  impact_note: Text.optional(),
  risk: Risk.optional(),
  /** Person-days; defaults to the sum of the tasks' effort. */
  effort: z.number().positive().optional(),
  depends_on: z.array(Id).default([]),
  /** Week number (1-based) this component must start in. */
  pin: z.number().int().min(1).max(520).optional(),
  owner: Text.optional(),
  objectives: z.array(Text).default([]),
  tasks: z.array(Task).default([]),
  success: z.array(SuccessCriterion).default([]),
  /** Rollback rules that guard this component's weeks. */
  rollback: z.array(Id).default([]),
});

export const Comparator = z.enum(['>=', '>', '<=', '<', '==']);
export type Comparator = z.infer<typeof Comparator>;

/** `">= 100"` (quote it: a leading `>` starts a YAML block scalar) or `{ op: ">=", value: 100 }`. */
export const Condition = z.union([
  z.string().regex(/^\s*(>=|<=|==|>|<)\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/, {
    message: 'expected a comparison such as ">= 100" or "< 0.1" (quoted)',
  }),
  z.strictObject({ op: Comparator, value: FiniteNumber }),
]);

export const Metric = z.strictObject({
  id: Id,
  name: Text,
  category: Text.default('quality'),
  unit: z.string().max(32).default(''),
  target: Condition,
  baseline: FiniteNumber.optional(),
  /** When a measurement meets this, the metric is breached (not merely unmet). */
  breach: Condition.optional(),
  /** The rollback rule a breach triggers. */
  rollback: Id.optional(),
  description: Text.optional(),
});

/** "15m", "1h", "24h", "2d" (calendar time: rollbacks do not wait for work days). */
export const Duration = z.string().regex(/^\s*\d+(\.\d+)?\s*(m|min|h|d)\s*$/, {
  message: 'expected a duration such as "15m", "1h" or "2d"',
});

export const RollbackTrigger = z.strictObject({
  metric: Id,
  condition: Condition,
  /** Consecutive measurements that must meet the condition before the rule fires. */
  consecutive: z.number().int().min(1).default(1),
});

export const RollbackRule = z.strictObject({
  id: Id,
  title: Text,
  /** How the problem is noticed, e.g. "Automated monitoring alerts". */
  detection: Text.optional(),
  triggers: z.array(RollbackTrigger).default([]),
  deadlines: z.strictObject({ assess: Duration, decide: Duration, execute: Duration }),
  action: z.enum(['abort', 'pause', 'continue']).default('abort'),
  steps: z.array(Text).default([]),
  /** Phases whose weeks this rule guards (components name their rules themselves). */
  phases: z.array(Id).default([]),
});

export const Phase = z.strictObject({
  id: Id,
  title: Text,
  tiers: z.array(Tier).min(1),
  description: Text.optional(),
});

export const Scheduling = z.strictObject({
  /** A phase starts only after the previous phase's last week. */
  phase_gates: z.boolean().default(true),
  /** At most this many high-risk components may start in the same week. */
  max_high_risk_starts_per_week: z.number().int().min(1).default(1),
});

export const Validation = z.strictObject({
  daily: z.array(Text).default([]),
  weekly: z.array(Text).default([]),
  phase: z.array(Text).default([]),
});

export const PLAN_VERSION = 1;

export const PlanSchema = z.strictObject({
  version: z.literal(PLAN_VERSION, { message: `this roadmap reads plan format version ${PLAN_VERSION}; set "version: 1"` }),
  project: Text,
  title: Text,
  description: Text.optional(),
  start: IsoDate,
  calendar: Calendar.default({ workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [], freezes: [] }),
  team: Team.default({ roles: [], members: [] }),
  scoring: Scoring,
  phases: z.array(Phase).optional(),
  scheduling: Scheduling.default({ phase_gates: true, max_high_risk_starts_per_week: 1 }),
  components: z.array(Component).min(1, { message: 'a plan needs at least one component' }),
  metrics: z.array(Metric).default([]),
  rollback: z.array(RollbackRule).default([]),
  validation: Validation.optional(),
  infrastructure: z.array(Text).default([]),
});

export type PlanInput = z.input<typeof PlanSchema>;
export type Plan = z.output<typeof PlanSchema>;
export type Component = z.output<typeof Component>;
export type Task = z.output<typeof Task>;
export type Metric = z.output<typeof Metric>;
export type RollbackRule = z.output<typeof RollbackRule>;
export type Criterion = z.output<typeof Criterion>;
export type Risk = z.output<typeof Risk>;
export type Condition = z.output<typeof Condition>;
export type PhaseDef = z.output<typeof Phase>;
export type SuccessCriterion = z.output<typeof SuccessCriterion>;
