import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;
const run = (argv: string[]) => runCli(argv, { env: { NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' }, cwd: dir, columns: 80 });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-export-baseline-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap export with the critical path and a baseline', () => {
  test('md marks the critical path without a baseline section while the journal has none', async () => {
    const r = await run(['export', plan, '--format', 'md', '--today', '2026-11-13']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- **Critical path**: Dynamic Feature Detection System > ');
    expect(r.stdout).toContain('Cache System (critical path, slack 0 d)');
    expect(r.stdout).not.toContain('Plan vs Baseline');
    const bad = await run(['export', plan, '--format', 'md', '--baseline', 'kickoff']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no baseline yet');
  });

  test('every format compares with the newest baseline (or --baseline NAME)', async () => {
    const before = new Map<string, string>();
    for (const format of ['csv', 'json', 'ics', 'mermaid']) before.set(format, (await run(['export', plan, '--format', format, '--today', '2026-11-13'])).stdout);
    expect((await run(['baseline', plan, 'save', '--name', 'kickoff', '--at', '2026-11-02T08:00Z'])).code).toBe(0);
    expect((await run(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z'])).code).toBe(0);
    // A late task: planned Mon 2 - Tue 3 Nov, done on Thu 5 Nov.
    expect((await run(['track', plan, 'plugin-registry', 'done', '--at', '2026-11-05T16:00Z'])).code).toBe(0);
    const md = await run(['export', plan, '--format', 'md', '--today', '2026-11-13']);
    expect(md.stdout).toContain('Baseline "kickoff" (recorded Mon 2 Nov 2026 by Ana), compared with actual dates for done work and the projection from Fri 13 Nov 2026 for the rest.');
    expect(md.stdout).toMatch(/- \*\*End date\*\*: Fri 11 Dec 2026 -> .* \(\+\d+ work days?\)/);
    expect(md.stdout).toContain('| Dynamic Feature Detection System | Mon 2 Nov - Fri 6 Nov | Mon 2 Nov - Fri 6 Nov (actual) | 0 d | done |');
    const html = await run(['export', plan, '--format', 'html', '--today', '2026-11-13', '--baseline', 'kickoff']);
    expect(html.stdout).toContain('<h2>Plan vs Baseline</h2>');

    const json = JSON.parse((await run(['export', plan, '--format', 'json', '--today', '2026-11-13'])).stdout);
    expect(json.baseline.baseline).toMatchObject({ name: 'kickoff', by: 'Ana' });
    expect(json.baseline.end.baseline).toBe('2026-12-11');
    expect(json.baseline.components.find((c: { id: string }) => c.id === 'dynamic-feature-detection')).toMatchObject({ source: 'actual', finishSlip: 0 });
    expect(JSON.parse(before.get('json')!)).not.toHaveProperty('baseline');

    const csv = (await run(['export', plan, '--format', 'csv', '--today', '2026-11-13'])).stdout.split('\r\n');
    expect(csv[0]).toBe('phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner,baseline_start,baseline_end,current_end,slip_work_days');
    expect(csv.find((l) => l.includes(',plugin-registry,'))).toMatch(/,done,Ana,2026-11-02,2026-11-03,2026-11-05,2$/);
    expect(before.get('csv')!.split('\r\n')[0]).toBe('phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner');

    const ics = (await run(['export', plan, '--format', 'ics', '--per', 'task', '--today', '2026-11-13'])).stdout.replace(/\r\n /g, '');
    expect(ics).toContain("Slip: 2 work days later than baseline 'kickoff'");
    const mermaid = (await run(['export', plan, '--format', 'mermaid', '--per', 'task', '--today', '2026-11-13'])).stdout;
    expect(mermaid).toContain('Plugin System Refactoring (slipped +2 work days) :crit, done, t-plugin-registry, 2026-11-02, 2d');
    expect(mermaid).toContain('    section Against baseline kickoff');
    for (const format of ['ics', 'mermaid']) expect(before.get(format)).not.toMatch(/baseline|slipped/i);
  });

  test('--baseline with a name not saved is a usage error for every format, and --out replaces an earlier CSV export', async () => {
    for (const format of ['json', 'csv', 'ics', 'mermaid']) {
      const r = await run(['export', plan, '--format', format, '--baseline', 'nope']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no baseline "nope"; saved: kickoff (or "latest")');
    }
    const out = path.join(dir, 'roadmap.csv');
    expect((await run(['export', plan, '--format', 'csv', '--out', out])).code).toBe(0);
    expect((await run(['export', plan, '--format', 'csv', '--out', out, '--baseline', 'latest'])).code).toBe(0);
  });
});
