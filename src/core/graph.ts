/**
 * Dependency ordering for the scheduler: Kahn's algorithm with a priority queue, so that among
 * everything whose dependencies are done, the most important item goes first. Cycles do not stop
 * the order: the best blocked item is released and reported, so every item appears exactly once.
 */

/** A binary min-heap of numbers (node indexes) under a caller-supplied order. */
export class MinHeap {
  private readonly items: number[] = [];

  constructor(private readonly less: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && this.less(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

export interface CycleBreak {
  /** The node released although some of its dependencies were not yet ordered. */
  node: number;
  /** Those dependencies. */
  waitingOn: number[];
}

export interface PriorityTopoOrder {
  order: number[];
  cycleBreaks: CycleBreak[];
}

/**
 * Orders `nodes` so that every node comes after its dependencies (restricted to `nodes`), picking
 * the smallest under `compare` whenever there is a choice. O((n + e) log n).
 *
 * @param depsOf dependencies of a node; ones outside `nodes` are ignored.
 */
export function priorityTopoOrder(
  nodes: readonly number[],
  compare: (a: number, b: number) => number,
  depsOf: (node: number) => readonly number[],
): PriorityTopoOrder {
  // Node indexes are small non-negative integers: typed arrays beat Maps at 50,000 nodes.
  let size = 0;
  for (const node of nodes) if (node + 1 > size) size = node + 1;
  const inSet = new Uint8Array(size);
  for (const node of nodes) inSet[node] = 1;
  const isDep = (node: number, dep: number) => dep >= 0 && dep < size && inSet[dep] === 1 && dep !== node;

  // Dependants as a compressed adjacency list (counts, then offsets, then fill).
  const waiting = new Int32Array(size);
  const outCount = new Int32Array(size + 1);
  for (const node of nodes) {
    for (const dep of depsOf(node)) {
      if (isDep(node, dep)) {
        waiting[node]!++;
        outCount[dep]!++;
      }
    }
  }
  const offset = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) offset[i + 1] = offset[i]! + outCount[i]!;
  const fill = offset.slice(0, size);
  const dependants = new Int32Array(offset[size]!);
  for (const node of nodes) for (const dep of depsOf(node)) if (isDep(node, dep)) dependants[fill[dep]!++] = node;

  // Rank every node once; the heap then compares small integers instead of calling `compare`.
  const byPriority = [...nodes].sort(compare);
  const rank = new Int32Array(size);
  byPriority.forEach((node, i) => (rank[node] = i));
  const heap = new MinHeap((a, b) => a < b);
  for (const node of nodes) if (waiting[node] === 0) heap.push(rank[node]!);

  const emitted = new Uint8Array(size);
  const order: number[] = [];
  const cycleBreaks: CycleBreak[] = [];
  let cursor = 0;

  while (order.length < nodes.length) {
    const top = heap.pop();
    let next: number;
    if (top === undefined) {
      // A cycle blocks everything left: release the best remaining node and say so.
      while (emitted[byPriority[cursor]!] === 1) cursor++;
      const released = byPriority[cursor]!;
      next = released;
      const blockedBy = [...new Set(depsOf(released))].filter((d) => isDep(released, d) && emitted[d] === 0);
      cycleBreaks.push({ node: released, waitingOn: blockedBy.sort(compare) });
    } else {
      next = byPriority[top]!;
      if (emitted[next] === 1) continue;
    }
    emitted[next] = 1;
    order.push(next);
    for (let k = offset[next]!; k < offset[next + 1]!; k++) {
      const dependant = dependants[k]!;
      if (--waiting[dependant]! === 0 && emitted[dependant] === 0) heap.push(rank[dependant]!);
    }
  }
  return { order, cycleBreaks };
}
