/**
 * Commits since a moment, from the git repository that holds the plan, for `standup --git`.
 *
 * git runs through execFile with an argument list: no shell, and nothing from the plan or the
 * journal is ever on the command line (only our own ISO timestamps and fixed options). Config that
 * could run another program during `log` (signature checks) is switched off, and no pager or
 * prompt can start. Fields are split on the ASCII unit separator and records on the record
 * separator, which commit messages do not contain.
 */
import { execFile } from 'node:child_process';
import type { GitCommit, GitInput } from '../core/standup.js';

const FIELD = '\x1f';
const RECORD = '\x1e';
/** sha, author name, author email, author date (strict ISO), subject, body. */
const FORMAT = `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%s${FIELD}%b${RECORD}`;
export const MAX_COMMITS = 500;
const TIMEOUT_MS = 10_000;

export interface GitLogOptions {
  /** A directory inside the repository (the plan's folder). */
  cwd: string;
  /** ISO instants bounding the author dates. */
  since: string;
  until?: string;
  env?: Readonly<Record<string, string | undefined>>;
  max?: number;
}

/** Parses `git log` output in FORMAT. Malformed records are skipped. */
export function parseGitLog(text: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const raw of text.split(RECORD)) {
    const record = raw.replace(/^\n+/, '');
    if (record.trim() === '') continue;
    const [sha, author, email, date, subject, ...body] = record.split(FIELD);
    if (sha === undefined || !/^[0-9a-f]{7,64}$/.test(sha) || author === undefined || date === undefined || Number.isNaN(Date.parse(date))) continue;
    commits.push({
      sha,
      author,
      ...(email ? { email } : {}),
      at: new Date(date).toISOString(),
      subject: subject ?? '',
      body: body.join(FIELD).trim(),
    });
  }
  return commits;
}

/** The commits, or why there are none to show; never throws. */
export function readGitLog(options: GitLogOptions): Promise<GitInput> {
  const max = options.max ?? MAX_COMMITS;
  const args = [
    '-c',
    'log.showSignature=false',
    'log',
    '--no-color',
    '--no-merges',
    `--since=${options.since}`,
    ...(options.until !== undefined ? [`--until=${options.until}`] : []),
    `--max-count=${max + 1}`,
    FORMAT,
    '--',
  ];
  const env = {
    ...options.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
  };
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd: options.cwd, env, timeout: TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        // A repository without any commit yet has nothing to show, which is not a failure.
        if (err && /does not have any commits yet/i.test(stderr)) {
          resolve({ available: true, commits: [] });
          return;
        }
        if (err) {
          resolve({ available: false, reason: explain(err as NodeJS.ErrnoException & { killed?: boolean }, stderr) });
          return;
        }
        const commits = parseGitLog(stdout);
        resolve(commits.length > max ? { available: true, commits: commits.slice(0, max), truncated: true } : { available: true, commits });
      },
    );
  });
}

function explain(err: NodeJS.ErrnoException & { killed?: boolean }, stderr: string): string {
  if (err.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  if (err.killed) return `git log took longer than ${TIMEOUT_MS / 1000} s`;
  if (/not a git repository/i.test(stderr)) return 'the plan is not inside a git repository';
  const first = stderr.split('\n').find((l) => l.trim() !== '')?.replace(/^fatal:\s*/, '');
  return first ? `git log failed: ${first.trim()}` : 'git log failed';
}
