import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEMP_PREFIX } from '../../src/plan/atomic-write.js';
import { applyPlanEdits } from '../../src/plan/edit-plan.js';
import { hashPlanBytes, lockPathFor, savePlanEdits, type SaveResult } from '../../src/plan/save-plan.js';

const example = new URL('../../plans/codon-migration.yaml', import.meta.url);

let dir: string;
let file: string;
let original: Buffer;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-save-'));
  file = path.join(dir, 'plan.yaml');
  copyFileSync(example, file);
  original = readFileSync(file);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const pinOf = (text: string, id: string) =>
  (parse(text) as { components: { id: string; pin?: number }[] }).components.find((c) => c.id === id)?.pin;

function saved(result: SaveResult) {
  if (!result.ok) throw new Error(`expected a save, got ${JSON.stringify(result)}`);
  return result;
}

describe('savePlanEdits', () => {
  it('applies the edits, writes them, and returns the hash of the new bytes', async () => {
    const result = saved(await savePlanEdits(file, { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'cache', week: 4 }] }));
    const onDisk = readFileSync(file);
    expect(result.written).toBe(true);
    expect(onDisk.toString('utf8')).toBe(result.text);
    expect(result.hash).toBe(hashPlanBytes(onDisk));
    expect(result.text).toBe(applyPlanEdits(original.toString('utf8'), [{ op: 'pin', component: 'cache', week: 4 }]).text);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('writes nothing and reports a conflict when the file changed since it was loaded', async () => {
    const loadedHash = hashPlanBytes(original);
    const changedByEditor = original.toString('utf8').replace('title: Codon Migration', 'title: Codon Migration v2');
    writeFileSync(file, changedByEditor);
    const result = await savePlanEdits(file, { expectedHash: loadedHash, edits: [{ op: 'pin', component: 'cache', week: 4 }] });
    expect(result).toEqual({ ok: false, conflict: true, diskHash: hashPlanBytes(changedByEditor) });
    expect(readFileSync(file, 'utf8')).toBe(changedByEditor);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('a save without edits does not even rewrite the file', async () => {
    const before = statSync(file);
    const result = saved(await savePlanEdits(file, { expectedHash: hashPlanBytes(original), edits: [] }));
    expect(result).toMatchObject({ written: false, hash: hashPlanBytes(original) });
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('edits that change nothing (unpinning an unpinned component) do not rewrite the file either', async () => {
    const before = statSync(file);
    const result = saved(await savePlanEdits(file, { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'cache', week: null }] }));
    expect(result.written).toBe(false);
    expect(statSync(file).ino).toBe(before.ino);
  });

  it('of two saves racing from the same loaded copy, exactly one wins and the other sees a conflict', async () => {
    const expectedHash = hashPlanBytes(original);
    const results = await Promise.all([
      savePlanEdits(file, { expectedHash, edits: [{ op: 'pin', component: 'cache', week: 2 }] }),
      savePlanEdits(file, { expectedHash, edits: [{ op: 'pin', component: 'authentication', week: 3 }] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    const winner = saved(results.find((r) => r.ok)!);
    expect(loser).toEqual({ ok: false, conflict: true, diskHash: winner.hash });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(winner.text);
    // Exactly one of the two pins is on disk, never a mix and never neither.
    expect([pinOf(text, 'cache'), pinOf(text, 'authentication')].filter((p) => p !== undefined)).toHaveLength(1);
  });

  it('with many racing saves, one wins and every other one reports a conflict', async () => {
    const expectedHash = hashPlanBytes(original);
    const weeks = [1, 2, 3, 4, 5, 6, 7, 8];
    const results = await Promise.all(weeks.map((week) => savePlanEdits(file, { expectedHash, edits: [{ op: 'pin', component: 'cache', week }] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.conflict)).toHaveLength(weeks.length - 1);
    expect(weeks).toContain(pinOf(readFileSync(file, 'utf8'), 'cache'));
  });

  it('a save that follows another one with the fresh hash goes through', async () => {
    const first = saved(await savePlanEdits(file, { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'cache', week: 2 }] }));
    const second = saved(await savePlanEdits(file, { expectedHash: first.hash, edits: [{ op: 'capacity', personDays: 12 }] }));
    const data = parse(second.text) as { team: { capacity_per_week: number } };
    expect(data.team.capacity_per_week).toBe(12);
    expect(pinOf(second.text, 'cache')).toBe(2);
  });

  it('reports edits that cannot be applied, with the file name, and leaves the file alone', async () => {
    const result = await savePlanEdits(
      file,
      { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'no-such', week: 2 }] },
      { displayName: 'plans/plan.yaml' },
    );
    expect(result).toMatchObject({ ok: false, conflict: false, problems: [{ code: 'edit-unknown-id', file: 'plans/plan.yaml' }] });
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('refuses to rewrite a file that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([original, Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])]);
    writeFileSync(file, bytes);
    const result = await savePlanEdits(file, { expectedHash: hashPlanBytes(bytes), edits: [{ op: 'pin', component: 'cache', week: 2 }] });
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'edit-not-utf8' }] });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a missing file as an I/O problem', async () => {
    const result = await savePlanEdits(path.join(dir, 'gone.yaml'), { expectedHash: 'x', edits: [] });
    expect(result).toMatchObject({ ok: false, conflict: false, problems: [{ code: 'io-not-found' }] });
  });

  it('saves through a symlinked plan into its target and keeps the link', async () => {
    mkdirSync(path.join(dir, 'shared'));
    const real = path.join(dir, 'shared', 'plan.yaml');
    copyFileSync(file, real);
    const link = path.join(dir, 'linked.yaml');
    symlinkSync(real, link);
    saved(await savePlanEdits(link, { expectedHash: hashPlanBytes(original), edits: [{ op: 'start', date: '2026-11-09' }] }));
    expect(readlinkSync(link)).toBe(real);
    expect((parse(readFileSync(real, 'utf8')) as { start: string }).start).toBe('2026-11-09');
  });

  it('removes temp and lock files left by a killed roadmap when it saves', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const strayTemp = `${TEMP_PREFIX}${dead}-deadbeef.plan.yaml`;
    writeFileSync(path.join(dir, strayTemp), 'half a plan');
    writeFileSync(lockPathFor(file), `${dead}\n0123\n`);
    saved(await savePlanEdits(file, { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'cache', week: 2 }] }));
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('waits for a live lock holder, then gives up with a clear problem instead of writing', async () => {
    writeFileSync(lockPathFor(file), `${process.pid}\nsomeone-else\n`);
    const result = await savePlanEdits(
      file,
      { expectedHash: hashPlanBytes(original), edits: [{ op: 'pin', component: 'cache', week: 2 }] },
      { lockTimeoutMs: 30, displayName: 'plan.yaml' },
    );
    expect(result).toMatchObject({ ok: false, conflict: false, problems: [{ code: 'io-locked', file: 'plan.yaml' }] });
    expect(result.ok === false && !result.conflict && result.problems[0]?.hint).toContain(lockPathFor(file));
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readFileSync(lockPathFor(file), 'utf8')).toBe(`${process.pid}\nsomeone-else\n`);
  });
});
