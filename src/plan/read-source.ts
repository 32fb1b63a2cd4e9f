/**
 * The file edge of the loader: read a plan's bytes safely and decode them as UTF-8.
 *
 * Every failure is a Problem, never a throw. I/O failures carry codes starting with `io-` (the CLI
 * maps them to exit 3); content that is not UTF-8 text is an ordinary problem (exit 1).
 */
import { open, readdir } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { problem, type Problem } from '../core/problem.js';
import { nearestId } from '../core/nearest-id.js';

/**
 * Anything this large is a mistake. Generated matrices do get big (50,000 components is about
 * 35 MB), and the fast path (fast-parse.ts) reads those in seconds where yaml needs a minute.
 */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KiB` : `${n} bytes`;

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; problem: Problem };

/**
 * Reads the whole file, refusing anything that is not a regular file of at most `maxBytes`.
 * The file is opened non-blocking and checked with fstat before any read, so a FIFO (or a device)
 * is rejected instead of blocking forever waiting for a writer.
 */
export async function readPlanBytes(
  file: string,
  displayName: string,
  opts: { maxBytes?: number } = {},
): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? MAX_PLAN_BYTES;
  const fail = (code: string, message: string, hint?: string): ReadResult => ({
    ok: false,
    problem: problem(code, message, { file: displayName, ...(hint ? { hint } : {}) }),
  });
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return openFailure(err as NodeJS.ErrnoException, file, displayName, fail);
  }
  try {
    let stats: Stats;
    try {
      stats = await handle.stat();
    } catch (err) {
      return fail('io-read-failed', `cannot read ${displayName}: ${errorText(err)}`);
    }
    if (stats.isDirectory()) {
      return fail('io-is-directory', `${displayName} is a directory, not a plan file`, 'name a .yaml file inside it');
    }
    if (!stats.isFile()) {
      return fail(
        'io-not-regular',
        `${displayName} is not a regular file (${fileKind(stats)})`,
        'save the plan to a file and name that file',
      );
    }
    if (stats.size > maxBytes) return tooLarge(stats.size);
    // Read at most one byte past the cap: the size can change between fstat and read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(maxBytes + 1 - total, 1024 * 1024);
      if (want <= 0) break;
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) return tooLarge(undefined);
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EISDIR') return fail('io-is-directory', `${displayName} is a directory, not a plan file`);
    return fail('io-read-failed', `cannot read ${displayName}: ${errorText(err)}`);
  } finally {
    await handle.close().catch(() => undefined);
  }

  /** `size` is undefined when the file grew past the cap while being read. */
  function tooLarge(size: number | undefined): ReadResult {
    const actual = size === undefined ? '' : ` (${formatBytes(size)}, ${size} bytes)`;
    return fail(
      'io-too-large',
      `${displayName} is too large${actual}; plans are limited to ${formatBytes(maxBytes)}`,
      'is this the right file? A plan with 50,000 components is still well under 64 MiB',
    );
  }
}

async function openFailure(
  err: NodeJS.ErrnoException,
  file: string,
  displayName: string,
  fail: (code: string, message: string, hint?: string) => ReadResult,
): Promise<ReadResult> {
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR': {
      const near = await nearbyFile(file);
      return fail(
        'io-not-found',
        `${displayName} does not exist`,
        near ? `did you mean "${path.join(path.dirname(displayName), near)}"?` : 'check the path; plans usually live in plans/',
      );
    }
    case 'EACCES':
    case 'EPERM':
      return fail('io-permission', `permission denied reading ${displayName}`, 'check the file\'s permissions (chmod u+r)');
    case 'EISDIR':
      return fail('io-is-directory', `${displayName} is a directory, not a plan file`, 'name a .yaml file inside it');
    case 'ENXIO':
      return fail('io-not-regular', `${displayName} is not a regular file (a socket or device)`);
    case 'ELOOP':
      return fail('io-read-failed', `cannot read ${displayName}: too many levels of symbolic links`);
    default:
      return fail('io-read-failed', `cannot read ${displayName}: ${errorText(err)}`);
  }
}

/** A sibling file whose name is a likely typo of the requested one. */
async function nearbyFile(file: string): Promise<string | undefined> {
  try {
    const names = await readdir(path.dirname(file));
    return nearestId(path.basename(file), names.filter((n) => /\.ya?ml$/i.test(n)));
  } catch {
    return undefined;
  }
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e && typeof e === 'object' && e.code ? e.code : String(err);
}

export type DecodeResult =
  | { ok: true; text: string }
  /** `text` is a best-effort decoding (U+FFFD for bad bytes) for showing the problem in context. */
  | { ok: false; text: string; problems: Problem[] };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes plan bytes as UTF-8 (stripping a UTF-8 BOM), refusing empty files, UTF-16/32, binary
 * data and invalid UTF-8 (with the position of the first bad byte).
 */
export function decodePlanBytes(bytes: Uint8Array, displayName: string): DecodeResult {
  const fail = (code: string, message: string, extra: Partial<Problem> = {}, text = ''): DecodeResult => ({
    ok: false,
    text,
    problems: [problem(code, message, { file: displayName, ...extra })],
  });
  if (bytes.length === 0) {
    return fail('empty-file', `${displayName} is empty`, { hint: 'a plan starts with "version: 1"; see plans/codon-migration.yaml' });
  }
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    return fail('encoding-utf16', `${displayName} is encoded as ${utf16}, not UTF-8`, {
      hint: 'save it as UTF-8 (most editors offer this under "Save with encoding")',
    });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fail('binary-file', `${displayName} looks like a binary file (it holds a NUL byte at offset ${nul}), not a YAML plan`, {
      hint: 'name the plan\'s .yaml file',
    });
  }
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8(body);
    const prefix = Buffer.from(body.buffer, body.byteOffset, offset).toString('utf8');
    const lastNewline = prefix.lastIndexOf('\n');
    const line = countNewlines(prefix) + 1;
    const column = prefix.length - lastNewline;
    const byte = body[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return fail(
      'encoding-invalid-utf8',
      `${displayName} is not valid UTF-8: byte 0x${byte} at offset ${offset + (hasBom ? 3 : 0)} cannot start or continue a character`,
      { line, column, hint: 'save it as UTF-8; the file may be Latin-1 or Windows-1252' },
      Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'),
    );
  }
  return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8') };
}

/** "UTF-16" / "UTF-32" from a byte order mark, or from NULs in every other byte of ASCII text. */
function utf16Kind(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return 'UTF-32';
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'UTF-16';
  // Without a BOM: ASCII text in UTF-16 has a NUL in every other byte.
  const n = Math.min(bytes.length, 256) & ~1;
  if (n < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  if ((evenNuls >= pairs * 0.75 && oddNuls === 0) || (oddNuls >= pairs * 0.75 && evenNuls === 0)) return 'UTF-16';
  return undefined;
}

/** Offset of the first byte that breaks UTF-8 (only called once isUtf8 said there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return bytes.length;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
