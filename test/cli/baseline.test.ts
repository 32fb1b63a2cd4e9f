import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

process.env.TZ = 'UTC';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;

const run = (argv: string[], by = 'Ana') => runCli(argv, { env: { NO_COLOR: '1', ROADMAP_AUTHOR: by }, cwd: dir, columns: 80 });
async function ok(argv: string[], by = 'Ana') {
  const r = await run(argv, by);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} -> ${r.code}: ${r.stderr}`);
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-baseline-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap baseline', () => {
  test('list says how to start when there is none, and diff needs one', async () => {
    expect((await ok(['baseline', plan, 'list'])).stdout).toBe('No baselines yet. Save one with `roadmap baseline save --name NAME`.\n');
    const diff = await run(['baseline', plan, 'diff']);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('no baseline yet; save one with `roadmap baseline save`');
  });

  test('save records the schedule as a baseline event named after the day by default', async () => {
    const r = await ok(['baseline', plan, 'save', '--at', '2026-11-02T08:00Z']);
    expect(r.stdout).toBe('Baseline "2026-11-02" saved: the schedule, 10 components, 6 weeks, ends Fri 11 Dec 2026\n');
    expect(r.stderr).toBe('Recorded by Ana in codon-migration.journal/ana.jsonl\n');
    const line = JSON.parse(readFileSync(path.join(dir, 'codon-migration.journal', 'ana.jsonl'), 'utf8').trim());
    expect(line).toMatchObject({ v: 1, seq: 1, at: '2026-11-02T08:00:00.000Z', by: 'Ana', type: 'baseline', name: '2026-11-02' });
    expect(line.data).toMatchObject({ format: 'roadmap.baseline/v1', end: '2026-12-11', weeks: 6 });
    expect(line.data.components).toHaveLength(10);
  });

  test('refuses a name already used unless --force', async () => {
    const again = await run(['baseline', plan, 'save', '--name', '2026-11-02']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('a baseline named "2026-11-02" already exists; choose another --name, or add --force');
    await ok(['baseline', plan, 'save', '--name', '2026-11-02', '--force', '--at', '2026-11-02T09:00Z']);
  });

  test('diff compares actuals and the projection with the newest baseline, per component and week', async () => {
    await ok(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z']);
    await ok(['track', plan, 'health-monitor-safety', 'done', '--at', '2026-11-11T16:00Z'], 'Bo');
    await ok(['track', plan, 'incident-manager-safety', 'doing', '--at', '2026-11-12T09:00Z'], 'Bo');
    const r = await ok(['baseline', plan, 'diff', '--today', '2026-11-13']);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
    expect(lines.slice(0, 5)).toEqual([
      'Baseline "2026-11-02" (Mon 2 Nov 2026, Ana) vs projection from Fri 13 Nov 2026',
      'End: Fri 11 Dec 2026 -> Fri 18 Dec 2026 (+5 work days)',
      '  Component                  Planned       Now           Slip  State',
      '  dynamic-feature-detection  2-6 Nov       2-6 Nov        0 d  done',
      '  analytics-thread-safety    9-13 Nov      9-17 Nov      +2 d  doing',
    ]);
    expect(r.stdout).toContain('  cache                      4 Dec         11 Dec        +5 d  todo\n');
    expect(r.stdout).toContain('By week (baselined finishes):\n  Week 1 (Mon 2 Nov): 1 component, 1 done\n  Week 2 (Mon 9 Nov): 1 component, 0 done, 1 late (up to 2 d)\n');

    const json = JSON.parse((await ok(['baseline', plan, 'diff', '--today', '2026-11-13', '--json'])).stdout);
    expect(json.format).toBe('roadmap.baseline-diff/v1');
    expect(json.baseline).toEqual({ name: '2026-11-02', at: '2026-11-02T09:00:00.000Z', by: 'Ana' });
    expect(json.end).toEqual({ baseline: '2026-12-11', current: '2026-12-18', slip: 5 });
    expect(json.components.find((c: { id: string }) => c.id === 'analytics-thread-safety')).toMatchObject({ state: 'doing', source: 'started', finishSlip: 2 });
  });

  test('save --from-today re-baselines on the projection; list shows both', async () => {
    const r = await ok(['baseline', plan, 'save', '--name', 'replan', '--from-today', '--today', '2026-11-13', '--at', '2026-11-13T17:00Z'], 'Bo');
    expect(r.stdout).toBe('Baseline "replan" saved: the projection from Fri 13 Nov 2026, 10 components, 7 weeks, ends Fri 18 Dec 2026\n');
    const list = await ok(['baseline', plan, 'list']);
    expect(list.stdout.split('\n')).toEqual([
      'Name        Recorded          By          Ends             Weeks',
      '2026-11-02  Mon 2 Nov 2026    Ana         Fri 11 Dec 2026  6',
      '2026-11-02  Mon 2 Nov 2026    Ana         Fri 11 Dec 2026  6',
      'replan      Fri 13 Nov 2026   Bo          Fri 18 Dec 2026  7',
      '',
    ]);
    const json = JSON.parse((await ok(['baseline', plan, 'list', '--json'])).stdout);
    expect(json.format).toBe('roadmap.baselines/v1');
    expect(json.baselines.map((b: { name: string; components: number }) => [b.name, b.components])).toEqual([
      ['2026-11-02', 10],
      ['2026-11-02', 10],
      ['replan', 10],
    ]);
    const diff = await ok(['baseline', plan, 'diff', '--name', 'replan', '--today', '2026-11-13']);
    expect(diff.stdout).toContain('End: Fri 18 Dec 2026, as baselined\n');
  });

  test('usage errors exit 2', async () => {
    for (const argv of [['baseline', plan], ['baseline', plan, 'keep'], ['baseline', plan, 'list', '--force'], ['baseline', plan, 'diff', '--by', 'Bo'], ['baseline', plan, 'save', '--name', ' ']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
    const unknown = await run(['baseline', plan, 'diff', '--name', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no baseline "nope"; saved: 2026-11-02, replan');
  });
});
