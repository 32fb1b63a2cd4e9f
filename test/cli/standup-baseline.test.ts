/**
 * The standup against a baseline as `roadmap baseline save` writes it (roadmap.baseline/v1): the
 * scope change section reads it, and the header gives the end-date slip.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;
const run = (argv: string[]) => runCli(argv, { env: { NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' }, cwd: dir, columns: 80, now: new Date('2026-11-24T10:00:00Z') });
async function ok(argv: string[]) {
  const r = await run(argv);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} -> ${r.code}: ${r.stderr}`);
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-standup-baseline-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap standup with a saved baseline', () => {
  test('without a baseline the header has no end-date line', async () => {
    const r = await ok(['standup', plan, '--today', '2026-11-24', '--format', 'md']);
    expect(r.stdout).not.toContain('End date');
    expect(r.stdout).toContain('No baseline recorded');
  });

  test('scope change reads the real baseline event: a task renamed since shows as added and removed', async () => {
    await ok(['baseline', plan, 'save', '--name', 'kickoff', '--at', '2026-11-20T08:00Z']);
    await ok(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z']);
    await ok(['track', plan, 'analytics-thread-safety', 'done', '--at', '2026-11-18T16:00Z']);
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('      - id: error-utilities\n', '      - id: error-helpers\n'));
    const r = await ok(['standup', plan, '--today', '2026-11-24', '--format', 'md']);
    expect(r.stdout).toContain('Week 4 compared with baseline "kickoff" (Fri 20 Nov):');
    expect(r.stdout).toContain('- **Added:** task `error-helpers` Error Utilities (in `error-handling`)');
    expect(r.stdout).toContain('- **Removed:** task `error-utilities` Error Utilities (in `error-handling`)');
    expect(r.stdout).not.toContain('no component list');
  });

  test('the header gives the end-date slip against the baseline and what moves it', async () => {
    const md = await ok(['standup', plan, '--today', '2026-11-24', '--format', 'md']);
    const header = md.stdout.slice(0, md.stdout.indexOf('\n## '));
    expect(header).toMatch(/\*\*End date: \d+ work days? late\*\* - baselined Friday 11 December 2026, now \w+ \d+ \w+ 20\d\d \(baseline "kickoff"\); analytics-thread-safety had no slack and slipped \+\d+ d: it moves the end date/);
    const json = JSON.parse((await ok(['standup', plan, '--today', '2026-11-24', '--format', 'json'])).stdout);
    expect(json.endDate).toMatchObject({ baseline: { name: 'kickoff', at: '2026-11-20T08:00:00.000Z' }, planned: '2026-12-11' });
    expect(json.endDate.slip).toBeGreaterThan(0);
    expect(json.endDate.cause).toMatchObject({ slack: 0 });
    const text = await ok(['standup', plan, '--today', '2026-11-24']);
    expect(text.stdout).toMatch(/End date: \d+ work days? late/);
  });
});
