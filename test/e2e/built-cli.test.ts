/**
 * The built binary, as a user runs it from a clone: what the README promises, end to end.
 * In-process tests cover the logic; these catch what only the bundle and the real process show
 * (a dependency that breaks when bundled, exit codes, stdout/stderr split, no stack traces).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO, 'bin', 'roadmap.js');
const CODON = path.join(REPO, 'plans', 'codon-migration.yaml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function roadmap(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: opts.cwd ?? REPO,
        env: { ...process.env, NO_COLOR: '1', ROADMAP_AUTHOR: 'Ana', ...opts.env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

const noStackTrace = (run: Run) => {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toMatch(/^\s+at /m);
};

function tempCopyOfCodon(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-e2e-'));
  const file = path.join(dir, 'codon-migration.yaml');
  copyFileSync(CODON, file);
  return file;
}

describe('the built roadmap binary', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect((await roadmap(['--version'])).stdout.trim()).toBe(pkg.version);
    const help = await roadmap(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['validate', 'schedule', 'status', 'standup', 'export', 'track', 'metric']) {
      expect(help.stdout).toContain(command);
    }
  });

  it('validates the example plans with exit 0', async () => {
    for (const plan of ['plans/codon-migration.yaml', 'plans/crdt-backup-rollout.yaml']) {
      const run = await roadmap(['validate', plan]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`${plan}: valid`);
    }
  });

  it('rejects every plan in plans/invalid with exit 1 and a file:line:col problem', async () => {
    const files = readdirSync(path.join(REPO, 'plans', 'invalid')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of files) {
      const rel = `plans/invalid/${name}`;
      const run = await roadmap(['validate', rel]);
      expect(run.code, rel).toBe(1);
      expect(run.stderr, rel).toMatch(new RegExp(`^${rel.replace(/[.]/g, '\\.')}:\\d+:\\d+ error [a-z0-9-]+: `, 'm'));
      noStackTrace(run);
    }
  });

  it('exits 3 for a missing plan and 2 for an unknown flag or command', async () => {
    const missing = await roadmap(['validate', 'plans/nope.yaml']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('plans/nope.yaml');
    const flag = await roadmap(['validate', 'plans/codon-migration.yaml', '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--frobnicate');
    const command = await roadmap(['valdiate']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('did you mean "validate"');
    for (const run of [missing, flag, command]) noStackTrace(run);
  });

  it('prints the overview and exits 0 without a terminal (what `npm start` does in CI)', async () => {
    const run = await roadmap([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Codon Migration');
    expect(run.stdout).toContain('Week 1');
  });

  it('records a task and shows it in status, then exports the plan to a file', async () => {
    const plan = tempCopyOfCodon();
    const track = await roadmap(['track', plan, 'plugin-registry', 'done', '--at', '2026-11-03T17:00:00Z']);
    expect(track.code, track.stderr).toBe(0);
    const status = await roadmap(['status', plan, '--today', '2026-11-04', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as { tasks: { id: string; status: string }[] };
    expect(parsed.tasks.find((t) => t.id === 'plugin-registry')?.status).toBe('done');

    const out = path.join(path.dirname(plan), 'plan.csv');
    const exported = await roadmap(['export', plan, '--format', 'csv', '--out', out, '--today', '2026-11-04']);
    expect(exported.code, exported.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toMatch(/plugin-registry,Plugin System Refactoring,6,done/);
  });
});
