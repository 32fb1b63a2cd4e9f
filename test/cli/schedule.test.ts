import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CODON = 'plans/codon-migration.yaml';
const run = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) => runCli(argv, { cwd: ROOT, ...opts });

function tempPlan(yaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-schedule-'));
  const file = path.join(dir, 'plan.yaml');
  writeFileSync(file, yaml);
  return file;
}

const SMALL = (components: string, extra = '') => `version: 1
project: Small
title: Test
start: 2026-11-02
team: { capacity_per_week: 15 }
scoring:
  criteria: [{ id: value, name: Value, weight: 1 }]
${extra}components:
${components}`;

describe('roadmap schedule (text)', () => {
  it('prints the codon plan phase by phase, week by week, at 80 columns', async () => {
    const r = await run(['schedule', CODON, '--today', '2026-11-18']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.slice(0, 3)).toEqual([
      'GraphMemory-IDE: Codon Migration',
      'Mon 2 Nov 2026 - Fri 11 Dec 2026, 6 weeks, 3 phases, 15 person-days a week',
      'Today: Wed 18 Nov 2026 (week 3)',
    ]);
    expect(r.stdout).toContain('Phase 2: High Priority Components (p2), weeks 3-4, Mon 16 Nov - Fri 27 Nov');
    expect(r.stdout).toContain('> Week 3 (Mon 16 Nov - Fri 20 Nov) 15/15 pd');
    expect(r.stdout).toContain('  Week 4 (Mon 23 Nov - Fri 27 Nov) 15/15 pd');
    expect(r.stdout).toContain('    Day 1-2  Mon 16 Nov - Tue 17 Nov  AI Performance Optimizer (6 pd, Ana)');
    expect(r.stdout).toContain('    Day 5    Fri 20 Nov               Alert Correlation (3 pd, Chen)');
    expect(r.stdout).toContain('    3.8 high, risk medium, 15 pd, slack 0 d, after analytics-thread-safety');
    // Week 5 shares three components, each with its own day range.
    const week5 = r.stdout.slice(r.stdout.indexOf('Week 5 ('), r.stdout.indexOf('Week 6 ('));
    expect(week5).toMatch(/authentication: Authentication System[\s\S]*Day 1-2 {2}Mon 30 Nov - Tue 1 Dec/);
    expect(week5).toMatch(/stream-management: Stream Management[\s\S]*Day 3-4 {2}Wed 2 Dec - Thu 3 Dec/);
    expect(week5).toMatch(/cache: Cache System[\s\S]*Day 5 {4}Fri 4 Dec {15}Cache System/);
    expect(week5).toContain('\n  Rollback: gradual\n');
    expect(r.stdout).not.toContain('Problems');
  });

  it('keeps a long task line inside the width: drops the column padding, then cuts the title', async () => {
    const r = await run(['schedule', CODON]);
    const narrow = await run(['schedule', CODON, '--today', '2026-11-02'], { columns: 60 });
    for (const l of narrow.stdout.split('\n')) expect(l.length).toBeLessThanOrEqual(60);
    expect(narrow.stdout).toContain('    Day 1-2  Mon 2 Nov - Tue 3 Nov  Plugin Syst… (6 pd, Ana)');
    expect(r.stdout).toContain('    Day 5    Fri 6 Nov  Configuration System Refactoring (3 pd, Chen)');
  });

  it('marks no week when today is outside the plan, and says so', async () => {
    const r = await run(['schedule', CODON, '--today', '2027-03-01']);
    expect(r.stdout).toContain('Today: Mon 1 Mar 2027 (week 18, after the last scheduled week)');
    expect(r.stdout).not.toMatch(/^> /m);
  });

  it('shows holidays and a freeze week', async () => {
    const r = await run(['schedule', 'plans/crdt-backup-rollout.yaml', '--today', '2026-12-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Week 3 (Mon 21 Dec - Wed 23 Dec) 4/6 pd');
    expect(r.stdout).toContain('  Holiday: Thu 24 Dec Christmas Eve, Fri 25 Dec Christmas Day');
    expect(r.stdout).toContain('  Week 4 (Mon 28 Dec - Sun 3 Jan) no work days');
    expect(r.stdout).toContain('  Freeze: Mon 28 Dec - Thu 31 Dec');
  });

  it('re-plans with --weight and shows the what-if in the header', async () => {
    const r = await run(['schedule', CODON, '--weight', 'thread-safety=7', '--today', '2026-11-02']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What-if weights: thread-safety 2 -> 7');
    expect(r.stdout).toMatch(/Week 3 \(Mon 16 Nov - Fri 20 Nov\) 15\/15 pd\n [ *]error-handling:/);
  });

  it('sanitises plan text before printing it', async () => {
    const file = tempPlan(SMALL(`  - { id: a, title: "Evil \\e]0;pwned\\a title", effort: 5, tasks: [{ id: t, title: "\\e[31mred\\e[0m task", effort: 5, owner: "Bob\\u202e" }] }\n`));
    const r = await run(['schedule', file, '--today', '2026-11-02']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.stdout).toContain('a: Evil');
    expect(r.stdout).toContain('red task');
  });
});

describe('roadmap schedule --json', () => {
  it('prints the Schedule with its format tag, stable across runs', async () => {
    const a = await run(['schedule', CODON, '--json']);
    const b = await run(['schedule', CODON, '--json', '--today', '2027-01-01']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    expect(Object.keys(json).slice(0, 3)).toEqual(['format', 'project', 'title']);
    expect(json.format).toBe('roadmap.schedule/v1');
    expect(json.components.map((c: { id: string; startWeek: number }) => [c.id, c.startWeek])).toEqual([
      ['dynamic-feature-detection', 1],
      ['analytics-thread-safety', 2],
      ['performance-monitoring', 3],
      ['error-handling', 4],
      ['authentication', 5],
      ['stream-management', 5],
      ['cache', 5],
      ['integration-testing', 6],
      ['production-prep', 6],
      ['documentation-handoff', 6],
    ]);
  });
});

describe('roadmap schedule: failures', () => {
  it('exits 1 and prints the errors when the schedule cannot be met', async () => {
    const file = tempPlan(SMALL(`  - { id: a, title: A, effort: 20 }\n  - { id: b, title: B, effort: 5, pin: 1, depends_on: [a] }\n`));
    const text = await run(['schedule', file, '--today', '2026-11-02']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('error schedule-pin-before-dependency: b is pinned to start in week 1, but its');
    expect(text.stderr).toContain('cannot be met');
    const json = await run(['schedule', file, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).problems[0].code).toBe('schedule-pin-before-dependency');
    expect(json.stderr).toContain('schedule-pin-before-dependency');
  });

  it('exits 0 with warnings, printed after the schedule', async () => {
    const file = tempPlan(SMALL(`  - { id: a, title: A, effort: 15, pin: 1 }\n  - { id: b, title: B, effort: 6, pin: 1 }\n`));
    const r = await run(['schedule', file, '--today', '2026-11-02']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Week 1 (Mon 2 Nov - Fri 6 Nov) 21/15 pd (over capacity)');
    expect(r.stdout).toContain('Problems: 0 errors, 1 warning');
    expect(r.stdout).toContain('warning schedule-over-capacity: week 1 is over capacity: 21/15 person-days');
  });

  it('rejects a bad --weight, an unknown criterion (with a suggestion) and a bad --today with exit 2', async () => {
    const bad = await run(['schedule', CODON, '--weight', 'performance']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('criterion=value');
    const negative = await run(['schedule', CODON, '--weight', 'performance=-1']);
    expect(negative.code).toBe(2);
    const unknown = await run(['schedule', CODON, '--weight', 'perfomance=4']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "performance"?');
    const day = await run(['schedule', CODON, '--today', '2026-02-30']);
    expect(day.code).toBe(2);
  });

  it('exits 1 on an invalid plan and 3 on a missing file', async () => {
    const invalid = tempPlan('version: 1\nproject: x\n');
    expect((await run(['schedule', invalid])).code).toBe(1);
    expect((await run(['schedule', 'plans/nope.yaml'])).code).toBe(3);
  });
});
