/**
 * Mounts the TUI on the terminal and waits for it to end. Uses the alternate screen so quitting
 * (q, or Ctrl-C at any moment) gives the user back the terminal exactly as it was.
 */
import { render } from 'ink';
import type { Plan } from '../core/plan-schema.js';
import { App } from './App.js';
import type { TuiEffects } from './effects.js';
import type { JournalInput } from './state/types.js';
import { themeFor } from './theme.js';

export interface RunTuiOptions {
  plan: Plan;
  hash: string;
  fileLabel: string;
  today: string;
  env: Readonly<Record<string, string | undefined>>;
  effects: TuiEffects;
  journal?: JournalInput;
  initialView?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Route console.* around the frame (default true); test runners bring their own console. */
  patchConsole?: boolean;
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
    stdout.write(LEAVE_ALT_SCREEN);
  };
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
      effects={opts.effects}
      {...(opts.journal ? { journal: opts.journal } : {})}
      {...(opts.initialView ? { initialView: opts.initialView } : {})}
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
