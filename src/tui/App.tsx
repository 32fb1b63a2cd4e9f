/**
 * The TUI root: owns the reducer, turns keys into intents through the bindings table, runs the
 * I/O intents (save, reload, journal events) through the injected effects, and lays out the
 * chrome around the current view or overlay.
 */
import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Plan } from '../core/plan-schema.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { TuiEffects } from './effects.js';
import { intentFor, keyMode, type Intent } from './intents.js';
import { BASE_BINDINGS, isKeyRun, matchKey, splitChunk, viewBindings, type Feature, type KeyContext, type KeyState } from './keys.js';
import { frameRows, isTooSmall } from './layout.js';
import { FiredBanner, HintLine, MessageLine, TabBar, TitleBar } from './components/Chrome.js';
import { ConfirmQuitOverlay, ConflictOverlay, HelpOverlay, TooSmall, WeightsOverlay } from './components/Overlays.js';
import { useTerminalSize, readSize } from './hooks/use-terminal-size.js';
import { ActionsContext, ClockContext, StateContext, ThemeContext, type TuiActions } from './state/context.js';
import { coreEngine } from './state/core-engine.js';
import { countEdits, isEmptyEdits } from './state/edits.js';
import type { Engine } from './state/engine.js';
import { computePreview, createReducer, initialState, previewWanted } from './state/reducer.js';
import { baselineDelay, baselineWanted, computeBaseline } from './state/baseline.js';
import type { Action } from './state/actions.js';
import type { JournalInput, Size, TuiState } from './state/types.js';
import type { Theme } from './theme.js';
import { VIEWS, type ViewDef } from './views/index.js';

export interface AppProps {
  plan: Plan;
  /** Content hash of the plan file as loaded (saving compares it). */
  hash: string;
  /** The plan file as messages name it. */
  fileLabel: string;
  /** YYYY-MM-DD. */
  today: string;
  theme: Theme;
  effects: TuiEffects;
  journal?: JournalInput;
  engine?: Engine;
  views?: readonly ViewDef[];
  initialView?: string;
  /** The baseline to compare with (`--baseline NAME`); without it the newest in the journal. */
  baseline?: string;
  /** Called once when the user quits, before ink unmounts. */
  onExit?: () => void;
  /** How often rollback countdowns re-read the clock while a rule fires (ms); 1000 unless told. */
  clockTickMs?: number;
}

export function App(props: AppProps) {
  const { effects, theme } = props;
  const views = props.views ?? VIEWS;
  const engine = props.engine ?? coreEngine;
  const { stdout } = useStdout();
  const { exit } = useApp();
  const reducer = useMemo(() => createReducer(engine), [engine]);
  // A small plan's comparison with the baseline is quick (up to 500 components): made with the
  // change itself, so no frame shows it stale. A large one's waits for the frame (effect below).
  const settle = useCallback(
    (s: TuiState): TuiState => {
      if (baselineDelay(s) > 0 || !baselineWanted(s, engine)) return s;
      const baseline = computeBaseline(s, engine);
      return baseline ? reducer(s, { type: 'baseline.ready', baseline }) : s;
    },
    [engine, reducer],
  );
  const [state, setState] = useState(() =>
    settle(initialState({
      plan: props.plan,
      hash: props.hash,
      fileLabel: props.fileLabel,
      today: props.today,
      size: readSize(stdout),
      views,
      engine,
      ...(props.journal ? { journal: props.journal } : {}),
      ...(props.initialView ? { view: props.initialView } : {}),
      ...(props.baseline !== undefined ? { baselineName: props.baseline } : {}),
    })),
  );
  // The ref, not React's copy, is the state of record: several keys can arrive in one chunk
  // before React renders, and each must see what the one before it did. React only mirrors it.
  const stateRef = useRef<TuiState>(state);
  const dispatch = useCallback(
    (action: Action) => {
      const next = reducer(stateRef.current, action);
      if (next === stateRef.current) return;
      stateRef.current = settle(next);
      setState(stateRef.current);
    },
    [reducer, settle],
  );
  const busy = useRef(false);

  const onResize = useCallback((size: Size) => dispatch({ type: 'resize', size }), [dispatch]);
  useTerminalSize(onResize);

  const bindings = useMemo(() => [...viewBindings(views), ...BASE_BINDINGS], [views]);
  const features = useMemo(() => {
    const set = new Set<Feature>();
    if (effects.save) set.add('save');
    if (effects.journal && engine.status) set.add('status');
    if (effects.journal && effects.measure && engine.status) set.add('measure');
    if (effects.writeFile) set.add('write');
    if (effects.clipboard) set.add('clipboard');
    return set;
  }, [effects, engine]);

  // The clock the rollback countdowns read: ticking only while a rule fires.
  const [now, setNow] = useState(() => effects.now());
  const tickMs = props.clockTickMs ?? 1000;
  const firing = state.banner > 0;
  useEffect(() => {
    if (!firing) return;
    setNow(effects.now());
    const timer = setInterval(() => setNow(effects.now()), tickMs);
    return () => clearInterval(timer);
  }, [firing, effects, tickMs]);

  const save = useCallback(
    async (thenQuit: boolean) => {
      const s = stateRef.current;
      if (!effects.save) return;
      if (isEmptyEdits(s.edits)) {
        if (thenQuit) dispatch({ type: 'quit.confirm' });
        else dispatch({ type: 'message', message: { tone: 'info', text: 'nothing to save' } });
        return;
      }
      if (busy.current) return;
      busy.current = true;
      const n = countEdits(s.edits);
      dispatch({ type: 'overlay.close' });
      dispatch({ type: 'message', message: { tone: 'info', text: `saving ${sanitizeLine(s.fileLabel)}...` } });
      try {
        const out = await effects.save(s.edits, s.hash);
        if (out.kind === 'saved') {
          const text = `saved ${n} edit${n === 1 ? '' : 's'} to ${sanitizeLine(s.fileLabel)}`;
          // keepEdits: anything edited while the save ran stays pending; what was saved now matches the file.
          dispatch({ type: 'plan.loaded', plan: out.plan, hash: out.hash, keepEdits: true, message: { tone: 'ok', text } });
          if (thenQuit) dispatch({ type: 'quit.confirm' });
        } else if (out.kind === 'conflict') {
          dispatch({ type: 'conflict', message: out.message });
        } else {
          dispatch({ type: 'message', message: { tone: 'error', text: `not saved: ${sanitizeLine(out.message)}` } });
        }
      } finally {
        busy.current = false;
      }
    },
    [effects, dispatch],
  );

  const reload = useCallback(
    async (keepEdits: boolean) => {
      if (!effects.reload || busy.current) return;
      busy.current = true;
      try {
        const out = await effects.reload();
        if (out.kind === 'loaded') {
          const text = keepEdits ? 'reloaded; your edits are re-applied (s saves them)' : 'reloaded; your edits were dropped';
          dispatch({ type: 'plan.loaded', plan: out.plan, hash: out.hash, keepEdits, message: { tone: 'ok', text } });
        } else {
          dispatch({ type: 'overlay.close' });
          dispatch({ type: 'message', message: { tone: 'error', text: `cannot reload: ${sanitizeLine(out.message)}` } });
        }
      } finally {
        busy.current = false;
      }
    },
    [effects, dispatch],
  );

  const record = useCallback(
    async (intent: Extract<Intent, { kind: 'journal' }>) => {
      const journal = effects.journal;
      if (!journal) return;
      if (intent.closePrompt) dispatch({ type: 'overlay.close' });
      const at = effects.now().toISOString();
      const e = intent.event;
      try {
        await journal.append(
          e.type === 'status'
            ? { type: 'status', at, by: journal.author, target: e.target, status: e.status, ...(e.note ? { note: e.note } : {}) }
            : { type: 'note', at, by: journal.author, target: e.target, text: e.text },
        );
        dispatch({ type: 'journal.loaded', journal: await journal.read() });
        const text = e.type === 'status' ? `${e.target}: ${e.status}${e.note ? ` (${sanitizeLine(e.note)})` : ''}` : `note added to ${e.target}`;
        dispatch({ type: 'message', message: { tone: 'ok', text } });
      } catch (err) {
        dispatch({ type: 'message', message: { tone: 'error', text: `journal not written: ${sanitizeLine(err instanceof Error ? err.message : String(err))}` } });
      }
    },
    [effects, dispatch],
  );

  const problemText = (err: unknown) => sanitizeLine(err instanceof Error ? err.message : String(err));

  const measureValue = useCallback(
    (metric: string, text: string) => {
      const checked = effects.measure?.parseValue(text);
      if (!checked) return;
      if (!checked.ok) dispatch({ type: 'prompt.error', error: checked.message });
      else dispatch({ type: 'prompt.open', prompt: 'measure-evidence', target: metric, carry: text.trim() });
    },
    [effects, dispatch],
  );

  const measure = useCallback(
    async (metric: string, valueText: string, evidence: string) => {
      const { measure: m, journal } = effects;
      if (!m || !journal) return;
      const checked = m.parseValue(valueText);
      if (!checked.ok) {
        dispatch({ type: 'prompt.error', error: checked.message });
        return;
      }
      const out = await m.record({ metric, value: checked.value, evidence, at: effects.now().toISOString() });
      if (!out.ok) {
        dispatch({ type: 'prompt.error', error: out.message });
        return;
      }
      dispatch({ type: 'overlay.close' });
      try {
        dispatch({ type: 'journal.loaded', journal: await journal.read() });
      } catch (err) {
        dispatch({ type: 'message', message: { tone: 'error', text: `recorded, but the journal cannot be read: ${problemText(err)}` } });
        return;
      }
      const after = stateRef.current.status?.metrics.find((x) => x.id === metric);
      const tone = after?.state === 'met' ? 'ok' : after?.state === 'breached' ? 'error' : 'warning';
      dispatch({ type: 'message', message: { tone, text: after ? `recorded: ${sanitizeLine(after.summary)}` : `recorded ${metric}` } });
    },
    [effects, dispatch],
  );

  const writeReport = useCallback(
    async (userPath: string, overwrite: boolean) => {
      const report = stateRef.current.standup.report;
      if (!effects.writeFile || !report) return;
      const out = await effects.writeFile(userPath, report.markdown, { overwrite });
      if (out.kind === 'exists') {
        dispatch({ type: 'prompt.error', error: `${out.path} exists: enter again replaces it`, confirmOverwrite: userPath });
      } else if (out.kind === 'failed') {
        dispatch({ type: 'prompt.error', error: out.message });
      } else {
        dispatch({ type: 'overlay.close' });
        dispatch({ type: 'message', message: { tone: 'ok', text: `wrote the standup to ${out.path}` } });
      }
    },
    [effects, dispatch],
  );

  const copyReport = useCallback(() => {
    const report = stateRef.current.standup.report;
    if (!effects.clipboard || !report) return;
    const out = effects.clipboard(report.markdown);
    dispatch({
      type: 'message',
      message: out.ok ? { tone: 'ok', text: 'copied the standup to the clipboard (OSC 52)' } : { tone: 'error', text: out.message },
    });
  }, [effects, dispatch]);

  const recordStandup = useCallback(async () => {
    const { journal } = effects;
    const s = stateRef.current.standup;
    if (!journal || !s.report) return;
    if (s.recordedAt) {
      dispatch({ type: 'message', message: { tone: 'info', text: `already recorded at ${s.recordedAt.slice(11, 16)} UTC` } });
      return;
    }
    const at = effects.now().toISOString();
    try {
      await journal.append({ type: 'standup', at, by: journal.author, data: s.report.record });
      dispatch({ type: 'standup.recorded', at });
      dispatch({ type: 'journal.loaded', journal: await journal.read() });
      dispatch({ type: 'message', message: { tone: 'ok', text: `recorded the standup in the journal as ${sanitizeLine(journal.author)}` } });
    } catch (err) {
      dispatch({ type: 'message', message: { tone: 'error', text: `journal not written: ${problemText(err)}` } });
    }
  }, [effects, dispatch]);

  const run = useCallback(
    (intent: Intent) => {
      switch (intent.kind) {
        case 'dispatch':
          dispatch(intent.action);
          return;
        case 'save':
          void save(intent.thenQuit);
          return;
        case 'reload':
          void reload(intent.keepEdits);
          return;
        case 'journal':
          void record(intent);
          return;
        case 'measure-value':
          measureValue(intent.metric, intent.text);
          return;
        case 'measure':
          void measure(intent.metric, intent.value, intent.evidence);
          return;
        case 'write-report':
          void writeReport(intent.path, intent.overwrite);
          return;
        case 'copy-report':
          copyReport();
          return;
        case 'record-standup':
          void recordStandup();
          return;
        case 'none':
          return;
      }
    },
    [dispatch, save, reload, record, measureValue, measure, writeReport, copyReport, recordStandup],
  );

  const actions: TuiActions = useMemo(() => ({ dispatch, save: (o) => void save(Boolean(o?.thenQuit)) }), [dispatch, save]);

  const onInput = useCallback(
    (input: string, key: KeyState) => {
      // Esc then a key typed quickly reaches us as one "meta" key (the terminal sends ESC q for
      // both). Nothing is bound to Alt, so it means what was typed: Esc, then the key.
      if (key.meta && !key.escape && !key.ctrl && [...input].length === 1) {
        onInput('', { ...key, meta: false, escape: true });
        onInput(input, { ...key, meta: false });
        return;
      }
      if (isKeyRun(input, key)) {
        for (const k of splitChunk(input, stateRef.current.overlay?.kind === 'prompt')) {
          if (!isKeyRun(k.input, k.key)) onInput(k.input, k.key);
          // Text for a prompt (typed fast or pasted); if an earlier key closed the prompt, keys.
          else if (stateRef.current.overlay?.kind === 'prompt') dispatch({ type: 'prompt.type', text: k.input });
          else for (const c of splitChunk(k.input, false)) onInput(c.input, c.key);
        }
        return;
      }
      // ink exits on a ctrl-c read on its own; one that came amid other keys exits the same way.
      if (key.ctrl && input === 'c') {
        exit();
        return;
      }
      const s = stateRef.current;
      const ctx: KeyContext = { view: s.view, overlay: s.overlay?.kind ?? null, features, mode: keyMode(s) };
      const match = matchKey(bindings, input, key, ctx);
      if (match) {
        run(intentFor(match, s, effects.now().toISOString()));
        return;
      }
      if (s.overlay?.kind === 'prompt') {
        if (key.backspace || key.delete) dispatch({ type: 'prompt.backspace' });
        else if (input && !key.ctrl && !key.meta && !key.escape) dispatch({ type: 'prompt.type', text: input });
      }
    },
    [bindings, features, run, dispatch, effects, exit],
  );
  useInput(onInput);

  // The weights what-if runs the scheduler several times: after the frame, so the overlay opens at once.
  const wanted = previewWanted(state)?.criterion;
  useEffect(() => {
    if (!wanted || !engine.sensitivity) return;
    const timer = setTimeout(() => {
      const preview = computePreview(stateRef.current, engine, wanted);
      if (preview) dispatch({ type: 'preview.ready', preview });
    }, 0);
    return () => clearTimeout(timer);
  }, [wanted, state.effectivePlan, engine, dispatch]);

  // On a large plan the comparison with the baseline (it re-plans from today: about two
  // schedules) comes after the frame that shows the edit or the tick, once the keys pause; keys
  // that come first supersede it.
  const wantsBaseline = baselineWanted(state, engine);
  const delay = baselineDelay(state);
  useEffect(() => {
    if (!wantsBaseline) return;
    const timer = setTimeout(() => {
      const baseline = computeBaseline(stateRef.current, engine);
      if (baseline) dispatch({ type: 'baseline.ready', baseline });
    }, delay);
    return () => clearTimeout(timer);
  }, [wantsBaseline, delay, state.effectivePlan, state.journal, engine, dispatch]);

  const { onExit } = props;
  useEffect(() => {
    if (!state.quitting) return;
    onExit?.();
    exit();
  }, [state.quitting, exit, onExit]);

  const ctx: KeyContext = { view: state.view, overlay: state.overlay?.kind ?? null, features, mode: keyMode(state) };
  let body;
  if (isTooSmall(state.size)) {
    body = <TooSmall size={state.size} confirmingQuit={state.overlay?.kind === 'confirm-quit'} />;
  } else {
    const View = views.find((v) => v.id === state.view)?.Component;
    switch (state.overlay?.kind) {
      case 'help':
        body = <HelpOverlay bindings={bindings} ctx={{ ...ctx, overlay: null }} />;
        break;
      case 'weights':
        body = <WeightsOverlay canSave={features.has('save')} canPreview={Boolean(engine.sensitivity)} />;
        break;
      case 'confirm-quit':
        body = <ConfirmQuitOverlay canSave={features.has('save')} />;
        break;
      case 'conflict':
        body = <ConflictOverlay />;
        break;
      default:
        body = View ? <View /> : null;
    }
  }

  return (
    <ThemeContext.Provider value={theme}>
      <ActionsContext.Provider value={actions}>
        <ClockContext.Provider value={now}>
          <StateContext.Provider value={state}>
            {isTooSmall(state.size) ? (
              body
            ) : (
              <Box flexDirection="column" width={state.size.columns} height={frameRows(state.size)} overflow="hidden">
                <TitleBar />
                <FiredBanner />
                <TabBar />
                {body}
                <MessageLine />
                <HintLine bindings={bindings} ctx={ctx} />
              </Box>
            )}
          </StateContext.Provider>
        </ClockContext.Provider>
      </ActionsContext.Provider>
    </ThemeContext.Provider>
  );
}
