/**
 * The TUI's one reducer: a pure function of (state, action). It schedules edited plans with the
 * same core as the CLI (through the Engine), so what the TUI shows is what `roadmap schedule`
 * prints for the same plan. I/O (saving, journal writes, reloading) happens in the actions layer,
 * which reports back with actions such as `plan.loaded` and `conflict`.
 */
import { IsoDate } from '../../core/plan-schema.js';
import type { Plan } from '../../core/plan-schema.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { Action } from './actions.js';
import { baselineRow } from './baseline.js';
import { describeScheduleChange } from './diff.js';
import { applyEdits, isEmptyEdits, normaliseEdits, pinOf, weightOf, withPinEdit, withWeight } from './edits.js';
import type { Engine } from './engine.js';
import { weekOfDate } from './rows.js';
import { standupReport, standupSubjects, standupWindow } from './standup-round.js';
import { clampTop, clampWeekOffset, roadmapLayout, standupLayout, viewSize } from '../layout.js';
import { bannerRows } from '../rollback-clock.js';
import {
  NO_EDITS,
  NO_JOURNAL,
  NO_STANDUP,
  SORT_KEYS,
  type JournalInput,
  type ListRow,
  type ListState,
  type Overlay,
  type PlanEdits,
  type PromptKind,
  type RowsInput,
  type Size,
  type StandupState,
  type TuiState,
  type ViewModel,
  type WeightPreview,
} from './types.js';

export interface InitOptions {
  plan: Plan;
  hash: string;
  fileLabel: string;
  today: string;
  size: Size;
  views: readonly ViewModel[];
  engine: Engine;
  journal?: JournalInput;
  /** Start on this view instead of the first. */
  view?: string;
  /** Compare with this baseline (`--baseline NAME`) rather than the newest. */
  baselineName?: string;
}

export type Reducer = (state: TuiState, action: Action) => TuiState;

const EMPTY_LIST: ListState = Object.freeze({ rows: Object.freeze([]) as readonly ListRow[], cursor: -1, top: 0 });
const MAX_HISTORY = 200;
const MAX_WEIGHT = 100;

export function initialState(opts: InitOptions): TuiState {
  const schedule = opts.engine.schedule(opts.plan);
  const base: TuiState = {
    plan: opts.plan,
    hash: opts.hash,
    fileLabel: opts.fileLabel,
    today: opts.today,
    edits: NO_EDITS,
    past: [],
    future: [],
    effectivePlan: opts.plan,
    schedule,
    components: new Map(schedule.components.map((c) => [c.id, c])),
    planComponents: new Map(opts.plan.components.map((c) => [c.id, c])),
    journal: opts.journal ?? NO_JOURNAL,
    status: null,
    view: opts.view && opts.views.some((v) => v.id === opts.view) ? opts.view : (opts.views[0]?.id ?? ''),
    views: opts.views,
    lists: {},
    overlay: null,
    filter: '',
    sort: 'score',
    sortReversed: false,
    week: 1,
    weekOffset: 0,
    detail: true,
    diff: null,
    preview: null,
    message: null,
    size: opts.size,
    banner: 0,
    standup: NO_STANDUP,
    ...(opts.baselineName !== undefined ? { baselineName: opts.baselineName } : {}),
    baseline: null,
    comparesBaseline: opts.engine.baseline !== undefined,
    quitting: false,
  };
  const week = weekOfDate(base, opts.today) ?? 1;
  return focusTimeline(rebuildLists(withStatus({ ...base, week }, statusFor(opts.engine, base))), week);
}

export function createReducer(engine: Engine): Reducer {
  return function reduce(state: TuiState, action: Action): TuiState {
    switch (action.type) {
      case 'resize':
        return rescroll({ ...state, size: action.size });
      case 'view.select':
        return selectView(state, action.view);
      case 'view.cycle': {
        const ids = state.views.map((v) => v.id);
        const i = ids.indexOf(state.view);
        return selectView(state, ids[(i + action.delta + ids.length) % ids.length]!);
      }
      case 'move':
        return move(state, action.by, action.delta);
      case 'help.toggle':
        return { ...state, overlay: state.overlay?.kind === 'help' ? null : { kind: 'help', scroll: 0 } };
      case 'help.scroll':
        return state.overlay?.kind === 'help'
          ? { ...state, overlay: { ...state.overlay, scroll: Math.max(0, state.overlay.scroll + action.delta) } }
          : state;
      case 'escape':
        return escape(state);
      case 'overlay.close':
        return state.overlay ? { ...state, overlay: null } : state;
      case 'prompt.open':
        return openPrompt(state, action.prompt, action.target, action.carry);
      case 'prompt.type':
        return editPrompt(state, (v) => v + sanitizeLine(action.text));
      case 'prompt.backspace':
        return editPrompt(state, (v) => Array.from(v).slice(0, -1).join(''));
      case 'prompt.error':
        return state.overlay?.kind === 'prompt'
          ? { ...state, overlay: { ...state.overlay, error: action.error, ...(action.confirmOverwrite ? { confirmOverwrite: action.confirmOverwrite } : {}) } }
          : state;
      case 'prompt.submit':
        return submitPrompt(state, engine);
      case 'sort.next': {
        const sort = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length]!;
        return rebuildLists({ ...state, sort, sortReversed: false, message: { tone: 'info', text: `sorted by ${sort}` } });
      }
      case 'sort.reverse':
        return rebuildLists({
          ...state,
          sortReversed: !state.sortReversed,
          message: { tone: 'info', text: `sorted by ${state.sort}${state.sortReversed ? '' : ', reversed'}` },
        });
      case 'detail.toggle':
        return rescroll({ ...state, detail: !state.detail });
      case 'week.shift':
        return setWeek(state, state.week + action.delta);
      case 'week.today': {
        const w = weekOfDate(state, state.today);
        if (w === undefined) {
          const before = state.today < state.schedule.start;
          return {
            ...setWeek(state, before ? 1 : state.schedule.weeks.length),
            message: { tone: 'info', text: `today (${state.today}) is ${before ? 'before' : 'after'} the schedule` },
          };
        }
        return setWeek(state, w);
      }
      case 'timeline.scroll': {
        const { visibleWeeks } = roadmapLayout(viewSize(state));
        return { ...state, weekOffset: clampWeekOffset(state.schedule.weeks.length, visibleWeeks, state.weekOffset + action.delta) };
      }
      case 'roadmap.openWeek': {
        const id = selectedComponent(state);
        const c = id ? state.components.get(id) : undefined;
        if (!c) return state;
        const next = setWeek({ ...state, view: 'week' }, c.startWeek);
        return selectComponent(next, c.id);
      }
      case 'weights.open':
        return { ...state, overlay: { kind: 'weights', cursor: 0 } };
      case 'weights.cursor': {
        if (state.overlay?.kind !== 'weights') return state;
        const n = state.plan.scoring.criteria.length;
        const cursor = Math.min(n - 1, Math.max(0, state.overlay.cursor + action.delta));
        return cursor === state.overlay.cursor ? state : { ...state, overlay: { kind: 'weights', cursor } };
      }
      case 'weights.change':
      case 'weights.reset': {
        if (state.overlay?.kind !== 'weights') return state;
        const criterion = state.plan.scoring.criteria[state.overlay.cursor];
        if (!criterion) return state;
        const current = weightOf(state.plan, state.edits, criterion.id);
        const next =
          action.type === 'weights.reset' ? criterion.weight : Math.min(MAX_WEIGHT, Math.max(0, current + action.delta));
        if (next === current) return state;
        return applyEdit(state, engine, withWeight(state.edits, criterion.id, next), `weight ${criterion.id} ${current} -> ${next}`);
      }
      case 'preview.ready': {
        // Only the preview for what is on screen now; a late answer for an older plan is dropped.
        const wanted = previewWanted(state);
        const p = action.preview;
        return wanted && wanted.criterion === p.criterion && p.plan === state.effectivePlan ? { ...state, preview: p } : state;
      }
      case 'baseline.ready': {
        // Only the comparison for what is on screen now; one for an older plan or journal is dropped.
        const b = action.baseline;
        if (b.plan !== state.effectivePlan || b.journal !== state.journal) return state;
        // The Roadmap's summary row comes or goes with it: its list may gain or lose a row.
        return rescroll({ ...state, baseline: b });
      }
      case 'pin.clear': {
        const id = selectedComponent(state);
        if (!id) return state;
        if (pinOf(state.plan, state.edits, id) === undefined) {
          return { ...state, message: { tone: 'info', text: `${id} is not pinned` } };
        }
        return applyEdit(state, engine, withPinEdit(state.edits, id, null), `unpin ${id}`);
      }
      case 'undo':
        return travel(state, engine, 'undo');
      case 'redo':
        return travel(state, engine, 'redo');
      case 'quit.request':
        if (!isEmptyEdits(state.edits)) return { ...state, overlay: { kind: 'confirm-quit' } };
        return { ...state, quitting: true };
      case 'quit.confirm':
        return { ...state, overlay: null, quitting: true };
      case 'conflict':
        return { ...state, overlay: { kind: 'conflict', message: action.message } };
      case 'plan.loaded':
        return planLoaded(state, engine, action.plan, action.hash, action.keepEdits, action.message);
      case 'journal.loaded': {
        const next = { ...state, journal: action.journal };
        return rescroll(rebuildLists(withStatus(next, statusFor(engine, next))));
      }
      case 'message':
        return { ...state, message: action.message };
      case 'standup.mode':
        if (state.standup.phase !== 'intro') return state;
        return { ...state, standup: { ...state.standup, mode: state.standup.mode === 'people' ? 'tasks' : 'people' } };
      case 'standup.begin':
        return beginStandup(state, action.now);
      case 'standup.step': {
        const s = state.standup;
        if (s.phase !== 'round') return state;
        const step = s.step + action.delta;
        if (step < 0) return state;
        if (step >= s.subjects.length) return finishStandup(state, action.now);
        return setStandup(state, { ...s, step });
      }
      case 'standup.finish':
        return state.standup.phase === 'report' ? state : finishStandup(state, action.now);
      case 'standup.scroll':
        return scrollReport(state, action.by, action.delta);
      case 'standup.reset':
        return setStandup(state, { ...NO_STANDUP, mode: state.standup.mode });
      case 'standup.recorded':
        return { ...state, standup: { ...state.standup, recordedAt: action.at } };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Status and the standup round

/** Sets the status and the rows the fired-rollback banner needs with it. */
function withStatus(state: TuiState, status: TuiState['status']): TuiState {
  return { ...state, status, banner: bannerRows(status) };
}

/** A new standup state, with the round's list started afresh. */
function setStandup(state: TuiState, standup: StandupState): TuiState {
  return rebuildLists({ ...state, standup, lists: { ...state.lists, standup: EMPTY_LIST } });
}

function beginStandup(state: TuiState, now: string): TuiState {
  if (state.standup.phase !== 'intro') return state;
  const subjects = standupSubjects(state.effectivePlan, state.status, state.standup.mode);
  const window = standupWindow(state.effectivePlan, state.today, new Date(now));
  if (subjects.length === 0) {
    const text = state.standup.mode === 'people' ? 'the plan names no team and the journal no authors' : 'no task is in progress';
    return { ...state, message: { tone: 'info', text: `${text}: the report comes straight away` }, standup: { ...state.standup, window } };
  }
  return setStandup({ ...state, message: null }, { ...state.standup, phase: 'round', subjects, step: 0, window, report: null, scroll: 0 });
}

function finishStandup(state: TuiState, now: string): TuiState {
  const opened = state.standup.window ?? standupWindow(state.effectivePlan, state.today, new Date(now));
  // The report covers up to now: what the round just recorded is in it.
  const window = { ...opened, until: standupWindow(state.effectivePlan, state.today, new Date(now)).until };
  const report = standupReport({ plan: state.effectivePlan, schedule: state.schedule, journal: state.journal, today: state.today }, window);
  return setStandup(state, { ...state.standup, phase: 'report', window, report, scroll: 0 });
}

/** Lines of the report; the view shows the same split. */
export function reportLines(state: TuiState): string[] {
  return state.standup.report ? state.standup.report.markdown.replace(/\n$/, '').split('\n') : [];
}

function scrollReport(state: TuiState, by: 'line' | 'page' | 'edge', delta: number): TuiState {
  if (state.standup.phase !== 'report') return state;
  const height = standupLayout(viewSize(state)).report;
  const max = Math.max(0, reportLines(state).length - height);
  const step = by === 'page' ? Math.max(1, height - 1) : 1;
  const scroll = by === 'edge' ? (delta < 0 ? 0 : max) : Math.min(max, Math.max(0, state.standup.scroll + delta * step));
  return scroll === state.standup.scroll ? state : { ...state, standup: { ...state.standup, scroll } };
}

// ---------------------------------------------------------------------------------------------
// Lists

function rowsInput(state: TuiState): RowsInput {
  return {
    plan: state.effectivePlan,
    schedule: state.schedule,
    components: state.components,
    planComponents: state.planComponents,
    filter: state.filter,
    sort: state.sort,
    sortReversed: state.sortReversed,
    week: state.week,
    status: state.status,
    today: state.today,
    standup: state.standup,
  };
}

function viewModel(state: TuiState, id = state.view): ViewModel | undefined {
  return state.views.find((v) => v.id === id);
}

function listHeight(state: TuiState, id = state.view): number {
  return viewModel(state, id)?.listHeight?.(viewSize(state), listLayout(state)) ?? 1;
}

/** What besides the size decides how many rows a view's list gets. */
export function listLayout(state: TuiState): { detail: boolean; baseline: boolean } {
  return { detail: state.detail, baseline: baselineRow(state) };
}

export function currentList(state: TuiState): ListState {
  return state.lists[state.view] ?? EMPTY_LIST;
}

/** The row under the cursor in the current view. */
export function selectedRow(state: TuiState): ListRow | undefined {
  const list = currentList(state);
  return list.cursor >= 0 ? list.rows[list.cursor] : undefined;
}

export function selectedComponent(state: TuiState): string | undefined {
  return selectedRow(state)?.componentId;
}

function firstSelectable(rows: readonly ListRow[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < rows.length; i += step) if (rows[i]!.selectable) return i;
  return -1;
}

/** A valid cursor near `index`: the row itself when selectable, else the next one down, else up. */
function nearestSelectable(rows: readonly ListRow[], index: number): number {
  if (rows.length === 0) return -1;
  const i = Math.min(Math.max(0, index), rows.length - 1);
  const down = firstSelectable(rows, i, 1);
  return down !== -1 ? down : firstSelectable(rows, i, -1);
}

/**
 * Rebuilds every view's rows from the current schedule, filter, sort and week, keeping each
 * cursor on the same row (or the same component) when it survives.
 */
function rebuildLists(state: TuiState): TuiState {
  const input = rowsInput(state);
  const lists: Record<string, ListState> = {};
  for (const v of state.views) {
    if (!v.rows) continue;
    const rows = v.rows(input);
    const prev = state.lists[v.id];
    let cursor = -1;
    const prevRow = prev && prev.cursor >= 0 ? prev.rows[prev.cursor] : undefined;
    if (prevRow) {
      cursor = rows.findIndex((r) => r.key === prevRow.key);
      if (cursor === -1 && prevRow.componentId) cursor = rows.findIndex((r) => r.selectable && r.componentId === prevRow.componentId);
      if (cursor === -1) cursor = nearestSelectable(rows, prev!.cursor);
    } else {
      cursor = nearestSelectable(rows, 0);
    }
    const top = clampTop(rows.length, revealHeader(rows, cursor), prev?.top ?? 0, listHeight(state, v.id));
    lists[v.id] = { rows, cursor, top };
  }
  return { ...state, lists };
}

/** Keeps each list's cursor visible after the size or layout changed. */
function rescroll(state: TuiState): TuiState {
  const lists: Record<string, ListState> = {};
  for (const [id, list] of Object.entries(state.lists)) {
    lists[id] = { ...list, top: clampTop(list.rows.length, list.cursor, list.top, listHeight(state, id)) };
  }
  const { visibleWeeks } = roadmapLayout(viewSize(state));
  return { ...state, lists, weekOffset: clampWeekOffset(state.schedule.weeks.length, visibleWeeks, state.weekOffset) };
}

/** When the row above the cursor is a heading, scroll so the heading shows too. */
function revealHeader(rows: readonly ListRow[], cursor: number): number {
  return cursor > 0 && !rows[cursor - 1]!.selectable ? cursor - 1 : cursor;
}

function setList(state: TuiState, id: string, list: ListState): TuiState {
  return { ...state, lists: { ...state.lists, [id]: list } };
}

function move(state: TuiState, by: 'line' | 'page' | 'edge', delta: number): TuiState {
  const list = state.lists[state.view];
  if (!list || list.rows.length === 0) return state;
  const height = listHeight(state);
  const { rows } = list;
  let target: number;
  if (by === 'edge') target = delta < 0 ? 0 : rows.length - 1;
  else target = Math.min(rows.length - 1, Math.max(0, list.cursor + delta * (by === 'page' ? Math.max(1, height - 1) : 1)));
  const step: 1 | -1 = by === 'edge' ? (delta < 0 ? 1 : -1) : delta < 0 ? -1 : 1;
  let cursor = firstSelectable(rows, target, step);
  if (cursor === -1) cursor = firstSelectable(rows, target, step === 1 ? -1 : 1);
  if (cursor === -1) return state;
  const anchor = step === -1 || by === 'edge' ? revealHeader(rows, cursor) : cursor;
  let top = clampTop(rows.length, anchor, list.top, height);
  top = clampTop(rows.length, cursor, top, height);
  return setList(state, state.view, { rows, cursor, top });
}

/** Puts the cursor of the current view on a component's first row, if the list has it. */
function selectComponent(state: TuiState, id: string): TuiState {
  const list = state.lists[state.view];
  if (!list) return state;
  const cursor = list.rows.findIndex((r) => r.selectable && r.componentId === id);
  if (cursor === -1) return state;
  const top = clampTop(list.rows.length, revealHeader(list.rows, cursor), list.top, listHeight(state));
  return setList(state, state.view, { ...list, cursor, top: clampTop(list.rows.length, cursor, top, listHeight(state)) });
}

function selectView(state: TuiState, view: string): TuiState {
  if (!viewModel(state, view) || view === state.view) return state;
  const id = selectedComponent(state);
  const next = { ...state, view };
  return id ? selectComponent(next, id) : next;
}

function setWeek(state: TuiState, week: number): TuiState {
  const w = Math.min(Math.max(1, week), Math.max(1, state.schedule.weeks.length));
  if (w === state.week) return state;
  const next = rebuildLists({ ...state, week: w, lists: { ...state.lists, week: EMPTY_LIST } });
  return focusTimeline(next, w);
}

/** Scrolls the Roadmap's timeline so a week is visible. */
function focusTimeline(state: TuiState, week: number): TuiState {
  const { visibleWeeks } = roadmapLayout(viewSize(state));
  return { ...state, weekOffset: clampWeekOffset(state.schedule.weeks.length, visibleWeeks, state.weekOffset, week) };
}

// ---------------------------------------------------------------------------------------------
// Overlays and prompts

function escape(state: TuiState): TuiState {
  const o = state.overlay;
  if (o?.kind === 'prompt' && o.prompt === 'filter') {
    return rebuildLists({ ...state, overlay: null, filter: o.previous ?? '' });
  }
  if (o) return { ...state, overlay: null };
  if (state.filter !== '') return rebuildLists({ ...state, filter: '', message: { tone: 'info', text: 'filter cleared' } });
  if (state.message || state.diff) return { ...state, message: null, diff: null };
  return state;
}

const PROMPT_LABEL: Record<PromptKind, string> = {
  filter: 'Filter',
  jump: 'Go to id',
  pin: 'Pin to week',
  capacity: 'Capacity per week (person-days)',
  start: 'Start date (YYYY-MM-DD)',
  block: 'Blocked because',
  note: 'Note',
  next: 'What is next',
  'measure-value': 'Value',
  'measure-evidence': 'Evidence file or URL (optional)',
  'report-path': 'Write the report to',
};

function openPrompt(state: TuiState, prompt: PromptKind, givenTarget?: string, carry?: string): TuiState {
  const row = selectedRow(state);
  const target = row?.componentId;
  const overlay = (value: string, extra: Partial<Extract<Overlay, { kind: 'prompt' }>> = {}): TuiState => ({
    ...state,
    overlay: { kind: 'prompt', prompt, label: PROMPT_LABEL[prompt], value, ...extra },
  });
  switch (prompt) {
    case 'filter':
      return overlay(state.filter, { previous: state.filter });
    case 'jump':
      return overlay('');
    case 'pin': {
      if (!target) return { ...state, message: { tone: 'info', text: 'select a component to pin' } };
      const c = state.components.get(target);
      return overlay(String(pinOf(state.plan, state.edits, target) ?? c?.startWeek ?? 1), {
        target,
        label: `Pin ${target} to week`,
      });
    }
    case 'capacity':
      return overlay(String(state.effectivePlan.team.capacity_per_week ?? state.schedule.capacityPerWeek));
    case 'start':
      return overlay(state.effectivePlan.start);
    case 'block':
    case 'note':
    case 'next': {
      const t = row?.taskId ?? target;
      if (!t) return { ...state, message: { tone: 'info', text: 'select a task or component first' } };
      return overlay('', { target: t, label: `${PROMPT_LABEL[prompt]} (${t})` });
    }
    case 'measure-value': {
      const id = givenTarget ?? row?.metricId;
      const metric = state.effectivePlan.metrics.find((m) => m.id === id);
      if (!metric) return { ...state, message: { tone: 'info', text: 'select a metric to measure' } };
      const unit = metric.unit ? ` (${sanitizeLine(metric.unit)})` : '';
      return overlay('', { target: metric.id, label: `${PROMPT_LABEL[prompt]} of ${metric.id}${unit}` });
    }
    case 'measure-evidence':
      if (!givenTarget || carry === undefined) return state;
      return overlay('', { target: givenTarget, carry, label: `${PROMPT_LABEL[prompt]} for ${givenTarget} = ${carry}` });
    case 'report-path':
      if (!state.standup.report) return state;
      return overlay(`standup-${state.today}.md`);
  }
}

function editPrompt(state: TuiState, edit: (value: string) => string): TuiState {
  const o = state.overlay;
  if (o?.kind !== 'prompt') return state;
  const value = edit(o.value).slice(0, 500);
  const next: TuiState = { ...state, overlay: { ...o, value, error: undefined } };
  // The filter applies as it is typed.
  return o.prompt === 'filter' ? rebuildLists({ ...next, filter: value }) : next;
}

function submitPrompt(state: TuiState, engine: Engine): TuiState {
  const o = state.overlay;
  if (o?.kind !== 'prompt') return state;
  const value = o.value.trim();
  const fail = (error: string): TuiState => ({ ...state, overlay: { ...o, error } });
  switch (o.prompt) {
    case 'filter':
      return rebuildLists({ ...state, overlay: null, filter: value });
    case 'jump':
      return jumpTo({ ...state, overlay: null }, value);
    case 'pin': {
      const week = Number(value);
      if (!/^\d+$/.test(value) || week < 1 || week > 520) return fail('enter a week number from 1 to 520');
      return applyEdit({ ...state, overlay: null }, engine, withPinEdit(state.edits, o.target!, week), `pin ${o.target} to week ${week}`);
    }
    case 'capacity': {
      const capacity = Number(value);
      if (value === '' || !Number.isFinite(capacity) || capacity <= 0) return fail('enter a number of person-days above 0');
      return applyEdit({ ...state, overlay: null }, engine, { ...state.edits, capacity }, `capacity ${capacity}`);
    }
    case 'start': {
      if (!IsoDate.safeParse(value).success) return fail('enter a real date as YYYY-MM-DD');
      return applyEdit({ ...state, overlay: null }, engine, { ...state.edits, start: value }, `start ${value}`);
    }
    case 'block':
    case 'note':
    case 'next':
    case 'measure-value':
    case 'measure-evidence':
    case 'report-path':
      // Journal and file writes are I/O: the app handles these before the reducer sees them.
      return { ...state, overlay: null };
  }
}

/** Exact id, else the only id starting with the text, else the only id containing it. */
export function findComponent(ids: readonly string[], text: string): { id?: string; candidates: string[] } {
  const needle = text.toLowerCase();
  if (needle === '') return { candidates: [] };
  const exact = ids.find((id) => id.toLowerCase() === needle);
  if (exact) return { id: exact, candidates: [exact] };
  const prefix = ids.filter((id) => id.toLowerCase().startsWith(needle));
  if (prefix.length === 1) return { id: prefix[0], candidates: prefix };
  if (prefix.length > 1) return { candidates: prefix };
  const inner = ids.filter((id) => id.toLowerCase().includes(needle));
  return inner.length === 1 ? { id: inner[0], candidates: inner } : { candidates: inner };
}

/** What `g` looks up in the views that list other things than components. */
const TRACKED_ID: Record<string, (r: ListRow) => string | undefined> = {
  metrics: (r) => r.metricId,
  risks: (r) => r.ruleId ?? r.componentId,
};

/** `g` in Metrics and Risks: a metric, rule or component id among the view's rows (all of them, filter aside). */
function jumpToTracked(state: TuiState, text: string, idOf: (r: ListRow) => string | undefined): TuiState {
  const unfiltered = state.filter === '' ? state : rebuildLists({ ...state, filter: '' });
  const rows = unfiltered.lists[state.view]?.rows ?? [];
  const ids = rows.filter((r) => r.selectable).map(idOf).filter((id): id is string => id !== undefined);
  const found = findComponent(ids, text);
  const shown = sanitizeLine(text);
  if (!found.id) {
    const what = state.view === 'metrics' ? 'metric' : 'component or rule';
    const message =
      found.candidates.length > 1
        ? `"${shown}" matches ${found.candidates.length}: ${found.candidates.slice(0, 4).join(', ')}${found.candidates.length > 4 ? ', ...' : ''}`
        : `no ${what} "${shown}"`;
    return { ...state, message: { tone: 'warning', text: message } };
  }
  const visible = state.lists[state.view]?.rows.some((r) => idOf(r) === found.id) ? state : unfiltered;
  const list = visible.lists[state.view]!;
  const cursor = list.rows.findIndex((r) => r.selectable && idOf(r) === found.id);
  const height = listHeight(visible);
  const top = clampTop(list.rows.length, cursor, clampTop(list.rows.length, revealHeader(list.rows, cursor), list.top, height), height);
  return { ...setList(visible, state.view, { ...list, cursor, top }), message: null };
}

function jumpTo(state: TuiState, text: string): TuiState {
  if (text === '') return state;
  const tracked = TRACKED_ID[state.view];
  if (tracked) return jumpToTracked(state, text, tracked);
  const found = findComponent(
    state.schedule.components.map((c) => c.id),
    text,
  );
  const shown = sanitizeLine(text);
  if (!found.id) {
    const text2 =
      found.candidates.length > 1
        ? `"${shown}" matches ${found.candidates.length}: ${found.candidates.slice(0, 4).join(', ')}${found.candidates.length > 4 ? ', ...' : ''}`
        : `no component "${shown}"`;
    return { ...state, message: { tone: 'warning', text: text2 } };
  }
  let next = state;
  const list = state.lists[state.view];
  if (list && !list.rows.some((r) => r.componentId === found.id) && state.filter !== '') {
    next = rebuildLists({ ...next, filter: '' });
  }
  if (state.view === 'week') {
    const c = state.components.get(found.id)!;
    if (!next.lists.week?.rows.some((r) => r.componentId === found.id)) next = setWeek(next, c.startWeek);
  }
  next = selectComponent(next, found.id);
  if (selectedComponent(next) !== found.id) {
    return { ...next, message: { tone: 'warning', text: `${found.id} is not in this view` } };
  }
  return { ...next, message: null };
}

// ---------------------------------------------------------------------------------------------
// Edits, history, reloads

/**
 * Above this many components the weights overlay does not work out its what-if by itself: it
 * schedules the plan twice more after every change, and keys wait for it (seconds at 10,000).
 */
export const PREVIEW_MAX_COMPONENTS = 2000;

export function previewTooBig(state: Pick<TuiState, 'effectivePlan'>): boolean {
  return state.effectivePlan.components.length > PREVIEW_MAX_COMPONENTS;
}

/** The criterion the weights overlay wants a what-if for, when it has none for the current plan. */
export function previewWanted(state: TuiState): { criterion: string } | undefined {
  if (state.overlay?.kind !== 'weights' || previewTooBig(state)) return undefined;
  const criterion = state.plan.scoring.criteria[state.overlay.cursor];
  if (!criterion) return undefined;
  const p = state.preview;
  if (p && p.criterion === criterion.id && p.plan === state.effectivePlan) return undefined;
  return { criterion: criterion.id };
}

/** What one step up or down on a criterion would move, with the engine's sensitivity. */
export function computePreview(state: TuiState, engine: Engine, criterion: string): WeightPreview | undefined {
  if (!engine.sensitivity) return undefined;
  const weight = weightOf(state.plan, state.edits, criterion);
  return {
    criterion,
    plan: state.effectivePlan,
    up: engine.sensitivity(state.effectivePlan, criterion, 1),
    down: weight > 0 ? engine.sensitivity(state.effectivePlan, criterion, -1) : [],
  };
}

function sameEdits(a: PlanEdits, b: PlanEdits): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces the schedule for new edits and reports what moved. */
function reschedule(state: TuiState, engine: Engine, edits: PlanEdits, title: string): TuiState {
  const effectivePlan = applyEdits(state.plan, edits);
  const schedule = engine.schedule(effectivePlan);
  const lines = describeScheduleChange(state.schedule, schedule);
  const known = new Set(state.schedule.problems.map((p) => `${p.code}\u0000${p.message}`));
  const warnings = schedule.problems
    .filter((p) => !known.has(`${p.code}\u0000${p.message}`))
    .map((p) => `${p.severity} ${p.code}: ${sanitizeLine(p.message)}`);
  const next: TuiState = {
    ...state,
    edits,
    effectivePlan,
    schedule,
    components: new Map(schedule.components.map((c) => [c.id, c])),
    planComponents: effectivePlan === state.effectivePlan ? state.planComponents : new Map(effectivePlan.components.map((c) => [c.id, c])),
    status: null,
    diff: { title, lines: lines.length > 0 ? lines : ['nothing moved'], ...(warnings.length > 0 ? { warnings } : {}) },
    message: null,
  };
  const tracked = withStatus(next, statusFor(engine, next));
  return rescroll(rebuildLists({ ...tracked, week: Math.min(next.week, Math.max(1, schedule.weeks.length)) }));
}

function statusFor(engine: Engine, state: Pick<TuiState, 'effectivePlan' | 'schedule' | 'journal' | 'today'>): TuiState['status'] {
  return engine.status ? engine.status(state.effectivePlan, state.schedule, state.journal, state.today) : null;
}

function applyEdit(state: TuiState, engine: Engine, raw: PlanEdits, label: string): TuiState {
  const edits = normaliseEdits(state.plan, raw);
  if (sameEdits(edits, state.edits)) return { ...state, message: { tone: 'info', text: `${label}: no change` } };
  const past = [...state.past, { edits: state.edits, label }].slice(-MAX_HISTORY);
  return { ...reschedule(state, engine, edits, label), past, future: [] };
}

function travel(state: TuiState, engine: Engine, direction: 'undo' | 'redo'): TuiState {
  const from = direction === 'undo' ? state.past : state.future;
  const entry = from[from.length - 1];
  if (!entry) return { ...state, message: { tone: 'info', text: direction === 'undo' ? 'nothing to undo' : 'nothing to redo' } };
  const rest = from.slice(0, -1);
  const moved = { edits: state.edits, label: entry.label };
  const title = `${direction === 'undo' ? 'undid' : 'redid'} ${entry.label}`;
  const next = reschedule(state, engine, entry.edits, title);
  return direction === 'undo'
    ? { ...next, past: rest, future: [...state.future, moved] }
    : { ...next, past: [...state.past, moved], future: rest };
}

function planLoaded(
  state: TuiState,
  engine: Engine,
  plan: Plan,
  hash: string,
  keepEdits: boolean,
  message?: TuiState['message'],
): TuiState {
  const edits = keepEdits ? normaliseEdits(plan, state.edits) : NO_EDITS;
  const dropped = keepEdits ? editsForMissingIds(plan, state.edits) : 0;
  const base: TuiState = {
    ...state,
    plan,
    hash,
    past: [],
    future: [],
    overlay: null,
    planComponents: new Map(plan.components.map((c) => [c.id, c])),
  };
  const next = reschedule(base, engine, edits, 'reloaded');
  const note = dropped > 0 ? ` (${dropped} edit${dropped === 1 ? '' : 's'} named ids the file no longer has)` : '';
  return {
    ...next,
    diff: null,
    message: message ? { ...message, text: message.text + note } : note ? { tone: 'warning', text: `reloaded${note}` } : null,
  };
}

/** Edits naming a criterion or component the plan does not have (they cannot be re-applied). */
function editsForMissingIds(plan: Plan, edits: PlanEdits): number {
  const criteria = new Set(plan.scoring.criteria.map((c) => c.id));
  const components = new Set(plan.components.map((c) => c.id));
  return (
    Object.keys(edits.weights).filter((id) => !criteria.has(id)).length +
    Object.keys(edits.pins).filter((id) => !components.has(id)).length
  );
}
