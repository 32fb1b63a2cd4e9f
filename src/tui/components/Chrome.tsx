/**
 * The lines around every view: the title bar, the tab bar, the message line (messages, what the
 * last edit moved, or the open prompt) and the key hints.
 */
import { Box, Text } from 'ink';
import { hasErrors } from '../../core/problem.js';
import type { Binding, KeyContext } from '../keys.js';
import { applies, helpSections, type HelpSection } from '../keys.js';
import { shownBaseline } from '../state/baseline.js';
import { viewSize } from '../layout.js';
import { bannerLines } from '../rollback-clock.js';
import { useNow, useTheme, useTuiState } from '../state/context.js';
import { countEdits } from '../state/edits.js';
import { listLayout } from '../state/reducer.js';
import type { TuiState } from '../state/types.js';
import { clean, displayWidth } from '../text.js';
import type { Theme } from '../theme.js';
import { weekOfDate } from '../state/rows.js';
import { positionLabel } from './VirtualList.js';

export function TitleBar() {
  const state = useTuiState();
  const theme = useTheme();
  const s = state.schedule;
  const week = weekOfDate(state, state.today);
  const edits = countEdits(state.edits);
  const errors = s.problems.filter((p) => p.severity === 'error').length;
  const warnings = s.problems.length - errors;
  const journal = state.status?.problems.length ?? 0;
  const problems = [
    errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
    journal > 0 ? `${journal} journal problem${journal === 1 ? '' : 's'} (roadmap status)` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${clean(state.effectivePlan.project)}: ${clean(state.effectivePlan.title)}`}</Text>
          <Text>{`  ${s.start} to ${s.end}, ${s.weeks.length} weeks`}</Text>
          <Text {...theme.muted}>{`  today ${state.today}${week ? ` (week ${week})` : ''}`}</Text>
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text>
          {problems ? <Text {...(hasErrors(s.problems) ? theme.error : theme.warning)}>{` ${problems}`}</Text> : null}
          {edits > 0 ? <Text {...theme.warning}>{` ${edits} unsaved edit${edits === 1 ? '' : 's'}`}</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}

/**
 * Firing rollback rules, above every view, with their deadlines counting down from when they
 * fired. Nothing (no row at all) while no rule fires.
 */
export function FiredBanner() {
  const state = useTuiState();
  const theme = useTheme();
  const now = useNow();
  if (state.banner === 0) return null;
  const lines = bannerLines(state.status, now, state.size.columns).slice(0, state.banner);
  const style = theme.colour ? { ...theme.error, inverse: true } : {};
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" {...style}>
          {line}
        </Text>
      ))}
    </>
  );
}

export function TabBar() {
  const state = useTuiState();
  const theme = useTheme();
  const list = state.lists[state.view];
  const height = state.views.find((v) => v.id === state.view)?.listHeight?.(viewSize(state), listLayout(state));
  // The standup's intro and report are not lists.
  const listed = state.view !== 'standup' || state.standup.phase === 'round';
  const extras = [
    list && height && listed ? positionLabel(list, height) : '',
    state.filter ? `filter "${clean(state.filter)}"` : '',
    state.view === 'matrix' && (state.sort !== 'score' || state.sortReversed) ? `sort ${state.sort}${state.sortReversed ? ' reversed' : ''}` : '',
  ].filter(Boolean);
  const extra = extras.length > 0 ? `  ${extras.join('  ')}` : '';
  const label = (title: string, i: number, short: boolean) => (short ? String(i + 1) : `${i + 1} ${title}`);
  const full = state.views.reduce((n, v, i) => n + label(v.title, i, false).length + 2, 0);
  // When the tabs and what the list says do not both fit, other views show by number only.
  const compact = full + displayWidth(extra) > state.size.columns;
  return (
    <Text wrap="truncate-end">
      {state.views.map((v, i) => {
        const active = v.id === state.view;
        const text = label(v.title, i, compact && !active);
        return (
          <Text key={v.id} {...(active ? theme.activeTab : theme.muted)}>
            {active && !theme.colour ? `[${text}]` : ` ${text} `}
          </Text>
        );
      })}
      <Text {...theme.accent}>{extra}</Text>
    </Text>
  );
}

function messageStyle(theme: Theme, tone: NonNullable<TuiState['message']>['tone']) {
  return tone === 'error' ? theme.error : tone === 'warning' ? theme.warning : tone === 'ok' ? theme.ok : theme.accent;
}

export function MessageLine() {
  const state = useTuiState();
  const theme = useTheme();
  const o = state.overlay;
  if (o?.kind === 'prompt') {
    // What is typed stays in view as it grows; a refusal is read from its start.
    return (
      <Text wrap={o.error ? 'truncate-end' : 'truncate-start'}>
        <Text {...theme.heading}>{`${clean(o.label)}: `}</Text>
        <Text>{o.value}</Text>
        <Text {...theme.accent}>_</Text>
        {o.error ? <Text {...theme.error}>{`  ${o.error}`}</Text> : <Text {...theme.muted}>{'  enter accepts, esc cancels'}</Text>}
      </Text>
    );
  }
  if (state.message) {
    return (
      <Text wrap="truncate-end" {...messageStyle(theme, state.message.tone)}>
        {state.message.text}
      </Text>
    );
  }
  if (state.diff) {
    const warnings = state.diff.warnings ?? [];
    return (
      <Text wrap="truncate-end">
        <Text {...theme.heading}>{`${clean(state.diff.title)}: `}</Text>
        {warnings.length > 0 ? (
          <Text {...theme.warning}>{`${warnings.length} new problem${warnings.length === 1 ? '' : 's'}: ${warnings[0]}; `}</Text>
        ) : null}
        <Text {...theme.accent}>{state.diff.lines.join(', ')}</Text>
      </Text>
    );
  }
  return <Text> </Text>;
}

/**
 * The hint line: every binding that works here and has a hint, the keys of this view (or step)
 * first, since a narrow terminal cuts the end of the line.
 */
export function HintLine({ bindings, ctx }: { bindings: readonly Binding[]; ctx: KeyContext }) {
  const theme = useTheme();
  const state = useTuiState();
  const own: string[] = [];
  const general: string[] = [];
  for (const b of bindings) {
    if (!b.hint || !applies(b, ctx)) continue;
    const specific = b.overlay === undefined && (b.views !== undefined || b.modes !== undefined);
    (specific ? own : general).push(`${b.keys[0]!.label} ${b.hint}`);
  }
  // The Roadmap's slip marks, named after its keys (help tells more).
  if (ctx.overlay === null && ctx.view === 'roadmap' && shownBaseline(state)) own.push(BASELINE_HINT);
  const parts = [...own, ...general];
  return (
    <Text wrap="truncate-end" {...theme.muted}>
      {parts.join('  ')}
    </Text>
  );
}

/** The hint line's word on the Roadmap's slip marks. */
export const BASELINE_HINT = '+3d slip vs baseline';

/**
 * Rows of the help overlay for the screen under it; `marks` (what the view's marks mean) comes
 * right after the keys of the view.
 */
export function helpLines(bindings: readonly Binding[], ctx: KeyContext, marks: HelpSection | undefined = undefined): { heading: boolean; text: string }[] {
  const lines: { heading: boolean; text: string }[] = [];
  const sections = helpSections(bindings, ctx);
  const own = new Set<string>(bindings.filter((b) => applies(b, ctx) && (b.views !== undefined || b.modes !== undefined)).map((b) => b.group));
  const at = marks && marks.rows.length > 0 ? sections.filter((s) => own.has(s.title)).length : -1;
  if (at >= 0) sections.splice(at, 0, marks!);
  for (const section of sections) {
    lines.push({ heading: true, text: section.title });
    for (const row of section.rows) lines.push({ heading: false, text: `  ${row.keys.padEnd(22)} ${row.description}` });
  }
  return lines;
}
