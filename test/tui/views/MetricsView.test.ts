import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { fileEffects } from '../../../src/tui/file-effects.js';
import { examplePlan } from '../../helpers/plan-builder.js';
import { fakeClock, KEY, lines, memoryJournal, renderApp, tempPlanCopy, TODAY } from '../helpers.js';

afterEach(() => cleanup());

const plain = { env: { NO_COLOR: '1' } };
const codon = () => examplePlan('codon-migration');
const rowOf = (frame: string, id: string) => lines(frame).find((l) => l.slice(2).startsWith(`${id} `)) ?? '';

describe('Metrics view', () => {
  test('lists every metric by category; never-measured metrics say UNVERIFIED', async () => {
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40 });
    await app.press('4');
    const frame = await app.waitFor((f) => f.includes('[4 Metrics]'));
    expect(frame).toMatch(/metric\s+target\s+latest\s+trend\s+state\s+evidence/);
    expect(frame).toContain('performance (5)');
    expect(frame).toContain('quality (4)');
    expect(frame).toContain('business (1)');
    expect(rowOf(frame, 'analytics-speedup')).toMatch(/analytics-speedup\s+>= 100\s+-\s+! UNVERIFIED -/);
    expect(frame).toContain('0 met, 0 not met, 0 breached, 10 unverified');
    // The detail pane says why unverified is not "fine so far".
    expect(frame).toContain('never measured: not met until a measurement says so (m records one)');
    expect(frame).toContain('judges: dynamic-feature-detection: Performance benchmarks show improvement');
  });

  test('latest value, trend, state and evidence come from the journal', async () => {
    const { journal, input } = memoryJournal('Ana', [
      { type: 'measure', at: '2026-11-18T09:00:00.000Z', by: 'Bo', metric: 'analytics-speedup', value: 12 },
      { type: 'measure', at: '2026-11-19T09:00:00.000Z', by: 'Bo', metric: 'analytics-speedup', value: 40, evidence: { path: 'bench/a.json', sha256: 'a'.repeat(64) } },
      { type: 'measure', at: '2026-11-20T09:00:00.000Z', by: 'Bo', metric: 'analytics-speedup', value: 120, evidence: { path: 'bench/b.json', sha256: 'b'.repeat(64) } },
      { type: 'measure', at: '2026-11-20T09:00:00.000Z', by: 'Bo', metric: 'test-coverage', value: 80 },
    ]);
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40, journal: input(), effects: { now: () => new Date(`${TODAY}T10:00:00Z`), journal } });
    await app.press('4');
    const frame = await app.waitFor((f) => f.includes('[4 Metrics]'));
    expect(rowOf(frame, 'analytics-speedup')).toMatch(/>= 100\s+120 x ▁▃█\s+met\s+bench\/b\.json$/);
    // Below its breach line (< 85): breached, and a typed-in value is named as such.
    expect(rowOf(frame, 'test-coverage')).toMatch(/> 95\s+80 %\s+▄\s+BREACHED\s+typed in$/);
    expect(frame).toContain('1 met, 0 not met, 1 breached, 8 unverified');
    expect(frame).toContain('latest 120 x  2026-11-20 09:00 UTC by Bo (manual)  up, towards the target');
    expect(frame).toContain('evidence: bench/b.json  sha256 bbbbbbbbbbbb...');
    expect(frame).toContain('trend ▁▃█  11-18 12 x, 11-19 40 x, 11-20 120 x');
  });

  test('/ filters metrics by id, name or category', async () => {
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40 });
    await app.press('4', '/', ...'business', KEY.enter);
    const frame = await app.waitFor((f) => f.includes('filter "business"'));
    expect(frame).toContain('> cost-savings');
    expect(frame).not.toContain('analytics-speedup ');
  });

  describe('m records a measurement, checked as `roadmap metric` checks it', () => {
    let done: (() => void) | undefined;
    afterEach(() => done?.());

    async function open() {
      const copy = await tempPlanCopy();
      done = copy.cleanup;
      const clock = fakeClock(`${TODAY}T10:00:00Z`);
      const effects = fileEffects({ file: copy.file, displayName: 'plan.yaml', display: (f) => path.relative(copy.dir, f), author: 'Ana', cwd: copy.dir, now: clock.now });
      const app = await renderApp(copy.plan, { ...plain, columns: 120, rows: 40, effects, hash: copy.hash });
      await app.press('4');
      await app.waitFor((f) => f.includes('> analytics-speedup'));
      return { app, ...copy };
    }

    const journalLines = (dir: string) =>
      readdirSync(path.join(dir, 'plan.journal')).flatMap((f) => readFileSync(path.join(dir, 'plan.journal', f), 'utf8').trim().split('\n'));

    test('a value that is not a plain number is refused and nothing is written', async () => {
      const { app, dir } = await open();
      await app.press('m');
      await app.waitFor((f) => f.includes('Value of analytics-speedup (x): _'));
      await app.press(...'42x', KEY.enter);
      await app.waitFor((f) => f.includes('the value "42x" is not a number; write it plainly'));
      await app.press(KEY.escape);
      await app.waitFor((f) => !f.includes('Value of'));
      expect(() => journalLines(dir)).toThrow();
    });

    test('a missing evidence file is refused; an existing one is recorded with its sha256', async () => {
      const { app, dir } = await open();
      writeFileSync(path.join(dir, 'bench.json'), '{"speedup": 42}\n');
      await app.press('m', ...'42', KEY.enter);
      await app.waitFor((f) => f.includes('Evidence file or URL (optional) for analytics-speedup = 42: _'));
      await app.press(...'missing.json', KEY.enter);
      await app.waitFor((f) => f.includes('evidence file not found: missing.json'));
      for (let i = 0; i < 'missing.json'.length; i++) await app.press(KEY.backspace);
      await app.press(...'bench.json', KEY.enter);
      const frame = await app.waitFor((f) => f.includes('recorded: analytics-speedup = 42 x (target >= 100): not met'));
      expect(rowOf(frame, 'analytics-speedup')).toMatch(/42 x ▄\s+not met\s+bench\.json$/);
      const events = journalLines(dir).map((l) => JSON.parse(l));
      expect(events).toEqual([
        expect.objectContaining({
          type: 'measure',
          by: 'Ana',
          at: '2026-11-23T10:00:00.000Z',
          metric: 'analytics-speedup',
          value: 42,
          evidence: { path: 'bench.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        }),
      ]);
    });

    test('no evidence is allowed (a typed-in value), and a breach shows at once', async () => {
      const { app } = await open();
      await app.press('/', ...'test-cov', KEY.enter, 'm', ...'80', KEY.enter, KEY.enter);
      const frame = await app.waitFor((f) => f.includes('recorded: test-coverage = 80 % (target > 95): BREACHED'));
      expect(rowOf(frame, 'test-coverage')).toMatch(/BREACHED\s+typed in$/);
    });
  });

  test('without a journal author, m is neither offered nor bound', async () => {
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40 });
    await app.press('4');
    const frame = await app.waitFor((f) => f.includes('[4 Metrics]'));
    expect(frame).not.toContain('m measure');
    await app.press('m');
    expect(app.frame()).not.toContain('Value of');
  });
});
