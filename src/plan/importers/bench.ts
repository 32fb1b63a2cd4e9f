/**
 * roadmap's own benchmark format, for any tool that can print JSON:
 * `{ "format": "roadmap.bench/v1", "results": [{ "metric": "analytics-speedup", "value": 112.4, "note": "..." }] }`.
 */
import { z } from 'zod';
import { problem } from '../../core/problem.js';
import type { ImportResult } from './types.js';

export const BENCH_FORMAT = 'roadmap.bench/v1';

const BenchFile = z.object({
  format: z.literal(BENCH_FORMAT),
  results: z
    .array(
      z.object({
        metric: z.string().min(1).max(200),
        value: z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
        note: z.string().max(10_000).optional(),
      }),
    )
    .min(1, { message: 'list at least one result' }),
});

export function looksLikeBench(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === BENCH_FORMAT;
}

export function parseBench(data: unknown, file: string): ImportResult {
  const result: ImportResult = { format: 'bench', values: [], problems: [] };
  const parsed = BenchFile.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
      result.problems.push(problem('import-bad-bench', `benchmark file not understood${at}: ${issue.message}`, { file, path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) }));
    }
    return result;
  }
  for (const r of parsed.data.results) {
    result.values.push({ kind: 'bench', metric: r.metric, value: r.value, detail: 'benchmark result', ...(r.note !== undefined ? { note: r.note } : {}) });
  }
  return result;
}
