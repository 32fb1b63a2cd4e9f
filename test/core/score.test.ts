import { describe, expect, it } from 'vitest';
import { createScorer, roundTo, scoreComponent, scorePlan, tierFor } from '../../src/core/score.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

describe('weighted scorer', () => {
  const codon = examplePlan('codon-migration');

  it('reproduces the codon matrix: 4.8 / 4.6 / 3.8 / 3.7 / 3.5 / 3.2 / 3.0 / 2.8 / 2.4 / 2.0', () => {
    const scores = scorePlan(codon);
    const byValue = [...scores.entries()].sort((a, b) => b[1].value - a[1].value);
    expect(byValue.map(([id, s]) => [id, s.value, s.tier])).toEqual([
      ['dynamic-feature-detection', 4.8, 'critical'],
      ['analytics-thread-safety', 4.6, 'critical'],
      ['performance-monitoring', 3.8, 'high'],
      ['error-handling', 3.7, 'high'],
      ['authentication', 3.5, 'medium'],
      ['stream-management', 3.2, 'medium'],
      ['cache', 3.0, 'medium'],
      ['integration-testing', 2.8, 'low'],
      ['production-prep', 2.4, 'low'],
      ['documentation-handoff', 2.0, 'low'],
    ]);
  });

  it('shows a formula a person can check, heaviest criteria first', () => {
    const dfd = scorePlan(codon).get('dynamic-feature-detection')!;
    expect(dfd.formula).toBe('0.3x5 + 0.3x5 + 0.2x5 + 0.2x4 = 4.8');
    expect(dfd.source).toBe('computed');
    expect(dfd.scorer).toBe('weighted');
    expect(dfd.terms.map((t) => [t.criterion, t.raw, t.weight, t.contribution])).toEqual([
      ['compatibility', 5, 0.3, 1.5],
      ['performance', 5, 0.3, 1.5],
      ['business-value', 5, 0.2, 1],
      ['thread-safety', 4, 0.2, expect.closeTo(0.8, 10)],
    ]);
    // The terms add up to the unrounded score.
    const sum = dfd.terms.reduce((s, t) => s + t.contribution, 0);
    expect(sum).toBeCloseTo(dfd.computed, 12);
  });

  it('a cost criterion is inverted inside the scale and a missing score counts as the minimum', () => {
    const plan = buildPlan({
      scoring: {
        scale: { min: 1, max: 5 },
        criteria: [
          { id: 'value', name: 'Value', weight: 2 },
          { id: 'risk', name: 'Risk', weight: 1, direction: 'cost' },
          { id: 'reach', name: 'Reach', weight: 1 },
        ],
      },
      components: [component('a', { scores: { value: 4, risk: 5 } })],
    });
    // value 4 (w .5) + risk 6-5=1 (w .25) + reach missing=1 (w .25) = 2 + 0.25 + 0.25 = 2.5
    const s = scoreComponent(plan, plan.components[0]!);
    expect(s.value).toBe(2.5);
    expect(s.formula).toBe('0.5x4 + 0.25x1 + 0.25x(6-5) = 2.5');
    expect(s.terms.find((t) => t.criterion === 'reach')!.raw).toBeUndefined();
    expect(s.tier).toBe('low');
  });

  it('does not depend on the order of criteria in the file', () => {
    const criteria = [
      { id: 'b', name: 'B', weight: 1 },
      { id: 'a', name: 'A', weight: 1 },
      { id: 'c', name: 'C', weight: 2 },
    ];
    const make = (list: typeof criteria) =>
      buildPlan({ scoring: { criteria: list }, components: [component('x', { scores: { a: 2, b: 3, c: 4 } })] });
    const one = scoreComponent(make(criteria), make(criteria).components[0]!);
    const other = make([...criteria].reverse());
    expect(scoreComponent(other, other.components[0]!)).toEqual(one);
    expect(one.formula).toBe('0.5x4 + 0.25x2 + 0.25x3 = 3.3');
  });

  it('tiers on the rounded value, so 4.45 shown as 4.5 is critical', () => {
    const plan = buildPlan({
      scoring: { criteria: [{ id: 'x', name: 'X', weight: 1 }, { id: 'y', name: 'Y', weight: 1 }] },
      components: [component('a', { scores: { x: 4, y: 4.9 } })],
    });
    const s = scoreComponent(plan, plan.components[0]!);
    expect(s.computed).toBeCloseTo(4.45, 12);
    expect(s.value).toBe(4.5);
    expect(s.tier).toBe('critical');
  });

  it('a given priority wins, rounded to the precision, and the formula still shows the computed score', () => {
    const plan = buildPlan({
      scoring: { criteria: [{ id: 'value', name: 'Value', weight: 1 }], precision: 2 },
      components: [component('a', { scores: { value: 2 }, priority: 4.567 })],
    });
    const s = scoreComponent(plan, plan.components[0]!);
    expect(s).toMatchObject({ value: 4.57, computed: 2, source: 'given', tier: 'critical' });
    expect(s.formula).toBe('given priority 4.57 (computed: 1x2 = 2.00)');
  });
});

describe('wsjf scorer', () => {
  it('divides the summed cost of delay by the effort (crdt canary: (9 + 6 + 8) / 3 = 7.67)', () => {
    const plan = examplePlan('crdt-backup-rollout');
    const canary = scorePlan(plan).get('canary-host')!;
    expect(canary.value).toBe(7.67);
    expect(canary.scorer).toBe('wsjf');
    expect(canary.formula).toBe('(9 + 6 + 8) / 3 = 7.67');
    expect(canary.terms.reduce((s, t) => s + t.contribution, 0)).toBeCloseTo(23 / 3, 12);
  });

  it('can take the job size from a criterion, and scores 0 when there is no job size', () => {
    const plan = buildPlan({
      scoring: {
        scorer: 'wsjf',
        scale: { min: 0, max: 10 },
        criteria: [
          { id: 'cod', name: 'Cost of delay', weight: 1 },
          { id: 'size', name: 'Size', weight: 1 },
        ],
        wsjf: { cost_of_delay: ['cod'], job_size: 'size' },
        tiers: { critical: 4, high: 2, medium: 1 },
      },
      components: [component('a', { scores: { cod: 9, size: 2 } }), component('b', { scores: { cod: 9 } })],
    });
    const [a, b] = plan.components.map((c) => scoreComponent(plan, c));
    expect(a!.value).toBe(4.5);
    expect(a!.tier).toBe('critical');
    expect(b!.value).toBe(0);
    expect(b!.formula).toContain('job size is 0');
  });
});

describe('rice scorer', () => {
  it('multiplies reach, impact and confidence and divides by effort', () => {
    const plan = buildPlan({
      scoring: {
        scorer: 'rice',
        scale: { min: 0, max: 1000 },
        criteria: [
          { id: 'users', name: 'Users reached', weight: 1 },
          { id: 'impact', name: 'Impact', weight: 1 },
          { id: 'confidence', name: 'Confidence', weight: 1 },
        ],
        rice: { reach: 'users', impact: 'impact', confidence: 'confidence' },
        tiers: { critical: 100, high: 50, medium: 10 },
      },
      components: [component('a', { effort: 4, scores: { users: 200, impact: 2, confidence: 0.8 } })],
    });
    const s = scoreComponent(plan, plan.components[0]!);
    // 200 x 2 x 0.8 / 4 = 80
    expect(s.value).toBe(80);
    expect(s.tier).toBe('high');
    expect(s.formula).toBe('200x2x0.8 / 4 = 80.0');
  });
});

describe('tierFor and roundTo', () => {
  const plan = buildPlan();
  it('uses the plan thresholds as minimums', () => {
    expect([4.5, 4.49, 3.5, 3.0, 2.99].map((v) => tierFor(v, plan))).toEqual(['critical', 'high', 'high', 'medium', 'low']);
  });
  it('rounds binary noise the way people expect', () => {
    expect(roundTo(0.15, 1)).toBe(0.2);
    expect(roundTo(2.9999999999999996, 1)).toBe(3);
    expect(roundTo(4.799999999999999, 1)).toBe(4.8);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(roundTo(1.44999, 1)).toBe(1.4);
  });
});

describe('createScorer', () => {
  it('gives the same results as scoreComponent, reusing work for equal inputs only', () => {
    const plan = buildPlan({
      scoring: { scorer: 'wsjf', criteria: [{ id: 'value', name: 'Value', weight: 1 }] },
      components: [
        component('a', { scores: { value: 4 }, effort: 2 }),
        component('b', { scores: { value: 4 }, effort: 2 }),
        component('c', { scores: { value: 4 }, effort: 4 }),
        component('d', { scores: { value: 4 }, effort: 2, priority: 1 }),
      ],
    });
    const score = createScorer(plan);
    const results = plan.components.map((c) => score(c));
    expect(results).toEqual(plan.components.map((c) => scoreComponent(plan, c)));
    expect(results.map((r) => r.value)).toEqual([2, 2, 1, 1]);
    expect(results[3]!.source).toBe('given');
  });
});
