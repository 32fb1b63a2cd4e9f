/**
 * The TUI against a saved baseline (issue 10, "Plan vs actual"): the Roadmap marks what slipped
 * with its slip in work days and gives the end-date slip, the Matrix detail pane gives planned vs
 * actual/projected dates, help and the hint line explain the mark, edits and ticks update it, and
 * `roadmap tui --baseline NAME` picks the baseline (an unknown one is a usage error).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { baselineData, compareToBaseline, readBaselines } from '../../src/core/baseline.js';
import { foldJournal } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { projectFromToday } from '../../src/core/projection.js';
import { computeStatus } from '../../src/core/status.js';
import { scheduleWithCriticalPath } from '../../src/core/critical-path.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { readJournal } from '../../src/plan/journal-io.js';
import { coreEngine } from '../../src/tui/state/core-engine.js';
import type { JournalInput } from '../../src/tui/state/types.js';
import { runCli } from '../helpers/cli.js';
import { examplePlan } from '../helpers/plan-builder.js';
import { lines, memoryJournal, renderApp } from './helpers.js';

process.env.TZ = 'UTC';

const TODAY = '2026-11-13';
const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let file: string;
let plan: Plan;

const cli = (argv: string[], by = 'Ana') =>
  runCli(argv, { env: { NO_COLOR: '1', ROADMAP_AUTHOR: by }, cwd: dir, columns: 80, now: new Date(`${TODAY}T12:00:00Z`) });
async function ok(argv: string[], by = 'Ana') {
  const r = await cli(argv, by);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} -> ${r.code}: ${r.stderr}`);
  return r;
}
async function journal(): Promise<JournalInput> {
  const read = await readJournal(file);
  return { events: read.events, problems: read.problems };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-tui-baseline-'));
  file = path.join(dir, 'codon-migration.yaml');
  copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), file);
  plan = (await loadPlan(file)).plan!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => cleanup());

const plain = { env: { NO_COLOR: '1' }, today: TODAY, columns: 110, rows: 34 };
const END_LINE = "ends 2026-12-18, 5 work days later than baseline 'kickoff' (2026-12-11)";

/** The Roadmap row of a component: its label column, mark and bar. */
const rowOf = (frame: string, id: string) => lines(frame).find((l) => new RegExp(`^[>^ ] ${id}\\*?\\s`).test(l));
/** The slip mark at the end of a Roadmap row's label column ("+5d", "-2d", "s+2d", "new"), or ''. */
const markOf = (frame: string, id: string) => /\s((?:s?[+-]\d+d)|new)\s/.exec(rowOf(frame, id)!.slice(0, 38))?.[1] ?? '';

describe('the TUI against the newest baseline', () => {
  beforeAll(async () => {
    // As in test/cli/status-baseline.test.ts: kickoff saved at the start, then work runs late.
    await ok(['baseline', file, 'save', '--name', 'kickoff', '--at', '2026-11-02T08:00Z']);
    await ok(['track', file, 'dynamic-feature-detection', 'done', '--at', '2026-11-06T16:00Z']);
    await ok(['track', file, 'health-monitor-safety', 'done', '--at', '2026-11-11T16:00Z'], 'Bo');
    await ok(['track', file, 'incident-manager-safety', 'doing', '--at', '2026-11-12T09:00Z'], 'Bo');
  });

  test('the Roadmap gives the end-date slip and marks each slipped row with its slip in work days', async () => {
    const app = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap' });
    const frame = await app.waitFor((f) => f.includes(END_LINE), 'the end-date slip');
    // The summary is the first line of the view, under the tabs.
    const rows = lines(frame);
    expect(rows[2]!.startsWith(`${END_LINE}  · 9 slipped · analytics-thread-safe`), rows[2]).toBe(true);
    // The late one: started late, its finish projected 2 work days after the baseline's.
    expect(markOf(frame, 'analytics-thread-safety')).toBe('+2d');
    expect(markOf(frame, 'cache')).toBe('+5d');
    // Done on its baselined date: no mark.
    expect(markOf(frame, 'dynamic-feature-detection')).toBe('');
    // Every row says what `roadmap status --baseline` (the same core) says of it.
    const fold = foldJournal(plan, (await journal()).events);
    const status = computeStatus(plan, scheduleWithCriticalPath(plan), fold, TODAY);
    const kickoff = readBaselines(fold).baselines[0]!;
    const projection = projectFromToday(plan, fold, TODAY, { dateOf: (at) => at.slice(0, 10) });
    const compared = compareToBaseline(kickoff, projection.schedule, status, plan);
    for (const c of compared.components) {
      const slip = c.finishSlip ?? 0;
      expect(markOf(frame, c.id), c.id).toBe(slip === 0 ? '' : `${slip > 0 ? '+' : ''}${slip}d`);
    }
  });

  test('the hint line names the mark and help explains it', async () => {
    const app = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap' });
    const frame = await app.waitFor((f) => f.includes(END_LINE));
    expect(lines(frame).find((l) => l.includes('q quit'))).toMatch(/^\/ filter {2}enter week {2}left scroll {2}\+3d slip vs baseline {2}q quit/);
    await app.press('?');
    const help = await app.waitFor((f) => f.includes('Marks'));
    expect(help).toContain("+3d / -2d              finish later / earlier (work days) vs baseline 'kickoff'");
    expect(help).toContain('s+2d                   the start moved, the finish held');
    // In the Matrix, help points at the detail pane.
    await app.press('?', '1', '?');
    expect(await app.waitFor((f) => f.includes('Keys in the Matrix view'))).toContain("detail pane: planned -> actual/projected start and finish vs baseline 'kickoff'");
  });

  test('the Matrix detail pane gives planned vs actual or projected start and finish', async () => {
    const app = await renderApp(plan, { ...plain, journal: await journal() });
    await app.press('g', ...'cache', '\r');
    let frame = await app.waitFor((f) => f.includes('> cache') && f.includes("baseline 'kickoff'"));
    expect(lines(frame)).toContain("baseline 'kickoff' start 12-04 -> 12-11 +5d  finish 12-04 -> 12-11 +5d  projected from today");
    await app.press('g', ...'dynamic', '\r');
    frame = await app.waitFor((f) => f.includes('> dynamic-featu'));
    expect(lines(frame)).toContain("baseline 'kickoff' start 11-02  finish 11-06  actual");
    await app.press('g', ...'analytics', '\r');
    frame = await app.waitFor((f) => f.includes('> analytics-thr'));
    expect(lines(frame).find((l) => l.startsWith("baseline 'kickoff'"))).toMatch(/finish 11-13 -> 11-17 \+2d {2}started, finish projected$/);
  });

  test('the Week view says how the baseline\'s finishes of the week fare', async () => {
    const app = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'week' });
    let frame = await app.waitFor((f) => f.includes("baseline 'kickoff':"));
    expect(lines(frame)[3]).toBe("capacity 15/15 person-days  5 work days  baseline 'kickoff': 1 finish due, 0 done, 1 late (up to +2d)");
    await app.press('[');
    frame = await app.waitFor((f) => f.includes('Week 1 of 6'));
    expect(lines(frame)[3]).toBe("capacity 15/15 person-days  5 work days  baseline 'kickoff': 1 finish due, 1 done");
    await app.press(']', ']');
    frame = await app.waitFor((f) => f.includes('Week 3 of 6'));
    expect(lines(frame)[3]).toContain("baseline 'kickoff': 1 finish due, 0 done, 1 late (up to +5d)");
  });

  test('a re-plan in the TUI updates the marks, and undo puts them back', async () => {
    const app = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap' });
    await app.waitFor((f) => f.includes(END_LINE));
    await app.press('g', ...'cache', '\r', 'p', '\u007F', '6', '\r');
    let frame = await app.waitFor((f) => f.includes('pin cache to week 6') && !f.includes('updating'));
    // Pinned a week later than planned, cache now lands one work day after the baseline's finish
    // (projected); the two it used to follow take its place and slip one more day.
    expect(markOf(frame, 'cache')).toBe('+1d');
    expect(markOf(frame, 'authentication')).toBe('+6d');
    await app.press('u');
    frame = await app.waitFor((f) => f.includes('undid') && !f.includes('updating'));
    expect(markOf(frame, 'cache')).toBe('+5d');
    expect(markOf(frame, 'authentication')).toBe('+5d');
    // A small plan's comparison comes with the change: no frame ever showed it stale or missing.
    expect(app.frames.filter((f) => f.includes('updating') || f.includes('comparing with the baseline'))).toEqual([]);
  });

  test('a tick in the TUI updates the comparison: the late item done today brings the end date back', async () => {
    const mem = memoryJournal('Ana', (await journal()).events as never);
    const effects = { now: () => new Date(`${TODAY}T15:00:00Z`), journal: mem.journal };
    const app = await renderApp(plan, { ...plain, journal: mem.input(), effects, initialView: 'roadmap' });
    await app.waitFor((f) => f.includes(END_LINE));
    await app.press('1', 'g', ...'analytics', '\r', ' ');
    await app.waitFor((f) => f.includes('analytics-thread-safety: done'));
    await app.press('2');
    const frame = await app.waitFor((f) => f.includes("ends 2026-12-11, as in baseline 'kickoff'  · 0 slipped"), 'the end back on its date');
    expect(markOf(frame, 'analytics-thread-safety')).toBe('');
    expect(markOf(frame, 'cache')).toBe('');
  });

  test('the comparison is worked out once per plan and journal, not per frame or key', async () => {
    let calls = 0;
    const engine = { ...coreEngine, baseline: (...args: Parameters<NonNullable<typeof coreEngine.baseline>>) => (calls++, coreEngine.baseline!(...args)) };
    const app = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap', engine });
    await app.waitFor((f) => f.includes(END_LINE));
    expect(calls).toBe(1);
    await app.press('j', 'j', 'j', 'k', ']', '[', '1', 'j', '2', '?', '?');
    await app.waitFor((f) => f.includes('[2 Roadmap]') && f.includes(END_LINE));
    expect(calls).toBe(1);
    await app.press('g', ...'cache', '\r', 'p', '\u007F', '6', '\r');
    await app.waitFor((f) => f.includes('pin cache to week 6') && !f.includes('updating'));
    expect(calls).toBe(2);
  });
});

describe('on an 80x24 terminal', () => {
  test('the summary takes one row and the marks stay inside the label column', async () => {
    const p = examplePlan('codon-migration');
    const mem = memoryJournal('Ana', [
      { type: 'baseline', name: 'kickoff', at: '2026-11-02T08:00:00.000Z', by: 'Ana', data: baselineData(scheduleWithCriticalPath(p)) },
      { type: 'status', target: 'analytics-thread-safety', status: 'doing', at: '2026-11-12T09:00:00.000Z', by: 'Bo' },
    ]);
    const app = await renderApp(p, { env: { NO_COLOR: '1' }, today: TODAY, journal: mem.input(), initialView: 'roadmap' });
    // Laid out at 80 columns (the first frame may be drawn before the resize).
    const frame = await app.waitFor((f) => f.includes('ends 2026-12-28') && lines(f).every((l) => l.length <= 80));
    const rows = lines(frame);
    expect(rows).toHaveLength(23);
    expect(rows[2]).toMatch(/^ends 2026-12-28, 10 work days later than baseline 'kickoff' \(2026-12-11\) {2}· 10 …$/);
    expect(rows[1]).toContain('rows 1-12 of 13');
    expect(rows.at(-1)).toMatch(/^\/ filter {2}enter week {2}left scroll {2}\+3d slip vs baseline/);
    // The week columns start where the heading says, marked or not.
    const column = rows[3]!.indexOf('Week 1');
    const components = rows.filter((l) => /^[>^ ] [a-z]/.test(l));
    expect(components.length).toBeGreaterThan(5);
    for (const l of components) {
      expect(l[column - 1], l).toBe(' ');
      expect(l.slice(0, column - 1), l).toMatch(/ (\+\d+d)$/);
    }
  });
});

describe('roadmap tui --baseline NAME', () => {
  beforeAll(async () => {
    await ok(['baseline', file, 'save', '--name', 'replan', '--from-today', '--today', TODAY, '--at', `${TODAY}T17:00Z`]);
  });

  test('without a name the newest baseline is compared with; a name picks an older one', async () => {
    const newest = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap' });
    const frame = await newest.waitFor((f) => f.includes("ends 2026-12-18, as in baseline 'replan'"));
    expect(markOf(frame, 'cache')).toBe('');
    cleanup();
    const named = await renderApp(plan, { ...plain, journal: await journal(), initialView: 'roadmap', baseline: 'kickoff' });
    expect(markOf(await named.waitFor((f) => f.includes(END_LINE)), 'cache')).toBe('+5d');
  });

  test('the command checks the name: unknown is a usage error naming the saved ones; known runs', async () => {
    const bad = await cli(['tui', file, '--baseline', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no baseline "nope"; saved: kickoff, replan (or "latest")');
    expect(bad.stdout).toBe('');
    for (const name of ['kickoff', 'latest']) {
      const good = await cli(['tui', file, '--baseline', name]);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain('GraphMemory-IDE: Codon Migration');
    }
    expect((await cli(['tui', '--help'])).stdout).toContain('--baseline NAME  compare with this baseline (default: the newest in the journal)');
  });
});

describe('without a baseline', () => {
  test('no summary, no marks, and help says how to save one', async () => {
    const mem = memoryJournal('Ana', [{ type: 'status', at: '2026-11-12T09:00:00.000Z', by: 'Bo', target: 'analytics-thread-safety', status: 'doing' }]);
    const app = await renderApp(plan, { ...plain, journal: mem.input(), initialView: 'roadmap' });
    const frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    expect(lines(frame)[2]!.startsWith('timeline')).toBe(true);
    expect(frame).not.toMatch(/ends \d{4}-/);
    for (const c of plan.components) expect(markOf(frame, c.id), c.id).toBe('');
    expect(frame).not.toContain('slip vs baseline');
    await app.press('?');
    expect(await app.waitFor((f) => f.includes('Marks'))).toContain('vs a baseline: none yet (roadmap baseline save)');
  });

  test('--baseline on a plan without one is a usage error', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'roadmap-tui-nobaseline-'));
    try {
      copyFileSync(path.join(repo, 'plans/codon-migration.yaml'), path.join(fresh, 'plan.yaml'));
      const r = await runCli(['tui', 'plan.yaml', '--baseline', 'kickoff'], { cwd: fresh, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('this plan has no baseline yet; save one with `roadmap baseline save`');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
