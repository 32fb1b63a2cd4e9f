/**
 * Journal files on disk: `<plan dir>/<plan name>.journal/<author-slug>.jsonl`.
 *
 * Writes only ever append whole lines, in one write(2) on a descriptor opened with O_APPEND, then
 * fsync; a journal is never rewritten. Each author has their own file, so different authors
 * cannot interleave. Several processes of the same author (two terminals, a CI job) serialise on
 * `<file>.lock`, created with O_EXCL; the holder reads the highest `seq` and appends after it.
 * A lock left by a dead process (pid gone) or older than STALE_LOCK_MS is taken over.
 *
 * Reads never fail on content: a torn last line (a writer killed mid-write) or a garbled line is
 * reported with file:line and skipped.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { constants, open, readdir, readFile, rm, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseJournalLine, serialiseEvent, type JournalEvent, type LocatedEvent, type NewJournalEvent } from '../core/journal.js';
import { problem, type Problem } from '../core/problem.js';

export const JOURNAL_EXTENSION = '.jsonl';
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
/** A holder writes its pid right after creating the lock; an empty lock this old lost its writer. */
const UNWRITTEN_LOCK_MS = 2_000;

/** `plans/codon-migration.yaml` -> `plans/codon-migration.journal`. */
export function journalDir(planFile: string): string {
  const base = path.basename(planFile).replace(/\.(ya?ml)$/i, '');
  return path.join(path.dirname(planFile), `${base}.journal`);
}

/**
 * A file name for an author: lower case letters, digits, ".", "_" and "-" only, so no name can
 * reach outside the journal directory (`/`, `..`) or collide by case on macOS.
 */
export function authorSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
  return slug === '' ? 'anonymous' : slug;
}

export function journalFile(planFile: string, author: string): string {
  return path.join(journalDir(planFile), `${authorSlug(author)}${JOURNAL_EXTENSION}`);
}

export interface JournalRead {
  events: LocatedEvent[];
  problems: Problem[];
  /** The files read, sorted. */
  files: string[];
}

export interface ReadOptions {
  /** How a file is named in problems; defaults to the absolute path. */
  display?: (file: string) => string;
}

/** Reads every `*.jsonl` file of the plan's journal. A missing journal is an empty one. */
export async function readJournal(planFile: string, options: ReadOptions = {}): Promise<JournalRead> {
  return parseJournalFiles(await readJournalFiles(planFile, options));
}

/**
 * A journal's files as read, before parsing: each file's text (or why it could not be read), in
 * name order. Hashing this is far cheaper than parsing it, so a fold can be cached on it.
 */
export interface JournalFiles {
  entries: ({ file: string; display: string; text: string } | { problem: Problem })[];
}

/** Reads the text of every `*.jsonl` file of the plan's journal (see readJournal). */
export async function readJournalFiles(planFile: string, options: ReadOptions = {}): Promise<JournalFiles> {
  const dir = journalDir(planFile);
  const display = options.display ?? ((f: string) => f);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(JOURNAL_EXTENSION)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
    return { entries: [{ problem: problem('io-journal-read', `cannot read the journal directory ${display(dir)}: ${(err as Error).message}`) }] };
  }
  const entries: JournalFiles['entries'] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      entries.push({ file, display: display(file), text: await readFile(file, 'utf8') });
    } catch (err) {
      entries.push({ problem: problem('io-journal-read', `cannot read ${display(file)}: ${(err as Error).message}`) });
    }
  }
  return { entries };
}

/** Parses what readJournalFiles read: events and problems in file order, as readJournal returns them. */
export function parseJournalFiles(files: JournalFiles): JournalRead {
  const result: JournalRead = { events: [], problems: [], files: [] };
  for (const entry of files.entries) {
    if ('problem' in entry) {
      result.problems.push(entry.problem);
      continue;
    }
    result.files.push(entry.file);
    const parsed = parseJournalText(entry.text, entry.display);
    result.events.push(...parsed.events);
    result.problems.push(...parsed.problems);
  }
  return result;
}

/**
 * sha256 (hex) of everything a fold of these files depends on besides the plan: each file's name
 * as shown in problems and events, its length and its text. '' when a file or the directory could
 * not be read (an error worth seeing again, not caching).
 */
export function journalFilesHash(files: JournalFiles): string {
  const hash = createHash('sha256').update('roadmap.journal-files/v1\0');
  for (const entry of files.entries) {
    if ('problem' in entry) return '';
    hash.update(`${entry.display}\0${entry.text.length}\0`).update(entry.text).update('\0');
  }
  return hash.digest('hex');
}

/** Parses one journal file's text; `file` labels events and problems. */
export function parseJournalText(text: string, file: string): { events: LocatedEvent[]; problems: Problem[] } {
  const events: LocatedEvent[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const torn = !text.endsWith('\n') && text.length > 0;
  lines.forEach((line, i) => {
    // Nearly every line starts with "{": only others can be blank.
    if (line.charCodeAt(0) !== 0x7b && line.trim() === '') return;
    const where = { file, line: i + 1 };
    const parsed = parseJournalLine(line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line, where);
    if (parsed.ok) {
      // parseJournalLine returns a fresh object: labelling it in place saves a copy per line.
      const event = parsed.event as LocatedEvent;
      event.origin = where;
      events.push(event);
    } else if (torn && i === lines.length - 1 && parsed.problem.code === 'journal-bad-line') {
      problems.push(
        problem('journal-torn-line', 'the last line of this journal is incomplete (a write was interrupted); it was skipped', {
          ...where,
          severity: 'warning',
          hint: 'the next `roadmap track` or `metric` appends after it; nothing else is lost',
        }),
      );
    } else {
      problems.push(parsed.problem);
    }
  });
  return { events, problems };
}

/**
 * Appends events to the author's journal file (one per line, in one write) and returns them with
 * their `v` and `seq`. Creates the journal directory when needed.
 */
export async function appendEvents(planFile: string, author: string, events: readonly NewJournalEvent[]): Promise<JournalEvent[]> {
  const file = journalFile(planFile, author);
  await mkdir(path.dirname(file), { recursive: true });
  const release = await acquireLock(`${file}.lock`);
  try {
    const { maxSeq, endsWithNewline } = await scanFile(file);
    const written = events.map((e, i) => ({ v: 1, seq: maxSeq + 1 + i, ...e }) as JournalEvent);
    // After a torn line, start on a fresh line so this event is not glued to the fragment.
    const text = (endsWithNewline ? '' : '\n') + written.map((e) => `${serialiseEvent(e)}\n`).join('');
    const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return written;
  } finally {
    await release();
  }
}

async function scanFile(file: string): Promise<{ maxSeq: number; endsWithNewline: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { maxSeq: 0, endsWithNewline: true };
    throw err;
  }
  let maxSeq = 0;
  for (const line of text.split('\n')) {
    // Only the number matters here; a full parse of every line on every append would be waste.
    const match = /"seq":(\d+)/.exec(line);
    if (match) maxSeq = Math.max(maxSeq, Number(match[1]));
  }
  return { maxSeq, endsWithNewline: text.length === 0 || text.endsWith('\n') };
}

async function acquireLock(lockFile: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let wait = 5;
  for (;;) {
    try {
      const handle = await open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await handle.write(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      return async () => {
        await rm(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const stale = await staleLockContent(lockFile);
    if (stale !== undefined) {
      // Another waiter may have replaced the stale lock with its own since we looked: only remove
      // it if it still holds what we judged stale (narrows, cannot close, the window).
      if ((await readFile(lockFile, 'utf8').catch(() => undefined)) === stale) await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`the journal is locked by another roadmap process (${lockFile}); if none is running, delete the lock file`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 100);
  }
}

/** The lock's content when its holder is dead or it is older than STALE_LOCK_MS, else undefined. */
async function staleLockContent(lockFile: string): Promise<string | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    if (Date.now() - info.mtimeMs > STALE_LOCK_MS) return text;
    const pid = Number(text.split(' ')[0]);
    // An empty lock file is one being written right now, unless its writer was killed between
    // creating it and writing its pid: then only its age can tell.
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - info.mtimeMs > UNWRITTEN_LOCK_MS ? text : undefined;
    try {
      process.kill(pid, 0);
      return undefined;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH' ? text : undefined;
    }
  } catch {
    // Gone between our open and our read: the holder released it.
    return undefined;
  }
}

/** How an evidence path is stored: relative to the plan's folder, with forward slashes. */
export function evidencePath(absolute: string, planFile: string): string {
  const rel = path.relative(path.dirname(planFile), absolute);
  return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
}

/** sha256 of a file, hex; streamed so large evidence files are fine. */
export function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
