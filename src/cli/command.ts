/**
 * The contract every CLI command implements. Commands get an injected CliIO so tests run them
 * in-process (see test/cli/*), and they return an exit code instead of calling process.exit.
 */
import type { ParseArgsConfig } from 'node:util';

export const EXIT = { ok: 0, invalid: 1, usage: 2, io: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, TUI). */
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** The only clock in the program; core functions take dates as parameters. */
  now(): Date;
  /** Terminal width for layout; 80 when unknown. */
  columns: number;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  io: CliIO;
  /** Positionals after the command name. */
  args: string[];
  /** Parsed options (strings, booleans, or string arrays for `multiple` options). */
  options: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  name: string;
  /** One line for `roadmap --help`. */
  summary: string;
  /** Usage line(s) and option descriptions for `roadmap <name> --help`. */
  help: string;
  options: OptionSpec;
  run(ctx: CommandContext): Promise<number>;
}

/** A wrong invocation: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file could not be read or written: exit 3. */
export class IoError extends Error {
  override name = 'IoError';
}
