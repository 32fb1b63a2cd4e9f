/**
 * json, csv, ics and mermaid against a baseline (issue 10), with scripted journals: a baseline
 * saved at kickoff, then a late task. The right component and task carry the right slip in work
 * days; without a baseline every format is exactly what it was.
 */
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { baselineData } from '../../../src/core/baseline.js';
import { scheduleWithCriticalPath } from '../../../src/core/critical-path.js';
import { compareTasksToBaseline, exportBaselineFor, slipSentence } from '../../../src/core/export/against-baseline.js';
import { CSV_BASELINE_COLUMNS, CSV_BASELINE_HEADER_LINE, CSV_COLUMNS, exportCsv } from '../../../src/core/export/csv.js';
import { exportIcs } from '../../../src/core/export/ics.js';
import { exportJson } from '../../../src/core/export/json.js';
import { exportMermaid } from '../../../src/core/export/mermaid.js';
import { foldJournal, type JournalEvent } from '../../../src/core/journal.js';
import { isEarlierExport } from '../../../src/plan/atomic-write.js';
import { examplePlan } from '../../helpers/plan-builder.js';
import { baselineInput, baselineJournal, hostileInput, hostileJournal, hostilePlan, HOSTILE, inputFor, LATE_ON_CRITICAL_PATH, withoutBaseline } from './fixtures.js';

const critical = (extra = {}) => baselineInput(extra, { events: baselineJournal(LATE_ON_CRITICAL_PATH), today: '2026-12-15' });
const rows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const icsEvents = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('exports against a baseline: JSON', () => {
  it('gives the baseline, the end-date slip and each component planned vs now with its slip', () => {
    const doc = JSON.parse(exportJson(critical()));
    expect(doc.baseline.baseline).toEqual({ name: 'kickoff', at: '2026-12-07T08:00:00.000Z', by: 'Grace' });
    expect(doc.baseline.end).toEqual({ baseline: '2027-01-11', current: '2027-01-20', slip: 7 });
    expect(doc.baseline.projectedFrom).toBe('2026-12-15');
    const ts = doc.baseline.components.find((c: { id: string }) => c.id === 'timestamp-validation');
    expect(ts).toMatchObject({ state: 'doing', planned: { start: '2026-12-09', end: '2026-12-11' }, current: { start: '2026-12-09', end: '2026-12-17' }, startSlip: 0, finishSlip: 4, source: 'started' });
    expect(doc.baseline.components.find((c: { id: string }) => c.id === 'monitoring-setup')).toMatchObject({ state: 'done', finishSlip: 0, source: 'actual' });
    // Where the slip began: it slipped 4 days against 2 days of slack.
    expect(doc.baseline.movesEnd[0]).toEqual({ id: 'timestamp-validation', slip: 4, slack: 2 });
    expect(doc.baseline.weeks[0]).toMatchObject({ week: 1, planned: ['monitoring-setup', 'timestamp-validation'], done: 1, late: 1, worstSlip: 4 });
  });

  it('--baseline NAME picks that one; without a baseline there is no baseline key', () => {
    const events = [...baselineJournal(LATE_ON_CRITICAL_PATH, 'old'), ...baselineJournal([], 'replan').map((e, i) => ({ ...e, seq: 100 + i, at: '2026-12-14T08:00:00.000Z' }))] as JournalEvent[];
    expect(JSON.parse(exportJson(baselineInput({}, { events, today: '2026-12-15' }))).baseline.baseline.name).toBe('replan');
    expect(JSON.parse(exportJson(baselineInput({}, { events, today: '2026-12-15', name: 'old' }))).baseline.baseline.name).toBe('old');
    expect(JSON.parse(exportJson(withoutBaseline(critical())))).not.toHaveProperty('baseline');
  });
});

describe('exports against a baseline: CSV', () => {
  it('adds the baselined dates, the end now and the slip per task, only with a baseline', () => {
    const table = rows(exportCsv(baselineInput()));
    expect(Object.keys(table[0]!)).toEqual([...CSV_COLUMNS, ...CSV_BASELINE_COLUMNS]);
    const late = table.find((r) => r.task_id === 'alert-config')!;
    expect(late).toMatchObject({ component_id: 'monitoring-setup', end: '2026-12-08', baseline_start: '2026-12-08', baseline_end: '2026-12-08', current_end: '2026-12-10', slip_work_days: '2' });
    expect(table.find((r) => r.task_id === 'log-monitors')!.slip_work_days).toBe('0');
    // The slack absorbed it: the last task ends as baselined.
    expect(table.at(-1)).toMatchObject({ task_id: 'review', baseline_end: '2027-01-11', current_end: '2027-01-11', slip_work_days: '0' });
    expect(Object.keys(rows(exportCsv(withoutBaseline(baselineInput())))[0]!)).toEqual([...CSV_COLUMNS]);
  });

  it('keeps the header stable and recognised as an earlier export', () => {
    const text = exportCsv(critical());
    expect(text.split('\r\n')[0]).toBe('phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner,baseline_start,baseline_end,current_end,slip_work_days');
    expect(text.startsWith(CSV_BASELINE_HEADER_LINE)).toBe(true);
    expect(isEarlierExport(text)).toBe(true);
  });

  it('stays formula-safe with hostile text, and a task added since has empty baseline cells', () => {
    const plan = hostilePlan();
    const saved: JournalEvent = { v: 1, seq: 99, type: 'baseline', at: '2026-11-01T08:00:00.000Z', by: HOSTILE.formula, name: HOSTILE.formula, data: baselineData(scheduleWithCriticalPath(plan)) };
    // A baseline from before the task "multi" existed.
    (saved.data as ReturnType<typeof baselineData>).components[1]!.tasks.pop();
    const events = [saved, ...hostileJournal()];
    const input = hostileInput();
    const lookup = exportBaselineFor(plan, foldJournal(plan, events), input.status, '2026-11-09');
    expect(lookup.found).toBe(true);
    if (!lookup.found) return;
    const table = rows(exportCsv({ ...input, baseline: lookup.baseline.slip, baselineTasks: lookup.baseline.tasks }));
    expect(table.find((r) => r.task_id === 'multi')).toMatchObject({ baseline_start: '', baseline_end: '', slip_work_days: '' });
    for (const row of table) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });
});

describe('exports against a baseline: iCalendar', () => {
  it('says the slip in each description and the end-date slip on the last gate, UIDs unchanged', () => {
    const list = icsEvents(exportIcs(baselineInput()));
    const week1 = list.find((e) => e.summary.startsWith('Week 1:'))!;
    expect(week1.description).toContain("Against the baseline:\n- Monitoring and alerting: 2 work days later than baseline 'kickoff'");
    expect(week1.description).toContain("- Timestamp validation hardening: as in baseline 'kickoff'");
    const tasks = icsEvents(exportIcs(baselineInput({ per: 'task' })));
    expect(tasks.find((e) => e.uid.startsWith('task-alert-config.'))!.description).toContain("Slip: 2 work days later than baseline 'kickoff'");
    expect(tasks.find((e) => e.uid.startsWith('task-log-monitors.'))!.description).toContain("Slip: as in baseline 'kickoff'");
    const gates = icsEvents(exportIcs(critical())).filter((e) => e.summary.startsWith('Phase gate'));
    expect(gates.at(-1)!.description).toContain("End date: Mon 11 Jan 2027 in baseline 'kickoff', now Wed 20 Jan 2027 (+7 work days)");
    expect(gates[0]!.description).not.toContain('End date');
    for (const per of ['week', 'task'] as const) {
      const uids = (input: ReturnType<typeof critical>) => icsEvents(exportIcs(input)).map((e) => e.uid);
      expect(uids(critical({ per }))).toEqual(uids(withoutBaseline(critical({ per }))));
    }
  });

  it('escapes a hostile baseline name', () => {
    const name = 'kick;off, "x"\nnext \u001b[31m';
    const text = exportIcs(baselineInput({ per: 'task' }, { events: baselineJournal(undefined, name) }));
    const slip = icsEvents(text).find((e) => e.uid.startsWith('task-alert-config.'))!.description;
    expect(slip).toContain(`Slip: 2 work days later than baseline 'kick;off, "x"\nnext '`);
    expect(text).not.toContain('\u001b');
  });
});

describe('exports against a baseline: Mermaid', () => {
  it('marks slipped bars in their label and shows the baselined end next to the end now', () => {
    const text = exportMermaid(critical());
    expect(text).toContain('    Timestamp validation hardening (slipped +4 work days) :crit, active, c-timestamp-validation, 2026-12-09, 3d');
    expect(text).toContain('    Monitoring and alerting :crit, done, c-monitoring-setup, 2026-12-07, 2d');
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      '    section Against baseline kickoff',
      '    Baselined end :milestone, baseline-end, 2027-01-11, 0d',
      '    End now (+7 work days) :crit, milestone, baseline-now, 2027-01-20, 0d',
    ]);
    const within = exportMermaid(baselineInput({ per: 'task' }));
    expect(within).toContain('    Alert thresholds and on-call routing (slipped +2 work days) :crit, done, t-alert-config, after t-log-monitors, 1d');
    expect(within).toContain('    Log monitors for memory limit and git failures :crit, done, t-log-monitors, 2026-12-07, 1d');
    // The end date held: one milestone, no "End now".
    expect(within).toContain('    Baselined end :milestone, baseline-end, 2027-01-11, 0d');
    expect(within).not.toContain('End now');
  });

  it('encodes a baseline name that would break the chart', () => {
    const text = exportMermaid(baselineInput({}, { events: baselineJournal(undefined, 'v2: go; #1\nsection x') }));
    expect(text).toContain('    section Against baseline v2#58; go#59; #35;1 section x');
  });
});

describe('exports without a baseline', () => {
  // Byte for byte as before: the golden files of both example plans (golden.test.ts) are unchanged.
  it('carry no trace of one when none is in use, even if the journal holds one', () => {
    const input = withoutBaseline(baselineInput());
    expect(JSON.parse(exportJson(input))).not.toHaveProperty('baseline');
    expect(exportCsv(input).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    for (const per of ['week', 'task'] as const) {
      expect(exportIcs({ ...input, per })).not.toMatch(/baseline|Slip:|End date:/);
      expect(exportMermaid({ ...input, per })).not.toMatch(/slipped|baseline/);
    }
  });

  it('a journal without baselines finds none; a name not saved lists the ones that are', () => {
    const plan = examplePlan('crdt-backup-rollout');
    const events = baselineJournal();
    const input = inputFor(plan, events.slice(1), '2026-12-10');
    expect(exportBaselineFor(plan, foldJournal(plan, events.slice(1)), input.status, '2026-12-10')).toMatchObject({ found: false, names: [] });
    expect(exportBaselineFor(plan, foldJournal(plan, events), input.status, '2026-12-10', 'nope')).toMatchObject({ found: false, names: ['kickoff'] });
    expect(exportBaselineFor(plan, foldJournal(plan, events), input.status, '2026-12-10', 'latest')).toMatchObject({ found: true });
  });
});

describe('the slip per task and its sentence', () => {
  it('counts work days of the calendar, across a weekend', () => {
    const plan = examplePlan('crdt-backup-rollout');
    const schedule = scheduleWithCriticalPath(plan);
    const baseline = { name: 'b', at: '2026-12-07T08:00:00.000Z', by: 'x', data: baselineData(schedule) };
    const moved = structuredClone(schedule);
    // staging-load planned Mon 14 - Tue 15 Dec; now ending Mon 21 Dec: 4 work days later.
    moved.components.find((c) => c.id === 'staging-deploy')!.tasks.find((t) => t.id === 'staging-load')!.end = '2026-12-21';
    const rowsById = compareTasksToBaseline(baseline, moved, plan);
    expect(rowsById.get('staging-load')).toMatchObject({ componentId: 'staging-deploy', finishSlip: 4, startSlip: 0 });
    expect(rowsById.get('canary-deploy')!.finishSlip).toBe(0);
  });

  it('reads as a sentence', () => {
    expect(slipSentence({ planned: {}, current: {}, finishSlip: 1 }, 'k')).toBe("1 work day later than baseline 'k'");
    expect(slipSentence({ planned: {}, current: {}, finishSlip: -2 }, 'k')).toBe("2 work days earlier than baseline 'k'");
    expect(slipSentence({ current: {} }, 'k')).toBe("not in baseline 'k'");
    expect(slipSentence({ planned: {} }, 'k')).toBe("no longer scheduled (it was in baseline 'k')");
  });
});
