import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;

/** Runs one scripted command as `by` and fails loudly if it does not succeed. */
async function as(by: string, argv: string[]): Promise<void> {
  const run = await runCli([argv[0]!, plan, ...argv.slice(1)], { env: { NO_COLOR: '1', ROADMAP_AUTHOR: by }, cwd: dir });
  if (run.code !== 0) throw new Error(`${argv.join(' ')} -> ${run.code}: ${run.stderr}`);
}

// Weeks 1-2 done (but one task blocked), then week 3 (Mon 16 - Fri 20 Nov 2026) day by day.
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-status-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
  copyFileSync(path.join(repo, 'test/fixtures/imports/bench.json'), path.join(dir, 'bench.json'));
  copyFileSync(path.join(repo, 'test/fixtures/imports/c8-coverage-summary-full.json'), path.join(dir, 'coverage-summary.json'));

  await as('Ana', ['track', 'dynamic-feature-detection', 'done', '--at', '2026-11-06T17:00Z']);
  await as('Ana', ['metric', 'codon-compile', '100', '--at', '2026-11-06T17:30Z']);
  await as('Ana', ['track', 'health-monitor-safety', 'done', '--at', '2026-11-10T16:00Z']);
  await as('Bo', ['track', 'incident-manager-safety', 'blocked', '--note', 'load-test env down', '--at', '2026-11-12T11:00Z']);
  await as('Chen', ['track', 'stream-producer-safety', 'done', '--at', '2026-11-13T15:00Z']);
  // Monday
  await as('Ana', ['track', 'ai-optimizer', 'doing', '--at', '2026-11-16T09:00Z']);
  await as('Ana', ['metric', 'error-rate', '0.05', '--at', '2026-11-16T09:30Z']);
  // Tuesday
  await as('Ana', ['track', 'ai-optimizer', 'done', '--at', '2026-11-17T16:00Z']);
  await as('Bo', ['metric', 'thread-safety-overhead', '12', '--at', '2026-11-17T17:00Z']);
  // Wednesday
  await as('Bo', ['track', 'analytics-algorithms', 'doing', '--at', '2026-11-18T09:00Z']);
  await as('Ana', ['metric', 'analytics-speedup', '42', '--at', '2026-11-18T12:00Z']);
  // Thursday: benchmark and coverage from CI; Ana and Chen disagree about alert-correlation.
  await as('CI', ['import', 'bench.json', 'coverage-summary.json', '--at', '2026-11-19T18:00Z']);
  await as('Ana', ['track', 'alert-correlation', 'doing', '--at', '2026-11-19T10:00:05Z']);
  await as('Chen', ['track', 'alert-correlation', 'blocked', '--note', 'needs Bo', '--at', '2026-11-19T10:00:35Z']);
  // Friday: production errors spike at 10:00; a half-written line is left in Chen's journal.
  await as('Dara', ['metric', 'error-rate', '1.4', '--at', '2026-11-20T10:00Z']);
  appendFileSync(path.join(dir, 'codon-migration.journal', 'chen.jsonl'), '{"v":1,"seq":9,"at":"2026-11-20T09:');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const status = (extra: string[] = []) =>
  runCli(['status', plan, '--today', '2026-11-20', '--now', '2026-11-20T10:05Z', ...extra], { env: { NO_COLOR: '1' }, cwd: dir, columns: 80 });

describe('roadmap status on the codon plan after a scripted week', () => {
  test('one 80-column screen, most urgent first', async () => {
    const run = await status();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(50);

    // Health first, the firing rule right under it, deadlines as clock times.
    expect(lines.slice(0, 10)).toEqual([
      'OFF TRACK: rollback "immediate" firing: error-rate 1.4 % > 1',
      '  also: critical work late: incident-manager-safety (8 days)',
      '  also: metric error-rate breached: 1.4 % (target < 0.1)',
      '  and 2 more (see below)',
      '',
      '!! ROLLBACK "immediate" FIRING since 10:00 (abort)',
      '   why: error-rate 1.4 % > 1 · guards weeks 1-2, 4',
      '   assess by 10:15 · decide by 10:30 · execute by 11:00',
      '   when done: roadmap track immediate rolled-back --note "..."',
      '',
    ]);
    const expected = [
      'Codon Migration · 2026-11-20 · week 3 of 6 · High Priority Components',
      'Done 30/90 person-days (33%) · 6/18 tasks',
      '  p1   Critical Priority Components   w1-2      24/30 pd  80% ████████░░ blocked',
      '> p2   High Priority Components       w3-4       6/30 pd  20% ██░░░░░░░░ blocked',
      '  p3   Medium Priority Components     w5-6       0/30 pd   0% ░░░░░░░░░░ todo',
      'Weeks  1:100% 2:60% [3:40%] 4:0% 5:0% 6:0%',
      'Late (2)',
      '  incident-manager-safety                    Bo     due Nov 12  8d late blocked',
      '  analytics-algorithms                       Bo     due Nov 19  1d late doing',
      'Blocked (2)',
      '  incident-manager-safety · 7 days · Bo "load-test env down"',
      '  alert-correlation · 1 day · Chen "needs Bo"',
      'Metrics                    target    latest        base    trend    state',
      '  analytics-speedup        >= 100    112.4 x       1       ↑ better met',
      '  ai-optimizer-speedup     >= 100    -             1                UNVERIFIED',
      '  error-processing-speedup >= 5      6.1 x         1                met',
      '  thread-safety-overhead   < 20      12 %          -                met',
      '  codon-compile            >= 100    100 %         0                met',
      '  test-coverage            > 95      100 %         -                met',
      '  error-rate               < 0.1     1.4 %         -       ↑ worse  BREACHED',
      '  cost-savings             >= 95000  -             -                UNVERIFIED',
      'Readiness  performance 3/5 C · quality 2/4 D · business 0/1 F',
      'Journal problems (2)',
      '  codon-migration.journal/chen.jsonl:3: warning journal-torn-line: the last line',
      '  warning journal-conflict: conflicting statuses for "alert-correlation" within',
      '    a minute: Ana said doing at 10:00Z, Chen said blocked at 10:00Z; "blocked" …',
    ];
    let previous = -1;
    for (const line of expected) {
      const at = lines.indexOf(line);
      expect(at, line).toBeGreaterThan(previous);
      previous = at;
    }
  });

  test('--json is the full PlanStatus', async () => {
    const run = await status(['--json']);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data).toMatchObject({
      format: 'roadmap.status/v1',
      project: 'GraphMemory-IDE',
      today: '2026-11-20',
      now: '2026-11-20T10:05:00.000Z',
      timeline: 'during',
      currentWeek: 3,
      currentPhase: 'p2',
      health: { state: 'off-track' },
      journal: { events: 17, authors: ['Ana', 'Bo', 'CI', 'Chen', 'Dara'] },
    });
    expect(data.rollback.find((r: { id: string }) => r.id === 'immediate')).toMatchObject({
      state: 'firing',
      firedAt: '2026-11-20T10:00:00.000Z',
      deadlines: { assess: '2026-11-20T10:15:00.000Z', decide: '2026-11-20T10:30:00.000Z', execute: '2026-11-20T11:00:00.000Z' },
      components: ['dynamic-feature-detection', 'analytics-thread-safety', 'error-handling'],
    });
    expect(data.conflicts).toEqual([
      {
        target: 'alert-correlation',
        kept: 'blocked',
        entries: [
          { by: 'Ana', status: 'doing', at: '2026-11-19T10:00:05.000Z' },
          { by: 'Chen', status: 'blocked', at: '2026-11-19T10:00:35.000Z' },
        ],
      },
    ]);
    expect(data.problems.map((p: { code: string }) => p.code)).toEqual(['journal-torn-line', 'journal-conflict']);
    const criteria = data.criteria.filter((c: { componentId: string }) => c.componentId === 'dynamic-feature-detection');
    expect(criteria.map((c: { state: string; met: boolean }) => [c.state, c.met])).toEqual([
      ['manual', true],
      ['manual', true],
      ['met', true],
      ['met', true],
    ]);
  });

  test('bad dates are usage errors', async () => {
    expect((await runCli(['status', plan, '--today', '2026-11-31'], { env: { NO_COLOR: '1' } })).code).toBe(2);
    expect((await runCli(['status', plan, '--now', 'soon'], { env: { NO_COLOR: '1' } })).code).toBe(2);
  });

  test('after the rollback is recorded the rule stops firing and says when', async () => {
    await as('Dara', ['track', 'immediate', 'rolled-back', '--note', 'back on CPython', '--at', '2026-11-20T10:50Z']);
    const run = await runCli(['status', plan, '--today', '2026-11-20', '--now', '2026-11-20T11:00Z'], { env: { NO_COLOR: '1' }, columns: 80 });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('OFF TRACK: critical work late: incident-manager-safety (8 days)');
    expect(lines).toContain('Rollback "immediate" rolled back 10:50 by Dara: back on CPython');
    expect(run.stdout).not.toContain('FIRING');
  });
});
