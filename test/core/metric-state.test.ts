import { describe, expect, test } from 'vitest';
import { conditionView, formatValue, meets, metricStatus } from '../../src/core/metric-state.js';
import type { Measurement } from '../../src/core/status-types.js';
import { plan } from './status-fixture.js';

const metric = (id: string) => plan.metrics.find((m) => m.id === id)!;
const rule = (id: string) => plan.rollback.find((r) => r.id === id)!;
const values = (...vs: number[]): Measurement[] =>
  vs.map((value, i) => ({ value, at: new Date(Date.UTC(2026, 10, 2, 10, i)).toISOString(), by: 'Ana', source: 'manual' }));

describe('conditions', () => {
  test('read both spellings and compare with float tolerance', () => {
    expect(conditionView('>= 100')).toEqual({ op: '>=', value: 100, text: '>= 100' });
    expect(conditionView({ op: '<', value: 0.1 })).toEqual({ op: '<', value: 0.1, text: '< 0.1' });
    expect(meets(0.1 + 0.2, conditionView('== 0.3'))).toBe(true);
    expect(meets(100, conditionView('> 100'))).toBe(false);
    expect(meets(100, conditionView('>= 100'))).toBe(true);
    expect(meets(0.09, conditionView('< 0.1'))).toBe(true);
  });

  test('values print the way people write them', () => {
    expect(formatValue(1.4, '%')).toBe('1.4 %');
    expect(formatValue(112.44, 'x')).toBe('112.4 x');
    expect(formatValue(95000, '')).toBe('95000');
    expect(formatValue(0.05, '%')).toBe('0.05 %');
  });
});

describe('metric state', () => {
  test('unverified until something is measured, never assumed met', () => {
    const s = metricStatus(metric('speedup'), [], undefined);
    expect(s.state).toBe('unverified');
    expect(s.summary).toBe('speedup = ? (target >= 100): UNVERIFIED (no measurement)');
  });

  test('met and not met follow the latest measurement, with its trend', () => {
    const notMet = metricStatus(metric('speedup'), values(12, 42), undefined);
    expect(notMet).toMatchObject({ state: 'not-met', direction: 'up', improving: true });
    expect(notMet.summary).toBe('speedup = 42 x (target >= 100): not met');
    expect(metricStatus(metric('speedup'), values(42, 112.4), undefined)).toMatchObject({ state: 'met', trend: [{ value: 42 }, { value: 112.4 }] });
    expect(metricStatus(metric('speedup'), values(120, 90), undefined)).toMatchObject({ state: 'not-met', direction: 'down', improving: false });
  });

  test('breached when the latest meets the breach condition', () => {
    expect(metricStatus(metric('coverage'), values(96, 84), rule('slow')).state).toBe('breached');
    expect(metricStatus(metric('coverage'), values(84, 88), rule('slow')).state).toBe('not-met');
  });

  test('without a breach condition, a metric guarding a rule with triggers on it is breached when a trigger holds', () => {
    // error-rate: target < 0.1, rule "fast" fires on > 1 twice in a row.
    expect(metricStatus(metric('error-rate'), values(0.5), rule('fast')).state).toBe('not-met');
    expect(metricStatus(metric('error-rate'), values(1.4), rule('fast')).state).toBe('not-met');
    expect(metricStatus(metric('error-rate'), values(1.4, 1.6), rule('fast')).state).toBe('breached');
  });

  test('without a breach condition or triggers, a metric guarding a rule is breached when it fails its target', () => {
    expect(metricStatus(metric('overhead'), values(25), rule('pause')).state).toBe('breached');
    expect(metricStatus(metric('overhead'), values(12), rule('pause')).state).toBe('met');
  });
});
