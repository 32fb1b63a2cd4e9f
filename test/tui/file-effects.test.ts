import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  effects = fileEffects({ file, displayName: 'plan.yaml', display: (f) => path.basename(f), author: 'Ana', now: () => new Date('2026-11-23T10:00:00Z') });
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
  });
});
