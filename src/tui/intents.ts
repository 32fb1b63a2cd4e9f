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

export function intentFor(match: Match, state: TuiState): Intent {
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
      return state.overlay?.kind === 'help' ? act({ type: 'help.scroll', delta: -1 }) : act({ type: 'move', by: 'line', delta: -1 });
    case 'nav.down':
      return state.overlay?.kind === 'help' ? act({ type: 'help.scroll', delta: 1 }) : act({ type: 'move', by: 'line', delta: 1 });
    case 'nav.pageUp':
      return act({ type: 'move', by: 'page', delta: -1 });
    case 'nav.pageDown':
      return act({ type: 'move', by: 'page', delta: 1 });
    case 'nav.home':
      return act({ type: 'move', by: 'edge', delta: -1 });
    case 'nav.end':
      return act({ type: 'move', by: 'edge', delta: 1 });
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
  }
}

/** Journal prompts turn into events; every other prompt is the reducer's. */
function submitIntent(state: TuiState): Intent {
  const o = state.overlay;
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
  return act({ type: 'prompt.submit' });
}
