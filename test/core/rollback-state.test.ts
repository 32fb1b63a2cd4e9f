import { describe, expect, test } from 'vitest';
import { foldJournal } from '../../src/core/journal.js';
import { durationMs, rollbackStatuses } from '../../src/core/rollback-state.js';
import { events, measure, plan, schedule, status } from './status-fixture.js';

const rules = (list: Parameters<typeof events>[0], now?: string) => {
  const state = foldJournal(plan, events(list));
  return Object.fromEntries(rollbackStatuses(plan, schedule, state, now).map((r) => [r.id, r]));
};

describe('rollback rules', () => {
  test('clear with no measurements, covering the weeks and components they guard', () => {
    const r = rules([]);
    expect(r.fast).toMatchObject({ state: 'clear', components: ['core'], weeks: [1], history: [] });
    expect(r.slow).toMatchObject({ state: 'clear', components: ['api', 'docs'], weeks: [2] });
    expect(r.fast!.deadlines).toBeUndefined();
  });

  test('fires only after `consecutive` measurements meet the trigger, with clock-time deadlines', () => {
    expect(rules([measure('error-rate', 1.4, '2026-11-04T09:00:00.000Z')]).fast!.state).toBe('clear');
    const r = rules([measure('error-rate', 1.4, '2026-11-04T09:00:00.000Z'), measure('error-rate', 1.6, '2026-11-04T10:00:00.000Z')]);
    expect(r.fast).toMatchObject({
      state: 'firing',
      firedAt: '2026-11-04T10:00:00.000Z',
      reason: 'error-rate 1.6 % > 1 (2 consecutive)',
      deadlines: { assess: '2026-11-04T10:15:00.000Z', decide: '2026-11-04T10:30:00.000Z', execute: '2026-11-04T11:00:00.000Z' },
    });
  });

  test('a good measurement in between breaks the streak', () => {
    const r = rules([
      measure('error-rate', 1.4, '2026-11-04T09:00:00.000Z'),
      measure('error-rate', 0.05, '2026-11-04T09:30:00.000Z'),
      measure('error-rate', 1.6, '2026-11-04T10:00:00.000Z'),
    ]);
    expect(r.fast!.state).toBe('clear');
  });

  test('reports which deadline has passed', () => {
    const list = [measure('error-rate', 2, '2026-11-04T09:00:00.000Z'), measure('error-rate', 2, '2026-11-04T10:00:00.000Z')];
    expect(rules(list, '2026-11-04T10:10:00.000Z').fast!.overdue).toBeUndefined();
    expect(rules(list, '2026-11-04T10:20:00.000Z').fast!.overdue).toBe('assess');
    expect(rules(list, '2026-11-04T11:30:00.000Z').fast!.overdue).toBe('execute');
  });

  test('track <rule> rolled-back stops it firing; history stays; streaks restart after it', () => {
    const fired = [measure('error-rate', 2, '2026-11-04T09:00:00.000Z'), measure('error-rate', 2, '2026-11-04T10:00:00.000Z')];
    const rolled = rules([...fired, status('fast', 'rolled-back', '2026-11-04T10:40:00.000Z', 'Dara', 'back on CPython')]);
    expect(rolled.fast).toMatchObject({ state: 'rolled-back', firedAt: '2026-11-04T10:00:00.000Z' });
    expect(rolled.fast!.deadlines).toBeUndefined();
    expect(rolled.fast!.history).toEqual([
      { at: '2026-11-04T10:00:00.000Z', state: 'firing', reason: 'error-rate 2 % > 1 (2 consecutive)', by: 'Ana' },
      { at: '2026-11-04T10:40:00.000Z', state: 'rolled-back', reason: 'back on CPython', by: 'Dara' },
    ]);
    // One bad value after the rollback is not yet a streak of two.
    expect(rules([...fired, status('fast', 'rolled-back', '2026-11-04T10:40:00.000Z'), measure('error-rate', 3, '2026-11-04T12:00:00.000Z')]).fast!.state).toBe('rolled-back');
  });

  test('a recovering measurement clears a firing rule', () => {
    const r = rules([
      measure('error-rate', 2, '2026-11-04T09:00:00.000Z'),
      measure('error-rate', 2, '2026-11-04T10:00:00.000Z'),
      measure('error-rate', 0.05, '2026-11-04T11:00:00.000Z'),
    ]);
    expect(r.fast!.state).toBe('clear');
    expect(r.fast!.history.map((h) => h.state)).toEqual(['firing', 'clear']);
    expect(r.fast!.history[1]!.reason).toBe('recovered: error-rate 0.05 %');
  });

  test('a linked metric breaching fires its rule', () => {
    expect(rules([measure('coverage', 80, '2026-11-10T09:00:00.000Z')]).slow).toMatchObject({ state: 'firing', reason: 'coverage 80 % < 85 (breach)' });
    expect(rules([measure('overhead', 25, '2026-11-10T09:00:00.000Z')]).pause).toMatchObject({ state: 'firing', reason: 'overhead 25 % fails target < 20' });
  });

  test('durations', () => {
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('2d')).toBe(172_800_000);
  });
});
