/**
 * Screen geometry, pure: how many rows each part of the screen gets for a terminal size. The
 * reducer uses it for paging and scrolling and the views for drawing, so the two always agree.
 */
import type { Size } from './state/types.js';

/** Below this the app shows a "make the terminal larger" message instead of a garbled screen. */
export const MIN_SIZE: Size = { columns: 60, rows: 16 };

/** Title, tab bar, message line, key hint line. */
export const CHROME_ROWS = 4;

export function isTooSmall(size: Size): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

/**
 * Lines the app draws: one less than the terminal, because ink clears the whole screen on every
 * frame once its output reaches the terminal's height (visible flicker).
 */
export function frameRows(size: Size): number {
  return Math.max(1, size.rows - 1);
}

/**
 * The size the views lay themselves out in: the terminal less the rows the fired-rollback banner
 * takes above them.
 */
export function viewSize(state: { size: Size; banner: number }): Size {
  return state.banner > 0 ? { columns: state.size.columns, rows: Math.max(1, state.size.rows - state.banner) } : state.size;
}

/** Lines left for the current view between the chrome. */
export function bodyRows(size: Size): number {
  return Math.max(1, frameRows(size) - CHROME_ROWS);
}

/** Matrix: column header, list, then (when shown) a separator and the detail pane. */
export function matrixLayout(size: Size, detail: boolean): { list: number; detail: number } {
  const body = bodyRows(size);
  if (!detail) return { list: Math.max(1, body - 1), detail: 0 };
  const detailRows = Math.max(5, Math.min(16, Math.floor(body * 0.5)));
  return { list: Math.max(1, body - 2 - detailRows), detail: detailRows };
}

/** Roadmap rows other than the list: two headings, capacity, progress and two legend lines. */
export const ROADMAP_FIXED_ROWS = 6;

/**
 * Roadmap: two header lines (weeks, dates), the timeline, capacity, progress, and two legend
 * lines; with a baseline to compare with, a summary line above them (the end-date slip).
 */
export function roadmapLayout(size: Size, opts: { baseline?: boolean } = {}): { list: number; labelWidth: number; weekWidth: number; visibleWeeks: number } {
  const list = Math.max(1, bodyRows(size) - ROADMAP_FIXED_ROWS - (opts.baseline ? 1 : 0));
  const labelWidth = Math.min(40, Math.max(24, Math.floor(size.columns * 0.34)));
  const weekWidth = 7;
  const visibleWeeks = Math.max(1, Math.floor((size.columns - labelWidth - 1) / weekWidth));
  return { list, labelWidth, weekWidth, visibleWeeks };
}

/** Week: two summary lines, a column header, then the rows. */
export function weekLayout(size: Size): { list: number } {
  return { list: Math.max(1, bodyRows(size) - 3) };
}

/**
 * The first visible row of a list so the cursor stays in view, moving as little as possible
 * from the previous top (no jumping when the cursor moves inside the window).
 */
export function clampTop(total: number, cursor: number, top: number, height: number): number {
  if (height <= 0 || total <= height) return 0;
  let t = Math.min(Math.max(0, top), total - height);
  if (cursor >= 0) {
    if (cursor < t) t = cursor;
    else if (cursor >= t + height) t = cursor - height + 1;
  }
  return t;
}

/** The first week column so that `focus` (1-based) is visible, keeping the previous offset when it is. */
export function clampWeekOffset(totalWeeks: number, visible: number, offset: number, focus?: number): number {
  if (totalWeeks <= visible) return 0;
  let o = Math.min(Math.max(0, offset), totalWeeks - visible);
  if (focus !== undefined) {
    const i = focus - 1;
    if (i < o) o = i;
    else if (i >= o + visible) o = i - visible + 1;
  }
  return o;
}

/** Metrics and Risks: a column header, the list, then a separator and a detail pane. */
export function listDetailLayout(size: Size, detailRows = 8): { list: number; detail: number } {
  const body = bodyRows(size);
  const detail = Math.max(3, Math.min(detailRows, Math.floor(body * 0.45)));
  return { list: Math.max(1, body - 2 - detail), detail };
}

/**
 * Standup: in the round, two heading lines (who, the questions), a column header, the rows and a
 * footer; the report is a heading, its lines and a footer.
 */
export function standupLayout(size: Size): { list: number; report: number } {
  return { list: Math.max(1, bodyRows(size) - 4), report: Math.max(1, bodyRows(size) - 2) };
}
