import { describe, expect, test } from 'vitest';
import { schedulePlan } from '../../../src/core/schedule.js';
import { PLAIN_THEME } from '../../../src/tui/theme.js';
import {
  calendarNotes,
  capacityLine,
  componentTimeline,
  dateHeading,
  segmentsText,
  todayPosition,
  weekHeading,
  type TimelineWindow,
} from '../../../src/tui/views/timeline.js';
import { examplePlan } from '../../helpers/plan-builder.js';

const codon = schedulePlan(examplePlan('codon-migration'));
const crdt = schedulePlan(examplePlan('crdt-backup-rollout'));

const win = (schedule: typeof codon, today: string, offset = 0, count = 6): TimelineWindow => ({
  weeks: schedule.weeks,
  offset,
  count,
  cells: 6,
  today: todayPosition(schedule.weeks, today, 6),
  theme: PLAIN_THEME,
});

describe('the Roadmap timeline', () => {
  test('today is placed by work day inside its week; outside the schedule there is no marker', () => {
    expect(todayPosition(codon.weeks, '2026-11-23', 6)).toEqual({ week: 4, cell: 0 });
    expect(todayPosition(codon.weeks, '2026-11-27', 6)).toEqual({ week: 4, cell: 4 });
    // A Sunday: after all five work days, the last cell.
    expect(todayPosition(codon.weeks, '2026-11-29', 6)).toEqual({ week: 4, cell: 5 });
    expect(todayPosition(codon.weeks, '2027-06-01', 6)).toBeUndefined();
  });

  test('a component bar fills its days and the today column shows through empty cells', () => {
    const c = (id: string) => codon.components.find((x) => x.id === id)!;
    const w = win(codon, '2026-11-25');
    const blank = '       ';
    // Wednesday: two of five work days gone, so the marker sits in the third of six cells.
    expect(segmentsText(componentTimeline(c('dynamic-feature-detection'), w))).toBe(['██████ ', blank, blank, '  │    ', blank, blank].join(''));
    // cache takes the last work day of week 5 (after authentication and stream-management).
    expect(segmentsText(componentTimeline(c('cache'), w))).toBe([blank, blank, blank, '  │    ', '    ██ ', blank].join(''));
  });

  test('headings name each week and flag weeks that lose days; capacity shows used of available', () => {
    const w = win(crdt, '2026-11-23');
    expect(segmentsText(weekHeading(w)).trimEnd()).toBe('Week 1 Week 2 Week 3 Week 4 Week 5 Week 6');
    expect(segmentsText(dateHeading(w)).trimEnd()).toBe('12-07  12-14  12-21! 12-28! 01-04  01-11');
    expect(segmentsText(capacityLine(w)).trimEnd()).toBe('10/10  6/10   4/6    0/0    10/10  1/10');
    expect(calendarNotes(w)).toEqual([
      'W3 12-24 Christmas Eve',
      'W3 12-25 Christmas Day',
      "W4 01-01 New Year's Day",
      'W4 frozen 12-28..12-31',
    ]);
  });

  test('long schedules switch to short week labels', () => {
    const long = { ...win(codon, '2026-11-23'), weeks: Array.from({ length: 12 }, (_, i) => ({ ...codon.weeks[0]!, index: i + 1 })), offset: 6 };
    expect(segmentsText(weekHeading(long)).trimEnd()).toBe('W7     W8     W9     W10    W11    W12');
  });
});
