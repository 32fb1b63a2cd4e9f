/** The baseline's words and marks in the TUI, pure. */
import { describe, expect, test } from 'vitest';
import type { ComponentComparison } from '../../../src/core/baseline.js';
import type { BaselineSlip } from '../../../src/core/baseline-slip.js';
import { PLAIN_THEME } from '../../../src/tui/theme.js';
import { comparisonLine, endText, markHelp, slipMark } from '../../../src/tui/views/baseline-text.js';
import { segmentsText } from '../../../src/tui/views/timeline.js';

const span = (start: string, end: string) => ({ startWeek: 1, endWeek: 1, start, end });
const row = (over: Partial<ComponentComparison>): ComponentComparison => ({ id: 'cache', title: 'Cache', state: 'todo', ...over });

function slip(end: { baseline: string; current: string; slip: number }, movesEnd: BaselineSlip['movesEnd'] = [], name = 'kickoff'): BaselineSlip {
  return {
    comparison: {
      baseline: { name, at: '2026-11-02T08:00:00.000Z', by: 'Ana' },
      today: '2026-11-13',
      end,
      components: [],
      weeks: [],
      added: [],
      removed: [],
    },
    slipped: [],
    movesEnd,
  };
}

describe('slip marks', () => {
  const none = new Set<string>();
  test('finish later or earlier in work days; the start when only it moved; new; nothing when it held', () => {
    expect(slipMark(row({ finishSlip: 3, startSlip: 1 }), none)).toEqual({ text: '+3d', tone: 'late', movesEnd: false });
    expect(slipMark(row({ finishSlip: -2, startSlip: 0 }), none)).toEqual({ text: '-2d', tone: 'early', movesEnd: false });
    expect(slipMark(row({ finishSlip: 0, startSlip: 2 }), none)).toEqual({ text: 's+2d', tone: 'late', movesEnd: false });
    expect(slipMark(row({ state: 'added' }), none)).toEqual({ text: 'new', tone: 'new', movesEnd: false });
    expect(slipMark(row({ finishSlip: 0, startSlip: 0 }), none)).toBeUndefined();
    expect(slipMark(undefined, none)).toBeUndefined();
    expect(slipMark(row({ finishSlip: 4 }), new Set(['cache']))?.movesEnd).toBe(true);
  });
});

describe('end date against the baseline', () => {
  test('later, earlier, the same day; the name is sanitised', () => {
    expect(endText(slip({ baseline: '2026-12-11', current: '2026-12-18', slip: 5 }))).toBe("ends 2026-12-18, 5 work days later than baseline 'kickoff' (2026-12-11)");
    expect(endText(slip({ baseline: '2026-12-11', current: '2026-12-10', slip: -1 }))).toBe("ends 2026-12-10, 1 work day earlier than baseline 'kickoff' (2026-12-11)");
    expect(endText(slip({ baseline: '2026-12-11', current: '2026-12-11', slip: 0 }))).toBe("ends 2026-12-11, as in baseline 'kickoff'");
    expect(endText(slip({ baseline: '2026-12-11', current: '2026-12-11', slip: 0 }, [], 'k\u001B[31mick'))).not.toMatch(/\u001B/);
  });
});

describe('the detail pane line', () => {
  const b = slip({ baseline: '2026-12-11', current: '2026-12-18', slip: 5 });
  const text = (c: ComponentComparison) => segmentsText(comparisonLine(c, b, PLAIN_THEME));
  test('planned -> actual/projected start and finish with the slips', () => {
    expect(text(row({ planned: span('2026-12-04', '2026-12-04'), current: span('2026-12-11', '2026-12-11'), startSlip: 5, finishSlip: 5, source: 'projected' }))).toBe(
      "baseline 'kickoff' start 12-04 -> 12-11 +5d  finish 12-04 -> 12-11 +5d  projected from today",
    );
    expect(text(row({ planned: span('2026-11-02', '2026-11-06'), current: span('2026-11-02', '2026-11-06'), startSlip: 0, finishSlip: 0, source: 'actual' }))).toBe(
      "baseline 'kickoff' start 11-02  finish 11-06  actual",
    );
    expect(text(row({ state: 'added', current: span('2026-12-04', '2026-12-04'), source: 'projected' }))).toBe("baseline 'kickoff' not in it: added since");
    expect(text(row({ planned: span('2026-12-04', '2026-12-04') }))).toBe("baseline 'kickoff' finish 12-04, now not scheduled");
  });
});

describe('help', () => {
  test('the Roadmap explains every mark, naming the baseline or how to save one', () => {
    const rows = markHelp('roadmap', 'kickoff', true);
    expect(rows.map((r) => r.keys)).toEqual(['^', 'id*', '! (dates)', '+3d / -2d', 's+2d', 'new', 'ends ...']);
    expect(rows[3]!.description).toBe("finish later / earlier (work days) vs baseline 'kickoff'");
    expect(markHelp('roadmap', undefined, false)[3]!.description).toContain('none yet (roadmap baseline save)');
    expect(markHelp('roadmap', undefined, true)[3]!.description).toContain('being worked out');
    expect(markHelp('week', 'kickoff', true)[0]!.description).toBe("second line: the finishes due this week, done and late, vs baseline 'kickoff'");
    expect(markHelp('metrics', 'kickoff', true)).toEqual([]);
  });
});
