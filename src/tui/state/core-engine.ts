/** The real Engine: the scheduler, journal fold and status the CLI commands use. */
import { compareToBaseline, findBaseline, readBaselines, type Baseline } from '../../core/baseline.js';
import { summarizeBaselineSlip } from '../../core/baseline-slip.js';
import { foldJournal, type JournalState } from '../../core/journal.js';
import { projectScheduleFromToday } from '../../core/projection.js';
import { scheduleWithCriticalPath } from '../../core/critical-path.js';
import type { Plan } from '../../core/plan-schema.js';
import { weightSensitivity } from '../../core/sensitivity.js';
import { computeStatus } from '../../core/status.js';
import { localDate } from '../../cli/time-options.js';
import type { Engine } from './engine.js';
import type { JournalInput } from './types.js';

/**
 * The fold reads only the plan's component, task, metric and rule ids, which re-weighting, a new
 * capacity or start date leave as they are (the same arrays): it is redone when the journal or
 * those change, not on every edit. With 20,000 events that is most of an edit's status time.
 */
let lastFold: { journal: JournalInput; components: Plan['components']; metrics: Plan['metrics']; rollback: Plan['rollback']; state: JournalState } | undefined;

function foldFor(plan: Plan, journal: JournalInput): JournalState {
  const l = lastFold;
  if (l && l.journal === journal && l.components === plan.components && l.metrics === plan.metrics && l.rollback === plan.rollback) return l.state;
  const state = foldJournal(plan, journal.events, journal.problems);
  lastFold = { journal, components: plan.components, metrics: plan.metrics, rollback: plan.rollback, state };
  return state;
}

/** Baselines parsed from one fold: re-reading them (a schema check per component) waits for a new journal. */
let lastBaselines: { state: JournalState; baselines: Baseline[] } | undefined;

function baselinesOf(state: JournalState): Baseline[] {
  if (lastBaselines?.state === state) return lastBaselines.baselines;
  const { baselines } = readBaselines(state);
  lastBaselines = { state, baselines };
  return baselines;
}

/** Journal instants are dated in local time, as the CLI's status and export do. */
const dateOf = (at: string) => localDate(new Date(at));

export const coreEngine: Engine = {
  // Edits (weights included) are already applied to the plan, so the scheduler needs no options.
  // With slack and the critical path (the same schedule otherwise): Roadmap marks it, Matrix shows slack.
  schedule: (plan) => scheduleWithCriticalPath(plan),
  sensitivity: (plan, criterion, delta) => weightSensitivity(plan, criterion, delta),
  status: (plan, schedule, journal, today) => computeStatus(plan, schedule, foldFor(plan, journal), today),
  // As `roadmap status --baseline`: done work at its actual dates, the rest re-planned from today.
  // The plan's own schedule, when given, is not worked out again: only the re-plan runs.
  baseline: (plan, journal, today, status, name, schedule) => {
    const fold = foldFor(plan, journal);
    const found = findBaseline(baselinesOf(fold), name === 'latest' ? undefined : name);
    if (!found) return undefined;
    const projected = projectScheduleFromToday(plan, fold, today, { dateOf, ...(schedule ? { planned: schedule } : {}) });
    return summarizeBaselineSlip(found, compareToBaseline(found, projected, status, plan));
  },
};
