/**
 * Crash-safe file writes, the cleanup they need, and the rule for overwriting exports.
 *
 * A plain writeFile that is interrupted (kill -9, power loss, full disk) leaves a torn or empty
 * file; for a plan that is the team's only copy of weeks of decisions. So every write goes to a
 * temp file in the same directory, is fsynced, renamed over the target (atomic on POSIX), and the
 * directory is fsynced so the rename itself survives a power cut.
 *
 * write-file-atomic does the temp write + fsync + rename, but names its temp `<file>.<hash>`, which
 * cannot be told apart from a user's `app.log.1` and carries no pid. So we point it at our own temp
 * name, `.roadmap-tmp-<pid>-<random>.<name>`, then rename that into place ourselves: everything a
 * kill can leave behind starts with `.roadmap-tmp-` (ignored by .gitignore) and says who made it,
 * which lets cleanStrayTemps remove leftovers without ever touching a live writer's file.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';
import type { Problem } from '../core/problem.js';

/** Every temp or lock file roadmap creates next to a target starts with this. */
export const TEMP_PREFIX = '.roadmap-tmp-';
/** Leftovers older than this are removed even if their pid is alive (pids get reused). */
export const STALE_AFTER_MS = 60_000;

const TEMP_NAME = /^\.roadmap-tmp-(\d+)-[0-9a-f]+\./;
/** Keeps `prefix + pid + random + name + write-file-atomic's suffix` under the usual 255-byte limit. */
const MAX_BASENAME = 160;

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its own mode and owner. */
  mode?: number;
}

/**
 * Replaces `file` with `data` so that, whatever happens, the file holds either the old or the new
 * contents in full. Follows a symlink to its target (the link stays a link). Rejects with the
 * underlying fs error (ENOENT for a missing directory, EACCES, ENOSPC, ...).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = await realpath(path.resolve(file)).catch(() => path.resolve(file));
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isFile()) {
    // Renaming over a directory fails anyway; renaming over a fifo or device would replace it.
    throw Object.assign(new Error(`${file} is not a regular file; refusing to replace it`), { code: 'ENOTREG' });
  }
  const tmp = tempPathFor(target);
  try {
    await writeFileAtomicLib(tmp, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      fsync: true,
      mode: existing ? existing.mode & 0o7777 : opts.mode,
      chown: existing ? { uid: existing.uid, gid: existing.gid } : undefined,
    });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDirectory(path.dirname(target));
}

/** A fresh temp path next to `target`, recognisable by cleanStrayTemps. */
export function tempPathFor(target: string): string {
  const name = path.basename(target).slice(0, MAX_BASENAME);
  return path.join(path.dirname(target), `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}.${name}`);
}

/** Makes a rename durable: without it a power cut can bring back the old directory entry. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms and filesystems cannot open or fsync a directory (Windows, some network
    // mounts); the rename has happened and is as durable as they allow. Real I/O errors surface.
    const code = (err as NodeJS.ErrnoException).code;
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF'].includes(code ?? '')) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temp and lock files that roadmap left in `dir` after a crash or kill: only ours (the
 * `.roadmap-tmp-` prefix, regular files), and only if the process that made them is gone or they
 * are older than a minute. Returns the names removed. A missing directory removes nothing.
 */
export async function cleanStrayTemps(dir: string, opts: { now?: number } = {}): Promise<string[]> {
  const now = opts.now ?? Date.now();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(dir, name);
    const st = await lstat(full).catch(() => undefined);
    if (!st?.isFile()) continue;
    const pid = await ownerPid(name, full);
    const stale = now - st.mtimeMs > STALE_AFTER_MS || (pid !== undefined && !isProcessAlive(pid));
    if (!stale) continue;
    try {
      await rm(full);
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // someone else cleaned it
    }
  }
  return removed;
}

/** The pid in a temp file's name, or on the first line of a lock file. */
async function ownerPid(name: string, full: string): Promise<number | undefined> {
  const fromName = TEMP_NAME.exec(name);
  if (fromName) return Number(fromName[1]);
  const head = await readHead(full, 32).catch(() => '');
  const fromContent = /^(\d+)\n/.exec(head);
  return fromContent ? Number(fromContent[1]) : undefined;
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false; // 0 and negatives address process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** The first `bytes` bytes of a file as UTF-8 (a partial character at the end is harmless here). */
export async function readHead(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Overwriting exports

/**
 * Every export carries this text near its top, in a comment or metadata field of its format
 * (`<!-- generated by roadmap-export ... -->`, `PRODID:-//generated by roadmap-export//EN`,
 * `%% generated by roadmap-export`, a JSON `"generator"` field; for CSV, which has no comments, our
 * exact header row), so a later export may replace it.
 */
export const EXPORT_MARKER = 'generated by roadmap-export';
/** How far down the marker may sit: some formats must open with a fixed line (BEGIN:VCALENDAR). */
const MARKER_LINES = 5;
const MARKER_BYTES = 4096;
/**
 * CSV has no comments, so its exact header row is the marker. It must equal CSV_HEADER_LINE in
 * src/core/export/csv.ts; this file imports nothing of ours (the kill-loop test runs it alone),
 * so test/core/export/csv.test.ts holds the two together.
 */
const CSV_HEADER_LINE = 'phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner\r\n';
/** The same, with the columns an export against a baseline adds (CSV_BASELINE_HEADER_LINE). */
const CSV_BASELINE_HEADER_LINE = 'phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner,baseline_start,baseline_end,current_end,slip_work_days\r\n';

/** Whether `text` (the start of a file is enough) is an earlier roadmap export. */
export function isEarlierExport(text: string): boolean {
  const head = text.slice(0, MARKER_BYTES).replace(/^\uFEFF/, '');
  if (head.startsWith(CSV_HEADER_LINE) || head.startsWith(CSV_BASELINE_HEADER_LINE)) return true;
  return head.split('\n', MARKER_LINES).some((line) => line.includes(EXPORT_MARKER));
}

/**
 * Whether an export may be written to `file`: yes if it does not exist, is an earlier export, or
 * `force` is set. Otherwise a problem (code `io-...`) saying why, to print and exit 3 with.
 */
export async function refuseToClobber(
  file: string,
  opts: { force?: boolean; displayName?: string } = {},
): Promise<Problem | undefined> {
  if (opts.force) return undefined;
  const shown = opts.displayName ?? file;
  const st = await stat(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : err));
  if (st === null) return undefined;
  if (st instanceof Error) return { severity: 'error', code: 'io-permission', message: `cannot check ${shown}: ${st.message}`, file: shown };
  if (st.isDirectory()) {
    return { severity: 'error', code: 'io-is-directory', message: `${shown} is a directory; name a file to write`, file: shown };
  }
  if (!st.isFile()) {
    return { severity: 'error', code: 'io-not-regular', message: `${shown} is not a regular file; name a file to write`, file: shown };
  }
  let head: string;
  try {
    head = await readHead(file, MARKER_BYTES);
  } catch (err) {
    return { severity: 'error', code: 'io-permission', message: `cannot read ${shown}: ${(err as Error).message}`, file: shown };
  }
  if (isEarlierExport(head)) return undefined;
  return {
    severity: 'error',
    code: 'io-would-overwrite',
    message: `${shown} already exists and is not an earlier roadmap export; not overwriting it`,
    hint: 'pass --force to overwrite it, or name another file with --out',
    file: shown,
  };
}
