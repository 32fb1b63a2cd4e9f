/**
 * Small pure formatting helpers the views share. Every string that came from a plan or journal
 * passes through `clean` (sanitizeLine) before it reaches ink, which prints escapes verbatim.
 */
import stringWidth from 'string-width';
import { sanitizeLine } from '../core/sanitize.js';
import type { TextStyle } from './theme.js';

export const clean = (text: string | undefined): string => (text === undefined ? '' : sanitizeLine(text));

/** A run of text with one style; a line is a list of them. */
export interface Segment {
  text: string;
  style?: TextStyle;
}
export type Line = Segment[];

export const seg = (text: string, style?: TextStyle): Segment => (style ? { text, style } : { text });

/** Up to two decimals, no trailing zeros: 15, 7.5, 0.33. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Math.round(n * 100) / 100);
}

/** "2026-11-02" -> "11-02". */
export const shortDate = (iso: string): string => iso.slice(5, 10);

export function weekSpan(start: number, end: number): string {
  return start === end ? String(start) : `${start}-${end}`;
}

/** A horizontal bar `width` cells wide, `fraction` (0-1) filled, using eighth blocks for the tip. */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  const tips = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const text = '█'.repeat(full) + (rest > 0 ? tips[rest] : '');
  return text + ' '.repeat(Math.max(0, width - full - (rest > 0 ? 1 : 0)));
}

/**
 * One week's cell of a Gantt bar: `width` cells standing for the week's work days, filled from
 * work day `firstDay` to `lastDay` (1-based, inclusive) of `days`.
 */
export function ganttCell(firstDay: number, lastDay: number, days: number, width: number): string {
  if (days <= 0 || width <= 0) return ' '.repeat(Math.max(0, width));
  const from = Math.floor(((firstDay - 1) / days) * width);
  const to = Math.max(from + 1, Math.ceil((lastDay / days) * width));
  let out = '';
  for (let i = 0; i < width; i++) out += i >= from && i < to ? '█' : ' ';
  return out;
}

const graphemes = new Intl.Segmenter();

/** Columns the text takes on a terminal (CJK and most emoji take two). */
export const displayWidth = (text: string): number => stringWidth(text);

/**
 * Exactly `width` columns: padded, or cut at a grapheme boundary with an ellipsis. Wide
 * characters never straddle the edge, so the columns after stay aligned.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const w = stringWidth(text);
  if (w <= width) return align === 'right' ? ' '.repeat(width - w) + text : text + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const sw = stringWidth(segment);
    if (used + sw > width - 1) break;
    out += segment;
    used += sw;
  }
  return `${out}…${' '.repeat(width - 1 - used)}`;
}

/** Lists ids up to a budget of characters: "a, b, c (+4 more)". */
export function idList(ids: readonly string[], budget = 60): string {
  if (ids.length === 0) return 'none';
  const out: string[] = [];
  let used = 0;
  for (const id of ids) {
    if (out.length > 0 && used + id.length + 2 > budget) break;
    out.push(id);
    used += id.length + 2;
  }
  const more = ids.length - out.length;
  return out.join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

const DAY_MS = 86_400_000;

/** Sorted ISO dates as runs: "12-24, 12-28..12-31". */
export function dateRuns(dates: readonly string[]): string {
  const runs: string[] = [];
  let first: string | undefined;
  let last: string | undefined;
  const close = () => {
    if (first) runs.push(first === last ? shortDate(first) : `${shortDate(first)}..${shortDate(last!)}`);
  };
  for (const d of dates) {
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`) === DAY_MS) {
      last = d;
      continue;
    }
    close();
    first = d;
    last = d;
  }
  close();
  return runs.join(', ');
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The last `width` values as a sparkline, scaled between their own lowest and highest. */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.filter(Number.isFinite).slice(-Math.max(0, width));
  if (shown.length === 0) return '';
  const min = Math.min(...shown);
  const max = Math.max(...shown);
  return shown.map((v) => SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))]).join('');
}

/**
 * Words wrapped to `width` columns, at most `maxLines` lines (the last one cut with "…" when
 * text is left over). A word longer than a line is cut.
 */
export function wrap(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (stringWidth(candidate) <= width || line === '') {
      line = stringWidth(candidate) <= width ? candidate : fit(candidate, width).trimEnd();
      continue;
    }
    lines.push(line);
    line = stringWidth(word) <= width ? word : fit(word, width).trimEnd();
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // The next word did not fit on this line, so the two together are cut with an ellipsis.
  kept[maxLines - 1] = fit(`${kept[maxLines - 1]} ${lines[maxLines]}`, width).trimEnd();
  return kept;
}
