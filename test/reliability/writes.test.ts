/**
 * Writes by the real built CLI, interrupted and concurrent:
 *
 * - `roadmap export --out` killed with SIGKILL at random moments, most of them while its temp file
 *   is being written: the target always holds one whole earlier export (never a torn file), and the
 *   next export removes the temp files the kills left.
 * - two `roadmap track` processes recording for the same author at the same time: every event
 *   lands, with unique sequence numbers.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/plan/atomic-write.js';
import { journalFile, parseJournalText } from '../../src/plan/journal-io.js';
import { generatePlan } from '../bench/generate-plan.js';
import { BIN, ENV, REPO, ensureBuilt, runBinary } from './support.js';

let root: string;
beforeAll(async () => {
  await ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'roadmap-writes-'));
}, 240_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Seeded, so a failure can be replayed with ROADMAP_KILL_SEED. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('roadmap export --out, killed mid-export', () => {
  const KILLS = 20;

  it(`after each of ${KILLS} kill -9s the target is one whole export, and the next run cleans the temp files`, async () => {
    const seed = Number(process.env.ROADMAP_KILL_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const dir = path.join(root, 'export');
    mkdirSync(dir);
    // Big enough that writing the JSON export takes a while (~5 MB), small enough to run quickly.
    writeFileSync(path.join(dir, 'plan.yaml'), generatePlan({ components: 800, seed: 7 }).text);
    // The plan cache makes every run after the first skip validation: more of each run is the write.
    const env = { ROADMAP_NO_CACHE: '', ROADMAP_CACHE_DIR: path.join(root, 'cache') };
    const argv = (today: string) => ['export', 'plan.yaml', '--format', 'json', '--today', today, '--out', 'roadmap.json'];
    const versions = ['2026-11-02', '2026-11-16'];

    const contents: Buffer[] = [];
    for (const today of versions) {
      const r = await runBinary(argv(today), { cwd: dir, env, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      contents.push(readFileSync(path.join(dir, 'roadmap.json')));
    }
    expect(contents[0]!.equals(contents[1]!)).toBe(false);

    let killsThatLeftTemps = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      const version = kill % 2;
      const child = spawn(process.execPath, [BIN, ...argv(versions[version]!)], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...ENV, ...env },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Three kills in four wait for the temp file to appear and land within ~40 ms of it (the
      // write, fsync and rename); the rest land anywhere in the run, loading included.
      const atWrite = kill % 4 !== 0;
      const watcher = watch(dir);
      await new Promise<void>((resolve) => {
        let fired = false;
        const fire = () => {
          if (fired) return;
          fired = true;
          watcher.close();
          child.kill('SIGKILL');
          resolve();
        };
        if (atWrite) {
          watcher.on('change', (_event, name) => {
            if (String(name).startsWith(TEMP_PREFIX)) setTimeout(fire, next() * 40);
          });
        } else setTimeout(fire, next() * 1500);
        // Finished before the kill: nothing to interrupt this time.
        void exited.then(() => {
          watcher.close();
          resolve();
        });
      });
      await exited;

      const now = readFileSync(path.join(dir, 'roadmap.json'));
      const which = contents.findIndex((c) => c.equals(now));
      expect(which, `kill ${kill} (seed ${seed}) left ${now.length} bytes that are neither export`).toBeGreaterThanOrEqual(0);
      if (readdirSync(dir).some((n) => n.startsWith(TEMP_PREFIX))) killsThatLeftTemps++;
    }
    // Otherwise every kill missed the write and this test proved nothing.
    expect(killsThatLeftTemps, `seed ${seed}`).toBeGreaterThan(0);

    const r = await runBinary(argv(versions[0]!), { cwd: dir, env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'roadmap.json')).equals(contents[0]!)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX)), 'temp files left after the next export').toEqual([]);
  }, 180_000);
});

describe('two roadmap track processes at once', () => {
  it('for the same author lose nothing', async () => {
    const dir = path.join(root, 'track');
    mkdirSync(dir);
    copyFileSync(path.join(REPO, 'plans', 'codon-migration.yaml'), path.join(dir, 'plan.yaml'));
    const tasks = ['plugin-registry', 'algorithm-registry', 'config-mapping', 'health-monitor-safety', 'incident-manager-safety'];
    // Round by round, two processes started together, so their appends meet on the lock.
    for (const task of tasks) {
      const runs = await Promise.all(
        ['a', 'b'].map((tag) => runBinary(['track', 'plan.yaml', task, 'doing', '--note', `${tag}-${task}`], { cwd: dir, env: { ROADMAP_AUTHOR: 'Ana' }, timeoutMs: 60_000 })),
      );
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
    }

    const text = readFileSync(journalFile(path.join(dir, 'plan.yaml'), 'Ana'), 'utf8');
    const parsed = parseJournalText(text, 'ana.jsonl');
    expect(parsed.problems).toEqual([]);
    const notes = parsed.events.map((e) => (e.type === 'status' ? e.note : undefined)).sort();
    expect(notes).toEqual([...tasks.map((t) => `a-${t}`), ...tasks.map((t) => `b-${t}`)].sort());
    const seqs = parsed.events.map((e) => e.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: tasks.length * 2 }, (_, i) => i + 1));
    expect(readdirSync(path.dirname(journalFile(path.join(dir, 'plan.yaml'), 'Ana')))).toEqual(['ana.jsonl']);
  }, 120_000);
});
