import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPlan, parsePlanText } from '../../src/plan/load-plan.js';
import type { Problem } from '../../src/core/problem.js';

/** A small valid plan; tests splice one defect into it. */
const BASE = `version: 1
project: Storefront
title: Cache rollout
start: 2026-03-02
scoring:
  criteria:
    - { id: value, name: Business value, weight: 2 }
    - { id: risk, name: Risk reduction, weight: 1 }
components:
  - id: cache
    title: Cache layer
    scores: { value: 4, risk: 3 }
    effort: 5
  - id: api
    title: API gateway
    scores: { value: 3, risk: 2 }
    effort: 3
    depends_on: [cache]
`;

const parse = (text: string) => parsePlanText(text, { displayName: 'plans/x.yaml' });
const codes = (problems: Problem[]) => problems.map((p) => p.code);
const only = (text: string): Problem => {
  const { problems } = parse(text);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
};

describe('example plans', () => {
  const files = readdirSync('plans').filter((f) => f.endsWith('.yaml'));
  it.each(files)('plans/%s loads with zero problems', async (name) => {
    const loaded = await loadPlan(path.resolve('plans', name), { displayName: `plans/${name}` });
    expect(loaded.problems).toEqual([]);
    expect(loaded.plan?.version).toBe(1);
    expect(loaded.hash).toBe(createHash('sha256').update(readFileSync(path.join('plans', name))).digest('hex'));
  });
});

describe('parsePlanText', () => {
  it('accepts the base plan and applies defaults', () => {
    const r = parse(BASE);
    expect(r.problems).toEqual([]);
    expect(r.plan?.calendar.workdays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(r.file).toBe('plans/x.yaml');
  });

  it('stamps every problem with the display name', () => {
    const r = parse(BASE.replace('effort: 3', 'effort: -3\n    colour: red'));
    expect(r.problems.length).toBe(2);
    expect(r.problems.every((p) => p.file === 'plans/x.yaml')).toBe(true);
  });

  it('reports all problems of a run, sorted by line and column', () => {
    const text = BASE.replace('title: Cache layer', 'title: Cache layer\n    pririty: 3').replace('start: 2026-03-02', 'start: 2026-13-01').replace('effort: 3', 'effort: "3"');
    const r = parse(text);
    expect(r.plan).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['invalid-date', 4, 8],
      ['unknown-key', 12, 5],
      ['wrong-type', 18, 13],
    ]);
  });

  it('reports an empty or comment-only text', () => {
    expect(only('').code).toBe('empty-file');
    expect(only('# nothing here\n\n').code).toBe('empty-file');
    expect(only('\uFEFF').code).toBe('empty-file');
  });

  it('says a plan is a mapping when the file holds a list', () => {
    const p = only('- a\n- b\n');
    expect(p).toMatchObject({ code: 'wrong-type', line: 1, column: 1 });
    expect(p.message).toBe('a plan is a mapping of keys such as version, project and components; this file holds a list');
  });
});

describe('YAML hazards', () => {
  it('refuses YAML 1.1 with a hint about why', () => {
    const p = only(`%YAML 1.1\n---\n${BASE}`);
    expect(p).toMatchObject({ code: 'yaml-1-1', line: 1, column: 1 });
    expect(p.hint).toContain('"no" means false');
  });

  it('reports duplicate keys at the second key and still checks the rest', () => {
    const r = parse(BASE.replace('effort: 5', 'effort: 5\n    effort: 6').replace('depends_on: [cache]', 'depends_on: [cahce]'));
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([
      ['yaml-duplicate-key', 14],
      ['unknown-reference', 19],
    ]);
  });

  it('positions a tab used as indentation', () => {
    const p = parse(BASE.replace('    effort: 3', '\teffort: 3')).problems[0]!;
    expect(p).toMatchObject({ code: 'yaml-tab-as-indent', line: 17, column: 1 });
    expect(p.message).toBe('tabs are not allowed as indentation');
  });

  it('turns an alias bomb into a positioned problem instead of a throw', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const p = only(bomb);
    expect(p).toMatchObject({ code: 'yaml-alias-limit', line: 2, column: 8 });
  });

  it('refuses an alias inside the value it names (a value that would contain itself) with its position', () => {
    // Such a value made every walk over the data run forever: the whole test run once hung on it.
    for (const [text, line, column] of [
      ['&x [*x]\n', 1, 5],
      ['version: 1\nproject: &p\n  name: *p\n', 3, 9],
      ['a: &x\n  b: [1, {c: *x}]\n', 2, 14],
    ] as const) {
      expect(only(text), text).toMatchObject({ code: 'yaml-alias-cycle', line, column });
    }
  });

  it('allows a few aliases for shared values', () => {
    const text = BASE.replace('effort: 5', 'effort: &days 5').replace('effort: 3', 'effort: *days');
    const r = parse(text);
    expect(r.problems).toEqual([]);
    expect(r.plan?.components[1]?.effort).toBe(5);
  });

  it('reports 1000-deep nesting once', () => {
    const r = parse(`version: 1\nproject: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    expect(codes(r.problems)).toEqual(['yaml-too-deep']);
    expect(r.problems[0]!.line).toBe(1 + 1);
  });

  it('says "number too large" for 1e400', () => {
    const p = only(BASE.replace('effort: 5', 'effort: 1e400'));
    expect(p).toMatchObject({ code: 'number-too-large', line: 13, column: 13, message: 'effort: number too large (it reads as infinity)' });
  });

  it('reports a second YAML document', () => {
    const p = only(`${BASE}---\nversion: 1\n`);
    expect(p).toMatchObject({ code: 'yaml-multiple-documents', line: 19 });
  });

  it('keeps unknown tags as warnings', () => {
    const r = parse(BASE.replace('title: API gateway', 'title: !fancy API gateway'));
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'yaml-tag-resolve-failed']]);
    expect(r.plan).toBeDefined();
  });

  it('strips the pretty excerpt from yaml messages (we print our own frame)', () => {
    const p = parse(BASE.replace('depends_on: [cache]', 'depends_on: [cache')).problems[0]!;
    expect(p.message).not.toContain('\n');
    expect(p.message).not.toMatch(/at line \d+/);
  });

  it('reports __proto__ keys anywhere, even where zod would drop them', () => {
    const r = parse(BASE.replace('scores: { value: 4, risk: 3 }', 'scores: { value: 4, risk: 3, __proto__: 9 }'));
    expect(r.problems.map((p) => [p.code, p.line, p.column])).toEqual([['reserved-key', 12, 34]]);
    expect(r.plan).toBeUndefined();
    const top = parse(`__proto__: { polluted: true }\n${BASE}`);
    expect(codes(top.problems)).toEqual(['reserved-key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats non-string keys as errors', () => {
    const r = parse(BASE.replace('scores: { value: 4, risk: 3 }', 'scores: { value: 4, risk: 3, [a]: 1 }'));
    expect(codes(r.problems)).toContain('yaml-non-string-key');
    expect(r.problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  });
});

describe('schema problems read like a person wrote them', () => {
  it('unknown key: points at the key and suggests the right one', () => {
    const p = only(BASE.replace('effort: 3', 'effort: 3\n    dependson: [cache]'));
    expect(p).toMatchObject({ code: 'unknown-key', line: 18, column: 5, path: ['components', 1, 'dependson'] });
    expect(p.message).toBe('unknown key "dependson" in component "api"');
    expect(p.hint).toBe('did you mean "depends_on"?');
  });

  it('unknown key with no near miss lists the allowed keys', () => {
    const p = only(BASE.replace('start: 2026-03-02', 'start: 2026-03-02\nzzz: 1'));
    expect(p.hint).toMatch(/^allowed keys: version, project, title/);
  });

  it('unknown key inside a union member (success criterion) suggests the member key', () => {
    const p = only(BASE.replace('effort: 5', 'effort: 5\n    success:\n      - { txt: Fast, metric: m }'));
    expect(p).toMatchObject({ code: 'unknown-key', line: 15, column: 11 });
    expect(p.message).toBe('unknown key "txt" in success criterion 1 of component "cache"');
    expect(p.hint).toBe('did you mean "text"?');
  });

  it('wrong type: says what was expected and what was found', () => {
    const p = only(BASE.replace('effort: 3', 'effort: "12"'));
    expect(p.message).toBe('effort: expected a number, got a string ("12")');
    expect(p.hint).toBe('remove the quotes around the number');
  });

  it('whole numbers', () => {
    const p = only(`${BASE}    pin: 2.5\n`);
    expect(p.message).toBe('pin: expected a whole number, got a number (2.5)');
  });

  it('enum: lists the allowed values and suggests the nearest', () => {
    const p = only(BASE.replace('effort: 3', 'effort: 3\n    impact: hgih'));
    expect(p.message).toBe('impact: expected one of low, medium, high, got "hgih"');
    expect(p.hint).toBe('did you mean "high"?');
  });

  it('version: keeps the schema\'s own message and shows the value', () => {
    const p = only(BASE.replace('version: 1', 'version: 2'));
    expect(p).toMatchObject({ code: 'unsupported-version', line: 1, column: 10 });
    expect(p.message).toBe('this roadmap reads plan format version 1; set "version: 1" (got 2)');
  });

  it('impossible dates say why', () => {
    const p = only(BASE.replace('start: 2026-03-02', 'start: 2025-02-30'));
    expect(p).toMatchObject({ code: 'invalid-date', line: 4, column: 8 });
    expect(p.hint).toBe('February 2025 has 28 days');
  });

  it('missing required field: points at the owner', () => {
    const p = only(BASE.replace('    title: API gateway\n', ''));
    expect(p).toMatchObject({ code: 'missing-field', line: 14, column: 5 });
    expect(p.message).toBe('component "api" is missing "title"');
  });

  it('out of range numbers name the bound', () => {
    const p = only(BASE.replace('effort: 3', 'effort: 0'));
    expect(p.message).toBe('effort: must be greater than 0 (got 0)');
  });

  it('a union with no matching kind lists both forms', () => {
    const text = `${BASE}metrics:\n  - { id: m, name: M, target: 100 }\n`;
    const p = only(text);
    expect(p).toMatchObject({ code: 'wrong-type', line: 20, column: 31 });
    expect(p.message).toBe('target: expected text or a mapping (key: value), got a number (100)');
    expect(p.hint).toContain('">= 100"');
  });

  it('a swapped comparator gets the fix as a hint', () => {
    const p = only(`${BASE}metrics:\n  - { id: m, name: M, target: { op: "=>", value: 1 } }\n`);
    expect(p.message).toBe('op: expected one of >=, >, <=, <, ==, got "=>"');
    expect(p.hint).toBe('did you mean ">="?');
  });

  it('invalid ids suggest a valid spelling', () => {
    const p = only(BASE.replace('id: api', 'id: API gateway'));
    expect(p.code).toBe('invalid-id');
    expect(p.hint).toBe('e.g. "API-gateway"');
  });

  it('reserved ids are refused', () => {
    const p = only(BASE.replace('id: api', 'id: constructor').replace('depends_on: [cache]', ''));
    expect(p).toMatchObject({ code: 'reserved-id', line: 14 });
  });

  it('still reports bad references when a typo\'d optional key also fails the schema', () => {
    const r = parse(BASE.replace('depends_on: [cache]', 'depends_on: [cahce]\n    impact: hgih'));
    expect(r.problems.map((p) => p.code)).toEqual(['unknown-reference', 'invalid-value']);
    expect(r.plan).toBeUndefined();
  });
});

describe('loadPlan', () => {
  it('never throws and reports I/O failures with io- codes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-load-'));
    const missing = await loadPlan(path.join(dir, 'nope.yaml'), { displayName: 'nope.yaml' });
    expect(missing).toMatchObject({ plan: undefined, text: '', hash: '', displayName: 'nope.yaml' });
    expect(codes(missing.problems)).toEqual(['io-not-found']);
    const asDir = await loadPlan(dir);
    expect(codes(asDir.problems)).toEqual(['io-is-directory']);
    expect(asDir.displayName).toBe(dir);
  });

  it('hashes the raw bytes, BOM included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-load-'));
    const file = path.join(dir, 'bom.yaml');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE)]);
    writeFileSync(file, bytes);
    const loaded = await loadPlan(file);
    expect(loaded.problems).toEqual([]);
    expect(loaded.text).toBe(BASE);
    expect(loaded.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
