import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportCsv } from '../../../src/core/export/csv.js';
import { sanitize } from '../../../src/core/sanitize.js';
import { isEarlierExport } from '../../../src/plan/atomic-write.js';
import { codonInput, hostileInput } from './fixtures.js';

// No comment option: a spreadsheet has none either, so the file must parse as plain RFC 4180.
const read = (text: string) => parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];

describe('CSV export', () => {
  it('has a header row and one row per task, read back by csv-parse', () => {
    const input = codonInput();
    const rows = read(exportCsv(input));
    const tasks = input.schedule.components.flatMap((c) => c.tasks);
    expect(rows).toHaveLength(tasks.length);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows[0]).toEqual({
      phase: 'Phase 1: Critical Priority Components',
      week: '1',
      start: '2026-11-02',
      end: '2026-11-03',
      days: 'Day 1-2',
      component_id: 'dynamic-feature-detection',
      component: 'Dynamic Feature Detection System',
      task_id: 'plugin-registry',
      task: 'Plugin System Refactoring',
      effort: '6',
      status: 'done',
      owner: 'Ana',
    });
    expect(rows.map((r) => r.task_id)).toEqual(tasks.map((t) => t.id));
  });

  it('ends every line in CRLF and starts with the header row, which marks it as an export', () => {
    const text = exportCsv(codonInput());
    expect(text.split('\r\n').slice(0, -1).every((line) => !line.includes('\n'))).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('phase,week,start,end,days,component_id,component,task_id,task,effort,status,owner');
    expect(isEarlierExport(text)).toBe(true);
    expect(isEarlierExport('name,amount\r\nrent,100\r\n')).toBe(false);
  });

  it('keeps hostile text intact and defuses formulas', () => {
    const input = hostileInput();
    const rows = read(exportCsv(input));
    const tasks = input.schedule.components.flatMap((c) => c.tasks);
    expect(rows).toHaveLength(tasks.length);
    for (const [i, task] of tasks.entries()) {
      const clean = sanitize(task.title.replace(/\r\n?/g, '\n'));
      const expected = /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
      expect(rows[i]!.task).toBe(expected);
    }
    const formula = rows.find((r) => r.task_id === 'formula')!;
    expect(formula.task).toBe(`'=cmd|' /C calc'!A0`);
    expect(formula.owner).toBe("'@SUM(A1:A2)");
    expect(rows.find((r) => r.task_id === 'tricky')!.owner).toBe("'+1 555 0100");
    // No cell a spreadsheet would evaluate.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });
});
