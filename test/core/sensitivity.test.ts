import { describe, expect, it } from 'vitest';
import { weightSensitivity } from '../../src/core/sensitivity.js';
import { examplePlan } from '../helpers/plan-builder.js';

describe('weightSensitivity on the codon plan', () => {
  const plan = examplePlan('codon-migration');

  it('thread safety +5 (weight 7) moves performance-monitoring to week 4 and error-handling to week 3', () => {
    // With weights 3/3/7/2, analytics-thread-safety drops to high (4.4) and performance-monitoring
    // to medium (3.5), while error-handling rises to 3.8: phase p2 becomes ATS then EH.
    expect(weightSensitivity(plan, 'thread-safety', 5)).toEqual([
      { id: 'performance-monitoring', fromWeek: 3, toWeek: 4 },
      { id: 'error-handling', fromWeek: 4, toWeek: 3 },
    ]);
  });

  it('a small nudge that changes no tier moves nothing', () => {
    expect(weightSensitivity(plan, 'business-value', 0.1)).toEqual([]);
  });

  it('an unknown criterion or a zero delta changes nothing', () => {
    expect(weightSensitivity(plan, 'speed', 3)).toEqual([]);
    expect(weightSensitivity(plan, 'performance', 0)).toEqual([]);
  });

  it('weights stop at 0: a large negative delta is the criterion switched off', () => {
    const off = weightSensitivity(plan, 'compatibility', -3);
    expect(off.length).toBeGreaterThan(0);
    expect(weightSensitivity(plan, 'compatibility', -100)).toEqual(off);
  });
});
