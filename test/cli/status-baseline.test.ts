import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;

const run = (argv: string[], by = 'Ana') => runCli(argv, { env: { NO_COLOR: '1', ROADMAP_AUTHOR: by }, cwd: dir, columns: 80, now: new Date('2026-11-13T12:00:00Z') });
async function ok(argv: string[], by = 'Ana') {
  const r = await run(argv, by);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} -> ${r.code}: ${r.stderr}`);
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-status-baseline-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap status against a baseline', () => {
  test('without a baseline, status shows no comparison and --baseline NAME is a usage error', async () => {
    const r = await ok(['status', plan, '--today', '2026-11-13']);
    expect(r.stdout).not.toContain('Against baseline');
    expect(JSON.parse((await ok(['status', plan, '--today', '2026-11-13', '--json'])).stdout).baseline).toBeUndefined();
    const named = await run(['status', plan, '--baseline', 'kickoff']);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('no baseline yet; save one with `roadmap baseline save`');
  });

  test('with the newest baseline: the end-date slip, what slipped and the critical item that moves the end', async () => {
    await ok(['baseline', plan, 'save', '--name', 'kickoff', '--at', '2026-11-02T08:00Z']);
    await ok(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z']);
    await ok(['track', plan, 'health-monitor-safety', 'done', '--at', '2026-11-11T16:00Z'], 'Bo');
    await ok(['track', plan, 'incident-manager-safety', 'doing', '--at', '2026-11-12T09:00Z'], 'Bo');
    const r = await ok(['status', plan, '--today', '2026-11-13']);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
    const at = lines.indexOf('Against baseline "kickoff" (Mon 2 Nov 2026, Ana)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  End: Fri 11 Dec 2026 -> Fri 18 Dec 2026 (+5 work days)');
    expect(lines[at + 2]).toMatch(/^ {2}Slipped \(\d+\), planned -> actual\/projected/);
    const section = lines.slice(at, lines.indexOf('', at));
    // Top five, most slip first, then how many more.
    expect(section.filter((l) => / -> .* \+\d+ d /.test(l))).toHaveLength(5);
    expect(section.some((l) => /^ {2}and \d+ more \(roadmap baseline diff\)$/.test(l))).toBe(true);
    expect(section.join('\n')).toMatch(/\n {2}cache\s+4 Dec\s+-> 11 Dec\s+\+5 d todo\n/);
    // Every codon component is critical: the earliest late one is where the slip began, and status names it.
    expect(section).toContain('  ! analytics-thread-safety had no slack and slipped +2 d: it moves the end date');
    expect(section.at(-1)).toBe('  and 8 later items slipped past their slack');
  });

  test('--json adds a baseline field and keeps the v1 format', async () => {
    const json = JSON.parse((await ok(['status', plan, '--today', '2026-11-13', '--json'])).stdout);
    expect(json.format).toBe('roadmap.status/v1');
    expect(json.health).toBeDefined();
    expect(json.baseline.baseline).toEqual({ name: 'kickoff', at: '2026-11-02T08:00:00.000Z', by: 'Ana' });
    expect(json.baseline.end).toEqual({ baseline: '2026-12-11', current: '2026-12-18', slip: 5 });
    expect(json.baseline.components.find((c: { id: string }) => c.id === 'analytics-thread-safety')).toMatchObject({ finishSlip: 2, source: 'started' });
    expect(json.baseline.movesEnd).toContainEqual({ id: 'analytics-thread-safety', slip: 2, slack: 0 });
  });

  test('--baseline picks an older baseline by name; an unknown name lists the saved ones', async () => {
    await ok(['baseline', plan, 'save', '--name', 'replan', '--from-today', '--today', '2026-11-13', '--at', '2026-11-13T17:00Z']);
    const latest = await ok(['status', plan, '--today', '2026-11-13']);
    expect(latest.stdout).toContain('Against baseline "replan"');
    expect(latest.stdout).toContain('  End: Fri 18 Dec 2026, as baselined\n');
    const older = await ok(['status', plan, '--today', '2026-11-13', '--baseline', 'kickoff']);
    expect(older.stdout).toContain('Against baseline "kickoff"');
    const bad = await run(['status', plan, '--baseline', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no baseline "nope"; saved: kickoff, replan');
  });
});
