import { describe, expect, test } from 'vitest';
import type { LocatedEvent, NewJournalEvent } from '../../../src/core/journal.js';
import { foldJournal } from '../../../src/core/journal.js';
import { schedulePlan } from '../../../src/core/schedule.js';
import { computeStatus } from '../../../src/core/status.js';
import { localDate } from '../../../src/cli/time-options.js';
import { standupPeople, standupReport, standupRows, standupWindow, tasksInProgress } from '../../../src/tui/state/standup-round.js';
import { NO_STANDUP, type RowsInput, type StandupState } from '../../../src/tui/state/types.js';
import { examplePlan } from '../../helpers/plan-builder.js';

const plan = examplePlan('codon-migration');
const schedule = schedulePlan(plan);
const located = (events: NewJournalEvent[]): LocatedEvent[] => events.map((e, i) => ({ ...e, v: 1, seq: i + 1 }) as LocatedEvent);
const statusOf = (events: NewJournalEvent[], today = '2026-11-23') => computeStatus(plan, schedule, foldJournal(plan, located(events)), today);

function rowsFor(standup: StandupState, events: NewJournalEvent[] = []): string[] {
  const input: RowsInput = {
    plan,
    schedule,
    components: new Map(schedule.components.map((c) => [c.id, c])),
    planComponents: new Map(plan.components.map((c) => [c.id, c])),
    filter: '',
    sort: 'score',
    sortReversed: false,
    week: 4,
    status: statusOf(events),
    today: '2026-11-23',
    standup,
  };
  return standupRows(input).map((r) => r.taskId);
}

describe('the standup round', () => {
  test('people: the team, then journal authors, each once whatever the case', () => {
    expect(standupPeople(plan, statusOf([{ type: 'note', at: '2026-11-20T09:00:00.000Z', by: 'ana', target: 'cache', text: 'x' }]))).toEqual([
      'Ana',
      'Bo',
      'Chen',
      'Dara',
      'Eli',
      'Fay',
    ]);
    expect(standupPeople(plan, statusOf([{ type: 'note', at: '2026-11-20T09:00:00.000Z', by: 'Gus', target: 'cache', text: 'x' }])).at(-1)).toBe('Gus');
  });

  test('tasks in progress: doing and blocked ones', () => {
    const status = statusOf([
      { type: 'status', at: '2026-11-20T09:00:00.000Z', by: 'Bo', target: 'error-middleware', status: 'doing' },
      { type: 'status', at: '2026-11-20T09:00:00.000Z', by: 'Bo', target: 'cache-operations', status: 'blocked' },
      { type: 'status', at: '2026-11-20T09:00:00.000Z', by: 'Bo', target: 'plugin-registry', status: 'done' },
    ]);
    expect(tasksInProgress(status).sort()).toEqual(['cache-operations', 'error-middleware']);
  });

  test('the window is `roadmap standup`\'s default: Monday looks back to Friday; a past day ends at its midnight', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const w = standupWindow(plan, '2026-11-23', now);
    expect(w.since).toBe('2026-11-20');
    expect(w.sinceAt).toBe(new Date('2026-11-20T00:00:00').toISOString());
    expect(w.until).toBe(now.toISOString());
    const past = standupWindow(plan, '2026-11-18', now);
    expect(past.since).toBe('2026-11-17');
    expect(localDate(new Date(past.until))).toBe('2026-11-18');
    expect(localDate(new Date(Date.parse(past.until) + 1))).toBe('2026-11-19');
  });

  test("a person's step lists their blocked, doing, late and this week's work, then what they closed in the window", () => {
    const round: StandupState = { ...NO_STANDUP, phase: 'round', subjects: ['Ana', 'Bo'], step: 0, window: standupWindow(plan, '2026-11-23', new Date('2026-11-23T10:00:00Z')) };
    expect(rowsFor(round)).toEqual(['plugin-registry', 'health-monitor-safety', 'ai-optimizer', 'error-handler-safety']);
    const events: NewJournalEvent[] = [
      { type: 'status', at: '2026-11-23T09:00:00.000Z', by: 'Ana', target: 'plugin-registry', status: 'done' },
      { type: 'status', at: '2026-11-23T09:00:00.000Z', by: 'Ana', target: 'ai-optimizer', status: 'blocked' },
      // Closed before the window opened: not news any more.
      { type: 'status', at: '2026-11-10T09:00:00.000Z', by: 'Ana', target: 'health-monitor-safety', status: 'done' },
    ];
    expect(rowsFor(round, events)).toEqual(['ai-optimizer', 'error-handler-safety', 'plugin-registry']);
    expect(rowsFor({ ...round, step: 1 })[0]).toBe('algorithm-registry');
    expect(rowsFor({ ...round, phase: 'intro' })).toEqual([]);
  });

  test('a task step lists that task', () => {
    const round: StandupState = { ...NO_STANDUP, phase: 'round', mode: 'tasks', subjects: ['cache-operations'], step: 0, window: null };
    expect(rowsFor(round)).toEqual(['cache-operations']);
  });

  test('the report is the core standup in Markdown, and the record is what --record writes', () => {
    const window = standupWindow(plan, '2026-11-23', new Date('2026-11-23T10:00:00Z'));
    const events: NewJournalEvent[] = [
      { type: 'status', at: '2026-11-23T09:00:00.000Z', by: 'Ana', target: 'plugin-registry', status: 'done' },
      // After the window closes: not in this report.
      { type: 'status', at: '2026-11-23T11:00:00.000Z', by: 'Ana', target: 'ai-optimizer', status: 'done' },
    ];
    const out = standupReport({ plan, schedule, journal: { events: located(events), problems: [] }, today: '2026-11-23' }, window);
    expect(out.markdown).toMatch(/^# Standup: Codon Migration, Monday 23 November 2026\n/);
    expect(out.markdown).toContain('## Done since last (1)');
    expect(out.markdown).toContain('`plugin-registry` Plugin System Refactoring: done by Ana');
    expect(out.record).toEqual({ since: '2026-11-20', sinceAt: window.sinceAt, today: '2026-11-23', by: 'all', counts: expect.objectContaining({ done: 1 }) });
  });
});
