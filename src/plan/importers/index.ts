/**
 * `roadmap import`: recognises a file by its content (not its name) and hands it to its importer.
 * Formats: Istanbul/c8 coverage-summary.json, JUnit XML, roadmap.bench/v1 JSON (docs/tracking.md).
 */
import { problem } from '../../core/problem.js';
import { looksLikeBench, parseBench } from './bench.js';
import { looksLikeCoverage, parseCoverageSummary } from './coverage.js';
import { looksLikeJunit, parseJunit } from './junit.js';
import type { ImportResult } from './types.js';

export type { ImportFormat, ImportResult, ImportedValue } from './types.js';

/** Evidence files are small reports; anything bigger is not one of ours. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function parseImport(text: string, file: string): ImportResult {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    if (looksLikeJunit(trimmed)) return parseJunit(text, file);
    return unknownFormat(file, 'an XML file without <testsuites> or <testsuite>');
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (err) {
    return unknownFormat(file, `neither XML nor valid JSON (${(err as Error).message})`);
  }
  if (looksLikeBench(data)) return parseBench(data, file);
  if (looksLikeCoverage(data)) return parseCoverageSummary(data, file);
  if (typeof data === 'object' && data !== null && 'format' in data) {
    return unknownFormat(file, `a JSON file with format ${JSON.stringify((data as { format: unknown }).format)}`);
  }
  return unknownFormat(file, 'a JSON file that is neither a coverage summary nor a roadmap.bench/v1 file');
}

function unknownFormat(file: string, what: string): ImportResult {
  return {
    format: undefined,
    values: [],
    problems: [
      problem('import-unknown-format', `cannot import this file: it is ${what}`, {
        file,
        hint: 'roadmap imports coverage-summary.json (json-summary reporter), JUnit XML, and roadmap.bench/v1 JSON; see docs/tracking.md',
      }),
    ],
  };
}
