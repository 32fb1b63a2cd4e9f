/**
 * `roadmap status [plan]`: health, firing rollbacks, progress, late and blocked work, metrics and
 * readiness on one screen; `--json` prints the PlanStatus (format "roadmap.status/v1").
 */
import { compareToBaseline, findBaseline, readBaselines } from '../../core/baseline.js';
import { summarizeBaselineSlip, type BaselineSlip } from '../../core/baseline-slip.js';
import { projectScheduleFromToday } from '../../core/projection.js';
import { computeStatus, statusJournalOf, statusPlanOf, statusScheduleOf, type StatusJournal, type StatusPlan } from '../../core/status.js';
import { foldJournal, type JournalState } from '../../core/journal.js';
import type { Plan } from '../../core/plan-schema.js';
import { schedulePlan } from '../../core/schedule.js';
import type { IsoDate } from '../../core/schedule-types.js';
import type { PlanStatus, StatusSchedule } from '../../core/status-types.js';
import { journalFilesHash, parseJournalFiles, readJournalFiles, type JournalFiles } from '../../plan/journal-io.js';
import {
  cachedDerived,
  cachedJournalFold,
  defaultPlanCache,
  readCachedDerived,
  readCachedFold,
  writeCachedDerived,
  writeCachedFold,
} from '../../plan/plan-cache.js';
import { readCachedPlanPart } from '../../plan/load-plan.js';
import { sanitizeLine, stringifyJson } from '../../core/sanitize.js';
import { EXIT, UsageError, type CliIO, type Command } from '../command.js';
import { renderStatus } from '../render-status.js';
import { dateOfInstant, journalWarnings } from '../schedule-projection.js';
import { styleFor } from '../style.js';
import { localDate, parseDay, parseInstant } from '../time-options.js';
import { displayPath, loadPlanForCommand, resolvePlanPath } from '../plan-source.js';

const USAGE = 'roadmap status [plan] [--today YYYY-MM-DD] [--now ISO-DATETIME] [--baseline NAME] [--json]';

const command: Command = {
  name: 'status',
  summary: 'Show health, firing rollbacks, progress, late/blocked work and metrics',
  help: `Usage: ${USAGE}

Folds the plan's journal (every author's file) into one status screen:
health (on track / at risk / off track) with the reason, rollback rules firing with their
deadlines, progress per phase and week, late and blocked work, metrics (UNVERIFIED until
measured) and a readiness scorecard, then any journal problems.

  --today DATE   report as of this date (default: today, local time)
  --now ISO      the current instant, for rollback deadlines and ages (default: the clock)
  --baseline NAME  compare with this baseline (\`roadmap baseline save\`); without it, with the
                 newest one when the journal has any: end-date slip, what slipped, what moves
                 the end date (actual dates for done work, re-planned from today for the rest)
  --json         print the status as JSON ("format": "roadmap.status/v1", see docs/tracking.md)`,
  options: {
    today: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    baseline: { type: 'string' },
  },
  async run({ io, args, options }) {
    if (args.length > 1) throw new UsageError(`status takes at most one plan.\nUsage: ${USAGE}`);
    const planArg = args[0];
    const now = typeof options.now === 'string' ? new Date(parseInstant(options.now, '--now')) : io.now();
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(now);
    const loaded = await loadForStatus(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const status = computeStatus(loaded.plan, loaded.schedule, loaded.journal, today, { now: now.toISOString() });
    const baseline = againstBaseline(loaded, status, today, typeof options.baseline === 'string' ? options.baseline : undefined, io);
    if (options.json) {
      // Only added fields within roadmap.status/v1: `baseline` is present when a baseline is.
      io.stdout(`${stringifyJson(baseline ? { ...status, baseline: { ...baseline.comparison, movesEnd: baseline.movesEnd } } : status)}\n`);
    } else {
      io.stdout(renderStatus(status, { now, columns: io.columns, style: styleFor(io), ...(baseline ? { baseline } : {}) }));
    }
    return EXIT.ok;
  },
};

/**
 * What tracking.ts loadTracking does, but with only the parts status reads, cached per plan
 * (plan-cache.ts): on a big plan, reading the whole plan and schedule back costs more than
 * everything else status does. The fold of the journal is cached too, keyed on the journal files'
 * bytes: status never needs the raw events, and an unchanged journal is not parsed again.
 * Only the comparison with a baseline needs the whole plan (it re-plans from today): a journal
 * holding a baseline takes the whole path, and so does any miss.
 */
/** The whole plan and fold, or (no baseline in the journal) only the parts status reads. */
type StatusInputs = { full: Plan; journal: JournalState } | { full: undefined; journal: StatusJournal };

async function loadForStatus(
  io: CliIO,
  planArg: string | undefined,
): Promise<({ ok: true; plan: StatusPlan; schedule: StatusSchedule } & StatusInputs) | { ok: false; exitCode: number }> {
  const display = (f: string) => displayPath(f, io.cwd);
  const file = resolvePlanPath(planArg, io.cwd);
  const cache = defaultPlanCache();
  const part = await readCachedPlanPart<StatusPlan>(file, 'status-plan');
  let read: { files: JournalFiles; hash: string } | undefined;
  let statusFold: StatusJournal | undefined;
  let found: StatusSchedule | undefined;
  if (part) {
    const schedule = (found = readCachedDerived<StatusSchedule>('status-schedule', part.hash, cache));
    if (schedule) {
      const files = await readJournalFiles(file, { display });
      read = { files, hash: journalFilesHash(files) };
      statusFold = readCachedFold('status-fold', part.hash, read.hash, cache);
      if (statusFold && statusFold.baselines.length === 0) return { ok: true, plan: part.part, full: undefined, schedule, journal: statusFold };
    }
  }
  const loaded = await loadPlanForCommand(io, planArg);
  if (!loaded.ok) return { ok: false, exitCode: loaded.exitCode };
  const { hash } = loaded.loaded;
  // As for the plan itself: only a plan with no problem at all, so a hit has nothing to print.
  if (loaded.loaded.problems.length === 0 && part?.hash !== hash) writeCachedDerived('status-plan', hash, statusPlanOf(loaded.plan), cache);
  // Read above already, unless the plan changed under us meanwhile (28 MB of JSON at 50k).
  const schedule =
    found && part?.hash === hash ? found : cachedDerived('status-schedule', hash, loaded.plan, (plan) => statusScheduleOf(schedulePlan(plan)), cache);
  // The journal as read above, unless the plan changed under us meanwhile.
  if (!read || part?.hash !== hash) {
    const files = await readJournalFiles(loaded.file, { display });
    read = { files, hash: cache ? journalFilesHash(files) : '' };
  }
  const { files, hash: journalHash } = read;
  const journal = cachedJournalFold(
    hash,
    () => journalHash,
    () => {
      const events = parseJournalFiles(files);
      return foldJournal(loaded.plan, events.events, events.problems);
    },
    cache,
    // The whole fold is read back only by the comparison with a baseline; without one, storing
    // it (47 MB at 50k components) would double the cost of the first run after each change.
    (fold) => fold.baselines.length > 0,
  );
  if (!statusFold) writeCachedFold('status-fold', hash, journalHash, statusJournalOf(journal), cache);
  return { ok: true, plan: loaded.plan, full: loaded.plan, schedule, journal };
}

/** The newest baseline (or the one named) against actuals and the projection from today. */
function againstBaseline(
  loaded: { schedule: StatusSchedule } & StatusInputs,
  status: PlanStatus,
  today: IsoDate,
  name: string | undefined,
  io: CliIO,
): BaselineSlip | undefined {
  const { baselines, problems } = readBaselines(loaded.journal);
  journalWarnings(io, problems);
  const found = name === undefined || name === 'latest' ? findBaseline(baselines) : findBaseline(baselines, name);
  if (!found) {
    if (name === undefined) return undefined;
    const names = [...new Set(baselines.map((b) => sanitizeLine(b.name)))];
    throw new UsageError(
      names.length === 0
        ? 'this plan has no baseline yet; save one with `roadmap baseline save`'
        : `no baseline "${sanitizeLine(name)}"; saved: ${names.join(', ')} (or "latest")`,
    );
  }
  // loadForStatus reads the whole plan whenever the journal holds a baseline.
  if (loaded.full === undefined) throw new Error('status found a baseline without having read the whole plan');
  const plan = loaded.full;
  // The plan's schedule is in hand: only the re-plan from today runs.
  const projected = projectScheduleFromToday(plan, loaded.journal, today, { dateOf: dateOfInstant, planned: loaded.schedule });
  return summarizeBaselineSlip(found, compareToBaseline(found, projected, status, plan));
}

export default command;
