import { describe, expect, test } from 'vitest';
import { schedulePlan } from '../../../src/core/schedule.js';
import { segmentsText } from '../../../src/tui/views/timeline.js';
import { matrixDetailLines } from '../../../src/tui/views/matrix-detail.js';
import { PLAIN_THEME } from '../../../src/tui/theme.js';
import { buildPlan, component } from '../../helpers/plan-builder.js';

describe('the Matrix detail pane', () => {
  const plan = buildPlan({
    scoring: {
      criteria: [
        { id: 'value', name: 'Value', weight: 3 },
        { id: 'cost', name: 'Migration cost', weight: 1, direction: 'cost' },
      ],
    },
    components: [
      component('base', { scores: { value: 2, cost: 1 }, effort: 3 }),
      component('top', {
        title: 'Top \u001B[31mthing',
        group: 'Core',
        scores: { value: 5, cost: 4 },
        depends_on: ['base'],
        pin: 2,
        risk: { level: 'high', description: 'big', mitigation: 'small steps' },
      }),
      component('given', { priority: 4.9, scores: { value: 1, cost: 1 } }),
    ],
  });
  const schedule = schedulePlan(plan);
  const lines = (id: string) =>
    matrixDetailLines({
      component: schedule.components.find((c) => c.id === id)!,
      planComponent: plan.components.find((c) => c.id === id),
      schedule,
      progress: undefined,
      theme: PLAIN_THEME,
      width: 80,
    }).map(segmentsText);

  test('explains a computed score term by term, cost criteria marked', () => {
    const text = lines('top');
    expect(text[0]).toBe('top  Top thing  [Core]  pinned to week 2');
    expect(text[1]).toMatch(/^score [\d.]+ \w+ {2}.+=/);
    expect(text.find((l) => l.includes('Migration cost'))).toMatch(/\(cost\)$/);
    expect(text).toContain('depends on: base');
    expect(text).toContain('risk: big; mitigation: small steps');
    expect(text.some((l) => l.startsWith('  why: '))).toBe(true);
  });

  test('a given priority says so and shows what the criteria would give', () => {
    expect(lines('given')[1]).toMatch(/^score 4\.9 critical \(given in the plan; computed [\d.]+\)$/);
  });

  test('lists dependants of a component others wait for', () => {
    expect(lines('base')).toContain('dependants: top');
  });
});
