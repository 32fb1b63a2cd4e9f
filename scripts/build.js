#!/usr/bin/env node
/**
 * `npm run build`: type-check and compile src/ to dist/ with the local tsc, then write a stamp that
 * scripts/build-if-needed.js compares against. Only node builtins are loaded at the top so that
 * build-if-needed can import this file on every `npm start` for free.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, '.build-stamp.json');

/** Files whose change means dist/ is out of date (src/ is scanned recursively). */
const INPUT_FILES = ['tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.js'];

/**
 * The newest mtime among the build inputs. Directory mtimes count too: deleting or renaming a
 * source file changes only its directory's mtime.
 */
export function newestInputMtime(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
      newest = Math.max(newest, statSync(dir).mtimeMs);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  for (const file of INPUT_FILES) {
    try {
      newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
    } catch {
      // An optional input (package-lock.json) may be absent.
    }
  }
  return newest;
}

/**
 * Builds from scratch: stale files from deleted sources are removed first, so dist/ holds exactly
 * what src/ compiles to. Throws (after tsc has printed its diagnostics) when the build fails, and
 * then writes no stamp, so the next `npm start` tries again.
 */
export function build({ root = ROOT } = {}) {
  const dist = path.join(root, 'dist');
  // Sampled before compiling: an edit made while tsc runs is newer and triggers the next build.
  const inputsMtimeMs = newestInputMtime(root);
  rmSync(dist, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
  execFileSync(tsc, ['-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  mkdirSync(dist, { recursive: true });
  writeFileSync(
    path.join(dist, '.build-stamp.json'),
    `${JSON.stringify({ inputsMtimeMs, builtAt: new Date().toISOString() })}\n`,
  );
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    build();
  } catch (err) {
    // tsc has already printed its diagnostics; one line says which step failed.
    process.stderr.write(`build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exitCode = 1;
  }
}
