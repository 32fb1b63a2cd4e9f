/**
 * View 2, Roadmap: phases and their components on a week timeline (Gantt bars over the work
 * days each component uses), a today marker, capacity used and work done per week, and the
 * holidays and freezes the schedule worked around.
 */
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { ScheduledComponent, ScheduledPhase } from '../../core/schedule-types.js';
import { LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, roadmapLayout, viewSize } from '../layout.js';
import { baselineRow, baselineStale, shownBaseline } from '../state/baseline.js';
import { useTheme, useTuiState } from '../state/context.js';
import { roadmapRows, type RoadmapRow } from '../state/rows.js';
import { clean, fit, seg, weekSpan, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import {
  calendarNotes,
  capacityLine,
  componentTimeline,
  dateHeading,
  progressLine,
  roadmapLabel,
  todayPosition,
  weekHeading,
  TODAY_MARK,
  CRITICAL_MARK,
  type TimelineWindow,
} from './timeline.js';
import { baselineSummary, slipMark, slipStyle, type SlipMark } from './baseline-text.js';
import type { ViewDef } from './view-def.js';

interface ComponentRowProps {
  component: ScheduledComponent;
  selected: boolean;
  labelWidth: number;
  win: TimelineWindow;
  /** Its finish (or start) against the baseline, when it moved. */
  slip: SlipMark | undefined;
}

const ComponentRowView = memo(function ComponentRowView({ component: c, selected, labelWidth, win, slip }: ComponentRowProps) {
  const { mark, text } = roadmapLabel(c, selected);
  // The slip sits at the right end of the label column, so the id keeps the start of the row.
  const tail = slip ? ` ${slip.text}` : '';
  const label = fit(`${mark}${text}`, labelWidth - tail.length);
  const markStyle = selected ? win.theme.selected : c.critical ? win.theme.warning : undefined;
  const line: Line = [seg(label.slice(0, mark.length), markStyle), seg(label.slice(mark.length), selected ? win.theme.selected : undefined)];
  if (slip) line.push(seg(tail, slipStyle(slip, win.theme)));
  line.push(seg(' '), ...componentTimeline(c, win));
  return <LineText line={line} />;
});

const PhaseRowView = memo(function PhaseRowView({ phase, theme }: { phase: ScheduledPhase; theme: Theme }) {
  return (
    <LineText
      line={[seg(`${phase.id} ${clean(phase.title)}`, theme.heading), seg(`  weeks ${weekSpan(phase.startWeek, phase.endWeek)}  ${phase.start} to ${phase.end}`, theme.muted)]}
    />
  );
});

export function RoadmapView() {
  const state = useTuiState();
  const theme = useTheme();
  const baseline = shownBaseline(state);
  const summaryRow = baselineRow(state);
  const layout = roadmapLayout(viewSize(state), { baseline: summaryRow });
  const stale = baselineStale(state);
  // Marks are made when a row first shows and kept for the comparison's life: the same object
  // each frame, so the memoised rows skip re-rendering.
  const marks = useMemo(() => {
    const movesEnd = new Set(baseline?.slip.movesEnd.map((m) => m.id) ?? []);
    const made = new Map<string, SlipMark | undefined>();
    return (id: string): SlipMark | undefined => {
      if (!baseline) return undefined;
      if (!made.has(id)) made.set(id, slipMark(baseline.byId.get(id), movesEnd));
      return made.get(id);
    };
  }, [baseline]);
  const list = state.lists.roadmap!;
  const weeks = state.schedule.weeks;
  // One object per layout, so the memoised rows only re-render when the timeline itself moves.
  const win: TimelineWindow = useMemo(
    () => ({
      weeks,
      offset: state.weekOffset,
      count: layout.visibleWeeks,
      cells: layout.weekWidth - 1,
      today: todayPosition(weeks, state.today, layout.weekWidth - 1),
      theme,
    }),
    [weeks, state.weekOffset, layout.visibleWeeks, layout.weekWidth, state.today, theme],
  );
  const phases = new Map(state.schedule.phases.map((p) => [p.id, p]));
  const lastVisible = Math.min(weeks.length, win.offset + win.count);
  const more = `${win.offset > 0 ? '< ' : ''}${lastVisible < weeks.length ? `> W${lastVisible + 1}-${weeks.length}` : ''}`;
  const pad = (text: string) => fit(text, layout.labelWidth);
  const notes = calendarNotes(win);
  const todayNote = win.today
    ? `${TODAY_MARK} today ${state.today} (week ${win.today.week})`
    : `today ${state.today} is ${state.today < state.schedule.start ? 'before' : 'after'} the schedule`;

  return (
    <Box flexDirection="column" height={bodyRows(viewSize(state))}>
      {baseline ? (
        <LineText line={baselineSummary(baseline.slip, stale, theme)} />
      ) : state.baseline?.error !== undefined ? (
        <LineText line={[seg(`cannot compare with the baseline: ${clean(state.baseline.error)}`, theme.error)]} />
      ) : summaryRow ? (
        <LineText line={[seg('comparing with the baseline: re-planning from today...', theme.muted)]} />
      ) : null}
      <LineText line={[seg(pad('timeline'), theme.heading), seg(' '), ...weekHeading(win)]} />
      <LineText line={[seg(pad(more ? `weeks ${more}` : `${weeks.length} weeks, ${state.schedule.start} to ${state.schedule.end}`), theme.muted), seg(' '), ...dateHeading(win)]} />
      <VirtualList<RoadmapRow>
        list={list}
        height={layout.list}
        empty={state.filter ? `no component matches "${clean(state.filter)}" (esc clears the filter)` : 'no components'}
        renderRow={(row, selected) => {
          if (row.kind === 'phase') {
            const phase = phases.get(row.phaseId);
            return phase ? <PhaseRowView phase={phase} theme={theme} /> : null;
          }
          const c = state.components.get(row.componentId);
          return c ? <ComponentRowView component={c} selected={selected} labelWidth={layout.labelWidth} win={win} slip={marks(c.id)} /> : null;
        }}
      />
      <LineText line={[seg(pad('capacity used (person-days)'), theme.muted), seg(' '), ...capacityLine(win)]} />
      <LineText
        line={
          state.status
            ? [seg(pad('work done (journal)'), theme.muted), seg(' '), ...progressLine(win, state.status.weeks)]
            : [seg(pad('work done: no journal status'), theme.muted)]
        }
      />
      <Text wrap="truncate-end">
        <Text {...theme.today}>{todayNote}</Text>
        <Text {...theme.muted}>{`  ${CRITICAL_MARK} critical path  id* pinned  ! days off`}</Text>
      </Text>
      <Text wrap="truncate-end" {...theme.warning}>
        {notes.length > 0 ? `! ${notes.join(', ')}` : ' '}
      </Text>
    </Box>
  );
}

export const roadmapView: ViewDef = {
  id: 'roadmap',
  title: 'Roadmap',
  rows: roadmapRows,
  listHeight: (size, v) => roadmapLayout(size, { baseline: Boolean(v.baseline) }).list,
  Component: RoadmapView,
};
