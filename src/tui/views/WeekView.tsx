/**
 * View 3, Week: one week's components and their day-ranged tasks with dates, owners and status.
 * left/right or [ ] change the week; t jumps to the week holding today.
 */
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { ScheduledComponent, ScheduledTask } from '../../core/schedule-types.js';
import type { TaskStatus } from '../../core/status-types.js';
import { LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, weekLayout, viewSize } from '../layout.js';
import { shownBaseline } from '../state/baseline.js';
import { useTheme, useTuiState } from '../state/context.js';
import { weekRows, type WeekRow } from '../state/rows.js';
import { clean, dateRuns, fit, num, seg, shortDate, weekSpan, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import { weekComparisonText } from './baseline-text.js';
import type { ViewDef } from './view-def.js';

const W = { owner: 9, days: 8, dates: 12, effort: 6, status: 12 } as const;

function itemWidth(columns: number): number {
  return Math.max(16, columns - 1 - 2 - (W.owner + W.days + W.dates + W.effort + W.status + 5));
}

interface ComponentRowProps {
  component: ScheduledComponent;
  owner: string | undefined;
  week: number;
  status: TaskStatus | undefined;
  selected: boolean;
  width: number;
  theme: Theme;
}

const ComponentRowView = memo(function ComponentRowView({ component: c, owner, week, status, selected, width, theme }: ComponentRowProps) {
  const s = c.segments.find((x) => x.week === week);
  const sel = selected ? theme.selected : undefined;
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(`${c.id}  ${clean(c.title)}`, width), sel ?? theme.heading),
    seg(' '),
    seg(fit(clean(owner), W.owner), sel),
    seg(' '),
    seg(fit(s ? `Day ${weekSpan(s.firstDay, s.lastDay)}` : '', W.days), sel),
    seg(' '),
    seg(fit(`weeks ${weekSpan(c.startWeek, c.endWeek)}`, W.dates), sel ?? theme.muted),
    seg(' '),
    seg(fit(s ? num(s.effort) : '', W.effort, 'right'), sel),
    seg(' '),
    seg(fit(status ?? '', W.status), sel ?? (status ? theme.status(status) : undefined)),
  ];
  return <LineText line={line} />;
});

interface TaskRowProps {
  task: ScheduledTask;
  row: Extract<WeekRow, { kind: 'task' }>;
  status: TaskStatus | undefined;
  late: boolean;
  selected: boolean;
  width: number;
  theme: Theme;
}

const TaskRowView = memo(function TaskRowView({ task, row, status, late, selected, width, theme }: TaskRowProps) {
  const sel = selected ? theme.selected : undefined;
  const r = row.range;
  const dates = r.start === r.end ? shortDate(r.start) : `${shortDate(r.start)}..${shortDate(r.end)}`;
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(`  ${task.id}  ${clean(task.title)}`, width), sel),
    seg(' '),
    seg(fit(clean(task.owner) || '-', W.owner), sel),
    seg(' '),
    seg(fit(`Day ${weekSpan(r.firstDay, r.lastDay)}`, W.days), sel),
    seg(' '),
    seg(fit(dates, W.dates), sel),
    seg(' '),
    seg(fit(num(task.effort), W.effort, 'right'), sel),
    seg(' '),
    seg(fit(`${status ?? ''}${late ? ' late' : ''}`, W.status), sel ?? (late ? theme.warning : status ? theme.status(status) : undefined)),
  ];
  return <LineText line={line} />;
});

export function WeekView() {
  const state = useTuiState();
  const theme = useTheme();
  const layout = weekLayout(viewSize(state));
  const width = itemWidth(state.size.columns);
  const list = state.lists.week!;
  const week = state.schedule.weeks[state.week - 1];
  const taskStatus = useMemo(() => new Map((state.status?.tasks ?? []).map((t) => [`${t.componentId}/${t.id}`, t])), [state.status]);
  const componentStatus = useMemo(() => new Map((state.status?.components ?? []).map((c) => [c.id, c.status])), [state.status]);

  const baseline = shownBaseline(state);
  const summary: Line = [];
  const calendar: Line = [];
  if (week) {
    const isToday = week.start <= state.today && state.today <= week.end;
    summary.push(seg(`Week ${state.week} of ${state.schedule.weeks.length}`, theme.heading));
    summary.push(seg(`  ${week.start} to ${week.end}${isToday ? ' (this week)' : ''}`, isToday ? theme.today : undefined));
    summary.push(seg(`  phase ${week.phaseIds.join(', ') || '-'}`));
    const progress = state.status?.weeks.find((w) => w.week === state.week);
    if (progress && progress.totalEffort > 0) {
      summary.push(seg(`  ${progress.percent}% done (${num(progress.doneEffort)}/${num(progress.totalEffort)} person-days)`, progress.percent >= 100 ? theme.ok : undefined));
    }
    calendar.push(seg(`capacity ${num(week.used)}/${num(week.capacity)} person-days`));
    const off = [
      ...week.holidays.map((h) => `${shortDate(h.date)}${h.name ? ` ${clean(h.name)}` : ''}`),
      ...(week.frozen.length > 0 ? [`frozen ${dateRuns(week.frozen)}`] : []),
    ];
    calendar.push(seg(`  ${off.length > 0 ? `off: ${off.join(', ')}` : `${week.workdays.length} work days`}`, off.length > 0 ? theme.warning : theme.muted));
    const against = baseline ? weekComparisonText(baseline.slip, week.start) : undefined;
    if (against) calendar.push(seg(`  ${against.text}`, against.late ? theme.warning : theme.muted));
  } else {
    summary.push(seg('the schedule has no weeks', theme.warning));
  }

  return (
    <Box flexDirection="column" height={bodyRows(viewSize(state))}>
      <LineText line={summary} />
      <LineText line={calendar} />
      <LineText
        line={[
          seg(
            `  ${fit('component / task', width)} ${fit('owner', W.owner)} ${fit('days', W.days)} ${fit('dates', W.dates)} ${fit('effort', W.effort, 'right')} status`,
            theme.heading,
          ),
        ]}
      />
      <VirtualList<WeekRow>
        list={list}
        height={layout.list}
        empty="nothing is scheduled this week"
        renderRow={(row, selected) => {
          const c = state.components.get(row.componentId);
          if (!c) return null;
          if (row.kind === 'component') {
            return <ComponentRowView component={c} owner={state.planComponents.get(c.id)?.owner} week={state.week} status={componentStatus.get(c.id)} selected={selected} width={width} theme={theme} />;
          }
          const task = c.tasks.find((t) => t.id === row.taskId);
          if (!task) return null;
          const st = taskStatus.get(`${c.id}/${task.id}`);
          return <TaskRowView task={task} row={row} status={st?.status} late={st?.late ?? false} selected={selected} width={width} theme={theme} />;
        }}
      />
    </Box>
  );
}

export const weekView: ViewDef = {
  id: 'week',
  title: 'Week',
  rows: weekRows,
  listHeight: (size) => weekLayout(size).list,
  Component: WeekView,
};
