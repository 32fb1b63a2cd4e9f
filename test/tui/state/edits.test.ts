import { describe, expect, test } from 'vitest';
import { applyEdits, countEdits, describeEdits, normaliseEdits, toPlanEdits } from '../../../src/tui/state/edits.js';
import { examplePlan } from '../../helpers/plan-builder.js';

const plan = () => examplePlan('codon-migration');

describe('plan edits', () => {
  test('applying edits never changes the loaded plan', () => {
    const p = plan();
    const before = JSON.stringify(p);
    const edited = applyEdits(p, { weights: { performance: 5 }, pins: { cache: 2, 'dynamic-feature-detection': null }, capacity: 20, start: '2026-11-09' });
    expect(JSON.stringify(p)).toBe(before);
    expect(edited.scoring.criteria.find((c) => c.id === 'performance')!.weight).toBe(5);
    expect(edited.components.find((c) => c.id === 'cache')!.pin).toBe(2);
    expect(edited.team.capacity_per_week).toBe(20);
    expect(edited.start).toBe('2026-11-09');
  });

  test('unpinning removes the pin key altogether', () => {
    const p = plan();
    const pinned = applyEdits(p, { weights: {}, pins: { cache: 3 } });
    const unpinned = applyEdits(pinned, { weights: {}, pins: { cache: null } });
    expect('pin' in unpinned.components.find((c) => c.id === 'cache')!).toBe(false);
  });

  test('normalising drops edits equal to the file and ids it does not have', () => {
    const p = plan();
    const n = normaliseEdits(p, { weights: { performance: 3, compatibility: 4, gone: 1 }, pins: { cache: null, ghost: 2 }, capacity: 15, start: p.start });
    expect(n).toEqual({ weights: { compatibility: 4 }, pins: {} });
    expect(countEdits(n)).toBe(1);
  });

  test('edits become the byte-exact editor operations and readable lines', () => {
    const edits = { weights: { compatibility: 4 }, pins: { cache: 6 }, capacity: 20, start: '2026-11-09' };
    expect(toPlanEdits(edits)).toEqual([
      { op: 'criterion-weight', criterion: 'compatibility', weight: 4 },
      { op: 'pin', component: 'cache', week: 6 },
      { op: 'capacity', personDays: 20 },
      { op: 'start', date: '2026-11-09' },
    ]);
    expect(describeEdits(plan(), edits)).toEqual([
      'weight compatibility: 3 -> 4',
      'pin cache to week 6',
      'capacity: 15 -> 20',
      'start: 2026-11-02 -> 2026-11-09',
    ]);
  });
});
