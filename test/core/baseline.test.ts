import { describe, expect, it } from 'vitest';
import { baselineData, compareToBaseline, findBaseline, readBaselines, type Baseline } from '../../src/core/baseline.js';
import { scheduleWithCriticalPath } from '../../src/core/critical-path.js';
import { foldJournal, type LocatedEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { projectFromToday } from '../../src/core/projection.js';
import { readBaselineScope } from '../../src/core/standup.js';
import { computeStatus } from '../../src/core/status.js';
import { examplePlan } from '../helpers/plan-builder.js';

let seq = 0;
const status = (target: string, s: string, day: string): LocatedEvent =>
  ({ v: 1, seq: seq++, at: `${day}T12:00:00.000Z`, by: 'Ana', type: 'status', target, status: s }) as LocatedEvent;
const baselineEvent = (name: string, data: unknown, day = '2026-11-02'): LocatedEvent =>
  ({ v: 1, seq: seq++, at: `${day}T08:00:00.000Z`, by: 'Ana', type: 'baseline', name, data }) as LocatedEvent;

function kickoff(plan: Plan): Baseline {
  return { name: 'kickoff', at: '2026-11-02T08:00:00.000Z', by: 'Ana', data: baselineData(scheduleWithCriticalPath(plan)) };
}

describe('baseline data', () => {
  it('keeps per component weeks, dates, effort and slack, per task dates, and the end', () => {
    const data = baselineData(scheduleWithCriticalPath(examplePlan('codon-migration')));
    expect(data).toMatchObject({ format: 'roadmap.baseline/v1', start: '2026-11-02', end: '2026-12-11', weeks: 6 });
    expect(data.components[1]).toEqual({
      id: 'analytics-thread-safety',
      title: 'Analytics Engine Thread Safety',
      startWeek: 2,
      endWeek: 2,
      start: '2026-11-09',
      end: '2026-11-13',
      effort: 15,
      slack: 0,
      tasks: [
        { id: 'health-monitor-safety', title: 'Health Monitor Thread Safety', start: '2026-11-09', end: '2026-11-10' },
        { id: 'incident-manager-safety', title: 'Incident Manager Thread Safety', start: '2026-11-11', end: '2026-11-12' },
        { id: 'stream-producer-safety', title: 'Stream Producer Thread Safety', start: '2026-11-13', end: '2026-11-13' },
      ],
    });
    // Compact: a journal line of a few kilobytes for the example plan.
    expect(JSON.stringify(data).length).toBeLessThan(5000);
  });

  it('is what the standup reads for scope changes', () => {
    const scope = readBaselineScope(baselineData(scheduleWithCriticalPath(examplePlan('codon-migration'))))!;
    expect(scope.components.get('cache')).toEqual({ tasks: new Map([['cache-operations', 'Cache System']]), title: 'Cache System', startWeek: 5, endWeek: 5 });
  });

  it('reads baselines from the journal, skipping unreadable ones with a warning, newest of a name first', () => {
    const plan = examplePlan('codon-migration');
    const good = baselineData(scheduleWithCriticalPath(plan));
    const journal = foldJournal(plan, [
      baselineEvent('kickoff', good),
      baselineEvent('broken', { components: 'nope' }, '2026-11-03'),
      baselineEvent('kickoff', { ...good, end: '2026-12-18' }, '2026-11-20'),
    ]);
    const { baselines, problems } = readBaselines(journal);
    expect(baselines.map((b) => [b.name, b.data.end])).toEqual([
      ['kickoff', '2026-12-11'],
      ['kickoff', '2026-12-18'],
    ]);
    expect(problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'baseline-unreadable']]);
    expect(findBaseline(baselines, 'kickoff')!.data.end).toBe('2026-12-18');
    expect(findBaseline(baselines)!.at).toBe('2026-11-20T08:00:00.000Z');
    expect(findBaseline(baselines, 'nope')).toBeUndefined();
  });
});

describe('comparing with a baseline', () => {
  it('shows planned against actual and projected dates, with slips in work days', () => {
    const plan = examplePlan('codon-migration');
    const journal = foldJournal(plan, [
      status('dynamic-feature-detection', 'doing', '2026-11-02'),
      status('dynamic-feature-detection', 'done', '2026-11-06'),
      status('analytics-thread-safety', 'doing', '2026-11-09'),
      status('analytics-thread-safety', 'done', '2026-11-18'),
      status('ai-optimizer', 'doing', '2026-11-19'),
    ]);
    const today = '2026-11-20';
    const p = projectFromToday(plan, journal, today);
    const cmp = compareToBaseline(kickoff(plan), p.schedule, computeStatus(plan, p.planned, journal, today), plan);
    expect(cmp.end).toEqual({ baseline: '2026-12-11', current: '2026-12-18', slip: 5 });
    expect(cmp.projectedFrom).toBe(today);
    const row = (id: string) => cmp.components.find((r) => r.id === id)!;
    expect(row('dynamic-feature-detection')).toMatchObject({ state: 'done', source: 'actual', startSlip: 0, finishSlip: 0 });
    expect(row('analytics-thread-safety')).toMatchObject({ state: 'done', source: 'actual', finishSlip: 3, current: { start: '2026-11-09', end: '2026-11-18' } });
    expect(row('performance-monitoring')).toMatchObject({ state: 'doing', source: 'started', startSlip: 3 });
    expect(row('cache')).toMatchObject({ state: 'todo', source: 'projected', planned: { startWeek: 5 }, current: { startWeek: 6 }, finishSlip: 5 });
    expect(cmp.weeks.map((w) => [w.week, w.planned.length, w.done, w.late, w.worstSlip])).toEqual([
      [1, 1, 1, 0, 0],
      [2, 1, 1, 1, 3],
      [3, 1, 0, 1, 4],
      [4, 1, 0, 1, 4],
      [5, 3, 0, 3, 5],
      [6, 3, 0, 3, 5],
    ]);
    expect([cmp.added, cmp.removed]).toEqual([[], []]);
  });

  it('lists components added or removed since the baseline', () => {
    const plan = examplePlan('codon-migration');
    const base = kickoff(plan);
    const changed: Plan = {
      ...plan,
      components: [
        ...plan.components.filter((c) => c.id !== 'cache'),
        { ...plan.components.find((c) => c.id === 'cache')!, id: 'cache-v2', tasks: [{ id: 'cache-v2-ops', title: 'Cache v2', effort: 3, steps: [] }] },
      ],
    };
    const journal = foldJournal(changed, []);
    const schedule = scheduleWithCriticalPath(changed);
    const cmp = compareToBaseline(base, schedule, computeStatus(changed, schedule, journal, '2026-11-02'), changed);
    expect([cmp.added, cmp.removed]).toEqual([['cache-v2'], ['cache']]);
    const removed = cmp.components.find((r) => r.id === 'cache')!;
    expect(removed).toMatchObject({ state: 'removed', planned: { startWeek: 5 } });
    expect(removed.current).toBeUndefined();
    expect(cmp.components.find((r) => r.id === 'cache-v2')).toMatchObject({ state: 'added', source: 'planned' });
  });
});
