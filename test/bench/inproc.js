#!/usr/bin/env node
/**
 * In-process micro-benchmarks, run by run.js in a child process per case so each case's peak RSS
 * is its own. Prints one JSON object on stdout:
 *   { stages: { name: { first, median, min, max, runs } }, peakRssMb, notes: [] }
 *
 *   node test/bench/inproc.js pipeline <plan.yaml> <runs>     load, schedule, fold journal, status
 *   node test/bench/inproc.js fold <components> <events> <runs>
 *
 * Modules come from dist/ (npm run bench builds first). Modules another part of roadmap has not
 * written yet are reported as notes, never as a crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateJournal, generatePlan } from './generate-plan.js';
import { summarise } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const notes = [];

async function dist(rel) {
  try {
    return await import(pathToFileURL(path.join(ROOT, 'dist', rel)).href);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

const now = () => performance.now();

/** Runs fn `runs` times; the first run (cold JIT) is reported apart from the median. */
async function time(runs, fn) {
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    value = await fn();
    times.push(now() - t0);
  }
  return { stat: { first: times[0], ...summarise(times), runs }, value };
}

/** Reads and validates a plan the way the CLI does: the real loader when it exists. */
async function planLoader() {
  const loader = await dist('plan/load-plan.js');
  if (loader?.loadPlan) {
    return async (file) => {
      const loaded = await loader.loadPlan(file, { displayName: path.basename(file) });
      const errors = (loaded.problems ?? []).filter((p) => p.severity === 'error');
      if (!loaded.plan || errors.length > 0) throw new Error(`the loader reports: ${errors[0]?.code}: ${errors[0]?.message}`);
      return loaded.plan;
    };
  }
  notes.push('dist/plan/load-plan.js is not there yet: "load" is read + fastParse (or yaml) + PlanSchema');
  const { PlanSchema } = await dist('core/plan-schema.js');
  const fast = await dist('plan/fast-parse.js');
  const { parse } = await import('yaml');
  return async (file) => {
    const text = await readFile(file, 'utf8');
    const parsed = fast?.fastParse(text);
    const data = parsed?.ok ? parsed.value : parse(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: true, strict: true });
    return PlanSchema.parse(data);
  };
}

async function pipeline(file, runs) {
  const stages = {};
  const load = await planLoader();
  const scheduleMod = await dist('core/schedule.js');
  const journalMod = await dist('core/journal.js');
  const journalIo = await dist('plan/journal-io.js');
  const statusMod = await dist('core/status.js');

  const loaded = await time(runs, () => load(file));
  stages.load = loaded.stat;
  const plan = loaded.value;

  // The parts of loading, once each, so a regression can be pinned on one of them.
  const text = await readFile(file, 'utf8');
  const fast = await dist('plan/fast-parse.js');
  if (fast) {
    const r = await time(1, () => fast.fastParse(text));
    stages['load: fastParse'] = r.stat;
    if (!r.value.ok) notes.push(`fastParse bailed out on ${path.basename(file)}: ${r.value.reason}`);
  }
  const slow = await dist('plan/parse-yaml.js');
  // yaml reads ~1 MB/s: compare on plans where that stays bearable.
  if (slow?.parseYamlText && text.length <= (process.env.ROADMAP_BENCH_QUICK ? 500_000 : 8_000_000)) {
    stages['load: yaml (slow path, for comparison)'] = (await time(1, () => slow.parseYamlText(text))).stat;
  }
  const schemaMod = await dist('core/plan-schema.js');
  const data = fast?.fastParse(text);
  if (data?.ok) stages['load: PlanSchema.safeParse'] = (await time(Math.min(runs, 3), () => schemaMod.PlanSchema.safeParse(data.value))).stat;

  if (!scheduleMod?.schedulePlan) {
    notes.push('dist/core/schedule.js has no schedulePlan yet: schedule and status skipped');
    return stages;
  }
  const scheduled = await time(runs, () => scheduleMod.schedulePlan(plan));
  stages['score + schedule'] = scheduled.stat;

  // What `roadmap status` reads instead of scheduling when the plan is unchanged (plan-cache.ts):
  // the whole schedule (track, export, ...) and the part status reads (statusScheduleOf).
  const planCache = await dist('plan/plan-cache.js');
  let statusSchedule;
  if (planCache?.writeCachedDerived && statusMod?.statusScheduleOf) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-cache-'));
    try {
      const cache = { dir: path.join(dir, 'plans'), fingerprint: 'bench' };
      const hash = 'b'.repeat(64);
      planCache.writeCachedDerived('schedule', hash, scheduled.value, cache);
      stages['schedule cache: read whole schedule'] = (await time(runs, () => planCache.readCachedDerived('schedule', hash, cache))).stat;
      planCache.writeCachedDerived('status-schedule', hash, statusMod.statusScheduleOf(scheduled.value), cache);
      const read = await time(runs, () => planCache.readCachedDerived('status-schedule', hash, cache));
      stages['schedule cache: read status part'] = read.stat;
      statusSchedule = read.value;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (!journalMod?.foldJournal || !journalIo?.readJournal || !statusMod?.computeStatus) {
    notes.push('journal fold or computeStatus not built yet: status skipped');
    return stages;
  }
  const folded = await time(runs, async () => {
    const read = await journalIo.readJournal(file);
    return journalMod.foldJournal(plan, read.events, read.problems);
  });
  stages['read + fold journal'] = folded.stat;
  const today = scheduled.value.start;
  stages['computeStatus'] = (await time(runs, () => statusMod.computeStatus(plan, scheduled.value, folded.value, today))).stat;
  // What one CLI invocation of `status` pays, cold: each stage's first run.
  stages['total (first run of each stage)'] = {
    first: ['load', 'score + schedule', 'read + fold journal', 'computeStatus'].reduce((s, k) => s + stages[k].first, 0),
  };
  if (statusSchedule) {
    // The same with the schedule read back from the cache (an unchanged plan, the usual case).
    stages['total, schedule from the cache (first runs)'] = {
      first: ['load', 'schedule cache: read status part', 'read + fold journal', 'computeStatus'].reduce((s, k) => s + stages[k].first, 0),
    };
  }
  return stages;
}

async function fold(components, events, runs) {
  const stages = {};
  const journalMod = await dist('core/journal.js');
  const journalIo = await dist('plan/journal-io.js');
  const { PlanSchema } = await dist('core/plan-schema.js');
  const fast = await dist('plan/fast-parse.js');
  if (!journalMod?.foldJournal || !journalIo?.parseJournalText) {
    notes.push('journal fold is not built yet (dist/core/journal.js foldJournal, dist/plan/journal-io.js parseJournalText): skipped');
    return stages;
  }
  const { text, meta } = generatePlan({ components, seed: 1 });
  const parsed = fast.fastParse(text);
  const plan = PlanSchema.parse(parsed.ok ? parsed.value : (await import('yaml')).parse(text));
  const jsonl = [...generateJournal({ meta, events, seed: 1 }).values()].join('');
  const read = await time(runs, () => journalIo.parseJournalText(jsonl, 'bench.jsonl'));
  stages[`parse ${events} journal lines`] = read.stat;
  if (read.value.problems.length > 0) notes.push(`journal problems: ${read.value.problems.length} (first: ${read.value.problems[0].code})`);
  stages[`fold ${events} events`] = (await time(runs, () => journalMod.foldJournal(plan, read.value.events, []))).stat;
  return stages;
}

const [task, ...args] = process.argv.slice(2);
let stages;
if (task === 'pipeline') stages = await pipeline(path.resolve(args[0]), Number(args[1] ?? 3));
else if (task === 'fold') stages = await fold(Number(args[0]), Number(args[1]), Number(args[2] ?? 3));
else throw new Error(`unknown task ${task}`);
process.stdout.write(`${JSON.stringify({ stages, peakRssMb: process.resourceUsage().maxRSS / 1024, notes })}\n`);
