import { describe, expect, test } from 'vitest';
import type { Plan } from '../../../src/core/plan-schema.js';
import type { Action } from '../../../src/tui/state/actions.js';
import { coreEngine } from '../../../src/tui/state/core-engine.js';
import type { Engine } from '../../../src/tui/state/engine.js';
import {
  computePreview,
  createReducer,
  currentList,
  findComponent,
  initialState,
  previewWanted,
  selectedComponent,
} from '../../../src/tui/state/reducer.js';
import type { TuiState } from '../../../src/tui/state/types.js';
import { VIEWS } from '../../../src/tui/views/index.js';
import { buildPlan, component, examplePlan } from '../../helpers/plan-builder.js';

const TODAY = '2026-11-23';

function start(plan: Plan, opts: { rows?: number; engine?: Engine } = {}): { state: TuiState; run: (...actions: Action[]) => TuiState } {
  const engine = opts.engine ?? coreEngine;
  const reduce = createReducer(engine);
  let state = initialState({ plan, hash: 'h0', fileLabel: 'plans/x.yaml', today: TODAY, size: { columns: 80, rows: opts.rows ?? 24 }, views: VIEWS, engine });
  return {
    state,
    run: (...actions) => {
      for (const a of actions) state = reduce(state, a);
      return state;
    },
  };
}

const codon = () => examplePlan('codon-migration');
const type = (text: string): Action => ({ type: 'prompt.type', text });

describe('views and selection', () => {
  test('starts on the Matrix with the highest score selected, and on the week holding today', () => {
    const { state } = start(codon());
    expect(state.view).toBe('matrix');
    expect(selectedComponent(state)).toBe('dynamic-feature-detection');
    expect(state.week).toBe(4);
  });

  test('tab order wraps both ways and number keys jump', () => {
    const { run } = start(codon());
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('roadmap');
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('week');
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('metrics');
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('risks');
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('standup');
    expect(run({ type: 'view.cycle', delta: 1 }).view).toBe('matrix');
    expect(run({ type: 'view.cycle', delta: -1 }).view).toBe('standup');
    expect(run({ type: 'view.select', view: 'roadmap' }).view).toBe('roadmap');
    expect(run({ type: 'view.select', view: 'no-such-view' }).view).toBe('roadmap');
  });

  test('the selected component follows across Matrix and Roadmap', () => {
    const { run } = start(codon());
    run({ type: 'move', by: 'line', delta: 3 });
    expect(selectedComponent(run())).toBe('error-handling');
    expect(selectedComponent(run({ type: 'view.select', view: 'roadmap' }))).toBe('error-handling');
  });

  test('moving skips phase headings and stops at the ends', () => {
    const { run } = start(codon());
    run({ type: 'view.select', view: 'roadmap' }, { type: 'move', by: 'edge', delta: -1 });
    const first = currentList(run());
    expect(first.rows[first.cursor]!.componentId).toBe('dynamic-feature-detection');
    run({ type: 'move', by: 'line', delta: 2 });
    // Row 3 is the p2 heading; the cursor lands on the component after it.
    expect(selectedComponent(run())).toBe('performance-monitoring');
    run({ type: 'move', by: 'line', delta: -1 });
    expect(selectedComponent(run())).toBe('analytics-thread-safety');
    run({ type: 'move', by: 'line', delta: -10 });
    expect(selectedComponent(run())).toBe('dynamic-feature-detection');
    expect(currentList(run()).top).toBe(0);
  });

  test('paging keeps the cursor in the visible window of a long list', () => {
    const plan = buildPlan({ components: Array.from({ length: 500 }, (_, i) => component(`c${String(i).padStart(3, '0')}`, { effort: 1 })) });
    const { run } = start(plan);
    const height = VIEWS[0]!.listHeight!({ columns: 80, rows: 24 }, { detail: true });
    for (let i = 0; i < 7; i++) run({ type: 'move', by: 'page', delta: 1 });
    let list = currentList(run());
    expect(list.cursor).toBe(7 * (height - 1));
    expect(list.cursor).toBeGreaterThanOrEqual(list.top);
    expect(list.cursor).toBeLessThan(list.top + height);
    list = currentList(run({ type: 'move', by: 'edge', delta: 1 }));
    expect(list.cursor).toBe(499);
    expect(list.top).toBe(500 - height);
  });

  test('a smaller terminal scrolls so the cursor stays visible', () => {
    const { run } = start(codon());
    run({ type: 'move', by: 'edge', delta: 1 });
    const s = run({ type: 'resize', size: { columns: 80, rows: 16 } });
    const list = currentList(s);
    const height = VIEWS[0]!.listHeight!(s.size, { detail: true });
    expect(list.cursor).toBeLessThan(list.top + height);
  });
});

describe('filter, sort and jump', () => {
  test('the filter applies while typing and esc restores the previous one', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'filter' }, type('th'), type('read'));
    expect(currentList(run()).rows.map((r) => r.key)).toEqual(['analytics-thread-safety']);
    run({ type: 'escape' });
    expect(run().filter).toBe('');
    expect(currentList(run()).rows).toHaveLength(10);
  });

  test('the filter matches groups and titles, and enter keeps it', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'filter' }, type('Final Validation'), { type: 'prompt.submit' });
    expect(currentList(run()).rows.map((r) => r.key)).toEqual(['integration-testing', 'production-prep', 'documentation-handoff']);
    expect(run().overlay).toBeNull();
    run({ type: 'escape' });
    expect(currentList(run()).rows).toHaveLength(10);
  });

  test('backspace edits by character, and pasted control characters never reach the prompt', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'jump' }, type('caché'), { type: 'prompt.backspace' }, type('e\u001B[31m\n'));
    const o = run().overlay;
    expect(o?.kind === 'prompt' && o.value).toBe('cache ');
  });

  test('sort cycles through the columns and can be reversed', () => {
    const { run } = start(codon());
    run({ type: 'sort.next' });
    expect(run().sort).toBe('tier');
    run({ type: 'sort.next' }, { type: 'sort.next' }, { type: 'sort.next' }, { type: 'sort.next' });
    expect(run().sort).toBe('week');
    run({ type: 'sort.reverse' });
    expect(currentList(run()).rows[0]!.key).toBe('integration-testing');
  });

  test('go to accepts an id, a unique prefix, and reports ambiguity', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'jump' }, type('cache'), { type: 'prompt.submit' });
    expect(selectedComponent(run())).toBe('cache');
    run({ type: 'prompt.open', prompt: 'jump' }, type('stream'), { type: 'prompt.submit' });
    expect(selectedComponent(run())).toBe('stream-management');
    run({ type: 'prompt.open', prompt: 'jump' }, type('a'), { type: 'prompt.submit' });
    expect(run().message?.text).toMatch(/"a" matches 2: analytics-thread-safety, authentication/);
    run({ type: 'prompt.open', prompt: 'jump' }, type('nope'), { type: 'prompt.submit' });
    expect(run().message?.text).toBe('no component "nope"');
  });

  test('go to in the Week view opens the week the component starts in', () => {
    const { run } = start(codon());
    run({ type: 'view.select', view: 'week' }, { type: 'prompt.open', prompt: 'jump' }, type('cache'), { type: 'prompt.submit' });
    expect(run().week).toBe(5);
    expect(selectedComponent(run())).toBe('cache');
  });

  test('findComponent prefers exact, then prefix, then substring', () => {
    const ids = ['cache', 'cache-warm', 'warm'];
    expect(findComponent(ids, 'cache').id).toBe('cache');
    expect(findComponent(ids, 'cache-').id).toBe('cache-warm');
    expect(findComponent(ids, 'arm').candidates).toEqual(['cache-warm', 'warm']);
  });
});

describe('edits, what moved, undo and redo', () => {
  test('lowering a weight reschedules and lists what moved', () => {
    const { run } = start(codon());
    run({ type: 'weights.open' }, { type: 'weights.change', delta: -1 });
    const s = run();
    expect(s.diff?.title).toBe('weight compatibility 3 -> 2');
    expect(s.diff?.lines).toContain('cache: week 5 -> 6');
    expect(s.components.get('cache')!.startWeek).toBe(6);
    expect(s.edits.weights).toEqual({ compatibility: 2 });
  });

  test('the weights overlay asks for a what-if of the selected criterion, and drops stale answers', () => {
    const { run } = start(codon());
    expect(previewWanted(run())).toBeUndefined();
    run({ type: 'weights.open' });
    expect(previewWanted(run())).toEqual({ criterion: 'compatibility' });
    const preview = computePreview(run(), coreEngine, 'compatibility')!;
    expect(preview.up).toEqual([]);
    expect(preview.down).toContainEqual({ id: 'cache', fromWeek: 5, toWeek: 6 });
    run({ type: 'preview.ready', preview });
    expect(run().preview).toBe(preview);
    expect(previewWanted(run())).toBeUndefined();
    run({ type: 'weights.cursor', delta: 2 });
    expect(previewWanted(run())).toEqual({ criterion: 'thread-safety' });
    // An answer for the old criterion is not shown for the new one.
    expect(run({ type: 'preview.ready', preview: { ...preview, up: [{ id: 'x', fromWeek: 1, toWeek: 2 }] } }).preview).toBe(preview);
    const ts = computePreview(run(), coreEngine, 'thread-safety')!;
    expect(ts.up).toContainEqual({ id: 'error-handling', fromWeek: 4, toWeek: 3 });
    run({ type: 'weights.change', delta: 1 });
    // The plan changed: that answer is stale now.
    expect(run({ type: 'preview.ready', preview: ts }).preview).toBe(preview);
    expect(previewWanted(run())).toEqual({ criterion: 'thread-safety' });
  });

  test('undo and redo walk the edits and say what they did', () => {
    const { run } = start(codon());
    run({ type: 'weights.open' }, { type: 'weights.change', delta: -1 }, { type: 'weights.change', delta: -1 });
    expect(run().edits.weights).toEqual({ compatibility: 1 });
    run({ type: 'undo' });
    expect(run().edits.weights).toEqual({ compatibility: 2 });
    expect(run().diff?.title).toBe('undid weight compatibility 2 -> 1');
    run({ type: 'undo' });
    expect(run().edits.weights).toEqual({});
    expect(run().components.get('cache')!.startWeek).toBe(5);
    expect(run({ type: 'undo' }).message?.text).toBe('nothing to undo');
    run({ type: 'redo' });
    expect(run().edits.weights).toEqual({ compatibility: 2 });
    expect(run().diff?.lines).toContain('cache: week 5 -> 6');
  });

  test('going back to the plan value is not an unsaved edit', () => {
    const { run } = start(codon());
    run({ type: 'weights.open' }, { type: 'weights.change', delta: 1 }, { type: 'weights.change', delta: -1 });
    expect(run().edits).toEqual({ weights: {}, pins: {} });
    run({ type: 'weights.change', delta: 2 }, { type: 'weights.reset' });
    expect(run().edits.weights).toEqual({});
  });

  test('pinning moves a component, and a bad week is refused in the prompt', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'jump' }, type('cache'), { type: 'prompt.submit' });
    run({ type: 'prompt.open', prompt: 'pin' });
    const o = run().overlay;
    expect(o?.kind === 'prompt' && o.value).toBe('5');
    run({ type: 'prompt.backspace' }, type('0'), { type: 'prompt.submit' });
    const refused = run().overlay;
    expect(refused?.kind === 'prompt' && refused.error).toMatch(/week number from 1 to 520/);
    run({ type: 'prompt.backspace' }, type('6'), { type: 'prompt.submit' });
    const s = run();
    expect(s.overlay).toBeNull();
    expect(s.components.get('cache')).toMatchObject({ startWeek: 6, pinned: true });
    expect(s.diff?.lines[0]).toBe('cache: week 5 -> 6');
    run({ type: 'pin.clear' });
    expect(run().components.get('cache')!.pinned).toBe(false);
    expect(run().edits.pins).toEqual({});
  });

  test('capacity and start date edits are validated and reschedule', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'capacity' }, { type: 'prompt.backspace' }, { type: 'prompt.backspace' }, type('-3'), { type: 'prompt.submit' });
    expect(run().overlay).toMatchObject({ error: expect.stringMatching(/above 0/) });
    run({ type: 'escape' }, { type: 'prompt.open', prompt: 'capacity' }, { type: 'prompt.backspace' }, { type: 'prompt.backspace' }, type('30'), { type: 'prompt.submit' });
    expect(run().schedule.weeks.length).toBeLessThan(6);
    run({ type: 'prompt.open', prompt: 'start' });
    for (let i = 0; i < 10; i++) run({ type: 'prompt.backspace' });
    run(type('2026-02-30'), { type: 'prompt.submit' });
    expect(run().overlay).toMatchObject({ error: expect.stringMatching(/real date/) });
    for (let i = 0; i < 10; i++) run({ type: 'prompt.backspace' });
    run(type('2026-11-09'), { type: 'prompt.submit' });
    const s = run();
    expect(s.schedule.start).toBe('2026-11-09');
    expect(s.diff?.lines).toContain('week 1 now starts 2026-11-09');
    expect(s.edits).toMatchObject({ capacity: 30, start: '2026-11-09' });
  });
});

describe('quitting, saving and reloading', () => {
  test('quit exits at once without edits and asks with them', () => {
    expect(start(codon()).run({ type: 'quit.request' }).quitting).toBe(true);
    const { run } = start(codon());
    run({ type: 'weights.open' }, { type: 'weights.change', delta: 1 }, { type: 'overlay.close' }, { type: 'quit.request' });
    expect(run().quitting).toBe(false);
    expect(run().overlay?.kind).toBe('confirm-quit');
    expect(run({ type: 'escape' }).overlay).toBeNull();
    expect(run({ type: 'quit.request' }, { type: 'quit.confirm' }).quitting).toBe(true);
  });

  test('a reload re-applies pending edits to the new file and counts those that no longer fit', () => {
    const plan = codon();
    const { run } = start(plan);
    run({ type: 'weights.open' }, { type: 'weights.change', delta: -1 }, { type: 'overlay.close' });
    run({ type: 'prompt.open', prompt: 'jump' }, type('cache'), { type: 'prompt.submit' }, { type: 'prompt.open', prompt: 'pin' }, { type: 'prompt.submit' });
    const changed: Plan = { ...plan, components: plan.components.filter((c) => c.id !== 'cache') };
    const s = run({ type: 'plan.loaded', plan: changed, hash: 'h1', keepEdits: true, message: { tone: 'ok', text: 'reloaded' } });
    expect(s.hash).toBe('h1');
    expect(s.edits).toEqual({ weights: { compatibility: 2 }, pins: {} });
    expect(s.message?.text).toBe('reloaded (1 edit named ids the file no longer has)');
    expect(s.past).toEqual([]);
  });

  test('after a save the saved edits match the file and nothing is left unsaved', () => {
    const plan = codon();
    const { run } = start(plan);
    run({ type: 'weights.open' }, { type: 'weights.change', delta: -1 });
    const saved: Plan = { ...plan, scoring: { ...plan.scoring, criteria: plan.scoring.criteria.map((c) => (c.id === 'compatibility' ? { ...c, weight: 2 } : c)) } };
    const s = run({ type: 'plan.loaded', plan: saved, hash: 'h2', keepEdits: true, message: { tone: 'ok', text: 'saved 1 edit' } });
    expect(s.edits).toEqual({ weights: {}, pins: {} });
    expect(s.message?.text).toBe('saved 1 edit');
    expect(s.components.get('cache')!.startWeek).toBe(6);
  });

  test('a conflict opens the reload question', () => {
    const { run } = start(codon());
    expect(run({ type: 'conflict', message: 'changed on disk' }).overlay).toEqual({ kind: 'conflict', message: 'changed on disk' });
  });
});

describe('the engine', () => {
  test('only edits reschedule: moving and filtering do not call the scheduler', () => {
    let calls = 0;
    const counting: Engine = { schedule: (p) => (calls++, coreEngine.schedule(p)) };
    const { run } = start(codon(), { engine: counting });
    const initial = calls;
    run({ type: 'move', by: 'line', delta: 1 }, { type: 'prompt.open', prompt: 'filter' }, type('c'), { type: 'escape' }, { type: 'view.cycle', delta: 1 });
    expect(calls).toBe(initial);
    run({ type: 'weights.open' }, { type: 'weights.change', delta: 1 });
    expect(calls).toBe(initial + 1);
  });

  test('status comes from the journal and follows reschedules', () => {
    const { run } = start(codon());
    expect(run().status?.tasks.find((t) => t.id === 'cache-operations')?.status).toBe('todo');
    run({
      type: 'journal.loaded',
      journal: {
        events: [{ v: 1, seq: 1, at: '2026-11-20T10:00:00.000Z', by: 'Ana', type: 'status', target: 'cache-operations', status: 'doing' }],
        problems: [],
      },
    });
    expect(run().status?.components.find((c) => c.id === 'cache')?.status).toBe('doing');
    run({ type: 'weights.open' }, { type: 'weights.change', delta: -1 });
    expect(run().status?.components.find((c) => c.id === 'cache')).toMatchObject({ status: 'doing', startWeek: 6 });
  });
});

describe('tracking views', () => {
  const NOW = '2026-11-23T10:00:00.000Z';

  test('an edit that brings a new schedule problem says so with what moved', () => {
    const { run } = start(codon());
    run({ type: 'prompt.open', prompt: 'jump' }, type('cache'), { type: 'prompt.submit' });
    run({ type: 'prompt.open', prompt: 'pin' }, { type: 'prompt.backspace' }, type('1'), { type: 'prompt.submit' });
    const s = run();
    expect(s.diff?.title).toBe('pin cache to week 1');
    expect(s.diff?.lines).toContain('cache: week 5 -> 1');
    expect(s.diff?.warnings?.length).toBeGreaterThan(0);
    expect(s.diff?.warnings?.join('\n')).toMatch(/cache/);
    // Undoing brings nothing new.
    expect(run({ type: 'undo' }).diff?.warnings).toBeUndefined();
  });

  test('m asks for the selected metric\'s value, then its evidence carrying the value', () => {
    const { run } = start(codon());
    run({ type: 'view.select', view: 'metrics' });
    expect(selectedRowOf(run())?.metricId).toBe('analytics-speedup');
    let s = run({ type: 'prompt.open', prompt: 'measure-value' });
    expect(s.overlay).toMatchObject({ kind: 'prompt', prompt: 'measure-value', target: 'analytics-speedup', label: 'Value of analytics-speedup (x)' });
    s = run({ type: 'prompt.open', prompt: 'measure-evidence', target: 'analytics-speedup', carry: '42' });
    expect(s.overlay).toMatchObject({ prompt: 'measure-evidence', target: 'analytics-speedup', carry: '42', value: '' });
    // Outside the Metrics view there is nothing to measure.
    run({ type: 'overlay.close' }, { type: 'view.select', view: 'matrix' });
    expect(run({ type: 'prompt.open', prompt: 'measure-value' }).message?.text).toBe('select a metric to measure');
  });

  test('g in Metrics finds metrics, in Risks rules and components, through a filter that hides them', () => {
    const { run } = start(codon());
    run({ type: 'view.select', view: 'metrics' }, { type: 'prompt.open', prompt: 'jump' }, type('cost'), { type: 'prompt.submit' });
    expect(selectedRowOf(run())?.metricId).toBe('cost-savings');
    run({ type: 'prompt.open', prompt: 'jump' }, type('speedup'), { type: 'prompt.submit' });
    expect(run().message?.text).toBe('"speedup" matches 4: analytics-speedup, ai-optimizer-speedup, anomaly-detector-speedup, error-processing-speedup');
    run({ type: 'prompt.open', prompt: 'jump' }, type('nope'), { type: 'prompt.submit' });
    expect(run().message?.text).toBe('no metric "nope"');
    run({ type: 'view.select', view: 'risks' }, { type: 'prompt.open', prompt: 'filter' }, type('cache'), { type: 'prompt.submit' });
    run({ type: 'prompt.open', prompt: 'jump' }, type('gradual'), { type: 'prompt.submit' });
    const s = run();
    expect(selectedRowOf(s)?.ruleId).toBe('gradual');
    expect(s.filter).toBe('');
    run({ type: 'prompt.open', prompt: 'jump' }, type('error-handling'), { type: 'prompt.submit' });
    expect(selectedRowOf(run())?.componentId).toBe('error-handling');
  });

  test('the banner rows follow the status: a firing rule takes a row from every view', () => {
    const { run, state } = start(codon());
    expect(state.banner).toBe(0);
    const listBefore = currentList(state);
    const fired = run({
      type: 'journal.loaded',
      journal: { events: [{ v: 1, seq: 1, type: 'measure', at: NOW, by: 'Dara', metric: 'error-rate', value: 3 }], problems: [] },
    });
    expect(fired.banner).toBe(1);
    expect(fired.status?.rollback.find((r) => r.id === 'immediate')?.state).toBe('firing');
    expect(currentList(fired).rows).toEqual(listBefore.rows);
  });

  test('the standup: intro, round (step by step), report, start over', () => {
    const { run } = start(codon());
    run({ type: 'view.select', view: 'standup' });
    expect(run().standup.phase).toBe('intro');
    expect(run({ type: 'standup.mode' }).standup.mode).toBe('tasks');
    // No task is in progress: nothing to go round, said so, still on the intro.
    expect(run({ type: 'standup.begin', now: NOW }).message?.text).toMatch(/no task is in progress/);
    run({ type: 'standup.mode' }, { type: 'standup.begin', now: NOW });
    let s = run();
    expect(s.standup).toMatchObject({ phase: 'round', subjects: ['Ana', 'Bo', 'Chen', 'Dara', 'Eli', 'Fay'], step: 0 });
    expect(s.standup.window?.since).toBe('2026-11-20');
    expect(selectedRowOf(s)?.taskId).toBe('plugin-registry');
    s = run({ type: 'standup.step', delta: 1, now: NOW });
    expect(s.standup.step).toBe(1);
    expect(selectedRowOf(s)?.taskId).toBe('algorithm-registry');
    expect(run({ type: 'standup.step', delta: -1, now: NOW }).standup.step).toBe(0);
    expect(run({ type: 'standup.step', delta: -1, now: NOW }).standup.step).toBe(0);
    for (let i = 0; i < 6; i++) run({ type: 'standup.step', delta: 1, now: NOW });
    s = run();
    expect(s.standup.phase).toBe('report');
    expect(s.standup.report?.markdown).toMatch(/^# Standup: Codon Migration/);
    expect(s.standup.report?.record.since).toBe('2026-11-20');
    run({ type: 'standup.scroll', by: 'edge', delta: 1 });
    expect(run().standup.scroll).toBeGreaterThan(0);
    expect(run({ type: 'standup.scroll', by: 'line', delta: 1000 }).standup.scroll).toBe(run().standup.scroll);
    expect(run({ type: 'standup.scroll', by: 'edge', delta: -1 }).standup.scroll).toBe(0);
    expect(run({ type: 'prompt.open', prompt: 'report-path' }).overlay).toMatchObject({ prompt: 'report-path', value: 'standup-2026-11-23.md' });
    run({ type: 'prompt.error', error: 'exists', confirmOverwrite: 'standup-2026-11-23.md' });
    expect(run().overlay).toMatchObject({ error: 'exists', confirmOverwrite: 'standup-2026-11-23.md' });
    run({ type: 'overlay.close' }, { type: 'standup.recorded', at: NOW });
    expect(run().standup.recordedAt).toBe(NOW);
    s = run({ type: 'standup.reset' });
    expect(s.standup).toMatchObject({ phase: 'intro', mode: 'people', report: null });
    expect(s.standup.recordedAt).toBeUndefined();
  });
});

function selectedRowOf(state: TuiState) {
  const list = currentList(state);
  return list.cursor >= 0 ? list.rows[list.cursor] : undefined;
}
