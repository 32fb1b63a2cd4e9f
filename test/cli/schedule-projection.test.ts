import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;

async function as(by: string, argv: string[]): Promise<void> {
  const run = await runCli([argv[0]!, plan, ...argv.slice(1)], { env: { NO_COLOR: '1', ROADMAP_AUTHOR: by }, cwd: dir });
  if (run.code !== 0) throw new Error(`${argv.join(' ')} -> ${run.code}: ${run.stderr}`);
}

/** Week 1 on time; analytics-thread-safety (week 2) done on Wednesday of week 3: 3 work days late. */
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-projection-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
  await as('Ana', ['track', 'dynamic-feature-detection', 'doing', '--at', '2026-11-02T09:00Z']);
  await as('Ana', ['track', 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z']);
  await as('Bo', ['track', 'analytics-thread-safety', 'doing', '--at', '2026-11-09T09:00Z']);
  await as('Bo', ['track', 'analytics-thread-safety', 'done', '--at', '2026-11-18T16:00Z']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schedule = (extra: string[], columns = 80) =>
  runCli(['schedule', plan, '--today', '2026-11-19', ...extra], { env: { NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' }, cwd: dir, columns });

/** Every file of the journal with its bytes, to show a command wrote nothing. */
function journalSnapshot(): Record<string, string> {
  const jdir = path.join(dir, 'codon-migration.journal');
  return Object.fromEntries(readdirSync(jdir).map((f) => [f, readFileSync(path.join(jdir, f), 'utf8')]));
}

describe('roadmap schedule: critical path', () => {
  test('marks critical components with * and prints slack and the chain', async () => {
    const r = await schedule([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' *cache: Cache System\n    3.0 medium, risk low, 3 pd, slack 0 d\n');
    expect(r.stdout).toContain('Critical path (marked *): a one-work-day slip of any of these moves the end, Fri\n  11 Dec 2026\n');
    expect(r.stdout).toContain('  error-handling > authentication (phase gate) > stream-management > cache >');
    const json = JSON.parse((await schedule(['--json'])).stdout);
    expect(json.components.map((c: { id: string; slack: number; critical: boolean }) => [c.id, c.slack, c.critical])).toContainEqual(['cache', 0, true]);
    expect(json.criticalPath[4]).toEqual({ id: 'authentication', via: 'phase-gate' });
  });
});

describe('roadmap schedule --from-today', () => {
  test('says what moved and why, at 80 columns', async () => {
    const r = await schedule(['--from-today']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const line of r.stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('Projection from Thu 19 Nov 2026: 2 done, 0 in progress, 8 not started, 60 pd\n  left\n');
    expect(r.stdout).toContain('End: Fri 11 Dec 2026 -> Fri 18 Dec 2026 (+5 work days), because\n  analytics-thread-safety finished 3 work days late\n');
    expect(r.stdout).toContain('  analytics-thread-safety finished 3 work days late (+3 d): it was on the\n    critical path, so it moves the end date\n');
    expect(r.stdout).toContain('What moved against the plan (9):');
    expect(r.stdout).toContain('  cache: week 5 -> week 6 (+5 d), because analytics-thread-safety finished 3\n      work days late\n');
    // Done work shows where it ran.
    expect(r.stdout).toContain('  analytics-thread-safety: Analytics Engine Thread Safety\n    4.6 critical, risk high, 15 pd, done Wed 18 Nov, after');
  });

  test('prints the projection as JSON with actuals, moves and slips', async () => {
    const r = await schedule(['--from-today', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.format).toBe('roadmap.schedule/v1');
    expect(json.projectedFrom).toBe('2026-11-19');
    expect(json.projection.end).toEqual({ before: '2026-12-11', after: '2026-12-18', slip: 5, because: 'analytics-thread-safety finished 3 work days late' });
    expect(json.projection.counts).toEqual({ done: 2, inProgress: 0, notStarted: 8, remaining: 60 });
    const ats = json.components.find((c: { id: string }) => c.id === 'analytics-thread-safety');
    expect(ats.actual).toEqual({ state: 'done', start: '2026-11-09', finish: '2026-11-18', remaining: 0 });
    expect(ats.slack).toBeUndefined();
    expect(json.projection.moves.find((m: { id: string }) => m.id === 'cache')).toMatchObject({ before: { startWeek: 5 }, after: { startWeek: 6 }, finishSlip: 5 });
  });
});

describe('roadmap schedule --assume', () => {
  test('prints what the assumptions move against the projection and writes nothing', async () => {
    const before = journalSnapshot();
    const planBytes = readFileSync(plan, 'utf8');
    const r = await schedule(['--from-today', '--assume', 'documentation-handoff +2d', '--assume', 'capacity -20% weeks 6-7'], 120);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What-if (assumed, nothing is written):\n');
    expect(r.stdout).toContain('  documentation-handoff +2d: documentation-handoff +6 pd (2 work days of 3 pd) on docs-and-training\n');
    expect(r.stdout).toContain('  capacity -20% weeks 6-7: capacity 12 pd per full week (was 15) weeks 6-7\n');
    expect(r.stdout).toMatch(/End: Fri 18 Dec 2026 -> \w+ \d+ \w+ 2026 \(\+\d+ work days\), because assumed "documentation-handoff \+2d"\n/);
    expect(r.stdout).toContain('  documentation-handoff: ');
    expect(journalSnapshot()).toEqual(before);
    expect(readFileSync(plan, 'utf8')).toBe(planBytes);
  });

  test('compares with the plain schedule without --from-today', async () => {
    const r = await runCli(['schedule', plan, '--assume', 'documentation-handoff +2d', '--json'], { env: { NO_COLOR: '1' }, cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.whatIf.end).toEqual({ before: '2026-12-11', after: '2026-12-15', slip: 2, because: 'assumed "documentation-handoff +2d"' });
    expect(json.whatIf.moves).toEqual([expect.objectContaining({ id: 'documentation-handoff', finishSlip: 2 })]);
    expect(json.projection).toBeUndefined();
  });

  test('refuses a phrase it cannot read, and an id the plan does not have, with exit 2', async () => {
    const bad = await schedule(['--assume', 'cache 3 days']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--assume "cache 3 days": expected "<component-or-task> +Nd"');
    const unknown = await schedule(['--assume', 'cahce +1d']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('this plan has no component or task "cahce" (did you mean "cache"?)');
  });
});

describe('roadmap schedule --baseline', () => {
  test('needs a saved baseline, then shows what slipped against it', async () => {
    const none = await schedule(['--baseline', 'latest']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no baseline yet; save one with `roadmap baseline save`');
    await as('Ana', ['baseline', 'save', '--name', 'kickoff', '--at', '2026-11-02T08:00Z']);
    const r = await schedule(['--from-today', '--baseline', 'kickoff']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Baseline "kickoff" (Mon 2 Nov 2026, Ana) vs projection from Thu 19 Nov 2026\n');
    expect(r.stdout).toContain('  analytics-thread-safety  9-13 Nov      9-18 Nov      +3 d  done\n');
    expect(r.stdout).not.toContain('  dynamic-feature-detection  2-6 Nov');
    const unknown = await schedule(['--baseline', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no baseline "nope"; saved: kickoff (or "latest")');
  });

  test('prints a hand-written baseline name from the journal without its escape sequences', async () => {
    const data = JSON.parse((await runCli(['schedule', plan, '--json'], { env: { NO_COLOR: '1' }, cwd: dir })).stdout);
    const event = { v: 1, seq: 1, at: '2026-11-03T08:00:00.000Z', by: 'Mal\u001b]0;x\u0007', type: 'baseline', name: 'evil\u001b[2J\u202e', data: { format: 'roadmap.baseline/v1', start: data.start, end: data.end, weeks: 6, components: [] } };
    appendFileSync(path.join(dir, 'codon-migration.journal', 'mal.jsonl'), `${JSON.stringify(event)}\n`);
    const r = await schedule(['--from-today', '--baseline', 'latest']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.stdout).toContain('Baseline "evil');
    expect(r.stdout).toContain('(Tue 3 Nov 2026, Mal) vs projection');
    expect(r.stdout).toMatch(/\n {2}cache +- +\d+ Dec +added\n/);
  });
});
