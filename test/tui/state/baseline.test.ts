/**
 * The TUI's baseline state, pure: when a comparison is wanted, that it is made with the same core
 * as `roadmap status --baseline`, that a late answer for an older plan or journal is dropped, and
 * that the Roadmap keeps a row for it from the first frame only when there is something to show.
 */
import { describe, expect, test } from 'vitest';
import { baselineData } from '../../../src/core/baseline.js';
import { scheduleWithCriticalPath } from '../../../src/core/critical-path.js';
import type { LocatedEvent } from '../../../src/core/journal.js';
import type { Plan } from '../../../src/core/plan-schema.js';
import type { Action } from '../../../src/tui/state/actions.js';
import {
  BASELINE_QUIET_ABOVE,
  baselineDelay,
  baselineRow,
  baselineStale,
  baselineWanted,
  computeBaseline,
  hasBaselineEvents,
  shownBaseline,
} from '../../../src/tui/state/baseline.js';
import { coreEngine } from '../../../src/tui/state/core-engine.js';
import type { Engine } from '../../../src/tui/state/engine.js';
import { createReducer, initialState, listLayout } from '../../../src/tui/state/reducer.js';
import type { JournalInput, TuiState } from '../../../src/tui/state/types.js';
import { VIEWS } from '../../../src/tui/views/index.js';
import { examplePlan } from '../../helpers/plan-builder.js';

process.env.TZ = 'UTC';
const TODAY = '2026-11-13';
const plan = examplePlan('codon-migration');

function journalWith(p: Plan, extra: Partial<LocatedEvent>[] = [], names = ['kickoff']): JournalInput {
  const data = baselineData(scheduleWithCriticalPath(p));
  const events = [
    ...names.map((name, i) => ({ type: 'baseline', name, data, at: `2026-11-0${2 + i}T08:00:00.000Z`, by: 'Ana' })),
    ...extra,
  ].map((e, i) => ({ v: 1, seq: i + 1, ...e }) as LocatedEvent);
  return { events, problems: [] };
}

function start(journal: JournalInput, opts: { engine?: Engine; baselineName?: string } = {}) {
  const engine = opts.engine ?? coreEngine;
  const reduce = createReducer(engine);
  let state: TuiState = initialState({
    plan,
    hash: 'h',
    fileLabel: 'plans/x.yaml',
    today: TODAY,
    size: { columns: 100, rows: 30 },
    views: VIEWS,
    engine,
    journal,
    view: 'roadmap',
    ...(opts.baselineName !== undefined ? { baselineName: opts.baselineName } : {}),
  });
  const run = (...actions: Action[]) => {
    for (const a of actions) state = reduce(state, a);
    return state;
  };
  /** What the app does after the frame. */
  const settle = () => {
    const b = baselineWanted(state, engine) ? computeBaseline(state, engine) : undefined;
    return b ? run({ type: 'baseline.ready', baseline: b }) : state;
  };
  return { get state() { return state; }, run, settle, engine };
}

const late = { type: 'status', target: 'analytics-thread-safety', status: 'doing', at: '2026-11-12T09:00:00.000Z', by: 'Bo' } as Partial<LocatedEvent>;

describe('baseline state', () => {
  test('wanted from the start when the journal has a baseline; the Roadmap keeps its row while it is worked out', () => {
    const s = start(journalWith(plan, [late]));
    expect(hasBaselineEvents(s.state.journal)).toBe(true);
    expect(s.state.baseline).toBeNull();
    expect(baselineWanted(s.state, s.engine)).toBe(true);
    expect(listLayout(s.state).baseline).toBe(true);
    const listBefore = VIEWS[1]!.listHeight!(s.state.size, listLayout(s.state));
    const after = s.settle();
    expect(shownBaseline(after)?.slip.comparison.baseline.name).toBe('kickoff');
    expect(shownBaseline(after)?.byId.get('analytics-thread-safety')?.finishSlip).toBeGreaterThan(0);
    expect(baselineWanted(after, s.engine)).toBe(false);
    // The list did not lose or gain a row when it arrived.
    expect(VIEWS[1]!.listHeight!(after.size, listLayout(after))).toBe(listBefore);
  });

  test('an edit makes it stale (still shown) and wanted again; a late answer for the old plan is dropped', () => {
    const s = start(journalWith(plan, [late]));
    const first = s.settle();
    const old = first.baseline!;
    const edited = s.run({ type: 'weights.open' }, { type: 'weights.change', delta: 3 });
    expect(edited.effectivePlan).not.toBe(first.effectivePlan);
    expect(baselineStale(edited)).toBe(true);
    expect(shownBaseline(edited)).toBe(old);
    expect(baselineWanted(edited, s.engine)).toBe(true);
    expect(s.run({ type: 'baseline.ready', baseline: old })).toBe(edited);
    const fresh = s.settle();
    expect(baselineStale(fresh)).toBe(false);
    expect(fresh.baseline!.plan).toBe(fresh.effectivePlan);
  });

  test('a new journal read makes it stale too', () => {
    const s = start(journalWith(plan));
    s.settle();
    const j = journalWith(plan, [late]);
    const next = s.run({ type: 'journal.loaded', journal: j });
    expect(baselineStale(next)).toBe(true);
    expect(s.settle().baseline!.journal).toBe(j);
  });

  test('the name asked for picks that baseline; a name the journal lacks shows nothing and is not asked again', () => {
    const named = start(journalWith(plan, [], ['kickoff', 'replan']), { baselineName: 'kickoff' });
    expect(shownBaseline(named.settle())?.slip.comparison.baseline.name).toBe('kickoff');
    const newest = start(journalWith(plan, [], ['kickoff', 'replan']));
    expect(shownBaseline(newest.settle())?.slip.comparison.baseline.name).toBe('replan');
    const missing = start(journalWith(plan), { baselineName: 'nope' });
    const after = missing.settle();
    expect(after.baseline?.slip).toBeNull();
    expect(shownBaseline(after)).toBeNull();
    expect(baselineRow(after)).toBe(false);
    expect(baselineWanted(after, missing.engine)).toBe(false);
  });

  test('no baseline in the journal, or an engine that cannot compare: nothing wanted, no row', () => {
    const none = start({ events: [], problems: [] });
    expect(baselineWanted(none.state, none.engine)).toBe(false);
    expect(listLayout(none.state).baseline).toBe(false);
    const { baseline: _, ...rest } = coreEngine;
    const bare = start(journalWith(plan), { engine: rest });
    expect(baselineWanted(bare.state, bare.engine)).toBe(false);
    expect(baselineRow(bare.state)).toBe(false);
  });

  test('an engine that fails says why on the row instead of stopping the app', () => {
    const failing: Engine = {
      ...coreEngine,
      baseline: () => {
        throw new Error('bad baseline data');
      },
    };
    const s = start(journalWith(plan), { engine: failing });
    const after = s.settle();
    expect(after.baseline?.error).toBe('bad baseline data');
    expect(shownBaseline(after)).toBeNull();
    expect(baselineRow(after)).toBe(true);
    expect(baselineWanted(after, failing)).toBe(false);
  });

  test('a large plan waits for the keys to pause before comparing; a small one does not', () => {
    expect(baselineDelay({ effectivePlan: plan })).toBe(0);
    const big = { ...plan, components: Array.from({ length: BASELINE_QUIET_ABOVE + 1 }, () => plan.components[0]!) };
    expect(baselineDelay({ effectivePlan: big })).toBeGreaterThan(0);
  });
});
