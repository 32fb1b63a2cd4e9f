/**
 * YAML syntax errors in a big plan without reading the whole plan with yaml (about 1 MB/s and
 * 60x the text in memory). js-yaml finds the first error fast but words and places it its own way,
 * so yaml must still say what is wrong; this module gives yaml only a window of the text and proves
 * the rest clean with the fast parser.
 *
 * A plan is a handful of top-level keys; the big ones hold block sequences (components, metrics,
 * rollback) whose items are lines at one column starting with "- ". Split that way:
 *   window   the top-level lines that are not sequence items, plus the few items around the
 *            place js-yaml stopped; the other items are left out, and each window line keeps
 *            its line number in the file (columns are unchanged).
 *   rest     every item the window left out, under its sequence's key, in chunks.
 * The window's problems are the file's when yaml finds the window broken, its errors settle
 * before the last unit the window shares with the file (widening the window while a quote left
 * open reads on), they are few (a stray bracket makes yaml lose its place, and how it recovers
 * depends on what was left out), and fastParse reads every chunk of the rest, which it does only
 * when yaml would report nothing there. test/plan/syntax-window.test.ts holds this equal to
 * parseYamlText on generated plans with injected and fuzzed faults. Anything outside these
 * shapes answers undefined: read it all.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseEvents } from 'js-yaml';
import type { Problem } from '../core/problem.js';
import { fastParse } from './fast-parse.js';
import { parseYamlText } from './parse-yaml.js';

/** Items on each side of the one js-yaml stopped in that the window keeps. */
export const WINDOW_ITEMS = 2;
/** Past this much kept text, the window would cost what reading the whole file costs. */
const MAX_WINDOW_CHARS = 2 * 1024 * 1024;
/** More problems than this from one fault means yaml lost its place; read the whole text. */
const MAX_WINDOW_PROBLEMS = 32;
/** More "unexpected token" errors than this: the same. */
const MAX_UNEXPECTED_TOKENS = 2;

/**
 * The problems parseYamlText(text) gives, when they can be found from a window and the text is
 * broken (syntax errors yaml does not recover from); undefined when the whole text must be read.
 * `stop` is where js-yaml found the text unreadable (fastParse's syntaxErrorAt), if known.
 */
export function windowedSyntaxProblems(text: string, stop = jsYamlErrorOffset(text)): Problem[] | undefined {
  // Documents, directives and CR line ends change what a line is; leave them to the full read.
  if (stop === undefined || text.includes('\r') || /^(?:---|\.\.\.)(?:[ \t\n]|$)|^%/m.test(text)) return undefined;
  const lines = text.split('\n');
  const stopLine = lineOf(text, stop);
  const shape = splitTopLevel(lines);
  if (!shape) return undefined;

  // The item js-yaml stopped in, if it stopped in one.
  let home: { seq: Sequence; k: number } | undefined;
  for (const seq of shape.sequences) {
    const k = seq.items.findIndex((item) => stopLine >= item.from && stopLine < item.to);
    if (k !== -1) home = { seq, k };
  }
  /**
   * The window keeping `after` items past the home item: its problems in file lines, whether they
   * settle before the first line it leaves out, whether it reaches the end of the sequence; or
   * 'decline' when it cannot speak for the file.
   */
  const windowAt = (after: number): { problems: Problem[]; settled: boolean; complete: boolean; keep: Uint8Array } | 'decline' => {
    const keep = new Uint8Array(lines.length);
    let complete = true;
    if (home) {
      const { seq, k } = home;
      const last = Math.min(seq.items.length - 1, k + after);
      keep.fill(1, seq.items[Math.max(0, k - WINDOW_ITEMS)]!.from, seq.items[last]!.to);
      complete = last === seq.items.length - 1;
    }
    // The window leaves the other items out altogether (yaml reads blank lines slowly too); each
    // window line remembers its line in the file. What is left out is always whole items, between
    // a line at or left of the items' column and the next such line.
    const windowLines: string[] = [];
    const fileLine: number[] = [];
    let windowChars = 0;
    for (let i = 0; i < lines.length; i++) {
      if (shape.kind[i] === ITEM && keep[i] === 0) continue;
      windowLines.push(lines[i]!);
      fileLine.push(i);
      windowChars += lines[i]!.length + 1;
    }
    if (windowChars > MAX_WINDOW_CHARS) return 'decline';
    // The window equals the text up to its first left-out line after the stop; it must be free of
    // errors from the unit before that line on (the last kept item, or a sequence's key line).
    const differs = firstLeftOut(shape.kind, keep, stopLine);
    const cut = differs === -1 ? lines.length : unitStart(shape, keep, differs);
    const windowed = parseYamlText(windowLines.join('\n'));
    // A stray "}" makes yaml lose its place and call every later token unexpected; how it recovers
    // depends on text the window left out (found by the fuzz in test/plan/syntax-window.test.ts).
    if (!windowed.broken || lostPlace(windowed.problems)) return 'decline';
    const problems = windowed.problems.map((p) => (p.line === undefined ? p : { ...p, line: fileLine[p.line - 1]! + 1 }));
    const settled = problems.every((p) => p.line !== undefined && !Number.isNaN(p.line) && p.line - 1 < cut);
    return { problems, settled, complete, keep };
  };
  // A quote or bracket left open reads on, maybe items later, and yaml may then place an error
  // early that only text further on causes (a "[" opening a line was reported two lines down
  // because of an item ten lines later). So a window answers only when its problems settle inside
  // it AND a window four times as long gives the same problems; else it widens.
  let current = windowAt(WINDOW_ITEMS);
  for (let after = WINDOW_ITEMS; ; after *= 4) {
    if (current === 'decline') return undefined;
    if (current.complete) return current.settled && restIsClean(lines, shape, current.keep) ? current.problems : undefined;
    const wider = windowAt(after * 4);
    if (wider === 'decline') return undefined;
    if (current.settled && isDeepStrictEqual(current.problems, wider.problems)) {
      return restIsClean(lines, shape, current.keep) ? current.problems : undefined;
    }
    if (!home) return undefined;
    current = wider;
  }
}

function lostPlace(problems: readonly Problem[]): boolean {
  return problems.length > MAX_WINDOW_PROBLEMS || problems.filter((p) => p.code === 'yaml-unexpected-token').length > MAX_UNEXPECTED_TOKENS;
}

/** The first line at or after `from` that the window leaves out, or -1. */
function firstLeftOut(kind: Uint8Array, keep: Uint8Array, from: number): number {
  for (let i = from; i < kind.length; i++) if (kind[i] === ITEM && keep[i] === 0) return i;
  return -1;
}

/** The start of the kept unit just before line `differs`: the last kept item, or the key line of the sequence. */
function unitStart(shape: { kind: Uint8Array; sequences: Sequence[] }, keep: Uint8Array, differs: number): number {
  for (let i = differs - 1; i >= 0; i--) {
    if (shape.kind[i] === SEQUENCE_KEY) return i;
    if (shape.kind[i] === ITEM && keep[i] === 1) {
      for (const seq of shape.sequences) {
        const item = seq.items.find((it) => i >= it.from && i < it.to);
        if (item) return item.from;
      }
      return i;
    }
  }
  return 0;
}

/** Items per fastParse call when proving the rest clean: bounded memory on any plan size. */
const REST_CHUNK_CHARS = 1024 * 1024;

/**
 * Whether every item the window left out reads cleanly under its own key, in chunks: fastParse
 * answers only where yaml would report nothing (no syntax error, no duplicate key).
 */
function restIsClean(lines: string[], shape: { kind: Uint8Array; sequences: Sequence[]; keyLine: number[] }, keep: Uint8Array): boolean {
  for (let s = 0; s < shape.sequences.length; s++) {
    const key = lines[shape.keyLine[s]!]!;
    let chunk: string[] = [key];
    let chars = 0;
    const flush = (): boolean => {
      const ok = chunk.length === 1 || fastParse(chunk.join('\n')).ok;
      chunk = [key];
      chars = 0;
      return ok;
    };
    for (const item of shape.sequences[s]!.items) {
      if (keep[item.from] === 1) continue;
      for (let i = item.from; i < item.to; i++) {
        chunk.push(lines[i]!);
        chars += lines[i]!.length + 1;
      }
      if (chars >= REST_CHUNK_CHARS && !flush()) return false;
    }
    if (!flush()) return false;
  }
  return true;
}

/** The offset where js-yaml stopped reading, or undefined when it read the text (or gave no place). */
function jsYamlErrorOffset(text: string): number | undefined {
  try {
    parseEvents(text, { maxDepth: 100 });
    return undefined;
  } catch (err) {
    const position = (err as { mark?: { position?: unknown } }).mark?.position;
    return typeof position === 'number' && position >= 0 ? position : undefined;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A top-level key line, with or without a value on it. */
export const TOP_LEVEL_KEY = /^[A-Za-z_][\w.-]*:(?: |$)/;

/** Line kinds: anything else, a top-level key holding a block sequence, a line of one of its items. */
const OTHER = 0;
export const SEQUENCE_KEY = 1;
export const ITEM = 2;

export interface Sequence {
  /** Line ranges [from, to) of the items, in order. */
  items: { from: number; to: number }[];
}

/** Top-level keys (column 0) and, for those holding a block sequence, its items' line ranges. */
export function splitTopLevel(lines: string[]): { kind: Uint8Array; sequences: Sequence[]; keyLine: number[] } | undefined {
  const kind = new Uint8Array(lines.length);
  const sequences: Sequence[] = [];
  const keyLine: number[] = [];
  const isTopLevel = (line: string): boolean => line.length > 0 && !' #-'.includes(line[0]!);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isTopLevel(line) || !/^[A-Za-z_][\w.-]*:[ ]*(?:#.*)?$/.test(line)) continue;
    // The first line of content after the key decides: an item at some column, or something else.
    let j = i + 1;
    while (j < lines.length && /^[ ]*(?:#.*)?$/.test(lines[j]!)) j++;
    const first = /^([ ]*)-(?: |$)/.exec(lines[j] ?? '');
    if (!first) continue;
    const column = first[1]!.length;
    const itemStart = new RegExp(`^ {${column}}-(?: |$)`);
    // The block runs to the next line at column 0. A line less indented than the items, or one
    // at column 0 that is not a key (a "-" among items at column 2, a stray "|"), would make the
    // sequence mean something else with items blanked: such a block is kept whole in the window.
    let end = j;
    let windowable = true;
    for (; end < lines.length; end++) {
      const line = lines[end]!;
      if (line.trim() === '' || line.trimStart()[0] === '#') continue;
      const indent = line.length - line.trimStart().length;
      if (indent === 0 && !(column === 0 && /^-(?: |$)/.test(line))) {
        if (!TOP_LEVEL_KEY.test(line)) windowable = false;
        break;
      }
      if (indent < column) windowable = false;
    }
    if (!windowable) {
      i = end - 1;
      continue;
    }
    const seq: Sequence = { items: [] };
    for (let k = j; k < end; k++) {
      if (itemStart.test(lines[k]!)) {
        const last = seq.items[seq.items.length - 1];
        if (last) last.to = k;
        seq.items.push({ from: k, to: end });
      }
    }
    if (seq.items.length === 0) return undefined;
    kind[i] = SEQUENCE_KEY;
    kind.fill(ITEM, j, end);
    sequences.push(seq);
    keyLine.push(i);
    i = end - 1;
  }
  return { kind, sequences, keyLine };
}
