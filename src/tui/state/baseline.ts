/**
 * The TUI against a saved baseline (issue 10): which comparison the screen wants, and working it
 * out with the engine (the same core functions as `roadmap status --baseline`).
 *
 * The comparison re-plans the whole plan from today, which costs about two schedules. It is made
 * once per plan and journal, never per row: with the change itself on a small plan, after the
 * frame that shows the change (once the keys pause) on a large one (see App.tsx). Until then the
 * previous one stays on screen, marked stale.
 */
import type { ComponentComparison } from '../../core/baseline.js';
import type { Engine } from './engine.js';
import type { BaselineView, JournalInput, TuiState } from './types.js';

const seen = new WeakMap<JournalInput, boolean>();

/** Whether the journal holds a baseline event at all (a scan of the events, once per journal read). */
export function hasBaselineEvents(journal: JournalInput): boolean {
  let has = seen.get(journal);
  if (has === undefined) {
    has = journal.events.some((e) => e.type === 'baseline');
    seen.set(journal, has);
  }
  return has;
}

type BaselineInput = Pick<TuiState, 'effectivePlan' | 'journal' | 'today' | 'status' | 'baselineName' | 'baseline'> & Partial<Pick<TuiState, 'schedule'>>;

/**
 * Whether the Roadmap gives a row to the comparison: from the first frame when the journal has a
 * baseline (saying it is being worked out), so the list does not jump when it arrives; not when
 * the baseline asked for is not there.
 */
export function baselineRow(state: BaselineInput & Pick<TuiState, 'comparesBaseline'>): boolean {
  if (!state.comparesBaseline || !state.status || !hasBaselineEvents(state.journal)) return false;
  return state.baseline === null || state.baseline.slip !== null || state.baseline.error !== undefined;
}

/** True when the comparison on screen was worked out for another plan or journal than the one shown. */
export function baselineStale(state: BaselineInput): boolean {
  const b = state.baseline;
  return b !== null && (b.plan !== state.effectivePlan || b.journal !== state.journal);
}

/** Whether the app should work out a comparison now: a baseline exists and none is current. */
export function baselineWanted(state: BaselineInput, engine: Engine): boolean {
  if (!engine.baseline || !state.status || !hasBaselineEvents(state.journal)) return false;
  return state.baseline === null || baselineStale(state);
}

/** Above this many components the comparison waits for the keys to pause (see baselineDelay). */
export const BASELINE_QUIET_ABOVE = 500;
const QUIET_MS = 400;

/**
 * How long after a change the app waits before working out the comparison: at once for most
 * plans; on a large one (seconds of work at 10,000 components) until the keys pause, so a run of
 * re-weights or ticks pays for one comparison, not one each.
 */
export function baselineDelay(state: Pick<TuiState, 'effectivePlan'>): number {
  return state.effectivePlan.components.length > BASELINE_QUIET_ABOVE ? QUIET_MS : 0;
}

/** The comparison for the state's plan and journal, or undefined when the engine cannot make one. */
export function computeBaseline(state: BaselineInput, engine: Engine): BaselineView | undefined {
  if (!engine.baseline || !state.status) return undefined;
  const byId = new Map<string, ComponentComparison>();
  let slip;
  try {
    slip = engine.baseline(state.effectivePlan, state.journal, state.today, state.status, state.baselineName, state.schedule) ?? null;
  } catch (err) {
    // A journal this version cannot compare must not take the unsaved edits down with the app.
    return { plan: state.effectivePlan, journal: state.journal, slip: null, byId, error: err instanceof Error ? err.message : String(err) };
  }
  if (slip) for (const c of slip.comparison.components) byId.set(c.id, c);
  return { plan: state.effectivePlan, journal: state.journal, slip, byId };
}

/** The comparison to draw (possibly stale), or null when there is none to show. */
export function shownBaseline(state: BaselineInput): (BaselineView & { slip: NonNullable<BaselineView['slip']> }) | null {
  const b = state.baseline;
  return b && b.slip ? (b as BaselineView & { slip: NonNullable<BaselineView['slip']> }) : null;
}
