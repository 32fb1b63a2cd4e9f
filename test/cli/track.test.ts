import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: string;
const journal = (author: string) => readFileSync(path.join(dir, 'codon-migration.journal', `${author}.jsonl`), 'utf8');
const env = { NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana' };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-track-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap track', () => {
  test('records a task status in the author journal and prints the change', async () => {
    const run = await runCli(['track', plan, 'plugin-registry', 'done', '--at', '2026-11-03T16:00:00Z', '--note', 'merged #12'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('plugin-registry: todo -> done\n  dynamic-feature-detection is doing (1/3 tasks closed)\n  note: merged #12\n');
    expect(run.stderr).toMatch(/^Recorded by Ana in .*codon-migration\.journal\/ana\.jsonl\n$/);
    expect(JSON.parse(journal('ana'))).toEqual({
      v: 1,
      seq: 1,
      at: '2026-11-03T16:00:00.000Z',
      by: 'Ana',
      type: 'status',
      target: 'plugin-registry',
      status: 'done',
      note: 'merged #12',
    });
  });

  test('finds the plan on its own from the working directory', async () => {
    const run = await runCli(['track', 'config-mapping', 'doing'], { env, cwd: dir });
    // plans/ does not exist in dir, but ./roadmap.yaml does not either: rename to make it findable.
    expect(run.code).toBe(2);
    copyFileSync(plan, path.join(dir, 'roadmap.yaml'));
    const found = await runCli(['track', 'config-mapping', 'doing'], { env, cwd: dir });
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('config-mapping: todo -> doing');
  });

  test('a folder named like an id is not taken for the plan', async () => {
    const { mkdirSync } = await import('node:fs');
    copyFileSync(plan, path.join(dir, 'roadmap.yaml'));
    mkdirSync(path.join(dir, 'cache'));
    const run = await runCli(['track', 'cache', 'doing'], { env, cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cache-operations: todo -> doing');
  });

  test('a component sets each of its tasks', async () => {
    await runCli(['track', plan, 'config-mapping', 'blocked', '--by', 'Chen', '--at', '2026-11-05T09:00Z'], { env });
    const run = await runCli(['track', plan, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T17:00Z'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'dynamic-feature-detection: 3 tasks set to done',
        '  plugin-registry: todo -> done',
        '  algorithm-registry: todo -> done',
        '  config-mapping: blocked -> done',
        '',
      ].join('\n'),
    );
    expect(journal('chen')).toContain('"by":"Chen"');
  });

  test('an unknown id exits 1 with a suggestion, and nothing is written', async () => {
    const run = await runCli(['track', plan, 'plugin-regsitry', 'done'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no task, component or rollback rule "plugin-regsitry" in this plan; did you mean "plugin-registry"?');
    expect(() => journal('ana')).toThrow();
  });

  test('bad statuses and misplaced rolled-back are usage errors', async () => {
    expect((await runCli(['track', plan, 'plugin-registry', 'finished'], { env })).stderr).toContain('"finished" is not a status');
    const rule = await runCli(['track', plan, 'immediate', 'done'], { env });
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain('the only status it takes is rolled-back');
    const task = await runCli(['track', plan, 'plugin-registry', 'rolled-back'], { env });
    expect(task.code).toBe(2);
    expect(task.stderr).toContain('rolled-back is for rollback rules (immediate, planned, gradual)');
    expect((await runCli(['track', plan, 'plugin-registry'], { env })).code).toBe(2);
    expect((await runCli(['track', plan, 'plugin-registry', 'done', '--at', 'yesterday'], { env })).code).toBe(2);
  });

  test('disagreeing with a teammate within the same minute is flagged at once', async () => {
    await runCli(['track', plan, 'config-mapping', 'done', '--by', 'Chen', '--at', '2026-11-06T17:00:10Z'], { env });
    const run = await runCli(['track', plan, 'config-mapping', 'blocked', '--at', '2026-11-06T17:00:30Z'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('conflicting statuses for "config-mapping" within a minute: Chen said done at 17:00Z, Ana said blocked at 17:00Z');
  });

  test('rolling back a firing rule', async () => {
    await runCli(['metric', plan, 'error-rate', '1.4', '--at', '2026-11-20T10:00:00Z'], { env });
    const run = await runCli(['track', plan, 'immediate', 'rolled-back', '--note', 'back on CPython', '--by', 'Dara', '--at', '2026-11-20T10:40:00Z'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('immediate: firing -> rolled-back\n  note: back on CPython\n');
  });
});
