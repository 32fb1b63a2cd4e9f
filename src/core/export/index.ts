/**
 * `roadmap export`'s core: plan + schedule + status in, one document out, per format. Pure.
 */
import { exportCsv } from './csv.js';
import { exportHtml } from './html.js';
import { exportIcs } from './ics.js';
import { exportJson } from './json.js';
import { exportMarkdown } from './markdown.js';
import type { ExportFormat } from './marker.js';
import { exportMermaid } from './mermaid.js';
import type { ExportInput } from './view.js';

export { EXPORT_FORMATS, EXPORT_MARKER_TEXT, type ExportFormat } from './marker.js';
export type { ExportInput } from './view.js';

const EXPORTERS: Record<ExportFormat, (input: ExportInput) => string> = {
  md: exportMarkdown,
  json: exportJson,
  csv: exportCsv,
  ics: exportIcs,
  mermaid: exportMermaid,
  html: exportHtml,
};

/** The usual file extension per format, for messages and docs. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  md: '.md',
  json: '.json',
  csv: '.csv',
  ics: '.ics',
  mermaid: '.mmd',
  html: '.html',
};

/** Formats where `per` chooses the granularity of events or bars. */
export const PER_FORMATS: readonly ExportFormat[] = ['ics', 'mermaid'];

export function exportPlan(format: ExportFormat, input: ExportInput): string {
  return EXPORTERS[format](input);
}
