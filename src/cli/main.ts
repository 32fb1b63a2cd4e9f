/**
 * `roadmap` entry point: parse argv, dispatch to a command, map every failure to an exit code.
 * Never lets a stack trace reach the user.
 */
import { parseArgs } from 'node:util';
import { EXIT, IoError, UsageError, type CliIO, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from './version.js';
import { sanitize } from '../core/sanitize.js';

const GLOBAL_HELP = (): string => {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'roadmap: turn a migration priority matrix into a phased, week-by-week plan, and track it.',
    '',
    'Usage: roadmap [command] [plan] [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'With no command, roadmap opens the TUI (or prints the plan overview when not on a terminal).',
    'The plan argument is optional when ./roadmap.yaml exists or ./plans/ holds exactly one plan.',
    '',
    'Global options: --help, --version. Run `roadmap <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 invalid plan, 2 usage error, 3 file error.',
    '',
  ].join('\n');
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    return reportFailure(err, io);
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    if (rest[0] && COMMANDS[rest[0]]) return printCommandHelp(await COMMANDS[rest[0]]!.load(), io);
    io.stdout(GLOBAL_HELP());
    return EXIT.ok;
  }
  let name = 'tui';
  let args = argv;
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) {
    name = first;
    args = rest;
  } else if (first !== undefined && !first.startsWith('-') && !looksLikePlanPath(first)) {
    throw new UsageError(`unknown command "${first}"${suggestCommand(first)}. Run \`roadmap --help\` for the list.`);
  }
  const command = await COMMANDS[name]!.load();
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}`);
  }
  if (parsed.values.help) return printCommandHelp(command, io);
  return command.run({ io, args: parsed.positionals, options: parsed.values as Record<string, string | boolean | string[] | undefined> });
}

function printCommandHelp(command: Command, io: CliIO): number {
  io.stdout(`roadmap ${command.name}: ${command.summary}\n\n${command.help.trimEnd()}\n`);
  return EXIT.ok;
}

function looksLikePlanPath(arg: string): boolean {
  return /\.(ya?ml)$/i.test(arg) || arg.includes('/');
}

function suggestCommand(input: string): string {
  const near = Object.keys(COMMANDS).find((n) => n.startsWith(input.slice(0, 3)));
  return near ? ` (did you mean "${near}"?)` : '';
}

function reportFailure(err: unknown, io: CliIO): number {
  // Messages quote arguments, file names and file contents: the last line of defence for the terminal.
  if (err instanceof UsageError) {
    io.stderr(`roadmap: ${sanitize(err.message)}\n`);
    return EXIT.usage;
  }
  if (err instanceof IoError) {
    io.stderr(`roadmap: ${sanitize(err.message)}\n`);
    return EXIT.io;
  }
  // A bug, not bad input: one line the user can report, the trace only when asked for.
  const message = sanitize(err instanceof Error ? err.message : String(err));
  io.stderr(`roadmap: internal error: ${message}\n`);
  if (io.env.ROADMAP_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return EXIT.invalid;
}
