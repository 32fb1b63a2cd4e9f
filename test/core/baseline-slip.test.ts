import { describe, expect, test } from 'vitest';
import type { Baseline, BaselineComparison, ComponentComparison } from '../../src/core/baseline.js';
import { endMoverText, summarizeBaselineSlip } from '../../src/core/baseline-slip.js';

const span = (start: string, end: string) => ({ startWeek: 1, endWeek: 1, start, end });
const row = (id: string, start: string, startSlip: number, finishSlip: number, extra: Partial<ComponentComparison> = {}): ComponentComparison => ({
  id,
  title: id,
  state: 'todo',
  planned: span(start, start),
  current: span(start, start),
  startSlip,
  finishSlip,
  ...extra,
});

function fixture(rows: ComponentComparison[], slack: Record<string, number>) {
  const baseline: Baseline = {
    name: 'b',
    at: '2026-11-02T08:00:00.000Z',
    by: 'Ana',
    data: {
      format: 'roadmap.baseline/v1',
      start: '2026-11-02',
      end: '2026-11-30',
      weeks: 4,
      components: rows.map((r) => ({ id: r.id, startWeek: 1, endWeek: 1, start: r.planned!.start, end: r.planned!.end, effort: 1, slack: slack[r.id], tasks: [] })),
    },
  };
  const comparison: BaselineComparison = {
    baseline: { name: 'b', at: baseline.at, by: 'Ana' },
    today: '2026-11-10',
    end: { baseline: '2026-11-30', current: '2026-12-01', slip: 1 },
    components: rows,
    weeks: [],
    added: [],
    removed: [],
  };
  return summarizeBaselineSlip(baseline, comparison);
}

describe('summarizeBaselineSlip', () => {
  test('a slip within the slack leaves the end alone; past it, or with zero slack, it moves the end', () => {
    const s = fixture([row('late-start', '2026-11-09', 3, 3), row('within', '2026-11-02', 0, 2), row('past', '2026-11-03', 0, 4), row('ontime', '2026-11-04', 0, 0)], {
      'late-start': 0,
      within: 2,
      past: 3,
      ontime: 0,
    });
    expect(s.slipped.map((r) => r.id)).toEqual(['past', 'late-start', 'within']);
    // Earliest baselined start first: where the slip began.
    expect(s.movesEnd).toEqual([
      { id: 'past', slip: 4, slack: 3 },
      { id: 'late-start', slip: 3, slack: 0 },
    ]);
    expect(endMoverText(s.movesEnd[0]!)).toBe('past slipped +4 d, past its 3 d of slack: it moves the end date');
    expect(endMoverText(s.movesEnd[1]!)).toBe('late-start had no slack and slipped +3 d: it moves the end date');
  });

  test('work no longer scheduled counts as slipped first; removed, skipped and early work does not', () => {
    const gone = row('gone', '2026-11-05', 0, 0);
    delete gone.current;
    delete gone.finishSlip;
    const s = fixture([row('early', '2026-11-02', -1, -2), row('removed', '2026-11-02', 5, 5, { state: 'removed' }), row('skip', '2026-11-02', 5, 5, { state: 'skipped' }), row('a', '2026-11-02', 1, 1), gone], {});
    expect(s.slipped.map((r) => r.id)).toEqual(['gone', 'a']);
    // Without slack in the baseline there is nothing to say about the end date.
    expect(s.movesEnd).toEqual([]);
  });
});
