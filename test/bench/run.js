#!/usr/bin/env node
/**
 * `npm run bench`: how fast roadmap is, as whole processes and in-process, with every time also
 * given as a multiple of `node -e 0` measured in the same run (machines differ; ratios travel).
 *
 *   node test/bench/run.js [--quick] [--out FILE.json] [--runs N]
 *
 * --quick   small sizes and few runs: seconds, for CI.
 * --out     also write every figure as JSON, to compare between commits.
 * --runs    runs per whole-process case (default 7, quick 3); one unmeasured warm-up run precedes.
 *
 * Commands that do not exist yet are skipped with a note, so the harness works as they land.
 * Nothing here asserts: the targets are printed as "ok" or "MISSED" for a person to read.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writePlan } from './generate-plan.js';
import { measureNode, rssMethod, summarise } from './measure.js';
import { benchTui } from './tui-bench.js';
import { benchInvalidBig } from './invalid-big.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BIN = path.join(ROOT, 'bin', 'roadmap.js');
const EXAMPLE = path.join(ROOT, 'plans', 'codon-migration.yaml');
const TODAY = '2026-11-23';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    runs: { type: 'string' },
  },
});
const quick = opts.quick;
const runs = Number(opts.runs ?? (quick ? 3 : 7));
const bigRuns = quick ? 1 : 3;
const sizes = quick
  ? { small: 500, big: 2000, scheduleSizes: [500, 2000], foldEvents: 20_000 }
  : { small: 1000, big: 10_000, huge: 50_000, scheduleSizes: [1000, 5000, 10_000, 50_000], foldEvents: 100_000 };

const rows = [];
const notes = [];
const note = (text) => {
  notes.push(text);
  process.stderr.write(`note: ${text}\n`);
};

if (!existsSync(path.join(ROOT, 'dist', 'cli', 'process.js'))) {
  process.stderr.write('dist/ is not built: run `npm run bench` (it builds first) or `npm run build`.\n');
  process.exit(1);
}

// ---- workspace: the example plan and generated plans, in a temp dir so nothing in the repo moves
const work = path.join(os.tmpdir(), `roadmap-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const example = path.join(work, 'codon-migration.yaml');
copyFileSync(EXAMPLE, example);
// The plan cache (src/plan/plan-cache.ts) lives in the workspace: every bench run starts cold,
// and "warm" figures mean what a user's second run of a command on an unchanged plan costs.
const CACHE_ENV = { ROADMAP_CACHE_DIR: path.join(work, 'cache') };
const COLD_ENV = { ROADMAP_NO_CACHE: '1' };

const generated = new Map();
function planOf(components) {
  if (!generated.has(components)) {
    const file = path.join(work, `synthetic-${components}.yaml`);
    const written = writePlan({ file, components, seed: 1, journalEvents: Math.min(2 * components, 100_000) });
    generated.set(components, { file, mb: written.bytes / 1e6 });
  }
  return generated.get(components);
}

// ---- which commands exist --------------------------------------------------------------------
function availableCommands() {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', cwd: work });
  const names = new Set();
  let inList = false;
  for (const line of (help.stdout ?? '').split('\n')) {
    if (/^Commands:/.test(line)) inList = true;
    else if (inList && /^\S/.test(line)) inList = false;
    else if (inList) {
      const m = /^\s{2}([a-z][a-z-]*)\s/.exec(line);
      if (m) names.add(m[1]);
    }
  }
  return names;
}
const commands = availableCommands();
if (commands.size === 0) note('`roadmap --help` listed no commands; every CLI case is skipped');

// ---- cases -----------------------------------------------------------------------------------
const baseline = measureNode(['-e', '0'], { runs: Math.max(runs, 5) });
const nodeMs = baseline.median;
rows.push({ group: 'baseline', name: 'node -e 0', ...baseline });

/** Times `roadmap <args>`; skips (with a note) a command that does not exist or rejects the args. */
function cliCase(group, name, args, { caseRuns = runs, env = CACHE_ENV, okStatuses = [0] } = {}) {
  const command = args[0];
  if (!commands.has(command)) {
    note(`${group}/${name}: \`roadmap ${command}\` does not exist yet; skipped`);
    return undefined;
  }
  const probe = measureNode([BIN, ...args], { runs: 1, warmup: 0, cwd: work, env, okStatuses });
  if (probe.failure) {
    const why = probe.failure.signal ?? `exit ${probe.failure.status}`;
    const first = probe.failure.stderr.split('\n').find((l) => l.trim() !== '') ?? '';
    note(`${group}/${name}: \`roadmap ${args.join(' ')}\` failed (${why}: ${first.slice(0, 160)}); skipped`);
    return undefined;
  }
  const result = measureNode([BIN, ...args], { runs: caseRuns, warmup: 0, cwd: work, env, okStatuses });
  const row = { group, name, ...result };
  rows.push(row);
  return row;
}

const cli = {};
const smallCases = [
  ['validate', ['validate', example]],
  ['schedule', ['schedule', example]],
  ['status', ['status', example, '--today', TODAY]],
  ['standup', ['standup', example, '--today', TODAY]],
  ['export csv', ['export', example, '--format', 'csv']],
  ['export html', ['export', example, '--format', 'html']],
];
for (const [name, args] of smallCases) cli[name] = cliCase('cli: example plan (plan cache warm)', name, args);
cli['validate cold'] = cliCase('cli: example plan, no plan cache', 'validate', ['validate', example], { env: COLD_ENV });
cli['status cold'] = cliCase('cli: example plan, no plan cache', 'status', ['status', example, '--today', TODAY], { env: COLD_ENV });
// What bin/code-cache.js saves: the bundle compiled on every run (the first run after a build).
cli['validate no code cache'] = cliCase('cli: example plan, no code cache', 'validate', ['validate', example], { env: { ...CACHE_ENV, ROADMAP_NO_CODE_CACHE: '1' } });

const tui = await measureTuiFirstFrame(example, quick ? 2 : 5);
if (tui) rows.push({ group: 'tui', name: 'first frame (example plan)', ...tui });
if (tui) rows.push(...(await benchTui({ bin: BIN, cwd: work, env: CACHE_ENV, plans: [sizes.small, sizes.big].map((n) => ({ components: n, file: planOf(n).file })), runs: quick ? 2 : 5, presses: quick ? 5 : 20, today: TODAY, note })));

const bigCli = {};
for (const size of [sizes.big, sizes.huge].filter(Boolean)) {
  const { file, mb } = planOf(size);
  for (const command of ['validate', 'schedule', 'status']) {
    const args = command === 'status' ? [command, file, '--today', TODAY] : [command, file];
    bigCli[`${command} ${size}`] = cliCase(`cli: ${size} components (${mb.toFixed(1)} MB), plan cache warm`, command, args, { caseRuns: bigRuns });
  }
  bigCli[`status ${size} cold`] = cliCase(`cli: ${size} components (${mb.toFixed(1)} MB), no plan cache`, 'status', ['status', file, '--today', TODAY], {
    caseRuns: bigRuns,
    env: COLD_ENV,
  });
}

// Issue 8: a big plan with one fault, one kind at a time (test/bench/invalid-big.js).
rows.push(...benchInvalidBig({ components: quick ? 2000 : 40_000, runs: 1, note }));

// ---- in-process ------------------------------------------------------------------------------
function inproc(args, script = 'inproc.js') {
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(HERE, script), ...args], {
    cwd: ROOT,
    // In-process "load" is the full load every run; the CLI cases show what the plan cache saves.
    env: { ...process.env, ROADMAP_NO_CACHE: '1', ...(quick ? { ROADMAP_BENCH_QUICK: '1' } : {}) },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    note(`in-process ${args.join(' ')} failed: ${(result.stderr || '').trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`);
    return undefined;
  }
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
  for (const n of parsed.notes) if (!notes.includes(n)) note(n);
  return parsed;
}

const pipelines = {};
for (const size of sizes.scheduleSizes) {
  const { file, mb } = planOf(size);
  const r = inproc(['pipeline', file, String(size >= 50_000 ? 2 : 3)]);
  if (!r) continue;
  pipelines[size] = r;
  for (const [stage, stat] of Object.entries(r.stages)) {
    rows.push({ group: `in-process: ${size} components (${mb.toFixed(1)} MB)`, name: stage, ...stat, peakRssMb: r.peakRssMb });
  }
}
const foldResult = inproc(['fold', String(sizes.small), String(sizes.foldEvents), '5']);
if (foldResult) {
  for (const [stage, stat] of Object.entries(foldResult.stages)) rows.push({ group: 'in-process: journal', name: stage, ...stat, peakRssMb: foldResult.peakRssMb });
}
// Re-planning from today and the comparison with a baseline (test/bench/projection-bench.js).
for (const size of quick ? [sizes.big] : [sizes.big, sizes.huge]) {
  const r = inproc([String(size), size >= 50_000 ? '1' : '3'], 'projection-bench.js');
  for (const [stage, stat] of Object.entries(r?.stages ?? {})) rows.push({ group: `in-process: against a baseline, ${size} components`, name: stage, ...stat, peakRssMb: r.peakRssMb });
}

// ---- targets ---------------------------------------------------------------------------------
const targets = [];
const target = (label, value, limit, unit) => {
  if (value === undefined || Number.isNaN(value)) {
    targets.push({ label, status: 'not measured' });
    return;
  }
  targets.push({ label, value, limit, unit, status: value <= limit ? 'ok' : 'MISSED' });
};
for (const name of ['validate', 'schedule', 'status', 'standup', 'export csv', 'validate cold', 'status cold']) {
  const label = name.endsWith(' cold') ? `${name.replace(' cold', '')} (no plan cache)` : name;
  target(`roadmap ${label} on the example plan <= 2x node -e 0`, cli[name] && cli[name].median / nodeMs, 2, 'x');
}
target('TUI first frame on the example plan <= 6x node -e 0', tui && tui.median / nodeMs, 6, 'x');
if (!quick) {
  for (const variant of ['', ' cold']) {
    const label = variant ? ', no plan cache' : ', plan cache warm';
    target(`roadmap status, 10,000 components (load+validate+schedule+status) <= 1 s${label}`, bigCli[`status 10000${variant}`]?.median, 1000, 'ms');
    target(`roadmap status, 50,000 components <= 3 s${label}`, bigCli[`status 50000${variant}`]?.median, 3000, 'ms');
    target(`roadmap status, 50,000 components: peak RSS < 600 MB${label}`, bigCli[`status 50000${variant}`]?.peakRssMb, 600, 'MB');
  }
}
const foldStat = foldResult?.stages[`fold ${sizes.foldEvents} events`];
target(`fold ${sizes.foldEvents} journal events < 300 ms (median)`, foldStat?.median, 300, 'ms');
const [lo, hi] = [sizes.scheduleSizes.includes(5000) ? 5000 : sizes.scheduleSizes[0], sizes.scheduleSizes.at(-1)];
const growth = pipelines[hi] && pipelines[lo] ? pipelines[hi].stages['score + schedule']?.median / pipelines[lo].stages['score + schedule']?.median : undefined;

// ---- report ----------------------------------------------------------------------------------
const meta = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
  mode: quick ? 'quick' : 'full',
  runs,
  rssMethod,
  nodeMs,
  nodeCpuMs: baseline.cpuMs,
};
printReport();
if (opts.out) {
  writeFileSync(opts.out, `${JSON.stringify({ meta, rows: rows.map(({ failure, ...r }) => ({ ...r, ratio: r.median !== undefined ? r.median / nodeMs : undefined, cpuRatio: r.cpuMs !== undefined && baseline.cpuMs ? r.cpuMs / baseline.cpuMs : undefined })), targets, scheduleGrowth: growth === undefined ? undefined : { from: lo, to: hi, ratio: growth }, notes }, null, 2)}\n`);
  process.stderr.write(`wrote ${opts.out}\n`);
}

function printReport() {
  const out = [];
  out.push(`roadmap bench (${meta.mode})  ${meta.date}  commit ${meta.commit}  node ${meta.node}  ${meta.platform}  ${meta.cpus} cpus  load ${meta.loadavg.join(' ')}`);
  out.push(`peak RSS and CPU via ${rssMethod === 'gnu-time' ? '/usr/bin/time -f "%M %U %S"' : 'process.resourceUsage() at exit'}; times are medians of ${runs} runs (after 1 warm-up) unless noted`);
  out.push(`"x node" = median wall time / node -e 0 (${fmtMs(nodeMs)}); "cpu" = median user+system time (whole processes only), steadier than wall time on a busy machine`);
  out.push('');
  const header = ['case', 'median', 'min..max', 'x node', 'cpu', 'cpu x node', 'peak RSS'];
  const table = [];
  let group;
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      table.push([`[${group}]`, '', '', '', '', '', '']);
    }
    const main = r.median ?? r.first;
    const spread = r.min !== undefined && r.n > 1 ? `${fmtMs(r.min)}..${fmtMs(r.max)}` : r.first !== undefined && r.median !== undefined ? `first ${fmtMs(r.first)}` : '';
    const cpu = r.cpuMs !== undefined ? fmtMs(r.cpuMs) : '';
    const cpuRatio = r.cpuMs !== undefined && baseline.cpuMs ? `${(r.cpuMs / baseline.cpuMs).toFixed(2)}x` : '';
    table.push([`  ${r.name}`, fmtMs(main), spread, main !== undefined ? `${(main / nodeMs).toFixed(2)}x` : '', cpu, cpuRatio, r.peakRssMb ? `${r.peakRssMb.toFixed(0)} MB` : '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out.push(line(header));
  for (const row of table) out.push(line(row));
  out.push('');
  if (growth !== undefined) out.push(`score + schedule growth: time(${hi}) / time(${lo}) = ${growth.toFixed(2)} for ${(hi / lo).toFixed(0)}x the components`);
  out.push('targets:');
  for (const t of targets) {
    const value = t.value === undefined ? '' : t.unit === 'x' ? `${t.value.toFixed(2)}x` : `${t.value.toFixed(0)} ${t.unit}`;
    out.push(`  ${t.status.padEnd(12)} ${t.label}${value ? `: ${value}` : ''}`);
  }
  if (notes.length > 0) {
    out.push('notes:');
    for (const n of notes) out.push(`  - ${n}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function fmtMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return '';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

/**
 * Time from spawn to the first frame that shows the plan's title, in a real pseudo-terminal
 * (util-linux `script`). The TUI is then stopped. Undefined (with a note) when it cannot be run.
 */
async function measureTuiFirstFrame(planFile, count) {
  if (!commands.has('tui')) {
    note('tui: `roadmap tui` does not exist yet; skipped');
    return undefined;
  }
  const script = ['/usr/bin/script', '/bin/script'].find((f) => existsSync(f));
  if (!script) {
    note('tui: util-linux `script` (a pseudo-terminal) is not installed; skipped');
    return undefined;
  }
  const times = [];
  for (let i = 0; i < count + 1; i++) {
    const ms = await tuiOnce(script, planFile);
    if (ms === undefined) {
      note('tui: no frame showing the plan title within 15 s; skipped');
      return undefined;
    }
    if (i > 0) times.push(ms); // the first run warms the file cache, as for other cases
  }
  return summarise(times);
}

function tuiOnce(script, planFile) {
  const command = `stty cols 120 rows 40 2>/dev/null; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} tui ${JSON.stringify(planFile)}`;
  const started = process.hrtime.bigint();
  const child = spawn(script, ['-qfec', command, '/dev/null'], {
    cwd: work,
    // The workspace's caches (plan, code), warmed by the unmeasured first run like the CLI cases'.
    env: { ...process.env, ...CACHE_ENV, TERM: 'xterm-256color', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'ignore'],
    detached: true,
  });
  return waitFor(child, started);
}

function waitFor(child, started) {
  return new Promise((resolve) => {
    let seen = '';
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve(value);
    };
    const deadline = setTimeout(() => finish(undefined), 15_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString('utf8');
      if (seen.includes('Codon Migration')) finish(Number(process.hrtime.bigint() - started) / 1e6);
    });
    child.on('close', () => finish(undefined));
  });
}
