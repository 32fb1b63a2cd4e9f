/**
 * `roadmap import [plan] <file>...`: turns tool reports into measurements with evidence (the
 * file's path and sha256). Every file is read and checked before anything is recorded, so a
 * typo in the third file does not leave the first two half-imported.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Metric, Plan } from '../../core/plan-schema.js';
import type { Problem } from '../../core/problem.js';
import { problem } from '../../core/problem.js';
import { nearestId } from '../../core/nearest-id.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { MeasureSource } from '../../core/status-types.js';
import { evidencePath, fileSha256 } from '../../plan/journal-io.js';
import { MAX_IMPORT_BYTES, parseImport, type ImportedValue } from '../../plan/importers/index.js';
import { resolveAuthor } from '../author.js';
import { EXIT, IoError, UsageError, type CliIO, type Command } from '../command.js';
import { displayPath, PLAN_FILE_PATTERN } from '../plan-source.js';
import { formatProblemLines } from '../render-status.js';
import { eventTime } from '../time-options.js';
import { loadTracking } from '../tracking.js';
import { recordMeasurements } from './metric.js';

const USAGE = 'roadmap import [plan] <file>... [--metric ID] [--by NAME] [--at ISO]';

/** Which plan metric a kind of value goes to when --metric does not say. */
const METRIC_PATTERNS: Record<Exclude<ImportedValue['kind'], 'bench'>, RegExp> = {
  coverage: /coverage/i,
  'error-rate': /(error|fail(ure)?)[-_ ]?rate/i,
  'pass-count': /pass(ed|ing)?[-_ ]?(count|tests)|tests[-_ ]pass(ed|ing)?/i,
};

export function metricFor(plan: Plan, kind: Exclude<ImportedValue['kind'], 'bench'>): Metric[] {
  const pattern = METRIC_PATTERNS[kind];
  return plan.metrics.filter((m) => pattern.test(m.id) || pattern.test(m.name));
}

const SOURCES: Record<string, MeasureSource> = { coverage: 'coverage', junit: 'junit', bench: 'bench' };

const command: Command = {
  name: 'import',
  summary: 'Record measurements from coverage-summary.json, JUnit XML or roadmap.bench/v1 files',
  help: `Usage: ${USAGE}

Reads each file, recognises its format by content, and records measurements with the file's path
and sha256 as evidence (docs/tracking.md describes the formats):

  coverage-summary.json  Istanbul/c8/nyc/vitest json-summary: total.lines.pct -> the plan's metric
                         whose id or name contains "coverage"
  JUnit XML              (failed + errored) / run * 100 -> the "error rate" metric; the pass count
                         -> a "pass count"/"tests passing" metric if the plan has one
  roadmap.bench/v1 JSON  each result names its metric

  --metric ID   record coverage / the JUnit error rate to this metric instead
  --by NAME     who (default: $ROADMAP_AUTHOR, git config user.name, then $USER)
  --at ISO      when it was measured (default: now)

Nothing is recorded when any file has a problem. Example:
  roadmap import coverage/coverage-summary.json reports/junit.xml bench/results.json`,
  options: {
    metric: { type: 'string' },
    by: { type: 'string' },
    at: { type: 'string' },
  },
  async run({ io, args, options }) {
    // Files exist on disk too, so only a .yaml/.yml first argument is the plan.
    const planArg = args[0] !== undefined && PLAN_FILE_PATTERN.test(args[0]) ? args[0] : undefined;
    const files = planArg === undefined ? args : args.slice(1);
    if (files.length === 0) throw new UsageError(`import needs at least one file.\nUsage: ${USAGE}`);
    const at = eventTime(io, options.at as string | undefined);
    const override = typeof options.metric === 'string' ? options.metric : undefined;

    const loaded = await loadTracking(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const plan = loaded.plan;
    if (override !== undefined && !plan.metrics.some((m) => m.id === override)) {
      const near = nearestId(override, plan.metrics.map((m) => m.id));
      throw new UsageError(`--metric "${sanitizeLine(override)}" is not a metric of this plan${near ? `; did you mean "${near}"?` : ''}`);
    }

    const problems: Problem[] = [];
    const measures: Parameters<typeof recordMeasurements>[3] = [];
    for (const given of files) {
      const shown = displayPath(path.resolve(io.cwd, given), io.cwd);
      const { text, absolute } = await readReport(io, given);
      const result = parseImport(text, shown);
      problems.push(...result.problems);
      if (result.values.length === 0) continue;
      const evidence = { path: evidencePath(absolute, loaded.file), sha256: await fileSha256(absolute) };
      for (const value of result.values) {
        const metric = pickMetric(plan, value, override, shown, problems);
        if (metric === undefined) continue;
        measures.push({
          metric,
          value: value.value,
          at,
          evidence,
          source: SOURCES[result.format!]!,
          label: `${shown}: ${value.detail}`,
          ...(value.note !== undefined ? { note: value.note } : {}),
        });
      }
    }
    const errors = problems.filter((p) => p.severity === 'error');
    if (problems.length > 0) io.stderr(`${formatProblemLines(problems).join('\n')}\n`);
    if (errors.length > 0) {
      io.stderr(`roadmap: nothing imported (${errors.length} problem${errors.length === 1 ? '' : 's'})\n`);
      return EXIT.invalid;
    }
    if (measures.length === 0) {
      io.stderr('roadmap: these files hold nothing this plan measures\n');
      return EXIT.invalid;
    }
    const by = await resolveAuthor(io, options.by as string | undefined);
    await recordMeasurements(io, loaded, by, measures);
    return EXIT.ok;
  },
};

async function readReport(io: CliIO, given: string): Promise<{ text: string; absolute: string }> {
  const absolute = path.resolve(io.cwd, given);
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new IoError(`not a file: ${sanitizeLine(given)}`);
    if (info.size > MAX_IMPORT_BYTES) throw new IoError(`${sanitizeLine(given)} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; is it a report?`);
    return { text: await readFile(absolute, 'utf8'), absolute };
  } catch (err) {
    if (err instanceof IoError) throw err;
    throw new IoError(`cannot read ${sanitizeLine(given)}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** The metric a value goes to, or undefined after adding a problem (or silently, for pass counts). */
function pickMetric(plan: Plan, value: ImportedValue, override: string | undefined, file: string, problems: Problem[]): string | undefined {
  if (value.kind === 'bench') {
    if (plan.metrics.some((m) => m.id === value.metric)) return value.metric;
    const near = nearestId(value.metric!, plan.metrics.map((m) => m.id));
    problems.push(
      problem('import-unknown-metric', `the benchmark names metric "${value.metric}", which this plan does not have`, {
        file,
        ...(near ? { hint: `did you mean "${near}"?` } : {}),
      }),
    );
    return undefined;
  }
  if (override !== undefined && value.kind !== 'pass-count') return override;
  const candidates = metricFor(plan, value.kind);
  // A pass count is a bonus: recorded when the plan tracks one, never a reason to fail.
  if (value.kind === 'pass-count') return candidates.length === 1 ? candidates[0]!.id : undefined;
  if (candidates.length === 1) return candidates[0]!.id;
  const what = value.kind === 'coverage' ? 'coverage' : 'error rate';
  problems.push(
    problem(
      'import-which-metric',
      candidates.length === 0
        ? `this plan has no ${what} metric to record ${value.detail} to`
        : `several metrics could take this ${what}: ${candidates.map((m) => m.id).join(', ')}`,
      { file, hint: 'name one with --metric ID' },
    ),
  );
  return undefined;
}

export default command;
