/**
 * `roadmap export [plan] --format md|json|csv|ics|mermaid|html [--out FILE] [--force]
 * [--today DATE] [--per week|task] [--baseline NAME]`: the plan, its schedule and its tracked
 * status as a document for people and tools; with a baseline in the journal, every format also
 * compares with it (src/core/export/against-baseline.ts). Stdout without --out. --out never replaces a file that is not an earlier
 * export unless --force, and writes atomically (a crash leaves the old file or the new one).
 */
import path from 'node:path';
import { exportBaselineFor, type ExportBaseline } from '../../core/export/against-baseline.js';
import { scheduleWithCriticalPath } from '../../core/critical-path.js';
import { computeStatus } from '../../core/status.js';
import { EXPORT_FORMATS, exportPlan, PER_FORMATS, type ExportFormat } from '../../core/export/index.js';
import { cleanStrayTemps, refuseToClobber, writeFileAtomic } from '../../plan/atomic-write.js';
import { resolveOutputPath } from '../../plan/paths.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { EXIT, IoError, UsageError, type CliIO, type Command } from '../command.js';
import type { Problem } from '../../core/problem.js';
import type { JournalState } from '../../core/journal.js';
import type { Plan } from '../../core/plan-schema.js';
import type { IsoDate, Schedule } from '../../core/schedule-types.js';
import type { PlanStatus } from '../../core/status-types.js';
import { formatProblems } from '../format-problems.js';
import { displayPath } from '../plan-source.js';
import { localDate, parseDay, parseInstant } from '../time-options.js';
import { dateOfInstant, journalWarnings } from '../schedule-projection.js';
import { loadTracking } from '../tracking.js';

const USAGE = 'roadmap export [plan] --format md|json|csv|ics|mermaid|html [--out FILE] [--force] [--today YYYY-MM-DD] [--per week|task] [--baseline NAME]';

const command: Command = {
  name: 'export',
  summary: 'Write the roadmap as Markdown, JSON, CSV, iCalendar, Mermaid gantt or HTML',
  help: `Usage: ${USAGE}

Writes the phased week-by-week roadmap with its tracked status (from the journal; without one,
everything is to do and every metric unverified) in one of these formats:

  md        the roadmap document: phases, weeks, tasks with day ranges, risks, metrics, rollback
  json      plan + schedule + status ("format": "roadmap.export/v1"; schema/export.schema.json)
  csv       one row per task (RFC 4180, formula-safe; the first line is the header row)
  ics       iCalendar: an all-day event per week (or per task) and per phase gate
  mermaid   a Mermaid gantt chart, a section per phase
  html      one self-contained page with a Gantt timeline, metrics and rollback procedures

  --format F    the format (required)
  --out FILE    write to FILE instead of stdout; an existing FILE is replaced only if it is an
                earlier roadmap export, or with --force
  --force       replace --out FILE even if it is not an earlier export
  --today DATE  status as of this date, and the date the export carries (default: today, and
                no date in the output, so exports of unchanged data are byte-identical)
  --now ISO     the current instant, for rollback deadlines (default: the clock; with --today,
                the end of that day)
  --per P       ics and mermaid: one event/bar per "week" (component for mermaid, the default)
                or per "task"
  --baseline N  compare with this baseline (default: the newest, when the journal holds one):
                planned vs actual/projected dates, the slip in work days and the end-date slip
                (md/html: a Plan vs Baseline section; json: a "baseline" object; csv: four more
                columns; ics: the slip in each description; mermaid: slipped bars marked)

md, html and json mark the critical path and each component's slack (docs/plan-vs-actual.md).

See docs/export.md for each format and the checks behind it.`,
  options: {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    today: { type: 'string' },
    now: { type: 'string' },
    per: { type: 'string' },
    baseline: { type: 'string' },
  },
  async run({ io, args, options }) {
    if (args.length > 1) throw new UsageError(`export takes at most one plan.\nUsage: ${USAGE}`);
    const format = parseFormat(options.format);
    const per = parsePer(options.per, format);
    const out = typeof options.out === 'string' ? options.out : undefined;
    if (options.force && out === undefined) throw new UsageError('--force only applies with --out FILE');
    const todayGiven = typeof options.today === 'string' ? parseDay(options.today, '--today') : undefined;
    // With --today and no --now, the status must not depend on the clock: exports stay reproducible.
    const now = typeof options.now === 'string' ? parseInstant(options.now, '--now') : todayGiven === undefined ? io.now().toISOString() : undefined;
    const today = todayGiven ?? localDate(now !== undefined ? new Date(now) : io.now());

    // Check the target before doing the work, so a refusal is quick and says why.
    let target: string | undefined;
    if (out !== undefined) {
      const resolved = await resolveOutputPath(io.cwd, out);
      if (!resolved.ok) return ioFailure(io, resolved.problem);
      target = resolved.path;
      const refusal = await refuseToClobber(target, { force: options.force === true, displayName: displayPath(target, io.cwd) });
      if (refusal) return ioFailure(io, refusal);
    }

    const loaded = await loadTracking(io, args[0]);
    if (!loaded.ok) return loaded.exitCode;
    // Same schedule as schedulePlan, with slack and the critical path on it.
    const schedule = scheduleWithCriticalPath(loaded.plan);
    const status = computeStatus(loaded.plan, schedule, loaded.journal, today, now !== undefined ? { now } : {});
    const baseline = againstBaseline(io, { ...loaded, schedule }, status, today, options.baseline);
    const text = exportPlan(format, {
      plan: loaded.plan,
      schedule,
      status,
      ...(baseline ? { baseline: baseline.slip, baselineTasks: baseline.tasks } : {}),
      ...(todayGiven !== undefined ? { generatedAt: todayGiven } : {}),
      ...(per !== undefined ? { per } : {}),
    });
    if (target === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    try {
      // An export killed mid-write leaves its temp file next to the target; this run tidies up.
      await cleanStrayTemps(path.dirname(target)).catch(() => undefined);
      await writeFileAtomic(target, text);
    } catch (err) {
      throw new IoError(`cannot write ${sanitizeLine(displayPath(target, io.cwd))}: ${sanitizeLine((err as Error).message)}`);
    }
    io.stderr(`wrote ${sanitizeLine(displayPath(target, io.cwd))} (${format}, ${Buffer.byteLength(text)} bytes)\n`);
    return EXIT.ok;
  },
};

function againstBaseline(io: CliIO, loaded: { plan: Plan; schedule: Schedule; journal: JournalState }, status: PlanStatus, today: IsoDate, name: unknown): ExportBaseline | undefined {
  const wanted = typeof name === 'string' ? name : undefined;
  const lookup = exportBaselineFor(loaded.plan, loaded.journal, status, today, wanted, { dateOf: dateOfInstant, planned: loaded.schedule });
  journalWarnings(io, lookup.problems);
  if (lookup.found) return lookup.baseline;
  if (wanted === undefined || wanted === 'latest') return undefined;
  const names = lookup.names.map((n) => sanitizeLine(n));
  throw new UsageError(names.length === 0 ? 'this plan has no baseline yet; save one with `roadmap baseline save`' : `no baseline "${sanitizeLine(wanted)}"; saved: ${names.join(', ')} (or "latest")`);
}

function parseFormat(value: unknown): ExportFormat {
  if (typeof value !== 'string') throw new UsageError(`export needs --format, one of ${EXPORT_FORMATS.join(', ')}.\nUsage: ${USAGE}`);
  const wanted = value.trim().toLowerCase();
  const aliases: Record<string, ExportFormat> = { markdown: 'md', ical: 'ics', icalendar: 'ics', mmd: 'mermaid' };
  const format = (EXPORT_FORMATS as readonly string[]).includes(wanted) ? (wanted as ExportFormat) : aliases[wanted];
  if (!format) throw new UsageError(`unknown export format "${sanitizeLine(value)}"; use one of ${EXPORT_FORMATS.join(', ')}`);
  return format;
}

function parsePer(value: unknown, format: ExportFormat): 'week' | 'task' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'week' && value !== 'task') throw new UsageError(`--per takes "week" or "task", not "${sanitizeLine(String(value))}"`);
  if (!PER_FORMATS.includes(format)) throw new UsageError(`--per applies to ${PER_FORMATS.join(' and ')} exports, not ${format}`);
  return value;
}

function ioFailure(io: CliIO, problem: Problem): number {
  io.stderr(formatProblems([problem], { io }));
  return EXIT.io;
}

export default command;
