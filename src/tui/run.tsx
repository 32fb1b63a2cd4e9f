/**
 * Mounts the TUI on the terminal and waits for it to end. Uses the alternate screen so quitting
 * (q, or Ctrl-C at any moment) gives the user back the terminal exactly as it was.
 */
import { render } from 'ink';
import type { Plan } from '../core/plan-schema.js';
import { App } from './App.js';
import { osc52Clipboard } from './clipboard.js';
import type { TuiEffects } from './effects.js';
import type { JournalInput } from './state/types.js';
import { themeFor } from './theme.js';
import type { ViewDef } from './views/index.js';

export interface RunTuiOptions {
  plan: Plan;
  hash: string;
  fileLabel: string;
  today: string;
  env: Readonly<Record<string, string | undefined>>;
  effects: TuiEffects;
  journal?: JournalInput;
  initialView?: string;
  /** Compare with this baseline (`--baseline NAME`) rather than the newest in the journal. */
  baseline?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Route console.* around the frame (default true); test runners bring their own console. */
  patchConsole?: boolean;
  /** Other views than the usual ones (tests). */
  views?: readonly ViewDef[];
}

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

export async function runTui(opts: RunTuiOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    // ink turns raw mode off when it unmounts; this covers an exit that skipped the unmount.
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
      try {
        stdin.setRawMode(false);
      } catch {
        // The terminal is already gone.
      }
    }
    stdout.write(LEAVE_ALT_SCREEN);
  };
  // Copying goes to the terminal the app draws on, and only when it is one that takes OSC 52.
  const clipboard = opts.effects.clipboard ?? osc52Clipboard(stdout, opts.env);
  const effects: TuiEffects = clipboard ? { ...opts.effects, clipboard } : opts.effects;
  stdout.write(ENTER_ALT_SCREEN);
  // Whatever ends the process (an uncaught error, process.exit elsewhere), leave the screen.
  process.once('exit', restore);
  const instance = render(
    <App
      plan={opts.plan}
      hash={opts.hash}
      fileLabel={opts.fileLabel}
      today={opts.today}
      theme={themeFor(opts.env)}
      effects={effects}
      {...(opts.journal ? { journal: opts.journal } : {})}
      {...(opts.views ? { views: opts.views } : {})}
      {...(opts.initialView ? { initialView: opts.initialView } : {})}
      {...(opts.baseline !== undefined ? { baseline: opts.baseline } : {})}
    />,
    { stdout, stdin, exitOnCtrlC: true, patchConsole: opts.patchConsole ?? true },
  );
  // A terminal closing or a polite kill: unmount (raw mode off, cursor back) before leaving,
  // and exit as a signalled process would (128 + the signal number).
  let code = 0;
  const onTerm = () => {
    code = 143;
    instance.unmount();
  };
  const onHup = () => {
    code = 129;
    instance.unmount();
  };
  process.once('SIGTERM', onTerm);
  process.once('SIGHUP', onHup);
  try {
    await instance.waitUntilExit();
    return code;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
    process.off('exit', restore);
    instance.cleanup();
    restore();
  }
}
