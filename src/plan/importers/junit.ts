/**
 * JUnit XML as written by vitest, jest-junit, pytest, Maven Surefire, Gradle and `node --test`.
 *
 * Producers disagree about the summary attributes (node's root `<testsuites>` has none; nested
 * suites make sums double-count), so the counts come from the `<testcase>` elements themselves:
 * a case with a `<failure>` child failed, with `<error>` errored, with `<skipped>` was skipped.
 * Only when a file has no `<testcase>` at all are the suites' `tests`/`failures`/`errors`/
 * `skipped` attributes used.
 *
 * error rate % = (failed + errored) / (tests - skipped) * 100; pass count = tests - skipped -
 * failed - errored.
 *
 * The XML reader is deliberately small: JUnit needs elements and attributes only. Comments, CDATA
 * (where test output lives), processing instructions and a DOCTYPE are skipped; a DTD that
 * declares entities is refused rather than expanded.
 */
import { problem } from '../../core/problem.js';
import type { ImportResult } from './types.js';

export function looksLikeJunit(text: string): boolean {
  return /<testsuites?[\s>/]/.test(text);
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** 1-based line of an offset, for problems. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Blanks out (same length, newlines kept) the parts that hold no elements. */
function blankNonElements(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, blank)
    .replace(/<\?[\s\S]*?\?>/g, blank)
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, blank);
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(raw: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of raw.matchAll(ATTR)) map.set(m[1]!, decode(m[2] ?? m[3] ?? ''));
  return map;
}

const count = (attrs: Map<string, string>, name: string) => {
  const n = Number(attrs.get(name) ?? 0);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

export function parseJunit(text: string, file: string): ImportResult {
  const result: ImportResult = { format: 'junit', values: [], problems: [] };
  const fail = (message: string, offset?: number) => {
    result.problems.push(problem('import-bad-junit', message, { file, ...(offset !== undefined ? { line: lineAt(text, offset) } : {}) }));
    return result;
  };
  if (/<!ENTITY/i.test(text)) return fail('this XML declares entities; roadmap does not expand them (JUnit files never need them)');

  const body = blankNonElements(text.replace(/^\uFEFF/, ''));
  const stack: string[] = [];
  const cases: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let root: Map<string, string> | undefined;
  let rootName: string | undefined;
  let current: { failed: boolean; errored: boolean; skipped: boolean } | undefined;
  let lastEnd = 0;

  for (const m of body.matchAll(TAG)) {
    const [whole, closing, name, rawAttrs, selfClosing] = m as unknown as [string, string, string, string, string];
    const offset = m.index;
    // A "<" between tags that did not match as a tag is broken markup (text must escape it).
    const between = body.slice(lastEnd, offset);
    if (between.includes('<')) return fail('malformed XML: a "<" that does not start a tag', lastEnd + between.indexOf('<'));
    lastEnd = offset + whole.length;

    if (closing) {
      const open = stack.pop();
      if (open !== name) return fail(`malformed XML: </${name}> closes ${open ? `<${open}>` : 'nothing'}`, offset);
      if (name === 'testcase' && current) finishCase();
      continue;
    }
    const attrs = attributes(rawAttrs);
    if (stack.length === 0) {
      if (rootName !== undefined) return fail('malformed XML: more than one root element', offset);
      rootName = name;
      root = attrs;
    }
    if (name === 'testsuite' && !stack.includes('testsuite')) {
      // Top-level suites only: nested suites are already counted by their parents.
      suites.tests += count(attrs, 'tests');
      suites.failures += count(attrs, 'failures');
      suites.errors += count(attrs, 'errors');
      suites.skipped += count(attrs, 'skipped') + count(attrs, 'disabled');
    }
    if (name === 'testcase') current = { failed: false, errored: false, skipped: false };
    else if (current && name === 'failure') current.failed = true;
    else if (current && name === 'error') current.errored = true;
    else if (current && name === 'skipped') current.skipped = true;

    if (selfClosing) {
      if (name === 'testcase') finishCase();
    } else {
      stack.push(name);
    }
  }
  if (body.slice(lastEnd).includes('<')) return fail('malformed XML: a "<" that does not start a tag', lastEnd + body.slice(lastEnd).indexOf('<'));
  if (stack.length > 0) return fail(`malformed XML: <${stack.at(-1)}> is never closed (is the file truncated?)`, text.length);
  if (rootName !== 'testsuites' && rootName !== 'testsuite') {
    return fail(`not a JUnit report: the root element is ${rootName ? `<${rootName}>` : 'missing'}, expected <testsuites> or <testsuite>`);
  }

  function finishCase() {
    const c = current!;
    current = undefined;
    cases.tests += 1;
    if (c.skipped && !c.failed && !c.errored) cases.skipped += 1;
    else if (c.errored) cases.errors += 1;
    else if (c.failed) cases.failures += 1;
  }

  let totals = cases;
  let source = 'test cases';
  if (cases.tests === 0) {
    totals = suites.tests > 0 ? suites : { tests: count(root!, 'tests'), failures: count(root!, 'failures'), errors: count(root!, 'errors'), skipped: count(root!, 'skipped') };
    source = 'suite totals';
  } else if (root && root.has('tests') && count(root, 'tests') !== cases.tests) {
    result.problems.push(
      problem('import-junit-mismatch', `the report says tests="${root.get('tests')}" but lists ${cases.tests} test cases; the test cases were counted`, {
        file,
        severity: 'warning',
      }),
    );
  }
  const executed = totals.tests - totals.skipped;
  if (executed <= 0) return fail('no test was executed in this report, so there is no error rate to record');
  const bad = totals.failures + totals.errors;
  const passed = executed - bad;
  const what = `${passed} passed, ${totals.failures} failed, ${totals.errors} errors, ${totals.skipped} skipped (${source})`;
  result.values.push({ kind: 'error-rate', value: round((bad / executed) * 100), detail: `${bad} of ${executed} run failed: ${what}` });
  result.values.push({ kind: 'pass-count', value: passed, detail: what });
  return result;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
