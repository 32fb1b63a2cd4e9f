import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadPlan } from '../../src/plan/load-plan.js';
import { fileEffects } from '../../src/tui/file-effects.js';
import type { TuiEffects } from '../../src/tui/effects.js';

const EXAMPLE = path.resolve('plans/codon-migration.yaml');
let dir: string;
let file: string;
let effects: TuiEffects;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-tui-'));
  file = path.join(dir, 'plan.yaml');
  copyFileSync(EXAMPLE, file);
  effects = fileEffects({ file, displayName: 'plan.yaml', display: (f) => path.relative(dir, f), author: 'Ana', cwd: dir, now: () => new Date('2026-11-23T10:00:00Z') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fileEffects', () => {
  test('save writes only the edited values and returns the plan as now on disk', async () => {
    const before = readFileSync(file, 'utf8');
    const { hash } = await loadPlan(file);
    const out = await effects.save!({ weights: { compatibility: 2 }, pins: { cache: 6 }, capacity: 20 }, hash);
    expect(out.kind).toBe('saved');
    if (out.kind !== 'saved') return;
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('{ id: compatibility, name: Compatibility issues, weight: 2 }');
    expect(after).toContain('capacity_per_week: 20');
    expect(out.plan.components.find((c) => c.id === 'cache')!.pin).toBe(6);
    expect(out.hash).toBe((await loadPlan(file)).hash);
    // Comments survive: the edit is byte-exact outside the changed values.
    expect(after).toContain('# Three senior developers full time carry the migration work');
    expect(after.split('\n').length).toBe(before.split('\n').length + 1);
  });

  test('a file changed on disk since it was loaded is never overwritten', async () => {
    const { hash } = await loadPlan(file);
    appendFileSync(file, '# edited elsewhere\n');
    const changed = readFileSync(file, 'utf8');
    const out = await effects.save!({ weights: { compatibility: 2 }, pins: {} }, hash);
    expect(out.kind).toBe('conflict');
    expect(readFileSync(file, 'utf8')).toBe(changed);
    const reloaded = await effects.reload!();
    expect(reloaded.kind === 'loaded' && reloaded.hash).toBe((await loadPlan(file)).hash);
  });

  test('reload reports a plan that no longer loads instead of throwing', async () => {
    appendFileSync(file, 'bogus_key: 1\n');
    const out = await effects.reload!();
    expect(out.kind).toBe('failed');
  });

  test('journal events are appended to the author file and read back', async () => {
    await effects.journal!.append({ type: 'status', at: '2026-11-23T10:00:00.000Z', by: 'Ana', target: 'cache-operations', status: 'doing' });
    const read = await effects.journal!.read();
    expect(read.events).toHaveLength(1);
    expect(read.events[0]).toMatchObject({ v: 1, seq: 1, by: 'Ana', target: 'cache-operations', status: 'doing' });
    expect(readFileSync(path.join(dir, 'plan.journal', 'ana.jsonl'), 'utf8')).toContain('"status":"doing"');
  });

  test('without an author there is no journal capability', () => {
    const none = fileEffects({ file, displayName: 'plan.yaml', display: (f) => f, now: () => new Date() });
    expect(none.journal).toBeUndefined();
    expect(none.measure).toBeUndefined();
  });
});

describe('measurements', () => {
  const at = '2026-11-23T10:00:00.000Z';
  const measure = () => fileEffects({ file, displayName: 'plan.yaml', display: (f) => path.basename(f), author: 'Ana', cwd: dir, now: () => new Date(at) }).measure!;

  test('values are read exactly as `roadmap metric` reads them', () => {
    const m = measure();
    expect(m.parseValue(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(m.parseValue('-0.5')).toEqual({ ok: true, value: -0.5 });
    expect(m.parseValue('1e3')).toEqual({ ok: true, value: 1000 });
    for (const bad of ['1.4%', '', '0x10', 'Infinity', '1e999']) expect(m.parseValue(bad).ok, bad).toBe(false);
    expect(m.parseValue('42x')).toEqual({ ok: false, message: expect.stringContaining('the value "42x" is not a number') });
  });

  test('evidence: a file (relative to where roadmap runs) with its sha256, a URL as given, or none', async () => {
    mkdirSync(path.join(dir, 'bench'));
    writeFileSync(path.join(dir, 'bench', 'a.json'), '{}\n');
    const m = measure();
    expect(await m.record({ metric: 'analytics-speedup', value: 42, evidence: 'bench/a.json', at })).toEqual({ ok: true });
    expect(await m.record({ metric: 'error-rate', value: 0.05, evidence: 'https://grafana.example/d/errors', at })).toEqual({ ok: true });
    expect(await m.record({ metric: 'cost-savings', value: 1000, evidence: '', at })).toEqual({ ok: true });
    const lines = readFileSync(path.join(dir, 'plan.journal', 'ana.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'measure', by: 'Ana', at, metric: 'analytics-speedup', value: 42, evidence: { path: 'bench/a.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(lines[1].evidence).toEqual({ url: 'https://grafana.example/d/errors' });
    expect(lines[2].evidence).toBeUndefined();
  });

  test('evidence that is missing or not a file is refused and nothing is written', async () => {
    const m = measure();
    expect(await m.record({ metric: 'analytics-speedup', value: 42, evidence: 'nope.json', at })).toEqual({ ok: false, message: 'evidence file not found: nope.json' });
    expect(await m.record({ metric: 'analytics-speedup', value: 42, evidence: '.', at })).toEqual({ ok: false, message: 'evidence must be a file: .' });
    expect(() => readFileSync(path.join(dir, 'plan.journal', 'ana.jsonl'))).toThrow();
  });
});

describe('writing a report', () => {
  test('writes a new file, and replaces an existing one only when told to', async () => {
    const out = await effects.writeFile!('standup.md', '# one\n', { overwrite: false });
    expect(out).toEqual({ kind: 'written', path: 'standup.md' });
    expect(readFileSync(path.join(dir, 'standup.md'), 'utf8')).toBe('# one\n');
    expect(await effects.writeFile!('standup.md', '# two\n', { overwrite: false })).toEqual({ kind: 'exists', path: 'standup.md' });
    expect(readFileSync(path.join(dir, 'standup.md'), 'utf8')).toBe('# one\n');
    expect(await effects.writeFile!('standup.md', '# two\n', { overwrite: true })).toEqual({ kind: 'written', path: 'standup.md' });
    expect(readFileSync(path.join(dir, 'standup.md'), 'utf8')).toBe('# two\n');
  });

  test('paths the output checks refuse are never written: symlinks, directories, missing folders, control characters', async () => {
    writeFileSync(path.join(dir, 'target.md'), 'keep\n');
    symlinkSync(path.join(dir, 'target.md'), path.join(dir, 'link.md'));
    for (const [p, why] of [
      ['link.md', /symbolic link/],
      ['.', /directory/],
      ['no/such/dir/x.md', /does not exist/],
      ['evil\u001B]0;x\u0007.md', /control characters/],
    ] as const) {
      const out = await effects.writeFile!(p, 'x', { overwrite: true });
      expect(out.kind, p).toBe('failed');
      if (out.kind === 'failed') {
        expect(out.message).toMatch(why);
        expect(out.message).not.toMatch(/[\u001B\u0007]/);
      }
    }
    expect(readFileSync(path.join(dir, 'target.md'), 'utf8')).toBe('keep\n');
  });
});
