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
  // Work on local positions 0..n-1: the scheduler orders many small groups (the components pinned
  // to one week) out of tens of thousands of nodes, and each call must cost its group, not the plan.
  const n = nodes.length;
  let size = 0;
  for (const node of nodes) if (node + 1 > size) size = node + 1;
  const dense = size <= 4 * n + 64;
  const denseLocal = dense ? new Int32Array(size).fill(-1) : undefined;
  const sparseLocal = dense ? undefined : new Map<number, number>();
  nodes.forEach((node, i) => {
    if (denseLocal) {
      if (denseLocal[node] === -1) denseLocal[node] = i;
    } else if (!sparseLocal!.has(node)) sparseLocal!.set(node, i);
  });
  /** The first local position of a node, or -1 when it is not in `nodes`. */
  const localOf = (node: number): number =>
    denseLocal ? (node >= 0 && node < size ? denseLocal[node]! : -1) : (sparseLocal!.get(node) ?? -1);
  const isDep = (node: number, dep: number) => dep !== node && localOf(dep) !== -1;

  // Dependants as a compressed adjacency list (counts, then offsets, then fill), by local position.
  // A node listed twice in `nodes` shares its first position's state, as one node.
  const waiting = new Int32Array(n);
  const outCount = new Int32Array(n + 1);
  for (const node of nodes) {
    const self = localOf(node);
    for (const dep of depsOf(node)) {
      if (isDep(node, dep)) {
        waiting[self]!++;
        outCount[localOf(dep)]!++;
      }
    }
  }
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i]! + outCount[i]!;
  const fill = offset.slice(0, n);
  const dependants = new Int32Array(offset[n]!);
  for (const node of nodes) for (const dep of depsOf(node)) if (isDep(node, dep)) dependants[fill[localOf(dep)]!++] = node;

  // Rank every node once; the heap then compares small integers instead of calling `compare`.
  const byPriority = [...nodes].sort(compare);
  const rank = new Int32Array(n);
  byPriority.forEach((node, i) => (rank[localOf(node)] = i));
  const heap = new MinHeap((a, b) => a < b);
  for (const node of nodes) if (waiting[localOf(node)] === 0) heap.push(rank[localOf(node)]!);

  const emitted = new Uint8Array(n);
  const order: number[] = [];
  const cycleBreaks: CycleBreak[] = [];
  let cursor = 0;

  while (order.length < nodes.length) {
    const top = heap.pop();
    let next: number;
    if (top === undefined) {
      // A cycle blocks everything left: release the best remaining node and say so.
      while (emitted[localOf(byPriority[cursor]!)] === 1) cursor++;
      const released = byPriority[cursor]!;
      next = released;
      const blockedBy = [...new Set(depsOf(released))].filter((d) => isDep(released, d) && emitted[localOf(d)] === 0);
      cycleBreaks.push({ node: released, waitingOn: blockedBy.sort(compare) });
    } else {
      next = byPriority[top]!;
      if (emitted[localOf(next)] === 1) continue;
    }
    const at = localOf(next);
    emitted[at] = 1;
    order.push(next);
    for (let k = offset[at]!; k < offset[at + 1]!; k++) {
      const dependant = dependants[k]!;
      const d = localOf(dependant);
      if (--waiting[d]! === 0 && emitted[d] === 0) heap.push(rank[d]!);
    }
  }
  return { order, cycleBreaks };
}
