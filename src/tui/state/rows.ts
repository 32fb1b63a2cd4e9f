/**
 * The lists the planning views show, built from the schedule: pure, so the reducer can rebuild
 * them when the schedule, filter or sort changes and views only render a window of them.
 */
import type { DayRange } from '../../core/schedule-types.js';
import type { Level, Tier } from '../../core/plan-schema.js';
import type { ListRow, RowsInput, SortKey } from './types.js';

export interface ComponentRow extends ListRow {
  kind: 'component';
  componentId: string;
}

export interface PhaseRow extends ListRow {
  kind: 'phase';
  phaseId: string;
}

export interface TaskRow extends ListRow {
  kind: 'task';
  componentId: string;
  taskId: string;
  /** The part of the task that falls in the row's week. */
  range: DayRange;
}

export type MatrixRow = ComponentRow;
export type RoadmapRow = ComponentRow | PhaseRow;
export type WeekRow = ComponentRow | TaskRow;

const componentRow = (id: string): ComponentRow => ({ kind: 'component', key: id, componentId: id, selectable: true });

/** Case-insensitive match on id, title and group; an empty filter matches everything. */
export function componentFilter(input: RowsInput): (id: string) => boolean {
  const needle = input.filter.trim().toLowerCase();
  if (needle === '') return () => true;
  return (id) => {
    const c = input.planComponents.get(id);
    const sc = input.components.get(id);
    return (
      id.toLowerCase().includes(needle) ||
      (sc?.title ?? c?.title ?? '').toLowerCase().includes(needle) ||
      (c?.group ?? '').toLowerCase().includes(needle)
    );
  };
}

const TIER_RANK: Record<Tier, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const LEVEL_RANK: Record<Level, number> = { high: 0, medium: 1, low: 2 };
const UNKNOWN_RANK = 9;

/** Comparators in each key's natural order; ties fall back to schedule order. */
function comparator(input: RowsInput, key: SortKey): (a: string, b: string) => number {
  const sc = (id: string) => input.components.get(id)!;
  switch (key) {
    case 'score':
      return (a, b) => sc(b).score.value - sc(a).score.value;
    case 'tier':
      return (a, b) => TIER_RANK[sc(a).score.tier] - TIER_RANK[sc(b).score.tier];
    case 'risk':
      return (a, b) => LEVEL_RANK[sc(a).risk] - LEVEL_RANK[sc(b).risk];
    case 'impact': {
      const rank = (id: string) => {
        const impact = input.planComponents.get(id)?.impact;
        return impact ? LEVEL_RANK[impact] : UNKNOWN_RANK;
      };
      return (a, b) => rank(a) - rank(b);
    }
    case 'effort':
      return (a, b) => sc(b).effort - sc(a).effort;
    case 'week':
      return (a, b) => sc(a).startWeek - sc(b).startWeek;
    case 'id':
      return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  }
}

/** Matrix: every component passing the filter, sorted (by score unless the user chose otherwise). */
export function matrixRows(input: RowsInput): MatrixRow[] {
  const keep = componentFilter(input);
  const order = new Map<string, number>();
  input.schedule.components.forEach((c, i) => order.set(c.id, i));
  const ids = input.schedule.components.map((c) => c.id).filter(keep);
  const compare = comparator(input, input.sort);
  const direction = input.sortReversed ? -1 : 1;
  ids.sort((a, b) => direction * compare(a, b) || order.get(a)! - order.get(b)!);
  return ids.map(componentRow);
}

/** Roadmap: phases in order, each followed by its components in schedule order. */
export function roadmapRows(input: RowsInput): RoadmapRow[] {
  const keep = componentFilter(input);
  const rows: RoadmapRow[] = [];
  const placed = new Set<string>();
  for (const phase of input.schedule.phases) {
    const members = phase.components.filter((id) => input.components.has(id) && keep(id));
    if (members.length === 0) continue;
    rows.push({ kind: 'phase', key: `phase:${phase.id}`, phaseId: phase.id, selectable: false });
    for (const id of members) {
      rows.push(componentRow(id));
      placed.add(id);
    }
  }
  // A component no phase lists still belongs on the timeline.
  for (const c of input.schedule.components) {
    if (!placed.has(c.id) && keep(c.id)) rows.push(componentRow(c.id));
  }
  return rows;
}

/** Week: the week's components in the order they run, each followed by its tasks in that week. */
export function weekRows(input: RowsInput): WeekRow[] {
  const week = input.schedule.weeks[input.week - 1];
  if (!week) return [];
  const rows: WeekRow[] = [];
  for (const id of week.components) {
    const c = input.components.get(id);
    if (!c) continue;
    rows.push(componentRow(id));
    for (const task of c.tasks) {
      for (const range of task.ranges) {
        if (range.week !== input.week) continue;
        rows.push({ kind: 'task', key: `${id}/${task.id}/${range.firstDay}`, componentId: id, taskId: task.id, range, selectable: true });
      }
    }
  }
  return rows;
}

/** The week holding a date (1-based), or undefined outside the schedule. */
export function weekOfDate(input: Pick<RowsInput, 'schedule'>, date: string): number | undefined {
  const i = input.schedule.weeks.findIndex((wk) => wk.start <= date && date <= wk.end);
  return i === -1 ? undefined : i + 1;
}
