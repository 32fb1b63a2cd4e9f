/**
 * View 4, Metrics: every success metric with its target, latest value, trend (a sparkline of its
 * measurements), state and evidence, by category; the selected one in detail below. `m` records
 * a measurement. A metric is met only by a measurement: one never measured shows UNVERIFIED.
 */
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { MetricStatus } from '../../core/status-types.js';
import { LineBlock, LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, listDetailLayout, viewSize } from '../layout.js';
import { useTheme, useTuiState } from '../state/context.js';
import { metricsRows, type MetricsRow } from '../state/tracking-rows.js';
import { clean, fit, seg, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import { evidenceText, latestText, metricDetailLines, metricStateStyle, metricStateText, trendText } from './metric-detail.js';
import type { ViewDef } from './view-def.js';

const W = { target: 9, latest: 11, trend: 10, state: 12 } as const;

function idWidth(columns: number): number {
  // The evidence column takes what the id leaves, at least 12.
  return Math.max(16, Math.min(30, columns - 2 - (W.target + W.latest + W.trend + W.state + 5) - 14));
}

interface RowProps {
  metric: MetricStatus;
  selected: boolean;
  idColumns: number;
  theme: Theme;
}

const MetricRowView = memo(function MetricRowView({ metric: m, selected, idColumns, theme }: RowProps) {
  const sel = selected ? theme.selected : undefined;
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(m.id, idColumns), sel),
    seg(' '),
    seg(fit(m.target.text, W.target), sel),
    seg(' '),
    seg(fit(latestText(m), W.latest, 'right'), sel),
    seg(' '),
    seg(fit(trendText(m, W.trend), W.trend), sel ?? theme.bar),
    seg(' '),
    seg(fit(metricStateText(m.state), W.state), sel ? { ...metricStateStyle(theme, m.state), ...sel } : metricStateStyle(theme, m.state)),
    seg(' '),
    seg(evidenceText(m), sel ?? (m.latest?.evidence ? undefined : theme.muted)),
  ];
  return <LineText line={line} />;
});

export function MetricsView() {
  const state = useTuiState();
  const theme = useTheme();
  const size = viewSize(state);
  const layout = listDetailLayout(size);
  const list = state.lists.metrics!;
  const statuses = useMemo(() => new Map((state.status?.metrics ?? []).map((m) => [m.id, m])), [state.status]);
  const idColumns = idWidth(size.columns);
  const selectedId = list.cursor >= 0 ? list.rows[list.cursor]?.metricId : undefined;
  const selected = selectedId ? statuses.get(selectedId) : undefined;
  const detail = useMemo(() => {
    if (!selected) return [];
    const planMetric = state.effectivePlan.metrics.find((m) => m.id === selected.id);
    const rule = planMetric?.rollback ? state.effectivePlan.rollback.find((r) => r.id === planMetric.rollback) : undefined;
    return metricDetailLines({
      metric: selected,
      planMetric,
      rule,
      ruleStatus: rule ? state.status?.rollback.find((r) => r.id === rule.id) : undefined,
      criteria: state.status?.criteria ?? [],
      theme,
      width: size.columns,
    });
  }, [selected, state.effectivePlan, state.status, theme, size.columns]);

  const counts = (state.status?.metrics ?? []).reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.state]: (acc[m.state] ?? 0) + 1 }), {});
  const summary = `${counts.met ?? 0} met, ${counts['not-met'] ?? 0} not met, ${counts.breached ?? 0} breached, ${counts.unverified ?? 0} unverified`;
  const empty =
    state.effectivePlan.metrics.length === 0
      ? 'this plan defines no metrics'
      : state.filter
        ? `no metric matches "${clean(state.filter)}" (esc clears the filter)`
        : !state.status
          ? 'no status: metrics need the journal'
          : 'no metrics';

  return (
    <Box flexDirection="column" height={bodyRows(size)}>
      <LineText
        line={[
          seg(
            `  ${fit('metric', idColumns)} ${fit('target', W.target)} ${fit('latest', W.latest, 'right')} ${fit('trend', W.trend)} ${fit('state', W.state)} evidence`,
            theme.heading,
          ),
        ]}
      />
      <VirtualList<MetricsRow>
        list={list}
        height={layout.list}
        empty={empty}
        renderRow={(row, isSelected) => {
          if (row.kind === 'heading') return <LineText line={[seg(clean(row.text), theme.accent)]} />;
          const m = statuses.get(row.metricId);
          return m ? <MetricRowView metric={m} selected={isSelected} idColumns={idColumns} theme={theme} /> : <Text>{`  ${row.metricId}`}</Text>;
        }}
      />
      <Text wrap="truncate-end" {...theme.muted}>
        {`── ${state.status ? summary : 'no status'} ${'─'.repeat(Math.max(1, size.columns - summary.length - 6))}`}
      </Text>
      <Box flexDirection="column" height={layout.detail} overflowY="hidden">
        <LineBlock lines={detail} height={layout.detail} />
      </Box>
    </Box>
  );
}

export const metricsView: ViewDef = {
  id: 'metrics',
  title: 'Metrics',
  rows: metricsRows,
  listHeight: (size) => listDetailLayout(size).list,
  Component: MetricsView,
};
