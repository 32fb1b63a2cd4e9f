/**
 * View 1, Matrix: every component by score with its tier, risk, impact, effort, week and status,
 * and a detail pane explaining the selected one (score terms as bars, placement reasons,
 * dependencies).
 */
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Component } from '../../core/plan-schema.js';
import type { ScheduledComponent } from '../../core/schedule-types.js';
import type { ComponentProgress } from '../../core/status-types.js';
import { LineBlock, LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, matrixLayout, viewSize } from '../layout.js';
import { shownBaseline } from '../state/baseline.js';
import { useTheme, useTuiState } from '../state/context.js';
import { matrixRows, type MatrixRow } from '../state/rows.js';
import { clean, fit, num, seg, weekSpan, type Line } from '../text.js';
import type { TextStyle, Theme } from '../theme.js';
import { matrixDetailLines } from './matrix-detail.js';
import type { ViewDef } from './view-def.js';

/** Fixed columns after the id; the id takes what is left, the title (wide terminals) goes last. */
const W = { score: 5, tier: 8, risk: 6, impact: 6, effort: 5, week: 6, status: 9 } as const;
const TITLE_FROM_COLUMNS = 110;
const TITLE_WIDTH = 40;

function idWidth(columns: number, showStatus: boolean, showTitle: boolean): number {
  const fixed = 2 + W.score + W.tier + W.risk + W.impact + W.effort + W.week + 7 + (showStatus ? W.status + 1 : 0);
  const title = showTitle ? TITLE_WIDTH + 1 : 0;
  return Math.max(12, columns - fixed - title);
}

interface RowProps {
  component: ScheduledComponent;
  planComponent: Component | undefined;
  progress: ComponentProgress | undefined;
  showStatus: boolean;
  showTitle: boolean;
  idColumns: number;
  selected: boolean;
  theme: Theme;
}

const MatrixRowView = memo(function MatrixRowView(p: RowProps) {
  const { component: c, progress, selected, theme } = p;
  // One <Text> per row with styled runs: a handful of nodes instead of a box per cell.
  const sel = selected ? theme.selected : undefined;
  const st = (style?: TextStyle): TextStyle | undefined => (sel ? { ...style, ...sel } : style);
  const status = !progress
    ? ''
    : progress.late
      ? `${progress.status} late`
      : `${progress.status}${progress.status === 'doing' ? ` ${progress.percent}%` : ''}`;
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(c.id, p.idColumns), sel),
    seg(' '),
    seg(fit(num(c.score.value), W.score, 'right'), sel),
    seg(' '),
    seg(fit(c.score.tier, W.tier), st(theme.tier(c.score.tier))),
    seg(' '),
    seg(fit(c.risk, W.risk), st(theme.risk(c.risk))),
    seg(' '),
    seg(fit(p.planComponent?.impact ?? '-', W.impact), sel),
    seg(' '),
    seg(fit(num(c.effort), W.effort, 'right'), sel),
    seg(' '),
    seg(fit(`${weekSpan(c.startWeek, c.endWeek)}${c.pinned ? '*' : ''}`, W.week), st(c.pinned ? theme.pinned : undefined)),
  ];
  if (p.showStatus) line.push(seg(' '), seg(fit(status, W.status), st(progress?.late ? theme.warning : progress ? theme.status(progress.status) : undefined)));
  if (p.showTitle) line.push(seg(' '), seg(clean(c.title), sel));
  return <LineText line={line} />;
});

/** The sort column is named in the tab bar, so headings keep their full width here. */
function headerLine(props: { idColumns: number; showStatus: boolean; showTitle: boolean; theme: Theme }): Line {
  const parts = [
    '  ',
    fit('component', props.idColumns),
    ' ',
    fit('score', W.score, 'right'),
    ' ',
    fit('tier', W.tier),
    ' ',
    fit('risk', W.risk),
    ' ',
    fit('impact', W.impact),
    ' ',
    fit('days', W.effort, 'right'),
    ' ',
    fit('week', W.week),
    props.showStatus ? ` ${fit('status', W.status)}` : '',
    props.showTitle ? ' title' : '',
  ];
  return [seg(parts.join(''), props.theme.heading)];
}

export function MatrixView() {
  const state = useTuiState();
  const theme = useTheme();
  const layout = matrixLayout(viewSize(state), state.detail);
  const list = state.lists.matrix!;
  const progressById = useMemo(() => new Map((state.status?.components ?? []).map((c) => [c.id, c])), [state.status]);
  const showStatus = state.status !== null;
  const showTitle = state.size.columns >= TITLE_FROM_COLUMNS;
  const idColumns = idWidth(state.size.columns, showStatus, showTitle);

  const baseline = shownBaseline(state);
  const selectedId = list.cursor >= 0 ? list.rows[list.cursor]?.componentId : undefined;
  const selected = selectedId ? state.components.get(selectedId) : undefined;
  const detailLines = useMemo(
    () =>
      selected && state.detail
        ? matrixDetailLines({
            component: selected,
            planComponent: state.planComponents.get(selected.id),
            schedule: state.schedule,
            progress: progressById.get(selected.id),
            theme,
            width: state.size.columns,
            ...(baseline ? { baseline: { slip: baseline.slip, comparison: baseline.byId.get(selected.id) } } : {}),
          })
        : [],
    [selected, state.detail, state.planComponents, state.schedule, progressById, theme, state.size.columns, baseline],
  );

  return (
    <Box flexDirection="column" height={bodyRows(viewSize(state))}>
      <LineText
        line={headerLine({
          idColumns,
          showStatus,
          showTitle,
          theme,
        })}
      />
      <VirtualList<MatrixRow>
        list={list}
        height={layout.list}
        empty={state.filter ? `no component matches "${clean(state.filter)}" (esc clears the filter)` : 'no components'}
        renderRow={(row, isSelected) => {
          const c = state.components.get(row.componentId);
          if (!c) return null;
          return (
            <MatrixRowView
              component={c}
              planComponent={state.planComponents.get(c.id)}
              progress={progressById.get(c.id)}
              showStatus={showStatus}
              showTitle={showTitle}
              idColumns={idColumns}
              selected={isSelected}
              theme={theme}
            />
          );
        }}
      />
      {state.detail ? (
        <>
          <Text {...theme.muted}>{'─'.repeat(Math.max(1, state.size.columns - 1))}</Text>
          <Box flexDirection="column" height={layout.detail} overflowY="hidden">
            <LineBlock lines={detailLines} height={layout.detail} />
          </Box>
        </>
      ) : null}
    </Box>
  );
}

export const matrixView: ViewDef = {
  id: 'matrix',
  title: 'Matrix',
  rows: matrixRows,
  listHeight: (size, v) => matrixLayout(size, v.detail).list,
  Component: MatrixView,
};
