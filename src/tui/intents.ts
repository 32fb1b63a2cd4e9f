/**
 * What a matched key means in the current state: a reducer action, or a piece of I/O for the
 * app to run (save, reload, a journal event). Pure, so every key's meaning is a plain unit test.
 */
import type { TaskStatus } from '../core/status-types.js';
import type { Match } from './keys.js';
import type { Action } from './state/actions.js';
import { selectedRow } from './state/reducer.js';
import type { TuiState } from './state/types.js';

/** A journal event the app appends for the user (it adds `at` and `by`). */
export type JournalIntent =
  | { type: 'status'; target: string; status: TaskStatus; note?: string }
  | { type: 'note'; target: string; text: string };

export type Intent =
  | { kind: 'dispatch'; action: Action }
  | { kind: 'save'; thenQuit: boolean }
  | { kind: 'reload'; keepEdits: boolean }
  | { kind: 'journal'; event: JournalIntent; closePrompt: boolean }
  /** A measurement's value as typed: checked as `roadmap metric` checks it, then evidence is asked for. */
  | { kind: 'measure-value'; metric: string; text: string }
  /** A checked value and the evidence as typed (empty: none). */
  | { kind: 'measure'; metric: string; value: string; evidence: string }
  /** The standup report to a file; overwrite only once the user was told the file exists. */
  | { kind: 'write-report'; path: string; overwrite: boolean }
  | { kind: 'copy-report' }
  | { kind: 'record-standup' }
  | { kind: 'none' };

const act = (action: Action): Intent => ({ kind: 'dispatch', action });

/** space cycles the everyday states; blocked and skipped go back into the cycle. */
export function nextStatus(status: TaskStatus): TaskStatus {
  switch (status) {
    case 'todo':
      return 'doing';
    case 'doing':
      return 'done';
    case 'done':
      return 'todo';
    case 'blocked':
      return 'doing';
    case 'skipped':
      return 'todo';
  }
}

/** The tracked unit under the cursor: a task, or a component (which applies to its tasks). */
export function statusTarget(state: TuiState): { id: string; status: TaskStatus } | undefined {
  const row = selectedRow(state);
  if (!row || !state.status) return undefined;
  if (row.taskId) {
    const t = state.status.tasks.find((x) => x.id === row.taskId && x.componentId === row.componentId);
    return t ? { id: t.id, status: t.status } : undefined;
  }
  if (row.componentId) {
    const c = state.status.components.find((x) => x.id === row.componentId);
    return c ? { id: c.id, status: c.status } : undefined;
  }
  return undefined;
}

/** The step of the current view, for bindings that only work in one (the standup's). */
export function keyMode(state: TuiState): string | undefined {
  return state.view === 'standup' ? `standup-${state.standup.phase}` : undefined;
}

/**
 * `now` (ISO) is the app's clock, for the actions that fix a moment (the standup's window); it
 * is only read by those.
 */
export function intentFor(match: Match, state: TuiState, now = new Date(0).toISOString()): Intent {
  const reportOpen = state.view === 'standup' && state.standup.phase === 'report' && state.overlay === null;
  switch (match.command) {
    case 'app.quit':
      return act({ type: 'quit.request' });
    case 'app.help':
      return act({ type: 'help.toggle' });
    case 'app.close':
    case 'prompt.cancel':
      return act({ type: 'escape' });
    case 'view.next':
      return act({ type: 'view.cycle', delta: 1 });
    case 'view.prev':
      return act({ type: 'view.cycle', delta: -1 });
    case 'view.select':
      return match.arg ? act({ type: 'view.select', view: match.arg }) : { kind: 'none' };
    case 'nav.up':
      if (reportOpen) return act({ type: 'standup.scroll', by: 'line', delta: -1 });
      return state.overlay?.kind === 'help' ? act({ type: 'help.scroll', delta: -1 }) : act({ type: 'move', by: 'line', delta: -1 });
    case 'nav.down':
      if (reportOpen) return act({ type: 'standup.scroll', by: 'line', delta: 1 });
      return state.overlay?.kind === 'help' ? act({ type: 'help.scroll', delta: 1 }) : act({ type: 'move', by: 'line', delta: 1 });
    case 'nav.pageUp':
      return act({ type: reportOpen ? 'standup.scroll' : 'move', by: 'page', delta: -1 });
    case 'nav.pageDown':
      return act({ type: reportOpen ? 'standup.scroll' : 'move', by: 'page', delta: 1 });
    case 'nav.home':
      return act({ type: reportOpen ? 'standup.scroll' : 'move', by: 'edge', delta: -1 });
    case 'nav.end':
      return act({ type: reportOpen ? 'standup.scroll' : 'move', by: 'edge', delta: 1 });
    case 'list.filter':
      return act({ type: 'prompt.open', prompt: 'filter' });
    case 'list.sort':
      return act({ type: 'sort.next' });
    case 'list.reverse':
      return act({ type: 'sort.reverse' });
    case 'list.jump':
      return act({ type: 'prompt.open', prompt: 'jump' });
    case 'matrix.detail':
      return act({ type: 'detail.toggle' });
    case 'roadmap.openWeek':
      return act({ type: 'roadmap.openWeek' });
    case 'week.prev':
      return act({ type: 'week.shift', delta: -1 });
    case 'week.next':
      return act({ type: 'week.shift', delta: 1 });
    case 'week.today':
      return act({ type: 'week.today' });
    case 'timeline.left':
      return act({ type: 'timeline.scroll', delta: -1 });
    case 'timeline.right':
      return act({ type: 'timeline.scroll', delta: 1 });
    case 'plan.weights':
      return act({ type: 'weights.open' });
    case 'plan.pin':
      return act({ type: 'prompt.open', prompt: 'pin' });
    case 'plan.unpin':
      return act({ type: 'pin.clear' });
    case 'plan.capacity':
      return act({ type: 'prompt.open', prompt: 'capacity' });
    case 'plan.start':
      return act({ type: 'prompt.open', prompt: 'start' });
    case 'edit.undo':
      return act({ type: 'undo' });
    case 'edit.redo':
      return act({ type: 'redo' });
    case 'plan.save':
      return { kind: 'save', thenQuit: false };
    case 'status.cycle': {
      const target = statusTarget(state);
      if (!target) return act({ type: 'message', message: { tone: 'info', text: 'select a task or component to track' } });
      return { kind: 'journal', event: { type: 'status', target: target.id, status: nextStatus(target.status) }, closePrompt: false };
    }
    case 'status.block':
      return act({ type: 'prompt.open', prompt: 'block' });
    case 'status.note':
      return act({ type: 'prompt.open', prompt: 'note' });
    case 'weights.up':
      return act({ type: 'weights.cursor', delta: -1 });
    case 'weights.down':
      return act({ type: 'weights.cursor', delta: 1 });
    case 'weights.inc':
      return act({ type: 'weights.change', delta: 1 });
    case 'weights.dec':
      return act({ type: 'weights.change', delta: -1 });
    case 'weights.reset':
      return act({ type: 'weights.reset' });
    case 'prompt.submit':
      return submitIntent(state);
    case 'confirm.save':
      return { kind: 'save', thenQuit: true };
    case 'confirm.discard':
      return act({ type: 'quit.confirm' });
    case 'conflict.reapply':
      return { kind: 'reload', keepEdits: true };
    case 'conflict.discard':
      return { kind: 'reload', keepEdits: false };
    case 'metric.measure':
      return act({ type: 'prompt.open', prompt: 'measure-value' });
    case 'standup.begin':
      return act({ type: 'standup.begin', now });
    case 'standup.mode':
      return act({ type: 'standup.mode' });
    case 'standup.done': {
      const target = statusTarget(state);
      if (!target) return act({ type: 'message', message: { tone: 'info', text: 'nothing to mark: this step lists no open task' } });
      return { kind: 'journal', event: { type: 'status', target: target.id, status: target.status === 'done' ? 'doing' : 'done' }, closePrompt: false };
    }
    case 'standup.next':
      return act({ type: 'prompt.open', prompt: 'next' });
    case 'standup.block':
      return act({ type: 'prompt.open', prompt: 'block' });
    case 'standup.forward':
      return act({ type: 'standup.step', delta: 1, now });
    case 'standup.back':
      return act({ type: 'standup.step', delta: -1, now });
    case 'standup.finish':
      return act({ type: 'standup.finish', now });
    case 'standup.write':
      return act({ type: 'prompt.open', prompt: 'report-path' });
    case 'standup.copy':
      return { kind: 'copy-report' };
    case 'standup.record':
      return { kind: 'record-standup' };
    case 'standup.reset':
      return act({ type: 'standup.reset' });
  }
}

/** Journal prompts turn into events; every other prompt is the reducer's. */
function submitIntent(state: TuiState): Intent {
  const o = state.overlay;
  if (o?.kind === 'prompt' && o.prompt === 'report-path') {
    const path = o.value.trim();
    if (path === '') return act({ type: 'prompt.error', error: 'name a file, e.g. standup.md' });
    return { kind: 'write-report', path, overwrite: o.confirmOverwrite === path };
  }
  if (o?.kind !== 'prompt' || !o.target) return act({ type: 'prompt.submit' });
  const text = o.value.trim();
  if (o.prompt === 'block') {
    return {
      kind: 'journal',
      event: text === '' ? { type: 'status', target: o.target, status: 'blocked' } : { type: 'status', target: o.target, status: 'blocked', note: text },
      closePrompt: true,
    };
  }
  if (o.prompt === 'note') {
    if (text === '') return act({ type: 'prompt.error', error: 'type the note, or esc to cancel' });
    return { kind: 'journal', event: { type: 'note', target: o.target, text }, closePrompt: true };
  }
  if (o.prompt === 'next') {
    if (text === '') return act({ type: 'prompt.error', error: 'say what is next, or esc to cancel' });
    return { kind: 'journal', event: { type: 'note', target: o.target, text: `next: ${text}` }, closePrompt: true };
  }
  if (o.prompt === 'measure-value') {
    if (text === '') return act({ type: 'prompt.error', error: 'type the measured value, e.g. 42 or 0.05' });
    return { kind: 'measure-value', metric: o.target, text };
  }
  if (o.prompt === 'measure-evidence' && o.carry !== undefined) {
    return { kind: 'measure', metric: o.target, value: o.carry, evidence: text };
  }
  return act({ type: 'prompt.submit' });
}
