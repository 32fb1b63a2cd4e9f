/**
 * The real built binary in a real terminal: `node bin/roadmap.js tui` runs inside tmux (its own
 * server on a private socket, no user config), keys go in with send-keys and the screen comes
 * back with capture-pane. Every wait polls the pane until the expected text shows (at most 10 s),
 * never a fixed sleep. Skips, saying why, when tmux is not installed (CI installs it).
 *
 * Needs dist/: `npm test` builds it first; when it is missing the test builds it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'roadmap.js');
const EXAMPLE = path.join(ROOT, 'plans', 'codon-migration.yaml');
const TODAY = '2026-11-23';
const WAIT_MS = 10_000;

function tmuxMissing(): string | undefined {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'tmux is not installed (apt-get install tmux); the TUI end-to-end tests need a real terminal';
  return undefined;
}

const skip = tmuxMissing();
if (skip) console.warn(`TUI tmux tests skipped: ${skip}`);

/** One tmux server of our own, and the pane the app runs in. */
class Terminal {
  private readonly socket: string;

  constructor(
    private readonly dir: string,
    readonly env: Record<string, string>,
  ) {
    this.socket = path.join(dir, 'tmux.sock');
  }

  tmux(...args: string[]): string {
    // -u: UTF-8 whatever the locale says; -f /dev/null: none of the user's settings.
    return execFileSync('tmux', ['-u', '-f', '/dev/null', '-S', this.socket, ...args], { encoding: 'utf8', env: this.env, cwd: this.dir });
  }

  /** Starts `command` in a 120x40 window; the pane stays after it exits, so its exit status can be read. */
  start(command: string): void {
    this.tmux('new-session', '-d', '-s', 'e2e', '-x', '120', '-y', '40', command);
    this.tmux('set-option', '-t', 'e2e', 'remain-on-exit', 'on');
    this.tmux('set-option', '-s', 'set-clipboard', 'on');
  }

  /** Keys by tmux name (Enter, Escape, Space, Down) or as literal text. */
  keys(...keys: string[]): void {
    for (const k of keys) {
      if (/^(Enter|Escape|Space|Up|Down|Left|Right|BSpace|Tab|BTab|End|Home|NPage|PPage)$/.test(k)) this.tmux('send-keys', '-t', 'e2e', k);
      else this.tmux('send-keys', '-t', 'e2e', '-l', k);
    }
  }

  /** The visible screen; with `history`, the lines scrolled off above it too. */
  capture(escapes = false, history = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), ...(history ? ['-S', '-'] : []), '-t', 'e2e');
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, escapes = false, history = false): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const screen = this.capture(escapes, history);
      if (predicate(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}; the pane shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Waits for the app to end and returns its exit status, which the shell prints after it (see
   * `roadmap()`). By then the app has left the alternate screen: the pane must show the terminal
   * as it was, not the app's last frame.
   */
  async exited(): Promise<number> {
    // tmux scrolls a dead pane's last lines up to say "Pane is dead": read the history too.
    const screen = await this.waitFor((s) => /\[roadmap exited \d+\]/.test(s), 'the app to exit', false, true);
    expect(screen, 'the app left its screen behind').not.toMatch(/\[?\d (Matrix|Roadmap|Week|Metrics|Risks|Standup)\]?\s+\d/);
    return Number(/\[roadmap exited (\d+)\]/.exec(screen)![1]);
  }

  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}').trim();
  }

  stop(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { env: this.env });
  }
}

describe.skipIf(skip !== undefined)('the TUI in tmux (built binary)', () => {
  let dir: string;
  let term: Terminal;

  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'process.js'))) {
      const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`dist/ is missing and \`npm run build\` failed; run it and look at its errors:\n${build.stdout}${build.stderr}`);
    }
  }, 120_000);

  afterEach(() => {
    term?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => term?.stop());

  /** A private home, cache and author; the plan in a fresh temp directory. */
  function setUp(env: Record<string, string> = {}): void {
    dir = mkdtempSync(path.join(tmpdir(), 'roadmap-e2e-'));
    term = new Terminal(dir, {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      ROADMAP_AUTHOR: 'E2E Tester',
      ROADMAP_CACHE_DIR: path.join(dir, 'cache'),
      ...env,
    });
  }

  /** The shell command tmux runs: the app, then its exit status printed on the screen it gives back. */
  const roadmap = (...args: string[]) =>
    `${[process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}; echo "[roadmap exited $?]"`;

  test('views, ticking a task done, re-weighting with what moved, saving and quitting, then the CLI agrees', async () => {
    setUp({ NO_COLOR: '1' });
    const plan = path.join(dir, 'codon-migration.yaml');
    copyFileSync(EXAMPLE, plan);
    const original = readFileSync(plan, 'utf8');
    term.start(roadmap('tui', plan, '--today', TODAY));

    await term.waitFor((s) => s.includes('[1 Matrix]') && s.includes('> dynamic-feature-detect'), 'the Matrix view');
    term.keys('2');
    await term.waitFor((s) => s.includes('[2 Roadmap]') && /Week 1\s+Week 2/.test(s), 'the Roadmap view');
    term.keys('4');
    await term.waitFor((s) => s.includes('[4 Metrics]') && s.includes('10 unverified'), 'the Metrics view');
    term.keys('5');
    await term.waitFor((s) => s.includes('[5 Risks]') && s.includes('Rollback rules (3)'), 'the Risks view');

    // Week 4 holds today; its first task is Ana's error-handler-safety.
    term.keys('3');
    await term.waitFor((s) => s.includes('[3 Week]') && s.includes('Week 4 of 6'), 'the Week view');
    term.keys('Down');
    await term.waitFor((s) => /> {3}error-handler-safety/.test(s), 'the task selected');
    term.keys('Space');
    await term.waitFor((s) => s.includes('error-handler-safety: doing'), 'the task in progress');
    term.keys('Space');
    let screen = await term.waitFor((s) => s.includes('error-handler-safety: done'), 'the task done');
    expect(screen.split('\n').find((l) => l.startsWith('>'))).toMatch(/error-handler-safety .* done\s*$/);

    // One step down on Compatibility: cache drops from week 5 to week 6.
    term.keys('w');
    await term.waitFor((s) => s.includes('Re-weight the criteria'), 'the weights overlay');
    term.keys('-');
    screen = await term.waitFor((s) => s.includes('weight compatibility 3 -> 2:'), 'what moved');
    expect(screen).toContain('  cache: week 5 -> 6');
    expect(screen).toContain('1 unsaved edit');
    term.keys('s');
    await term.waitFor((s) => s.includes('saved 1 edit to') && !s.includes('unsaved edit'), 'the save');
    term.keys('Escape', 'q');
    expect(await term.exited()).toBe(0);

    // The CLI reads the same journal: the ticked task is done.
    const status = execFileSync(process.execPath, [BIN, 'status', plan, '--today', TODAY], { encoding: 'utf8', cwd: dir, env: term.env });
    expect(status).toContain('Done 6/90 person-days (6%) · 1/18 tasks');
    const json = JSON.parse(execFileSync(process.execPath, [BIN, 'status', plan, '--today', TODAY, '--json'], { encoding: 'utf8', cwd: dir, env: term.env }));
    expect(json.tasks.find((t: { id: string }) => t.id === 'error-handler-safety')).toMatchObject({ status: 'done', by: 'E2E Tester' });
    expect(json.tasks.filter((t: { status: string }) => t.status === 'done')).toHaveLength(1);

    // The saved plan: the comments and layout as they were, one value changed.
    const saved = readFileSync(plan, 'utf8');
    const before = original.split('\n');
    const after = saved.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, i) => [before[i], line] as const).filter(([a, b]) => a !== b);
    expect(changed).toEqual([['    - { id: compatibility, name: Compatibility issues, weight: 3 }', '    - { id: compatibility, name: Compatibility issues, weight: 2 }']]);
    expect(saved).toContain('# The six-week Codon migration roadmap for GraphMemory-IDE, written as a roadmap plan.');
  }, 60_000);

  test('the standup report goes to the clipboard over OSC 52, and q leaves the terminal as it was', async () => {
    setUp({ NO_COLOR: '1' });
    const plan = path.join(dir, 'codon-migration.yaml');
    copyFileSync(EXAMPLE, plan);
    term.start(roadmap('tui', plan, '--today', TODAY, '--view', 'standup'));
    await term.waitFor((s) => s.includes('[6 Standup]') && s.includes('Going round by person'), 'the Standup view');
    term.keys('e');
    await term.waitFor((s) => s.includes('Standup report') && s.includes('y copy'), 'the report');
    term.keys('y');
    await term.waitFor((s) => s.includes('copied the standup to the clipboard (OSC 52)'), 'the copy');
    expect(term.tmux('show-buffer')).toMatch(/^# Standup: Codon Migration, Monday 23 November 2026\n/);
    term.keys('q');
    expect(await term.exited()).toBe(0);
  }, 60_000);

  test('escape sequences in plan text never reach the terminal: no title, no link, no colour, no bidi override', async () => {
    setUp();
    const plan = path.join(dir, 'hostile.yaml');
    // YAML double-quoted escapes: \e is ESC, \a is BEL.
    writeFileSync(
      plan,
      [
        'version: 1',
        'project: "Evil\\e]0;PWNED-TITLE\\a project"',
        'title: "Title \\e[38;5;199mPINK\\e[0m"',
        'start: 2026-11-02',
        'team: { capacity_per_week: 5, members: [{ name: "Mal\\u202Elory" }] }',
        'scoring: { criteria: [{ id: value, name: "Value \\e]8;;https://evil.example/\\e\\\\click\\e]8;;\\e\\\\", weight: 1 }] }',
        'components:',
        '  - id: a',
        '    title: "Link \\e]8;;https://evil.example/\\e\\\\click here\\e]8;;\\e\\\\ now"',
        '    group: "bidi \\u202Eevil\\u202C group"',
        '    owner: "Mal\\u202Elory"',
        '    effort: 3',
        '    rollback: [r1]',
        '    risk: { level: high, description: "desc \\e[38;5;199mPINK", mitigation: "mit \\e]0;PWNED-TITLE\\a", monitoring: "mon \\u202Eevil" }',
        '    tasks: [{ id: t1, title: "Task \\e[38;5;199mPINK", effort: 3, owner: "Mal\\u202Elory" }]',
        'metrics:',
        '  - { id: m1, name: "Speed \\e]0;PWNED-TITLE\\a", unit: "\\e[38;5;199m%", target: "< 1", rollback: r1 }',
        'rollback:',
        '  - id: r1',
        '    title: "Roll \\e]8;;https://evil.example/\\e\\\\back\\e]8;;\\e\\\\"',
        '    deadlines: { assess: 15m, decide: 30m, execute: 1h }',
        '    triggers: [{ metric: m1, condition: "> 2" }]',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'ev.json'), '{}\n');
    term.start(roadmap('tui', plan, '--today', TODAY));
    const screens: string[] = [];
    screens.push(await term.waitFor((s) => s.includes('Evil') && s.includes('project'), 'the first frame', true));
    // A measurement that fires the rule brings the banner (its unit is hostile too).
    term.keys('4', 'm', '5', 'Enter', 'Enter');
    screens.push(await term.waitFor((s) => s.includes('ROLLBACK r1 FIRING'), 'the fired banner', true));
    for (const [key, marker] of [
      ['2', 'Roadmap'],
      ['3', 'Week'],
      ['5', 'Rollback rules'],
      ['6', 'Going round'],
      ['e', 'Standup report'],
      ['1', 'Matrix'],
    ] as const) {
      term.keys(key);
      screens.push(await term.waitFor((s) => s.includes(marker), `the ${marker} screen`, true));
    }
    const all = screens.join('\n');
    // The visible text is there, without the sequences around it.
    expect(all).toContain('click here');
    expect(all).toContain('PINK');
    // The plan's own sequences: none of them reached the terminal.
    expect(all).not.toContain('38;5;199');
    expect(all).not.toContain('evil.example');
    expect(all).not.toContain(']8;');
    expect(all).not.toContain('\u202E');
    expect(all).not.toContain('PWNED-TITLE');
    expect(term.paneTitle()).not.toContain('PWNED');
    // Colour is on here, so styling escapes are expected, and they are only SGR.
    expect(all).toMatch(/\u001B\[[0-9;]*m/);
    expect(all.replace(/\u001B\[[0-9;]*m/g, '')).not.toMatch(/\u001B/);
    term.keys('q');
    expect(await term.exited()).toBe(0);
  }, 60_000);
});
