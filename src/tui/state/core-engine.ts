/** The real Engine: the scheduler, journal fold and status the CLI commands use. */
import { foldJournal } from '../../core/journal.js';
import { scheduleWithCriticalPath } from '../../core/critical-path.js';
import { weightSensitivity } from '../../core/sensitivity.js';
import { computeStatus } from '../../core/status.js';
import type { Engine } from './engine.js';

export const coreEngine: Engine = {
  // Edits (weights included) are already applied to the plan, so the scheduler needs no options.
  // With slack and the critical path (the same schedule otherwise): Roadmap marks it, Matrix shows slack.
  schedule: (plan) => scheduleWithCriticalPath(plan),
  sensitivity: (plan, criterion, delta) => weightSensitivity(plan, criterion, delta),
  status: (plan, schedule, journal, today) => computeStatus(plan, schedule, foldJournal(plan, journal.events, journal.problems), today),
};
