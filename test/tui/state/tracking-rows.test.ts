import { describe, expect, test } from 'vitest';
import { schedulePlan } from '../../../src/core/schedule.js';
import { metricsRows, risksRows } from '../../../src/tui/state/tracking-rows.js';
import { NO_STANDUP, type RowsInput } from '../../../src/tui/state/types.js';
import { examplePlan } from '../../helpers/plan-builder.js';

const plan = examplePlan('codon-migration');
const schedule = schedulePlan(plan);
const input = (filter = ''): RowsInput => ({
  plan,
  schedule,
  components: new Map(schedule.components.map((c) => [c.id, c])),
  planComponents: new Map(plan.components.map((c) => [c.id, c])),
  filter,
  sort: 'score',
  sortReversed: false,
  week: 1,
  status: null,
  today: '2026-11-23',
  standup: NO_STANDUP,
});

describe('tracking lists', () => {
  test('metrics by category, in the order the plan first names each; headings are not selectable', () => {
    const rows = metricsRows(input());
    expect(rows.filter((r) => r.kind === 'heading').map((r) => (r.kind === 'heading' ? r.text : ''))).toEqual(['performance (5)', 'quality (4)', 'business (1)']);
    expect(rows.filter((r) => r.selectable)).toHaveLength(plan.metrics.length);
    expect(rows.every((r) => r.selectable === (r.kind === 'metric'))).toBe(true);
  });

  test('the metric filter matches id, name and category', () => {
    expect(metricsRows(input('SPEEDUP')).filter((r) => r.selectable)).toHaveLength(4);
    expect(metricsRows(input('annual cost')).map((r) => r.key)).toEqual(['category:business', 'metric:cost-savings']);
    expect(metricsRows(input('nothing like it'))).toEqual([]);
  });

  test('risks: high, medium, low, each in schedule order, then the rollback rules', () => {
    const rows = risksRows(input());
    expect(rows.filter((r) => !r.selectable).map((r) => r.key)).toEqual(['level:high', 'level:medium', 'level:low', 'rules']);
    const high = rows.slice(1, 3).map((r) => r.componentId);
    expect(high).toEqual(['dynamic-feature-detection', 'analytics-thread-safety']);
    expect(rows.slice(-3).map((r) => r.ruleId)).toEqual(['immediate', 'planned', 'gradual']);
  });

  test('the risk filter keeps matching components and rules, and drops empty levels', () => {
    expect(risksRows(input('cache')).map((r) => r.key)).toEqual(['level:low', 'component:cache']);
    expect(risksRows(input('gradual')).map((r) => r.key)).toEqual(['rules', 'rule:gradual']);
  });
});
