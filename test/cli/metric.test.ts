import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;
const env = { NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' };
const lines = (author = 'ana') =>
  readFileSync(path.join(dir, 'codon-migration.journal', `${author}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-metric-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap metric', () => {
  test('records a measurement with file evidence and prints the state', async () => {
    writeFileSync(path.join(dir, 'bench.txt'), 'analytics: 42x\n');
    const run = await runCli(['metric', plan, 'analytics-speedup', '42', '--evidence', 'bench.txt', '--at', '2026-11-18T09:30Z'], { env, cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('analytics-speedup = 42 x (target >= 100): not met');
    expect(run.stdout).toContain('evidence: bench.txt (sha256 ');
    expect(lines()).toEqual([
      {
        v: 1,
        seq: 1,
        at: '2026-11-18T09:30:00.000Z',
        by: 'Ana',
        type: 'measure',
        metric: 'analytics-speedup',
        value: 42,
        evidence: { path: 'bench.txt', sha256: createHash('sha256').update('analytics: 42x\n').digest('hex') },
      },
    ]);
  });

  test('met, with the previous value and its direction', async () => {
    await runCli(['metric', plan, 'analytics-speedup', '42', '--at', '2026-11-18T09:30Z'], { env });
    const run = await runCli(['metric', plan, 'analytics-speedup', '112.4', '--at', '2026-11-19T09:30Z'], { env });
    expect(run.stdout).toBe('analytics-speedup = 112.4 x (target >= 100): met\n  previous: 42 x on 2026-11-18 (up, towards the target)\n');
  });

  test('a value that trips a rollback rule prints its deadlines as clock times', async () => {
    const run = await runCli(['metric', plan, 'error-rate', '1.4', '--at', '2026-11-20T10:00Z'], { env, now: new Date('2026-11-20T10:02:00Z') });
    expect(run.stdout).toBe(
      [
        'error-rate = 1.4 % (target < 0.1): BREACHED',
        'ROLLBACK "immediate" FIRING (abort): error-rate 1.4 % > 1',
        '  assess by 10:15, decide by 10:30, execute by 11:00',
        '  when done: roadmap track immediate rolled-back --note "..."',
        '',
      ].join('\n'),
    );
    const recovered = await runCli(['metric', plan, 'error-rate', '0.05', '--at', '2026-11-20T12:00Z'], { env });
    expect(recovered.stdout).toContain('rollback "immediate" cleared: recovered: error-rate 0.05 %');
  });

  test('a URL is kept as evidence', async () => {
    await runCli(['metric', plan, 'error-rate', '0.04', '--evidence', 'https://grafana.example/d/errors?from=now-1h'], { env });
    expect(lines()[0].evidence).toEqual({ url: 'https://grafana.example/d/errors?from=now-1h' });
  });

  test('refuses what is not a measurement', async () => {
    for (const bad of ['1.4%', 'fast', '', 'Infinity', '1e999', '0x10']) {
      const run = await runCli(['metric', plan, 'error-rate', bad], { env });
      expect(run.code, bad).toBe(2);
    }
    const missing = await runCli(['metric', plan, 'error-rate', '0.1', '--evidence', 'nope.json'], { env, cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('evidence file not found: nope.json');
    const unknown = await runCli(['metric', plan, 'eror-rate', '0.1'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('did you mean "error-rate"?');
  });

  test('negative values follow `--` (otherwise they read as options)', async () => {
    const run = await runCli(['metric', plan, '--at', '2026-11-20T10:00Z', '--', 'memory-growth', '-0.5'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('memory-growth = -0.5 %/h (target <= 1): met');
  });
});
