import { describe, expect, test } from 'vitest';
import { foldJournal } from '../../src/core/journal.js';
import { computeStatus, deriveStatus } from '../../src/core/status.js';
import { events, measure, plan, schedule, status } from './status-fixture.js';

const statusOn = (today: string, list: Parameters<typeof events>[0] = [], now?: string) =>
  computeStatus(plan, schedule, foldJournal(plan, events(list)), today, now ? { now } : {});

describe('computeStatus', () => {
  test('before the start nothing is late and health says when work begins', () => {
    const s = statusOn('2026-10-30');
    expect(s).toMatchObject({ format: 'roadmap.status/v1', timeline: 'before', currentWeek: null, currentPhase: null, late: [] });
    expect(s.health).toEqual({ state: 'on-track', reason: 'not started; work begins 2026-11-02', reasons: [] });
    expect(s.overall).toEqual({ doneEffort: 0, totalEffort: 10, percent: 0, tasksDone: 0, tasksTotal: 4 });
  });

  test('progress is effort-weighted per component, week and phase', () => {
    const s = statusOn('2026-11-04', [status('registry', 'done', '2026-11-03T16:00:00.000Z'), status('config', 'doing', '2026-11-04T09:00:00.000Z', 'Bo')]);
    expect(s.currentWeek).toBe(1);
    expect(s.currentPhase).toBe('p1');
    expect(s.components.find((c) => c.id === 'core')).toMatchObject({ status: 'doing', doneEffort: 2, totalEffort: 5, percent: 40, tasksDone: 1, tasksTotal: 2 });
    expect(s.weeks[0]).toMatchObject({ week: 1, current: true, ended: false, doneEffort: 2, totalEffort: 5, percent: 40 });
    expect(s.weeks[1]).toMatchObject({ week: 2, current: false, doneEffort: 0, totalEffort: 5, percent: 0 });
    expect(s.phases[0]).toMatchObject({ id: 'p1', status: 'doing', percent: 40 });
    expect(s.tasks.find((t) => t.id === 'config')).toMatchObject({ status: 'doing', by: 'Bo', since: '2026-11-04T09:00:00.000Z', late: false });
  });

  test('a task whose scheduled end has passed and is not done or skipped is late', () => {
    const s = statusOn('2026-11-05', [status('config', 'skipped', '2026-11-04T09:00:00.000Z')]);
    expect(s.late).toEqual([
      { kind: 'task', id: 'registry', title: 'Explicit registry', componentId: 'core', tier: 'critical', owner: 'Ana', status: 'todo', scheduledEnd: '2026-11-03', daysLate: 2 },
    ]);
    // Critical work late is off-track.
    expect(s.health.state).toBe('off-track');
    expect(s.health.reason).toBe('critical work late: registry (2 days)');
  });

  test('blocked items carry their age, owner and note; blocked is at risk', () => {
    const s = statusOn('2026-11-11', [
      status('core', 'done', '2026-11-06T16:00:00.000Z'),
      status('handlers', 'blocked', '2026-11-09T10:00:00.000Z', 'Chen', 'waiting for API keys'),
      measure('compile', 100, '2026-11-06T17:00:00.000Z'),
      measure('speedup', 120, '2026-11-06T17:00:00.000Z'),
    ]);
    expect(s.blocked).toEqual([
      expect.objectContaining({ id: 'handlers', owner: 'Chen', by: 'Chen', ageDays: 2, note: 'waiting for API keys', since: '2026-11-09T10:00:00.000Z' }),
    ]);
    expect(s.components.find((c) => c.id === 'api')!.status).toBe('blocked');
    expect(s.health).toMatchObject({ state: 'at-risk', reason: '1 item blocked, longest handlers (2 days)' });
  });

  test('with now, blocked age counts whole days elapsed', () => {
    const s = statusOn('2026-11-10', [status('handlers', 'blocked', '2026-11-09T10:00:00.000Z')], '2026-11-10T09:00:00.000Z');
    expect(s.blocked[0]!.ageDays).toBe(0);
  });

  test('success criteria: metric ones only by measurement, text ones when their component is done', () => {
    const before = statusOn('2026-11-05');
    expect(before.criteria.filter((c) => c.componentId === 'core')).toEqual([
      { componentId: 'core', index: 0, text: 'Dynamic imports replaced', state: 'manual', met: false },
      { componentId: 'core', index: 1, text: 'Compiles under Codon', metric: 'compile', state: 'unverified', met: false },
      { componentId: 'core', index: 2, text: 'Fast', metric: 'speedup', state: 'unverified', met: false },
    ]);
    const after = statusOn('2026-11-06', [status('core', 'done', '2026-11-06T10:00:00.000Z'), measure('compile', 100, '2026-11-06T11:00:00.000Z')]);
    expect(after.criteria.filter((c) => c.componentId === 'core').map((c) => [c.state, c.met])).toEqual([
      ['manual', true],
      ['met', true],
      ['unverified', false],
    ]);
  });

  test('a metric still unverified after the week it is due puts the plan at risk', () => {
    const s = statusOn('2026-11-09', [status('core', 'done', '2026-11-06T10:00:00.000Z'), measure('compile', 100, '2026-11-06T11:00:00.000Z')]);
    expect(s.metrics.find((m) => m.id === 'speedup')).toMatchObject({ state: 'unverified', dueWeek: 1 });
    expect(s.health).toMatchObject({ state: 'at-risk', reason: 'metric speedup unverified after week 1' });
  });

  test('a firing rule is off-track before anything else', () => {
    const s = statusOn('2026-11-04', [measure('error-rate', 1.4, '2026-11-04T09:00:00.000Z'), measure('error-rate', 1.6, '2026-11-04T10:00:00.000Z')], '2026-11-04T10:05:00.000Z');
    expect(s.health.state).toBe('off-track');
    expect(s.health.reason).toBe('rollback "fast" firing: error-rate 1.6 % > 1 (2 consecutive)');
    expect(s.health.reasons).toContain('metric error-rate breached: 1.6 % (target < 0.1)');
  });

  test('readiness counts only measured-and-met metrics per category', () => {
    const s = statusOn('2026-11-04', [
      { ...measure('speedup', 120, '2026-11-04T09:00:00.000Z'), evidence: { path: 'bench.json', sha256: 'a'.repeat(64) } } as Parameters<typeof events>[0][number],
      measure('coverage', 90, '2026-11-04T09:00:00.000Z'),
      measure('compile', 100, '2026-11-04T09:00:00.000Z'),
    ]);
    expect(s.readiness).toEqual([
      { category: 'performance', met: 1, total: 2, unverified: 1, evidenced: 1, percent: 50, grade: 'D' },
      { category: 'quality', met: 1, total: 3, unverified: 1, evidenced: 0, percent: 33, grade: 'F' },
    ]);
  });

  test('all done: 100 %, on track', () => {
    const list = [
      status('core', 'done', '2026-11-06T10:00:00.000Z'),
      status('api', 'done', '2026-11-12T10:00:00.000Z'),
      status('docs', 'done', '2026-11-13T10:00:00.000Z'),
      ...['speedup', 'compile'].map((m) => measure(m, 100, '2026-11-06T10:00:00.000Z')),
      measure('coverage', 96, '2026-11-12T10:00:00.000Z'),
    ];
    const s = statusOn('2026-11-20', list);
    expect(s.timeline).toBe('after');
    expect(s.overall.percent).toBe(100);
    expect(s.health).toEqual({ state: 'on-track', reason: 'all work done', reasons: [] });
  });

  test('derived component status', () => {
    expect(deriveStatus(['done', 'skipped'])).toBe('done');
    expect(deriveStatus(['skipped', 'skipped'])).toBe('skipped');
    expect(deriveStatus(['done', 'blocked'])).toBe('blocked');
    expect(deriveStatus(['done', 'todo'])).toBe('doing');
    expect(deriveStatus(['todo', 'todo'])).toBe('todo');
  });
});
