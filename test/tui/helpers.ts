/**
 * Rendering the TUI in tests: ink-testing-library underneath, a terminal size of our choosing,
 * real key sequences, and waits that end as soon as the frame shows what we expect (never a
 * fixed sleep).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import type { LocatedEvent, NewJournalEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { JournalInput } from '../../src/tui/state/types.js';
import { App, type AppProps } from '../../src/tui/App.js';
import type { TuiEffects } from '../../src/tui/effects.js';
import { themeFor } from '../../src/tui/theme.js';

/** What a terminal sends for each key. */
export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  tab: '\t',
  shiftTab: '\u001B[Z',
  escape: '\u001B',
  enter: '\r',
  backspace: '\u007F',
  ctrlR: '\u0012',
  ctrlC: '\u0003',
} as const;

export type Rendered = ReturnType<typeof render> & {
  /** Set when the app asked to quit. */
  exited: boolean;
  frame(): string;
  press(...keys: string[]): Promise<void>;
  waitFor(predicate: (frame: string) => boolean, what?: string): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
};

const TIMEOUT_MS = 5000;

/** Polls until `predicate(frame)` holds; fails with the last frame after TIMEOUT_MS. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  what = 'the expected frame',
): Promise<string> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export interface RenderOptions extends Partial<Omit<AppProps, 'plan' | 'theme'>> {
  columns?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
}

export const TODAY = '2026-11-23';

/** Renders the app on `plan` at a terminal size (80x24 unless told), waiting for the first frame. */
export async function renderApp(plan: Plan, opts: RenderOptions = {}): Promise<Rendered> {
  const { columns = 80, rows = 24, env = {}, ...rest } = opts;
  const effects: TuiEffects = rest.effects ?? { now: () => new Date(`${TODAY}T10:00:00Z`) };
  let exited = false;
  const props: AppProps = {
    plan,
    hash: 'test-hash',
    fileLabel: 'plans/test.yaml',
    today: TODAY,
    theme: themeFor(env),
    ...rest,
    effects,
    onExit: () => {
      exited = true;
    },
  };
  const instance = render(createElement(App, props));
  const stdout = instance.stdout as unknown as { columns: number; rows: number; emit(e: string): void };
  const rendered = instance as Rendered;
  Object.defineProperty(rendered, 'exited', { get: () => exited });
  rendered.frame = () => instance.lastFrame() ?? '';
  rendered.waitFor = (predicate, what) => waitForFrame(instance.lastFrame, predicate, what);
  rendered.press = async (...keys) => {
    for (const k of keys) {
      const before = instance.frames.length;
      instance.stdin.write(k);
      // Ink holds a lone ESC until the next check phase (it may start a longer sequence): let
      // that pass before the next key, or the two would arrive as one Alt chord.
      await new Promise((resolve) => setImmediate(resolve));
      await waitUntil(() => instance.frames.length > before, 50);
    }
  };
  rendered.resize = async (c, r) => {
    Object.defineProperty(stdout, 'columns', { value: c, configurable: true });
    Object.defineProperty(stdout, 'rows', { value: r, configurable: true });
    const before = instance.frames.length;
    stdout.emit('resize');
    // Two frames: ink redraws at the new width at once, then the app re-lays itself out.
    await waitUntil(() => instance.frames.length >= before + 2, 500);
  };
  await rendered.waitFor((f) => f.length > 0, 'the first frame');
  if (columns !== 100 || rows !== 24) await rendered.resize(columns, rows);
  return rendered;
}

/** Waits for a condition up to `ms`; returns whether it held (a key may legitimately change nothing). */
async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return true;
}

/** Frame lines with trailing spaces removed, for asserting on layout. */
export function lines(frame: string): string[] {
  return frame.split('\n').map((l) => l.trimEnd());
}

/** Any ESC (0x1B) or C1 CSI (0x9B) byte: what must never reach a NO_COLOR frame. */
export const ESCAPE_BYTE = /[\u001B\u009B]/;

/** A clock the test moves: effects read it, nothing else does. */
export function fakeClock(start: string): { now: () => Date; advance: (ms: number) => void; set: (iso: string) => void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

/** A journal kept in memory: what the app appends, read back as the files would give it. */
export function memoryJournal(author = 'Ana', initial: readonly NewJournalEvent[] = []): {
  journal: NonNullable<TuiEffects['journal']>;
  written: NewJournalEvent[];
  input: () => JournalInput;
} {
  const written: NewJournalEvent[] = [];
  const input = (): JournalInput => ({
    events: [...initial, ...written].map((e, i) => ({ ...e, v: 1, seq: i + 1 }) as LocatedEvent),
    problems: [],
  });
  return {
    written,
    input,
    journal: {
      author,
      append: async (e) => {
        written.push(e);
      },
      read: async () => input(),
    },
  };
}

/** plans/<name>.yaml copied into a fresh temp directory (comments and all), loaded. */
export async function tempPlanCopy(name = 'codon-migration'): Promise<{ dir: string; file: string; plan: Plan; hash: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-tui-'));
  const file = path.join(dir, 'plan.yaml');
  copyFileSync(path.resolve(`plans/${name}.yaml`), file);
  const loaded = await loadPlan(file);
  if (!loaded.plan) throw new Error(`plans/${name}.yaml did not load`);
  return { dir, file, plan: loaded.plan, hash: loaded.hash, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
