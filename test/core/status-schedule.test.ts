/**
 * `roadmap status` computes from statusScheduleOf(schedule), the part of the schedule it caches:
 * the status must come out exactly as from the whole schedule, and the part must survive JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { foldJournal, type JournalEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import type { Schedule } from '../../src/core/schedule-types.js';
import { computeStatus, statusScheduleOf } from '../../src/core/status.js';
import type { TrackedStatus } from '../../src/core/status-types.js';
import { parsePlanText } from '../../src/plan/load-plan.js';
import { plan as fixturePlan, schedule as fixtureSchedule } from './status-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const load = (file: string): Plan => {
  const loaded = parsePlanText(readFileSync(path.join(repoRoot, file), 'utf8'));
  if (!loaded.plan) throw new Error(`${file} does not load`);
  return loaded.plan;
};

/** A journal that touches every kind of state: done, doing, blocked (with notes), skipped, measured, rolled back. */
function journalFor(plan: Plan, schedule: Schedule): JournalEvent[] {
  const cycle: TrackedStatus[] = ['done', 'doing', 'blocked', 'skipped', 'done', 'todo'];
  const events: JournalEvent[] = [];
  let seq = 0;
  const at = (day: number) => new Date(Date.parse(`${schedule.start}T09:00:00.000Z`) + day * 86_400_000).toISOString();
  schedule.components.forEach((c, i) => {
    const ids = c.tasks.length > 0 ? c.tasks.map((t) => t.id) : [c.id];
    ids.forEach((id, k) => {
      const status = cycle[(i + k) % cycle.length]!;
      events.push({ v: 1, seq: seq++, at: at(i + k), by: k % 2 ? 'Bo' : 'Ana', type: 'status', target: id, status, ...(status === 'blocked' ? { note: 'waiting' } : {}) });
    });
  });
  plan.metrics.forEach((m, i) => events.push({ v: 1, seq: seq++, at: at(i), by: 'Ana', type: 'measure', metric: m.id, value: i * 7.5 }));
  const rule = plan.rollback[0];
  if (rule) events.push({ v: 1, seq: seq++, at: at(3), by: 'Bo', type: 'status', target: rule.id, status: 'rolled-back', note: 'bad' });
  return events;
}

const days = (schedule: Schedule) => [schedule.start, schedule.weeks[Math.floor(schedule.weeks.length / 2)]!.start, schedule.end, '2031-01-01'];

describe('statusScheduleOf', () => {
  const cases: [string, Plan, Schedule][] = [
    ['the status fixture', fixturePlan, fixtureSchedule],
    ...['plans/codon-migration.yaml', 'plans/crdt-backup-rollout.yaml'].map((file): [string, Plan, Schedule] => {
      const plan = load(file);
      return [file, plan, schedulePlan(plan)];
    }),
  ];

  test.each(cases)('%s: the same status from the part as from the whole schedule', (_name, plan, schedule) => {
    const journal = foldJournal(plan, journalFor(plan, schedule));
    const part = statusScheduleOf(schedule);
    // What the cache gives back: the part after a JSON round trip.
    const cached = JSON.parse(JSON.stringify(part)) as typeof part;
    expect(cached).toStrictEqual(part);
    for (const today of days(schedule)) {
      for (const options of [{}, { now: `${today}T12:00:00.000Z` }]) {
        const whole = computeStatus(plan, schedule, journal, today, options);
        expect(computeStatus(plan, cached, journal, today, options)).toStrictEqual(whole);
      }
    }
    expect(computeStatus(plan, cached, journal, days(schedule)[1]!).tasks.some((t) => t.status !== 'todo')).toBe(true);
  });

  test('leaves out what status never reads, and shares no arrays with the schedule', () => {
    const plan = load('plans/codon-migration.yaml');
    const schedule = schedulePlan(plan);
    const part = statusScheduleOf(schedule);
    expect(JSON.stringify(part).length).toBeLessThan(JSON.stringify(schedule).length / 2);
    expect(Object.keys(part.components[0]!.score)).toEqual(['tier']);
    part.weeks[0]!.phaseIds.push('changed');
    part.components[0]!.rollbackRules.push('changed');
    expect(schedule.weeks[0]!.phaseIds).not.toContain('changed');
    expect(schedule.components[0]!.rollbackRules).not.toContain('changed');
  });
});

describe('effort per week', () => {
  test('a task or task-less component over several weeks, a week twice, counts in each week it touches', () => {
    const schedule = structuredClone(fixtureSchedule);
    const week2 = schedule.weeks[1]!;
    schedule.weeks.push({ ...week2, index: 3, start: '2026-11-16', end: '2026-11-22' }, { ...week2, index: 4, start: '2026-11-23', end: '2026-11-29' });
    const api = schedule.components.find((c) => c.id === 'api')!;
    const range = (week: number, day: number) => ({ week, firstDay: day, lastDay: day, start: '2026-11-09', end: '2026-11-09' });
    api.tasks[0]!.ranges = [{ ...range(2, 1), lastDay: 2 }, range(3, 1), range(4, 1), range(3, 2)];
    const docs = schedule.components.find((c) => c.id === 'docs')!;
    docs.segments = [
      { week: 2, effort: 0.5, firstDay: 5, lastDay: 5 },
      { week: 3, effort: 0.25, firstDay: 1, lastDay: 1 },
      { week: 4, effort: 0.25, firstDay: 1, lastDay: 1 },
    ];
    const journal = foldJournal(fixturePlan, [{ v: 1, seq: 0, at: '2026-11-10T09:00:00.000Z', by: 'Ana', type: 'status', target: 'handlers', status: 'done' }]);
    for (const part of [schedule, statusScheduleOf(schedule)]) {
      const weeks = computeStatus(fixturePlan, part, journal, '2026-11-10').weeks.slice(1);
      // handlers: 4 days over 5 work days (2 in week 2, 1 + 1 in week 3, 1 in week 4); docs: 0.5 / 0.25 / 0.25.
      expect(weeks.map((w) => [w.week, w.totalEffort, w.doneEffort, w.tasksTotal, w.tasksDone])).toEqual([
        [2, 2.1, 1.6, 2, 1],
        [3, 1.85, 1.6, 2, 1],
        [4, 1.05, 0.8, 2, 1],
      ]);
    }
  });
});
