/**
 * Semantic checks over a plan the schema accepted: what zod cannot see because it needs the whole
 * plan (ids, references, cycles, scales, calendars). Pure: the plan and a position lookup in,
 * problems out. Positions are looked up only for the problems found.
 */
import type { Plan, Tier } from '../core/plan-schema.js';
import type { Problem, Severity } from '../core/problem.js';
import { nearestId } from '../core/nearest-id.js';
import { componentEffort, scoreComponent } from '../core/score.js';
import type { DataPath, PlanLocator } from './positions.js';

/** Dates outside this range are typos (20260 for 2026), not plans. */
export const START_YEAR_RANGE = { min: 1970, max: 2200 } as const;
/** A pin this many weeks past the time the whole plan needs is almost certainly a typo. */
export const PIN_SLACK_WEEKS = 13;
/** Without a capacity to estimate the plan's length, pins past two years are suspicious. */
export const PIN_HORIZON_WITHOUT_CAPACITY = 104;

type Kind = 'component' | 'task' | 'metric' | 'rollback rule' | 'criterion' | 'phase' | 'role';

interface IdDef {
  id: string;
  kind: Kind;
  path: DataPath;
  order: number;
}

const TIERS: readonly Tier[] = ['critical', 'high', 'medium', 'low'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function validatePlan(plan: Plan, locator: PlanLocator): Problem[] {
  const problems: Problem[] = [];
  const report = (
    severity: Severity,
    code: string,
    message: string,
    path: DataPath,
    opts: { hint?: string | undefined; target?: 'value' | 'key' } = {},
  ): void => {
    const pos = locator.at(path, opts.target);
    problems.push({
      severity,
      code,
      message,
      ...(opts.hint ? { hint: opts.hint } : {}),
      path: [...path],
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
  };

  const defs = collectIds(plan);
  checkDuplicateIds(defs, locator, report);
  const byKind = new Map<Kind, Set<string>>();
  const kindOf = new Map<string, Kind>();
  for (const d of defs) {
    if (!byKind.has(d.kind)) byKind.set(d.kind, new Set());
    byKind.get(d.kind)!.add(d.id);
    if (!kindOf.has(d.id)) kindOf.set(d.id, d.kind);
  }
  // Without a phases block the scheduler makes one phase per tier, named after the tier.
  if (!plan.phases) byKind.set('phase', new Set(TIERS));
  const ids = (kind: Kind): Set<string> => byKind.get(kind) ?? new Set();

  const checkRef = (ref: string, kind: Kind, path: DataPath, subject: string, target: 'value' | 'key' = 'value') => {
    if (ids(kind).has(ref)) return;
    const actual = kindOf.get(ref);
    if (actual && actual !== kind) {
      let hint: string | undefined;
      if (actual === 'task' && kind === 'component') {
        const owner = plan.components.find((c) => c.tasks.some((t) => t.id === ref));
        if (owner) hint = `depend on its component "${owner.id}"`;
      }
      report('error', 'unknown-reference', `${subject} "${ref}", which is a ${actual}, not a ${kind}`, path, { hint, target });
      return;
    }
    const near = nearestId(ref, ids(kind));
    const known = [...ids(kind)];
    report('error', 'unknown-reference', `${subject} "${ref}", which is not defined`, path, {
      target,
      hint: near
        ? `did you mean "${near}"?`
        : known.length === 0
          ? `the plan defines no ${kind === 'criterion' ? 'criteria' : `${kind}s`}`
          : known.length <= 8
            ? `defined ${kind === 'criterion' ? 'criteria' : `${kind}s`}: ${known.join(', ')}`
            : undefined,
    });
  };

  checkReferences(plan, checkRef, report);
  checkCycles(plan, report);
  checkScoring(plan, report);
  checkPhases(plan, report);
  checkEffort(plan, report);
  checkCalendar(plan, report);
  checkPins(plan, report);
  return problems;
}

type Report = (
  severity: Severity,
  code: string,
  message: string,
  path: DataPath,
  opts?: { hint?: string | undefined; target?: 'value' | 'key' },
) => void;

function collectIds(plan: Plan): IdDef[] {
  const defs: IdDef[] = [];
  const add = (id: string, kind: Kind, path: DataPath) => defs.push({ id, kind, path, order: defs.length });
  plan.scoring.criteria.forEach((c, i) => add(c.id, 'criterion', ['scoring', 'criteria', i, 'id']));
  plan.team.roles.forEach((r, i) => add(r.id, 'role', ['team', 'roles', i, 'id']));
  plan.phases?.forEach((p, i) => add(p.id, 'phase', ['phases', i, 'id']));
  plan.components.forEach((c, i) => {
    add(c.id, 'component', ['components', i, 'id']);
    c.tasks.forEach((t, j) => add(t.id, 'task', ['components', i, 'tasks', j, 'id']));
  });
  plan.metrics.forEach((m, i) => add(m.id, 'metric', ['metrics', i, 'id']));
  plan.rollback.forEach((r, i) => add(r.id, 'rollback rule', ['rollback', i, 'id']));
  return defs;
}

/** One namespace for every id, so `roadmap done cache` and journal events are never ambiguous. */
function checkDuplicateIds(defs: IdDef[], locator: PlanLocator, report: Report): void {
  const byId = new Map<string, IdDef[]>();
  for (const d of defs) {
    const list = byId.get(d.id);
    if (list) list.push(d);
    else byId.set(d.id, [d]);
  }
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    // "First" is first in the file, which is not the order sections are collected in.
    const placed = list
      .map((d) => ({ d, pos: locator.at(d.path) }))
      .sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.column ?? 0) - (b.pos?.column ?? 0) || a.d.order - b.d.order);
    const first = placed[0]!;
    const where = first.pos ? ` (line ${first.pos.line})` : '';
    for (const { d } of placed.slice(1)) {
      const same = d.kind === first.d.kind;
      report(
        'error',
        'duplicate-id',
        `${d.kind} id "${id}" is already used by ${same ? 'another' : 'a'} ${first.d.kind}${where}`,
        d.path,
        { hint: 'components, tasks, metrics, rollback rules, criteria, phases and roles share one set of ids; rename one' },
      );
    }
  }
}

type CheckRef = (ref: string, kind: Kind, path: DataPath, subject: string, target?: 'value' | 'key') => void;

function checkReferences(plan: Plan, checkRef: CheckRef, report: Report): void {
  plan.components.forEach((c, i) => {
    const seen = new Set<string>();
    c.depends_on.forEach((dep, j) => {
      const path = ['components', i, 'depends_on', j];
      if (dep === c.id) {
        report('error', 'self-dependency', `component "${c.id}" depends on itself`, path, { hint: `remove "${dep}" from its depends_on` });
        return;
      }
      if (seen.has(dep)) {
        report('warning', 'duplicate-reference', `component "${c.id}" lists "${dep}" twice in depends_on`, path, { hint: 'remove the repeat' });
        return;
      }
      seen.add(dep);
      checkRef(dep, 'component', path, `component "${c.id}" depends on`);
    });
    for (const key of Object.keys(c.scores)) {
      checkRef(key, 'criterion', ['components', i, 'scores', key], `component "${c.id}" scores criterion`, 'key');
    }
    c.success.forEach((s, j) => {
      if (typeof s === 'object' && s.metric !== undefined) {
        checkRef(s.metric, 'metric', ['components', i, 'success', j, 'metric'], `a success criterion of component "${c.id}" names metric`);
      }
    });
    c.rollback.forEach((r, j) => checkRef(r, 'rollback rule', ['components', i, 'rollback', j], `component "${c.id}" names rollback rule`));
  });
  plan.metrics.forEach((m, i) => {
    if (m.rollback !== undefined) checkRef(m.rollback, 'rollback rule', ['metrics', i, 'rollback'], `metric "${m.id}" triggers rollback rule`);
  });
  plan.rollback.forEach((r, i) => {
    r.triggers.forEach((t, j) => checkRef(t.metric, 'metric', ['rollback', i, 'triggers', j, 'metric'], `rollback rule "${r.id}" watches metric`));
    r.phases.forEach((p, j) => checkRef(p, 'phase', ['rollback', i, 'phases', j], `rollback rule "${r.id}" guards phase`));
  });
  plan.team.members.forEach((m, i) => {
    if (m.role !== undefined) checkRef(m.role, 'role', ['team', 'members', i, 'role'], `member "${m.name}" has role`);
  });
  const { wsjf, rice } = plan.scoring;
  wsjf?.cost_of_delay.forEach((id, j) => checkRef(id, 'criterion', ['scoring', 'wsjf', 'cost_of_delay', j], 'wsjf cost_of_delay names criterion'));
  if (wsjf && wsjf.job_size !== 'effort') checkRef(wsjf.job_size, 'criterion', ['scoring', 'wsjf', 'job_size'], 'wsjf job_size names criterion');
  if (rice) {
    for (const key of ['reach', 'impact', 'confidence', 'effort'] as const) {
      if (key === 'effort' && rice.effort === 'effort') continue;
      checkRef(rice[key], 'criterion', ['scoring', 'rice', key], `rice ${key} names criterion`);
    }
  }
}

/**
 * Dependency cycles, once per strongly connected component (Tarjan, iterative: plans may hold tens
 * of thousands of components), named by one concrete loop through it.
 */
function checkCycles(plan: Plan, report: Report): void {
  const index = new Map(plan.components.map((c, i) => [c.id, i]));
  const edges: number[][] = plan.components.map((c) => {
    const out = new Set<number>();
    for (const dep of c.depends_on) {
      const j = index.get(dep);
      if (j !== undefined && dep !== c.id) out.add(j);
    }
    return [...out];
  });
  for (const scc of stronglyConnected(edges)) {
    if (scc.length < 2) continue;
    const members = new Set(scc);
    const start = Math.min(...scc);
    const loop = loopThrough(start, edges, members);
    const names = loop.map((i) => plan.components[i]!.id);
    const next = plan.components[loop[1]!]!.id;
    const depIndex = plan.components[start]!.depends_on.indexOf(next);
    const others = scc.filter((i) => !loop.includes(i)).map((i) => plan.components[i]!.id);
    const extra =
      others.length > 0 ? `; ${others.length} more in the same tangle: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}` : '';
    report('error', 'dependency-cycle', `components depend on each other in a loop: ${[...names, names[0]].join(' -> ')}${extra}`, ['components', start, 'depends_on', depIndex], {
      hint: 'nothing in a cycle can ever start; remove one of these dependencies',
    });
  }
}

function stronglyConnected(edges: number[][]): number[][] {
  const n = edges.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, k] = frame;
      const targets = edges[v]!;
      if (k < targets.length) {
        frame[1] = k + 1;
        const w = targets[k]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === order[v]) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          scc.push(w);
        } while (w !== v);
        result.push(scc);
      }
    }
  }
  return result.sort((a, b) => Math.min(...a) - Math.min(...b));
}

/** The shortest loop from `start` back to itself inside one strongly connected component (BFS). */
function loopThrough(start: number, edges: number[][], members: Set<number>): number[] {
  const prev = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of edges[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let x = v; x !== start; ) {
          x = prev.get(x)!;
          path.push(x);
        }
        return path.reverse();
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

function checkScoring(plan: Plan, report: Report): void {
  const { scoring } = plan;
  const { scale, tiers, criteria, scorer } = scoring;
  const scaleOk = scale.min < scale.max;
  if (!scaleOk) {
    report('error', 'invalid-scale', `the scoring scale runs from ${scale.min} to ${scale.max}; min must be below max`, ['scoring', 'scale'], {
      hint: 'e.g. scale: { min: 1, max: 5 }',
    });
  }
  if (scorer === 'weighted' && criteria.length > 0 && criteria.every((c) => c.weight === 0)) {
    report('error', 'weights-all-zero', 'every criterion has weight 0, so no score can be computed', ['scoring', 'criteria'], {
      hint: 'give at least one criterion a weight above 0',
    });
  }
  if (!(tiers.critical > tiers.high && tiers.high > tiers.medium)) {
    const key = tiers.critical <= tiers.high ? 'high' : 'medium';
    report(
      'error',
      'tiers-not-descending',
      `tier thresholds must descend: critical (${tiers.critical}) > high (${tiers.high}) > medium (${tiers.medium})`,
      ['scoring', 'tiers', key],
      { hint: 'each tier is the minimum score for it; below medium is low' },
    );
  }
  if (scorer === 'weighted' && scaleOk && !plan.components.some((c) => c.priority !== undefined)) {
    for (const tier of ['critical', 'high', 'medium'] as const) {
      if (tiers[tier] > scale.max) {
        report(
          'warning',
          'tier-unreachable',
          `no component can be ${tier}: weighted scores lie between ${scale.min} and ${scale.max}, and ${tier} starts at ${tiers[tier]}`,
          ['scoring', 'tiers', tier],
          { hint: 'set the tier thresholds inside the scale' },
        );
        break;
      }
    }
  }

  const riceConfidence = scorer === 'rice' ? (scoring.rice?.confidence ?? 'confidence') : undefined;
  plan.components.forEach((c, i) => {
    for (const [key, value] of Object.entries(c.scores)) {
      const path = ['components', i, 'scores', key];
      if (key === riceConfidence) {
        if (value < 0 || value > 1) {
          report('error', 'score-out-of-scale', `component "${c.id}" has ${key} ${value}; rice confidence is a fraction from 0 to 1`, path, {
            hint: 'e.g. 0.8 for 80% confident',
          });
        }
      } else if (scorer !== 'rice' && scaleOk && (value < scale.min || value > scale.max)) {
        report('error', 'score-out-of-scale', `component "${c.id}" scores ${key} ${value}, outside the scale ${scale.min}-${scale.max}`, path, {
          hint: `use a score from ${scale.min} to ${scale.max}, or widen scoring.scale`,
        });
      }
    }
    if (scorer === 'weighted' && c.priority === undefined) {
      const missing = criteria.filter((cr) => !Object.hasOwn(c.scores, cr.id)).map((cr) => cr.id);
      if (missing.length > 0) {
        report(
          'warning',
          'missing-score',
          `component "${c.id}" has no score for ${missing.join(', ')}; ${missing.length === 1 ? 'it counts' : 'they count'} as the scale minimum (${scale.min})`,
          Object.keys(c.scores).length > 0 ? ['components', i, 'scores'] : ['components', i, 'id'],
          { hint: `add ${missing.map((m) => `${m}: N`).join(', ')} to its scores` },
        );
      }
    }
  });

  if (scorer === 'wsjf' && !scoring.wsjf) {
    report(
      'warning',
      'missing-wsjf-block',
      'scorer is wsjf but there is no "wsjf:" block, so every benefit criterion counts as cost of delay and effort as the job size',
      ['scoring', 'scorer'],
      { hint: 'say which criteria are the cost of delay: wsjf: { cost_of_delay: [a, b], job_size: effort }' },
    );
  }
  if (scorer === 'rice' && !scoring.rice) {
    const names = new Set(criteria.map((c) => c.id));
    const absent = ['reach', 'impact', 'confidence'].filter((n) => !names.has(n));
    report(
      absent.length === 0 ? 'warning' : 'error',
      'missing-rice-block',
      absent.length === 0
        ? 'scorer is rice but there is no "rice:" block, so the criteria named reach, impact and confidence are used'
        : `scorer is rice but there is no "rice:" block, and no criterion is named ${absent.join(', ')}`,
      ['scoring', 'scorer'],
      { hint: 'name the criteria: rice: { reach: a, impact: b, confidence: c, effort: effort }' },
    );
  }
}

function checkPhases(plan: Plan, report: Report): void {
  if (!plan.phases) return;
  const owner = new Map<Tier, string>();
  plan.phases.forEach((phase, i) => {
    phase.tiers.forEach((tier, j) => {
      const first = owner.get(tier);
      if (first !== undefined) {
        report(
          'error',
          'tier-in-two-phases',
          first === phase.id ? `phase "${phase.id}" lists tier ${tier} twice` : `tier ${tier} is listed by phase "${first}" and again by phase "${phase.id}"`,
          ['phases', i, 'tiers', j],
          { hint: `list ${tier} in one phase only` },
        );
        return;
      }
      owner.set(tier, phase.id);
    });
  });
  if (!(plan.scoring.scale.min < plan.scoring.scale.max)) return;
  const orphans = new Map<Tier, string[]>();
  for (const c of plan.components) {
    const { tier } = scoreComponent(plan, c);
    if (owner.has(tier)) continue;
    const list = orphans.get(tier);
    if (list) list.push(c.id);
    else orphans.set(tier, [c.id]);
  }
  for (const [tier, list] of orphans) {
    const shown = list.length > 5 ? `${list.slice(0, 5).join(', ')} and ${list.length - 5} more` : list.join(', ');
    report(
      'warning',
      'tier-without-phase',
      `no phase lists tier ${tier}, where ${shown} ${list.length === 1 ? 'lands' : 'land'}; ${list.length === 1 ? 'it runs' : 'they run'} in an extra last phase`,
      ['phases'],
      { hint: `add ${tier} to a phase's tiers`, target: 'key' },
    );
  }
}

function checkEffort(plan: Plan, report: Report): void {
  plan.components.forEach((c, i) => {
    if (c.effort === undefined && c.tasks.length === 0) {
      report('error', 'missing-effort', `component "${c.id}" has neither effort nor tasks, so it cannot be scheduled`, ['components', i, 'id'], {
        hint: 'give effort or tasks, e.g. "effort: 5" (person-days)',
      });
      return;
    }
    if (c.effort !== undefined && c.tasks.length > 0) {
      const total = c.tasks.reduce((sum, t) => sum + t.effort, 0);
      if (Math.abs(total - c.effort) > 1e-9) {
        report(
          'warning',
          'effort-mismatch',
          `component "${c.id}" has effort ${c.effort}, but its tasks add up to ${+total.toFixed(3)}`,
          ['components', i, 'effort'],
          { hint: `the schedule uses ${c.effort}; remove "effort" to use the tasks' total, or correct one of them` },
        );
      }
    }
  });
}

function checkCalendar(plan: Plan, report: Report): void {
  const year = Number(plan.start.slice(0, 4));
  if (year < START_YEAR_RANGE.min || year > START_YEAR_RANGE.max) {
    report('error', 'start-out-of-range', `start ${plan.start} is outside ${START_YEAR_RANGE.min}-${START_YEAR_RANGE.max}`, ['start'], {
      hint: 'check the year for a typo',
    });
  }
  const workdays = new Set<string>(plan.calendar.workdays);
  plan.calendar.workdays.forEach((day, i) => {
    if (plan.calendar.workdays.indexOf(day) !== i) {
      report('warning', 'duplicate-workday', `work day ${day} is listed twice`, ['calendar', 'workdays', i], { hint: 'remove the repeat' });
    }
  });
  plan.calendar.holidays.forEach((h, i) => {
    const date = typeof h === 'string' ? h : h.date;
    const weekday = weekdayOf(date);
    if (!workdays.has(WEEKDAYS[weekday]!)) {
      report(
        'warning',
        'holiday-not-workday',
        `holiday ${date} falls on a ${WEEKDAY_NAMES[weekday]}, which is not a work day`,
        typeof h === 'string' ? ['calendar', 'holidays', i] : ['calendar', 'holidays', i, 'date'],
        { hint: 'it changes nothing; check the date or remove it' },
      );
    }
  });
  plan.calendar.freezes.forEach((f, i) => {
    if (f.end < f.start) {
      report('error', 'freeze-ends-before-start', `freeze${f.name ? ` "${f.name}"` : ''} ends (${f.end}) before it starts (${f.start})`, ['calendar', 'freezes', i, 'end'], {
        hint: 'swap start and end, or fix the dates',
      });
    }
  });
}

function checkPins(plan: Plan, report: Report): void {
  const pinned = plan.components.map((c, i) => ({ c, i })).filter(({ c }) => c.pin !== undefined);
  if (pinned.length === 0) return;
  const capacity = plan.team.capacity_per_week ?? plan.team.members.reduce((sum, m) => sum + m.days_per_week, 0);
  const total = plan.components.reduce((sum, c) => sum + componentEffort(c), 0);
  const needed = capacity > 0 ? Math.max(1, Math.ceil(total / capacity)) : undefined;
  const horizon = needed !== undefined ? needed + PIN_SLACK_WEEKS : PIN_HORIZON_WITHOUT_CAPACITY;
  for (const { c, i } of pinned) {
    if (c.pin! <= horizon) continue;
    const why =
      needed !== undefined
        ? `the whole plan needs about ${needed} week${needed === 1 ? '' : 's'} at ${capacity} person-days a week`
        : `that is more than ${PIN_HORIZON_WITHOUT_CAPACITY} weeks away`;
    report('warning', 'pin-beyond-horizon', `component "${c.id}" is pinned to week ${c.pin}, but ${why}`, ['components', i, 'pin'], {
      hint: 'pins are week numbers from the plan start (week 1), not calendar weeks',
    });
  }
}

/** 0 = Sunday; UTC arithmetic, so the answer does not depend on the machine's time zone. */
function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
