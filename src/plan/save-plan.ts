/**
 * Saves edits made in the TUI back into the plan file without losing anyone's work.
 *
 * The TUI loads a plan, remembers the sha256 of its bytes, and later saves a list of edits. If the
 * file changed on disk in between (an editor, `git pull`, another roadmap), writing our copy would
 * silently drop that change, so the save reports a conflict and writes nothing; the TUI offers a
 * reload. Size and mtime are not enough to notice a change (same-second edits, same-size edits), so
 * we compare content hashes. Edits are applied to the current text byte-exactly (edit-plan.ts) and
 * written crash-safely (atomic-write.ts).
 *
 * Two saves racing (two TUIs, or two calls in one process) must not both pass the hash check before
 * either writes: the check and the write happen under an exclusive lock file next to the plan, so
 * the second save sees the first one's hash and reports a conflict.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstat, open, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { problem, type Problem } from '../core/problem.js';
import { STALE_AFTER_MS, TEMP_PREFIX, cleanStrayTemps, isProcessAlive, readHead, writeFileAtomic } from './atomic-write.js';
import { applyPlanEdits, type PlanEdit } from './edit-plan.js';

/** The hash the loader records and savePlanEdits compares: sha256 of the raw bytes, lowercase hex. */
export function hashPlanBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface SaveRequest {
  /** hashPlanBytes of the file as it was loaded. */
  expectedHash: string;
  edits: readonly PlanEdit[];
}

export interface SaveOptions {
  /** The path as the user typed it, for problems. */
  displayName?: string;
  /** How long to wait for another save of the same file to finish; default 5 s. */
  lockTimeoutMs?: number;
}

export type SaveResult =
  /** Saved (or nothing to change: `written` false, the file untouched). `hash`/`text` are the file now. */
  | { ok: true; conflict: false; hash: string; text: string; written: boolean }
  /** The file changed since it was loaded; nothing was written. */
  | { ok: false; conflict: true; diskHash: string }
  /** The edits could not be applied, or the file could not be read or written; nothing was written. */
  | { ok: false; conflict: false; problems: Problem[] };

/** Applies `edits` to `file` if it still has `expectedHash`. Never throws. */
export async function savePlanEdits(file: string, request: SaveRequest, opts: SaveOptions = {}): Promise<SaveResult> {
  const shown = opts.displayName ?? file;
  const failed = (...problems: Problem[]): SaveResult => ({ ok: false, conflict: false, problems });
  try {
    let target: string;
    try {
      // The lock and the temp file belong next to the real file when the plan is a symlink.
      target = await realpath(file);
    } catch (err) {
      return failed(ioProblem(err, shown, 'read'));
    }
    const lock = await acquireLock(target, shown, opts.lockTimeoutMs ?? 5000);
    if ('problem' in lock) return failed(lock.problem);
    try {
      let bytes: Buffer;
      try {
        bytes = await readFile(target);
      } catch (err) {
        return failed(ioProblem(err, shown, 'read'));
      }
      const diskHash = hashPlanBytes(bytes);
      if (diskHash !== request.expectedHash) return { ok: false, conflict: true, diskHash };
      const text = bytes.toString('utf8');
      if (request.edits.length === 0) return { ok: true, conflict: false, hash: diskHash, text, written: false };
      if (!Buffer.from(text, 'utf8').equals(bytes)) {
        // Decoding replaced invalid bytes with U+FFFD; writing the text back would change them.
        return failed(problem('edit-not-utf8', `${shown} is not valid UTF-8; roadmap will not rewrite it`, { file: shown }));
      }
      const edited = applyPlanEdits(text, request.edits);
      if (edited.problems) return failed(...edited.problems.map((p) => ({ ...p, file: shown })));
      if (edited.text === text) return { ok: true, conflict: false, hash: diskHash, text, written: false };
      // Leftovers of an earlier crash go first, so they never pile up next to the plan.
      await cleanStrayTemps(path.dirname(target)).catch(() => undefined);
      try {
        await writeFileAtomic(target, edited.text);
      } catch (err) {
        return failed(ioProblem(err, shown, 'write'));
      }
      return { ok: true, conflict: false, hash: hashPlanBytes(edited.text), text: edited.text, written: true };
    } finally {
      await lock.release();
    }
  } catch (err) {
    return failed(ioProblem(err, shown, 'write'));
  }
}

function ioProblem(err: unknown, shown: string, action: 'read' | 'write'): Problem {
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason = err instanceof Error ? err.message : String(err);
  const mapped =
    code === 'ENOENT' ? 'io-not-found' : code === 'EACCES' || code === 'EPERM' ? 'io-permission' : code === 'EISDIR' ? 'io-is-directory' : 'io-error';
  return problem(mapped, `cannot ${action} ${shown}: ${reason}`, { file: shown });
}

// ---------------------------------------------------------------------------------------------
// The save lock: `.roadmap-tmp-lock.<name>` next to the plan, created with O_EXCL, holding the
// holder's pid and a random token. A lock whose holder is gone, or older than a minute (a save
// takes milliseconds), is taken over. It starts with TEMP_PREFIX, so git ignores it and
// cleanStrayTemps removes one left by a kill.

type Lock = { release(): Promise<void> } | { problem: Problem };

export function lockPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}lock.${path.basename(target).slice(0, 160)}`);
}

async function acquireLock(target: string, shown: string, timeoutMs: number): Promise<Lock> {
  const lockPath = lockPathFor(target);
  const token = `${process.pid}\n${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      return { release: () => releaseLock(lockPath, token) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { problem: ioProblem(err, shown, 'write') };
    }
    if (await takeOverIfStale(lockPath)) continue;
    if (Date.now() >= deadline) {
      return {
        problem: problem('io-locked', `another roadmap is saving ${shown} right now`, {
          hint: `try again; if no roadmap is running, delete ${lockPath}`,
          file: shown,
        }),
      };
    }
    await delay(5 + Math.random() * 20);
  }
}

async function takeOverIfStale(lockPath: string): Promise<boolean> {
  try {
    const [content, st] = await Promise.all([readHead(lockPath, 64), lstat(lockPath)]);
    const pid = /^(\d+)\n/.exec(content)?.[1];
    // An empty lock is one being written right now, not a stale one (unless it is old).
    const dead = pid !== undefined && !isProcessAlive(Number(pid));
    if (!dead && Date.now() - st.mtimeMs <= STALE_AFTER_MS) return false;
    // Another waiter may have taken it over since we looked: only remove what we judged stale.
    if ((await readHead(lockPath, 64)) !== content) return true;
    await rm(lockPath, { force: true });
    return true;
  } catch (err) {
    // Released between our open and our look: try again at once.
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const content = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (content === token) await rm(lockPath, { force: true });
}
