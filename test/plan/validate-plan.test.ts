import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../../src/plan/load-plan.js';
import { validatePlan } from '../../src/plan/validate-plan.js';
import { NO_POSITIONS } from '../../src/plan/positions.js';
import { PlanSchema } from '../../src/core/plan-schema.js';
import type { Problem } from '../../src/core/problem.js';

const BASE = `version: 1
project: Storefront
title: Cache rollout
start: 2026-03-02
scoring:
  criteria:
    - { id: value, name: Business value, weight: 2 }
    - { id: risk, name: Risk reduction, weight: 1 }
components:
  - id: cache
    title: Cache layer
    scores: { value: 4, risk: 3 }
    effort: 5
  - id: api
    title: API gateway
    scores: { value: 3, risk: 2 }
    effort: 3
    depends_on: [cache]
`;

const check = (text: string): Problem[] => parsePlanText(text, { displayName: 'p.yaml' }).problems;
const summary = (problems: Problem[]) => problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`);
const withComponent = (yaml: string) => `${BASE}${yaml}`;

describe('ids', () => {
  it('one namespace: a metric may not reuse a component id; the message names the first line', () => {
    const problems = check(`${BASE}metrics:\n  - { id: cache, name: Cache hits, target: ">= 90" }\n`);
    expect(summary(problems)).toEqual(['20:11 error duplicate-id: metric id "cache" is already used by a component (line 10)']);
  });

  it('"first" means first in the file, whatever section it is in', () => {
    const text = `version: 1\nproject: P\ntitle: T\nstart: 2026-03-02\nmetrics:\n  - { id: dup, name: M, target: ">= 1" }\nscoring:\n  criteria:\n    - { id: value, name: V, weight: 1 }\ncomponents:\n  - { id: dup, title: C, effort: 1, scores: { value: 1 } }\n`;
    expect(summary(check(text))).toEqual(['11:11 error duplicate-id: component id "dup" is already used by a metric (line 6)']);
  });

  it('duplicate task ids across components', () => {
    const text = BASE.replace('    effort: 5\n', '    tasks: [{ id: t1, title: A, effort: 5 }]\n').replace(
      '    effort: 3\n',
      '    tasks: [{ id: t1, title: B, effort: 3 }]\n',
    );
    expect(summary(check(text))).toEqual(['17:19 error duplicate-id: task id "t1" is already used by another task (line 13)']);
  });
});

describe('references', () => {
  it('depends_on with a near miss', () => {
    const [p] = check(BASE.replace('depends_on: [cache]', 'depends_on: [cahce]'));
    expect(p).toMatchObject({ code: 'unknown-reference', line: 18, column: 18, hint: 'did you mean "cache"?' });
    expect(p!.message).toBe('component "api" depends on "cahce", which is not defined');
  });

  it('depending on a task says so and names its component', () => {
    const text = BASE.replace('    effort: 5\n', '    tasks: [{ id: warm, title: Warm, effort: 5 }]\n').replace('depends_on: [cache]', 'depends_on: [warm]');
    const [p] = check(text);
    expect(p!.message).toBe('component "api" depends on "warm", which is a task, not a component');
    expect(p!.hint).toBe('depend on its component "cache"');
  });

  it('scores keys must be criteria; the key is pointed at', () => {
    const [p] = check(BASE.replace('scores: { value: 3, risk: 2 }', 'scores: { value: 3, risk: 2, valeu: 1 }'));
    expect(p).toMatchObject({ code: 'unknown-reference', line: 16, column: 34, hint: 'did you mean "value"?' });
  });

  it('every kind of reference is checked', () => {
    const text = `${BASE.replace('    effort: 3\n', '    effort: 3\n    rollback: [stop]\n    success: [{ text: Fast, metric: latency }]\n')}team:
  roles: [{ id: dev, title: Developers }]
  members: [{ name: Ana, role: devs }]
metrics:
  - { id: p95, name: P95, target: "< 100", rollback: halt }
rollback:
  - id: revert
    title: Revert
    deadlines: { assess: 15m, decide: 30m, execute: 1h }
    triggers: [{ metric: p59, condition: "> 200" }]
    phases: [p1]
`;
    const messages = check(text).map((p) => p.message);
    expect(messages).toEqual([
      'component "api" names rollback rule "stop", which is not defined',
      'a success criterion of component "api" names metric "latency", which is not defined',
      'member "Ana" has role "devs", which is not defined',
      'metric "p95" triggers rollback rule "halt", which is not defined',
      'rollback rule "revert" watches metric "p59", which is not defined',
      'rollback rule "revert" guards phase "p1", which is not defined',
    ]);
  });

  it('without a phases block, rollback rules may guard the per-tier phases', () => {
    const text = `${BASE}rollback:\n  - { id: r, title: R, deadlines: { assess: 1h, decide: 1h, execute: 1h }, phases: [critical, low] }\n`;
    expect(check(text)).toEqual([]);
  });

  it('wsjf and rice blocks name criteria', () => {
    const wsjf = BASE.replace('  criteria:', '  scorer: wsjf\n  wsjf: { cost_of_delay: [value, rsk], job_size: size }\n  criteria:');
    expect(check(wsjf).map((p) => p.message)).toEqual([
      'wsjf cost_of_delay names criterion "rsk", which is not defined',
      'wsjf job_size names criterion "size", which is not defined',
    ]);
  });
});

describe('dependency graph', () => {
  it('names a cycle once, as a loop', () => {
    const text = BASE.replace('    effort: 5\n', '    effort: 5\n    depends_on: [api]\n');
    expect(summary(check(text))).toEqual(['14:18 error dependency-cycle: components depend on each other in a loop: cache -> api -> cache']);
  });

  it('reports separate cycles separately and mentions the rest of a tangle', () => {
    const comps = ['a: [b]', 'b: [c, d]', 'c: [a]', 'd: [b]', 'x: [y]', 'y: [x]']
      .map((line) => {
        const [id, deps] = line.split(': ');
        return `  - { id: ${id}, title: ${id}, effort: 1, scores: { value: 1, risk: 1 }, depends_on: ${deps} }`;
      })
      .join('\n');
    const text = `${BASE.split('components:')[0]}components:\n${comps}\n`;
    const problems = check(text).filter((p) => p.code === 'dependency-cycle');
    expect(problems.map((p) => p.message)).toEqual([
      'components depend on each other in a loop: a -> b -> c -> a; 1 more in the same tangle: d',
      'components depend on each other in a loop: x -> y -> x',
    ]);
  });

  it('self-dependency is its own problem', () => {
    const [p] = check(BASE.replace('depends_on: [cache]', 'depends_on: [api]'));
    expect(p).toMatchObject({ code: 'self-dependency', message: 'component "api" depends on itself' });
  });

  it('finds a cycle through 20,000 components without running out of stack', () => {
    const n = 20_000;
    const components = Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      title: `C${i}`,
      effort: 1,
      scores: { value: 1, risk: 1 },
      depends_on: [`c${(i + 1) % n}`],
    }));
    const plan = PlanSchema.parse({
      version: 1,
      project: 'P',
      title: 'T',
      start: '2026-03-02',
      scoring: { criteria: [{ id: 'value', name: 'V', weight: 1 }, { id: 'risk', name: 'R', weight: 1 }] },
      components,
    });
    const cycles = validatePlan(plan, NO_POSITIONS).filter((p) => p.code === 'dependency-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/^components depend on each other in a loop: c0 -> c1 -> c2 -> .* -> c19999 -> c0$/);
  });
});

describe('scoring', () => {
  it('scores outside the scale', () => {
    const [p] = check(BASE.replace('scores: { value: 4, risk: 3 }', 'scores: { value: 7, risk: 3 }'));
    expect(p).toMatchObject({ code: 'score-out-of-scale', line: 12, column: 22 });
    expect(p!.message).toBe('component "cache" scores value 7, outside the scale 1-5');
  });

  it('scale min must be below max', () => {
    const problems = check(BASE.replace('  criteria:', '  scale: { min: 5, max: 5 }\n  criteria:'));
    expect(problems.map((p) => p.code)).toEqual(['invalid-scale']);
  });

  it('all-zero weights', () => {
    const problems = check(BASE.replace('weight: 2', 'weight: 0').replace('weight: 1', 'weight: 0'));
    expect(problems.map((p) => p.code)).toEqual(['weights-all-zero']);
  });

  it('tier thresholds must descend', () => {
    const [p] = check(BASE.replace('  criteria:', '  tiers: { critical: 4, high: 4, medium: 3 }\n  criteria:'));
    expect(p).toMatchObject({ code: 'tiers-not-descending', line: 6, column: 31 });
  });

  it('a tier above the scale cannot be reached', () => {
    const problems = check(BASE.replace('  criteria:', '  scale: { min: 0, max: 1 }\n  criteria:').replace(/value: [34], risk: [23]/g, 'value: 1, risk: 1'));
    expect(problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'tier-unreachable']]);
  });

  it('a missing criterion score under the weighted scorer is a warning', () => {
    const [p] = check(BASE.replace('scores: { value: 3, risk: 2 }', 'scores: { value: 3 }'));
    expect(p).toMatchObject({ severity: 'warning', code: 'missing-score', line: 16 });
    expect(p!.message).toBe('component "api" has no score for risk; it counts as the scale minimum (1)');
  });

  it('no warning when a priority is given', () => {
    expect(check(BASE.replace('scores: { value: 3, risk: 2 }', 'priority: 3.2'))).toEqual([]);
  });

  it('wsjf without a wsjf block warns about the defaults; rice without one needs the named criteria', () => {
    const wsjf = check(BASE.replace('  criteria:', '  scorer: wsjf\n  criteria:'));
    expect(wsjf.map((p) => [p.severity, p.code])).toEqual([['warning', 'missing-wsjf-block']]);
    const rice = check(BASE.replace('  criteria:', '  scorer: rice\n  criteria:'));
    expect(rice.map((p) => [p.severity, p.code])).toEqual([['error', 'missing-rice-block']]);
    expect(rice[0]!.message).toContain('no criterion is named reach, impact, confidence');
  });

  it('rice confidence is a fraction', () => {
    const text = `version: 1\nproject: P\ntitle: T\nstart: 2026-03-02\nscoring:\n  scorer: rice\n  rice: { reach: r, impact: i, confidence: c }\n  criteria:\n    - { id: r, name: Reach, weight: 1 }\n    - { id: i, name: Impact, weight: 1 }\n    - { id: c, name: Confidence, weight: 1 }\ncomponents:\n  - { id: a, title: A, effort: 2, scores: { r: 500, i: 2, c: 80 } }\n`;
    expect(summary(check(text))).toEqual(['13:62 error score-out-of-scale: component "a" has c 80; rice confidence is a fraction from 0 to 1']);
  });
});

describe('phases', () => {
  it('a tier listed twice', () => {
    const text = `${BASE}phases:\n  - { id: p1, title: One, tiers: [critical, high] }\n  - { id: p2, title: Two, tiers: [high, medium, low] }\n`;
    const [p] = check(text);
    expect(p).toMatchObject({ code: 'tier-in-two-phases', line: 21, column: 35 });
    expect(p!.message).toBe('tier high is listed by phase "p1" and again by phase "p2"');
  });
});

describe('effort', () => {
  it('a component needs effort or tasks', () => {
    const [p] = check(BASE.replace('    effort: 5\n', ''));
    expect(p).toMatchObject({ code: 'missing-effort', line: 10, column: 9 });
    expect(p!.hint).toContain('give effort or tasks');
  });

  it('effort that disagrees with the tasks is a warning', () => {
    const [p] = check(BASE.replace('    effort: 5\n', '    effort: 5\n    tasks: [{ id: a1, title: A, effort: 2 }, { id: a2, title: B, effort: 1.5 }]\n'));
    expect(p).toMatchObject({ severity: 'warning', code: 'effort-mismatch', line: 13 });
    expect(p!.message).toBe('component "cache" has effort 5, but its tasks add up to 3.5');
  });
});

describe('calendar', () => {
  it('freezes that end before they start', () => {
    const [p] = check(`${BASE}calendar:\n  freezes: [{ start: 2026-04-10, end: 2026-04-01, name: Audit }]\n`);
    expect(p).toMatchObject({ code: 'freeze-ends-before-start', line: 20 });
    expect(p!.message).toBe('freeze "Audit" ends (2026-04-01) before it starts (2026-04-10)');
  });

  it('holidays on days off', () => {
    const [p] = check(`${BASE}calendar:\n  holidays: [2026-04-04, { date: 2026-04-06, name: Easter Monday }]\n`);
    expect(p).toMatchObject({ severity: 'warning', code: 'holiday-not-workday', line: 20, column: 14 });
    expect(p!.message).toBe('holiday 2026-04-04 falls on a Saturday, which is not a work day');
  });

  it('a start date far from now is a typo', () => {
    const [p] = check(BASE.replace('start: 2026-03-02', 'start: 2260-03-02'));
    expect(p).toMatchObject({ code: 'start-out-of-range', line: 4, column: 8 });
  });
});

describe('pins', () => {
  it('a pin far past the plan\'s length is a warning', () => {
    const [p] = check(`${BASE.replace('effort: 3', 'effort: 3\n    pin: 60')}team: { capacity_per_week: 5 }\n`);
    expect(p).toMatchObject({ severity: 'warning', code: 'pin-beyond-horizon', line: 18, column: 10 });
    expect(p!.message).toBe('component "api" is pinned to week 60, but the whole plan needs about 2 weeks at 5 person-days a week');
  });

  it('a pin within reach is fine', () => {
    expect(check(`${BASE.replace('effort: 3', 'effort: 3\n    pin: 10')}team: { capacity_per_week: 5 }\n`)).toEqual([]);
  });
});

describe('phase coverage', () => {
  it('warns when components land in a tier no phase lists', () => {
    // cache scores (2x4 + 3)/3 = 3.7 -> high; api (2x3 + 2)/3 = 2.7 -> low.
    const [p, ...rest] = check(`${BASE}phases:\n  - { id: p1, title: One, tiers: [critical, high, medium] }\n`);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ severity: 'warning', code: 'tier-without-phase', line: 19, column: 1 });
    expect(p!.message).toBe('no phase lists tier low, where api lands; it runs in an extra last phase');
  });
});
