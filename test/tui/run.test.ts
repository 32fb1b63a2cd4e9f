import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { runTui } from '../../src/tui/run.js';
import { examplePlan } from '../helpers/plan-builder.js';
import { waitForFrame } from './helpers.js';

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

function start() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const done = runTui({
    plan: examplePlan('codon-migration'),
    hash: 'h',
    fileLabel: 'plans/codon-migration.yaml',
    today: '2026-11-23',
    env: { NO_COLOR: '1' },
    effects: { now: () => new Date('2026-11-23T10:00:00Z') },
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    patchConsole: false,
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
});
