import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { renderOverview } from '../../src/cli/overview.js';
import { schedulePlan } from '../../src/core/schedule.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';

const TODAY = '2026-11-23';

describe('renderOverview', () => {
  test('every line fits 80 columns, including long week lists and wide characters', () => {
    const plan = buildPlan({
      title: '移行計画 — データベースの段階的な移行と検証を行うための長いタイトルです',
      team: { capacity_per_week: 200 },
      components: Array.from({ length: 60 }, (_, i) => component(`component-with-a-long-name-${i}`, { effort: 2 })),
    });
    const text = renderOverview(plan, schedulePlan(plan), { fileLabel: 'plans/x.yaml', today: TODAY });
    for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    // Wrapped week lists keep every id.
    for (let i = 0; i < 60; i++) expect(text).toContain(`component-with-a-long-name-${i}`);
  });

  test('plan text cannot drive the terminal', () => {
    const plan = buildPlan({
      project: 'P\u001B]0;title\u0007roj',
      title: 'T\u001B[2Jitle \u202Eevil',
      phases: [{ id: 'p', title: 'Phase \u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\', tiers: ['critical', 'high', 'medium', 'low'] }],
    });
    const text = renderOverview(plan, schedulePlan(plan), { fileLabel: 'plans/\u001B[31mx.yaml', today: TODAY });
    expect(text).not.toMatch(/[\u001B\u009B\u0007\u202A-\u202E\u2066-\u2069]/);
    expect(text).toContain('Phase p: Phase link');
  });

  test('weeks that lose days to holidays or a freeze say how many work days are left', () => {
    const plan = examplePlan('crdt-backup-rollout');
    const text = renderOverview(plan, schedulePlan(plan), { fileLabel: 'plans/crdt-backup-rollout.yaml', today: TODAY });
    expect(text).toMatch(/Week 3 2026-12-21 {2}4\/6, 3 work days: metrics-dashboard/);
    expect(text).toContain('Week 4 2026-12-28  0/0, 0 work days: (none)');
  });

  test('schedule problems are listed, and a long list is cut with a count', () => {
    // Both components pinned into week 1 overload it.
    const plan = buildPlan({ components: [component('c0', { pin: 1, effort: 5 }), component('c1', { pin: 1, effort: 5 })] });
    const real = schedulePlan(plan);
    expect(real.problems.length).toBeGreaterThan(0);
    let text = renderOverview(plan, real, { fileLabel: 'plans/x.yaml', today: TODAY });
    expect(text).toContain(`${real.problems[0]!.severity} ${real.problems[0]!.code}: `);
    expect(text).toContain('Pinned: c0 (week 1), c1 (week 1)');
    const many = Array.from({ length: 25 }, (_, i) => ({ severity: 'warning' as const, code: 'strain', message: `strain ${i}` }));
    text = renderOverview(plan, { ...real, problems: many }, { fileLabel: 'plans/x.yaml', today: TODAY });
    expect(text).toContain('25 problems:');
    expect(text).toContain('  warning strain: strain 19');
    expect(text).not.toContain('strain 20');
    expect(text).toContain('... and 5 more (roadmap schedule lists them all)');
  });
});
