import { describe, expect, test } from 'vitest';
import { intentFor, nextStatus } from '../../src/tui/intents.js';
import { coreEngine } from '../../src/tui/state/core-engine.js';
import { createReducer, initialState } from '../../src/tui/state/reducer.js';
import { VIEWS } from '../../src/tui/views/index.js';
import { examplePlan } from '../helpers/plan-builder.js';

const base = () =>
  initialState({ plan: examplePlan('codon-migration'), hash: 'h', fileLabel: 'x', today: '2026-11-23', size: { columns: 80, rows: 24 }, views: VIEWS, engine: coreEngine });
const reduce = createReducer(coreEngine);

describe('intents', () => {
  test('space cycles todo -> doing -> done -> todo; blocked and skipped rejoin the cycle', () => {
    expect(['todo', 'doing', 'done', 'blocked', 'skipped'].map((s) => nextStatus(s as never))).toEqual(['doing', 'done', 'todo', 'doing', 'todo']);
  });

  test('space on a task records the next status of that task', () => {
    let s = reduce(base(), { type: 'view.select', view: 'week' });
    s = reduce(s, { type: 'move', by: 'line', delta: 1 });
    expect(intentFor({ command: 'status.cycle' }, s)).toEqual({
      kind: 'journal',
      event: { type: 'status', target: 'error-handler-safety', status: 'doing' },
      closePrompt: false,
    });
  });

  test('space on a component row applies to the component', () => {
    const s = reduce(base(), { type: 'view.select', view: 'week' });
    expect(intentFor({ command: 'status.cycle' }, s)).toMatchObject({ event: { target: 'error-handling', status: 'doing' } });
  });

  test('a block prompt becomes a blocked status with its note; an empty note prompt asks again', () => {
    let s = reduce(base(), { type: 'prompt.open', prompt: 'block' });
    s = reduce(s, { type: 'prompt.type', text: ' waiting on infra ' });
    expect(intentFor({ command: 'prompt.submit' }, s)).toEqual({
      kind: 'journal',
      event: { type: 'status', target: 'dynamic-feature-detection', status: 'blocked', note: 'waiting on infra' },
      closePrompt: true,
    });
    s = reduce(reduce(s, { type: 'escape' }), { type: 'prompt.open', prompt: 'note' });
    expect(intentFor({ command: 'prompt.submit' }, s)).toEqual({
      kind: 'dispatch',
      action: { type: 'prompt.error', error: 'type the note, or esc to cancel' },
    });
  });

  test('save, save-and-quit and the conflict answers are I/O intents', () => {
    const s = base();
    expect(intentFor({ command: 'plan.save' }, s)).toEqual({ kind: 'save', thenQuit: false });
    expect(intentFor({ command: 'confirm.save' }, s)).toEqual({ kind: 'save', thenQuit: true });
    expect(intentFor({ command: 'conflict.reapply' }, s)).toEqual({ kind: 'reload', keepEdits: true });
    expect(intentFor({ command: 'conflict.discard' }, s)).toEqual({ kind: 'reload', keepEdits: false });
  });

  test('up and down scroll help while it is open, and move the cursor otherwise', () => {
    const s = base();
    expect(intentFor({ command: 'nav.down' }, s)).toEqual({ kind: 'dispatch', action: { type: 'move', by: 'line', delta: 1 } });
    const help = reduce(s, { type: 'help.toggle' });
    expect(intentFor({ command: 'nav.down' }, help)).toEqual({ kind: 'dispatch', action: { type: 'help.scroll', delta: 1 } });
  });
});
