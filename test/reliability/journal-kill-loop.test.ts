/**
 * kill -9 a process in the middle of appending to a journal, again and again. After every kill:
 * each line but possibly a torn last one is a whole event; every append that returned is there;
 * the next read reports the torn line (file:line) and skips it; and the next append, by a new
 * process taking over the dead one's lock, starts on a fresh line instead of gluing its event to
 * the fragment.
 *
 * The child runs src/plan/journal-io.ts bundled on the fly with esbuild (not a possibly stale
 * dist/ build).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendEvents, journalFile, parseJournalText } from '../../src/plan/journal-io.js';
import { REPO } from './support.js';

const KILLS = 20;
const appender = fileURLToPath(new URL('./helpers/journal-appender.mjs', import.meta.url));

let work: string;
let moduleUrl: string;
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'roadmap-journal-kill-'));
  const outfile = path.join(work, 'journal-io.mjs');
  await build({
    entryPoints: [path.join(REPO, 'src/plan/journal-io.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  moduleUrl = pathToFileURL(outfile).href;
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
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

interface Appender {
  loaded: Promise<void>;
  /** Starts appending; resolves with how long the first append took. */
  go(): Promise<number>;
  kill(): Promise<void>;
  /** Names of the events whose append returned. */
  completed(): string[];
}

function spawnAppender(plan: string, tag: string): Appender {
  const child = spawn(process.execPath, [appender, moduleUrl, plan, 'Ana', tag], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (pattern: RegExp) =>
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
      child.once('exit', (code, signal) => reject(new Error(`appender exited early (${code ?? signal}): ${stderr}`)));
    });
  const loaded = waitFor(/^loaded\n/m).then(() => undefined);
  loaded.catch(() => undefined);
  return {
    loaded,
    go: async () => {
      child.stdin.write('go\n');
      return Number((await waitFor(/^ready (\d+)\n/m))[1]);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    completed: () => [...stdout.matchAll(/^ok (\S+)$/gm)].map((m) => m[1]!),
  };
}

/** What a reader sees in the journal text: event names, unreadable lines (1-based), problems. */
function readView(text: string) {
  const parsed = parseJournalText(text, 'ana.jsonl');
  const names = new Set(parsed.events.map((e) => (e.type === 'baseline' ? e.name : e.type === 'note' ? e.target : '')));
  const badLines = new Set(parsed.problems.map((p) => p.line!));
  return { names, badLines, problems: parsed.problems, lineCount: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
}

it(`after each of ${KILLS} kill -9s mid-append the journal keeps every whole event and the next append starts a fresh line`, async () => {
  const seed = Number(process.env.ROADMAP_KILL_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const plan = path.join(work, 'plan.yaml');
  const file = journalFile(plan, 'Ana');
  const queue: Appender[] = [];
  const completed = new Set<string>();
  /** Lines (1-based) that were a torn last line after some kill: the only bad lines allowed later. */
  const fragments = new Set<number>();
  let tornKills = 0;
  try {
    for (let kill = 1; kill <= KILLS; kill++) {
      while (queue.length < 2) queue.push(spawnAppender(plan, `k${kill + queue.length}`));
      const current = queue.shift()!;
      await current.loaded;
      const appendMs = await current.go();
      // Anywhere in the next few appends: the lock, the scan, the long write, fsync, the release.
      await new Promise((resolve) => setTimeout(resolve, next() * 3 * Math.max(appendMs, 1)));
      await current.kill();
      for (const name of current.completed()) completed.add(name);

      const where = `kill ${kill} (seed ${seed})`;
      let text = readFileSync(file, 'utf8');
      let view = readView(text);
      view.badLines.forEach((line) => {
        // A fragment from an earlier kill stays on its own line; nothing else may be unreadable.
        if (line === view.lineCount && !text.endsWith('\n')) return;
        expect(fragments.has(line), `${where}: line ${line} is not an event`).toBe(true);
      });
      for (const line of fragments) expect(view.badLines.has(line), `${where}: the torn fragment on line ${line} now parses: an event was glued to it`).toBe(true);
      // Every append that returned is on disk, whole.
      for (const name of completed) expect(view.names.has(name), `${where}: completed append ${name} is missing`).toBe(true);

      if (!text.endsWith('\n') && view.badLines.has(view.lineCount)) tornKills++;
      else if (kill % 4 === 0 && text.endsWith('\n')) {
        // SIGKILL rarely lands inside the write(2) itself; a power cut or a full disk leaves the
        // same thing, a prefix of the last line. Make one, so the torn path runs every time.
        const cut = text.slice(0, -1).lastIndexOf('\n') + 1;
        const lost = readView(text.slice(cut)).names;
        text = text.slice(0, cut + Math.floor((text.length - 1 - cut) * (0.1 + 0.8 * next())));
        writeFileSync(file, text);
        for (const name of lost) completed.delete(name);
        view = readView(text);
      }
      if (!text.endsWith('\n')) {
        fragments.add(view.lineCount);
        expect(view.problems.find((p) => p.line === view.lineCount)?.code, where).toBe('journal-torn-line');
      }
    }
  } finally {
    await Promise.all(queue.map((a) => a.kill()));
  }

  // One more append by this process: it takes over whatever lock the last kill left.
  await appendEvents(plan, 'Ana', [{ type: 'note', target: 'final', text: 'after the kills', at: '2026-12-01T00:00:00.000Z', by: 'Ana' }]);
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const parsed = parseJournalText(text, 'ana.jsonl');
  expect(parsed.events.at(-1)).toMatchObject({ type: 'note', target: 'final' });
  // Every unreadable line is a fragment a kill left, reported with its line; none lost a neighbour.
  expect(parsed.problems.map((p) => p.line).sort((a, b) => a! - b!)).toEqual([...fragments].sort((a, b) => a - b));
  const seqs = parsed.events.map((e) => e.seq);
  expect(new Set(seqs).size, 'sequence numbers stay unique across kills').toBe(seqs.length);
  expect(existsSync(`${file}.lock`)).toBe(false);
  // The torn-line path ran (by a kill or a simulated power cut) and appends continued after it.
  expect(fragments.size, `seed ${seed}, ${tornKills} torn by a kill`).toBeGreaterThanOrEqual(KILLS / 4);
}, 120_000);

it('a lock file left empty by a kill between creating it and writing the pid does not block the next append', async () => {
  const plan = path.join(work, 'empty-lock.yaml');
  const file = journalFile(plan, 'Bo');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.lock`, '');
  const old = new Date(Date.now() - 5_000);
  utimesSync(`${file}.lock`, old, old);
  await appendEvents(plan, 'Bo', [{ type: 'note', target: 'x', text: 'after an empty lock', at: '2026-12-01T00:00:00.000Z', by: 'Bo' }]);
  expect(parseJournalText(readFileSync(file, 'utf8'), 'bo.jsonl').events).toHaveLength(1);
  expect(existsSync(`${file}.lock`)).toBe(false);
}, 8_000);
