/**
 * Istanbul / c8 / nyc / vitest `coverage-summary.json` (the `json-summary` reporter):
 * `{ "total": { "lines": { "total", "covered", "skipped", "pct" }, "statements": ..., ... }, "<file>": ... }`.
 * The value recorded is `total.lines.pct`, the figure every coverage badge shows.
 */
import { problem } from '../../core/problem.js';
import type { ImportResult } from './types.js';

interface Counter {
  total?: unknown;
  covered?: unknown;
  pct?: unknown;
}

export function looksLikeCoverage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && typeof (data as { total?: { lines?: unknown } }).total?.lines === 'object';
}

export function parseCoverageSummary(data: unknown, file: string): ImportResult {
  const result: ImportResult = { format: 'coverage', values: [], problems: [] };
  if (!looksLikeCoverage(data)) {
    result.problems.push(problem('import-bad-coverage', 'not a coverage summary: expected "total.lines" (the json-summary reporter output)', { file }));
    return result;
  }
  const lines = (data as { total: { lines: Counter } }).total.lines;
  const pct = lines.pct;
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    const why = pct === 'Unknown' ? 'no lines were instrumented (pct is "Unknown")' : `total.lines.pct is ${JSON.stringify(pct)}, not a percentage`;
    result.problems.push(problem('import-bad-coverage', `cannot read line coverage: ${why}`, { file }));
    return result;
  }
  const counts =
    typeof lines.covered === 'number' && typeof lines.total === 'number' ? ` (${lines.covered} of ${lines.total} lines)` : '';
  result.values.push({ kind: 'coverage', value: pct, detail: `lines ${pct} %${counts}` });
  return result;
}
