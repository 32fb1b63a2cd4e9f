import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_MARKER_TEXT, exportPlan } from '../../../src/core/export/index.js';
import { EXPORT_MARKER, isEarlierExport } from '../../../src/plan/atomic-write.js';
import { codonInput, hostileInput } from './fixtures.js';

describe('export marker', () => {
  it('is the marker the overwrite check reads', () => {
    expect(EXPORT_MARKER_TEXT).toBe(EXPORT_MARKER);
  });

  it.each(EXPORT_FORMATS)('every %s export is recognised as an earlier export', (format) => {
    expect(isEarlierExport(exportPlan(format, codonInput()))).toBe(true);
    // Hostile text in the project or title must not push the marker out of the first lines.
    expect(isEarlierExport(exportPlan(format, hostileInput()))).toBe(true);
  });
});
