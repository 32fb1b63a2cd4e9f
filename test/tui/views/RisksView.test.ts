import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { NewJournalEvent } from '../../../src/core/journal.js';
import { examplePlan } from '../../helpers/plan-builder.js';
import { fakeClock, KEY, lines, memoryJournal, renderApp, TODAY } from '../helpers.js';

afterEach(() => cleanup());

const plain = { env: { NO_COLOR: '1' } };
const codon = () => examplePlan('codon-migration');
const FIRED_AT = `${TODAY}T10:00:00.000Z`;
const errorRate = (value: number, at = FIRED_AT): NewJournalEvent => ({ type: 'measure', at, by: 'Dara', metric: 'error-rate', value });

/** The app on a journal where `events` happened, its clock at `now`, countdowns re-read every 5 ms. */
async function openWith(events: NewJournalEvent[], now: string, size = { columns: 120, rows: 40 }) {
  const clock = fakeClock(now);
  const mem = memoryJournal('Ana', events);
  const app = await renderApp(codon(), { ...plain, ...size, journal: mem.input(), effects: { now: clock.now, journal: mem.journal }, clockTickMs: 5 });
  return { app, clock, mem };
}

describe('Risks view', () => {
  test('the risk register: components by risk level with mitigation, then the rollback rules', async () => {
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40 });
    await app.press('5');
    const frame = await app.waitFor((f) => f.includes('[5 Risks]'));
    const rows = lines(frame);
    const at = (text: string) => rows.findIndex((l) => l.includes(text));
    expect(at('High risk (2)')).toBeLessThan(at('Medium risk (2)'));
    expect(at('Medium risk (2)')).toBeLessThan(at('Low risk (6)'));
    expect(at('Low risk (6)')).toBeLessThan(at('Rollback rules (3)'));
    expect(rows[at('dynamic-feature-detection')]).toMatch(/dynamic-feature-detection\s+wk 1\s+-\s+todo late\s+Gradual migration with rollback capability/);
    expect(rows[at('  immediate')]).toMatch(/immediate\s+clear\s+abort\s+15m\/30m\/1h {2}3 components, weeks 1,2,4 {2}Immediate Rollback/);
    // The detail pane: the selected component's risk in full.
    expect(frame).toContain('mitigation: Gradual migration with rollback capability');
    expect(frame).toMatch(/monitoring: /);
    expect(frame).toContain('rollback: immediate (clear)');
  });

  test('a rule in detail: triggers, deadlines, what it guards, its steps', async () => {
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40 });
    await app.press('5', KEY.end);
    const frame = await app.waitFor((f) => f.includes('> gradual'));
    expect(frame).toContain('triggers: test-coverage < 90 (2 in a row)');
    expect(frame).toContain('fires on a breach of: test-coverage (UNVERIFIED)');
    expect(frame).toContain('deadlines: assess 4h, decide 8h, execute 24h after it fires');
    expect(frame).toMatch(/guards: phases p3; components error-handling, authentication, .*; weeks 4, 5, 6/);
    expect(frame).toContain('steps: 1. Quality analysis 2. Rollback decision 3. Revert component by component');
  });

  test('no banner while nothing fires', async () => {
    const { app } = await openWith([errorRate(0.05)], `${TODAY}T10:05:00Z`);
    expect(app.frame()).not.toContain('ROLLBACK');
    expect(lines(app.frame())[1]).toContain('[1 Matrix]');
  });
});

describe('the fired-rollback banner', () => {
  test('tops every view, counting down from when the rule fired on the injected clock', async () => {
    const { app, clock } = await openWith([errorRate(1.4)], `${TODAY}T10:05:00Z`);
    const banner = 'ROLLBACK immediate FIRING (abort) |';
    let frame = await app.waitFor((f) => f.includes('assess in 10m 00s'));
    expect(lines(frame)[1]).toBe(`${banner} assess in 10m 00s | decide in 25m 00s | execute in 55m 00s | error-rate 1.4 % > 1`);
    for (const key of ['2', '3', '4', '5', '6', '?']) {
      await app.press(key);
      frame = await app.waitFor((f) => (key === '?' ? f.includes('Keys in the') : f.includes(`[${key} `)));
      expect(lines(frame)[1], `view ${key}`).toContain(banner);
    }
    await app.press(KEY.escape);
    // Time passes: the countdown follows the clock, and a passed deadline says OVERDUE.
    clock.advance(20 * 60_000);
    frame = await app.waitFor((f) => f.includes('assess OVERDUE 10m 00s'));
    expect(lines(frame)[1]).toContain('| assess OVERDUE 10m 00s | decide in 5m 00s | execute in 35m 00s |');
    clock.advance(60 * 60_000);
    frame = await app.waitFor((f) => f.includes('execute OVERDUE 25m 00s'));
    expect(lines(frame)[1]).toBe(`${banner} assess OVERDUE 1h 10m | decide OVERDUE 55m 00s | execute OVERDUE 25m 00s | error-ra…`);
  });

  test('the Risks view shows the firing rule with its countdown and what to run when done', async () => {
    const { app } = await openWith([errorRate(1.4)], `${TODAY}T10:00:30Z`);
    await app.press('5', '/', ...'immediate', KEY.enter);
    const frame = await app.waitFor((f) => f.includes('> immediate'));
    expect(frame).toMatch(/> immediate\s+FIRING\s+abort/);
    expect(frame).toContain('fired 2026-11-23 10:00 UTC: error-rate 1.4 % > 1');
    expect(frame).toContain('assess in 14m 30s  decide in 29m 30s  execute in 59m 30s');
    expect(frame).toContain('when done: roadmap track immediate rolled-back --note "..."');
  });

  test('a measurement that makes a rule fire brings the banner up at once; a recovery takes it down', async () => {
    const { app, mem } = await openWith([], `${TODAY}T10:00:00Z`);
    expect(app.frame()).not.toContain('ROLLBACK');
    // What the metric key writes, as if recorded from another terminal and the journal re-read.
    mem.written.push(errorRate(2.5));
    await app.press('3', KEY.down, ' ');
    let frame = await app.waitFor((f) => f.includes('ROLLBACK immediate FIRING'));
    expect(frame).toContain('FIRING (abort) | assess in 15m 00s | decide in 30m 00s | execute in 1h 00m | error-rate 2.5 % > 1');
    mem.written.push(errorRate(0.05, `${TODAY}T10:30:00.000Z`));
    await app.press(' ');
    frame = await app.waitFor((f) => !f.includes('ROLLBACK'));
    expect(lines(frame)[1]).toContain('[3 Week]');
  });

  test('more rules firing than the banner holds are summed up on its last line', async () => {
    const events: NewJournalEvent[] = [
      errorRate(1.4),
      { type: 'measure', at: FIRED_AT, by: 'Eli', metric: 'test-coverage', value: 80 },
      { type: 'measure', at: FIRED_AT, by: 'Eli', metric: 'memory-growth', value: 9 },
    ];
    const { app } = await openWith(events, `${TODAY}T10:01:00Z`, { columns: 160, rows: 40 });
    const frame = await app.waitFor((f) => f.includes('more rules FIRING'));
    const top = lines(frame).slice(1, 3);
    expect(top[0]).toMatch(/^ROLLBACK \w+ FIRING/);
    expect(top[1]).toMatch(/^ROLLBACK 2 more rules FIRING: \w+, \w+ \(the Risks view has their deadlines\)$/);
    expect(lines(frame)[3]).toContain('[1 Matrix]');
  });

  test('at 80x24 the banner still leaves every line inside the terminal', async () => {
    const { app } = await openWith([errorRate(1.4)], `${TODAY}T10:05:00Z`, { columns: 80, rows: 24 });
    for (const key of ['1', '2', '3', '4', '5', '6']) {
      await app.press(key);
      const frame = await app.waitFor((f) => f.includes(`[${key} `) || f.includes(`[${key}]`));
      const rows = lines(frame);
      expect(rows.length, `view ${key}`).toBeLessThanOrEqual(23);
      // Narrow: the countdown is written tighter so all three deadlines show.
      expect(rows[1]).toMatch(/^ROLLBACK immediate FIRING \(abort\) assess 10m00s decide 25m00s execute 55m00s \| /);
      for (const l of rows) expect(l.length, `view ${key}: ${l}`).toBeLessThanOrEqual(80);
    }
  });
});
