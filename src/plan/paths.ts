/**
 * Checks for a path the user named as an output (`--out FILE`), so that a write lands exactly
 * there and nowhere else: not through a symlink into another file, not over a directory, a fifo or
 * a device, and not to a name with control characters that would print as something else.
 */
import { lstat, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../core/problem.js';
import { sanitizeLine } from '../core/sanitize.js';

export type OutputPath = { ok: true; path: string } | { ok: false; problem: Problem };

// C0 and C1 controls, DEL, and bidi overrides: legal in file names, but they make a name show up
// in a terminal, a log or a review as a different one.
const UNSAFE_IN_NAME = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Resolves `userPath` against `cwd` and checks it is a file we may write: an existing regular file
 * or a new name in an existing directory. The returned path is absolute. A symlink as the last
 * component is refused (the write would change the file it points to); directories along the way
 * may be symlinks, as the user named them.
 */
export async function resolveOutputPath(cwd: string, userPath: string): Promise<OutputPath> {
  const fail = (code: string, message: string, hint?: string, file = userPath): OutputPath => ({
    ok: false,
    problem: { severity: 'error', code, message, ...(hint ? { hint } : {}), file },
  });

  if (userPath.trim() === '') return fail('io-bad-path', 'the output path is empty', 'name a file, e.g. --out roadmap.md');
  if (UNSAFE_IN_NAME.test(userPath)) {
    const shown = userPath.replace(new RegExp(UNSAFE_IN_NAME.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    // Shown escaped everywhere, the headline too: sanitising would print a different, innocent name.
    return fail('io-bad-path', `the output path "${shown}" contains control characters; refusing to write to it`, undefined, shown);
  }
  if (/[\\/]$/.test(userPath)) return fail('io-is-directory', `${userPath} names a directory; name a file inside it`);

  const resolved = path.resolve(cwd, userPath);
  const link = await lstat(resolved).catch((err: NodeJS.ErrnoException) => err);
  if (!(link instanceof Error)) {
    if (link.isSymbolicLink()) {
      const to = await readlink(resolved).catch(() => '?');
      return fail(
        'io-symlink',
        `${userPath} is a symbolic link to ${sanitizeLine(to)}; refusing to write through it`,
        'remove the link or name the file it points to',
      );
    }
    if (link.isDirectory()) return fail('io-is-directory', `${userPath} is a directory; name a file inside it`);
    if (!link.isFile()) return fail('io-not-regular', `${userPath} is not a regular file (a fifo, socket or device); name a file`);
    return { ok: true, path: resolved };
  }
  if (link.code !== 'ENOENT') return fail(ioCode(link), `cannot use ${userPath}: ${link.message}`);

  const dir = path.dirname(resolved);
  const parent = await stat(dir).catch((err: NodeJS.ErrnoException) => err);
  if (parent instanceof Error) {
    return parent.code === 'ENOENT' || parent.code === 'ENOTDIR'
      ? fail('io-not-found', `the directory for ${userPath} does not exist`, `create ${path.relative(cwd, dir) || dir} first`)
      : fail(ioCode(parent), `cannot use ${userPath}: ${parent.message}`);
  }
  if (!parent.isDirectory()) return fail('io-not-found', `${path.dirname(userPath)} is not a directory`);
  return { ok: true, path: resolved };
}

function ioCode(err: NodeJS.ErrnoException): string {
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'io-permission';
  if (err.code === 'ENOTDIR') return 'io-not-found';
  return 'io-error';
}
