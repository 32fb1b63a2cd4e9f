import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';

const ROOT = path.resolve('.');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tempProject(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-tui-cmd-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const codonText = () => readFileSync(path.join(ROOT, 'plans/codon-migration.yaml'), 'utf8');

describe('roadmap / roadmap tui without a terminal', () => {
  test('prints the overview and exits 0: project, dates, phases with weeks and components, counts', async () => {
    const r = await runCli(['tui', 'plans/codon-migration.yaml'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('GraphMemory-IDE: Codon Migration');
    expect(r.stdout).toContain('2026-11-02 to 2026-12-11, 15 person-days a week\nToday 2026-11-23 (week 4)');
    expect(r.stdout).toContain('Phase p1: Critical Priority Components (critical), weeks 1-2');
    expect(r.stdout).toContain('  Week 5 2026-11-30  15/15: authentication, stream-management, cache');
    expect(r.stdout).toContain('Tiers: 2 critical, 2 high, 3 medium, 3 low');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  test('with no command and no plan, opens the codon example when plans/ holds several', async () => {
    const r = await runCli([], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plans/codon-migration.yaml: 10 components in 3 phases, 6 weeks');
  });

  test('a plan path alone is enough', async () => {
    const r = await runCli(['plans/crdt-backup-rollout.yaml'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CRDT Memory Backup');
  });

  test('./roadmap.yaml wins over the example; without either it is a usage error', async () => {
    const cwd = tempProject({ 'roadmap.yaml': codonText().replace('title: Codon Migration', 'title: Mine') });
    const r = await runCli([], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GraphMemory-IDE: Mine');
    rmSync(path.join(cwd, 'roadmap.yaml'));
    const none = await runCli(['tui'], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no plan given/);
  });

  test('several plans and no codon example: the usual "which plan?" usage error', async () => {
    const cwd = tempProject({ 'plans/a.yaml': codonText(), 'plans/b.yaml': codonText() });
    const r = await runCli([], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/which plan\? plans\/ holds 2/);
  });

  test('an invalid plan prints its problems and exits 1', async () => {
    const cwd = tempProject({ 'bad.yaml': codonText().replace('version: 1', 'version: 1\nbogus: true') });
    const r = await runCli(['bad.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+/);
  });

  test('a missing plan is a file error (exit 3)', async () => {
    const r = await runCli(['tui', 'plans/nope.yaml'], { cwd: ROOT });
    expect(r.code).toBe(3);
  });

  test('bad options are usage errors', async () => {
    expect((await runCli(['tui', '--view', 'gantt'], { cwd: ROOT })).code).toBe(2);
    expect((await runCli(['tui', '--today', '2026-02-30'], { cwd: ROOT })).code).toBe(2);
    expect((await runCli(['tui', 'a.yaml', 'b.yaml'], { cwd: ROOT })).code).toBe(2);
  });

  test('--today moves "today" and the progress that depends on it', async () => {
    const r = await runCli(['tui', 'plans/codon-migration.yaml', '--today', '2026-10-01'], { cwd: ROOT });
    expect(r.stdout).toContain('Today 2026-10-01 (before week 1)');
    expect(r.stdout).toMatch(/0 late/);
  });

  test('the journal is folded into the overview', async () => {
    const cwd = tempProject({ 'plan.yaml': codonText() });
    mkdirSync(path.join(cwd, 'plan.journal'));
    writeFileSync(
      path.join(cwd, 'plan.journal', 'ana.jsonl'),
      `${JSON.stringify({ v: 1, seq: 1, at: '2026-11-03T10:00:00.000Z', by: 'Ana', type: 'status', target: 'dynamic-feature-detection', status: 'done' })}\n`,
    );
    const r = await runCli(['plan.yaml'], { cwd });
    expect(r.stdout).toMatch(/Progress: 16% \(3\/18 tasks, 15\/90 person-days\); 6 late/);
  });

  test('help describes the views and keys', async () => {
    const r = await runCli(['tui', '--help'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 Matrix');
    expect(r.stdout).toContain('prints a plain overview');
  });
});

describe('react and ink stay out of every other command', () => {
  /** Static imports (not `import type`, not dynamic `import()`) of a source file, resolved. */
  function staticImports(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const specs: string[] = [];
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) specs.push(m[1]!);
    return specs.map((s) => {
      if (!s.startsWith('.')) return s;
      const base = path.resolve(path.dirname(file), s).replace(/\.js$/, '');
      return ['.ts', '.tsx'].map((ext) => base + ext).find(existsSync) ?? base;
    });
  }

  function graph(entry: string): Set<string> {
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      if (f.startsWith('/') && existsSync(f)) stack.push(...staticImports(f));
    }
    return seen;
  }

  const forbidden = (mods: Set<string>) =>
    [...mods].filter((m) => m === 'react' || m.startsWith('react/') || m === 'ink' || m.startsWith(path.join(ROOT, 'src/tui/')));

  test('main.ts and the command table load neither', () => {
    expect(forbidden(graph(path.join(ROOT, 'src/cli/main.ts')))).toEqual([]);
  });

  test('no command module but tui reaches them, and tui only through import()', () => {
    const names = Object.keys(COMMANDS).filter((n) => existsSync(path.join(ROOT, `src/cli/commands/${n}.ts`)));
    expect(names).toContain('tui');
    for (const name of names) {
      expect(forbidden(graph(path.join(ROOT, `src/cli/commands/${name}.ts`))), name).toEqual([]);
    }
    // The checker does see static imports: the TUI entry itself is full of them.
    expect(forbidden(graph(path.join(ROOT, 'src/tui/run.tsx')))).toContain('ink');
  });
});

