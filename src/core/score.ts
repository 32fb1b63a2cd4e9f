/**
 * Scoring: turns a component's criterion scores into one priority value and a tier, with a
 * breakdown a person can check by hand.
 *
 * - weighted: sum(w_i * s_i') / sum(w_i), where s_i' = s_i for a benefit criterion and
 *   (min + max - s_i) for a cost criterion; a missing score counts as the scale minimum.
 * - wsjf: (sum of the cost-of-delay criteria) / job size, the job size being the component's effort
 *   or a criterion. Without a `wsjf` block the benefit criteria are the cost of delay.
 * - rice: reach x impact x confidence / effort (the component's effort or a criterion). Without a
 *   `rice` block, criteria named reach, impact and confidence are used.
 *
 * A `priority` written in the plan wins (source "given"). The value is rounded to
 * `scoring.precision` digits and the tier is taken from the rounded value, so a matrix written by
 * hand with one decimal (4.8, 3.0) tiers exactly as its author expects.
 *
 * Terms list criteria by weight (heaviest first), then id: the order of criteria in the file does
 * not change the output.
 */
import type { Component, Criterion, Plan, Tier } from './plan-schema.js';
import type { ScoreResult, ScoreTerm } from './schedule-types.js';

/** Person-days: the component's own effort, else the sum of its tasks' effort. */
export function componentEffort(component: Pick<Component, 'effort' | 'tasks'>): number {
  if (component.effort !== undefined) return component.effort;
  let total = 0;
  for (const task of component.tasks) total += task.effort;
  return total;
}

/**
 * Rounds half away from zero, forgiving binary noise: 0.3x5 + 0.3x5 + 0.2x4 + 0.2x5 sums to
 * 4.799999999999999 and 0.15 is stored as 0.1499999999999999944, yet they round like 4.8 and 0.2.
 */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor * (1 + 1e-12)) / factor;
  return value < 0 ? -rounded : rounded;
}

/** A short number for formulas and messages: at most three decimals, no trailing zeros. */
export function formatNumber(value: number, maxDecimals = 3): string {
  if (Number.isInteger(value)) return String(Object.is(value, -0) ? 0 : value);
  if (!Number.isFinite(value)) return String(value);
  const rounded = roundTo(value, maxDecimals);
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The value as the plan shows it: exactly `precision` decimals ("3.0"). */
export function formatScore(value: number, plan: Plan): string {
  return value.toFixed(plan.scoring.precision);
}

export function tierFor(score: number, plan: Plan): Tier {
  const t = plan.scoring.tiers;
  if (score >= t.critical) return 'critical';
  if (score >= t.high) return 'high';
  if (score >= t.medium) return 'medium';
  return 'low';
}

/** Criteria heaviest first, then by id: a stable order independent of the file. */
export function orderedCriteria(plan: Plan): Criterion[] {
  let ordered = orderedCache.get(plan.scoring.criteria);
  if (!ordered) {
    ordered = [...plan.scoring.criteria].sort((a, b) => b.weight - a.weight || compareIds(a.id, b.id));
    orderedCache.set(plan.scoring.criteria, ordered);
  }
  return ordered;
}
// Scoring a large plan asks for the same order once per component.
const orderedCache = new WeakMap<readonly Criterion[], Criterion[]>();

/** The plan with some criterion weights replaced (what-if); unknown criteria are ignored. */
export function planWithWeights(plan: Plan, weights: Readonly<Record<string, number>>): Plan {
  const criteria = plan.scoring.criteria.map((c) =>
    Object.hasOwn(weights, c.id) ? { ...c, weight: weights[c.id]! } : c,
  );
  return { ...plan, scoring: { ...plan.scoring, criteria } };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Computed {
  computed: number;
  terms: ScoreTerm[];
  /** The left-hand side of the formula, e.g. "0.3x5 + 0.2x4". */
  expression: string;
}

function rawScore(component: Component, criterion: string): number | undefined {
  return Object.hasOwn(component.scores, criterion) ? component.scores[criterion] : undefined;
}

function computeWeighted(plan: Plan, component: Component): Computed {
  const { min, max } = plan.scoring.scale;
  const criteria = orderedCriteria(plan);
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const terms: ScoreTerm[] = [];
  const parts: string[] = [];
  let computed = 0;
  for (const c of criteria) {
    const raw = rawScore(component, c.id);
    const s = raw ?? min;
    const adjusted = c.direction === 'cost' ? min + max - s : s;
    const weight = totalWeight > 0 ? c.weight / totalWeight : 0;
    const contribution = weight * adjusted;
    computed += contribution;
    terms.push({ criterion: c.id, name: c.name, raw, weight, direction: c.direction, contribution });
    if (weight > 0) {
      const shown = c.direction === 'cost' ? `(${formatNumber(min + max)}-${formatNumber(s)})` : formatNumber(s);
      parts.push(`${formatNumber(weight)}x${shown}`);
    }
  }
  if (totalWeight <= 0) {
    return { computed: min, terms, expression: `all criterion weights are 0, so the scale minimum ${formatNumber(min)}` };
  }
  return { computed, terms, expression: parts.join(' + ') };
}

/** The job size / effort divisor for wsjf and rice, and how to show it. */
function divisor(plan: Plan, component: Component, source: string): { value: number; shown: string } {
  if (source === 'effort') {
    const effort = componentEffort(component);
    return { value: effort, shown: formatNumber(effort) };
  }
  const value = rawScore(component, source) ?? plan.scoring.scale.min;
  return { value, shown: formatNumber(value) };
}

function criterionById(plan: Plan, id: string): Criterion | undefined {
  return plan.scoring.criteria.find((c) => c.id === id);
}

function computeWsjf(plan: Plan, component: Component): Computed {
  const { min } = plan.scoring.scale;
  const config = plan.scoring.wsjf;
  let costOfDelay = config?.cost_of_delay ?? plan.scoring.criteria.filter((c) => c.direction === 'benefit').map((c) => c.id);
  if (costOfDelay.length === 0) costOfDelay = plan.scoring.criteria.map((c) => c.id);
  const ids = [...new Set(costOfDelay)].sort(compareIds);
  const job = divisor(plan, component, config?.job_size ?? 'effort');
  const usable = job.value > 0;
  const terms: ScoreTerm[] = [];
  const shown: string[] = [];
  let sum = 0;
  for (const id of ids) {
    const c = criterionById(plan, id);
    const raw = rawScore(component, id);
    const s = raw ?? min;
    sum += s;
    terms.push({
      criterion: id,
      name: c?.name ?? id,
      raw,
      weight: usable ? 1 / job.value : 0,
      direction: c?.direction ?? 'benefit',
      contribution: usable ? s / job.value : 0,
    });
    shown.push(formatNumber(s));
  }
  const expression = `(${shown.join(' + ')}) / ${job.shown}`;
  if (!usable) return { computed: 0, terms, expression: `${expression}: job size is 0, so 0` };
  return { computed: sum / job.value, terms, expression };
}

function computeRice(plan: Plan, component: Component): Computed {
  const { min } = plan.scoring.scale;
  const config = plan.scoring.rice ?? { reach: 'reach', impact: 'impact', confidence: 'confidence', effort: 'effort' };
  const job = divisor(plan, component, config.effort);
  const factors = [config.reach, config.impact, config.confidence];
  const terms: ScoreTerm[] = [];
  let product = 1;
  for (const id of factors) {
    const c = criterionById(plan, id);
    const raw = rawScore(component, id);
    const s = raw ?? min;
    product *= s;
    // For rice a term's contribution is its factor: the score is their product over effort.
    terms.push({ criterion: id, name: c?.name ?? id, raw, weight: 1, direction: c?.direction ?? 'benefit', contribution: s });
  }
  const expression = `${terms.map((t) => formatNumber(t.contribution)).join('x')} / ${job.shown}`;
  if (job.value <= 0) return { computed: 0, terms, expression: `${expression}: effort is 0, so 0` };
  return { computed: product / job.value, terms, expression };
}

export function scoreComponent(plan: Plan, component: Component): ScoreResult {
  const scorer = plan.scoring.scorer;
  const result =
    scorer === 'wsjf' ? computeWsjf(plan, component) : scorer === 'rice' ? computeRice(plan, component) : computeWeighted(plan, component);
  const precision = plan.scoring.precision;
  const given = component.priority;
  const value = roundTo(given ?? result.computed, precision);
  const computedShown = roundTo(result.computed, precision).toFixed(precision);
  const formula =
    given === undefined
      ? `${result.expression} = ${value.toFixed(precision)}`
      : `given priority ${value.toFixed(precision)} (computed: ${result.expression} = ${computedShown})`;
  return {
    value,
    computed: result.computed,
    source: given === undefined ? 'computed' : 'given',
    scorer,
    tier: tierFor(value, plan),
    terms: result.terms,
    formula,
  };
}

/**
 * A scoreComponent for many components of one plan. Large matrices repeat the same few score
 * vectors, so results are shared by components whose inputs are equal: the returned objects
 * (and their terms) must be treated as read-only.
 */
export function createScorer(plan: Plan): (component: Component) => ScoreResult {
  const ids = plan.scoring.criteria.map((c) => c.id);
  const usesEffort = plan.scoring.scorer !== 'weighted';
  const cache = new Map<string, ScoreResult>();
  return (component) => {
    let key = `${component.priority ?? ''}|${usesEffort ? componentEffort(component) : ''}`;
    for (const id of ids) key += `|${Object.hasOwn(component.scores, id) ? component.scores[id] : ''}`;
    let result = cache.get(key);
    if (!result) {
      result = scoreComponent(plan, component);
      cache.set(key, result);
    }
    return { ...result };
  };
}

/** Scores keyed by component id, in id order. */
export function scorePlan(plan: Plan): Map<string, ScoreResult> {
  const sorted = [...plan.components].sort((a, b) => compareIds(a.id, b.id));
  const score = createScorer(plan);
  return new Map(sorted.map((c) => [c.id, score(c)]));
}
