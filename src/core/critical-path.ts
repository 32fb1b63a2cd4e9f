/**
 * The critical path of a scheduled plan, and every component's slack.
 *
 * The scheduler's team is one pool working through a queue, so the end date is set by dependencies
 * AND capacity: a component with no dependants can still be critical because the team is busy
 * with it while later work waits. Slack is measured on the schedule the scheduler produced:
 *
 * - Time is a work-day axis: week k starts at the number of work days in weeks 1..k-1, and a fill
 *   position inside a week maps to work days the way the scheduler maps it to day ranges.
 * - Each week segment of a component is a node. Its latest finish is the earliest of:
 *   the end of the last work day that has work (the end date);
 *   queue: the latest start of the next work the team takes up after it, i.e. the first later
 *   segment that was placed after this component (work placed earlier, such as pins, stays where
 *   it is and the slip flows around it, so its length is subtracted);
 *   dependency: the latest start of each dependant (its start, when the dependant is pinned);
 *   phase gate: the start of the week in which the earliest later-phase component must start;
 *   continuation: a segment that continues in a later week passes its slip on to that segment.
 * - slack = latest finish - finish, in work days, rounded down. An item is critical when slipping
 *   it by one work day would move the end date, i.e. slack 0.
 *
 * What it does not model: a slip that would push high-risk work into the week before a freeze, or
 * over the risk budget, makes the scheduler jump whole weeks; the slack shown assumes it does not.
 * Finished work (in a projection) has no slack; work under way is measured on what is left.
 */
import type { Plan } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import { fillToDay, schedulePlanWithLayout, type ScheduleLayout, type ScheduleOptions } from './schedule.js';
import type { CriticalLink, Schedule } from './schedule-types.js';

const EPS = 1e-6;

export interface SlackInfo {
  id: string;
  /** Work days, unrounded. */
  exact: number;
  /** Whole work days, rounded down. */
  slack: number;
  critical: boolean;
  /** What stops it slipping further: the end date, or the item that would move first. */
  limitedBy: { kind: 'end' | 'dependency' | 'queue' | 'phase-gate'; id?: string };
}

export interface CriticalPathResult {
  /** Where the schedule ends on the work-day axis (end of its last work day). */
  endDay: number;
  slack: Map<string, SlackInfo>;
  chain: CriticalLink[];
  problems: Problem[];
}

interface Seg {
  id: string;
  /** Index among the component's unfinished segments. */
  k: number;
  last: boolean;
  start: number;
  end: number;
  seq: number;
  lf: number;
  ls: number;
  done: boolean;
  limitedBy: SlackInfo['limitedBy'];
}

export function computeCriticalPath(schedule: Schedule, layout: ScheduleLayout, plan: Plan): CriticalPathResult {
  const weeks = schedule.weeks;
  // W[k]: work days before week k (1-based); W[weeks.length + 1] is the end of the last week.
  const W = new Float64Array(weeks.length + 2);
  for (let k = 1; k <= weeks.length; k++) W[k + 1] = W[k]! + weeks[k - 1]!.workdays.length;
  const at = (week: number, fill: number): number => {
    const w = weeks[week - 1];
    if (!w) return W[Math.min(Math.max(week, 1), weeks.length + 1)]!;
    const split = layout.replanFrom?.week === week ? layout.replanFrom.fill : undefined;
    return W[week]! + fillToDay(fill, { capacity: w.capacity, used: w.used, count: w.workdays.length }, split);
  };
  /** The week a start at axis position t falls in (a start on a week boundary belongs to the later week). */
  const weekOfStart = (t: number): number => {
    let lo = 1;
    let hi = weeks.length + 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (W[mid]! <= t + EPS) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const byId = new Map(schedule.components.map((c) => [c.id, c]));
  const phaseIndex = new Map(schedule.phases.map((p, i) => [p.id, i]));
  const segs: Seg[] = [];
  const segsOf = new Map<string, Seg[]>();
  for (const c of schedule.components) {
    const lay = layout.components.get(c.id);
    if (!lay) continue;
    const open = lay.segments.filter((s) => !s.past);
    if (open.length === 0) continue;
    const list = open.map((s, k) => {
      const seg: Seg = {
        id: c.id,
        k,
        last: k === open.length - 1,
        start: at(s.week, s.from),
        end: at(s.week, s.to),
        seq: lay.seq,
        lf: 0,
        ls: 0,
        done: false,
        limitedBy: { kind: 'end' },
      };
      segs.push(seg);
      return seg;
    });
    segsOf.set(c.id, list);
  }
  const result: CriticalPathResult = { endDay: 0, slack: new Map(), chain: [], problems: [] };
  if (segs.length === 0) return result;

  const end = Math.ceil(segs.reduce((m, s) => Math.max(m, s.end), 0) - EPS);
  result.endDay = end;
  const ascending = [...segs].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq || a.k - b.k);
  const firstAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = ascending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ascending[mid]!.start < t - EPS) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const gates = plan.scheduling.phase_gates;
  const phaseCount = schedule.phases.length;
  // Per phase: the earliest week in which one of its queued components must start.
  const gateWeek = new Array<number>(phaseCount).fill(Number.POSITIVE_INFINITY);
  const latestStart = (s: Seg): number => (s.done ? s.ls : s.start);

  const descending = [...ascending].reverse();
  for (const s of descending) {
    const c = byId.get(s.id)!;
    const lay = layout.components.get(s.id)!;
    let lf = end;
    let limitedBy: SlackInfo['limitedBy'] = { kind: 'end' };
    const tighten = (value: number, why: SlackInfo['limitedBy']) => {
      if (value < lf - EPS) {
        lf = value;
        limitedBy = why;
      }
    };
    if (!s.last) {
      // The rest of the component runs in a later week: the slip carries on into it.
      const next = segsOf.get(s.id)![s.k + 1]!;
      tighten(s.end + (latestFinish(next) - next.end), next.limitedBy);
    } else {
      // Queue: the first later work placed after this component is pushed; earlier-placed work
      // (pins, work placed first) stays put and the slip flows around it.
      let skipped = 0;
      let pushed = false;
      for (let i = firstAtOrAfter(s.end); i < ascending.length; i++) {
        const t = ascending[i]!;
        if (t === s || t.id === s.id) continue;
        if (t.seq < s.seq) {
          skipped += t.end - t.start;
          continue;
        }
        tighten(latestStart(t) - skipped, { kind: 'queue', id: t.id });
        pushed = true;
        break;
      }
      // Nothing later to push: the slip still has to flow around what stays put before the end.
      if (!pushed && skipped > 0) tighten(end - skipped, { kind: 'end' });
      for (const d of c.dependants) {
        const first = segsOf.get(d)?.[0];
        const dl = layout.components.get(d);
        if (!first || !dl || byId.get(d)?.actual !== undefined) continue; // work under way does not wait
        tighten(dl.queued ? latestStart(first) : first.start, { kind: 'dependency', id: d });
      }
      if (gates) {
        const p = phaseIndex.get(c.phaseId) ?? 0;
        let week = Number.POSITIVE_INFINITY;
        let gateId: string | undefined;
        for (let q = p + 1; q < phaseCount; q++) {
          if (gateWeek[q]! < week) {
            week = gateWeek[q]!;
            gateId = schedule.phases[q]!.id;
          }
        }
        if (Number.isFinite(week)) tighten(W[Math.min(week, weeks.length + 1)]!, { kind: 'phase-gate', id: gateId! });
      }
    }
    s.lf = lf;
    s.ls = lf - (s.end - s.start);
    s.limitedBy = limitedBy;
    s.done = true;
    if (s.k === 0 && lay.queued) {
      const p = phaseIndex.get(c.phaseId) ?? 0;
      gateWeek[p] = Math.min(gateWeek[p]!, weekOfStart(s.ls));
    }
  }

  function latestFinish(s: Seg): number {
    return s.done ? s.lf : s.end;
  }

  const negative: string[] = [];
  for (const [id, list] of segsOf) {
    // Slipping the whole component slips its first segment: the tightest of its segments.
    let exact = Number.POSITIVE_INFINITY;
    let limitedBy: SlackInfo['limitedBy'] = { kind: 'end' };
    for (const s of list) {
      const slack = s.lf - s.end;
      if (slack < exact - EPS) {
        exact = slack;
        limitedBy = s.limitedBy;
      }
    }
    const slack = Math.floor(exact + EPS);
    result.slack.set(id, { id, exact, slack, critical: slack <= 0, limitedBy });
    if (slack < 0) negative.push(id);
  }

  const critical = schedule.components.filter((c) => result.slack.get(c.id)?.critical);
  critical.sort((a, b) => segsOf.get(a.id)![0]!.start - segsOf.get(b.id)![0]!.start);
  critical.forEach((c, i) => {
    if (i === 0) {
      result.chain.push({ id: c.id, via: 'first' });
      return;
    }
    const prev = critical[i - 1]!;
    const queued = layout.components.get(c.id)?.queued ?? false;
    const via: CriticalLink['via'] = c.dependsOn.includes(prev.id)
      ? 'dependency'
      : gates && queued && (phaseIndex.get(c.phaseId) ?? 0) > (phaseIndex.get(prev.phaseId) ?? 0)
        ? 'phase-gate'
        : 'queue';
    result.chain.push({ id: c.id, via });
  });

  if (negative.length > 0) {
    const shown = negative.slice(0, 10).map((id) => `${id} (${result.slack.get(id)!.slack} d)`);
    result.problems.push(
      problem(
        'schedule-negative-slack',
        `${negative.length === 1 ? 'this component has' : `${negative.length} components have`} negative slack, so the plan cannot be met as written: ${shown.join(', ')}${negative.length > 10 ? ` and ${negative.length - 10} more` : ''}`,
        { severity: 'warning', hint: 'see the errors about pins and dependency cycles: work ends after what must follow it has to start' },
      ),
    );
  }
  return result;
}

/** The schedule with `slack` and `critical` on each unfinished component, and the chain. */
export function withCriticalPath(schedule: Schedule, result: CriticalPathResult): Schedule {
  return {
    ...schedule,
    components: schedule.components.map((c) => {
      const info = result.slack.get(c.id);
      return info ? { ...c, slack: info.slack, critical: info.critical } : c;
    }),
    problems: [...schedule.problems, ...result.problems],
    criticalPath: result.chain,
  };
}

/** Schedules the plan and adds the critical path: what `roadmap schedule` shows. */
export function scheduleWithCriticalPath(plan: Plan, opts: ScheduleOptions = {}): Schedule {
  const { schedule, layout } = schedulePlanWithLayout(plan, opts);
  return withCriticalPath(schedule, computeCriticalPath(schedule, layout, plan));
}
