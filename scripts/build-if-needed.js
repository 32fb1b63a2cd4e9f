#!/usr/bin/env node
/**
 * `npm start` / `npm run roadmap` call this first: build only when dist/ is missing or older than
 * its inputs (src/, tsconfig.json, package.json, the build script), so an unchanged clone starts
 * without paying for tsc.
 */
import { readFileSync } from 'node:fs';
import { STAMP, build, newestInputMtime } from './build.js';

/** Why a build is needed, or undefined when dist/ is up to date. */
function staleReason(stampFile = STAMP, inputsMtimeMs = newestInputMtime()) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'dist/ has not been built';
  }
  if (typeof stamp?.inputsMtimeMs !== 'number') return 'the build stamp is unreadable';
  if (inputsMtimeMs > stamp.inputsMtimeMs) return 'sources changed since the last build';
  return undefined;
}

const reason = staleReason();
if (reason !== undefined) {
  process.stderr.write(`roadmap: building (${reason})...\n`);
  try {
    await build();
  } catch (err) {
    process.stderr.write(`roadmap: build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exitCode = 1;
  }
}
