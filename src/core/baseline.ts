/**
 * Baselines: a schedule as it stood when someone said "this is the plan", kept as a `baseline`
 * journal event (`roadmap baseline save`), and the comparison of today's actuals and projection
 * against it (`roadmap baseline diff`, and any view that calls compareToBaseline).
 *
 * The stored data is compact (`"format": "roadmap.baseline/v1"`): per component its weeks, dates,
 * effort and slack, per task its dates, and the end date. The standup reads the same data for
 * scope changes (components and their task ids, see readBaselineScope in standup.ts).
 */
import { z } from 'zod';
import { buildCalendar, dayToIso, isoToDay } from './calendar.js';
import type { BaselineEvent, JournalState } from './journal.js';
import type { Plan } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import { WorkdayAxis } from './projection.js';
import type { IsoDate, Schedule } from './schedule-types.js';
import type { IsoDateTime, PlanStatus, TaskStatus } from './status-types.js';

export const BASELINE_FORMAT = 'roadmap.baseline/v1';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const BaselineTask = z.looseObject({ id: z.string(), title: z.string().optional(), start: DateText, end: DateText });
const BaselineComponent = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  startWeek: z.number().int(),
  endWeek: z.number().int(),
  start: DateText,
  end: DateText,
  effort: z.number(),
  slack: z.number().optional(),
  tasks: z.array(BaselineTask).default([]),
});
/** Loose: a newer roadmap may store more, and an older one must still read what it knows. */
export const BaselineDataSchema = z.looseObject({
  format: z.literal(BASELINE_FORMAT),
  start: DateText,
  end: DateText,
  weeks: z.number().int().min(0),
  components: z.array(BaselineComponent),
});

export type BaselineData = z.output<typeof BaselineDataSchema>;
export type BaselineComponentData = z.output<typeof BaselineComponent>;

export interface Baseline {
  name: string;
  at: IsoDateTime;
  by: string;
  data: BaselineData;
}

/** The compact snapshot stored in a baseline event. */
export function baselineData(schedule: Schedule): BaselineData {
  return {
    format: BASELINE_FORMAT,
    start: schedule.start,
    end: schedule.end,
    weeks: schedule.weeks.length,
    components: schedule.components.map((c) => ({
      id: c.id,
      title: c.title,
      startWeek: c.startWeek,
      endWeek: c.endWeek,
      start: c.start,
      end: c.end,
      effort: c.effort,
      ...(c.slack !== undefined ? { slack: c.slack } : {}),
      tasks: c.tasks.map((t) => ({ id: t.id, title: t.title, start: t.start, end: t.end })),
    })),
  };
}

/** Every readable baseline in journal order; unreadable ones are problems (warnings), not throws. */
export function readBaselines(journal: Pick<JournalState, 'baselines'>): { baselines: Baseline[]; problems: Problem[] } {
  const baselines: Baseline[] = [];
  const problems: Problem[] = [];
  for (const e of journal.baselines as (BaselineEvent & { origin?: { file: string; line: number } })[]) {
    const parsed = BaselineDataSchema.safeParse(e.data);
    if (parsed.success) {
      baselines.push({ name: e.name, at: e.at, by: e.by, data: parsed.data });
    } else {
      problems.push(
        problem('baseline-unreadable', `baseline "${e.name}" (${e.at.slice(0, 10)}) holds no schedule this roadmap can read; it was skipped`, {
          severity: 'warning',
          ...(e.origin ? { file: e.origin.file, line: e.origin.line } : {}),
        }),
      );
    }
  }
  return { baselines, problems };
}

/** The latest baseline with that name, or the latest of all when no name is given. */
export function findBaseline(baselines: readonly Baseline[], name?: string): Baseline | undefined {
  for (let i = baselines.length - 1; i >= 0; i--) if (name === undefined || baselines[i]!.name === name) return baselines[i];
  return undefined;
}

export type ComparisonState = TaskStatus | 'added' | 'removed';

export interface DateSpan {
  startWeek: number;
  endWeek: number;
  start: IsoDate;
  end: IsoDate;
}

export interface ComponentComparison {
  id: string;
  title: string;
  state: ComparisonState;
  /** As baselined; absent for components added since. */
  planned?: DateSpan;
  /** Now; absent for components removed since (or no longer scheduled). */
  current?: DateSpan;
  /** actual: both dates happened; started: the start happened, the finish is projected; projected; planned (not a projection). */
  source?: 'actual' | 'started' | 'projected' | 'planned';
  /** Work days, positive = later; absent unless both sides exist. */
  startSlip?: number;
  finishSlip?: number;
}

export interface WeekComparison {
  week: number;
  /** The baseline's dates for the week. */
  start: IsoDate;
  end: IsoDate;
  /** Components the baseline had finishing this week. */
  planned: string[];
  /** Of those, done now. */
  done: number;
  /** Of those, finishing (or finished) later than the baseline said. */
  late: number;
  /** The largest finish slip among them, in work days (0 when none is late). */
  worstSlip: number;
}

export interface BaselineComparison {
  baseline: { name: string; at: IsoDateTime; by: string };
  today: IsoDate;
  /** Set when the schedule compared is a projection from this date. */
  projectedFrom?: IsoDate;
  end: { baseline: IsoDate; current: IsoDate; slip: number };
  components: ComponentComparison[];
  weeks: WeekComparison[];
  added: string[];
  removed: string[];
}

/**
 * Compares a baseline with a schedule (ideally a projection from today, so done work shows its
 * actual dates) and the status of the same day. Slips are work days of the plan's calendar: a
 * finish moved from Friday to the next Tuesday slipped 2.
 */
export function compareToBaseline(baseline: Baseline, schedule: Schedule, status: PlanStatus, plan: Plan): BaselineComparison {
  const axis = new WorkdayAxis(buildCalendar(plan));
  const now = new Map(schedule.components.map((c) => [c.id, c]));
  const statusOf = new Map(status.components.map((c) => [c.id, c.status]));
  const inPlan = new Set(plan.components.map((c) => c.id));
  const was = new Map(baseline.data.components.map((c) => [c.id, c]));

  const components: ComponentComparison[] = [];
  const span = (c: { startWeek: number; endWeek: number; start: IsoDate; end: IsoDate }): DateSpan => ({
    startWeek: c.startWeek,
    endWeek: c.endWeek,
    start: c.start,
    end: c.end,
  });
  const compare = (id: string) => {
    const before = was.get(id);
    const after = now.get(id);
    const title = after?.title ?? before?.title ?? id;
    const state: ComparisonState = !before ? 'added' : !inPlan.has(id) ? 'removed' : (statusOf.get(id) ?? 'todo');
    const row: ComponentComparison = { id, title, state };
    if (before) row.planned = span(before);
    if (after) {
      row.current = span(after);
      row.source =
        after.actual?.state === 'done' ? 'actual' : after.actual?.state === 'in-progress' ? 'started' : schedule.projectedFrom !== undefined ? 'projected' : 'planned';
    }
    if (before && after) {
      row.startSlip = axis.startSlip(before.start, after.start);
      row.finishSlip = axis.finishSlip(before.end, after.end);
    }
    components.push(row);
  };
  for (const c of baseline.data.components) compare(c.id);
  for (const c of schedule.components) if (!was.has(c.id)) compare(c.id);

  const weeks: WeekComparison[] = [];
  const startDay = isoToDay(baseline.data.start);
  const byEndWeek = new Map<number, ComponentComparison[]>();
  for (const r of components) {
    if (r.planned === undefined) continue;
    const list = byEndWeek.get(r.planned.endWeek);
    if (list) list.push(r);
    else byEndWeek.set(r.planned.endWeek, [r]);
  }
  for (let w = 1; w <= baseline.data.weeks; w++) {
    const rows = byEndWeek.get(w) ?? [];
    // One pass, and no Math.max(...slips): a week of a big plan can hold more rows than a call
    // takes arguments.
    let done = 0;
    let late = 0;
    let worstSlip = 0;
    for (const r of rows) {
      const slip = r.finishSlip ?? 0;
      if (r.state === 'done' || r.state === 'skipped') done++;
      if (slip > 0 || (r.state !== 'removed' && r.current === undefined)) late++;
      if (slip > worstSlip) worstSlip = slip;
    }
    weeks.push({
      week: w,
      start: dayToIso(startDay + 7 * (w - 1)),
      end: dayToIso(startDay + 7 * (w - 1) + 6),
      planned: rows.map((r) => r.id),
      done,
      late,
      worstSlip,
    });
  }

  return {
    baseline: { name: baseline.name, at: baseline.at, by: baseline.by },
    today: status.today,
    ...(schedule.projectedFrom !== undefined ? { projectedFrom: schedule.projectedFrom } : {}),
    end: { baseline: baseline.data.end, current: schedule.end, slip: axis.finishSlip(baseline.data.end, schedule.end) },
    components,
    weeks,
    added: components.filter((r) => r.state === 'added').map((r) => r.id),
    removed: components.filter((r) => r.state === 'removed').map((r) => r.id),
  };
}
