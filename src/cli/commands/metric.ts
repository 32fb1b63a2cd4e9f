/**
 * `roadmap metric [plan] <metric> <value>`: records a measurement (with evidence) and prints the
 * metric's state after it, plus any rollback rule the value made fire or cleared.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { nearestId } from '../../core/nearest-id.js';
import { formatValue, metricStatus } from '../../core/metric-state.js';
import { rollbackStatuses } from '../../core/rollback-state.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { Evidence, MeasureSource, RollbackStatus } from '../../core/status-types.js';
import type { Plan } from '../../core/plan-schema.js';
import type { NewJournalEvent } from '../../core/journal.js';
import { appendEvents, evidencePath, fileSha256, journalFile } from '../../plan/journal-io.js';
import { resolveAuthor } from '../author.js';
import { EXIT, IoError, UsageError, type CliIO, type Command } from '../command.js';
import { displayPath } from '../plan-source.js';
import { styleFor } from '../style.js';
import { clockTime, eventTime } from '../time-options.js';
import { loadTracking, refold, type Tracking } from '../tracking.js';

const USAGE = 'roadmap metric [plan] <metric> <value> [--evidence PATH-or-URL] [--note TEXT] [--by NAME] [--at ISO]';

/** A plain decimal number as people type it; "1.4%", "", "0x10" and "Infinity" are refused. */
export function parseValue(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    throw new UsageError(`the value "${sanitizeLine(text)}" is not a number; write it plainly, e.g. 42 or 0.05 (the unit comes from the plan)`);
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new UsageError(`the value "${sanitizeLine(text)}" is too large`);
  return value;
}

/** A URL is kept as given; a path must name an existing file, whose sha256 is recorded. */
export async function resolveEvidence(io: CliIO, given: string, planFile: string): Promise<Evidence> {
  if (/^https?:\/\//i.test(given)) {
    try {
      return { url: new URL(given).href };
    } catch {
      throw new UsageError(`--evidence "${sanitizeLine(given)}" is not a valid URL`);
    }
  }
  const absolute = path.resolve(io.cwd, given);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new IoError(`evidence file not found: ${sanitizeLine(given)}`);
  }
  if (!info.isFile()) throw new IoError(`evidence must be a file: ${sanitizeLine(given)}`);
  try {
    return { path: evidencePath(absolute, planFile), sha256: await fileSha256(absolute) };
  } catch (err) {
    throw new IoError(`cannot read evidence ${sanitizeLine(given)}: ${(err as Error).message}`);
  }
}

export function unknownMetric(io: CliIO, plan: Plan, id: string): number {
  const ids = plan.metrics.map((m) => m.id);
  const near = nearestId(id, ids);
  const known = ids.length > 0 ? `; metrics: ${ids.join(', ')}` : '; this plan defines no metrics';
  io.stderr(`roadmap: no metric "${sanitizeLine(id)}" in this plan${near ? `; did you mean "${near}"?` : known}\n`);
  return EXIT.invalid;
}

/** Appends measurement events and prints each metric's state and any rollback change. */
export async function recordMeasurements(
  io: CliIO,
  tracking: Tracking,
  by: string,
  measures: { metric: string; value: number; evidence?: Evidence; note?: string; source: MeasureSource; at: string; label?: string }[],
): Promise<void> {
  const before = rollbackStatuses(tracking.plan, tracking.schedule, tracking.journal);
  const events: NewJournalEvent[] = measures.map((m) => ({
    type: 'measure',
    metric: m.metric,
    value: m.value,
    at: m.at,
    by,
    ...(m.evidence !== undefined ? { evidence: m.evidence } : {}),
    ...(m.note !== undefined ? { note: m.note } : {}),
    ...(m.source !== 'manual' ? { source: m.source } : {}),
  }));
  try {
    await appendEvents(tracking.file, by, events);
  } catch (err) {
    throw new IoError(`cannot write the journal ${displayPath(journalFile(tracking.file, by), io.cwd)}: ${(err as Error).message}`);
  }
  const after = await refold(io, tracking);
  const style = styleFor(io);
  const rules = new Map(after.plan.rollback.map((r) => [r.id, r]));
  const lines: string[] = [];
  for (const m of measures) {
    const metric = after.plan.metrics.find((x) => x.id === m.metric)!;
    const status = metricStatus(metric, after.journal.measurements.get(metric.id) ?? [], metric.rollback ? rules.get(metric.rollback) : undefined);
    const paint = status.state === 'met' ? style.ok : status.state === 'breached' ? style.error : style.warning;
    lines.push(paint(sanitizeLine(status.summary)));
    if (m.label) lines.push(`  from ${sanitizeLine(m.label)}`);
    if (m.evidence?.path) lines.push(`  evidence: ${sanitizeLine(m.evidence.path)} (sha256 ${m.evidence.sha256?.slice(0, 12)}...)`);
    if (m.evidence?.url) lines.push(`  evidence: ${sanitizeLine(m.evidence.url)}`);
    const previous = status.trend.at(-2);
    if (previous) {
      const arrow = status.direction === 'up' ? 'up' : status.direction === 'down' ? 'down' : 'flat';
      const towards = status.improving === undefined ? '' : status.improving ? ', towards the target' : ', away from the target';
      lines.push(`  previous: ${sanitizeLine(formatValue(previous.value, metric.unit))} on ${previous.at.slice(0, 10)} (${arrow}${towards})`);
    }
  }
  lines.push(...rollbackChanges(before, rollbackStatuses(after.plan, after.schedule, after.journal, io.now().toISOString()), io, style.error));
  io.stdout(`${lines.join('\n')}\n`);
  io.stderr(`Recorded by ${sanitizeLine(by)} in ${sanitizeLine(displayPath(journalFile(tracking.file, by), io.cwd))}\n`);
}

function rollbackChanges(before: RollbackStatus[], after: RollbackStatus[], io: CliIO, loud: (s: string) => string): string[] {
  const lines: string[] = [];
  for (const rule of after) {
    const was = before.find((r) => r.id === rule.id)!.state;
    if (rule.state === was) continue;
    if (rule.state === 'firing' && rule.deadlines) {
      const now = io.now();
      lines.push(loud(`ROLLBACK "${rule.id}" FIRING (${rule.action}): ${sanitizeLine(rule.reason ?? '')}`));
      lines.push(
        `  assess by ${clockTime(rule.deadlines.assess, now)}, decide by ${clockTime(rule.deadlines.decide, now)}, execute by ${clockTime(rule.deadlines.execute, now)}`,
      );
      lines.push(`  when done: roadmap track ${rule.id} rolled-back --note "..."`);
    } else if (rule.state === 'clear') {
      lines.push(`rollback "${rule.id}" cleared: ${sanitizeLine(rule.history.at(-1)?.reason ?? '')}`);
    }
  }
  return lines;
}

const command: Command = {
  name: 'metric',
  summary: 'Record a measurement of a success metric, with evidence',
  help: `Usage: ${USAGE}

Appends a measurement to your journal file and prints the metric's state, e.g.
"analytics-speedup = 42 x (target >= 100): not met". A metric is met only by a measurement;
one never measured is UNVERIFIED. A value that trips a rollback rule prints its deadlines.

  <metric>             a metric id from the plan
  <value>              a plain number in the metric's unit (42, 0.05, 1e3)
  --evidence PATH|URL  the report it came from; a file must exist and its sha256 is recorded
  --note TEXT          how it was measured
  --by NAME            who (default: $ROADMAP_AUTHOR, git config user.name, then $USER)
  --at ISO             when it was measured (default: now)

A negative value must follow "--" so it is not read as an option:
  roadmap metric --at 2026-11-20 -- memory-growth -0.5

Examples:
  roadmap metric analytics-speedup 42 --evidence bench/analytics.json
  roadmap metric error-rate 0.04 --evidence https://grafana.example/d/errors`,
  options: {
    evidence: { type: 'string' },
    note: { type: 'string' },
    by: { type: 'string' },
    at: { type: 'string' },
  },
  async run({ io, args, options }) {
    // The arity tells whether a plan is named: a folder that happens to share an id's name
    // (a "docs" component next to a docs/ folder) must not be taken for the plan.
    const { planArg, rest } = args.length === 3 ? { planArg: args[0], rest: args.slice(1) } : { planArg: undefined, rest: args };
    if (rest.length !== 2) throw new UsageError(`metric needs a metric id and a value.\nUsage: ${USAGE}`);
    const [id, rawValue] = rest as [string, string];
    const value = parseValue(rawValue);
    const at = eventTime(io, options.at as string | undefined);
    const loaded = await loadTracking(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    if (!loaded.plan.metrics.some((m) => m.id === id)) return unknownMetric(io, loaded.plan, id);
    const evidence = typeof options.evidence === 'string' ? await resolveEvidence(io, options.evidence, loaded.file) : undefined;
    const by = await resolveAuthor(io, options.by as string | undefined);
    await recordMeasurements(io, loaded, by, [
      {
        metric: id,
        value,
        at,
        source: 'manual',
        ...(evidence !== undefined ? { evidence } : {}),
        ...(typeof options.note === 'string' ? { note: options.note } : {}),
      },
    ]);
    return EXIT.ok;
  },
};

export default command;
