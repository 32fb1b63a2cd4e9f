/**
 * The phased week scheduler.
 *
 * MODEL
 * - Scores and tiers come from score.ts. Phases are plan.phases when given (each lists tiers; a
 *   tier belongs to the first phase listing it), else one phase per tier present, in the order
 *   critical, high, medium, low, titled "Critical Priority" and so on, with the tier as id.
 * - Weeks: week k covers the seven calendar days from start + 7(k-1). Its capacity is
 *   capacity_per_week x (work days in the week / work days in a normal week); see calendar.ts.
 * - The team is one pool that works through components in order. Each week has a fill pointer:
 *   the person-days already used. A component starts at the fill pointer of its start week and
 *   consumes its effort (component.effort, else the sum of its tasks' effort) from the remaining
 *   capacity of that week and the following weeks, so a large component spans several weeks and
 *   a component placed later in a week always runs after those placed earlier in it.
 * - Placement order: pinned components first, into their pinned weeks (by week, then the order
 *   below among those pinned to the same week); then everything else in dependency order,
 *   choosing among ready components by (phase, score descending, id) with a priority queue.
 * - A component's earliest week is the later of its phase gate and the end week of each
 *   dependency. With scheduling.phase_gates a phase starts no earlier than the week after the
 *   last week of every earlier phase. It starts in the first week at or after that with capacity
 *   left, so it shares a week with a dependency only when the dependency ran earlier in the week.
 * - Risk budget: at most scheduling.max_high_risk_starts_per_week high-risk components start in a
 *   week; high-risk work does not run in a week with a work day in the seven days before a freeze
 *   starts (a spanning high-risk component pauses over it); freeze days have no capacity at all.
 * - Pins: a pinned component starts in its pinned week even when that week is full (its first
 *   week then takes up to a week's capacity of it); over capacity is a warning, a dependency
 *   ending after the pinned start is an error, and so is a pin into a week with no work days
 *   (the component then starts in the next week that has some).
 * - Day ranges: inside a week, position = fill pointer / max(capacity, used) x work days in the
 *   week. Tasks run in order through the component's span, each taking the part proportional to
 *   its effort; firstDay = floor(start position) + 1, lastDay = ceil(end position), and the dates
 *   are the week's work days (holidays and freeze days are never among them).
 * - Nothing is silent: every constraint that cannot be met, and every strain, is a Problem.
 *   Components that cannot be placed within HORIZON_WEEKS are left out of `components` and listed
 *   in `unscheduled` with an error.
 * - Deterministic: components are taken in id order and every tie is broken by id, so the same
 *   plan gives the same schedule byte for byte whatever the order of components, criteria or
 *   dependencies in the file. Task order inside a component is meaningful and kept.
 * - Near-linear: a heap for the ready queue, a union-find "next week with capacity" index, and a
 *   memoised calendar: 50,000 components schedule in well under a second.
 */
import { buildCalendar, HORIZON_WEEKS, type WorkCalendar } from './calendar.js';
import { priorityTopoOrder } from './graph.js';
import type { Component, Level, Plan, Tier } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import { riskLevel } from './risk-level.js';
import type {
  DayRange,
  IsoDate,
  Schedule,
  ScheduledComponent,
  ScheduledPhase,
  ScheduledTask,
  ScheduledWeek,
  ScoreResult,
  WeekSegment,
} from './schedule-types.js';
import { compareIds, componentEffort, createScorer, formatNumber, planWithWeights } from './score.js';

export interface ScheduleOptions {
  /** Criterion id -> weight, replacing the plan's weights (what-if). */
  weights?: Record<string, number>;
  /** What-if capacity by week (assumptions.ts), applied in order after the calendar's own. */
  capacity?: readonly CapacityChange[];
  /** Re-plan from a point in time, keeping what already happened where it happened (projection.ts). */
  replan?: Replan;
}

/** Weeks fromWeek..toWeek run at `factor` x their capacity (holidays and freezes still count). */
export interface CapacityChange {
  fromWeek: number;
  toWeek: number;
  factor: number;
}

/** Work-day positions inside one week: [fromDay, toDay) counted from its first work day (0). */
export interface DaySpan {
  week: number;
  fromDay: number;
  toDay: number;
}

export interface Replan {
  /** Where new work may start: the week and the work-day position in it. Earlier capacity is gone. */
  from: { week: number; day: number };
  /** Components already started or finished, by id; every other component has not started. */
  started: ReadonlyMap<string, StartedWork>;
}

export interface StartedWork {
  /** Where it already ran, oldest first; empty when it started at `from`. */
  past: DaySpan[];
  /** Person-days still to do, laid out from `from` before any other work; 0 when done. */
  remaining: number;
  /** Day ranges of its finished (done or skipped) tasks; the other tasks share the remaining work. */
  closedTasks: ReadonlyMap<string, DayRange[]>;
  /** Why it sits where it does: the first of its reasons. */
  reason: string;
}

/** Fill positions behind a schedule, for analyses that need more than day ranges (critical-path.ts). */
export interface ScheduleLayout {
  components: Map<string, ComponentLayout>;
  /** Re-planning: the week and fill position new work started from. */
  replanFrom?: { week: number; fill: number };
}

/**
 * A fill position as a work-day position inside its week: fill / max(capacity, used) x work
 * days. In the week a re-plan starts, the part before `split` keeps the calendar's pace so
 * that a full week after it (pins over capacity) never squeezes new work back before today.
 */
export function fillToDay(fill: number, week: { capacity: number; used: number; count: number }, split?: number): number {
  const { capacity, used, count } = week;
  if (split !== undefined && capacity > 0 && split > 0) {
    if (fill <= split) return tidy((fill * count) / capacity);
    const d0 = (split * count) / capacity;
    const rest = Math.max(capacity - split, used - split);
    return rest > 0 ? tidy(d0 + ((fill - split) * (count - d0)) / rest) : tidy(d0);
  }
  const denom = Math.max(capacity, used);
  return denom > 0 ? tidy((fill * count) / denom) : 0;
}

export interface ComponentLayout {
  /** Person-days from the start of each week's capacity, in order; `past` ones already happened. */
  segments: { week: number; from: number; to: number; past: boolean }[];
  /** Placement order: work placed later runs after work placed earlier in a shared week. */
  seq: number;
  /** Placed by the dependency queue (so it waits for dependencies and phase gates); false for pins and started work. */
  queued: boolean;
}

export const TIER_ORDER: readonly Tier[] = ['critical', 'high', 'medium', 'low'];
export const TIER_PHASE_TITLES: Record<Tier, string> = {
  critical: 'Critical Priority',
  high: 'High Priority',
  medium: 'Medium Priority',
  low: 'Low Priority',
};

/** Keeps sums of fractional efforts from drifting (14.999999999 must read as 15). */
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;
/**
 * "Nothing left", in person-days. Each tidy() may be off by 5e-10, and a component laid over many
 * prorated weeks (5/6 of a person-day each) collects several: at 1e-9 a residue of 2e-9 spilled
 * into an extra week and pushed a later phase a whole week. No plan means a millionth of a day.
 */
const EPS = 1e-6;
/** The same tolerance for positions inside a week, in days. */
const DAY_EPS = 1e-6;
/** How many ids a single problem message lists before "and N more". */
const LIST_LIMIT = 10;

interface PhaseInfo {
  id: string;
  title: string;
  tiers: Tier[];
}

interface Segment {
  week: number;
  /** Fill positions in person-days inside the week. */
  from: number;
  to: number;
}

interface Node {
  index: number;
  /** Position in plan.components, for problem paths. */
  planIndex: number;
  component: Component;
  id: string;
  score: ScoreResult;
  phase: number;
  risk: Level;
  high: boolean;
  effort: number;
  deps: number[];
  dependants: number[];
  pinned: boolean;
  segments: Segment[];
  placed: boolean;
  /** Placement sequence, the tie-break inside a week. */
  seq: number;
  unscheduled?: string;
  reasons: string[];
  /** Person-days still to lay out: the effort, or what is left of started work when re-planning. */
  todo: number;
  started?: StartedWork;
  /** How many of `segments` already happened (re-planning). */
  pastCount: number;
  /** Placed by the dependency queue rather than as a pin or as started work. */
  queued: boolean;
}

/** A week's capacity after the what-if changes that cover it; a week with no work days stays at 0. */
function adjustCapacity(capacity: number, week: number, changes: readonly CapacityChange[] | undefined): number {
  if (!changes || capacity <= 0) return capacity;
  let c = capacity;
  for (const ch of changes) {
    if (week < ch.fromWeek || week > ch.toWeek) continue;
    c *= ch.factor;
  }
  return Math.max(0, tidy(c));
}

function listIds(ids: readonly string[]): string {
  if (ids.length <= LIST_LIMIT) return ids.join(', ');
  return `${ids.slice(0, LIST_LIMIT).join(', ')} and ${ids.length - LIST_LIMIT} more`;
}

function weekSpan(first: number, last: number): string {
  return first === last ? `week ${first}` : `weeks ${first}-${last}`;
}

function resolvePhases(plan: Plan, nodes: readonly Node[], problems: Problem[]): { phases: PhaseInfo[]; tierPhase: Map<Tier, number> } {
  const tierPhase = new Map<Tier, number>();
  const present = new Set(nodes.map((n) => n.score.tier));
  if (!plan.phases) {
    const phases = TIER_ORDER.filter((t) => present.has(t)).map((t) => ({ id: t, title: TIER_PHASE_TITLES[t], tiers: [t] }));
    phases.forEach((p, i) => tierPhase.set(p.tiers[0]!, i));
    return { phases, tierPhase };
  }
  const phases: PhaseInfo[] = plan.phases.map((p) => ({ id: p.id, title: p.title, tiers: [...p.tiers] }));
  phases.forEach((p, i) => {
    for (const tier of p.tiers) {
      const owner = tierPhase.get(tier);
      if (owner === undefined) {
        tierPhase.set(tier, i);
      } else if (owner !== i) {
        problems.push(
          problem('schedule-tier-in-several-phases', `tier ${tier} is listed in phases ${phases[owner]!.id} and ${p.id}; it runs in ${phases[owner]!.id}`, {
            severity: 'warning',
            hint: `list ${tier} in one phase only`,
            path: ['phases', i, 'tiers'],
          }),
        );
      }
    }
  });
  const orphanTiers = TIER_ORDER.filter((t) => present.has(t) && !tierPhase.has(t));
  if (orphanTiers.length > 0) {
    const used = new Set(phases.map((p) => p.id));
    let id = 'unphased';
    for (let n = 2; used.has(id); n++) id = `unphased-${n}`;
    const orphans = nodes.filter((n) => orphanTiers.includes(n.score.tier)).map((n) => n.id);
    problems.push(
      problem('schedule-tier-without-phase', `no phase lists tier ${orphanTiers.join(', ')}, so ${listIds(orphans)} run in an extra last phase "${id}"`, {
        severity: 'warning',
        hint: `add ${orphanTiers.join(', ')} to a phase's tiers`,
        path: ['phases'],
      }),
    );
    phases.push({ id, title: `Unphased (${orphanTiers.join(', ')})`, tiers: orphanTiers });
    for (const t of orphanTiers) tierPhase.set(t, phases.length - 1);
  }
  return { phases, tierPhase };
}

function checkScoringConfig(plan: Plan, problems: Problem[]): void {
  const ids = new Set(plan.scoring.criteria.map((c) => c.id));
  const unknown = (list: readonly string[], where: string) => {
    for (const id of list) {
      if (id !== 'effort' && !ids.has(id)) {
        problems.push(
          problem('score-unknown-criterion', `scoring.${where} names "${id}", which is not a criterion; it counts as the scale minimum`, {
            path: ['scoring', where.split('.')[0]!],
          }),
        );
      }
    }
  };
  if (plan.scoring.scorer === 'wsjf' && plan.scoring.wsjf) {
    unknown([...plan.scoring.wsjf.cost_of_delay, plan.scoring.wsjf.job_size], 'wsjf');
  }
  if (plan.scoring.scorer === 'rice') {
    const rice = plan.scoring.rice;
    if (rice) unknown([rice.reach, rice.impact, rice.confidence, rice.effort], 'rice');
    else if (!['reach', 'impact', 'confidence'].every((id) => ids.has(id))) {
      problems.push(
        problem('score-rice-unconfigured', 'the rice scorer needs reach, impact and confidence criteria', {
          hint: 'add a scoring.rice block naming them, e.g. { reach: users, impact: impact, confidence: confidence }',
          path: ['scoring'],
        }),
      );
    }
  }
  if (plan.scoring.scorer === 'weighted' && plan.scoring.criteria.every((c) => c.weight <= 0)) {
    problems.push(
      problem('score-zero-weights', 'every criterion weight is 0, so every component scores the scale minimum', {
        severity: 'warning',
        hint: 'give at least one criterion a weight above 0',
        path: ['scoring', 'criteria'],
      }),
    );
  }
}

function effectiveWeights(plan: Plan, weights: Record<string, number> | undefined, problems: Problem[]): Record<string, number> {
  const usable: Record<string, number> = {};
  if (!weights) return usable;
  const ids = new Set(plan.scoring.criteria.map((c) => c.id));
  for (const key of Object.keys(weights).sort(compareIds)) {
    const value = weights[key]!;
    if (!ids.has(key)) {
      problems.push(problem('schedule-unknown-weight', `what-if weight for "${key}" ignored: the plan has no such criterion`, { severity: 'warning' }));
    } else if (!Number.isFinite(value) || value < 0) {
      problems.push(problem('schedule-invalid-weight', `what-if weight ${value} for "${key}" ignored: weights are numbers of 0 or more`, { severity: 'warning' }));
    } else {
      usable[key] = value;
    }
  }
  if (Object.keys(usable).length > 0 && plan.scoring.scorer !== 'weighted') {
    problems.push(
      problem('schedule-weights-unused', `criterion weights do not change ${plan.scoring.scorer} scores`, {
        severity: 'warning',
        hint: 'weights apply to the weighted scorer only',
      }),
    );
  }
  return usable;
}

export function schedulePlan(plan: Plan, opts: ScheduleOptions = {}): Schedule {
  return schedulePlanWithLayout(plan, opts).schedule;
}

/** The schedule and the fill positions behind it (critical-path.ts reads them). */
export function schedulePlanWithLayout(plan: Plan, opts: ScheduleOptions = {}): { schedule: Schedule; layout: ScheduleLayout } {
  const problems: Problem[] = [];
  const weights = effectiveWeights(plan, opts.weights, problems);
  const scored = Object.keys(weights).length > 0 ? planWithWeights(plan, weights) : plan;
  checkScoringConfig(scored, problems);

  const calendar = buildCalendar(plan);
  problems.push(...calendar.problems);

  // --- nodes, in id order -------------------------------------------------------------------
  const planIndex = new Map<Component, number>();
  plan.components.forEach((c, i) => planIndex.set(c, i));
  // Sorted as (id, position in the plan); the positions come from planIndex, read once per component.
  const keyed = plan.components.map((c) => ({ c, id: c.id, at: planIndex.get(c)! }));
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.at - b.at));
  const sorted = keyed.map((k) => k.c);
  const byId = new Map<string, number>();
  const nodes: Node[] = [];
  const scoreOf = createScorer(scored);
  for (const c of sorted) {
    if (byId.has(c.id)) {
      problems.push(
        problem('schedule-duplicate-component', `component id "${c.id}" is used twice; only the first is scheduled`, {
          path: ['components', planIndex.get(c)!, 'id'],
        }),
      );
      continue;
    }
    const risk = riskLevel(c);
    const node: Node = {
      index: nodes.length,
      planIndex: planIndex.get(c)!,
      component: c,
      id: c.id,
      score: scoreOf(c),
      phase: 0,
      risk,
      high: risk === 'high',
      effort: componentEffort(c),
      deps: [],
      dependants: [],
      pinned: c.pin !== undefined,
      segments: [],
      placed: false,
      seq: -1,
      reasons: [],
      todo: 0,
      pastCount: 0,
      queued: false,
    };
    const started = opts.replan?.started.get(c.id);
    if (started) node.started = started;
    node.todo = started ? started.remaining : node.effort;
    byId.set(c.id, node.index);
    nodes.push(node);
  }

  for (const node of nodes) {
    const deps = new Set<number>();
    for (const [k, depId] of node.component.depends_on.entries()) {
      const dep = byId.get(depId);
      if (dep === undefined) {
        problems.push(
          problem('schedule-unknown-dependency', `${node.id} depends on "${depId}", which is not a component; the dependency is ignored`, {
            path: ['components', node.planIndex, 'depends_on', k],
          }),
        );
      } else if (dep === node.index) {
        problems.push(
          problem('schedule-self-dependency', `${node.id} depends on itself; that dependency is ignored`, {
            severity: 'warning',
            path: ['components', node.planIndex, 'depends_on', k],
          }),
        );
      } else {
        deps.add(dep);
      }
    }
    node.deps = [...deps].sort((a, b) => a - b);
    for (const d of node.deps) nodes[d]!.dependants.push(node.index);
    if (node.effort <= 0) {
      problems.push(
        problem('schedule-no-effort', `${node.id} has no effort and no tasks, so it takes no time`, {
          severity: 'warning',
          hint: 'give it an effort in person-days, or tasks with effort',
          path: ['components', node.planIndex],
        }),
      );
    }
  }

  const { phases, tierPhase } = resolvePhases(plan, nodes, problems);
  for (const node of nodes) node.phase = tierPhase.get(node.score.tier)!;
  for (const node of nodes) {
    for (const d of node.deps) {
      const dep = nodes[d]!;
      if (dep.phase > node.phase) {
        problems.push(
          problem(
            'schedule-dependency-on-later-phase',
            `${node.id} (phase ${phases[node.phase]!.id}) depends on ${dep.id} (phase ${phases[dep.phase]!.id}), so it waits for a later phase`,
            {
              severity: 'warning',
              hint: `raise ${dep.id}'s priority, or drop the dependency`,
              path: ['components', node.planIndex, 'depends_on'],
            },
          ),
        );
      }
    }
  }

  // Nodes are in id order, so comparing indexes compares ids (and is much cheaper).
  const compareNodes = (a: number, b: number): number => {
    const x = nodes[a]!;
    const y = nodes[b]!;
    return x.phase - y.phase || y.score.value - x.score.value || a - b;
  };

  // --- week state -----------------------------------------------------------------------------
  const H = calendar.horizon;
  const cap = new Float64Array(H + 2);
  const used = new Float64Array(H + 2);
  const blocked: (string | undefined)[] = new Array(H + 2);
  for (let w = 1; w <= H; w++) {
    cap[w] = adjustCapacity(calendar.capacityOf(w), w, opts.capacity);
    blocked[w] = calendar.beforeFreezeOf(w);
  }
  // next[w]: a week >= w that may have capacity left (union-find with path compression).
  const next = new Int32Array(H + 2);
  for (let w = 0; w <= H + 1; w++) next[w] = w >= 1 && w <= H && cap[w]! > EPS ? w : w + 1;
  next[H + 1] = H + 1;
  /** Fill position of a work-day position inside a week. */
  const dayFill = (w: number, day: number): number => {
    const n = calendar.workdayCount(w);
    // Not tidied: 1/3 of a week must map back to exactly its first work day.
    return n > 0 ? (cap[w]! * Math.min(Math.max(day, 0), n)) / n : 0;
  };
  // Re-planning: the capacity before `from` is gone, whether or not it was used.
  const replanFrom = opts.replan ? Math.min(Math.max(opts.replan.from.week, 1), H + 1) : 1;
  let lastOpenBeforeReplan = 0;
  for (let w = replanFrom - 1; w >= 1 && lastOpenBeforeReplan === 0; w--) if (cap[w]! > EPS) lastOpenBeforeReplan = w;
  if (opts.replan) {
    for (let w = 1; w < replanFrom; w++) {
      used[w] = cap[w]!;
      next[w] = w + 1;
    }
    if (replanFrom <= H) {
      used[replanFrom] = dayFill(replanFrom, opts.replan.from.day);
      if (cap[replanFrom]! - used[replanFrom]! <= EPS) next[replanFrom] = replanFrom + 1;
    }
  }
  const findOpen = (start: number): number => {
    let w = Math.max(1, start);
    if (w > H) return H + 1;
    let root = w;
    while (next[root] !== root) root = next[root]!;
    while (next[w] !== root) {
      const up = next[w]!;
      next[w] = root;
      w = up;
    }
    return root;
  };
  const remaining = (w: number) => cap[w]! - used[w]!;
  const highStarts = new Map<number, number[]>();
  const highCount = (w: number) => highStarts.get(w)?.length ?? 0;
  const maxHigh = plan.scheduling.max_high_risk_starts_per_week;
  const phaseEnd = new Array<number>(phases.length).fill(0);
  let seq = 0;

  const gateFor = (phase: number): { week: number; after?: number } => {
    if (!plan.scheduling.phase_gates) return { week: 1 };
    let last = 0;
    let after: number | undefined;
    for (let p = 0; p < phase; p++) {
      if (phaseEnd[p]! >= last && phaseEnd[p]! > 0) {
        last = phaseEnd[p]!;
        after = p;
      }
    }
    return after === undefined ? { week: 1 } : { week: last + 1, after };
  };

  /** Why a week was not used by a node: no work days, full, before a freeze, or risk budget. */
  const skipKind = (w: number, node: Node, starting: boolean): string => {
    if (cap[w]! <= EPS) return 'none';
    if (remaining(w) <= EPS) return 'full';
    if (node.high && blocked[w] !== undefined) return 'freeze';
    if (starting && node.high && highCount(w) >= maxHigh) return 'budget';
    return '';
  };
  const noWorkCause = (w: number): string => {
    const week = calendar.week(w);
    return week.freezes.length > 0 ? week.freezes.join(', ') : week.holidays.length > 0 ? 'holidays' : 'calendar';
  };
  const skipText = (kind: string, first: number, last: number): string => {
    const span = weekSpan(first, last);
    const plural = first !== last;
    switch (kind) {
      case 'none':
        return `${span} ${plural ? 'have' : 'has'} no work days (${noWorkCause(first)})`;
      case 'full':
        return plural ? `${span} full` : `${span} full (${formatNumber(used[first]!, 2)}/${formatNumber(cap[first]!, 2)} person-days)`;
      case 'freeze':
        return `high risk: no high-risk work in ${span}, the week before ${blocked[first]}`;
      default: {
        const ids = (highStarts.get(first) ?? []).map((i) => nodes[i]!.id);
        return `risk budget: ${ids.join(', ')} already ${ids.length === 1 ? 'starts' : 'start'} week ${first} as high risk`;
      }
    }
  };
  interface Run {
    kind: string;
    first: number;
    last: number;
  }
  /** Whether two adjacent skipped runs read as one ("weeks 2-4 full"). */
  const mergeable = (x: Run, y: Run): boolean =>
    x.kind === y.kind &&
    x.last + 1 === y.first &&
    (x.kind === 'full' || (x.kind === 'none' && noWorkCause(x.first) === noWorkCause(y.first)) || (x.kind === 'freeze' && blocked[x.first] === blocked[y.first]));

  // Weeks without capacity, ascending: every week a non-high-risk component skips is full or has
  // no work days, so a long run of full weeks is explained without visiting each week.
  const zeroWeeks: number[] = [];
  for (let w = 1; w <= H; w++) if (cap[w]! <= EPS) zeroWeeks.push(w);

  const runsIn = (node: Node, from: number, to: number, starting: boolean, out: Run[]): void => {
    if (from >= to) return;
    if (node.high) {
      for (let w = from; w < to; w++) {
        const kind = skipKind(w, node, starting);
        if (kind !== '') out.push({ kind, first: w, last: w });
      }
      return;
    }
    let lo = 0;
    let hi = zeroWeeks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zeroWeeks[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    let w = from;
    for (let k = lo; k < zeroWeeks.length && zeroWeeks[k]! < to; k++) {
      const z = zeroWeeks[k]!;
      if (z > w) out.push({ kind: 'full', first: w, last: z - 1 });
      out.push({ kind: 'none', first: z, last: z });
      w = z + 1;
    }
    if (w < to) out.push({ kind: 'full', first: w, last: to - 1 });
  };

  /** Explains the weeks in the given [from, to) ranges that the node skipped, merging runs. */
  const explainSkips = (node: Node, ranges: readonly (readonly [number, number])[], starting: boolean, prefix: string): void => {
    const runs: Run[] = [];
    for (const [from, to] of ranges) runsIn(node, from, to, starting, runs);
    const merged: Run[] = [];
    for (const run of runs) {
      const prev = merged[merged.length - 1];
      if (prev && mergeable(prev, run)) prev.last = run.last;
      else merged.push({ ...run });
    }
    for (const run of merged) node.reasons.push(prefix + skipText(run.kind, run.first, run.last));
  };

  /**
   * Lays the node's effort out from `start`, taking `firstTake` (default: what is left) in the
   * first week. Returns the segments and the weeks it paused over, or undefined past the horizon.
   */
  const layOut = (node: Node, start: number, firstTake?: number): { segments: Segment[]; paused: [number, number][] } | undefined => {
    const segments: Segment[] = [];
    const paused: [number, number][] = [];
    let left = node.todo;
    const take0 = firstTake ?? Math.min(Math.max(remaining(start), 0), left);
    segments.push({ week: start, from: used[start]!, to: tidy(used[start]! + take0) });
    left = tidy(left - take0);
    let w = start;
    while (left > EPS) {
      const candidate = findOpen(w + 1);
      if (candidate > w + 1) paused.push([w + 1, Math.min(candidate, H + 1)]);
      w = candidate;
      if (w > H) return undefined;
      if (node.high && blocked[w] !== undefined) {
        paused.push([w, w + 1]);
        continue;
      }
      const take = Math.min(remaining(w), left);
      segments.push({ week: w, from: used[w]!, to: tidy(used[w]! + take) });
      left = tidy(left - take);
    }
    return { segments, paused };
  };

  /** `past`: where started work already ran; it takes no capacity, which is gone anyway. */
  const commit = (node: Node, segments: Segment[], past: Segment[] = []): void => {
    node.segments = past.length > 0 ? [...past, ...segments] : segments;
    node.pastCount = past.length;
    node.placed = true;
    node.seq = seq++;
    for (const s of segments) {
      used[s.week] = s.to;
      if (remaining(s.week) <= EPS) next[s.week] = s.week + 1;
    }
    const start = node.segments[0]!.week;
    if (node.high && past.length === 0) {
      const list = highStarts.get(start);
      if (list) list.push(node.index);
      else highStarts.set(start, [node.index]);
    }
    const end = node.segments[node.segments.length - 1]!.week;
    phaseEnd[node.phase] = Math.max(phaseEnd[node.phase]!, end);
    if (end > start) node.reasons.push(`spans ${weekSpan(start, end)}`);
  };

  const markUnscheduled = (node: Node, why: string): void => {
    node.unscheduled = why;
    node.reasons.push(why);
  };

  const placeFrom = (node: Node, earliest: number): void => {
    let start = findOpen(earliest);
    while (start <= H && node.high && (blocked[start] !== undefined || highCount(start) >= maxHigh)) start = findOpen(start + 1);
    if (start > H) {
      markUnscheduled(node, `no week with room for it within ${H} weeks of the start`);
      return;
    }
    explainSkips(node, [[Math.max(1, earliest), start]], true, '');
    const laid = layOut(node, start);
    if (!laid) {
      markUnscheduled(node, `its ${formatNumber(node.effort, 2)} person-days do not fit within ${H} weeks of the start`);
      return;
    }
    explainSkips(node, laid.paused, false, 'pauses: ');
    commit(node, laid.segments);
  };

  const noCapacity = calendar.problems.some((p) => p.severity === 'error');

  // --- re-planning: finished work stays where it ran, work under way continues first ------------
  const pinPassed = (n: Node) => opts.replan !== undefined && n.pinned && n.component.pin! < replanFrom;
  const startedNodes = nodes.filter((n) => n.started).sort((a, b) => compareNodes(a.index, b.index));
  for (const node of startedNodes) {
    const started = node.started!;
    node.reasons.push(started.reason);
    const past = started.past
      .filter((p) => p.week >= 1 && p.week <= H)
      .map((p) => ({ week: p.week, from: dayFill(p.week, p.fromDay), to: dayFill(p.week, p.toDay) }));
    if (node.todo <= EPS && past.length > 0) {
      commit(node, [], past);
      continue;
    }
    if (noCapacity) {
      markUnscheduled(node, 'the team has no capacity');
      continue;
    }
    let start = findOpen(replanFrom);
    while (start <= H && node.high && blocked[start] !== undefined) start = findOpen(start + 1);
    const laid = start <= H ? layOut(node, start) : undefined;
    if (!laid) {
      markUnscheduled(node, `its ${formatNumber(node.todo, 2)} person-days left do not fit within ${H} weeks of the start`);
      continue;
    }
    explainSkips(node, [[replanFrom, start], ...laid.paused], false, 'pauses: ');
    commit(node, laid.segments, past);
  }

  // --- pinned components, by week -------------------------------------------------------------
  const pinnedByWeek = new Map<number, number[]>();
  for (const node of nodes) {
    if (!node.pinned || node.started || pinPassed(node)) continue;
    const week = node.component.pin!;
    const list = pinnedByWeek.get(week);
    if (list) list.push(node.index);
    else pinnedByWeek.set(week, [node.index]);
  }
  const cycleBreaks: { node: number; waitingOn: number[] }[] = [];
  for (const week of [...pinnedByWeek.keys()].sort((a, b) => a - b)) {
    const group = pinnedByWeek.get(week)!;
    const { order, cycleBreaks: breaks } = priorityTopoOrder(group, compareNodes, (i) => nodes[i]!.deps);
    cycleBreaks.push(...breaks);
    for (const i of order) {
      const node = nodes[i]!;
      node.reasons.push(`pinned to week ${week}`);
      if (noCapacity) {
        markUnscheduled(node, 'the team has no capacity');
        continue;
      }
      if (week > H || cap[week]! <= EPS) {
        const instead = findOpen(week);
        const calendarWeek = calendar.week(week);
        const why = calendarWeek.freezes.length > 0 ? calendarWeek.freezes.join(', ') : 'holidays';
        problems.push(
          problem('schedule-pin-no-work-days', `${node.id} is pinned to week ${week}, which has no work days (${why})`, {
            hint: instead <= H ? `pin it to week ${instead}, the next week with work days` : 'pin it to a week with work days',
            path: ['components', node.planIndex, 'pin'],
          }),
        );
        placeFrom(node, week);
        continue;
      }
      const room = remaining(week);
      const firstTake = room > EPS ? Math.min(room, node.todo) : Math.min(node.todo, cap[week]!);
      const laid = layOut(node, week, firstTake);
      if (!laid) {
        markUnscheduled(node, `its ${formatNumber(node.effort, 2)} person-days do not fit within ${H} weeks of the start`);
        continue;
      }
      explainSkips(node, laid.paused, false, 'pauses: ');
      commit(node, laid.segments);
    }
  }

  // --- everything else, in dependency order by (phase, -score, id) ------------------------------
  const free = nodes.filter((n) => !n.started && (!n.pinned || pinPassed(n))).map((n) => n.index);
  const { order, cycleBreaks: breaks } = priorityTopoOrder(free, compareNodes, (i) => nodes[i]!.deps);
  cycleBreaks.push(...breaks);
  const forced = new Map(breaks.map((b) => [b.node, b.waitingOn]));
  for (const i of order) {
    const node = nodes[i]!;
    if (noCapacity) {
      markUnscheduled(node, 'the team has no capacity');
      continue;
    }
    node.queued = true;
    if (pinPassed(node)) node.reasons.push(`pinned to week ${node.component.pin}, which has passed: as soon as possible instead`);
    const gate = gateFor(node.phase);
    let earliest = gate.week;
    if (gate.after !== undefined) {
      node.reasons.push(`phase gate: no earlier than week ${gate.week} (${phases[gate.after]!.id} ends week ${gate.week - 1})`);
    }

    const waitingOn = new Set(forced.get(i) ?? []);
    let blockedBy: Node | undefined;
    for (const d of node.deps) {
      const dep = nodes[d]!;
      if (dep.placed) {
        const end = dep.segments[dep.segments.length - 1]!.week;
        node.reasons.push(`after ${dep.id} (ends week ${end})`);
        earliest = Math.max(earliest, end);
      } else if (dep.unscheduled !== undefined) {
        blockedBy ??= dep;
      } else if (waitingOn.has(d)) {
        node.reasons.push(`not waiting for ${dep.id}: dependency cycle`);
      }
    }
    if (blockedBy) {
      markUnscheduled(node, `depends on ${blockedBy.id}, which could not be scheduled`);
      continue;
    }
    if (earliest < replanFrom) {
      if (earliest <= lastOpenBeforeReplan) node.reasons.push(`re-planned from week ${replanFrom}: nothing earlier can still be done`);
      earliest = replanFrom;
    }
    placeFrom(node, earliest);
  }

  // --- problems found after placement --------------------------------------------------------
  for (const b of cycleBreaks) {
    const node = nodes[b.node]!;
    problems.push(
      problem(
        'schedule-dependency-cycle',
        `${node.id} is in a dependency cycle with ${listIds(b.waitingOn.map((d) => nodes[d]!.id))}; it was scheduled without waiting for ${b.waitingOn.length === 1 ? 'it' : 'them'}`,
        { hint: 'remove one of the depends_on entries that close the cycle', path: ['components', node.planIndex, 'depends_on'] },
      ),
    );
  }

  const endPos = (n: Node) => {
    const last = n.segments[n.segments.length - 1]!;
    return { week: last.week, fill: last.to };
  };
  for (const node of nodes) {
    if (!node.pinned || !node.placed || node.started || node.queued) continue;
    const start = node.segments[0]!;
    for (const d of node.deps) {
      const dep = nodes[d]!;
      if (!dep.placed) {
        problems.push(
          problem('schedule-pin-before-dependency', `${node.id} is pinned to week ${node.component.pin}, but its dependency ${dep.id} could not be scheduled`, {
            path: ['components', node.planIndex, 'pin'],
          }),
        );
        continue;
      }
      const end = endPos(dep);
      if (end.week > start.week || (end.week === start.week && end.fill > start.from + EPS)) {
        problems.push(
          problem(
            'schedule-pin-before-dependency',
            end.week > start.week
              ? `${node.id} is pinned to start in week ${start.week}, but its dependency ${dep.id} ends in week ${end.week}`
              : `${node.id} is pinned to start in week ${start.week}, but its dependency ${dep.id} runs after it in that week`,
            { hint: `pin ${node.id} to week ${end.week + 1} or later, or move ${dep.id} earlier`, path: ['components', node.planIndex, 'pin'] },
          ),
        );
      }
    }
    if (plan.scheduling.phase_gates) {
      let gate = 1;
      for (let p = 0; p < node.phase; p++) gate = Math.max(gate, phaseEnd[p]! + 1);
      if (start.week < gate) {
        problems.push(
          problem('schedule-pin-before-phase', `${node.id} is pinned to week ${start.week}, before its phase ${phases[node.phase]!.id} may start (week ${gate})`, {
            severity: 'warning',
            path: ['components', node.planIndex, 'pin'],
          }),
        );
      }
    }
    if (node.high && blocked[start.week] !== undefined) {
      problems.push(
        problem('schedule-high-risk-before-freeze', `${node.id} is high risk and pinned to week ${start.week}, the week before ${blocked[start.week]}`, {
          severity: 'warning',
          path: ['components', node.planIndex, 'pin'],
        }),
      );
    }
  }

  const unscheduled = nodes.filter((n) => n.unscheduled !== undefined);
  if (unscheduled.length > 0 && !noCapacity) {
    const beyond = unscheduled.filter((n) => !n.unscheduled!.startsWith('depends on'));
    const blockedNodes = unscheduled.filter((n) => n.unscheduled!.startsWith('depends on'));
    if (beyond.length > 0) {
      problems.push(
        problem('schedule-beyond-horizon', `${beyond.length === 1 ? `${beyond[0]!.id} does` : `${beyond.length} components do`} not fit within ${H} weeks: ${listIds(beyond.map((n) => n.id))}`, {
          hint: 'raise team capacity, lower effort, or split the plan',
          path: ['components', beyond[0]!.planIndex],
        }),
      );
    }
    if (blockedNodes.length > 0) {
      problems.push(
        problem('schedule-blocked-by-unscheduled', `${blockedNodes.length === 1 ? `${blockedNodes[0]!.id} waits` : `${blockedNodes.length} components wait`} for components that could not be scheduled: ${listIds(blockedNodes.map((n) => n.id))}`, {
          path: ['components', blockedNodes[0]!.planIndex],
        }),
      );
    }
  }

  const split = opts.replan && replanFrom <= H ? { week: replanFrom, fill: dayFill(replanFrom, opts.replan.from.day) } : undefined;
  const schedule = buildSchedule({ plan, calendar, nodes, phases, cap, used, problems, replanFrom: split });
  const layout: ScheduleLayout = { components: new Map(), ...(split ? { replanFrom: split } : {}) };
  for (const n of nodes) {
    if (!n.placed) continue;
    layout.components.set(n.id, {
      segments: n.segments.map((s, k) => ({ week: s.week, from: s.from, to: s.to, past: k < n.pastCount })),
      seq: n.seq,
      queued: n.queued,
    });
  }
  return { schedule, layout };
}

interface BuildInput {
  plan: Plan;
  calendar: WorkCalendar;
  nodes: Node[];
  phases: PhaseInfo[];
  cap: Float64Array;
  used: Float64Array;
  problems: Problem[];
  replanFrom?: { week: number; fill: number } | undefined;
}

function buildSchedule({ plan, calendar, nodes, phases, cap, used, problems, replanFrom }: BuildInput): Schedule {
  const placed = nodes.filter((n) => n.placed);
  const lastWeek = placed.reduce((m, n) => Math.max(m, n.segments[n.segments.length - 1]!.week), 0);

  const workdaysOf: IsoDate[][] = [];
  for (let w = 1; w <= lastWeek; w++) workdaysOf[w] = calendar.week(w).workdays;
  const dayRange = (week: number, from: number, to: number): DayRange => {
    const days = workdaysOf[week]!;
    const count = days.length;
    const shape = { capacity: cap[week]!, used: used[week]!, count };
    const split = replanFrom?.week === week ? replanFrom.fill : undefined;
    const startPos = fillToDay(from, shape, split);
    const endPos = fillToDay(to, shape, split);
    // Positions carry the rounding of tidy() (1/6 pd is stored as 0.166666667): a position a hair
    // past a day boundary is on it, or 1/6 of a 6-day week would spill into a second day.
    const firstDay = Math.min(Math.max(Math.floor(startPos + DAY_EPS) + 1, 1), count);
    const lastDay = Math.min(Math.max(Math.ceil(endPos - DAY_EPS), firstDay), count);
    return { week, firstDay, lastDay, start: days[firstDay - 1]!, end: days[lastDay - 1]! };
  };

  // Rollback rules: named by components, or guarding whole phases.
  const ruleIds = new Set(plan.rollback.map((r) => r.id));
  const phaseRules = new Map<string, string[]>();
  for (const rule of plan.rollback) {
    for (const p of rule.phases) {
      const list = phaseRules.get(p);
      if (list) list.push(rule.id);
      else phaseRules.set(p, [rule.id]);
    }
  }
  for (const node of nodes) {
    node.component.rollback.forEach((r, k) => {
      if (!ruleIds.has(r)) {
        problems.push(
          problem('schedule-unknown-rollback-rule', `${node.id} names rollback rule "${r}", which the plan does not define`, {
            severity: 'warning',
            path: ['components', node.planIndex, 'rollback', k],
          }),
        );
      }
    });
  }
  // Most components share a phase and a short rule list: compute each combination once.
  const rulesCache = new Map<string, string[]>();
  const rulesOf = new Map<Node, string[]>();
  const componentRules = (n: Node): string[] => {
    const key = `${n.phase}|${n.component.rollback.join(',')}`;
    let cached = rulesCache.get(key);
    if (!cached) {
      const rules = new Set(n.component.rollback.filter((r) => ruleIds.has(r)));
      for (const r of phaseRules.get(phases[n.phase]!.id) ?? []) rules.add(r);
      cached = [...rules].sort(compareIds);
      rulesCache.set(key, cached);
    }
    return cached;
  };

  // Per-week entries in run order.
  const weekEntries: { node: Node; from: number; to: number }[][] = Array.from({ length: lastWeek + 1 }, () => []);
  for (const n of placed) for (const s of n.segments) weekEntries[s.week]!.push({ node: n, from: s.from, to: s.to });
  for (const list of weekEntries) list.sort((a, b) => a.from - b.from || a.to - b.to || a.node.seq - b.node.seq);

  const phaseWeeks = new Map<number, { first: number; last: number }>();
  for (const n of placed) {
    const first = n.segments[0]!.week;
    const last = n.segments[n.segments.length - 1]!.week;
    const cur = phaseWeeks.get(n.phase);
    phaseWeeks.set(n.phase, cur ? { first: Math.min(cur.first, first), last: Math.max(cur.last, last) } : { first, last });
  }

  const components: ScheduledComponent[] = placed
    .slice()
    .sort((a, b) => a.segments[0]!.week - b.segments[0]!.week || a.segments[0]!.from - b.segments[0]!.from || a.seq - b.seq)
    .map((n) => {
      const segments: WeekSegment[] = [];
      for (const s of n.segments) {
        const r = dayRange(s.week, s.from, s.to);
        const prev = segments[segments.length - 1];
        // Started work that continues in the same week reads as one segment.
        if (prev && prev.week === s.week) {
          prev.effort = tidy(prev.effort + s.to - s.from);
          prev.lastDay = Math.max(prev.lastDay, r.lastDay);
        } else {
          segments.push({ week: s.week, effort: tidy(s.to - s.from), firstDay: r.firstDay, lastDay: r.lastDay });
        }
      }
      rulesOf.set(n, [...componentRules(n)]);
      const firstRange = dayRange(n.segments[0]!.week, n.segments[0]!.from, n.segments[0]!.to);
      const lastSeg = n.segments[n.segments.length - 1]!;
      const lastRange = dayRange(lastSeg.week, lastSeg.from, lastSeg.to);
      const weeks = phaseWeeks.get(n.phase)!;
      const scoreText = n.score.source === 'given' ? `given ${n.score.value.toFixed(plan.scoring.precision)}` : n.score.value.toFixed(plan.scoring.precision);
      const reasons = n.reasons;
      reasons.unshift(`tier ${n.score.tier} (${scoreText}) -> phase ${phases[n.phase]!.id} (${weekSpan(weeks.first, weeks.last)})`);
      if (n.pinned) {
        const w = n.segments[0]!.week;
        if (used[w]! > cap[w]! + EPS) reasons.push(`week ${w} over capacity (${formatNumber(used[w]!, 2)}/${formatNumber(cap[w]!, 2)} person-days)`);
      }
      return {
        id: n.id,
        title: n.component.title,
        phaseId: phases[n.phase]!.id,
        score: n.score,
        risk: n.risk,
        effort: n.effort,
        startWeek: n.segments[0]!.week,
        endWeek: lastSeg.week,
        start: firstRange.start,
        end: lastRange.end,
        segments,
        tasks: scheduleTasks(n, dayRange),
        pinned: n.pinned,
        dependsOn: n.deps.map((d) => nodes[d]!.id),
        dependants: n.dependants.sort((a, b) => a - b).map((d) => nodes[d]!.id),
        reasons,
        rollbackRules: rulesOf.get(n)!,
      };
    });

  const weeks: ScheduledWeek[] = [];
  for (let w = 1; w <= lastWeek; w++) {
    const cw = calendar.week(w);
    const entries = weekEntries[w]!;
    const ids: string[] = [];
    const seen = new Set<Node>();
    for (const e of entries) {
      if (!seen.has(e.node)) {
        seen.add(e.node);
        ids.push(e.node.id);
      }
    }
    const phaseIdx = [...new Set(entries.map((e) => e.node.phase))].sort((a, b) => a - b);
    const rules = new Set<string>();
    for (const n of seen) for (const r of rulesOf.get(n)!) rules.add(r);
    weeks.push({
      index: w,
      start: cw.start,
      end: cw.end,
      workdays: cw.workdays,
      holidays: cw.holidays,
      frozen: cw.frozen,
      capacity: cap[w]!,
      used: tidy(used[w]!),
      phaseIds: phaseIdx.map((p) => phases[p]!.id),
      components: ids,
      highRiskStarts: [...seen].filter((n) => n.high && n.segments[0]!.week === w).map((n) => n.id),
      rollbackRules: [...rules].sort(compareIds),
    });
    if (used[w]! > cap[w]! + EPS) {
      const pinnedHere = [...seen].filter((n) => n.pinned).map((n) => n.id);
      problems.push(
        problem('schedule-over-capacity', `week ${w} is over capacity: ${formatNumber(used[w]!, 2)}/${formatNumber(cap[w]!, 2)} person-days${pinnedHere.length > 0 ? ` (pinned: ${listIds(pinnedHere)})` : ''}`, {
          severity: 'warning',
          hint: 'move a pin to a later week, or raise team.capacity_per_week',
        }),
      );
    }
    const highHere = weeks[weeks.length - 1]!.highRiskStarts;
    if (highHere.length > plan.scheduling.max_high_risk_starts_per_week) {
      problems.push(
        problem('schedule-risk-budget', `${highHere.length} high-risk components start in week ${w} (${highHere.join(', ')}); the budget is ${plan.scheduling.max_high_risk_starts_per_week}`, {
          severity: 'warning',
          hint: 'pin one of them to another week, or raise scheduling.max_high_risk_starts_per_week',
        }),
      );
    }
  }

  const scheduledPhases: ScheduledPhase[] = [];
  phases.forEach((p, i) => {
    const members = components.filter((c) => c.phaseId === p.id);
    if (members.length === 0) {
      if (plan.phases?.some((def) => def.id === p.id)) {
        problems.push(
          problem('schedule-empty-phase', `phase ${p.id} has no components (its tiers: ${p.tiers.join(', ')})`, {
            severity: 'warning',
            path: ['phases', plan.phases.findIndex((def) => def.id === p.id)],
          }),
        );
      }
      return;
    }
    const weeksOf = phaseWeeks.get(i)!;
    const rules = new Set<string>(phaseRules.get(p.id) ?? []);
    for (const n of placed) if (n.phase === i) for (const r of n.component.rollback) if (ruleIds.has(r)) rules.add(r);
    scheduledPhases.push({
      id: p.id,
      title: p.title,
      tiers: p.tiers,
      index: scheduledPhases.length + 1,
      startWeek: weeksOf.first,
      endWeek: weeksOf.last,
      start: members.reduce((m, c) => (c.start < m ? c.start : m), members[0]!.start),
      end: members.reduce((m, c) => (c.end > m ? c.end : m), members[0]!.end),
      components: members.map((c) => c.id),
      rollbackRules: [...rules].sort(compareIds),
    });
  });

  return {
    project: plan.project,
    title: plan.title,
    start: plan.start,
    end: components.reduce((m, c) => (c.end > m ? c.end : m), plan.start),
    capacityPerWeek: calendar.capacityPerWeek,
    weeks,
    phases: scheduledPhases,
    components,
    problems,
    unscheduled: nodes
      .filter((n) => n.unscheduled !== undefined)
      .map((n) => ({ id: n.id, reason: n.unscheduled! })),
  };
}

/**
 * Tasks run in order through the component's span, each taking its share of the effort. When
 * re-planning, finished tasks keep the ranges they ran in and the others share what is left.
 */
function scheduleTasks(node: Node, dayRange: (week: number, from: number, to: number) => DayRange): ScheduledTask[] {
  const tasks = node.component.tasks;
  if (tasks.length === 0) return [];
  const closed = node.started?.closedTasks;
  const open = closed ? tasks.filter((t) => !closed.has(t.id)) : tasks;
  const taskTotal = open.reduce((sum, t) => sum + t.effort, 0);
  const span = node.pastCount > 0 && node.pastCount < node.segments.length ? node.segments.slice(node.pastCount) : node.segments;
  const owner = node.component.owner;
  let cursor = 0;
  return tasks.map((task) => {
    const given = closed?.get(task.id);
    const ranges: DayRange[] = given && given.length > 0 ? [...given] : [];
    const share = given ? 0 : taskTotal > 0 ? (node.todo * task.effort) / taskTotal : 0;
    const a = cursor;
    const b = cursor + share;
    cursor = b;
    let segStart = 0;
    for (const seg of given ? [] : span) {
      const segEnd = segStart + (seg.to - seg.from);
      const lo = Math.max(a, segStart);
      const hi = Math.min(b, segEnd);
      if (hi - lo > EPS) {
        ranges.push(dayRange(seg.week, seg.from + (lo - segStart), seg.from + (hi - segStart)));
      }
      segStart = segEnd;
    }
    if (ranges.length === 0) {
      // A task with no share (or a rounding sliver): a point where its part of the span would be.
      let at = span[span.length - 1]!;
      let offset = at.to;
      let s = 0;
      for (const seg of span) {
        const len = seg.to - seg.from;
        if (a <= s + len + EPS) {
          at = seg;
          offset = seg.from + Math.max(0, Math.min(a - s, len));
          break;
        }
        s += len;
      }
      ranges.push(dayRange(at.week, offset, offset));
    }
    const scheduled: ScheduledTask = {
      id: task.id,
      title: task.title,
      componentId: node.id,
      effort: task.effort,
      ranges,
      start: ranges[0]!.start,
      end: ranges[ranges.length - 1]!.end,
    };
    const taskOwner = task.owner ?? owner;
    if (taskOwner !== undefined) scheduled.owner = taskOwner;
    return scheduled;
  });
}
