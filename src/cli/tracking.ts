/**
 * What `track`, `metric`, `import` and `status` share: load the plan, schedule it, read and fold
 * its journal.
 */
import { foldJournal, type JournalState } from '../core/journal.js';
import type { Plan } from '../core/plan-schema.js';
import { schedulePlan } from '../core/schedule.js';
import type { Schedule } from '../core/schedule-types.js';
import { readJournal, type JournalRead } from '../plan/journal-io.js';
import { cachedSchedule } from '../plan/plan-cache.js';
import type { CliIO } from './command.js';
import { displayPath, loadPlanForCommand } from './plan-source.js';

export interface Tracking {
  plan: Plan;
  file: string;
  schedule: Schedule;
  read: JournalRead;
  journal: JournalState;
}

export type TrackingLoad = ({ ok: true } & Tracking) | { ok: false; exitCode: number };

export async function loadTracking(io: CliIO, planArg: string | undefined): Promise<TrackingLoad> {
  const loaded = await loadPlanForCommand(io, planArg);
  if (!loaded.ok) return { ok: false, exitCode: loaded.exitCode };
  const schedule = cachedSchedule(loaded.loaded.hash, loaded.plan, schedulePlan);
  const read = await readJournal(loaded.file, { display: (f) => displayPath(f, io.cwd) });
  const journal = foldJournal(loaded.plan, read.events, read.problems);
  return { ok: true, plan: loaded.plan, file: loaded.file, schedule, read, journal };
}

/** Re-folds after an append, without reloading the plan. */
export async function refold(io: CliIO, t: Tracking): Promise<Tracking> {
  const read = await readJournal(t.file, { display: (f) => displayPath(f, io.cwd) });
  return { ...t, read, journal: foldJournal(t.plan, read.events, read.problems) };
}
