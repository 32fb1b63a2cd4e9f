/**
 * Whole-process measurement: wall time around spawnSync, and peak RSS from GNU time's %M when
 * /usr/bin/time exists, else from a --import hook that writes process.resourceUsage().maxRSS at
 * exit. `node -e 0` is measured through the same wrapper, so ratios to it are fair.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const RSS_HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-reporter.js');

/** 'gnu-time' when /usr/bin/time -f works here, else 'node-hook'. */
export const rssMethod = (() => {
  if (!existsSync(GNU_TIME)) return 'node-hook';
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr) ? 'gnu-time' : 'node-hook';
})();

const scratch = mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-rss-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/**
 * Runs `node ...nodeArgs` once. Returns { ms, rssKb, status, stderr } (stdout is discarded, as a
 * user's pipe to a file would be). Only node commands are measured, so the RSS hook always applies.
 */
export function runNodeOnce(nodeArgs, { cwd, env, timeoutMs = 120_000 } = {}) {
  const rssFile = path.join(scratch, `rss-${process.pid}-${counter++}`);
  let file;
  let args;
  if (rssMethod === 'gnu-time') {
    file = GNU_TIME;
    args = ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs];
  } else {
    file = process.execPath;
    args = ['--import', pathToFileURL(RSS_HOOK).href, ...nodeArgs];
  }
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, {
    cwd,
    env: { ...process.env, ...env, ROADMAP_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // One line "peakKiB userSeconds systemSeconds" (GNU time may put a status line before it).
  let rssKb;
  let cpuMs;
  try {
    const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rssKb = rss;
    cpuMs = (user + system) * 1000;
    rmSync(rssFile, { force: true });
  } catch {
    rssKb = undefined;
  }
  return {
    ms,
    rssKb: Number.isFinite(rssKb) ? rssKb : undefined,
    cpuMs: Number.isFinite(cpuMs) ? cpuMs : undefined,
    status: result.status,
    signal: result.signal,
    stderr: result.stderr ?? '',
  };
}

/** Median and spread of a list of numbers. */
export function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const i = (sorted.length - 1) * q;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
  };
  return { n: sorted.length, median: at(0.5), min: sorted[0], max: sorted[sorted.length - 1], p25: at(0.25), p75: at(0.75) };
}

/**
 * Runs a node command `warmup` times unmeasured, then `runs` times. Returns the timing summary,
 * the largest peak RSS seen, and the first failure (non-zero exit or signal), if any.
 */
export function measureNode(nodeArgs, { runs, warmup = 1, cwd, env, okStatuses = [0] } = {}) {
  for (let i = 0; i < warmup; i++) runNodeOnce(nodeArgs, { cwd, env });
  const times = [];
  const cpu = [];
  let peakKb = 0;
  let failure;
  for (let i = 0; i < runs; i++) {
    const r = runNodeOnce(nodeArgs, { cwd, env });
    times.push(r.ms);
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
    if (r.rssKb !== undefined) peakKb = Math.max(peakKb, r.rssKb);
    if (!failure && (r.signal || !okStatuses.includes(r.status))) failure = r;
  }
  return {
    ...summarise(times),
    // CPU time (user + system) barely moves when other processes share the machine; wall time does.
    cpuMs: cpu.length > 0 ? summarise(cpu).median : undefined,
    peakRssMb: peakKb > 0 ? peakKb / 1024 : undefined,
    failure,
  };
}
