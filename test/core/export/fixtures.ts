/**
 * Inputs for the export tests: the two example plans with a small scripted journal (work done,
 * in progress and blocked; measurements with evidence; a rollback rule firing), and a hostile plan
 * whose every text field tries to break out of some format.
 */
import { foldJournal, type JournalEvent, type NewJournalEvent } from '../../../src/core/journal.js';
import { PlanSchema, type Plan, type PlanInput } from '../../../src/core/plan-schema.js';
import { scheduleWithCriticalPath } from '../../../src/core/critical-path.js';
import { computeStatus } from '../../../src/core/status.js';
import type { ExportInput } from '../../../src/core/export/index.js';
import { examplePlan } from '../../helpers/plan-builder.js';
import { baselineData } from '../../../src/core/baseline.js';
import { exportBaselineFor } from '../../../src/core/export/against-baseline.js';

const SHA = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Numbers each author's events as journal-io would (seq per author, from 1). */
function numbered(events: NewJournalEvent[]): JournalEvent[] {
  const seq = new Map<string, number>();
  return events.map((e) => {
    const next = (seq.get(e.by) ?? 0) + 1;
    seq.set(e.by, next);
    return { v: 1, seq: next, ...e } as JournalEvent;
  });
}

export const CODON_TODAY = '2026-11-23';
export const CRDT_TODAY = '2026-12-15';

export function codonJournal(): JournalEvent[] {
  return numbered([
    { type: 'status', at: '2026-11-03T16:00:00.000Z', by: 'Ana', target: 'plugin-registry', status: 'done' },
    { type: 'status', at: '2026-11-05T15:30:00.000Z', by: 'Bo', target: 'algorithm-registry', status: 'done' },
    { type: 'status', at: '2026-11-06T17:00:00.000Z', by: 'Chen', target: 'config-mapping', status: 'done' },
    {
      type: 'measure',
      at: '2026-11-06T17:30:00.000Z',
      by: 'Ana',
      metric: 'codon-compile',
      value: 100,
      evidence: { path: 'reports/codon-compile.log', sha256: SHA },
      source: 'manual',
    },
    { type: 'status', at: '2026-11-10T16:00:00.000Z', by: 'Ana', target: 'health-monitor-safety', status: 'done' },
    { type: 'status', at: '2026-11-12T09:00:00.000Z', by: 'Bo', target: 'incident-manager-safety', status: 'doing' },
    { type: 'status', at: '2026-11-13T11:00:00.000Z', by: 'Chen', target: 'stream-producer-safety', status: 'blocked', note: 'waiting on the "streams" upgrade' },
    { type: 'measure', at: '2026-11-18T10:00:00.000Z', by: 'Bo', metric: 'analytics-speedup', value: 12, source: 'bench', evidence: { url: 'https://ci.example.com/runs/118' } },
    { type: 'measure', at: '2026-11-20T10:00:00.000Z', by: 'Bo', metric: 'analytics-speedup', value: 42.5, source: 'bench', evidence: { url: 'https://ci.example.com/runs/131' } },
    { type: 'status', at: '2026-11-17T12:00:00.000Z', by: 'Ana', target: 'ai-optimizer', status: 'doing' },
    { type: 'measure', at: '2026-11-20T18:00:00.000Z', by: 'Eli', metric: 'test-coverage', value: 89, source: 'coverage', evidence: { path: 'coverage/coverage-summary.json', sha256: SHA } },
    { type: 'measure', at: '2026-11-21T18:00:00.000Z', by: 'Eli', metric: 'test-coverage', value: 88.4, source: 'coverage', evidence: { path: 'coverage/coverage-summary.json', sha256: SHA } },
    { type: 'measure', at: '2026-11-22T08:00:00.000Z', by: 'Dara', metric: 'error-rate', value: 1.4, source: 'manual' },
  ]);
}

export function crdtJournal(): JournalEvent[] {
  return numbered([
    { type: 'status', at: '2026-12-07T16:00:00.000Z', by: 'Grace', target: 'log-monitors', status: 'done' },
    { type: 'status', at: '2026-12-08T16:00:00.000Z', by: 'Grace', target: 'alert-config', status: 'done' },
    { type: 'status', at: '2026-12-10T16:00:00.000Z', by: 'Priya', target: 'ts-validate', status: 'done' },
    { type: 'status', at: '2026-12-11T09:00:00.000Z', by: 'Tomas', target: 'ts-tests', status: 'doing' },
    { type: 'status', at: '2026-12-14T12:00:00.000Z', by: 'Grace', target: 'staging-install', status: 'done' },
    { type: 'measure', at: '2026-12-14T15:00:00.000Z', by: 'Priya', metric: 'p95-merge-latency', value: 0.13, source: 'bench', evidence: { path: 'bench/staging-p95.json', sha256: SHA } },
    { type: 'measure', at: '2026-12-14T15:05:00.000Z', by: 'Priya', metric: 'data-loss-incidents', value: 0, source: 'manual' },
  ]);
}

export function inputFor(plan: Plan, events: JournalEvent[], today: string, extra: Partial<ExportInput> = {}): ExportInput {
  // As `roadmap export` schedules: with slack and the critical path.
  const schedule = scheduleWithCriticalPath(plan);
  const status = computeStatus(plan, schedule, foldJournal(plan, events), today);
  return { plan, schedule, status, generatedAt: today, ...extra };
}

export const codonInput = (extra: Partial<ExportInput> = {}) => inputFor(examplePlan('codon-migration'), codonJournal(), CODON_TODAY, extra);
export const crdtInput = (extra: Partial<ExportInput> = {}) => inputFor(examplePlan('crdt-backup-rollout'), crdtJournal(), CRDT_TODAY, extra);

/** Text that tries to break out of each format: markup, separators, formulas, controls, RTL. */
export const HOSTILE = {
  script: '<script>alert("x")</script>',
  quotes: `He said "hi", then 'bye'; ok`,
  newline: 'line one\nline two\r\nline three',
  formula: "=cmd|' /C calc'!A0",
  plus: '+1 555 0100',
  at: '@SUM(A1:A2)',
  emoji: 'Ship it 🚀 👩🏽‍💻 and ✅',
  rtl: 'עברית and العربية',
  markdown: '**bold** _em_ [link](http://x) `code` | pipe # hash',
  heading: '# not a heading',
  mermaid: 'a: b; c #d %% e',
  keyword: 'section 5 cleanup',
  entity: '&lt;b&gt; and &amp; and &#60;',
  bidi: 'safe\u202Eevil',
  escape: 'bell\u0007 and esc\u001b[31mred',
  backslash: 'C:\\path\\to\\file, and ; semi',
  long: `${'Long 日本語 text with ünïcödé '.repeat(6)}end`,
} as const;

/** A valid plan whose every title, note and path is hostile text. */
export function hostilePlan(): Plan {
  const h = HOSTILE;
  const input: PlanInput = {
    version: 1,
    project: `Hostile ${h.quotes}`,
    title: `${h.script} ${h.markdown}`,
    description: `${h.newline} ${h.entity} ${h.bidi}`,
    start: '2026-11-02',
    calendar: { holidays: [{ date: '2026-11-11', name: h.script }] },
    team: {
      capacity_per_week: 5,
      roles: [{ id: 'dev', title: h.formula, count: { min: 1, max: 2 }, responsibilities: [h.at] }],
      members: [{ name: h.emoji, role: 'dev' }],
    },
    scoring: { criteria: [{ id: 'value', name: h.markdown, weight: 1 }] },
    phases: [{ id: 'all', title: h.mermaid, tiers: ['critical', 'high', 'medium', 'low'] }],
    components: [
      {
        id: 'first',
        title: h.script,
        group: h.heading,
        impact: 'high',
        impact_note: h.formula,
        risk: { level: 'high', description: h.newline, mitigation: h.markdown, monitoring: h.rtl },
        scores: { value: 5 },
        paths: [`src/${h.backslash}`, 'a`b`c|d.py'],
        objectives: [h.heading, h.entity],
        tasks: [
          { id: 'formula', title: h.formula, effort: 2, owner: h.at, steps: [h.newline, h.script] },
          { id: 'emoji', title: h.emoji, effort: 2, owner: h.rtl, steps: [h.mermaid] },
          { id: 'keyword', title: h.keyword, effort: 1, steps: [h.long] },
        ],
        success: [h.quotes, { text: h.markdown, metric: 'speed' }],
        rollback: ['oops'],
      },
      {
        id: 'second',
        title: `${h.mermaid} ${h.plus}`,
        scores: { value: 2 },
        depends_on: ['first'],
        tasks: [
          { id: 'tricky', title: `${h.escape} ${h.bidi}`, effort: 3, owner: h.plus },
          { id: 'multi', title: h.newline, effort: 4 },
        ],
        success: [h.backslash],
      },
    ],
    metrics: [{ id: 'speed', name: h.script, category: h.heading, unit: h.quotes.slice(0, 30), target: '>= 100', baseline: 1, description: h.long }],
    rollback: [
      {
        id: 'oops',
        title: h.script,
        detection: h.newline,
        deadlines: { assess: '15m', decide: '1h', execute: '2d' },
        triggers: [{ metric: 'speed', condition: '< 1' }],
        steps: [h.formula, h.markdown],
      },
    ],
    validation: { daily: [h.keyword], weekly: [h.entity], phase: [h.script] },
    infrastructure: [`${h.heading}: ${h.script}`, h.long],
  };
  return PlanSchema.parse(input);
}

export function hostileJournal(): JournalEvent[] {
  const h = HOSTILE;
  return numbered([
    { type: 'status', at: '2026-11-03T10:00:00.000Z', by: h.emoji, target: 'formula', status: 'done' },
    { type: 'status', at: '2026-11-04T10:00:00.000Z', by: h.formula, target: 'emoji', status: 'blocked', note: `${h.script} ${h.newline}` },
    { type: 'measure', at: '2026-11-05T10:00:00.000Z', by: h.rtl, metric: 'speed', value: 0.5, evidence: { path: `reports/${h.markdown}.txt`, url: 'https://x.invalid/?a=1&b=<2>' }, note: h.script },
  ]);
}

export const hostileInput = (extra: Partial<ExportInput> = {}) => inputFor(hostilePlan(), hostileJournal(), '2026-11-09', extra);

export const BASELINE_TODAY = '2026-12-10';

/**
 * After the baseline: a late task. "Alert thresholds and on-call routing" (planned Tue 8 Dec)
 * finished on Thu 10 Dec, two work days late; its component, Monitoring and alerting, had 2 days
 * of slack, so the end date holds.
 */
export const LATE_WITHIN_SLACK: NewJournalEvent[] = [
  { type: 'status', at: '2026-12-07T16:00:00.000Z', by: 'Grace', target: 'log-monitors', status: 'done' },
  { type: 'status', at: '2026-12-08T09:00:00.000Z', by: 'Grace', target: 'alert-config', status: 'doing' },
  { type: 'status', at: '2026-12-09T16:00:00.000Z', by: 'Priya', target: 'ts-validate', status: 'done' },
  { type: 'status', at: '2026-12-10T16:00:00.000Z', by: 'Grace', target: 'alert-config', status: 'done' },
];

/**
 * After the baseline: a late task on the critical path. "Validate entry timestamps on merge"
 * (planned Wed 9 - Thu 10 Dec) still in progress on Tue 15 Dec: the end date moves.
 */
export const LATE_ON_CRITICAL_PATH: NewJournalEvent[] = [
  { type: 'status', at: '2026-12-07T16:00:00.000Z', by: 'Grace', target: 'log-monitors', status: 'done' },
  { type: 'status', at: '2026-12-08T16:00:00.000Z', by: 'Grace', target: 'alert-config', status: 'done' },
  { type: 'status', at: '2026-12-09T09:00:00.000Z', by: 'Priya', target: 'ts-validate', status: 'doing' },
];

/** The crdt plan's journal: a baseline saved at kickoff (named `name`), then `after`. */
export function baselineJournal(after: NewJournalEvent[] = LATE_WITHIN_SLACK, name = 'kickoff'): JournalEvent[] {
  const plan = examplePlan('crdt-backup-rollout');
  return numbered([{ type: 'baseline', at: '2026-12-07T08:00:00.000Z', by: 'Grace', name, data: baselineData(scheduleWithCriticalPath(plan)) }, ...after]);
}

/** The crdt plan exported as `roadmap export` does it with a baseline in the journal. */
export function baselineInput(extra: Partial<ExportInput> = {}, opts: { events?: JournalEvent[]; today?: string; name?: string } = {}): ExportInput {
  const plan = examplePlan('crdt-backup-rollout');
  const events = opts.events ?? baselineJournal();
  const today = opts.today ?? BASELINE_TODAY;
  const input = inputFor(plan, events, today, extra);
  const lookup = exportBaselineFor(plan, foldJournal(plan, events), input.status, today, opts.name);
  if (!lookup.found) return input;
  return { ...input, baseline: lookup.baseline.slip, baselineTasks: lookup.baseline.tasks, ...extra };
}

/** The same input with no baseline comparison, as an export of a journal without one. */
export function withoutBaseline(input: ExportInput): ExportInput {
  const { baseline: _b, baselineTasks: _t, ...rest } = input;
  return rest;
}
