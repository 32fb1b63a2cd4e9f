import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseImport } from '../../src/plan/importers/index.js';
import { parseJunit } from '../../src/plan/importers/junit.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/imports');
const sample = (name: string) => parseImport(readFileSync(path.join(fixtures, name), 'utf8'), name);

describe('coverage-summary.json (c8)', () => {
  test('records total line coverage', () => {
    expect(sample('c8-coverage-summary.json')).toEqual({
      format: 'coverage',
      problems: [],
      values: [{ kind: 'coverage', value: 52.94, detail: 'lines 52.94 % (9 of 17 lines)' }],
    });
    expect(sample('c8-coverage-summary-full.json').values[0]!.value).toBe(100);
  });

  test('a summary with nothing instrumented is a problem, not 0 %', () => {
    const result = parseImport('{"total":{"lines":{"total":0,"covered":0,"skipped":0,"pct":"Unknown"}}}', 'empty.json');
    expect(result.values).toEqual([]);
    expect(result.problems[0]).toMatchObject({ code: 'import-bad-coverage', file: 'empty.json' });
    expect(result.problems[0]!.message).toContain('no lines were instrumented');
  });
});

describe('JUnit XML', () => {
  test('vitest: 2 failures of 6 run (1 skipped) is a 33.33 % error rate and 4 passes', () => {
    const result = sample('vitest-junit.xml');
    expect(result.problems).toEqual([]);
    expect(result.values).toEqual([
      { kind: 'error-rate', value: 33.3333, detail: '2 of 6 run failed: 4 passed, 2 failed, 0 errors, 1 skipped (test cases)' },
      { kind: 'pass-count', value: 4, detail: '4 passed, 2 failed, 0 errors, 1 skipped (test cases)' },
    ]);
  });

  test('node --test: counts come from the test cases when the root has no totals', () => {
    const result = sample('node-test-junit.xml');
    expect(result.problems).toEqual([]);
    expect(result.values.map((v) => [v.kind, v.value])).toEqual([
      ['error-rate', 50],
      ['pass-count', 1],
    ]);
  });

  test('suite totals are used when there are no test cases; nested suites are not double-counted', () => {
    const xml = `<?xml version="1.0"?>
<testsuites><testsuite name="a" tests="10" failures="1" errors="1" skipped="2"><testsuite name="inner" tests="4" failures="1"/></testsuite>
<testsuite name="b" tests="10"/></testsuites>`;
    expect(parseJunit(xml, 'x.xml').values.map((v) => [v.kind, v.value])).toEqual([
      ['error-rate', 11.1111],
      ['pass-count', 16],
    ]);
  });

  test('markup inside CDATA and comments is test output, not tests', () => {
    const xml = `<testsuite tests="1"><!-- <testcase name="ghost"/> --><testcase name="a"><system-out><![CDATA[<testcase><failure/>]]></system-out></testcase></testsuite>`;
    expect(parseJunit(xml, 'x.xml').values[0]).toMatchObject({ kind: 'error-rate', value: 0 });
  });

  test('broken, truncated or hostile XML is a positioned problem', () => {
    const truncated = readFileSync(path.join(fixtures, 'vitest-junit.xml'), 'utf8').slice(0, 600);
    expect(parseJunit(truncated, 't.xml').problems[0]).toMatchObject({ code: 'import-bad-junit', file: 't.xml' });
    expect(parseJunit('<testsuite>\n<testcase></testsuite>', 'm.xml').problems[0]).toMatchObject({ line: 2, message: 'malformed XML: </testsuite> closes <testcase>' });
    expect(parseJunit('<!DOCTYPE x [<!ENTITY a "aaaa">]><testsuite/>', 'e.xml').problems[0]!.message).toContain('declares entities');
    expect(parseJunit('<testsuite tests="0"/>', 'z.xml').problems[0]!.message).toContain('no test was executed');
  });

  test('a disagreeing total is a warning; the cases win', () => {
    const result = parseJunit('<testsuites tests="5"><testsuite><testcase/><testcase><error/></testcase></testsuite></testsuites>', 'w.xml');
    expect(result.problems).toEqual([expect.objectContaining({ code: 'import-junit-mismatch', severity: 'warning' })]);
    expect(result.values[0]!.value).toBe(50);
  });
});

describe('roadmap.bench/v1', () => {
  test('each result names its metric', () => {
    expect(sample('bench.json').values).toEqual([
      { kind: 'bench', metric: 'analytics-speedup', value: 112.4, detail: 'benchmark result', note: 'graph traversal, 10k nodes, median of 5 runs' },
      { kind: 'bench', metric: 'error-processing-speedup', value: 6.1, detail: 'benchmark result' },
    ]);
  });

  test('a malformed result is reported with its path', () => {
    const result = parseImport('{"format":"roadmap.bench/v1","results":[{"metric":"x","value":"fast"}]}', 'b.json');
    expect(result.problems[0]).toMatchObject({ code: 'import-bad-bench', path: ['results', 0, 'value'] });
  });
});

test('an unknown file says which formats are understood', () => {
  expect(parseImport('{"hello":1}', 'h.json').problems[0]).toMatchObject({ code: 'import-unknown-format' });
  expect(parseImport('<html></html>', 'h.html').problems[0]).toMatchObject({ code: 'import-unknown-format' });
  expect(parseImport('not json', 'n.txt').problems[0]).toMatchObject({ code: 'import-unknown-format' });
});
