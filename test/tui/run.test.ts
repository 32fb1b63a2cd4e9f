import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { osc52Sequence } from '../../src/tui/clipboard.js';
import { runTui } from '../../src/tui/run.js';
import { VIEWS, type ViewDef } from '../../src/tui/views/index.js';
import { examplePlan } from '../helpers/plan-builder.js';
import { waitForFrame } from './helpers.js';

// ink draws nothing until exit when it believes it runs in CI (is-in-ci, read when ink loads);
// these tests play a real terminal, as `roadmap tui` does when it sets CI=false for a TTY.
vi.hoisted(() => {
  process.env.CI = 'false';
});

/** A terminal as ink sees it: raw-mode stdin and a sized stdout that records what was written. */
class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  output = '';
  write = (chunk: string) => {
    this.output += chunk;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  rawMode = false;
  private data: string | null = null;
  setRawMode(mode: boolean) {
    this.rawMode = mode;
    return this;
  }
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  type(data: string) {
    this.data = data;
    this.emit('readable');
  }
}

function start(opts: { env?: Record<string, string>; views?: readonly ViewDef[]; stdoutIsTTY?: boolean } = {}) {
  const stdout = new FakeStdout();
  stdout.isTTY = opts.stdoutIsTTY ?? true;
  const stdin = new FakeStdin();
  const done = runTui({
    plan: examplePlan('codon-migration'),
    hash: 'h',
    fileLabel: 'plans/codon-migration.yaml',
    today: '2026-11-23',
    env: opts.env ?? { NO_COLOR: '1' },
    effects: { now: () => new Date('2026-11-23T10:00:00Z') },
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    patchConsole: false,
    ...(opts.views ? { views: opts.views } : {}),
  });
  return { stdout, stdin, done };
}

describe('runTui', () => {
  test('draws on the alternate screen, and Ctrl-C exits cleanly and gives the screen back', async () => {
    const { stdout, stdin, done } = start();
    await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
    expect(stdout.output.startsWith('\u001B[?1049h')).toBe(true);
    expect(stdin.rawMode).toBe(true);
    stdin.type('\u0003');
    await expect(done).resolves.toBe(0);
    expect(stdout.output.endsWith('\u001B[?1049l')).toBe(true);
    expect(stdin.rawMode).toBe(false);
  });

  test('q quits the same way', async () => {
    const { stdout, stdin, done } = start();
    await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
    stdin.type('q');
    await expect(done).resolves.toBe(0);
    expect(stdout.output.endsWith('\u001B[?1049l')).toBe(true);
  });

  test('a hang-up unmounts, gives the screen back and reports the signal in the exit code', async () => {
    const { stdout, stdin, done } = start();
    await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
    process.emit('SIGHUP', 'SIGHUP');
    await expect(done).resolves.toBe(129);
    expect(stdout.output.endsWith('\u001B[?1049l')).toBe(true);
    expect(stdin.rawMode).toBe(false);
  });

  test('a crash while drawing still turns raw mode off and gives the screen back', async () => {
    const broken: ViewDef = {
      id: 'broken',
      title: 'Broken',
      Component: () => {
        throw new Error('boom');
      },
    };
    const { stdout, stdin, done } = start({ views: [...VIEWS, broken] });
    await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
    expect(stdin.rawMode).toBe(true);
    stdin.type('7');
    await expect(done).rejects.toThrow('boom');
    expect(stdin.rawMode).toBe(false);
    expect(stdout.output.endsWith('\u001B[?1049l')).toBe(true);
  });

  test('y copies the standup report with OSC 52 to a terminal that takes it', async () => {
    const { stdout, stdin, done } = start({ env: { NO_COLOR: '1', TERM: 'xterm-256color' } });
    await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
    stdin.type('6');
    await waitForFrame(() => stdout.output, (o) => o.includes('Standup for'), 'the standup');
    stdin.type('e');
    await waitForFrame(() => stdout.output, (o) => o.includes('y copy'), 'the report');
    stdin.type('y');
    await waitForFrame(() => stdout.output, (o) => o.includes('copied the standup to the clipboard'), 'the copy');
    const osc = /\u001B\]52;c;([A-Za-z0-9+/=]+)\u0007/.exec(stdout.output);
    expect(osc).not.toBeNull();
    expect(Buffer.from(osc![1]!, 'base64').toString('utf8')).toMatch(/^# Standup: Codon Migration, Monday 23 November 2026\n/);
    expect(stdout.output).toContain(osc52Sequence(Buffer.from(osc![1]!, 'base64').toString('utf8')));
    stdin.type('q');
    await expect(done).resolves.toBe(0);
  });

  test('no copy key where OSC 52 cannot work: TERM=dumb or no terminal', async () => {
    for (const opts of [{ env: { NO_COLOR: '1', TERM: 'dumb' } }, { env: { NO_COLOR: '1', TERM: 'xterm' }, stdoutIsTTY: false }]) {
      const { stdout, stdin, done } = start(opts);
      await waitForFrame(() => stdout.output, (o) => o.includes('dynamic-feature-detection'), 'the first frame');
      stdin.type('6');
      await waitForFrame(() => stdout.output, (o) => o.includes('Standup for'), 'the standup');
      stdin.type('e');
      await waitForFrame(() => stdout.output, (o) => o.includes('x start over'), 'the report');
      stdin.type('y');
      stdin.type('q');
      await expect(done).resolves.toBe(0);
      expect(stdout.output).not.toContain('y copy');
      expect(stdout.output).not.toContain(']52;');
    }
  });
});
