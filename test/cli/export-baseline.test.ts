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

  test('md and html compare with the newest baseline; other formats are unchanged by it', async () => {
    const csvBefore = (await run(['export', plan, '--format', 'csv', '--today', '2026-11-13'])).stdout;
    expect((await run(['baseline', plan, 'save', '--name', 'kickoff', '--at', '2026-11-02T08:00Z'])).code).toBe(0);
    expect((await run(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z'])).code).toBe(0);
    const md = await run(['export', plan, '--format', 'md', '--today', '2026-11-13']);
    expect(md.stdout).toContain('Baseline "kickoff" (recorded Mon 2 Nov 2026 by Ana), compared with actual dates for done work and the projection from Fri 13 Nov 2026 for the rest.');
    expect(md.stdout).toMatch(/- \*\*End date\*\*: Fri 11 Dec 2026 -> .* \(\+\d+ work days?\)/);
    expect(md.stdout).toContain('| Dynamic Feature Detection System | Mon 2 Nov - Fri 6 Nov | Mon 2 Nov - Fri 6 Nov (actual) | 0 d | done |');
    const html = await run(['export', plan, '--format', 'html', '--today', '2026-11-13', '--baseline', 'kickoff']);
    expect(html.stdout).toContain('<h2>Plan vs Baseline</h2>');
    expect((await run(['export', plan, '--format', 'csv', '--today', '2026-11-13'])).stdout).not.toContain('kickoff');
    expect(csvBefore).not.toContain('kickoff');
  });
});
