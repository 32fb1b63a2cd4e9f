import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlan } from '../../src/plan/load-plan.js';

/** Each broken plan in plans/invalid/, with exactly the problem its header comment promises. */
const EXPECTED: Record<string, string> = {
  'bad-comparator.yaml':
    '26:13 error invalid-format: expected a comparison such as ">= 100" or "< 0.1" (quoted) (got "=> 99.9") [did you mean ">= 99.9"?]',
  'bad-reference.yaml': '23:18 error unknown-reference: component "api" depends on "cahce", which is not defined [did you mean "cache"?]',
  'dependency-cycle.yaml':
    '19:18 error dependency-cycle: components depend on each other in a loop: cache -> checkout -> api -> cache [nothing in a cycle can ever start; remove one of these dependencies]',
  'duplicate-id.yaml':
    '20:15 error duplicate-id: task id "cache" is already used by a component (line 15) [components, tasks, metrics, rollback rules, criteria, phases and roles share one set of ids; rename one]',
  'impossible-date.yaml':
    '7:8 error invalid-date: expected a real calendar date written as YYYY-MM-DD (got "2025-02-30") [February 2025 has 28 days]',
  'syntax-error.yaml':
    '24:1 error yaml-bad-indent: flow sequence in block collection must be sufficiently indented and end with a ] [check the indentation of this line against the lines above]',
  'unknown-key.yaml': '23:5 error unknown-key: unknown key "dependson" in component "api" [did you mean "depends_on"?]',
  'wrong-type.yaml': '18:13 error wrong-type: effort: expected a number, got a string ("five") [effort is in person-days, e.g. "effort: 3"]',
  'yaml-1-1.yaml':
    '1:1 error yaml-1-1: the file declares %YAML 1.1; roadmap reads YAML 1.2 only [remove the "%YAML" line: in YAML 1.1, "no" means false and dates change type, so tools would disagree on what the plan says]',
};

describe('plans/invalid', () => {
  const files = readdirSync('plans/invalid').filter((f) => f.endsWith('.yaml')).sort();

  it('every broken plan has a pinned expectation', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s reports exactly its one problem', async (name) => {
    const file = path.join('plans/invalid', name);
    const loaded = await loadPlan(file, { displayName: file });
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message} [${p.hint}]`)).toEqual([EXPECTED[name]]);
    expect(loaded.problems[0]!.file).toBe(file);
  });

  it.each(files)('%s says what is wrong in a comment', (name) => {
    expect(readFileSync(path.join('plans/invalid', name), 'utf8')).toMatch(/^# BROKEN ON PURPOSE .*: \S/m);
  });
});
