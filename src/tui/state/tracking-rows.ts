/**
 * The lists of the tracking views: success metrics by category (Metrics), and the risk register
 * by level followed by the rollback rules (Risks). Pure, built from the plan and its status.
 */
import type { Level } from '../../core/plan-schema.js';
import { componentFilter } from './rows.js';
import type { ListRow, RowsInput } from './types.js';

export interface HeadingRow extends ListRow {
  kind: 'heading';
  text: string;
}

export interface MetricRow extends ListRow {
  kind: 'metric';
  metricId: string;
}

export interface RiskComponentRow extends ListRow {
  kind: 'component';
  componentId: string;
}

export interface RuleRow extends ListRow {
  kind: 'rule';
  ruleId: string;
}

export type MetricsRow = HeadingRow | MetricRow;
export type RisksRow = HeadingRow | RiskComponentRow | RuleRow;

const heading = (key: string, text: string): HeadingRow => ({ kind: 'heading', key, text, selectable: false });

function textFilter(filter: string): (...texts: (string | undefined)[]) => boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return () => true;
  return (...texts) => texts.some((t) => t !== undefined && t.toLowerCase().includes(needle));
}

/** Metrics grouped by category, categories in the order the plan first names them. */
export function metricsRows(input: RowsInput): MetricsRow[] {
  const keep = textFilter(input.filter);
  const byCategory = new Map<string, string[]>();
  for (const m of input.plan.metrics) {
    if (!keep(m.id, m.name, m.category)) continue;
    const list = byCategory.get(m.category);
    if (list) list.push(m.id);
    else byCategory.set(m.category, [m.id]);
  }
  const rows: MetricsRow[] = [];
  for (const [category, ids] of byCategory) {
    rows.push(heading(`category:${category}`, `${category} (${ids.length})`));
    for (const id of ids) rows.push({ kind: 'metric', key: `metric:${id}`, metricId: id, selectable: true });
  }
  return rows;
}

const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

/**
 * The risk register: components by risk level (high first), each level in schedule order; then
 * the rollback rules in plan order.
 */
export function risksRows(input: RowsInput): RisksRow[] {
  const keepComponent = componentFilter(input);
  const keepText = textFilter(input.filter);
  const rows: RisksRow[] = [];
  for (const level of LEVELS) {
    const ids = input.schedule.components.filter((c) => c.risk === level && keepComponent(c.id)).map((c) => c.id);
    if (ids.length === 0) continue;
    rows.push(heading(`level:${level}`, `${level[0]!.toUpperCase()}${level.slice(1)} risk (${ids.length})`));
    for (const id of ids) rows.push({ kind: 'component', key: `component:${id}`, componentId: id, selectable: true });
  }
  const rules = input.plan.rollback.filter((r) => keepText(r.id, r.title));
  if (rules.length > 0) {
    rows.push(heading('rules', `Rollback rules (${rules.length})`));
    for (const r of rules) rows.push({ kind: 'rule', key: `rule:${r.id}`, ruleId: r.id, selectable: true });
  }
  return rows;
}
