/**
 * View 6, Standup: a guided round. For each person (team members and journal authors) or each
 * task in progress: what got done (space marks a task done), what is next (n, a note), blockers
 * (b, blocked with a note), all recorded in the journal as they are said. Then the finished
 * report, as `roadmap standup --format md` writes it, to write to a file, copy (OSC 52) or record.
 */
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { TaskStatusEntry } from '../../core/status-types.js';
import { longDate, shortDate as dayName } from '../../core/standup-render.js';
import { LineText } from '../components/LineText.js';
import { VirtualList } from '../components/VirtualList.js';
import { bodyRows, standupLayout, viewSize } from '../layout.js';
import { useNow, useTheme, useTuiState } from '../state/context.js';
import { reportLines } from '../state/reducer.js';
import { standupRows, standupSubjects, standupWindow, type StandupRow } from '../state/standup-round.js';
import type { TuiState } from '../state/types.js';
import { clean, fit, seg, shortDate, type Line } from '../text.js';
import type { Theme } from '../theme.js';
import type { ViewDef } from './view-def.js';

const W = { status: 15, dates: 13 } as const;

function titleWidth(columns: number): number {
  return Math.max(16, columns - 1 - 2 - W.status - W.dates - 3 - 24);
}

interface TaskRowProps {
  task: TaskStatusEntry;
  selected: boolean;
  width: number;
  theme: Theme;
}

const TaskRowView = memo(function TaskRowView({ task: t, selected, width, theme }: TaskRowProps) {
  const sel = selected ? theme.selected : undefined;
  const status = `${t.status}${t.late ? ` late ${t.lateDays}d` : ''}`;
  const dates = t.scheduledStart === t.scheduledEnd ? shortDate(t.scheduledStart) : `${shortDate(t.scheduledStart)}..${shortDate(t.scheduledEnd)}`;
  const line: Line = [
    seg(selected ? '> ' : '  ', sel),
    seg(fit(`${t.id}  ${clean(t.title)}`, width), sel),
    seg(' '),
    seg(fit(status, W.status), sel ?? (t.late ? theme.warning : theme.status(t.status))),
    seg(' '),
    seg(fit(dates, W.dates), sel),
    seg(' '),
    seg(t.note ? clean(t.note) : '', sel ?? theme.muted),
  ];
  return <LineText line={line} />;
});

function Intro({ state, theme }: { state: TuiState; theme: Theme }) {
  const now = useNow();
  const s = state.standup;
  const window = useMemo(() => standupWindow(state.effectivePlan, state.today, now), [state.effectivePlan, state.today, now]);
  const subjects = standupSubjects(state.effectivePlan, state.status, s.mode);
  const who =
    s.mode === 'people'
      ? `by person: ${subjects.length > 0 ? subjects.map(clean).join(', ') : 'nobody (no team in the plan, no journal authors)'}`
      : `by task in progress: ${subjects.length > 0 ? subjects.join(', ') : 'none is in progress'}`;
  const week = state.status?.currentWeek;
  const lines: Line[] = [
    [seg(`Standup for ${longDate(state.today)}`, theme.heading), seg(week ? `  (week ${week} of ${state.schedule.weeks.length})` : '', theme.muted)],
    [seg(`Covers the journal since the previous work day, ${dayName(window.since)}, until now.`)],
    [],
    [seg(`Going round ${who}`)],
    [],
    [seg('For each, ask:')],
    [seg('  1. What got done?   space marks the selected task done')],
    [seg('  2. What is next?    n adds a note to the task')],
    [seg('  3. Any blockers?    b marks the task blocked, with a note')],
    [seg('Each answer goes into the journal at once. After the last one: the report.')],
    [],
    [seg(`enter starts, t goes round by ${s.mode === 'people' ? 'task in progress' : 'person'} instead, e: the report now`, theme.muted)],
  ];
  return (
    <>
      {lines.map((l, i) => (
        <LineText key={i} line={l} />
      ))}
    </>
  );
}

function Round({ state, theme }: { state: TuiState; theme: Theme }) {
  const s = state.standup;
  const size = viewSize(state);
  const layout = standupLayout(size);
  const list = state.lists.standup!;
  const width = titleWidth(size.columns);
  const tasks = useMemo(() => new Map((state.status?.tasks ?? []).map((t) => [t.id, t])), [state.status]);
  const subject = s.subjects[s.step] ?? '';
  const heading = s.mode === 'people' ? clean(subject) : `${subject}  ${clean(tasks.get(subject)?.title ?? '')}`;
  const open = list.rows.filter((r) => {
    const t = r.taskId ? tasks.get(r.taskId) : undefined;
    return t && t.status !== 'done' && t.status !== 'skipped';
  }).length;
  const selected = list.cursor >= 0 ? tasks.get(list.rows[list.cursor]!.taskId ?? '') : undefined;
  const footer = selected?.since
    ? `${selected.id}: ${selected.status} since ${selected.since.slice(0, 10)} ${selected.since.slice(11, 16)} UTC${selected.by ? ` by ${clean(selected.by)}` : ''}`
    : selected
      ? `${selected.id}: not tracked yet`
      : ' ';
  return (
    <>
      <LineText
        line={[
          seg(heading, theme.heading),
          seg(`  (${s.step + 1} of ${s.subjects.length})  ${open} open task${open === 1 ? '' : 's'}`, theme.muted),
        ]}
      />
      <LineText
        line={[seg('Done? space   Next? n   Blockers? b   ', theme.accent), seg(s.step + 1 < s.subjects.length ? 'enter: next' : 'enter: the report', theme.muted)]}
      />
      <LineText line={[seg(`  ${fit('task', width)} ${fit('status', W.status)} ${fit('scheduled', W.dates)} note`, theme.heading)]} />
      <VirtualList<StandupRow>
        list={list}
        height={layout.list}
        empty={s.mode === 'people' ? 'nothing open or done lately for them: enter moves on' : 'this task is no longer in the plan'}
        renderRow={(row, isSelected) => {
          const t = tasks.get(row.taskId);
          return t ? <TaskRowView task={t} selected={isSelected} width={width} theme={theme} /> : null;
        }}
      />
      <Text wrap="truncate-end" {...theme.muted}>
        {footer}
      </Text>
    </>
  );
}

function Report({ state, theme }: { state: TuiState; theme: Theme }) {
  const size = viewSize(state);
  const height = standupLayout(size).report;
  const lines = reportLines(state);
  const scroll = Math.min(state.standup.scroll, Math.max(0, lines.length - height));
  const shown = lines.slice(scroll, scroll + height);
  const recorded = state.standup.recordedAt ? `recorded in the journal at ${state.standup.recordedAt.slice(11, 16)} UTC` : 'not recorded yet';
  return (
    <>
      <LineText
        line={[
          seg('Standup report', theme.heading),
          seg(`  Markdown, as roadmap standup --format md  lines ${lines.length === 0 ? 0 : scroll + 1}-${scroll + shown.length} of ${lines.length}`, theme.muted),
        ]}
      />
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate-end" {...(l.startsWith('#') ? theme.heading : {})}>
          {clean(l) || ' '}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, height - shown.length) }, (_, i) => (
        <Text key={`blank-${i}`}> </Text>
      ))}
      <Text wrap="truncate-end" {...theme.muted}>
        {`${recorded}; up/down scroll`}
      </Text>
    </>
  );
}

export function StandupView() {
  const state = useTuiState();
  const theme = useTheme();
  const phase = state.standup.phase;
  return (
    <Box flexDirection="column" height={bodyRows(viewSize(state))} overflowY="hidden">
      {phase === 'intro' ? <Intro state={state} theme={theme} /> : phase === 'round' ? <Round state={state} theme={theme} /> : <Report state={state} theme={theme} />}
    </Box>
  );
}

export const standupView: ViewDef = {
  id: 'standup',
  title: 'Standup',
  rows: standupRows,
  listHeight: (size) => standupLayout(size).list,
  Component: StandupView,
};
