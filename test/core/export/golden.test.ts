/**
 * Every format on both example plans with a fixed date and a scripted journal, byte for byte.
 * After an intended change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/core/export` and
 * review the diff of test/fixtures/export/ like any other change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportPlan, type ExportFormat, type ExportInput } from '../../../src/core/export/index.js';
import { baselineInput, baselineJournal, LATE_ON_CRITICAL_PATH } from './fixtures.js';
import { codonInput, crdtInput } from './fixtures.js';

const DIR = fileURLToPath(new URL('../../fixtures/export/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

const cases: { name: string; input: (extra: Partial<ExportInput>) => ExportInput; format: ExportFormat; per?: 'task' }[] = [];
for (const [name, input] of [
  ['codon-migration', codonInput],
  ['crdt-backup-rollout', crdtInput],
] as const) {
  for (const format of EXPORT_FORMATS) cases.push({ name, input, format });
  cases.push({ name, input, format: 'ics', per: 'task' }, { name, input, format: 'mermaid', per: 'task' });
}
// Against a baseline: saved at kickoff, then a critical task ran late and moved the end date.
const againstBaseline = (extra: Partial<ExportInput>) => baselineInput(extra, { events: baselineJournal(LATE_ON_CRITICAL_PATH), today: '2026-12-15' });
for (const format of EXPORT_FORMATS) cases.push({ name: 'crdt-backup-rollout.baseline', input: againstBaseline, format });
cases.push({ name: 'crdt-backup-rollout.baseline', input: againstBaseline, format: 'ics', per: 'task' }, { name: 'crdt-backup-rollout.baseline', input: againstBaseline, format: 'mermaid', per: 'task' });

describe('golden exports', () => {
  it.each(cases)('$name as $format $per', ({ name, input, format, per }) => {
    const text = exportPlan(format, input(per ? { per } : {}));
    const file = `${DIR}${name}${per ? `.per-${per}` : ''}${EXPORT_EXTENSIONS[format]}`;
    if (update || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it('is reproducible: the same inputs give the same bytes', () => {
    for (const format of EXPORT_FORMATS) expect(exportPlan(format, codonInput())).toBe(exportPlan(format, codonInput()));
  });
});
