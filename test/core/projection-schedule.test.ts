/**
 * The projection's schedule alone (projectScheduleFromToday), which status, the exports and the
 * TUI compare with a baseline: it must be the projection's schedule in every field a comparison
 * reads, with or without the plan's schedule handed in, so that the faster path changes no output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineData, compareToBaseline, type Baseline } from '../../src/core/baseline.js';
import { summarizeBaselineSlip } from '../../src/core/baseline-slip.js';
import { buildCalendar, dayToIso, isoToDay } from '../../src/core/calendar.js';
import { scheduleWithCriticalPath } from '../../src/core/critical-path.js';
import { compareTasksToBaseline } from '../../src/core/export/against-baseline.js';
import { foldJournal, type JournalState, type LocatedEvent } from '../../src/core/journal.js';
import { PlanSchema, type Plan } from '../../src/core/plan-schema.js';
import { projectFromToday, projectScheduleFromToday, WorkdayAxis } from '../../src/core/projection.js';
import type { Schedule } from '../../src/core/schedule-types.js';
import { computeStatus, statusScheduleOf } from '../../src/core/status.js';
import { fastParse } from '../../src/plan/fast-parse.js';
import { parseJournalText } from '../../src/plan/journal-io.js';
import { generateJournal, generatePlan } from '../bench/generate-plan.js';
import { examplePlan } from '../helpers/plan-builder.js';

/** A generated plan with a journal: tasks started and closed over its first weeks, many late. */
function generated(components: number, events: number): { plan: Plan; journal: JournalState } {
  const { text, meta } = generatePlan({ components, seed: 7 });
  const parsed = fastParse(text);
  if (!parsed.ok) throw new Error(`fastParse bailed out: ${parsed.reason}`);
  const plan = PlanSchema.parse(parsed.value);
  const read: LocatedEvent[] = [];
  for (const [author, jsonl] of generateJournal({ meta, events, seed: 7 })) read.push(...parseJournalText(jsonl, `${author}.jsonl`).events);
  return { plan, journal: foldJournal(plan, read) };
}

let seq = 0;
const ev = (target: string, status: string, day: string): LocatedEvent =>
  ({ v: 1, seq: seq++, at: `${day}T12:00:00.000Z`, by: 'Ana', type: 'status', target, status }) as LocatedEvent;

/** The projection's schedule without what the critical path adds to it. */
function withoutCriticalPath(full: Schedule, lean: Schedule): Schedule {
  const { criticalPath: _chain, ...rest } = full;
  return {
    ...rest,
    components: full.components.map(({ slack: _slack, critical: _critical, ...c }) => c),
    // The critical path's own problems come after the scheduler's.
    problems: full.problems.slice(0, lean.problems.length),
  };
}

const cases = (): { name: string; plan: Plan; journal: JournalState; todays: string[] }[] => {
  const codon = examplePlan('codon-migration');
  const big = generated(300, 600);
  return [
    {
      name: 'codon, a late critical finish and work in progress',
      plan: codon,
      journal: foldJournal(codon, [
        ev('dynamic-feature-detection', 'doing', '2026-11-02'),
        ev('dynamic-feature-detection', 'done', '2026-11-06'),
        ev('analytics-thread-safety', 'doing', '2026-11-09'),
        ev('analytics-thread-safety', 'done', '2026-11-18'),
        ev('performance-monitoring', 'doing', '2026-11-19'),
      ]),
      todays: ['2026-11-18', '2026-11-23'],
    },
    { name: 'a generated 300-component plan with 600 journal events', ...big, todays: ['2026-11-04', '2026-11-23'] },
  ];
};

describe('the projection schedule a baseline comparison reads', () => {
  for (const { name, plan, journal, todays } of cases()) {
    it(`is projectFromToday's schedule without the critical path: ${name}`, () => {
      for (const today of todays) {
        const full = projectFromToday(plan, journal, today).schedule;
        const lean = projectScheduleFromToday(plan, journal, today);
        expect(lean.components.some((c) => c.actual !== undefined)).toBe(true);
        expect(lean).toEqual(withoutCriticalPath(full, lean));
      }
    });

    it(`is the same when the caller hands in the plan's schedule, whole or the part status keeps: ${name}`, () => {
      const planned = scheduleWithCriticalPath(plan);
      for (const today of todays) {
        const lean = projectScheduleFromToday(plan, journal, today);
        expect(projectScheduleFromToday(plan, journal, today, { planned })).toStrictEqual(lean);
        expect(projectScheduleFromToday(plan, journal, today, { planned: statusScheduleOf(planned) })).toStrictEqual(lean);
      }
    });

    it(`gives the same comparison with a baseline, per component, week and task: ${name}`, () => {
      const kickoff: Baseline = { name: 'kickoff', at: `${plan.start}T06:00:00.000Z`, by: 'Ana', data: baselineData(scheduleWithCriticalPath(plan)) };
      for (const today of todays) {
        const status = computeStatus(plan, scheduleWithCriticalPath(plan), journal, today);
        const full = projectFromToday(plan, journal, today).schedule;
        const lean = projectScheduleFromToday(plan, journal, today, { planned: statusScheduleOf(scheduleWithCriticalPath(plan)) });
        const expected = summarizeBaselineSlip(kickoff, compareToBaseline(kickoff, full, status, plan));
        expect(expected.slipped.length).toBeGreaterThan(0);
        expect(summarizeBaselineSlip(kickoff, compareToBaseline(kickoff, lean, status, plan))).toStrictEqual(expected);
        expect(compareTasksToBaseline(kickoff, lean, plan)).toStrictEqual(compareTasksToBaseline(kickoff, full, plan));
      }
    });
  }
});

describe('work-day counts asked many times', () => {
  it('are the same whatever was asked before (the axis remembers answers by date)', () => {
    const plan = examplePlan('codon-migration');
    const calendar = buildCalendar(plan);
    const start = isoToDay(plan.start);
    // Counted afresh from the calendar: work days of the date's week before it, plus the weeks before.
    const before = (date: string) => {
      const k = Math.floor((isoToDay(date) - start) / 7) + 1;
      return new WorkdayAxis(calendar).weekStart(k) + calendar.week(k).workdays.filter((d) => d < date).length;
    };
    const shared = new WorkdayAxis(calendar);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -60, max: 420 }), { minLength: 1, maxLength: 40 }), (offsets) => {
        for (const offset of offsets) {
          const date = dayToIso(start + offset);
          expect(shared.before(date)).toBe(before(date));
          expect(shared.endIndex(date)).toBe(before(dayToIso(start + offset + 1)) - 1);
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
