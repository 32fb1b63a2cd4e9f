/**
 * Who is recording: `--by`, else $ROADMAP_AUTHOR (for CI jobs), else `git config user.name`, else
 * $USER / $USERNAME. git runs through execFile with an argument list, never a shell, so nothing
 * in the environment or the name can inject a command.
 */
import { execFile } from 'node:child_process';
import { UsageError, type CliIO } from './command.js';

const MAX_AUTHOR = 200;

function gitUserName(io: CliIO): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['config', 'user.name'],
      { cwd: io.cwd, env: { ...io.env }, timeout: 3000, windowsHide: true, encoding: 'utf8' },
      (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined),
    );
  });
}

/** Checks a name given on the command line or in the environment. */
export function checkAuthor(name: string, from: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError(`${from} is empty; give a name, e.g. --by "Ana"`);
  if (trimmed.length > MAX_AUTHOR) throw new UsageError(`${from} is longer than ${MAX_AUTHOR} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/.test(trimmed)) throw new UsageError(`${from} contains control characters`);
  return trimmed;
}

export async function resolveAuthor(io: CliIO, by: string | undefined): Promise<string> {
  if (by !== undefined) return checkAuthor(by, '--by');
  const env = io.env.ROADMAP_AUTHOR;
  if (env !== undefined && env.trim() !== '') return checkAuthor(env, 'ROADMAP_AUTHOR');
  const git = await gitUserName(io);
  if (git !== undefined) return checkAuthor(git, 'git config user.name');
  const user = io.env.USER ?? io.env.USERNAME ?? io.env.LOGNAME;
  if (user !== undefined && user.trim() !== '') return checkAuthor(user, '$USER');
  throw new UsageError('cannot tell who you are: pass --by NAME, or set git config user.name');
}
