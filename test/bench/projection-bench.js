#!/usr/bin/env node
/**
 * The comparison with a baseline that status, every export and the TUI make when the
 * journal holds one: re-planning from today (projectFromToday), then compareToBaseline,
 * summarizeBaselineSlip and, for the exports, compareTasksToBaseline. In-process, modules from
 * dist/ (or from `--root DIR`'s dist/, to compare two builds). Prints one JSON object on stdout:
 *   { stages: { name: { first, median, min, max, cpuMs, runs } }, peakRssMb, notes: [] }
 *
 *   node test/bench/projection-bench.js <components> [runs] [--root DIR]
 *
 * `projectFromToday` is what `roadmap schedule --from-today` runs; status and export run
 * `projectScheduleFromToday` with the plan's schedule they already have (older builds: the former).
 *
 * The plan is generated (seed 1) with a journal of 2 events per component (tasks started and
 * closed over the first weeks, many late); a baseline of the plan's own schedule is saved at the
 * plan start, and today is three weeks in, so most components moved and carry a reason.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateJournal, generatePlan } from './generate-plan.js';
import { summarise } from './measure.js';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { root: { type: 'string' } } });
const ROOT = path.resolve(opts.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const components = Number(positionals[0] ?? 10_000);
const runs = Number(positionals[1] ?? 3);
const TODAY = '2026-11-23';
const notes = [];

const dist = (rel) => import(pathToFileURL(path.join(ROOT, 'dist', rel)).href);

/**
 * Runs fn `count` times; the first run (cold JIT) is reported apart from the median. `cpuMs`
 * (median user + system, ms) is the figure to compare on a busy machine: wall time swings with load.
 */
function time(count, fn) {
  const times = [];
  const cpu = [];
  let value;
  for (let i = 0; i < count; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { stat: { first: times[0], ...summarise(times), cpuMs: summarise(cpu).median, runs: count }, value };
}

const { PlanSchema } = await dist('core/plan-schema.js');
const { fastParse } = await dist('plan/fast-parse.js');
const { parseJournalText } = await dist('plan/journal-io.js');
const { foldJournal } = await dist('core/journal.js');
const { schedulePlan } = await dist('core/schedule.js');
const { scheduleWithCriticalPath } = await dist('core/critical-path.js');
const { computeStatus } = await dist('core/status.js');
const { projectFromToday, projectScheduleFromToday } = await dist('core/projection.js');
const { baselineData, compareToBaseline, findBaseline, readBaselines } = await dist('core/baseline.js');
const { summarizeBaselineSlip } = await dist('core/baseline-slip.js');
const { compareTasksToBaseline } = await dist('core/export/against-baseline.js');

const { text, meta } = generatePlan({ components, seed: 1 });
const parsed = fastParse(text);
if (!parsed.ok) throw new Error(`fastParse bailed out: ${parsed.reason}`);
const plan = PlanSchema.parse(parsed.value);
const events = [];
for (const [author, jsonl] of generateJournal({ meta, events: 2 * components, seed: 1 })) events.push(...parseJournalText(jsonl, `${author}.jsonl`).events);
const kickoff = scheduleWithCriticalPath(plan);
events.push({ v: 1, seq: 1, at: `${plan.start}T06:00:00.000Z`, by: 'bench', type: 'baseline', name: 'kickoff', data: baselineData(kickoff) });
const journal = foldJournal(plan, events, []);
const baseline = findBaseline(readBaselines(journal).baselines);
if (!baseline) throw new Error('the baseline event did not fold');
const status = computeStatus(plan, schedulePlan(plan), journal, TODAY);

const stages = {};
const projected = time(runs, () => projectFromToday(plan, journal, TODAY));
stages.projectFromToday = projected.stat;
let schedule = projected.value.schedule;
// What status and the exports re-plan for a comparison (the schedule without its critical path or
// the reasons for each move, given the plan's schedule they already have), when the build has it.
let projection = 'projectFromToday';
if (projectScheduleFromToday) {
  projection = 'projectScheduleFromToday (plan schedule given)';
  const lean = time(runs, () => projectScheduleFromToday(plan, journal, TODAY, { planned: kickoff }));
  stages[projection] = lean.stat;
  schedule = lean.value;
} else {
  notes.push('this build has no projectScheduleFromToday: a comparison runs projectFromToday');
}
const compared = time(runs, () => compareToBaseline(baseline, schedule, status, plan));
stages.compareToBaseline = compared.stat;
stages.summarizeBaselineSlip = time(runs, () => summarizeBaselineSlip(baseline, compared.value)).stat;
stages.compareTasksToBaseline = time(runs, () => compareTasksToBaseline(baseline, schedule, plan)).stat;
const parts = [projection, 'compareToBaseline', 'summarizeBaselineSlip'];
stages['status against a baseline (sum of the parts)'] = {
  first: parts.reduce((s, k) => s + stages[k].first, 0),
  median: parts.reduce((s, k) => s + stages[k].median, 0),
  cpuMs: parts.reduce((s, k) => s + stages[k].cpuMs, 0),
};
notes.push(`${components} components: ${projected.value.moves.length} moved, ${projected.value.slips.length} slips, ${summarizeBaselineSlip(baseline, compared.value).slipped.length} slipped against the baseline`);
process.stdout.write(`${JSON.stringify({ stages, peakRssMb: process.resourceUsage().maxRSS / 1024, notes })}\n`);
