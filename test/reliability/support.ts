/**
 * Shared by the reliability suite: what "the user saw nothing dangerous" means, the command
 * matrix every test runs, and how to run the real built CLI.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { CliRun } from '../helpers/cli.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const REGISTERED_COMMANDS = Object.keys(COMMANDS);
export const BIN = path.join(REPO, 'bin', 'roadmap.js');
export const EXAMPLE_PLANS = ['plans/codon-migration.yaml', 'plans/crdt-backup-rollout.yaml'];
export const HOSTILE_PLAN = 'test/reliability/fixtures/hostile-plan.yaml';

/** The environment every in-process run gets: no colour (so any ESC is someone else's), a fixed author. */
export const ENV = { NO_COLOR: '1', ROADMAP_AUTHOR: 'Fuzz' } as const;

/**
 * What a terminal acts on: C0 controls but tab and newline, DEL, C1 controls, and the bidi
 * embeddings/overrides/isolates. None of these may reach a user's terminal from input.
 */
// eslint-disable-next-line no-control-regex
export const TERMINAL_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A V8 stack frame, as `err.stack` prints it. */
const STACK_FRAME = /^\s+at (?:async )?(?:\S+ \()?(?:file:|node:|\/|<anonymous>|internal\/)/m;

/** Outputs whose format mandates CRLF line ends (RFC 4180, RFC 5545). */
const CRLF_FORMATS = new Set(['csv', 'ics']);

/** `text` with the CRLF line ends its format requires taken out, so only stray controls are left. */
export function withoutFormatLineEnds(text: string, format: string | undefined): string {
  return format !== undefined && CRLF_FORMATS.has(format) ? text.replace(/\r\n/g, '\n') : text;
}

/** The first terminal-unsafe character in `text` with some context, or undefined. */
export function firstUnsafe(text: string): string | undefined {
  const m = new RegExp(TERMINAL_UNSAFE.source).exec(text);
  if (!m) return undefined;
  const at = m.index;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`;
}

/**
 * The guarantees every run of every command keeps, whatever the input: a documented exit code, no
 * stack trace or internal error, and nothing in stdout or stderr that a terminal would act on.
 */
export function expectCleanRun(run: CliRun, label: string, opts: { format?: string; exits?: number[] } = {}): void {
  const exits = opts.exits ?? [0, 1, 3];
  expect(exits, `${label}: exit ${run.code}\n${run.stderr.slice(0, 2000)}`).toContain(run.code);
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    expect(STACK_FRAME.test(text), `${label}: a stack trace on ${stream}:\n${text.slice(0, 2000)}`).toBe(false);
    expect(/internal[ -]error/i.test(text), `${label}: an internal error on ${stream}:\n${text.slice(0, 2000)}`).toBe(false);
    const unsafe = firstUnsafe(stream === 'stdout' ? withoutFormatLineEnds(text, opts.format) : text);
    expect(unsafe, `${label}: a terminal control character on ${stream}`).toBeUndefined();
  }
}

/** JSON printed to a terminal: parses, and carries any control character only as a \u escape. */
export function expectSafeJson(text: string, label: string): unknown {
  expect(firstUnsafe(text), `${label}: a raw control character in JSON output`).toBeUndefined();
  return JSON.parse(text);
}

/** One non-interactive invocation: argv after the plan, and the export format when it has one. */
export interface Invocation {
  command: string;
  /** Arguments after `<command> <plan>`. */
  args: string[];
  /** The output's format, for the CRLF allowance and JSON checks. */
  format?: 'json' | 'md' | 'csv' | 'ics' | 'mermaid' | 'html' | 'slack' | 'text';
  /** Writes to the journal (run against a copy). */
  writes?: boolean;
  /** Arguments (after `<command> <plan>`) of a run that sets up the state this one reads. */
  before?: string[];
}

/**
 * Every registered command, each output format it has. A command added to
 * src/cli/commands/index.ts without a row here fails `every command is covered`.
 * `ids` are ids that exist in the plan (for track/metric); others still exercise the
 * unknown-id path.
 */
export function invocations(ids: { task: string; metric: string; criterion?: string; importFile?: string }): Invocation[] {
  const list: Invocation[] = [
    { command: 'validate', args: [], format: 'text' },
    { command: 'validate', args: ['--json'], format: 'json' },
    { command: 'schedule', args: [], format: 'text' },
    { command: 'schedule', args: ['--json'], format: 'json' },
    { command: 'status', args: [], format: 'text' },
    { command: 'status', args: ['--json'], format: 'json' },
    { command: 'standup', args: ['--since', '2026-11-01'], format: 'text' },
    { command: 'standup', args: ['--format', 'md', '--since', '2026-11-01'], format: 'md' },
    { command: 'standup', args: ['--format', 'slack', '--since', '2026-11-01'], format: 'slack' },
    { command: 'standup', args: ['--format', 'json', '--since', '2026-11-01'], format: 'json' },
    { command: 'export', args: ['--format', 'md'], format: 'md' },
    { command: 'export', args: ['--format', 'json'], format: 'json' },
    { command: 'export', args: ['--format', 'csv'], format: 'csv' },
    { command: 'export', args: ['--format', 'ics', '--per', 'task'], format: 'ics' },
    { command: 'export', args: ['--format', 'mermaid'], format: 'mermaid' },
    { command: 'export', args: ['--format', 'html'], format: 'html' },
    { command: 'tui', args: [], format: 'text' },
    { command: 'schema', args: [], format: 'json' },
    { command: 'track', args: [ids.task, 'blocked', '--note', 'waiting'], format: 'text', writes: true },
    { command: 'metric', args: [ids.metric, '42', '--note', 'measured'], format: 'text', writes: true },
  ];
  list.push(
    { command: 'baseline', args: ['save', '--name', 'kickoff', '--force', '--at', '2026-11-02T09:00'], format: 'text', writes: true },
    { command: 'baseline', args: ['list'], format: 'text' },
    { command: 'baseline', args: ['list', '--json'], format: 'json' },
    // Without a baseline, diff is a usage error ("save one first"): save one before.
    { command: 'baseline', args: ['diff', '--today', '2026-11-23'], format: 'text', before: ['save', '--name', 'kickoff', '--force'] },
    { command: 'baseline', args: ['diff', '--today', '2026-11-23', '--json'], format: 'json', before: ['save', '--name', 'kickoff', '--force'] },
  );
  if (ids.criterion !== undefined) list.push({ command: 'schedule', args: ['--weight', `${ids.criterion}=3`], format: 'text' });
  if (ids.importFile !== undefined) list.push({ command: 'import', args: [ids.importFile], format: 'text', writes: true });
  // Commands land one by one; a row for one not registered yet would only test the usage error.
  return list.filter((inv) => REGISTERED_COMMANDS.includes(inv.command));
}

/** `schema` takes no plan; every other command takes it first. */
export function argvFor(inv: Invocation, plan: string): string[] {
  return inv.command === 'schema' ? ['schema', ...inv.args] : [inv.command, plan, ...inv.args];
}

/** The argv of the set-up run an invocation needs, if any. */
export function setupArgvFor(inv: Invocation, plan: string): string[] | undefined {
  return inv.before === undefined ? undefined : argvFor({ ...inv, args: inv.before }, plan);
}


export interface SpawnResult extends CliRun {
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/**
 * Runs the built CLI (`node bin/roadmap.js`) as a user would. The timeout only guards against a
 * hang (a fifo, a lock); it is far above any normal run and is not a timing assertion.
 */
export function runBinary(
  argv: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number; stdin?: string; uid?: number },
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ROADMAP_NO_CACHE: '1', ...ENV, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr, timedOut });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/**
 * Makes sure bin/roadmap.js runs the current sources: `npm test` builds first, and a direct
 * `npx vitest run test/reliability` gets the same freshness check as `npm start`
 * (scripts/build-if-needed.js). Test files run in parallel, so builds take turns on a lock
 * directory; a build that fails (someone's half-edited file) leaves the previous dist/, which
 * still runs.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = path.join(REPO, 'node_modules', '.cache', 'roadmap-reliability-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 180_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) break;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await new Promise<void>((resolve) => execFile(process.execPath, [path.join(REPO, 'scripts', 'build-if-needed.js')], { cwd: REPO }, () => resolve()));
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(path.join(REPO, 'dist', 'cli', 'process.js'))) throw new Error('dist/ is not built and the build failed: run `npm run build`');
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
