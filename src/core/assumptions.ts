/**
 * What-if assumptions (`roadmap schedule --assume "..."`): parsed from short phrases and applied
 * to a copy of the plan and to the scheduler's capacity, never to the file.
 *
 *   analytics-thread-safety +3d     a component (its last unfinished task) or a task takes 3 more
 *                                   work days; -2d takes 2 fewer
 *   plugin-registry +6pd            ... 6 more person-days
 *   capacity -20% weeks 3-4         the team has 20 % less in weeks 3 and 4
 *   capacity +5pd week 2            5 more person-days in a full week 2
 *   capacity 10pd from week 5       10 person-days per full week from week 5 on
 *   capacity -20%                   every week
 *
 * "d" is a work day of the team's time: the scheduler gives a component the whole team while it
 * runs, so a work day is capacity_per_week / work days per week person-days (3 pd on the codon
 * plan's 15 pd over 5 days), and +3d moves its finish 3 work days when nothing else gives way.
 * "pd" is person-days as written in the plan. Capacity changes are per full week: a week with a
 * holiday keeps its smaller share.
 */
import { buildCalendar, HORIZON_WEEKS } from './calendar.js';
import { didYouMean } from './nearest-id.js';
import type { Component, Plan, Task } from './plan-schema.js';
import { problem, type Problem } from './problem.js';
import type { CapacityChange } from './schedule.js';
import { formatNumber } from './score.js';

export type Assumption =
  | { kind: 'effort'; text: string; target: string; amount: number; unit: 'd' | 'pd' }
  | { kind: 'capacity'; text: string; fromWeek: number; toWeek: number; op: 'percent' | 'add' | 'set'; value: number };

export type ParsedAssumption = { ok: true; assumption: Assumption } | { ok: false; message: string };

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const EFFORT = new RegExp(String.raw`^(\S+)\s+([+-])\s*${NUMBER}\s*(d|days?|pd|person-days?)$`, 'i');
const CAPACITY = new RegExp(String.raw`^capacity\s+([+-]?)\s*${NUMBER}\s*(%|pd|person-days?)?(?:\s+(.*))?$`, 'i');
const WEEKS = /^(?:weeks?\s+(\d+)\s*(?:-\s*(\d+))?|from\s+week\s+(\d+))$/i;

export const ASSUME_EXAMPLES = ['analytics-thread-safety +3d', 'plugin-registry +6pd', 'capacity -20% weeks 3-4', 'capacity 10pd from week 5'];

/** Parses one `--assume` phrase; the message says what was expected. */
export function parseAssumption(input: string): ParsedAssumption {
  const text = input.trim().replace(/\s+/g, ' ');
  const cap = CAPACITY.exec(text);
  if (cap) {
    const [, sign, num, unit = '', rest] = cap;
    const value = Number(num) * (sign === '-' ? -1 : 1);
    let fromWeek = 1;
    let toWeek = HORIZON_WEEKS;
    if (rest !== undefined && rest !== '') {
      const weeks = WEEKS.exec(rest.trim());
      if (!weeks) return { ok: false, message: `"${rest}" should be "week N", "weeks N-M" or "from week N"` };
      if (weeks[3] !== undefined) {
        fromWeek = Number(weeks[3]);
      } else {
        fromWeek = Number(weeks[1]);
        toWeek = weeks[2] !== undefined ? Number(weeks[2]) : fromWeek;
      }
      if (fromWeek < 1 || toWeek < fromWeek || toWeek > HORIZON_WEEKS) {
        return { ok: false, message: `weeks run from 1 to ${HORIZON_WEEKS}, first to last: "${rest}"` };
      }
    }
    const op = unit === '%' ? 'percent' : sign === '' ? 'set' : 'add';
    if (op === 'percent' && value < -100) return { ok: false, message: 'capacity cannot fall by more than 100%' };
    return { ok: true, assumption: { kind: 'capacity', text, fromWeek, toWeek, op, value } };
  }
  const effort = EFFORT.exec(text);
  if (effort) {
    const [, target, sign, num, unit] = effort;
    const amount = Number(num) * (sign === '-' ? -1 : 1);
    return { ok: true, assumption: { kind: 'effort', text, target: target!, amount, unit: unit!.toLowerCase().startsWith('p') ? 'pd' : 'd' } };
  }
  return {
    ok: false,
    message: `expected "<component-or-task> +Nd" (work days), "<component-or-task> +Npd" (person-days) or "capacity -N% weeks A-B", e.g. ${ASSUME_EXAMPLES.map((e) => `"${e}"`).join(', ')}`,
  };
}

export interface AssumptionEffect {
  text: string;
  /** The component it changes (effort assumptions). */
  componentId?: string;
  /** The task that carries the change, when the component has tasks. */
  taskId?: string;
  /** Person-days added (negative: removed). */
  personDays?: number;
  /** What it does, for people: "analytics-thread-safety +9 pd (3 work days of 3 pd) on stream-producer-safety". */
  description: string;
}

export interface AppliedAssumptions {
  plan: Plan;
  capacity: CapacityChange[];
  effects: AssumptionEffect[];
  /** Errors: unknown ids, effort that would drop to 0 or below. Warnings: changes to finished work. */
  problems: Problem[];
}

/**
 * Applies assumptions to a copy of the plan. `closed`: task ids (and ids of components without
 * tasks) already finished, so that an assumption on a component lands on its unfinished work.
 */
export function applyAssumptions(plan: Plan, assumptions: readonly Assumption[], opts: { closed?: ReadonlySet<string> } = {}): AppliedAssumptions {
  const calendar = buildCalendar(plan);
  const perDay = calendar.capacityPerWeek / Math.max(1, calendar.normalWorkdays);
  const closed = opts.closed ?? new Set<string>();
  const components = new Map(plan.components.map((c) => [c.id, c]));
  const taskOwner = new Map<string, Component>();
  for (const c of plan.components) for (const t of c.tasks) if (!taskOwner.has(t.id)) taskOwner.set(t.id, c);
  const changed = new Map<string, Component>();
  const current = (id: string) => changed.get(id) ?? components.get(id)!;
  const out: AppliedAssumptions = { plan, capacity: [], effects: [], problems: [] };

  for (const a of assumptions) {
    if (a.kind === 'capacity') {
      const base = calendar.capacityPerWeek;
      let factor = a.op === 'percent' ? 1 + a.value / 100 : base > 0 ? (a.op === 'add' ? base + a.value : a.value) / base : 1;
      if (factor < 0) {
        out.problems.push(problem('assume-negative-capacity', `"${a.text}" would leave less than nothing; capacity 0 is assumed instead`, { severity: 'warning' }));
        factor = 0;
      }
      out.capacity.push({ fromWeek: a.fromWeek, toWeek: a.toWeek, factor });
      const span = a.toWeek === HORIZON_WEEKS ? (a.fromWeek === 1 ? 'every week' : `from week ${a.fromWeek}`) : a.fromWeek === a.toWeek ? `week ${a.fromWeek}` : `weeks ${a.fromWeek}-${a.toWeek}`;
      out.effects.push({ text: a.text, description: `capacity ${formatNumber(base * factor, 2)} pd per full week (was ${formatNumber(base, 2)}) ${span}` });
      continue;
    }
    const component = components.get(a.target) ?? taskOwner.get(a.target);
    if (!component) {
      const hint = didYouMean(a.target, [...components.keys(), ...taskOwner.keys()]);
      out.problems.push(problem('assume-unknown-target', `"${a.text}": this plan has no component or task "${a.target}"`, hint ? { hint } : {}));
      continue;
    }
    const pd = a.unit === 'd' ? a.amount * perDay : a.amount;
    const unitText = a.unit === 'd' ? ` (${formatNumber(Math.abs(a.amount), 2)} work day${Math.abs(a.amount) === 1 ? '' : 's'} of ${formatNumber(perDay, 2)} pd)` : '';
    const c = current(component.id);
    const isTask = a.target !== component.id;
    const target: Task | undefined = isTask
      ? c.tasks.find((t) => t.id === a.target)
      : [...c.tasks].reverse().find((t) => !closed.has(t.id));
    const finished = isTask ? closed.has(a.target) : c.tasks.length > 0 ? target === undefined : closed.has(c.id);
    if (finished) {
      out.problems.push(
        problem('assume-finished-work', `"${a.text}": ${a.target} is already finished, so the assumption changes nothing`, { severity: 'warning' }),
      );
      continue;
    }
    const next = addEffort(c, target, pd);
    if (!next) {
      out.problems.push(problem('assume-no-effort-left', `"${a.text}" would leave ${target?.id ?? c.id} with no effort`, { hint: 'assume a smaller reduction' }));
      continue;
    }
    changed.set(c.id, next);
    const sign = pd >= 0 ? '+' : '-';
    out.effects.push({
      text: a.text,
      componentId: c.id,
      ...(target ? { taskId: target.id } : {}),
      personDays: pd,
      description: `${c.id} ${sign}${formatNumber(Math.abs(pd), 2)} pd${unitText}${target && !isTask ? ` on ${target.id}` : ''}`,
    });
  }
  if (changed.size > 0) out.plan = { ...plan, components: plan.components.map((c) => changed.get(c.id) ?? c) };
  return out;
}

/**
 * Adds `pd` person-days to the component's work, through `task` when it has tasks. When the plan
 * gives the component an effort that differs from its tasks' sum, tasks are shares of that effort,
 * so the task grows by pd x (task sum / effort) to make its share grow by exactly pd.
 */
function addEffort(c: Component, task: Task | undefined, pd: number): Component | undefined {
  if (!task) {
    const effort = (c.effort ?? 0) + pd;
    return effort > 0 ? { ...c, effort } : undefined;
  }
  const sum = c.tasks.reduce((s, t) => s + t.effort, 0);
  const scale = c.effort !== undefined && c.effort > 0 ? sum / c.effort : 1;
  const taskEffort = task.effort + pd * scale;
  if (taskEffort <= 0) return undefined;
  const next: Component = { ...c, tasks: c.tasks.map((t) => (t === task ? { ...t, effort: taskEffort } : t)) };
  if (c.effort !== undefined) next.effort = c.effort + pd;
  return next;
}
