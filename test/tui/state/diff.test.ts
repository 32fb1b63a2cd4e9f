import { describe, expect, test } from 'vitest';
import { schedulePlan } from '../../../src/core/schedule.js';
import { describeScheduleChange, scheduleMoves } from '../../../src/tui/state/diff.js';
import { applyEdits } from '../../../src/tui/state/edits.js';
import { examplePlan } from '../../helpers/plan-builder.js';

describe('what moved', () => {
  const plan = examplePlan('codon-migration');
  const before = schedulePlan(plan);

  test('the same schedule moved nothing', () => {
    expect(scheduleMoves(before, schedulePlan(plan))).toEqual([]);
    expect(describeScheduleChange(before, schedulePlan(plan))).toEqual([]);
  });

  test('week moves first, biggest first, then tier-only changes, then the end date', () => {
    const after = schedulePlan(applyEdits(plan, { weights: { compatibility: 2 }, pins: {} }));
    const lines = describeScheduleChange(before, after);
    expect(lines.slice(0, 6)).toEqual([
      'cache: week 5 -> 6',
      'documentation-handoff: week 6 -> 7',
      'error-handling: week 4 -> 3',
      'performance-monitoring: week 3 -> 4',
      'production-prep: week 6 -> 7',
      'stream-management: week 5 -> 6',
    ]);
    expect(lines).toContain('authentication: week 5 (medium -> high)');
    expect(lines.at(-1)).toBe('6 -> 7 weeks, ends 2026-12-16');
  });

  test('a later start shifts dates, not weeks', () => {
    const after = schedulePlan(applyEdits(plan, { weights: {}, pins: {}, start: '2026-11-09' }));
    expect(describeScheduleChange(before, after)).toEqual(['week 1 now starts 2026-11-09', 'ends 2026-12-18']);
  });
});
