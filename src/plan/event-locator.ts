/**
 * Positions for plans the fast path (fast-parse.ts) read, without building a yaml Document: a big
 * plan with one typo'd key used to be re-read by yaml only to point at that key (a 20 MiB plan:
 * two minutes and 2 GB). js-yaml's event stream carries source offsets; this locator walks it
 * only for the paths that problems name, and gives the offset yaml's node would have (yaml's
 * ranges start at a quote or a block-scalar indicator, js-yaml's at the content; an empty value
 * sits where yaml's empty scalar does). Where the two could differ and this module cannot tell,
 * it throws LocatorUnsure and the loader takes the yaml path instead. test/plan/event-locator.test.ts
 * holds it equal to yamlLocator on generated plans and hand-picked shapes.
 */
import {
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_FOLDED_BLOCK,
  SCALAR_STYLE_LITERAL_BLOCK,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
  getScalarValue,
  parseEvents,
} from 'js-yaml';
import type { DataPath, PlanLocator, Position } from './positions.js';

type Events = ReturnType<typeof parseEvents>;
type ScalarEvent = Extract<Events[number], { type: typeof EVENT_SCALAR }>;

/** This locator cannot promise yaml's position here; the caller must ask yaml. */
export class LocatorUnsure extends Error {
  constructor(reason: string) {
    super(`event locator: ${reason}`);
    this.name = 'LocatorUnsure';
  }
}

/** Block collections start at 1, flow at 2 (js-yaml's COLLECTION_STYLE). */
const FLOW = 2;
/** Same depth cap as fastParse, so whatever it read, this reads too. */
const MAX_DEPTH = 100;

/** Where a node sits, or that yaml holds no node there (`{ a }`: the value of a is null). */
type Found = { index: number; parent: number; keyIndex: number } | undefined;

/**
 * A PlanLocator over `text`, which fastParse must have read (no anchors, aliases, tags, tabs, CR,
 * directives, one document). Nothing is parsed until the first position is asked for, so a plan
 * without problems pays nothing. Throws LocatorUnsure from `at` when it cannot match yaml.
 */
export function eventLocator(text: string): PlanLocator {
  let index: EventIndex | undefined;
  const get = (): EventIndex => (index ??= buildIndex(text));
  return {
    at(path, target = 'value') {
      const ix = get();
      if (target === 'key') {
        const offset = keyOffset(ix, path);
        if (offset !== undefined) return ix.position(offset);
      }
      for (let n = path.length; n >= 0; n--) {
        const prefix = path.slice(0, n);
        const found = nodeAt(ix, prefix);
        if (found) return ix.position(nodeStart(ix, found));
        // yaml has no node for `{ a }`'s value: point at the key, as yamlLocator does.
        const offset = keyOffset(ix, prefix);
        if (offset !== undefined) return ix.position(offset);
      }
      return undefined;
    },
  };
}

interface EventIndex {
  text: string;
  events: Events;
  /** For a collection's opening event: the index of its POP; for a scalar: its own index. */
  end: Int32Array;
  position(offset: number): Position;
}

function buildIndex(text: string): EventIndex {
  let events: Events;
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (err) {
    throw new LocatorUnsure(`js-yaml could not read the text (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const end = new Int32Array(events.length);
  const open: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const type = events[i]!.type;
    if (type === EVENT_POP) {
      const start = open.pop();
      if (start !== undefined) end[start] = i;
    } else if (type === EVENT_SCALAR) {
      end[i] = i;
    } else if (type === EVENT_MAPPING || type === EVENT_SEQUENCE) {
      open.push(i);
    } else {
      // Documents (their POP closes them) and aliases (fastParse refuses those).
      open.push(i);
    }
  }
  let lineStarts: Int32Array | undefined;
  const position = (offset: number): Position => {
    lineStarts ??= computeLineStarts(text);
    // The last line start at or before offset.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  return { text, events, end, position };
}

function computeLineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** The root node: the event after the (only) document event. */
function rootIndex(ix: EventIndex): number {
  const first = ix.events[1];
  if (!first || first.type === EVENT_POP) throw new LocatorUnsure('an empty document');
  return 1;
}

/** The node at a data path, mirroring positions.ts' nodeAt over yaml's Document. */
function nodeAt(ix: EventIndex, path: DataPath): Found {
  let found: Found = { index: rootIndex(ix), parent: -1, keyIndex: -1 };
  for (const segment of path) {
    const at: number = found.index;
    const event = ix.events[at]!;
    if (event.type === EVENT_MAPPING) {
      const key = findKey(ix, at, String(segment));
      if (key === -1) return undefined;
      found = { index: key + 1, parent: at, keyIndex: key };
      if (isNullValue(ix, found)) return undefined;
    } else if (event.type === EVENT_SEQUENCE && typeof segment === 'number') {
      let item = at + 1;
      for (let n = 0; n < segment && item < ix.end[at]!; n++) item = ix.end[item]! + 1;
      if (segment < 0 || item >= ix.end[at]!) return undefined;
      found = { index: item, parent: at, keyIndex: -1 };
    } else {
      return undefined;
    }
  }
  return found;
}

/** The index of the key event `name` in the mapping opened at `map`, or -1. First match wins, as in yaml. */
function findKey(ix: EventIndex, map: number, name: string): number {
  const close = ix.end[map]!;
  for (let key = map + 1; key < close; ) {
    const event = ix.events[key]!;
    if (event.type !== EVENT_SCALAR) throw new LocatorUnsure('a key that is not a scalar');
    if (getScalarValue(ix.text, event) === name) return key;
    key = ix.end[key + 1]! + 1;
  }
  return -1;
}

/** The offset of the key at the end of `path` (its first character, a quote included). */
function keyOffset(ix: EventIndex, path: DataPath): number | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(ix, path.slice(0, -1));
  if (!parent || ix.events[parent.index]!.type !== EVENT_MAPPING) return undefined;
  const key = findKey(ix, parent.index, String(path[path.length - 1]));
  return key === -1 ? undefined : scalarStart(ix, key);
}

/** Where yaml's node starts. */
function nodeStart(ix: EventIndex, found: NonNullable<Found>): number {
  const event = ix.events[found.index]!;
  if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) {
    // `[ a: 1 ]` makes a mapping with no "{" of its own; yaml may place it elsewhere.
    if (event.style === FLOW && ix.text[event.start] !== (event.type === EVENT_MAPPING ? '{' : '[')) {
      throw new LocatorUnsure('a flow pair inside a flow sequence');
    }
    return event.start;
  }
  if (event.type !== EVENT_SCALAR) throw new LocatorUnsure('an alias');
  if (event.valueStart === -1) return emptyValueStart(ix, found);
  return scalarStart(ix, found.index);
}

function scalarStart(ix: EventIndex, at: number): number {
  const event = ix.events[at] as ScalarEvent;
  if (event.valueStart === -1) throw new LocatorUnsure('an empty key');
  switch (event.style) {
    case SCALAR_STYLE_PLAIN:
      return event.valueStart;
    case SCALAR_STYLE_SINGLE_QUOTED:
    case SCALAR_STYLE_DOUBLE_QUOTED:
      // js-yaml starts after the opening quote, yaml at it.
      if (!`'"`.includes(ix.text[event.valueStart - 1] ?? '')) throw new LocatorUnsure('a quoted scalar without its quote');
      return event.valueStart - 1;
    case SCALAR_STYLE_LITERAL_BLOCK:
    case SCALAR_STYLE_FOLDED_BLOCK:
      return blockIndicator(ix.text, event.valueStart);
    default:
      throw new LocatorUnsure('an unknown scalar style');
  }
}

/** What may follow a block scalar's `|` or `>` on its line: indicators, then a comment. */
const HEADER_REST = /^(?:[1-9][+-]?|[+-][1-9]?)?(?:[ ]+(?:#.*)?)?$/;

/**
 * js-yaml's block scalar content starts on the line after its header; yaml's node starts at the
 * `|` or `>`. Only a header with exactly one place the indicator could be is answered.
 */
function blockIndicator(text: string, contentStart: number): number {
  if (contentStart < 1 || text[contentStart - 1] !== '\n') throw new LocatorUnsure('a block scalar at the end of the text');
  const lineEnd = contentStart - 1;
  const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
  const line = text.slice(lineStart, lineEnd);
  let at = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if ((c === '|' || c === '>') && HEADER_REST.test(line.slice(i + 1))) {
      if (at !== -1) throw new LocatorUnsure('a block scalar header with two possible indicators');
      at = i;
    }
  }
  if (at === -1) throw new LocatorUnsure('a block scalar header not found');
  return lineStart + at;
}

/** The offset just past a scalar's source (its closing quote included). */
function scalarEnd(ix: EventIndex, at: number): number {
  const event = ix.events[at] as ScalarEvent;
  if (event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED) return event.valueEnd + 1;
  if (event.style === SCALAR_STYLE_PLAIN) return event.valueEnd;
  throw new LocatorUnsure('a key that is a block scalar');
}

/** A mapping value written as nothing: does yaml hold an empty scalar (after a `:`) or null (`{ a }`)? */
function isNullValue(ix: EventIndex, found: NonNullable<Found>): boolean {
  const event = ix.events[found.index]!;
  if (event.type !== EVENT_SCALAR || event.valueStart !== -1) return false;
  return colonAfterKey(ix, found.keyIndex) === -1;
}

/** The offset of the `:` after a key, or -1 when none follows on its line. */
function colonAfterKey(ix: EventIndex, keyIndex: number): number {
  const text = ix.text;
  let i = scalarEnd(ix, keyIndex);
  while (text[i] === ' ') i++;
  if (text[i] === ':') return i;
  // `{ a }` or `{ a, b: 1 }`: a flow entry with no value, which yaml holds as null.
  if (text[i] === ',' || text[i] === '}') return -1;
  // `? key` in a block mapping, or a key and its `:` on different lines: not worth matching.
  throw new LocatorUnsure('a key without a ":" on its line');
}

/**
 * yaml puts an empty value just past its `:` or `-` and the spaces after it (at the line break,
 * a comment, or the `,` / `}` that ends a flow entry).
 */
function emptyValueStart(ix: EventIndex, found: NonNullable<Found>): number {
  const text = ix.text;
  const parent = ix.events[found.parent];
  let indicator: number;
  let flow: boolean;
  if (parent?.type === EVENT_MAPPING) {
    indicator = colonAfterKey(ix, found.keyIndex);
    if (indicator === -1) throw new LocatorUnsure('a value without a ":"');
    flow = parent.style === FLOW;
  } else if (parent?.type === EVENT_SEQUENCE && parent.style !== FLOW) {
    indicator = dashOfItem(ix, found);
    flow = false;
  } else {
    throw new LocatorUnsure('an empty value outside a mapping or a block sequence');
  }
  let i = indicator + 1;
  while (text[i] === ' ') i++;
  const next = text[i];
  const ok = flow ? next === ',' || next === '}' : next === undefined || next === '\n' || next === '#';
  if (!ok) throw new LocatorUnsure('an empty value followed by something unexpected');
  return i;
}

/**
 * The `-` of an empty item in a block sequence: counting lines whose first character, at the
 * sequence's column, is a `-`, from the last offset js-yaml gives before it (the end of the last
 * scalar of the nearest earlier item that is not empty, or the sequence's own first `-`).
 */
function dashOfItem(ix: EventIndex, found: NonNullable<Found>): number {
  const text = ix.text;
  const seq = ix.events[found.parent]!;
  if (seq.type !== EVENT_SEQUENCE) throw new LocatorUnsure('not a sequence');
  // The sequence's direct items, up to this one.
  const items: number[] = [];
  for (let item = found.parent + 1; item <= found.index; item = ix.end[item]! + 1) items.push(item);
  if (items[items.length - 1] !== found.index) throw new LocatorUnsure('an item not in its sequence');
  let k = items.length - 1;
  while (k > 0 && isEmptyScalar(ix, items[k - 1]!)) k--;
  // Items k .. this one are all empty; the dash of item k is found first.
  let dash: number;
  let skip = items.length - 1 - k;
  if (k === 0) {
    dash = seq.start;
  } else {
    const from = lastOffsetIn(ix, items[k - 1]!);
    dash = nextDash(text, from, seq.start);
  }
  for (; skip > 0; skip--) dash = nextDash(text, dash + 1, seq.start);
  return dash;
}

function isEmptyScalar(ix: EventIndex, at: number): boolean {
  const e = ix.events[at]!;
  return e.type === EVENT_SCALAR && e.valueStart === -1;
}

/** The last source offset js-yaml records inside the node at `at` (past its last scalar, or its start). */
function lastOffsetIn(ix: EventIndex, at: number): number {
  for (let i = ix.end[at]!; i >= at; i--) {
    const e = ix.events[i]!;
    if (e.type === EVENT_SCALAR && e.valueStart !== -1) {
      // A block scalar's content may end past trailing blank lines, on the next item's line.
      if (e.style === SCALAR_STYLE_LITERAL_BLOCK || e.style === SCALAR_STYLE_FOLDED_BLOCK) return blockIndicator(ix.text, e.valueStart);
      return scalarEnd(ix, i);
    }
    if (e.type === EVENT_MAPPING || e.type === EVENT_SEQUENCE) return e.start + 1;
  }
  throw new LocatorUnsure('an item with no offset');
}

/**
 * The next `-` at the column of the sequence that starts at `seqStart`, first on its line, on a
 * line after `from`. Only blank lines, comments and deeper lines may come between.
 */
function nextDash(text: string, from: number, seqStart: number): number {
  const column = seqStart - (text.lastIndexOf('\n', seqStart - 1) + 1);
  for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    const first = lineStart + column;
    const lead = text.slice(lineStart, first);
    if (/^ *$/.test(lead) && lead.length === column && text[first] === '-' && (first + 1 >= text.length || ' \n'.includes(text[first + 1]!))) {
      return first;
    }
    // A shallower line that is not a comment: the sequence ended before a dash was found.
    const c = text.slice(lineStart, first + 1).trimStart()[0];
    if (c !== undefined && c !== '#' && c !== '\n') throw new LocatorUnsure('an empty item whose "-" was not found');
  }
  throw new LocatorUnsure('an empty item whose "-" was not found');
}
