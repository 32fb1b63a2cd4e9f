/**
 * Semantic colours for the TUI: views ask for "the style of a high tier" or "the selected row",
 * never for "red". With NO_COLOR set (https://no-color.org) every style is empty, so frames carry
 * no escape sequence at all: not even bold, dim or inverse, which are escapes too. Selection then
 * shows through the row marker alone, which every view draws anyway.
 */
import type { Level, Tier } from '../core/plan-schema.js';

/** The subset of ink's <Text> props a theme may set. */
export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** Task states as the TUI shows them; the status module may add more, which fall back to `muted`. */
export type StatusName = 'todo' | 'doing' | 'done' | 'blocked' | 'skipped';

export interface Theme {
  /** False under NO_COLOR: every style below is `{}`. */
  colour: boolean;
  tier(tier: Tier): TextStyle;
  risk(level: Level): TextStyle;
  status(status: string): TextStyle;
  heading: TextStyle;
  muted: TextStyle;
  accent: TextStyle;
  selected: TextStyle;
  activeTab: TextStyle;
  ok: TextStyle;
  warning: TextStyle;
  error: TextStyle;
  today: TextStyle;
  bar: TextStyle;
  pinned: TextStyle;
}

const TIER: Record<Tier, TextStyle> = {
  critical: { color: 'red', bold: true },
  high: { color: 'yellow' },
  medium: { color: 'cyan' },
  low: { color: 'gray' },
};

const RISK: Record<Level, TextStyle> = {
  high: { color: 'red' },
  medium: { color: 'yellow' },
  low: { color: 'green' },
};

const STATUS: Record<StatusName, TextStyle> = {
  todo: {},
  doing: { color: 'cyan' },
  done: { color: 'green' },
  blocked: { color: 'red', bold: true },
  skipped: { color: 'gray' },
};

const NONE: TextStyle = Object.freeze({}) as TextStyle;

export const COLOUR_THEME: Theme = {
  colour: true,
  tier: (t) => TIER[t] ?? NONE,
  risk: (l) => RISK[l] ?? NONE,
  status: (s) => (STATUS as Record<string, TextStyle>)[s] ?? { color: 'gray' },
  heading: { bold: true },
  muted: { dimColor: true },
  accent: { color: 'cyan' },
  selected: { inverse: true },
  activeTab: { inverse: true, bold: true },
  ok: { color: 'green' },
  warning: { color: 'yellow' },
  error: { color: 'red', bold: true },
  today: { color: 'magenta', bold: true },
  bar: { color: 'blue' },
  pinned: { color: 'magenta' },
};

export const PLAIN_THEME: Theme = {
  colour: false,
  tier: () => NONE,
  risk: () => NONE,
  status: () => NONE,
  heading: NONE,
  muted: NONE,
  accent: NONE,
  selected: NONE,
  activeTab: NONE,
  ok: NONE,
  warning: NONE,
  error: NONE,
  today: NONE,
  bar: NONE,
  pinned: NONE,
};

/** NO_COLOR (any non-empty value) wins; TERM=dumb also gets plain text. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN_THEME;
  if (env.TERM === 'dumb') return PLAIN_THEME;
  return COLOUR_THEME;
}
