/**
 * State and actions in separate contexts: components that only act (key handlers, prompts) do
 * not re-render when the state changes, and views read state without reaching for callbacks.
 */
import { createContext, useContext } from 'react';
import type { Theme } from '../theme.js';
import type { Action } from './actions.js';
import type { TuiState } from './types.js';

/** What the app can be asked to do; stable for the app's lifetime. */
export interface TuiActions {
  dispatch(action: Action): void;
  /** Writes pending edits to the plan file (a no-op message without a save capability). */
  save(options?: { thenQuit?: boolean }): void;
}

export const StateContext = createContext<TuiState | null>(null);
export const ActionsContext = createContext<TuiActions | null>(null);
export const ThemeContext = createContext<Theme | null>(null);
/** The app's clock as of the last tick: rollback countdowns read it. */
export const ClockContext = createContext<Date | null>(null);

export function useTuiState(): TuiState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useTuiState outside <App>');
  return state;
}

export function useTuiActions(): TuiActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useTuiActions outside <App>');
  return actions;
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme outside <App>');
  return theme;
}

export function useNow(): Date {
  const now = useContext(ClockContext);
  if (!now) throw new Error('useNow outside <App>');
  return now;
}
