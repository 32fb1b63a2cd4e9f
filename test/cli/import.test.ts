import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fileSha256 } from '../../src/plan/journal-io.js';
import { runCli } from '../helpers/cli.js';

const repo = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repo, 'test/fixtures/imports');
let dir: string;
let plan: string;
const env = { NO_COLOR: '1', ROADMAP_AUTHOR: 'CI' };
const journal = () =>
  readFileSync(path.join(dir, 'codon-migration.journal', 'ci.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-import-'));
  plan = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), plan);
  for (const f of ['c8-coverage-summary-full.json', 'vitest-junit.xml', 'bench.json', 'c8-coverage-summary.json']) copyFileSync(path.join(fixtures, f), path.join(dir, f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap import', () => {
  test('coverage, JUnit and bench files become measurements with evidence', async () => {
    const run = await runCli(['import', plan, 'c8-coverage-summary-full.json', 'vitest-junit.xml', 'bench.json', '--at', '2026-11-19T18:00Z'], { env, cwd: dir });
    expect(run.stderr).toMatch(/^Recorded by CI in /);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('test-coverage = 100 % (target > 95): met\n  from c8-coverage-summary-full.json: lines 100 % (17 of 17 lines)');
    expect(run.stdout).toContain('error-rate = 33.33 % (target < 0.1): BREACHED');
    expect(run.stdout).toContain('from vitest-junit.xml: 2 of 6 run failed: 4 passed, 2 failed, 0 errors, 1 skipped (test cases)');
    expect(run.stdout).toContain('analytics-speedup = 112.4 x (target >= 100): met');
    expect(run.stdout).toContain('error-processing-speedup = 6.1 x (target >= 5): met');
    expect(run.stdout).toContain('ROLLBACK "immediate" FIRING (abort): error-rate 33.33 % > 1');

    const events = journal();
    expect(events.map((e) => [e.metric, e.value, e.source, e.evidence.path])).toEqual([
      ['test-coverage', 100, 'coverage', 'c8-coverage-summary-full.json'],
      ['error-rate', 33.3333, 'junit', 'vitest-junit.xml'],
      ['analytics-speedup', 112.4, 'bench', 'bench.json'],
      ['error-processing-speedup', 6.1, 'bench', 'bench.json'],
    ]);
    expect(events[1].evidence.sha256).toBe(await fileSha256(path.join(dir, 'vitest-junit.xml')));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  test('--metric sends coverage elsewhere', async () => {
    const run = await runCli(['import', plan, 'c8-coverage-summary.json', '--metric', 'codon-compile'], { env, cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('codon-compile = 52.94 % (target >= 100): not met');
  });

  test('any problem means nothing is recorded', async () => {
    writeFileSync(path.join(dir, 'bad-bench.json'), JSON.stringify({ format: 'roadmap.bench/v1', results: [{ metric: 'analytics-sped', value: 3 }] }));
    const run = await runCli(['import', plan, 'c8-coverage-summary.json', 'bad-bench.json'], { env, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-bench.json: error import-unknown-metric: the benchmark names metric "analytics-sped", which this plan does not have (did you mean "analytics-speedup"?)');
    expect(run.stderr).toContain('nothing imported (1 problem)');
    expect(() => journal()).toThrow();
  });

  test('unreadable and unknown files', async () => {
    const missing = await runCli(['import', plan, 'nope.xml'], { env, cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read nope.xml: no such file');
    writeFileSync(path.join(dir, 'notes.json'), '{"hello": "world"}');
    const unknown = await runCli(['import', plan, 'notes.json'], { env, cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('import-unknown-format');
    expect((await runCli(['import', plan], { env, cwd: dir })).code).toBe(2);
    expect((await runCli(['import', plan, 'bench.json', '--metric', 'nope'], { env, cwd: dir })).code).toBe(2);
  });
});
