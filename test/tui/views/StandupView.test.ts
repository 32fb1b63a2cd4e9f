import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { TuiEffects } from '../../../src/tui/effects.js';
import { fileEffects } from '../../../src/tui/file-effects.js';
import { runCli } from '../../helpers/cli.js';
import { fakeClock, KEY, lines, renderApp, tempPlanCopy, TODAY } from '../helpers.js';

afterEach(() => cleanup());

const plain = { env: { NO_COLOR: '1' } };
let done: (() => void) | undefined;
afterEach(() => {
  done?.();
  done = undefined;
});

/** The app on a temp copy of the codon plan with real journal files; the clock at 10:00 on TODAY. */
async function open(opts: { journal?: string[]; clipboard?: string[] } = {}) {
  const copy = await tempPlanCopy();
  done = copy.cleanup;
  if (opts.journal) {
    mkdirSync(path.join(copy.dir, 'plan.journal'));
    writeFileSync(path.join(copy.dir, 'plan.journal', 'bo.jsonl'), opts.journal.map((l) => `${l}\n`).join(''));
  }
  const clock = fakeClock(`${TODAY}T10:00:00Z`);
  const base = fileEffects({ file: copy.file, displayName: 'plan.yaml', display: (f) => path.relative(copy.dir, f), author: 'Fay', cwd: copy.dir, now: clock.now });
  const copied = opts.clipboard;
  const effects: TuiEffects = copied
    ? {
        ...base,
        clipboard: (text) => {
          copied.push(text);
          return { ok: true };
        },
      }
    : base;
  const journal = await base.journal!.read();
  const app = await renderApp(copy.plan, { ...plain, columns: 120, rows: 40, effects, journal, hash: copy.hash, fileLabel: 'plan.yaml' });
  await app.press('6');
  await app.waitFor((f) => f.includes('[6 Standup]'));
  return { app, clock, ...copy };
}

const events = (dir: string) =>
  readdirSync(path.join(dir, 'plan.journal')).flatMap((f) =>
    readFileSync(path.join(dir, 'plan.journal', f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );

describe('Standup view', () => {
  test('the intro says who the round goes through, what it asks, and the window', async () => {
    const { app } = await open();
    let frame = app.frame();
    expect(frame).toContain('Standup for Monday 23 November 2026  (week 4 of 6)');
    expect(frame).toContain('Covers the journal since the previous work day, Fri 20 Nov, until now.');
    expect(frame).toContain('Going round by person: Ana, Bo, Chen, Dara, Eli, Fay');
    expect(frame).toContain('1. What got done?   space marks the selected task done');
    expect(frame).toContain('2. What is next?    n adds a note to the task');
    expect(frame).toContain('3. Any blockers?    b marks the task blocked, with a note');
    await app.press('t');
    frame = await app.waitFor((f) => f.includes('Going round by task in progress'));
    expect(frame).toContain('by task in progress: none is in progress');
  });

  test('a round by person: done, next and blockers are journal events the moment they are said', async () => {
    const { app, dir } = await open();
    await app.press(KEY.enter);
    let frame = await app.waitFor((f) => f.includes('Ana  (1 of 6)'));
    // Ana's open work: late first, then this week's.
    const rows = lines(frame).filter((l) => /^[> ] \S/.test(l) && /\d\d-\d\d/.test(l));
    expect(rows.map((l) => l.slice(2).split(/\s+/)[0])).toEqual(['plugin-registry', 'health-monitor-safety', 'ai-optimizer', 'error-handler-safety']);
    expect(frame).toMatch(/> plugin-registry {2}Plugin System Refactoring\s+todo late 20d\s+11-02\.\.11-03/);
    await app.press(' ');
    frame = await app.waitFor((f) => f.includes('plugin-registry: done'));
    // Done work stays in the list (at the end), so a slip of the finger can be put back.
    expect(frame).toMatch(/> plugin-registry .* done /);
    await app.press(KEY.up, 'n', ...'pair with Bo on the registry', KEY.enter);
    await app.waitFor((f) => f.includes('note added to error-handler-safety'));
    await app.press(KEY.up, 'b', ...'waiting on CI runners', KEY.enter);
    frame = await app.waitFor((f) => f.includes('ai-optimizer: blocked (waiting on CI runners)'));
    expect(frame).toMatch(/> ai-optimizer .* blocked late 6d .* waiting on CI runners/);
    await app.press(KEY.enter);
    frame = await app.waitFor((f) => f.includes('Bo  (2 of 6)'));
    expect(events(dir)).toEqual([
      expect.objectContaining({ type: 'status', by: 'Fay', target: 'plugin-registry', status: 'done', at: '2026-11-23T10:00:00.000Z' }),
      expect.objectContaining({ type: 'note', by: 'Fay', target: 'error-handler-safety', text: 'next: pair with Bo on the registry' }),
      expect.objectContaining({ type: 'status', by: 'Fay', target: 'ai-optimizer', status: 'blocked', note: 'waiting on CI runners' }),
    ]);
    // left goes back; the list there shows what was recorded.
    await app.press(KEY.left);
    frame = await app.waitFor((f) => f.includes('Ana  (1 of 6)'));
    expect(frame).toContain('3 open tasks');
  });

  test('after the last person comes the report: the Markdown `roadmap standup --format md` writes', async () => {
    const { app, clock, dir, file } = await open();
    await app.press(KEY.enter, ' ');
    await app.waitFor((f) => f.includes('plugin-registry: done'));
    clock.advance(5 * 60_000);
    for (let i = 0; i < 6; i++) await app.press(KEY.enter);
    const frame = await app.waitFor((f) => f.includes('Standup report'));
    expect(frame).toContain('# Standup: Codon Migration, Monday 23 November 2026');
    expect(frame).toContain('## Done since last (1)');
    expect(frame).toMatch(/lines 1-\d+ of \d+/);
    await app.press('f');
    await app.waitFor((f) => f.includes('Write the report to: standup-2026-11-23.md_'));
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('wrote the standup to standup-2026-11-23.md'));
    const written = readFileSync(path.join(dir, 'standup-2026-11-23.md'), 'utf8');
    const cli = await runCli(['standup', file, '--format', 'md', '--today', TODAY, '--now', '2026-11-23T10:05:00Z'], { cwd: dir });
    expect(cli.code).toBe(0);
    expect(written).toBe(cli.stdout);
  });

  test('the report scrolls, goes to a file (replacing one only when asked twice), to the clipboard, and into the journal once', async () => {
    const copied: string[] = [];
    const { app, dir } = await open({ clipboard: copied });
    await app.press('e');
    let frame = await app.waitFor((f) => f.includes('Standup report'));
    const total = Number(/lines 1-\d+ of (\d+)/.exec(frame)![1]);
    await app.press(KEY.end);
    frame = await app.waitFor((f) => new RegExp(`lines \\d+-${total} of ${total}`).test(f));
    writeFileSync(path.join(dir, 'today.md'), 'keep me\n');
    await app.press('f', ...Array(21).fill(KEY.backspace), ...'today.md', KEY.enter);
    await app.waitFor((f) => f.includes('today.md exists: enter again replaces it'));
    expect(readFileSync(path.join(dir, 'today.md'), 'utf8')).toBe('keep me\n');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('wrote the standup to today.md'));
    expect(readFileSync(path.join(dir, 'today.md'), 'utf8')).toMatch(/^# Standup: Codon Migration/);
    await app.press('y');
    await app.waitFor((f) => f.includes('copied the standup to the clipboard (OSC 52)'));
    expect(copied).toHaveLength(1);
    expect(copied[0]).toBe(readFileSync(path.join(dir, 'today.md'), 'utf8'));
    await app.press('r');
    await app.waitFor((f) => f.includes('recorded the standup in the journal as Fay'));
    frame = await app.waitFor((f) => f.includes('recorded in the journal at 10:00 UTC'));
    await app.press('r');
    await app.waitFor((f) => f.includes('already recorded at 10:00 UTC'));
    const standups = events(dir).filter((e) => e.type === 'standup');
    expect(standups).toEqual([
      expect.objectContaining({
        by: 'Fay',
        data: expect.objectContaining({ since: '2026-11-20', today: TODAY, by: 'all', counts: expect.objectContaining({ blockers: 0 }) }),
      }),
    ]);
  });

  test('a path the output checks refuse is not written to', async () => {
    const { app, dir } = await open();
    writeFileSync(path.join(dir, 'target.md'), 'not yours\n');
    symlinkSync(path.join(dir, 'target.md'), path.join(dir, 'link.md'));
    await app.press('e', 'f', ...Array(21).fill(KEY.backspace), ...'link.md', KEY.enter);
    await app.waitFor((f) => f.includes('is a symbolic link to'));
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('is a symbolic link to'));
    expect(readFileSync(path.join(dir, 'target.md'), 'utf8')).toBe('not yours\n');
  });

  test('by task in progress: one step per task that is doing or blocked', async () => {
    const journal = [
      JSON.stringify({ v: 1, seq: 1, at: '2026-11-23T08:00:00.000Z', by: 'Bo', type: 'status', target: 'error-middleware', status: 'doing' }),
      JSON.stringify({ v: 1, seq: 2, at: '2026-11-23T08:01:00.000Z', by: 'Bo', type: 'status', target: 'cache-operations', status: 'blocked', note: 'needs infra' }),
    ];
    const { app, dir } = await open({ journal });
    await app.press('t');
    let frame = await app.waitFor((f) => f.includes('by task in progress: error-middleware, cache-operations'));
    await app.press(KEY.enter);
    frame = await app.waitFor((f) => f.includes('error-middleware  Error Middleware Optimization  (1 of 2)'));
    expect(frame).toMatch(/> error-middleware .* doing /);
    await app.press(' ');
    await app.waitFor((f) => f.includes('error-middleware: done'));
    await app.press(KEY.enter);
    frame = await app.waitFor((f) => f.includes('(2 of 2)'));
    expect(frame).toMatch(/> cache-operations .* blocked .* needs infra/);
    await app.press(KEY.enter);
    frame = await app.waitFor((f) => f.includes('Standup report'));
    expect(events(dir).filter((e) => e.by === 'Fay')).toEqual([expect.objectContaining({ target: 'error-middleware', status: 'done' })]);
  });

  test('without a journal author the round has no recording keys, and the report can still be read', async () => {
    const app = await renderApp((await tempPlanCopy().then((c) => ((done = c.cleanup), c))).plan, { ...plain, columns: 120, rows: 40 });
    await app.press('6', KEY.enter);
    let frame = await app.waitFor((f) => f.includes('Ana  (1 of 6)'));
    expect(frame).not.toContain('space done');
    await app.press('e');
    frame = await app.waitFor((f) => f.includes('Standup report'));
    expect(frame).not.toMatch(/r record|f to file|y copy/);
  });
});
