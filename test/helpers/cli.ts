/** Runs the CLI in-process with captured output, as a user would see it. */
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIOOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  now?: Date;
  columns?: number;
}

export function fakeIO(opts: FakeIOOptions = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? { NO_COLOR: '1' },
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stdinIsTTY: false,
    now: () => opts.now ?? new Date('2026-11-23T10:00:00Z'),
    columns: opts.columns ?? 80,
  };
}

export async function runCli(argv: string[], opts: FakeIOOptions = {}): Promise<CliRun> {
  const io = fakeIO(opts);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}
