import { describe, expect, test } from 'vitest';
import { computeHealth, type HealthInput } from '../../src/core/health.js';
import type { LateItem, MetricStatus } from '../../src/core/status-types.js';

const base: HealthInput = {
  rollback: [],
  late: [],
  blocked: [],
  metrics: [],
  weeks: [{ week: 1, start: '2026-11-02', end: '2026-11-08', phaseIds: ['p1'], current: false, ended: true, doneEffort: 5, totalEffort: 5, percent: 100, tasksDone: 1, tasksTotal: 1 }],
  overall: { doneEffort: 5, totalEffort: 10, percent: 50, tasksDone: 1, tasksTotal: 2 },
  timeline: 'during',
  start: '2026-11-02',
};
const late = (id: string, tier: LateItem['tier'], daysLate: number): LateItem => ({ kind: 'task', id, title: id, componentId: 'c', tier, status: 'doing', scheduledEnd: '2026-11-03', daysLate });
const metric = (state: MetricStatus['state'], dueWeek?: number): MetricStatus => ({
  id: 'speed',
  name: 'Speed',
  category: 'performance',
  unit: 'x',
  target: { op: '>=', value: 100, text: '>= 100' },
  trend: [],
  direction: 'none',
  state,
  summary: '',
  ...(state !== 'unverified' ? { latest: { value: 3, at: '2026-11-04T00:00:00.000Z', by: 'Ana', source: 'manual' as const } } : {}),
  ...(dueWeek !== undefined ? { dueWeek } : {}),
});

describe('health', () => {
  test('on track when nothing is wrong', () => {
    expect(computeHealth(base)).toEqual({ state: 'on-track', reason: 'nothing late, blocked or failing', reasons: [] });
  });

  test('late work is at risk; late critical work is off track; the worst reason comes first', () => {
    expect(computeHealth({ ...base, late: [late('a', 'high', 1)] })).toMatchObject({ state: 'at-risk', reason: '1 item late: a (1 day)' });
    const both = computeHealth({ ...base, late: [late('a', 'high', 1), late('b', 'critical', 3)] });
    expect(both.state).toBe('off-track');
    expect(both.reasons).toEqual(['critical work late: b (3 days)', '1 item late: a (1 day)']);
  });

  test('at most three late items are named', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((id, i) => late(id, 'low', i + 1));
    expect(computeHealth({ ...base, late: many }).reason).toBe('5 items late: e (5 days), d (4 days), c (3 days) and 2 more');
  });

  test('a metric is only a risk once the week it is due has ended', () => {
    expect(computeHealth({ ...base, metrics: [metric('unverified', 2)] }).state).toBe('on-track');
    expect(computeHealth({ ...base, metrics: [metric('unverified', 1)] }).reason).toBe('metric speed unverified after week 1');
    expect(computeHealth({ ...base, metrics: [metric('not-met', 1)] }).reason).toBe('metric speed not met after week 1');
    expect(computeHealth({ ...base, metrics: [metric('breached')] })).toMatchObject({ state: 'off-track', reason: 'metric speed breached: 3 x (target >= 100)' });
  });

  test('a schedule that ended unfinished is at risk even when nothing is flagged late', () => {
    expect(computeHealth({ ...base, timeline: 'after' }).reason).toBe('the schedule has ended at 50% done');
  });
});
