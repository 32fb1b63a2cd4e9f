import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendEvents, authorSlug, fileSha256, journalDir, journalFile, readJournal } from '../../src/plan/journal-io.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let planFile: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'roadmap-journal-'));
  planFile = path.join(tmp, 'demo.yaml');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const note = (text: string, at = '2026-11-04T09:00:00.000Z') => ({ type: 'note' as const, target: 'core', text, at, by: 'Ana' });

describe('paths', () => {
  test('the journal sits next to the plan, one file per author slug', () => {
    expect(journalDir('/p/plans/codon-migration.yaml')).toBe('/p/plans/codon-migration.journal');
    expect(journalFile('/p/plans/x.yml', 'Ana María')).toBe('/p/plans/x.journal/ana-maria.jsonl');
  });

  test('no author name can leave the journal directory', () => {
    expect(authorSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(authorSlug('..')).toBe('anonymous');
    expect(authorSlug('a/../b')).toBe('a-.-b');
    expect(authorSlug('')).toBe('anonymous');
    expect(authorSlug('C:\\Users\\bo')).toBe('c-users-bo');
    for (const name of ['../x', '/abs', 'a\u0000b', '.hidden', 'x'.repeat(300)]) {
      const slug = authorSlug(name);
      expect(slug).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
      expect(slug).not.toContain('..');
    }
  });
});

describe('append and read', () => {
  test('appends numbered events and reads them back with their origin', async () => {
    const plan = path.join(tmp, 'roundtrip.yaml');
    const first = await appendEvents(plan, 'Ana', [note('one')]);
    const more = await appendEvents(plan, 'Ana', [note('two'), note('three')]);
    expect([...first, ...more].map((e) => e.seq)).toEqual([1, 2, 3]);
    const read = await readJournal(plan, { display: (f) => path.relative(tmp, f) });
    expect(read.problems).toEqual([]);
    expect(read.events.map((e) => [e.seq, (e as { text: string }).text, e.origin])).toEqual([
      [1, 'one', { file: 'roundtrip.journal/ana.jsonl', line: 1 }],
      [2, 'two', { file: 'roundtrip.journal/ana.jsonl', line: 2 }],
      [3, 'three', { file: 'roundtrip.journal/ana.jsonl', line: 3 }],
    ]);
    const text = await readFile(journalFile(plan, 'Ana'), 'utf8');
    expect(text.split('\n')[0]).toBe('{"v":1,"seq":1,"at":"2026-11-04T09:00:00.000Z","by":"Ana","type":"note","target":"core","text":"one"}');
  });

  test('a missing journal is empty, not an error', async () => {
    expect(await readJournal(path.join(tmp, 'never.yaml'))).toEqual({ events: [], problems: [], files: [] });
  });

  test('a torn last line is reported with file:line and skipped; the next append starts a fresh line', async () => {
    const plan = path.join(tmp, 'torn.yaml');
    await appendEvents(plan, 'Bo', [note('kept')]);
    const file = journalFile(plan, 'Bo');
    await writeFile(file, `${await readFile(file, 'utf8')}{"v":1,"seq":2,"at":"2026-11-0`);
    const torn = await readJournal(plan, { display: (f) => path.basename(f) });
    expect(torn.events).toHaveLength(1);
    expect(torn.problems).toEqual([expect.objectContaining({ code: 'journal-torn-line', file: 'bo.jsonl', line: 2, severity: 'warning' })]);

    const [after] = await appendEvents(plan, 'Bo', [note('after')]);
    // The fragment's seq is readable, so it is never reused: no two lines claim seq 2.
    expect(after!.seq).toBe(3);
    const read = await readJournal(plan);
    expect(read.events.map((e) => (e as { text: string }).text)).toEqual(['kept', 'after']);
    expect(read.problems).toEqual([expect.objectContaining({ code: 'journal-bad-line', line: 2 })]);
  });

  test('a lock left by a dead process is taken over', async () => {
    const plan = path.join(tmp, 'stale.yaml');
    const file = journalFile(plan, 'Chen');
    await mkdir(path.dirname(file), { recursive: true });
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${file}.lock`, `${deadPid} 2026-11-04T09:00:00.000Z\n`);
    await appendEvents(plan, 'Chen', [note('through')]);
    expect((await readJournal(plan)).events).toHaveLength(1);
  });

  test('sha256 of evidence files', async () => {
    const file = path.join(tmp, 'evidence.txt');
    await writeFile(file, 'abc');
    expect(await fileSha256(file)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('concurrent appenders', () => {
  test('two processes of the same author and one of another, 200 events each at once, lose nothing', async () => {
    // Child processes run plain node, so compile the I/O module (and only its imports) first.
    const cache = path.join(repo, 'node_modules', '.cache');
    await mkdir(cache, { recursive: true });
    const out = await mkdtemp(path.join(cache, 'roadmap-journal-test-'));
    try {
      await run(process.execPath, [
        path.join(repo, 'node_modules/typescript/bin/tsc'),
        ...['--ignoreConfig', '--outDir', out, '--rootDir', path.join(repo, 'src'), '--module', 'nodenext', '--moduleResolution', 'nodenext'],
        ...['--target', 'es2022', '--skipLibCheck', '--types', 'node', path.join(repo, 'src/plan/journal-io.ts')],
      ]);
      const script = path.join(out, 'append-many.mjs');
      await writeFile(
        script,
        [
          `import { appendEvents } from ${JSON.stringify(path.join(out, 'plan/journal-io.js'))};`,
          'const [plan, author, tag] = process.argv.slice(2);',
          'for (let i = 0; i < 200; i++) {',
          "  await appendEvents(plan, author, [{ type: 'note', target: 'core', text: `${tag}-${i}`, at: new Date(Date.UTC(2026, 10, 4, 9, 0, i)).toISOString(), by: author }]);",
          '}',
        ].join('\n'),
      );
      const plan = path.join(tmp, 'busy.yaml');
      await Promise.all([
        run(process.execPath, [script, plan, 'Ana', 'a']),
        run(process.execPath, [script, plan, 'Ana', 'b']),
        run(process.execPath, [script, plan, 'Bo', 'c']),
      ]);
      const read = await readJournal(plan);
      expect(read.problems).toEqual([]);
      expect(read.events).toHaveLength(600);
      const texts = new Set(read.events.map((e) => (e as { text: string }).text));
      for (const tag of ['a', 'b', 'c']) for (let i = 0; i < 200; i++) expect(texts.has(`${tag}-${i}`)).toBe(true);
      const anaSeqs = read.events.filter((e) => e.by === 'Ana').map((e) => e.seq).sort((x, y) => x - y);
      expect(anaSeqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      const anaText = await readFile(journalFile(plan, 'Ana'), 'utf8');
      expect(anaText.endsWith('\n')).toBe(true);
      expect(anaText.split('\n').filter(Boolean)).toHaveLength(400);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
