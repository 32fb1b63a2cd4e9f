import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import chalk from 'chalk';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { NewJournalEvent, LocatedEvent } from '../../src/core/journal.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { TuiEffects } from '../../src/tui/effects.js';
import { fileEffects } from '../../src/tui/file-effects.js';
import { buildPlan, component, examplePlan } from '../helpers/plan-builder.js';
import { ESCAPE_BYTE, KEY, lines, renderApp, TODAY } from './helpers.js';

afterEach(() => cleanup());

const codon = () => examplePlan('codon-migration');
const plain = { env: { NO_COLOR: '1' } };

describe('views', () => {
  test('opens on the Matrix: components by score with tier, risk, week and a detail pane', async () => {
    const app = await renderApp(codon(), plain);
    const frame = app.frame();
    expect(frame).toContain('[1 Matrix]');
    const rows = lines(frame);
    const first = rows.findIndex((l) => l.startsWith('> dynamic-feature-detection'));
    expect(first).toBeGreaterThan(0);
    expect(rows[first]).toMatch(/dynamic-feature-detection\s+4\.8 critical high\s+high\s+15 1/);
    expect(rows[first + 1]).toMatch(/analytics-thread-safety\s+4\.6 critical/);
    // The detail pane: every criterion's contribution as a bar, and why it landed where it did.
    expect(frame).toContain('score 4.8 critical  0.3x5 + 0.3x5 + 0.2x5 + 0.2x4 = 4.8');
    expect(frame).toMatch(/Compatibility issues\s+w 0\.3\s+raw 5\s+█+/);
    expect(frame).toContain('why: tier critical (4.8) -> phase p1 (weeks 1-2)');
  });

  test('pressing 2 shows the Roadmap: phases, weeks, Gantt bars, capacity and today', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('2');
    const frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    expect(frame).toMatch(/Week 1\s+Week 2\s+Week 3\s+Week 4\s+Week 5\s+Week 6/);
    expect(frame).toContain('p2 High Priority Components  weeks 3-4');
    const row = lines(frame).find((l) => l.includes('performance-monitoring'))!;
    // Week 3 is the bar's only week: six cells filled in the third column.
    expect(row).toMatch(/performance-monitoring\s+██████ │$/);
    expect(frame).toMatch(/capacity used \(person-days\) 15\/15/);
    expect(frame).toContain('│ today 2026-11-23 (week 4)');
  });

  test('pressing 3 shows this week with day ranges, dates and owners; ] and [ change the week', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('3');
    let frame = await app.waitFor((f) => f.includes('Week 4 of 6'));
    expect(frame).toContain('2026-11-23 to 2026-11-29 (this week)');
    expect(lines(frame).find((l) => l.includes('error-middleware'))).toMatch(/Bo\s+Day 3-4\s+11-25\.\.11-26\s+6 todo/);
    await app.press(']');
    frame = await app.waitFor((f) => f.includes('Week 5 of 6'));
    expect(frame).toContain('auth-state');
    await app.press(KEY.left, KEY.left);
    frame = await app.waitFor((f) => f.includes('Week 3 of 6'));
    await app.press('t');
    await app.waitFor((f) => f.includes('Week 4 of 6'));
  });

  test('holidays and freezes show in the Week and Roadmap views, and weeks lose their capacity', async () => {
    const app = await renderApp(examplePlan('crdt-backup-rollout'), { ...plain, today: '2026-12-22' });
    await app.press('3');
    let frame = await app.waitFor((f) => f.includes('Week 3 of 6'));
    expect(frame).toContain('Week 3 of 6  2026-12-21 to 2026-12-27 (this week)  phase high');
    expect(frame).toContain('capacity 4/6 person-days  off: 12-24 Christmas Eve, 12-25 Christmas Day');
    await app.press(']');
    frame = await app.waitFor((f) => f.includes('Week 4 of 6'));
    expect(frame).toContain("capacity 0/0 person-days  off: 01-01 New Year's Day, frozen 12-28..12-31");
    expect(frame).toContain('nothing is scheduled this week');
    await app.press('2');
    frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    expect(frame).toMatch(/12-21! 12-28!/);
    expect(frame).toContain("! W3 12-24 Christmas Eve, W3 12-25 Christmas Day, W4 01-01 New Year's Day");
  });

  test('tab and shift-tab cycle the views', async () => {
    const app = await renderApp(codon(), plain);
    await app.press(KEY.tab);
    await app.waitFor((f) => f.includes('[2 Roadmap]'));
    await app.press(KEY.shiftTab, KEY.shiftTab);
    await app.waitFor((f) => f.includes('[6 Standup]'));
    await app.press(KEY.tab, KEY.tab, KEY.tab);
    await app.waitFor((f) => f.includes('[3 Week]'));
  });

  test('enter on a Roadmap component opens its week in the Week view', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('g', ...'cache', KEY.enter, '2');
    await app.waitFor((f) => f.includes('> cache'));
    await app.press(KEY.enter);
    const frame = await app.waitFor((f) => f.includes('Week 5 of 6'));
    expect(frame).toMatch(/> cache\s+Cache System/);
  });
});

describe('keys', () => {
  test('? shows help generated from the bindings of this view; esc closes it', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('?');
    const frame = await app.waitFor((f) => f.includes('Keys in the Matrix view'));
    expect(frame).toMatch(/1\s+Matrix view/);
    expect(frame).toMatch(/tab\s+next view/);
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('> dynamic-feature-detection'));
  });

  test('re-weighting moves a component and the message line says what moved', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('w');
    await app.waitFor((f) => f.includes('Re-weight the criteria'));
    // The what-if preview says what one step would move before anything changes.
    const before = await app.waitFor((f) => f.includes('compatibility at 4: nothing moves'));
    expect(before).toMatch(/compatibility at 2: performance-monitoring 3 -> 4,[^]*cache 5 -> 6/);
    await app.press('-');
    const frame = await app.waitFor((f) => f.includes('cache: week 5 -> 6'));
    expect(frame).toMatch(/> Compatibility issues\s+2\*\s+3/);
    expect(frame).toContain('weight compatibility 3 -> 2');
    expect(frame).toContain('1 unsaved edit');
    await app.press(KEY.escape, '1');
    await app.waitFor((f) => /cache\s+[\d.]+ \w+\s+\w+\s+\w+\s+3 6 /.test(f));
    await app.press('u');
    await app.waitFor((f) => f.includes('undid weight compatibility 3 -> 2') && !f.includes('unsaved edit'));
    await app.press(KEY.ctrlR);
    await app.waitFor((f) => f.includes('redid weight compatibility 3 -> 2'));
  });

  test('/ filters as you type; esc clears', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('/', ...'stream');
    const frame = await app.waitFor((f) => f.includes('Filter: stream_'));
    expect(frame).toContain('> stream-management');
    expect(frame).not.toContain('dynamic-feature-detection  ');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('filter "stream"'));
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('filter cleared') && f.includes('dynamic-feature-detection'));
  });

  test('p pins the selected component to a week and the timeline follows', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('g', ...'cache', KEY.enter, 'p');
    await app.waitFor((f) => f.includes('Pin cache to week: 5_'));
    await app.press(KEY.backspace, '6', KEY.enter);
    await app.waitFor((f) => f.includes('pin cache to week 6: cache: week 5 -> 6'));
    await app.press('2');
    const frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    expect(frame).toMatch(/cache\*/);
  });

  test('o sorts by the next column and shows it', async () => {
    const app = await renderApp(codon(), plain);
    for (let i = 0; i < 5; i++) await app.press('o');
    const frame = await app.waitFor((f) => f.includes('sort week'));
    const ids = lines(frame).filter((l) => /^[> ] [a-z][\w.-]*\s+[\d.]+ /.test(l)).map((l) => l.slice(2).split(/\s+/)[0]);
    expect(ids.slice(0, 4)).toEqual(['dynamic-feature-detection', 'analytics-thread-safety', 'performance-monitoring', 'error-handling']);
    await app.press('O');
    const reversed = await app.waitFor((f) => f.includes('sort week reversed'));
    // The selection stays on its component, now last, and the list scrolls to keep it in view.
    const rows = lines(reversed).filter((l) => /^[> ] [a-z][\w.-]*\s+[\d.]+ /.test(l));
    expect(rows.at(-1)).toMatch(/^> dynamic-feature-detection/);
    const weeks = rows.map((l) => Number(/ (\d+)\s+todo/.exec(l)![1]));
    expect(weeks).toEqual([...weeks].sort((a, b) => b - a));
  });

  test('esc and a key typed in one burst (what terminals send for Alt) act as esc, then the key', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('w');
    await app.waitFor((f) => f.includes('Re-weight the criteria'));
    await app.press('\u001Bq');
    await app.waitFor(() => app.exited, 'the app to exit');
  });

  test('keys that arrive in one read (fast typing, a multiplexer) act one by one', async () => {
    const app = await renderApp(codon(), plain);
    app.stdin.write('jjj');
    await app.waitFor((f) => f.includes('> error-handling'));
    // A prompt takes the text; enter in the same read submits it; what follows are keys again.
    app.stdin.write('gcache\rp');
    await app.waitFor((f) => f.includes('Pin cache to week: 5_'));
    app.stdin.write('\u007f6\r');
    await app.waitFor((f) => f.includes('pin cache to week 6: cache: week 5 -> 6'));
  });

  test('q quits at once with nothing to save', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('q');
    await app.waitFor(() => app.exited, 'the app to exit');
  });

  test('q with unsaved edits asks; esc stays, y quits without saving', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('w', '+', KEY.escape, 'q');
    const frame = await app.waitFor((f) => f.includes('1 unsaved edit to plans/test.yaml:'));
    expect(frame).toContain('weight compatibility: 3 -> 4');
    // No save capability in this render: no "s save" offered.
    expect(frame).toContain('y quit without saving   esc stay');
    expect(frame).not.toContain('s save and quit');
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('unsaved edit to'));
    expect(app.exited).toBe(false);
    await app.press('q', 'y');
    await app.waitFor(() => app.exited, 'the app to exit');
  });
});

describe('terminal', () => {
  test('fits 80x24: no line wider than the terminal, one line spare', async () => {
    for (const view of ['1', '2', '3']) {
      const app = await renderApp(codon(), plain);
      await app.press(view);
      const frame = app.frame();
      const rows = lines(frame);
      expect(rows.length).toBeLessThanOrEqual(23);
      for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(80);
      app.unmount();
    }
  });

  test('re-lays out on resize, and says so when the terminal is too small', async () => {
    const app = await renderApp(codon(), plain);
    await app.resize(120, 40);
    let frame = await app.waitFor((f) => f.includes('Dynamic Feature Detection System') && lines(f).length > 30);
    expect(lines(frame).length).toBeLessThanOrEqual(39);
    await app.resize(50, 12);
    frame = await app.waitFor((f) => f.includes('Terminal too small (50x12)'));
    expect(frame).toContain('roadmap needs 60x16');
    // Keys still work while too small: quitting with unsaved edits asks there too.
    await app.press('w', '+', KEY.escape, 'q');
    await app.waitFor((f) => f.includes('edits unsaved: y quits anyway'));
    await app.resize(80, 24);
    await app.waitFor((f) => f.includes('1 unsaved edit to plans/test.yaml'));
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('[1 Matrix]'));
  });

  test('10,000 components: only the visible rows are drawn, End reaches the last', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      component(`c${String(i).padStart(5, '0')}`, { effort: 1, scores: { value: 1 + (i % 5) } }),
    );
    const app = await renderApp(buildPlan({ team: { capacity_per_week: 500 }, components: many }), plain);
    let frame = app.frame();
    expect(frame).toContain('rows 1-8 of 10000');
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    await app.press(KEY.end);
    frame = await app.waitFor((f) => f.includes('rows 9993-10000 of 10000'));
    expect(frame).toMatch(/> c0\d{4}/);
    expect(lines(frame).length).toBeLessThanOrEqual(23);
  });
});

describe('untrusted text', () => {
  const hostile = () =>
    buildPlan({
      project: 'Evil\u001B]0;pwned\u0007 project',
      title: 'Title \u001B[2J\u001B[31mred',
      components: [
        component('a', {
          title: 'Link \u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\ here',
          group: 'bidi \u202Eevil\u202C group',
          owner: 'Mallory\u001B[5m',
          tasks: [{ id: 't1', title: 'Task \u009B31m with C1 and \u2066isolate\u2069', effort: 2, owner: 'Eve\u0007' }],
          risk: { level: 'high', description: 'desc \u001B[1m bold', mitigation: 'mit \u001Bc reset' },
        }),
        component('b', { title: 'Plain', effort: 3 }),
      ],
    });

  test('NO_COLOR frames carry no escape at all, in every view and overlay', async () => {
    const app = await renderApp(hostile(), plain);
    const frames: string[] = [app.frame()];
    for (const keys of [['2'], ['3'], ['?'], [KEY.escape, 'w'], [KEY.escape, '1', '/', 'x']]) {
      await app.press(...keys);
      frames.push(app.frame());
    }
    for (const f of frames) {
      expect(f).not.toMatch(ESCAPE_BYTE);
      expect(f).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0007]/);
    }
    expect(frames[0]).toContain('Link click here');
    expect(frames[0]).toContain('Evil project');
  });

  test('metrics, risks, rollback rules, the banner and the standup report carry no plan escapes either', async () => {
    const plan = buildPlan({
      project: 'Evil\u001B]0;pwned\u0007 project',
      team: { capacity_per_week: 5, members: [{ name: 'Mal\u001B[2Jlory' }] },
      components: [
        component('a', {
          title: 'Link \u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\ here',
          owner: 'Mal\u001B[2Jlory',
          rollback: ['r1'],
          risk: { level: 'high', description: 'desc \u001B[1m bold', mitigation: 'mit \u001Bc reset', monitoring: 'mon \u202Eevil' },
          tasks: [{ id: 't1', title: 'Task \u009B31m C1', effort: 2, owner: 'Mal\u001B[2Jlory' }],
          success: [{ text: 'fast \u001B]0;x\u0007', metric: 'm1' }],
        }),
      ],
      metrics: [{ id: 'm1', name: 'Speed \u001B[31mred', category: 'perf\u202Eormance', unit: '\u001B[2J%', target: '< 1', rollback: 'r1', description: 'd \u0007' }],
      rollback: [{ id: 'r1', title: 'Roll \u001B]0;t\u0007 back', detection: 'det \u001B[5m', deadlines: { assess: '15m', decide: '30m', execute: '1h' }, triggers: [{ metric: 'm1', condition: '> 2' }], steps: ['step \u001B[2J'] }],
    });
    const journal = { events: [{ v: 1, seq: 1, type: 'measure', at: `${TODAY}T09:00:00.000Z`, by: 'Eve\u001B[2J', metric: 'm1', value: 5, note: 'n \u0007' } as LocatedEvent], problems: [] };
    const app = await renderApp(plan, { ...plain, columns: 120, rows: 40, journal });
    const frames: string[] = [app.frame()];
    for (const keys of [['4'], ['5'], [KEY.end], ['6'], [KEY.enter], ['e'], [KEY.pageDown]]) {
      await app.press(...keys);
      frames.push(app.frame());
    }
    expect(frames[0]).toContain('ROLLBACK r1 FIRING');
    expect(frames.at(-2)).toContain('Standup report');
    for (const f of frames) {
      expect(f).not.toMatch(ESCAPE_BYTE);
      expect(f).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0007]/);
    }
  });

  test('with colour, the only escapes are ink styling (SGR), never OSC links, titles or screen clears', async () => {
    // Test output is not a terminal, so chalk (ink's styling) would colour nothing: make it colour.
    const level = chalk.level;
    chalk.level = 3;
    onTestFinished(() => {
      chalk.level = level;
    });
    const app = await renderApp(hostile(), { env: {} });
    const frames: string[] = [app.frame()];
    for (const keys of [['2'], ['3'], ['?']]) {
      await app.press(...keys);
      frames.push(app.frame());
    }
    for (const f of frames) {
      const withoutSgr = f.replace(/\u001B\[[0-9;]*m/g, '');
      expect(withoutSgr).not.toMatch(ESCAPE_BYTE);
    }
    expect(frames[0]).toMatch(/\u001B\[/);
  });
});

describe('journal keys', () => {
  function memoryJournal(): { effects: TuiEffects; written: NewJournalEvent[] } {
    const written: NewJournalEvent[] = [];
    const effects: TuiEffects = {
      now: () => new Date(`${TODAY}T09:30:00Z`),
      journal: {
        author: 'Ana',
        append: async (e) => {
          written.push(e);
        },
        read: async () => ({ events: written.map((e, i) => ({ ...e, v: 1, seq: i + 1 }) as LocatedEvent), problems: [] }),
      },
    };
    return { effects, written };
  }

  test('space cycles the selected task through todo, doing, done and records each step', async () => {
    const { effects, written } = memoryJournal();
    const app = await renderApp(codon(), { ...plain, effects });
    await app.press('3', KEY.down);
    await app.waitFor((f) => /> {3}error-handler-safety/.test(f));
    await app.press(' ');
    await app.waitFor((f) => f.includes('error-handler-safety: doing'));
    await app.press(' ');
    const frame = await app.waitFor((f) => f.includes('error-handler-safety: done'));
    expect(lines(frame).find((l) => l.includes('> ') && l.includes('error-handler-safety'))).toMatch(/done$/);
    expect(written).toEqual([
      { type: 'status', at: '2026-11-23T09:30:00.000Z', by: 'Ana', target: 'error-handler-safety', status: 'doing' },
      { type: 'status', at: '2026-11-23T09:30:00.000Z', by: 'Ana', target: 'error-handler-safety', status: 'done' },
    ]);
  });

  test('b blocks with a note and n adds a note; the Matrix shows the component blocked', async () => {
    const { effects, written } = memoryJournal();
    const app = await renderApp(codon(), { ...plain, effects });
    await app.press('3', KEY.down, 'b');
    await app.waitFor((f) => f.includes('Blocked because (error-handler-safety): _'));
    await app.press(...'waiting on infra', KEY.enter);
    await app.waitFor((f) => f.includes('error-handler-safety: blocked (waiting on infra)'));
    await app.press('n', KEY.enter);
    await app.waitFor((f) => f.includes('type the note, or esc to cancel'));
    await app.press(...'asked Dara', KEY.enter);
    await app.waitFor((f) => f.includes('note added to error-handler-safety'));
    expect(written.map((e) => e.type)).toEqual(['status', 'note']);
    expect(written[0]).toMatchObject({ status: 'blocked', note: 'waiting on infra' });
    expect(written[1]).toMatchObject({ target: 'error-handler-safety', text: 'asked Dara' });
    await app.press('1');
    await app.waitFor((f) => /error-handling .* blocked/.test(f));
  });

  test('status shows wherever it means something: the Week summary, the Roadmap per week, the Matrix column', async () => {
    const { effects } = memoryJournal();
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40, effects });
    await app.press('3', KEY.down, ' ');
    await app.waitFor((f) => f.includes('error-handler-safety: doing'));
    await app.press(' ');
    let frame = await app.waitFor((f) => f.includes('error-handler-safety: done'));
    expect(frame).toContain('Week 4 of 6  2026-11-23 to 2026-11-29 (this week)  phase p2  40% done (6/15 person-days)');
    await app.press('2');
    frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    expect(frame).toMatch(/work done \(journal\)\s+0%\s+0%\s+0%\s+40%\s+0%\s+0%/);
    await app.press('1');
    frame = await app.waitFor((f) => f.includes('[1 Matrix]'));
    expect(lines(frame).find((l) => l.includes('error-handling '))).toMatch(/doing 40%/);
  });

  test('? lists the keys of the step the standup is in', async () => {
    const { effects } = memoryJournal();
    const app = await renderApp(codon(), { ...plain, columns: 120, rows: 40, effects });
    await app.press('6', '?');
    let frame = await app.waitFor((f) => f.includes('Keys in the Standup view'));
    expect(frame).toMatch(/enter\s+start the round/);
    expect(frame).not.toContain('what got done');
    await app.press(KEY.escape, KEY.enter, '?');
    frame = await app.waitFor((f) => f.includes('Keys in the Standup view') && f.includes('what got done'));
    expect(frame).toMatch(/space\s+what got done: mark the task done/);
    expect(frame).toMatch(/enter \/ right\s+next \(after the last one, the report\)/);
    expect(frame).not.toContain('write the report to a file');
  });

  test('without a journal the status keys are absent from the hints and do nothing', async () => {
    const app = await renderApp(codon(), plain);
    await app.press('3');
    const frame = await app.waitFor((f) => f.includes('Week 4 of 6'));
    expect(frame).not.toContain('space status');
    await app.press(KEY.down, ' ');
    expect(app.frame()).not.toContain(': doing');
  });
});

describe('saving', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function onTempCopy() {
    dir = mkdtempSync(path.join(tmpdir(), 'roadmap-app-'));
    const file = path.join(dir, 'plan.yaml');
    copyFileSync(path.resolve('plans/codon-migration.yaml'), file);
    const loaded = await loadPlan(file);
    const effects = fileEffects({ file, displayName: 'plan.yaml', display: (f) => f, now: () => new Date() });
    const app = await renderApp(loaded.plan!, { ...plain, effects, hash: loaded.hash, fileLabel: 'plan.yaml' });
    return { app, file };
  }

  test('s writes pending edits into the plan file and leaves nothing unsaved', async () => {
    const { app, file } = await onTempCopy();
    await app.press('w', '-', KEY.escape);
    await app.waitFor((f) => f.includes('1 unsaved edit'));
    await app.press('s');
    const frame = await app.waitFor((f) => f.includes('saved 1 edit to plan.yaml'));
    expect(frame).not.toContain('unsaved edit');
    expect(readFileSync(file, 'utf8')).toContain('{ id: compatibility, name: Compatibility issues, weight: 2 }');
    // The saved schedule is what the app now shows.
    await app.press('g', ...'cache', KEY.enter);
    await app.waitFor((f) => /> cache\s+3\.1 medium\s+low\s+low\s+3 6 /.test(f));
  });

  test('a plan changed on disk is not overwritten: reload and re-apply, then save', async () => {
    const { app, file } = await onTempCopy();
    appendFileSync(file, '# a teammate was here\n');
    await app.press('w', '-', KEY.escape, 's');
    let frame = await app.waitFor((f) => f.includes('changed on disk since roadmap loaded it'));
    expect(frame).toContain('weight compatibility: 3 -> 2');
    expect(readFileSync(file, 'utf8')).toContain('{ id: compatibility, name: Compatibility issues, weight: 3 }');
    await app.press('r');
    frame = await app.waitFor((f) => f.includes('reloaded; your edits are re-applied'));
    expect(frame).toContain('1 unsaved edit');
    await app.press('s');
    await app.waitFor((f) => f.includes('saved 1 edit to plan.yaml'));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# a teammate was here');
    expect(text).toContain('{ id: compatibility, name: Compatibility issues, weight: 2 }');
  });

  test('quit with unsaved edits offers to save first', async () => {
    const { app, file } = await onTempCopy();
    await app.press('w', '+', KEY.escape, 'q');
    await app.waitFor((f) => f.includes('s save and quit'));
    await app.press('s');
    await app.waitFor(() => app.exited, 'the app to exit');
    expect(readFileSync(file, 'utf8')).toContain('weight: 4 }');
  });
});
