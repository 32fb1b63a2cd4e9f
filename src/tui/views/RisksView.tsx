/**
 * View 5, Risks: the risk register (components by risk level, with mitigation and monitoring)
 * and the rollback rules (state, triggers, deadlines, what they guard); the selected one in
 * detail below, with the countdown while a rule fires.
 */
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Component, RollbackRule } from '../../core/plan-schema.js';
import type { ScheduledComponent } from '../../core/schedule-types.js';
import type { ComponentProgress, RollbackStatus } from '../../core/status-types.js';
import { LineBlock, LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, listDetailLayout, viewSize } from '../layout.js';
import { useNow, useTheme, useTuiState } from '../state/context.js';
import { risksRows, type RisksRow } from '../state/tracking-rows.js';
import { clean, fit, seg, weekSpan, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import { componentRiskLines, likelihoodImpact, mitigationText, ruleLines } from './risk-detail.js';
import type { ViewDef } from './view-def.js';

const W = { weeks: 7, li: 5, status: 11 } as const;
const DETAIL_ROWS = 10;

function idWidth(columns: number): number {
  return Math.max(16, Math.min(28, Math.floor(columns * 0.25)));
}

interface ComponentRowProps {
  component: ScheduledComponent;
  planComponent: Component | undefined;
  progress: ComponentProgress | undefined;
  selected: boolean;
  idColumns: number;
  theme: Theme;
}

const ComponentRowView = memo(function ComponentRowView({ component: c, planComponent, progress, selected, idColumns, theme }: ComponentRowProps) {
  const sel = selected ? theme.selected : undefined;
  const status = progress ? `${progress.status}${progress.late ? ' late' : ''}` : '';
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(c.id, idColumns), sel),
    seg(' '),
    seg(fit(`wk ${weekSpan(c.startWeek, c.endWeek)}`, W.weeks), sel),
    seg(' '),
    seg(fit(likelihoodImpact(planComponent), W.li), sel),
    seg(' '),
    seg(fit(status, W.status), sel ?? (progress?.late ? theme.warning : progress ? theme.status(progress.status) : undefined)),
    seg(' '),
    seg(mitigationText(planComponent), sel),
  ];
  return <LineText line={line} />;
});

interface RuleRowProps {
  rule: RollbackRule;
  status: RollbackStatus | undefined;
  selected: boolean;
  idColumns: number;
  theme: Theme;
}

const RuleRowView = memo(function RuleRowView({ rule, status, selected, idColumns, theme }: RuleRowProps) {
  const sel = selected ? theme.selected : undefined;
  const state = status?.state ?? 'clear';
  const stateStyle = state === 'firing' ? theme.error : state === 'rolled-back' ? theme.warning : theme.ok;
  const guards = status ? `${status.components.length} components${status.weeks.length > 0 ? `, weeks ${status.weeks.join(',')}` : ''}` : '';
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(rule.id, idColumns), sel),
    seg(' '),
    seg(fit(state === 'firing' ? 'FIRING' : state, W.weeks + W.li + 1), sel ? { ...stateStyle, ...sel } : stateStyle),
    seg(' '),
    seg(fit(rule.action, W.status), sel),
    seg(' '),
    seg(`${rule.deadlines.assess}/${rule.deadlines.decide}/${rule.deadlines.execute}  ${guards}  ${clean(rule.title)}`, sel),
  ];
  return <LineText line={line} />;
});

export function RisksView() {
  const state = useTuiState();
  const theme = useTheme();
  const now = useNow();
  const size = viewSize(state);
  const layout = listDetailLayout(size, DETAIL_ROWS);
  const list = state.lists.risks!;
  const idColumns = idWidth(size.columns);
  const progress = useMemo(() => new Map((state.status?.components ?? []).map((c) => [c.id, c])), [state.status]);
  const ruleStatus = useMemo(() => new Map((state.status?.rollback ?? []).map((r) => [r.id, r])), [state.status]);
  const rules = useMemo(() => new Map(state.effectivePlan.rollback.map((r) => [r.id, r])), [state.effectivePlan]);

  const row = list.cursor >= 0 ? list.rows[list.cursor] : undefined;
  const selectedRule = row?.ruleId;
  const selectedComponent = row?.componentId;
  // The countdown only moves while the selected rule fires: other details ignore the clock.
  const clock = selectedRule && ruleStatus.get(selectedRule)?.state === 'firing' ? now : null;
  const detail = useMemo(() => {
    if (selectedRule) {
      const rule = rules.get(selectedRule);
      if (!rule) return [];
      return ruleLines({ rule, status: ruleStatus.get(rule.id), metrics: state.status?.metrics ?? [], now: clock ?? new Date(0), theme, width: size.columns });
    }
    const c = selectedComponent ? state.components.get(selectedComponent) : undefined;
    if (!c) return [];
    return componentRiskLines({
      component: c,
      planComponent: state.planComponents.get(c.id),
      progress: progress.get(c.id),
      rules: state.status?.rollback ?? [],
      theme,
      width: size.columns,
    });
  }, [selectedRule, selectedComponent, rules, ruleStatus, state.status, state.components, state.planComponents, progress, clock, theme, size.columns]);

  return (
    <Box flexDirection="column" height={bodyRows(size)}>
      <LineText
        line={[seg(`  ${fit('component / rule', idColumns)} ${fit('weeks', W.weeks)} ${fit('LxI', W.li)} ${fit('status', W.status)} mitigation`, theme.heading)]}
      />
      <VirtualList<RisksRow>
        list={list}
        height={layout.list}
        empty={state.filter ? `nothing matches "${clean(state.filter)}" (esc clears the filter)` : 'no components or rollback rules'}
        renderRow={(r, isSelected) => {
          if (r.kind === 'heading') return <LineText line={[seg(clean(r.text), theme.accent)]} />;
          if (r.kind === 'rule') {
            const rule = rules.get(r.ruleId);
            return rule ? <RuleRowView rule={rule} status={ruleStatus.get(r.ruleId)} selected={isSelected} idColumns={idColumns} theme={theme} /> : null;
          }
          const c = state.components.get(r.componentId);
          return c ? (
            <ComponentRowView
              component={c}
              planComponent={state.planComponents.get(c.id)}
              progress={progress.get(c.id)}
              selected={isSelected}
              idColumns={idColumns}
              theme={theme}
            />
          ) : null;
        }}
      />
      <Text {...theme.muted}>{'─'.repeat(Math.max(1, size.columns - 1))}</Text>
      <Box flexDirection="column" height={layout.detail} overflowY="hidden">
        <LineBlock lines={detail} height={layout.detail} />
      </Box>
    </Box>
  );
}

export const risksView: ViewDef = {
  id: 'risks',
  title: 'Risks',
  rows: risksRows,
  listHeight: (size) => listDetailLayout(size, DETAIL_ROWS).list,
  Component: RisksView,
};
