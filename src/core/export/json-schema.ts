/**
 * The shape of the JSON export as zod schemas, from which schema/export.schema.json is generated
 * (`exportJsonSchema`). The plan part reuses the plan format's own schema (output side: defaults
 * filled in); schedule and status mirror src/core/schedule-types.ts and status-types.ts.
 *
 * Keeping the mirror honest: the type checks at the bottom fail to compile when a field here
 * disagrees with the TypeScript types, and test/core/export/json-schema.test.ts fails when an
 * export holds a key this schema does not describe, or when the committed schema file is stale.
 * Objects accept additional properties: v1 only ever adds fields, and an older reader's schema
 * must still accept a newer export.
 */
import { z } from 'zod';
import { PlanSchema } from '../plan-schema.js';
import type { Schedule } from '../schedule-types.js';
import type { PlanStatus } from '../status-types.js';
import { EXPORT_JSON_FORMAT, type ExportDocument } from './json.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');
const Instant = z.string().describe('ISO 8601 instant, UTC');
const TierEnum = z.enum(['critical', 'high', 'medium', 'low']);
const LevelEnum = z.enum(['low', 'medium', 'high']);
const TaskStatusEnum = z.enum(['todo', 'doing', 'done', 'blocked', 'skipped']);
const TrackedStatusEnum = z.enum(['todo', 'doing', 'done', 'blocked', 'skipped', 'rolled-back']);
const MetricStateEnum = z.enum(['met', 'not-met', 'breached', 'unverified']);
const ComparatorEnum = z.enum(['>=', '>', '<=', '<', '==']);

const ProblemShape = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});

const ScoreTermShape = z.object({
  criterion: z.string(),
  name: z.string(),
  raw: z.number().optional(),
  weight: z.number(),
  direction: z.enum(['benefit', 'cost']),
  contribution: z.number(),
});

const ScoreResultShape = z.object({
  value: z.number(),
  computed: z.number(),
  source: z.enum(['given', 'computed']),
  scorer: z.enum(['weighted', 'wsjf', 'rice']),
  tier: TierEnum,
  terms: z.array(ScoreTermShape),
  formula: z.string(),
});

const DayRangeShape = z.object({ week: z.number().int(), firstDay: z.number().int(), lastDay: z.number().int(), start: IsoDate, end: IsoDate });

const ScheduledTaskShape = z.object({
  id: z.string(),
  title: z.string(),
  componentId: z.string(),
  effort: z.number(),
  owner: z.string().optional(),
  ranges: z.array(DayRangeShape),
  start: IsoDate,
  end: IsoDate,
});

const WeekSegmentShape = z.object({ week: z.number().int(), effort: z.number(), firstDay: z.number().int(), lastDay: z.number().int() });

const ScheduledComponentShape = z.object({
  id: z.string(),
  title: z.string(),
  phaseId: z.string(),
  score: ScoreResultShape,
  risk: LevelEnum,
  effort: z.number(),
  startWeek: z.number().int(),
  endWeek: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  segments: z.array(WeekSegmentShape),
  tasks: z.array(ScheduledTaskShape),
  pinned: z.boolean(),
  dependsOn: z.array(z.string()),
  dependants: z.array(z.string()),
  reasons: z.array(z.string()),
  rollbackRules: z.array(z.string()),
  slack: z.number().int().optional().describe('work days it can slip without moving the end date; absent on finished work (docs/plan-vs-actual.md)'),
  critical: z.boolean().optional().describe('on the critical path: a one-work-day slip moves the end date'),
  actual: z
    .object({ state: z.enum(['done', 'in-progress']), start: IsoDate, finish: IsoDate.optional(), remaining: z.number() })
    .optional()
    .describe('projections only: what already happened to it'),
});

const ScheduledWeekShape = z.object({
  index: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  workdays: z.array(IsoDate),
  holidays: z.array(z.object({ date: IsoDate, name: z.string().optional() })),
  frozen: z.array(IsoDate),
  capacity: z.number(),
  used: z.number(),
  phaseIds: z.array(z.string()),
  components: z.array(z.string()),
  highRiskStarts: z.array(z.string()),
  rollbackRules: z.array(z.string()),
});

const ScheduledPhaseShape = z.object({
  id: z.string(),
  title: z.string(),
  tiers: z.array(TierEnum),
  index: z.number().int(),
  startWeek: z.number().int(),
  endWeek: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  components: z.array(z.string()),
  rollbackRules: z.array(z.string()),
});

export const ScheduleShape = z.object({
  project: z.string(),
  title: z.string(),
  start: IsoDate,
  end: IsoDate,
  capacityPerWeek: z.number(),
  weeks: z.array(ScheduledWeekShape),
  phases: z.array(ScheduledPhaseShape),
  components: z.array(ScheduledComponentShape),
  problems: z.array(ProblemShape),
  unscheduled: z.array(z.object({ id: z.string(), reason: z.string() })).optional(),
  criticalPath: z
    .array(z.object({ id: z.string(), via: z.enum(['first', 'dependency', 'queue', 'phase-gate']) }))
    .optional()
    .describe('the chain of components that sets the end date, in order'),
  projectedFrom: IsoDate.optional().describe('present on a projection: re-planned from this date'),
});

const ProgressFields = {
  doneEffort: z.number(),
  totalEffort: z.number(),
  percent: z.number(),
  tasksDone: z.number().int(),
  tasksTotal: z.number().int(),
};

const TaskStatusEntryShape = z.object({
  id: z.string(),
  title: z.string(),
  componentId: z.string(),
  owner: z.string().optional(),
  effort: z.number(),
  status: TaskStatusEnum,
  since: Instant.optional(),
  by: z.string().optional(),
  note: z.string().optional(),
  scheduledStart: IsoDate,
  scheduledEnd: IsoDate,
  late: z.boolean(),
  lateDays: z.number().int(),
  blockedDays: z.number().int(),
});

const ComponentProgressShape = z.object({
  id: z.string(),
  title: z.string(),
  phaseId: z.string(),
  tier: TierEnum,
  owner: z.string().optional(),
  status: TaskStatusEnum,
  ...ProgressFields,
  startWeek: z.number().int(),
  endWeek: z.number().int(),
  scheduledEnd: IsoDate,
  late: z.boolean(),
});

const WeekProgressShape = z.object({
  week: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  phaseIds: z.array(z.string()),
  current: z.boolean(),
  ended: z.boolean(),
  ...ProgressFields,
});

const PhaseProgressShape = z.object({
  id: z.string(),
  title: z.string(),
  startWeek: z.number().int(),
  endWeek: z.number().int(),
  start: IsoDate,
  end: IsoDate,
  status: TaskStatusEnum,
  ...ProgressFields,
});

const LateItemShape = z.object({
  kind: z.enum(['task', 'component']),
  id: z.string(),
  title: z.string(),
  componentId: z.string(),
  tier: TierEnum,
  owner: z.string().optional(),
  status: TaskStatusEnum,
  scheduledEnd: IsoDate,
  daysLate: z.number().int(),
});

const BlockedItemShape = z.object({
  kind: z.enum(['task', 'component']),
  id: z.string(),
  title: z.string(),
  componentId: z.string(),
  owner: z.string().optional(),
  by: z.string().optional(),
  since: Instant.optional(),
  ageDays: z.number().int(),
  note: z.string().optional(),
});

const EvidenceShape = z.object({ path: z.string().optional(), url: z.string().optional(), sha256: z.string().optional() });

const MeasurementShape = z.object({
  value: z.number(),
  at: Instant,
  by: z.string(),
  evidence: EvidenceShape.optional(),
  note: z.string().optional(),
  source: z.enum(['manual', 'coverage', 'junit', 'bench']),
});

const ConditionViewShape = z.object({ op: ComparatorEnum, value: z.number(), text: z.string() });

const MetricStatusShape = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  target: ConditionViewShape,
  breach: ConditionViewShape.optional(),
  baseline: z.number().optional(),
  rollback: z.string().optional(),
  latest: MeasurementShape.optional(),
  trend: z.array(z.object({ at: Instant, value: z.number() })),
  direction: z.enum(['up', 'down', 'flat', 'none']),
  improving: z.boolean().optional(),
  state: MetricStateEnum,
  summary: z.string(),
  dueWeek: z.number().int().optional(),
});

const CriterionStatusShape = z.object({
  componentId: z.string(),
  index: z.number().int(),
  text: z.string(),
  metric: z.string().optional(),
  state: z.enum(['met', 'not-met', 'breached', 'unverified', 'manual']),
  met: z.boolean(),
});

const RollbackStateEnum = z.enum(['clear', 'firing', 'rolled-back']);

const RollbackStatusShape = z.object({
  id: z.string(),
  title: z.string(),
  action: z.enum(['abort', 'pause', 'continue']),
  state: RollbackStateEnum,
  firedAt: Instant.optional(),
  reason: z.string().optional(),
  deadlines: z.object({ assess: Instant, decide: Instant, execute: Instant }).optional(),
  overdue: z.enum(['assess', 'decide', 'execute']).optional(),
  components: z.array(z.string()),
  weeks: z.array(z.number().int()),
  history: z.array(z.object({ at: Instant, state: RollbackStateEnum, reason: z.string(), by: z.string().optional() })),
});

export const PlanStatusShape = z.object({
  format: z.literal('roadmap.status/v1'),
  project: z.string(),
  title: z.string(),
  today: IsoDate,
  now: Instant.optional(),
  timeline: z.enum(['before', 'during', 'after']),
  currentWeek: z.number().int().nullable(),
  currentPhase: z.string().nullable(),
  overall: z.object(ProgressFields),
  health: z.object({ state: z.enum(['on-track', 'at-risk', 'off-track']), reason: z.string(), reasons: z.array(z.string()) }),
  tasks: z.array(TaskStatusEntryShape),
  components: z.array(ComponentProgressShape),
  weeks: z.array(WeekProgressShape),
  phases: z.array(PhaseProgressShape),
  late: z.array(LateItemShape),
  blocked: z.array(BlockedItemShape),
  metrics: z.array(MetricStatusShape),
  criteria: z.array(CriterionStatusShape),
  rollback: z.array(RollbackStatusShape),
  readiness: z.array(
    z.object({
      category: z.string(),
      met: z.number().int(),
      total: z.number().int(),
      unverified: z.number().int(),
      evidenced: z.number().int(),
      percent: z.number(),
      grade: z.enum(['A', 'B', 'C', 'D', 'F']),
    }),
  ),
  conflicts: z.array(
    z.object({
      target: z.string(),
      entries: z.array(z.object({ by: z.string(), status: TrackedStatusEnum, at: Instant })),
      kept: TrackedStatusEnum,
    }),
  ),
  journal: z.object({ events: z.number().int(), authors: z.array(z.string()), lastEventAt: Instant.optional() }),
  problems: z.array(ProblemShape),
});

const DateSpanShape = z.object({ startWeek: z.number().int(), endWeek: z.number().int(), start: IsoDate, end: IsoDate });

const BaselineShape = z
  .object({
    baseline: z.object({ name: z.string(), at: Instant.describe('when it was saved'), by: z.string() }),
    today: IsoDate,
    projectedFrom: IsoDate.optional().describe('the current dates are actual for done work and projected from this date for the rest'),
    end: z
      .object({ baseline: IsoDate, current: IsoDate, slip: z.number().int().describe('work days, positive = later') })
      .describe('the end date as baselined and as it stands now'),
    components: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        state: z.enum(['todo', 'doing', 'done', 'blocked', 'skipped', 'added', 'removed']),
        planned: DateSpanShape.optional().describe('as baselined; absent for a component added since'),
        current: DateSpanShape.optional().describe('actual or projected now; absent when no longer scheduled'),
        source: z.enum(['actual', 'started', 'projected', 'planned']).optional(),
        startSlip: z.number().int().optional().describe('work days, positive = later'),
        finishSlip: z.number().int().optional().describe('work days, positive = later'),
      }),
    ),
    weeks: z.array(
      z.object({
        week: z.number().int(),
        start: IsoDate,
        end: IsoDate,
        planned: z.array(z.string()).describe('components the baseline had finishing this week'),
        done: z.number().int(),
        late: z.number().int(),
        worstSlip: z.number().int(),
      }),
    ),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    movesEnd: z
      .array(z.object({ id: z.string(), slip: z.number().int(), slack: z.number().int() }))
      .describe('components whose finish slipped past their baselined slack, earliest baselined start first'),
  })
  .describe('present only when a baseline is in use (the newest in the journal, or --baseline NAME); as in roadmap status --json');

export const ExportDocumentShape = z.object({
  format: z.literal(EXPORT_JSON_FORMAT),
  generator: z.string(),
  generatedAt: IsoDate.optional(),
  plan: PlanSchema,
  schedule: ScheduleShape,
  status: PlanStatusShape,
  baseline: BaselineShape.optional(),
});

export const EXPORT_SCHEMA_ID = 'https://roadmap.invalid/schema/export.schema.json';

/** The JSON Schema (draft 2020-12) committed as schema/export.schema.json. */
export function exportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExportDocumentShape, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: EXPORT_SCHEMA_ID,
    title: 'roadmap export (roadmap.export/v1)',
    description: 'The document `roadmap export --format json` writes: the plan, its schedule and its status. See docs/export.md.',
    ...openObjects(rest),
  };
}

/** Drops `additionalProperties: false` everywhere: fields may be added within v1. */
function openObjects(node: unknown): any {
  if (Array.isArray(node)) return node.map(openObjects);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'additionalProperties' && v === false) continue;
      out[k] = openObjects(v);
    }
    return out;
  }
  return node;
}

// Compile-time checks that every value the exporters produce fits the schema's types.
type Fits<T, U> = T extends U ? true : false;
const scheduleFits: Fits<Schedule, z.output<typeof ScheduleShape>> = true;
const statusFits: Fits<PlanStatus, z.output<typeof PlanStatusShape>> = true;
const documentFits: Fits<ExportDocument, z.output<typeof ExportDocumentShape>> = true;
export const SHAPES_MATCH_TYPES = scheduleFits && statusFits && documentFits;
