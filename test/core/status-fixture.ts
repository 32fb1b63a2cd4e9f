/**
 * A small hand-made plan and schedule for the journal/status tests, so they do not depend on the
 * scheduler: two weeks, two phases, a component without tasks, metrics of every kind and two
 * rollback rules (one with a two-measurement streak).
 */
import { PlanSchema, type Plan, type PlanInput } from '../../src/core/plan-schema.js';
import type { JournalEvent, NewJournalEvent } from '../../src/core/journal.js';
import type { Schedule, ScheduledComponent, ScoreResult } from '../../src/core/schedule-types.js';
import type { Tier } from '../../src/core/plan-schema.js';

export const planInput: PlanInput = {
  version: 1,
  project: 'demo',
  title: 'Demo migration',
  start: '2026-11-02',
  scoring: { criteria: [{ id: 'value', name: 'Value', weight: 1 }] },
  phases: [
    { id: 'p1', title: 'Critical', tiers: ['critical'] },
    { id: 'p2', title: 'The rest', tiers: ['high', 'medium', 'low'] },
  ],
  components: [
    {
      id: 'core',
      title: 'Core refactor',
      scores: { value: 5 },
      tasks: [
        { id: 'registry', title: 'Explicit registry', effort: 2, owner: 'Ana' },
        { id: 'config', title: 'Config mapping', effort: 3, owner: 'Bo' },
      ],
      success: [
        'Dynamic imports replaced',
        { text: 'Compiles under Codon', metric: 'compile' },
        { text: 'Fast', metric: 'speedup' },
      ],
      rollback: ['fast'],
    },
    {
      id: 'api',
      title: 'API layer',
      scores: { value: 4 },
      tasks: [{ id: 'handlers', title: 'Handlers', effort: 4, owner: 'Chen' }],
      success: [{ text: 'Covered', metric: 'coverage' }],
    },
    { id: 'docs', title: 'Docs', scores: { value: 3 }, effort: 1, success: ['Written'] },
  ],
  metrics: [
    { id: 'speedup', name: 'Speedup', category: 'performance', unit: 'x', target: '>= 100', baseline: 1 },
    { id: 'compile', name: 'Compiles', category: 'quality', unit: '%', target: '>= 100', baseline: 0 },
    { id: 'coverage', name: 'Coverage', category: 'quality', unit: '%', target: '> 95', breach: '< 85', rollback: 'slow' },
    { id: 'error-rate', name: 'Error rate', category: 'quality', unit: '%', target: '< 0.1', rollback: 'fast' },
    { id: 'overhead', name: 'Overhead', category: 'performance', unit: '%', target: '< 20', rollback: 'pause' },
  ],
  rollback: [
    {
      id: 'fast',
      title: 'Immediate rollback',
      deadlines: { assess: '15m', decide: '30m', execute: '1h' },
      triggers: [{ metric: 'error-rate', condition: '> 1', consecutive: 2 }],
    },
    {
      id: 'slow',
      title: 'Gradual rollback',
      deadlines: { assess: '4h', decide: '8h', execute: '24h' },
      phases: ['p2'],
      triggers: [{ metric: 'coverage', condition: '< 90', consecutive: 2 }],
    },
    { id: 'pause', title: 'Planned rollback', deadlines: { assess: '1h', decide: '2h', execute: '4h' }, action: 'pause' },
  ],
};

export const plan: Plan = PlanSchema.parse(planInput);

function score(tier: Tier): ScoreResult {
  return { value: 5, computed: 5, source: 'computed', scorer: 'weighted', tier, terms: [], formula: '' };
}

const core: ScheduledComponent = {
  id: 'core',
  title: 'Core refactor',
  phaseId: 'p1',
  score: score('critical'),
  risk: 'high',
  effort: 5,
  startWeek: 1,
  endWeek: 1,
  start: '2026-11-02',
  end: '2026-11-06',
  segments: [{ week: 1, effort: 5, firstDay: 1, lastDay: 5 }],
  tasks: [
    {
      id: 'registry',
      title: 'Explicit registry',
      componentId: 'core',
      effort: 2,
      owner: 'Ana',
      ranges: [{ week: 1, firstDay: 1, lastDay: 2, start: '2026-11-02', end: '2026-11-03' }],
      start: '2026-11-02',
      end: '2026-11-03',
    },
    {
      id: 'config',
      title: 'Config mapping',
      componentId: 'core',
      effort: 3,
      owner: 'Bo',
      ranges: [{ week: 1, firstDay: 3, lastDay: 5, start: '2026-11-04', end: '2026-11-06' }],
      start: '2026-11-04',
      end: '2026-11-06',
    },
  ],
  pinned: false,
  dependsOn: [],
  dependants: [],
  reasons: [],
  rollbackRules: ['fast'],
};

const api: ScheduledComponent = {
  ...core,
  id: 'api',
  title: 'API layer',
  phaseId: 'p2',
  score: score('high'),
  risk: 'medium',
  effort: 4,
  startWeek: 2,
  endWeek: 2,
  start: '2026-11-09',
  end: '2026-11-12',
  segments: [{ week: 2, effort: 4, firstDay: 1, lastDay: 4 }],
  tasks: [
    {
      id: 'handlers',
      title: 'Handlers',
      componentId: 'api',
      effort: 4,
      owner: 'Chen',
      ranges: [{ week: 2, firstDay: 1, lastDay: 4, start: '2026-11-09', end: '2026-11-12' }],
      start: '2026-11-09',
      end: '2026-11-12',
    },
  ],
  rollbackRules: ['slow'],
};

const docs: ScheduledComponent = {
  ...api,
  id: 'docs',
  title: 'Docs',
  score: score('medium'),
  risk: 'low',
  effort: 1,
  start: '2026-11-13',
  end: '2026-11-13',
  segments: [{ week: 2, effort: 1, firstDay: 5, lastDay: 5 }],
  tasks: [],
};

export const schedule: Schedule = {
  project: 'demo',
  title: 'Demo migration',
  start: '2026-11-02',
  end: '2026-11-13',
  capacityPerWeek: 5,
  weeks: [
    {
      index: 1,
      start: '2026-11-02',
      end: '2026-11-08',
      workdays: ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'],
      holidays: [],
      frozen: [],
      capacity: 5,
      used: 5,
      phaseIds: ['p1'],
      components: ['core'],
      highRiskStarts: ['core'],
      rollbackRules: ['fast'],
    },
    {
      index: 2,
      start: '2026-11-09',
      end: '2026-11-15',
      workdays: ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'],
      holidays: [],
      frozen: [],
      capacity: 5,
      used: 5,
      phaseIds: ['p2'],
      components: ['api', 'docs'],
      highRiskStarts: [],
      rollbackRules: ['slow'],
    },
  ],
  phases: [
    { id: 'p1', title: 'Critical', tiers: ['critical'], index: 1, startWeek: 1, endWeek: 1, start: '2026-11-02', end: '2026-11-06', components: ['core'], rollbackRules: ['fast'] },
    { id: 'p2', title: 'The rest', tiers: ['high', 'medium', 'low'], index: 2, startWeek: 2, endWeek: 2, start: '2026-11-09', end: '2026-11-13', components: ['api', 'docs'], rollbackRules: ['slow'] },
  ],
  components: [core, api, docs],
  problems: [],
};

/** Builds complete events with per-author sequence numbers, as the I/O layer would. */
export function events(list: NewJournalEvent[]): JournalEvent[] {
  const seqs = new Map<string, number>();
  return list.map((e) => {
    const seq = (seqs.get(e.by) ?? 0) + 1;
    seqs.set(e.by, seq);
    return { v: 1, seq, ...e } as JournalEvent;
  });
}

export const status = (target: string, s: string, at: string, by = 'Ana', note?: string): NewJournalEvent =>
  ({ type: 'status', target, status: s, at, by, ...(note ? { note } : {}) }) as NewJournalEvent;

export const measure = (metric: string, value: number, at: string, by = 'Ana'): NewJournalEvent => ({
  type: 'measure',
  metric,
  value,
  at,
  by,
});
