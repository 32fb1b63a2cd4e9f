/**
 * Where a path inside the plan data sits in the source text. Positions are computed on demand, one
 * problem at a time: a valid plan never pays for them, and a faster parser that keeps no positions
 * can hand over to the yaml Document only when there is something to point at.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface PlanLocator {
  /**
   * The position of the value at `path` (or of its key with `target: 'key'`); when the path does
   * not exist, the position of its nearest existing ancestor.
   */
  at(path: DataPath, target?: 'value' | 'key'): Position | undefined;
}

/** For text with no document to point into (e.g. it failed to parse at all). */
export const NO_POSITIONS: PlanLocator = { at: () => undefined };

export function yamlLocator(doc: Document, lineCounter: LineCounter): PlanLocator {
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    at(path, target = 'value') {
      const keyOffset = (p: DataPath): number | undefined => {
        if (p.length === 0) return undefined;
        const parent = nodeAt(doc, p.slice(0, -1));
        const last = String(p[p.length - 1]);
        if (!isMap(parent)) return undefined;
        const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
        return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      };
      if (target === 'key') {
        const offset = keyOffset(path);
        if (offset !== undefined) return position(offset);
      }
      for (let n = path.length; n >= 0; n--) {
        const prefix = path.slice(0, n);
        const node = nodeAt(doc, prefix);
        if (node?.range) return position(node.range[0]);
        // `key:` with no value: point at the key.
        const offset = keyOffset(prefix);
        if (offset !== undefined) return position(offset);
      }
      return undefined;
    },
  };
}

/** The node at a data path; seq indexes are numbers, map keys strings (every key is a string). */
function nodeAt(doc: Document, path: DataPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      node = pair?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
    if (node === undefined || node === null) return undefined;
  }
  return node as Node;
}
