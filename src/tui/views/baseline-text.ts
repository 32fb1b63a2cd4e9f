/**
 * The comparison with a baseline as the views draw it, pure: the slip mark on a Roadmap row, the
 * end-date summary above the timeline, the planned vs actual/projected line in the Matrix detail
 * pane, and what help says about them. Slips are work days of the plan's calendar, as
 * `roadmap status --baseline` counts them (src/core/baseline.ts).
 */
import type { ComponentComparison, WeekComparison } from '../../core/baseline.js';
import type { BaselineSlip } from '../../core/baseline-slip.js';
import { clean, fit, seg, shortDate, type Line } from '../text.js';
import type { TextStyle, Theme } from '../theme.js';

/** How the Roadmap marks a component against the baseline; the legend and help use the same words. */
export const SLIP_LEGEND = '+3d/-2d finish later/earlier than the baseline';

export type SlipTone = 'late' | 'early' | 'new';

export interface SlipMark {
  /** "+3d", "-2d", "s+2d" (the start moved, the finish held), "new" (not in the baseline). */
  text: string;
  tone: SlipTone;
  /** Slipped past its baseline slack: on its own it moves the end date. */
  movesEnd: boolean;
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}d`;

/** The mark for a component, or undefined when it is where the baseline had it. */
export function slipMark(c: ComponentComparison | undefined, movesEnd: ReadonlySet<string>): SlipMark | undefined {
  if (!c) return undefined;
  if (c.state === 'added') return { text: 'new', tone: 'new', movesEnd: false };
  const finish = c.finishSlip ?? 0;
  const start = c.startSlip ?? 0;
  if (finish !== 0) return { text: signed(finish), tone: finish > 0 ? 'late' : 'early', movesEnd: movesEnd.has(c.id) };
  if (start !== 0) return { text: `s${signed(start)}`, tone: start > 0 ? 'late' : 'early', movesEnd: false };
  return undefined;
}

export function slipStyle(mark: SlipMark, theme: Theme): TextStyle {
  if (mark.movesEnd) return theme.error;
  return mark.tone === 'late' ? theme.warning : mark.tone === 'early' ? theme.ok : theme.accent;
}

const workDays = (n: number) => `${n} work day${n === 1 ? '' : 's'}`;

/** "ends 2026-12-18, 5 work days later than baseline 'kickoff' (2026-12-11)". */
export function endText(slip: BaselineSlip): string {
  const c = slip.comparison;
  const name = `baseline '${clean(c.baseline.name)}'`;
  const n = c.end.slip;
  if (n === 0 && c.end.current === c.end.baseline) return `ends ${c.end.current}, as in ${name}`;
  return `ends ${c.end.current}, ${workDays(Math.abs(n))} ${n >= 0 ? 'later' : 'earlier'} than ${name} (${c.end.baseline})`;
}

/**
 * The Roadmap's summary line: the end date against the baseline first (a narrow terminal cuts
 * the end of the line), then whether it is being worked out again, how many slipped, the first
 * that moves the end date, and the legend of the row marks.
 */
export function baselineSummary(slip: BaselineSlip, stale: boolean, theme: Theme): Line {
  const n = slip.comparison.end.slip;
  const line: Line = [seg(endText(slip), n > 0 ? theme.warning : n < 0 ? theme.ok : undefined)];
  if (stale) line.push(seg('  (updating...)', theme.muted));
  const parts = [`${slip.slipped.length} slipped`];
  const first = slip.movesEnd[0];
  if (first) parts.push(`${clean(first.id)} moves the end`);
  parts.push(SLIP_LEGEND);
  line.push(seg(`  · ${parts.join(' · ')}`, theme.muted));
  return line;
}

/**
 * The Week view's word on a week against the baseline: the finishes the baseline had in it, how
 * many are done and how many now finish later. Weeks are matched by date, so a new start date
 * (d) compares the same calendar week.
 */
export function weekComparisonText(slip: BaselineSlip, weekStart: string): { text: string; late: boolean } | undefined {
  const w = slip.comparison.weeks.find((x) => x.start === weekStart);
  const name = `baseline '${clean(slip.comparison.baseline.name)}'`;
  if (!w) return undefined;
  return { text: weekText(w, name), late: w.late > 0 };
}

function weekText(w: WeekComparison, name: string): string {
  const n = w.planned.length;
  if (n === 0) return `${name}: no finish due`;
  const parts = [`${n} finish${n === 1 ? '' : 'es'} due`, `${w.done} done`];
  if (w.late > 0) parts.push(`${w.late} late${w.worstSlip > 0 ? ` (up to +${w.worstSlip}d)` : ''}`);
  return `${name}: ${parts.join(', ')}`;
}

const SOURCE: Record<NonNullable<ComponentComparison['source']>, string> = {
  actual: 'actual',
  started: 'started, finish projected',
  projected: 'projected from today',
  planned: 'planned',
};

/** One date against the baseline: "11-13 -> 11-18 +3d", or "11-13" when it held. */
function moved(label: string, before: string, after: string, n: number | undefined): string {
  if (before === after && !n) return `${label} ${shortDate(before)}`;
  return `${label} ${shortDate(before)} -> ${shortDate(after)} ${signed(n ?? 0)}`;
}

/**
 * The Matrix detail pane's line: planned (the baseline's dates) vs actual or projected start and
 * finish, with the slips in work days.
 */
export function comparisonLine(c: ComponentComparison, slip: BaselineSlip, theme: Theme): Line {
  const name = fit(clean(slip.comparison.baseline.name), 16).trimEnd();
  const head = seg(`baseline '${name}' `, theme.muted);
  if (!c.planned) return [head, seg('not in it: added since', theme.accent)];
  if (!c.current) return [head, seg(`finish ${shortDate(c.planned.end)}, now not scheduled`, theme.warning)];
  const finish = c.finishSlip ?? 0;
  const style = slip.movesEnd.some((m) => m.id === c.id) ? theme.error : finish > 0 ? theme.warning : finish < 0 ? theme.ok : undefined;
  return [
    head,
    seg(moved('start', c.planned.start, c.current.start, c.startSlip)),
    seg('  '),
    seg(moved('finish', c.planned.end, c.current.end, c.finishSlip), style),
    seg(`  ${c.source ? SOURCE[c.source] : ''}`, theme.muted),
  ];
}

/** What help says about the marks of a view, given the baseline compared with (if any). */
export function markHelp(view: string, baselineName: string | undefined, inJournal: boolean): { keys: string; description: string }[] {
  const which =
    baselineName !== undefined
      ? `vs baseline '${clean(baselineName)}'`
      : inJournal
        ? 'vs the baseline (being worked out)'
        : 'vs a baseline: none yet (roadmap baseline save)';
  if (view === 'roadmap') {
    return [
      { keys: '^', description: 'on the critical path: a one-work-day slip moves the end date' },
      { keys: 'id*', description: 'pinned to its week' },
      { keys: '! (dates)', description: 'the week loses days to holidays or a freeze' },
      { keys: '+3d / -2d', description: `finish later / earlier (work days) ${which}` },
      { keys: 's+2d', description: 'the start moved, the finish held' },
      { keys: 'new', description: 'not in the baseline; red: slipped past its slack, moves the end' },
      { keys: 'ends ...', description: 'the end date re-planned from today against the baseline' },
    ];
  }
  if (view === 'matrix') {
    return [{ keys: "baseline '...'", description: `detail pane: planned -> actual/projected start and finish ${which}` }];
  }
  if (view === 'week') {
    return [{ keys: "baseline '...'", description: `second line: the finishes due this week, done and late, ${which}` }];
  }
  return [];
}
