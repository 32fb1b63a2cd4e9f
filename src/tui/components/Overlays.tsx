/**
 * Screens that take over the body: help, re-weighting, the quit confirmation, a plan changed on
 * disk, and a terminal too small to draw in.
 */
import { Box, Text } from 'ink';
import type { Binding, KeyContext } from '../keys.js';
import { MIN_SIZE, bodyRows, viewSize } from '../layout.js';
import { useTheme, useTuiState } from '../state/context.js';
import { countEdits, describeEdits, weightOf } from '../state/edits.js';
import { previewTooBig } from '../state/reducer.js';
import type { Size } from '../state/types.js';
import { bar, clean, displayWidth, fit, num } from '../text.js';
import { helpLines } from './Chrome.js';
import { hasBaselineEvents, shownBaseline } from '../state/baseline.js';
import { markHelp } from '../views/baseline-text.js';

export function HelpOverlay({ bindings, ctx }: { bindings: readonly Binding[]; ctx: KeyContext }) {
  const state = useTuiState();
  const theme = useTheme();
  const height = bodyRows(viewSize(state));
  const compared = shownBaseline(state)?.slip.comparison.baseline.name;
  const lines = helpLines(bindings, ctx, { title: 'Marks', rows: markHelp(ctx.view, compared, hasBaselineEvents(state.journal)) });
  const view = state.views.find((v) => v.id === ctx.view)?.title ?? ctx.view;
  const room = Math.max(1, height - 1);
  const scroll = state.overlay?.kind === 'help' ? Math.min(state.overlay.scroll, Math.max(0, lines.length - room)) : 0;
  const shown = lines.slice(scroll, scroll + room);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate-end" {...theme.heading}>
        {`Keys in the ${view} view${lines.length > room ? ` (${scroll + 1}-${scroll + shown.length} of ${lines.length}, up/down scroll)` : ''}; esc closes`}
      </Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate-end" {...(l.heading ? theme.accent : {})}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}

export function WeightsOverlay({ canSave, canPreview }: { canSave: boolean; canPreview: boolean }) {
  const state = useTuiState();
  const theme = useTheme();
  const height = bodyRows(viewSize(state));
  const criteria = state.plan.scoring.criteria;
  const cursor = state.overlay?.kind === 'weights' ? state.overlay.cursor : 0;
  const weights = criteria.map((c) => weightOf(state.plan, state.edits, c.id));
  const total = weights.reduce((a, b) => a + b, 0);
  const nameWidth = Math.min(Math.max(12, state.size.columns - 46), Math.max(12, ...criteria.map((c) => displayWidth(clean(c.name)))));
  const rows = Math.max(1, Math.min(criteria.length, height - 4));
  const top = Math.max(0, Math.min(cursor - rows + 1, criteria.length - rows));
  const start = Math.min(top, cursor);
  const moves = state.diff?.lines ?? [];
  const selected = criteria[cursor];
  const preview =
    state.preview && selected && state.preview.criterion === selected.id && state.preview.plan === state.effectivePlan ? state.preview : null;
  const current = weights[cursor] ?? 0;
  const previewLines: string[] = [];
  if (preview && selected) {
    const describe = (weight: number, list: readonly { id: string; fromWeek: number; toWeek: number }[]) => {
      const head = `${selected.id} at ${num(weight)}: `;
      if (list.length === 0) return [`${head}nothing moves`];
      return wrapItems(head, list.map((m) => `${m.id} ${m.fromWeek} -> ${m.toWeek}`), state.size.columns - 1);
    };
    previewLines.push(...describe(current + 1, preview.up));
    if (current > 0) previewLines.push(...describe(current - 1, preview.down));
  } else if (selected && canPreview && previewTooBig(state)) {
    previewLines.push(`no what-if for ${state.effectivePlan.components.length} components (it would re-schedule twice per change): + or - shows what moves`);
  } else if (selected && canPreview) {
    previewLines.push(`working out what ${selected.id} at ${num(current + 1)} or ${num(Math.max(0, current - 1))} would move...`);
  }
  const room = Math.max(0, height - rows - 3 - previewLines.length - Math.min(2, state.diff?.warnings?.length ?? 0));
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate-end" {...theme.heading}>
        {`Re-weight the criteria: +/- changes the selected weight at once, u undoes${canSave ? ', s saves' : ''}, esc closes`}
      </Text>
      <Text wrap="truncate-end" {...theme.muted}>
        {`  ${'criterion'.padEnd(nameWidth)}  weight  plan  direction  share`}
      </Text>
      {criteria.slice(start, start + rows).map((c, k) => {
        const i = start + k;
        const w = weights[i]!;
        const changed = w !== c.weight;
        const isSelected = i === cursor;
        const name = clean(c.name);
        return (
          <Text key={c.id} wrap="truncate-end">
            <Text {...(isSelected ? theme.selected : {})}>{`${isSelected ? '> ' : '  '}${fit(name, nameWidth)}`}</Text>
            <Text {...(changed ? theme.warning : {})}>{`  ${`${num(w)}${changed ? '*' : ''}`.padStart(6)}`}</Text>
            <Text {...theme.muted}>{`  ${num(c.weight).padStart(4)}  ${c.direction.padEnd(9)}`}</Text>
            <Text {...theme.bar}>{`  ${bar(total > 0 ? w / total : 0, 12)}`}</Text>
            <Text>{` ${total > 0 ? Math.round((w / total) * 100) : 0}%`}</Text>
          </Text>
        );
      })}
      {previewLines.map((l, i) => (
        <Text key={`p${i}`} wrap="truncate-end" {...theme.muted}>
          {l}
        </Text>
      ))}
      <Text wrap="truncate-end" {...theme.muted}>
        {moves.length > 0 ? `${clean(state.diff!.title)}:` : 'What moves is listed here after each change.'}
      </Text>
      {(state.diff?.warnings ?? []).slice(0, 2).map((w, i) => (
        <Text key={`w${i}`} wrap="truncate-end" {...theme.warning}>{`  ! ${w}`}</Text>
      ))}
      {moves.slice(0, room).map((m, i) => (
        <Text key={i} wrap="truncate-end" {...theme.accent}>{`  ${m}`}</Text>
      ))}
    </Box>
  );
}

/** "head a, b, c" wrapped under a hanging indent at `width` columns. */
function wrapItems(head: string, items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(2);
  let line = head;
  let fresh = true;
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item},` : item;
    const candidate = fresh ? line + piece : `${line} ${piece}`;
    if (!fresh && displayWidth(candidate) > width) {
      lines.push(line);
      line = indent + piece;
    } else {
      line = candidate;
    }
    fresh = false;
  }
  lines.push(line);
  return lines;
}

export function ConfirmQuitOverlay({ canSave }: { canSave: boolean }) {
  const state = useTuiState();
  const theme = useTheme();
  const height = bodyRows(viewSize(state));
  const lines = describeEdits(state.plan, state.edits);
  const n = countEdits(state.edits);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate-end" {...theme.warning}>{`${n} unsaved edit${n === 1 ? '' : 's'} to ${clean(state.fileLabel)}:`}</Text>
      {lines.slice(0, Math.max(0, height - 3)).map((l, i) => (
        <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate-end" {...theme.heading}>
        {`${canSave ? 's save and quit   ' : ''}y quit without saving   esc stay`}
      </Text>
    </Box>
  );
}

export function ConflictOverlay() {
  const state = useTuiState();
  const theme = useTheme();
  const height = bodyRows(viewSize(state));
  const message = state.overlay?.kind === 'conflict' ? state.overlay.message : '';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="wrap" {...theme.error}>
        {clean(message)}
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">Your edits were not written. The file on disk was left as it is.</Text>
      {describeEdits(state.plan, state.edits)
        .slice(0, Math.max(0, height - 7))
        .map((l, i) => (
          <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
        ))}
      <Text> </Text>
      <Text wrap="truncate-end" {...theme.heading}>
        r reload the file and re-apply your edits   x reload and drop your edits   esc keep editing
      </Text>
    </Box>
  );
}

export function TooSmall({ size, confirmingQuit }: { size: Size; confirmingQuit: boolean }) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{`Terminal too small (${size.columns}x${size.rows}).`}</Text>
      <Text wrap="truncate-end">{`roadmap needs ${MIN_SIZE.columns}x${MIN_SIZE.rows}:`}</Text>
      <Text wrap="truncate-end">enlarge the window,</Text>
      {confirmingQuit ? (
        <Text wrap="truncate-end">edits unsaved: y quits anyway</Text>
      ) : (
        <Text wrap="truncate-end">or press q to quit.</Text>
      )}
    </Box>
  );
}
