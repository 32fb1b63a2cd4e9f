/**
 * kill -9 a process in the middle of writing a file, again and again: the file must always hold
 * one whole version, never a torn or empty one, and cleanStrayTemps must clear what the kills left.
 *
 * The child is plain Node, so it runs src/plan/atomic-write.ts transpiled on the fly (with the
 * transformer vitest itself uses) rather than a possibly stale dist/ build.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEMP_PREFIX, cleanStrayTemps } from '../../src/plan/atomic-write.js';

const KILLS = 25;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('../helpers/kill-writer.mjs', import.meta.url));

let work: string;
let moduleUrl: string;
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'roadmap-kill-'));
  const source = readFileSync(path.join(repo, 'src/plan/atomic-write.ts'), 'utf8');
  const { code } = await transformWithOxc(source, 'atomic-write.ts', { lang: 'ts' });
  // Bare imports (write-file-atomic) resolve through a node_modules link next to the module.
  symlinkSync(path.join(repo, 'node_modules'), path.join(work, 'node_modules'));
  writeFileSync(path.join(work, 'atomic-write.mjs'), code);
  moduleUrl = pathToFileURL(path.join(work, 'atomic-write.mjs')).href;
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Two versions that differ in length and in every byte, so any mix of them is detectable. */
function version(letter: string, lines: number): Buffer {
  return Buffer.from(`# version ${letter}\n${`${letter.repeat(127)}\n`.repeat(lines)}`);
}

/** A small seeded generator, so a failure can be replayed with ROADMAP_KILL_SEED. */
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

/** Writers started ahead of time, each waiting for `go` once loaded. */
const PRELOADED = 3;

interface Writer {
  loaded: Promise<void>;
  /** Starts writing; resolves once the first write is done, with how long it took. */
  go(): Promise<number>;
  kill(): Promise<void>;
}

function spawnWriter(target: string, fileA: string, fileB: string): Writer {
  const child = spawn(process.execPath, [writer, moduleUrl, target, fileA, fileB], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(stdout);
        if (m) resolve(m);
      };
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        check();
      });
      check();
      child.once('exit', (code, signal) => reject(new Error(`writer exited early (${code ?? signal}): ${stderr}`)));
    });
  const loaded = line(/^loaded\n/m).then(() => undefined);
  loaded.catch(() => undefined); // a preloaded writer killed while loading is not a failure
  return {
    loaded,
    go: async () => {
      child.stdin.write('go\n');
      return Number((await line(/^ready (\d+)\n/m))[1]);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

it(`after each of ${KILLS} kill -9s mid-write the file is exactly one version, and the leftovers are cleaned`, async () => {
  const seed = Number(process.env.ROADMAP_KILL_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const targetDir = path.join(work, 'target');
  mkdirSync(targetDir);
  const target = path.join(targetDir, 'plan.yaml');
  const a = version('A', 16_384); // 2 MiB
  const b = version('B', 12_288); // 1.5 MiB
  const fileA = path.join(work, 'a.bin');
  const fileB = path.join(work, 'b.bin');
  writeFileSync(fileA, a);
  writeFileSync(fileB, b);
  writeFileSync(target, a);

  const queue: Writer[] = [];
  let killsThatLeftTemps = 0;
  try {
    for (let kill = 1; kill <= KILLS; kill++) {
      while (queue.length < PRELOADED) queue.push(spawnWriter(target, fileA, fileB));
      const current = queue.shift()!;
      await current.loaded;
      const writeMs = await current.go();
      // The kill lands anywhere in the next couple of writes: opening, writing, fsync, renames.
      await new Promise((resolve) => setTimeout(resolve, next() * 2 * Math.max(writeMs, 1)));
      await current.kill();

      const now = readFileSync(target);
      const which = now.equals(a) ? 'A' : now.equals(b) ? 'B' : undefined;
      expect(which, `kill ${kill} (seed ${seed}) left ${now.length} bytes that are neither version`).toBeDefined();
      if (readdirSync(targetDir).some((name) => name.startsWith(TEMP_PREFIX))) killsThatLeftTemps++;
    }
  } finally {
    // Preloaded writers that never got `go` have written nothing.
    await Promise.all(queue.map((w) => w.kill()));
  }
  // Otherwise every kill fell between writes and this test proved nothing.
  expect(killsThatLeftTemps, `seed ${seed}`).toBeGreaterThan(0);

  const leftovers = readdirSync(targetDir).filter((name) => name !== 'plan.yaml');
  expect(leftovers.every((name) => name.startsWith(TEMP_PREFIX))).toBe(true);
  expect((await cleanStrayTemps(targetDir)).sort()).toEqual(leftovers.sort());
  expect(readdirSync(targetDir)).toEqual(['plan.yaml']);
}, 60_000); // ~7-9 s; the margin is for a loaded CI machine starting 25 Node processes
