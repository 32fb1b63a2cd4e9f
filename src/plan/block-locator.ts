/**
 * The event locator (event-locator.ts) over only the part of the text a problem is in: a plan's
 * bulk is a few top-level sequences (components, metrics, rollback), and a problem in component
 * 30,000 needs that one item read, not js-yaml's events for all 26 MiB (about 350 MB). The part
 * is the top-level key line plus the item (or the whole block, for keys that hold no sequence),
 * with its lines as they are, so columns are kept and lines are mapped back. It is used only when
 * fastParse reads the part to exactly the data the whole plan holds there; otherwise, and for
 * paths outside any block, the whole-text locator answers.
 */
import { fastParse } from './fast-parse.js';
import { eventLocator } from './event-locator.js';
import type { DataPath, PlanLocator, Position } from './positions.js';
import { ITEM, splitTopLevel, TOP_LEVEL_KEY, type Sequence } from './syntax-window.js';

/** A plain block bigger than this is no cheaper to read alone than the whole text. */
const MAX_PART_CHARS = 1024 * 1024;

interface Part {
  locator: PlanLocator;
  /** The part's line i (0-based) is the file's line fileLine(i). */
  fileLine: (i: number) => number;
  /** The path inside the part for a path inside the file. */
  pathIn: (path: DataPath) => DataPath;
}

export function blockLocator(text: string, data: unknown): PlanLocator {
  let whole: PlanLocator | undefined;
  let layout: Layout | null | undefined;
  const parts = new Map<string, Part | null>();
  return {
    at(path, target = 'value') {
      layout ??= readLayout(text) ?? null;
      const part = layout ? partFor(layout, path, data, parts) : undefined;
      if (!part) return (whole ??= eventLocator(text)).at(path, target);
      const pos = part.locator.at(part.pathIn(path), target);
      return pos ? mapLine(pos, part) : pos;
    },
  };
}

function mapLine(pos: Position, part: Part): Position {
  return { line: part.fileLine(pos.line - 1) + 1, column: pos.column };
}

interface Layout {
  lines: string[];
  /** Each top-level key: its line range [from, to) and, when it holds a block sequence, its items. */
  blocks: Map<string, { from: number; to: number; seq: Sequence | undefined }>;
}

function readLayout(text: string): Layout | undefined {
  const lines = text.split('\n');
  const shape = splitTopLevel(lines);
  if (!shape) return undefined;
  const blocks: Layout['blocks'] = new Map();
  let open: { key: string; from: number } | undefined;
  const close = (to: number) => {
    if (!open) return;
    const s = shape.keyLine.indexOf(open.from);
    blocks.set(open.key, { from: open.from, to, seq: s === -1 ? undefined : shape.sequences[s] });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line[0] === ' ' || line[0] === '#') continue;
    // Column 0: a top-level key, or an item of a sequence that starts at column 0 (inside its block).
    if (line[0] === '-' && shape.kind[i] === ITEM) continue;
    const m = TOP_LEVEL_KEY.exec(line);
    if (!m) return undefined;
    const key = line.slice(0, line.indexOf(':'));
    if (blocks.has(key) || open?.key === key) return undefined;
    close(i);
    open = { key, from: i };
  }
  close(lines.length);
  return { lines, blocks };
}

function partFor(layout: Layout, path: DataPath, data: unknown, cache: Map<string, Part | null>): Part | undefined {
  if (path.length === 0 || typeof path[0] !== 'string') return undefined;
  const key = path[0];
  const block = layout.blocks.get(key);
  if (!block) return undefined;
  const value = own(data, key);
  const itemIndex = block.seq && path.length >= 2 && typeof path[1] === 'number' ? path[1] : undefined;
  if (block.seq && itemIndex === undefined) return undefined;
  const id = itemIndex === undefined ? key : `${key}\u0000${itemIndex}`;
  if (cache.has(id)) return cache.get(id) ?? undefined;
  const part = itemIndex === undefined ? plainPart(layout, block, key, value) : itemPart(layout, block, key, value, itemIndex);
  cache.set(id, part ?? null);
  return part;
}

function plainPart(layout: Layout, block: { from: number; to: number }, key: string, value: unknown): Part | undefined {
  const lines = layout.lines.slice(block.from, block.to);
  const text = lines.join('\n');
  if (text.length > MAX_PART_CHARS) return undefined;
  const read = fastParse(text);
  if (!read.ok || !sameData(own(read.value, key), value)) return undefined;
  return { locator: eventLocator(text), fileLine: (i) => block.from + i, pathIn: (p) => p };
}

function itemPart(layout: Layout, block: { from: number; seq: Sequence | undefined }, key: string, value: unknown, k: number): Part | undefined {
  const items = block.seq!.items;
  // The k-th item by lines must be the k-th element of the data: same count, and it reads the same.
  if (!Array.isArray(value) || value.length !== items.length || k < 0 || k >= items.length) return undefined;
  const item = items[k]!;
  const text = [layout.lines[block.from]!, ...layout.lines.slice(item.from, item.to)].join('\n');
  if (text.length > MAX_PART_CHARS) return undefined;
  const read = fastParse(text);
  const readItems = read.ok ? own(read.value, key) : undefined;
  if (!Array.isArray(readItems) || readItems.length !== 1 || !sameData(readItems[0], value[k])) return undefined;
  return {
    locator: eventLocator(text),
    fileLine: (i) => (i === 0 ? block.from : item.from + i - 1),
    pathIn: (p) => [p[0]!, 0, ...p.slice(2)],
  };
}

function own(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Deep equality as a user would see it: key order, -0 and NaN included. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
