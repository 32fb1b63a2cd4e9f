/**
 * The JSON export, `"format": "roadmap.export/v1"`: the validated plan (defaults filled in), its
 * schedule and its status, in one document for scripts and dashboards. Documented in
 * docs/export.md; its JSON Schema is schema/export.schema.json (see exportJsonSchema).
 * Fields are only ever added within v1, never renamed or removed.
 */
import type { Plan } from '../plan-schema.js';
import type { IsoDate, Schedule } from '../schedule-types.js';
import type { PlanStatus } from '../status-types.js';
import { EXPORT_MARKER_TEXT } from './marker.js';
import { stringifyJson } from '../sanitize.js';
import type { ExportInput } from './view.js';
import type { BaselineComparison } from '../baseline.js';
import type { EndMover } from '../baseline-slip.js';

export const EXPORT_JSON_FORMAT = 'roadmap.export/v1';

export interface ExportDocument {
  format: typeof EXPORT_JSON_FORMAT;
  /** Always the export marker, so a later export may replace the file. */
  generator: string;
  /** Only when `--today` was given: the file stays reproducible otherwise. */
  generatedAt?: IsoDate;
  /** The plan as validated, with every default filled in. */
  plan: Plan;
  schedule: Schedule;
  status: PlanStatus;
  /**
   * Only when a baseline is in use (the newest in the journal, or `--baseline NAME`): the same
   * object `roadmap status --json` gives, the comparison of `roadmap baseline diff --json` plus
   * the components that on their own move the end date.
   */
  baseline?: BaselineComparison & { movesEnd: EndMover[] };
}

export function exportDocument(input: ExportInput): ExportDocument {
  return {
    format: EXPORT_JSON_FORMAT,
    generator: EXPORT_MARKER_TEXT,
    ...(input.generatedAt !== undefined ? { generatedAt: input.generatedAt } : {}),
    plan: input.plan,
    schedule: input.schedule,
    status: input.status,
    ...(input.baseline ? { baseline: { ...input.baseline.comparison, movesEnd: input.baseline.movesEnd } } : {}),
  };
}

export function exportJson(input: ExportInput): string {
  return `${stringifyJson(exportDocument(input))}\n`;
}
