/**
 * The roadmap as a reader walks it: phases, their weeks, and in each week the components, tasks
 * (with their day ranges), objectives, paths and success criteria, joined with their tracked
 * status. The Markdown and HTML exports render this one view, so they always say the same thing.
 */
import type { Component, Level, Plan, RollbackRule, Tier } from '../plan-schema.js';
import type { DayRange, IsoDate, Schedule, ScheduledComponent, ScheduledPhase, ScheduledTask, ScheduledWeek } from '../schedule-types.js';
import type {
  ComponentProgress,
  CriterionState,
  MetricStatus,
  PhaseProgress,
  PlanStatus,
  RollbackStatus,
  TaskStatusEntry,
  WeekProgress,
} from '../status-types.js';
import { formatNumber } from '../metric-state.js';
import type { BaselineSlip } from '../baseline-slip.js';
import type { ComponentComparison } from '../baseline.js';
import type { TaskAgainstBaseline } from './against-baseline.js';
import { listLabel, scoreRangeLabel, withUnit } from './format.js';

/** What an exporter is given. */
export interface ExportInput {
  plan: Plan;
  schedule: Schedule;
  /** From `computeStatus`; with no journal everything is todo and every metric unverified. */
  status: PlanStatus;
  /**
   * The date given with `--today`. Exports carry a generation date only when one was given, so
   * that the same plan, journal and options always produce byte-identical files.
   */
  generatedAt?: IsoDate;
  /** iCalendar events and Mermaid bars: one per week / component (default) or one per task. */
  per?: 'week' | 'task';
  /** The comparison with a saved baseline (newest, or --baseline), when the journal holds one. */
  baseline?: BaselineSlip;
  /** With `baseline`: each task's baselined dates against its actual/projected ones, by task id. */
  baselineTasks?: ReadonlyMap<string, TaskAgainstBaseline>;
}

export interface WorkItemView {
  kind: 'task' | 'component';
  id: string;
  title: string;
  owner?: string;
  effort: number;
  /** This week's slice of the work. */
  range: Pick<DayRange, 'firstDay' | 'lastDay' | 'start' | 'end'>;
  /** The week this item first appears in, when that is an earlier one. */
  continuedFrom?: number;
  /** The next week this item appears in, when it goes on after this one. */
  continuesIn?: number;
  /** Steps, shown where the item first appears. */
  steps: string[];
  status?: TaskStatusEntry;
  componentStatus?: ComponentProgress;
}

export interface CriterionView {
  componentId: string;
  text: string;
  state: CriterionState;
  met: boolean;
  metric?: MetricStatus;
}

export interface WeekView {
  week: ScheduledWeek;
  progress?: WeekProgress;
  /** The components of this phase running this week, in the order they run. */
  components: ScheduledComponent[];
  /** Those that start this week (their objectives, paths and criteria are shown here). */
  starting: Component[];
  /** Those that started in an earlier week. */
  continuing: ScheduledComponent[];
  /** The component title, their shared group, or their titles listed. */
  theme: string;
  scoreLabel: string;
  impact: string[];
  risk?: Level;
  /** First and last work day (the week's start and end when it has none). */
  firstDay: IsoDate;
  lastDay: IsoDate;
  items: WorkItemView[];
  objectives: string[];
  paths: string[];
  criteria: CriterionView[];
}

export interface PhaseView {
  phase: ScheduledPhase;
  progress?: PhaseProgress;
  weeks: WeekView[];
}

export interface RoadmapView {
  input: ExportInput;
  plan: Plan;
  schedule: Schedule;
  status: PlanStatus;
  phases: PhaseView[];
  /** Plan components by id. */
  components: Map<string, Component>;
  scheduled: Map<string, ScheduledComponent>;
  rules: Map<string, RollbackRule>;
  ruleStatus: Map<string, RollbackStatus>;
  metrics: Map<string, MetricStatus>;
  componentStatus: Map<string, ComponentProgress>;
  taskStatus: Map<string, TaskStatusEntry>;
  /** The baseline comparison by component id; empty without a baseline. */
  againstBaseline: Map<string, ComponentComparison>;
}

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

export function buildView(input: ExportInput): RoadmapView {
  const { plan, schedule, status } = input;
  const view: RoadmapView = {
    input,
    plan,
    schedule,
    status,
    phases: [],
    components: byId(plan.components),
    scheduled: byId(schedule.components),
    rules: byId(plan.rollback),
    ruleStatus: byId(status.rollback),
    metrics: byId(status.metrics),
    componentStatus: byId(status.components),
    taskStatus: byId(status.tasks),
    againstBaseline: byId(input.baseline?.comparison.components ?? []),
  };
  const weekProgress = new Map(status.weeks.map((w) => [w.week, w]));
  const phaseProgress = byId(status.phases);
  const shownEmpty = new Set<number>();
  for (const phase of schedule.phases) {
    const members = new Set(phase.components);
    const weeks: WeekView[] = [];
    for (const week of schedule.weeks) {
      if (week.index < phase.startWeek || week.index > phase.endWeek) continue;
      const components = week.components.filter((id) => members.has(id)).map((id) => view.scheduled.get(id)!);
      // A week with no work at all (a freeze, holidays) still gets its line, once.
      if (components.length === 0 && (week.components.length > 0 || shownEmpty.has(week.index))) continue;
      if (components.length === 0) shownEmpty.add(week.index);
      weeks.push(weekView(view, week, components, weekProgress.get(week.index)));
    }
    view.phases.push({ phase, progress: phaseProgress.get(phase.id), weeks });
  }
  return view;
}

function weekView(view: RoadmapView, week: ScheduledWeek, components: ScheduledComponent[], progress: WeekProgress | undefined): WeekView {
  const planned = components.map((c) => view.components.get(c.id)!);
  const starting = planned.filter((c) => view.scheduled.get(c.id)!.startWeek === week.index);
  const continuing = components.filter((c) => c.startWeek < week.index);
  const impact = unique(planned.map((c) => c.impact_note ?? (c.impact ? `${c.impact.charAt(0).toUpperCase()}${c.impact.slice(1)}` : '')).filter(Boolean));
  const risk = components.length > 0 ? maxLevel(components.map((c) => c.risk)) : undefined;
  return {
    week,
    progress,
    components,
    starting,
    continuing,
    theme: themeOf(planned, week),
    scoreLabel: scoreRangeLabel(components.map((c) => ({ value: c.score.value, tier: c.score.tier as Tier })), view.plan),
    impact,
    ...(risk ? { risk } : {}),
    firstDay: week.workdays[0] ?? week.start,
    lastDay: week.workdays[week.workdays.length - 1] ?? week.end,
    items: components.flatMap((c) => workItems(view, c, week.index)).sort((a, b) => a.range.firstDay - b.range.firstDay || a.range.lastDay - b.range.lastDay),
    objectives: unique(starting.flatMap((c) => c.objectives)),
    paths: unique(starting.flatMap((c) => c.paths)),
    criteria: starting.flatMap((c) => criteriaOf(view, c)),
  };
}

function themeOf(components: Component[], week: ScheduledWeek): string {
  if (components.length === 0) return emptyWeekTheme(week);
  if (components.length === 1) return components[0]!.title;
  const groups = new Set(components.map((c) => c.group));
  const group = components[0]!.group;
  if (groups.size === 1 && group !== undefined) return group;
  return components.map((c) => c.title).join('; ');
}

function emptyWeekTheme(week: ScheduledWeek): string {
  const why = [
    ...(week.frozen.length > 0 ? ['code freeze'] : []),
    ...week.holidays.map((h) => h.name ?? 'holiday'),
  ];
  return why.length > 0 ? `No work scheduled (${listLabel(unique(why))})` : 'No work scheduled';
}

function workItems(view: RoadmapView, component: ScheduledComponent, weekIndex: number): WorkItemView[] {
  const planned = view.components.get(component.id)!;
  if (component.tasks.length === 0) {
    const at = component.segments.findIndex((s) => s.week === weekIndex);
    const segment = component.segments[at];
    if (!segment) return [];
    const week = view.schedule.weeks[weekIndex - 1]!;
    const cs = view.componentStatus.get(component.id);
    return [
      {
        kind: 'component',
        id: component.id,
        title: component.title,
        ...(planned.owner !== undefined ? { owner: planned.owner } : {}),
        effort: segment.effort,
        range: {
          firstDay: segment.firstDay,
          lastDay: segment.lastDay,
          start: week.workdays[segment.firstDay - 1] ?? week.start,
          end: week.workdays[segment.lastDay - 1] ?? week.end,
        },
        ...(at > 0 ? { continuedFrom: component.segments[0]!.week } : {}),
        ...(at < component.segments.length - 1 ? { continuesIn: component.segments[at + 1]!.week } : {}),
        steps: [],
        ...(cs ? { componentStatus: cs } : {}),
      },
    ];
  }
  const steps = new Map(planned.tasks.map((t) => [t.id, t.steps]));
  return component.tasks.flatMap((task) => taskItem(view, task, weekIndex, steps.get(task.id) ?? []));
}

function taskItem(view: RoadmapView, task: ScheduledTask, weekIndex: number, steps: string[]): WorkItemView[] {
  const at = task.ranges.findIndex((r) => r.week === weekIndex);
  const range = task.ranges[at];
  if (!range) return [];
  const status = view.taskStatus.get(task.id);
  return [
    {
      kind: 'task',
      id: task.id,
      title: task.title,
      ...(task.owner !== undefined ? { owner: task.owner } : {}),
      effort: task.effort,
      range,
      ...(at > 0 ? { continuedFrom: task.ranges[0]!.week } : {}),
      ...(at < task.ranges.length - 1 ? { continuesIn: task.ranges[at + 1]!.week } : {}),
      steps: at === 0 ? steps : [],
      ...(status ? { status } : {}),
    },
  ];
}

export function criteriaOf(view: RoadmapView, component: Component): CriterionView[] {
  const states = view.status.criteria.filter((c) => c.componentId === component.id);
  return component.success.map((criterion, index) => {
    const text = typeof criterion === 'string' ? criterion : criterion.text;
    const metricId = typeof criterion === 'string' ? undefined : criterion.metric;
    const state = states.find((s) => s.index === index);
    const metric = metricId !== undefined ? view.metrics.get(metricId) : undefined;
    return {
      componentId: component.id,
      text,
      state: state?.state ?? (metric ? metric.state : 'manual'),
      met: state?.met ?? false,
      ...(metric ? { metric } : {}),
    };
  });
}

const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2 };

export function maxLevel(levels: readonly Level[]): Level {
  return levels.reduce<Level>((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a), 'low');
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * "critical path, slack 0 d" or "slack 3 d"; undefined when the schedule has no critical path
 * computed (the caller used schedulePlan) or the component is finished.
 */
export function slackLabel(component: Pick<ScheduledComponent, 'slack' | 'critical'>): string | undefined {
  if (component.slack === undefined) return undefined;
  return component.critical ? `critical path, slack ${component.slack} d` : `slack ${component.slack} d`;
}

/** "+2 d", "0 d", "-1 d": a slip in work days. */
export function slipLabel(slip: number | undefined): string {
  if (slip === undefined) return 'n/a';
  return `${slip > 0 ? '+' : ''}${slip} d`;
}

/** The phase a component runs in. */
export function phaseOf(view: RoadmapView, componentId: string): ScheduledPhase | undefined {
  const phaseId = view.scheduled.get(componentId)?.phaseId;
  return view.schedule.phases.find((p) => p.id === phaseId);
}

/** The weeks a rollback rule guards: from the status when it has them, else from the schedule. */
export function ruleWeeks(view: RoadmapView, ruleId: string): number[] {
  const fromStatus = view.ruleStatus.get(ruleId)?.weeks;
  if (fromStatus) return fromStatus;
  return view.schedule.weeks.filter((w) => w.rollbackRules.includes(ruleId)).map((w) => w.index);
}

/** "1-2, 4" from [1, 2, 4]. */
export function weekListLabel(weeks: readonly number[]): string {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'Week' : 'Weeks'} ${runs.join(', ')}`;
}

/** "met", "not met", "breached", "unverified" or, for text-only criteria, "met"/"not met yet". */
export function criterionWord(criterion: Pick<CriterionView, 'state' | 'met'>): string {
  switch (criterion.state) {
    case 'met':
      return 'met';
    case 'not-met':
      return 'not met';
    case 'breached':
      return 'breached';
    case 'unverified':
      return 'unverified';
    case 'manual':
      return criterion.met ? 'met' : 'not met yet';
  }
}

/** What the state rests on, one line: the measurement and target, or how a manual one is met. */
export function criterionDetail(criterion: CriterionView, componentTitle: string): string {
  const metric = criterion.metric;
  if (!metric) return criterion.met ? `${componentTitle} is done` : `met when ${componentTitle} is done`;
  const target = `target ${withUnit(metric.target.text, metric.unit)}`;
  if (!metric.latest) return `${metric.name}: no measurement yet, ${target}`;
  return `${metric.name}: ${latestLabel(metric)}, ${target}`;
}

/** "42 x on 2026-11-06 by Ana". */
export function latestLabel(metric: MetricStatus): string {
  if (!metric.latest) return 'none';
  return `${withUnit(formatNumber(metric.latest.value), metric.unit)} on ${metric.latest.at.slice(0, 10)} by ${metric.latest.by}`;
}

/** The evidence of the latest measurement: where it is (path or URL) and a short sha256. */
export function evidenceParts(metric: MetricStatus): { where?: string; sha?: string } | undefined {
  const evidence = metric.latest?.evidence;
  if (!evidence) return undefined;
  const where = evidence.path ?? evidence.url;
  const sha = evidence.sha256 ? `sha256 ${evidence.sha256.slice(0, 12)}` : undefined;
  if (where === undefined && sha === undefined) return undefined;
  return { ...(where !== undefined ? { where } : {}), ...(sha !== undefined ? { sha } : {}) };
}
