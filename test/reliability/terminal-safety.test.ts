/**
 * Terminal safety across every command: a plan, a journal and imported files whose every piece of
 * text tries to drive the terminal (SGR colour, OSC 0 title, OSC 8 link, CSI clear-screen, the C1
 * CSI U+009B, bidi overrides and isolates, NUL) or to break out of an export format (<script> in
 * HTML, formulas in CSV, a new VEVENT in iCalendar, | and # in Markdown tables).
 *
 * Text output must hold none of those characters (U+FFFD in their place is fine); JSON output may
 * carry them only as \u escapes, and must parse back to exactly the hostile strings.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { journalFile } from '../../src/plan/journal-io.js';
import {
  ENV,
  HOSTILE_PLAN,
  REGISTERED_COMMANDS,
  REPO,
  argvFor,
  expectCleanRun,
  expectSafeJson,
  firstUnsafe,
  invocations,
  setupArgvFor,
  type Invocation,
} from './support.js';

const ESC = '\u001b';
/** Every attack in one string, for notes and names that are not format-specific. */
const EVIL = `${ESC}[31mred${ESC}[0m ${ESC}]0;pwned\u0007 ${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}[2J${ESC}[H \u009b31m \u202eevil\u202c \u2066iso\u2069 nul\u0000 del\u007f`;
const IMPORT_COVERAGE = `cov${ESC}]0;pwned\u0007\u202e-summary.json`;
const IMPORT_JUNIT = `junit${ESC}[2J\u009b31m.xml`;
const IMPORT_BENCH = `bench${ESC}]8;;x${ESC}\\.json`;
const IMPORT_BAD_BENCH = `bad${ESC}[5m.json`;

let dir: string;
const PLAN = 'plan.yaml';
const run = (argv: string[], env: Record<string, string> = ENV): Promise<CliRun> => runCli(argv, { cwd: dir, env });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-hostile-'));
  copyFileSync(path.join(REPO, HOSTILE_PLAN), path.join(dir, PLAN));
  copyFileSync(path.join(REPO, 'test/fixtures/imports/c8-coverage-summary.json'), path.join(dir, IMPORT_COVERAGE));
  copyFileSync(path.join(REPO, 'test/fixtures/imports/vitest-junit.xml'), path.join(dir, IMPORT_JUNIT));
  writeFileSync(path.join(dir, IMPORT_BENCH), JSON.stringify({ format: 'roadmap.bench/v1', results: [{ metric: 'speedup', value: 4, note: EVIL }] }));
  writeFileSync(path.join(dir, IMPORT_BAD_BENCH), JSON.stringify({ format: 'roadmap.bench/v1', results: [{ metric: `speedup${EVIL}`, value: 4 }] }));

  // Journal events through the commands themselves (notes and evidence are stored as given)...
  const recorded = [
    ['track', PLAN, 'core-a', 'blocked', '--note', EVIL, '--at', '2026-11-20T09:00:00Z'],
    ['track', PLAN, 'core', 'done', '--note', EVIL, '--at', '2026-11-20T10:00:00Z'],
    ['metric', PLAN, 'speedup', '3', '--note', EVIL, '--evidence', `https://x.example/${EVIL}`, '--at', '2026-11-20T11:00:00Z'],
    ['metric', PLAN, 'error-rate', '9', '--note', EVIL, '--at', '2026-11-22T11:00:00Z'],
  ];
  for (const argv of recorded) {
    const r = await run(argv);
    expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
  }
  // ...and a teammate's hand-edited file: hostile author, unknown ids, wrong shapes, a torn line.
  const mallory = `Mallory ${EVIL}`;
  const at = (m: number) => `2026-11-21T09:${String(m).padStart(2, '0')}:00.000Z`;
  const lines = [
    { v: 1, seq: 1, at: at(0), by: mallory, type: 'status', target: 'edge-a', status: 'doing', note: EVIL },
    { v: 1, seq: 2, at: at(1), by: mallory, type: 'status', target: `ghost${EVIL}`, status: 'done' },
    { v: 1, seq: 3, at: at(2), by: mallory, type: 'measure', metric: `nope${EVIL}`, value: 1 },
    { v: 1, seq: 4, at: at(3), by: mallory, type: 'measure', metric: 'test-coverage', value: 70, note: EVIL, evidence: { path: `r${EVIL}.xml`, url: `http://${EVIL}` } },
    { v: 1, seq: 5, at: at(4), by: mallory, type: 'note', target: 'edge', text: EVIL },
    { v: 1, seq: 6, at: at(5), by: mallory, type: 'baseline', name: `base${EVIL}`, data: { weeks: [EVIL] } },
    { v: 1, seq: 7, at: at(6), by: mallory, type: 'standup', data: { text: EVIL } },
    { v: 1, seq: 8, at: at(7), by: mallory, type: `kind${EVIL}` },
    { v: 1, seq: 9, at: at(8), by: mallory, type: 'status', target: 'core-b', status: `st${EVIL}` },
    { v: `${EVIL}` },
  ].map((e) => JSON.stringify(e));
  const file = journalFile(path.join(dir, PLAN), 'Mallory');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n${EVIL} not json\n{"v":1,"seq":10,"note":"${EVIL.slice(0, 12)}`);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const MATRIX: Invocation[] = [
  ...invocations({ task: 'core-b', metric: 'speedup', criterion: 'value' }),
  { command: 'track', args: [`edge${EVIL}`, 'done'], format: 'text', writes: true },
  { command: 'metric', args: [`speed${EVIL}`, '1'], format: 'text', writes: true },
  { command: 'import', args: [IMPORT_COVERAGE, IMPORT_JUNIT, IMPORT_BENCH], format: 'text', writes: true },
  { command: 'import', args: [IMPORT_BAD_BENCH], format: 'text', writes: true },
  { command: 'baseline', args: ['save', '--name', `kick\u202eoff\u2066x`, '--force', '--at', '2026-11-03T09:00'], format: 'text', writes: true },
  {
    command: 'baseline',
    args: ['diff', '--name', `kick\u202eoff\u2066x`, '--today', '2026-11-23'],
    format: 'text',
    before: ['save', '--name', `kick\u202eoff\u2066x`, '--force', '--at', '2026-11-03T09:00'],
  },
].filter((inv) => REGISTERED_COMMANDS.includes(inv.command));

it('the matrix covers every registered command', () => {
  const covered = new Set(MATRIX.map((i) => i.command));
  expect(REGISTERED_COMMANDS.filter((c) => !covered.has(c))).toEqual([]);
});

// eslint-disable-next-line no-control-regex
const TERMINAL_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;
/** The SGR codes src/cli/style.ts emits: bold, dim, red, yellow, green, cyan and their resets. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

describe.each([
  ['NO_COLOR', ENV],
  ['FORCE_COLOR', { FORCE_COLOR: '1', ROADMAP_AUTHOR: 'Fuzz' }],
] as const)('with %s', (mode, env) => {
  it.each(MATRIX.map((inv) => [argvFor(inv, PLAN).join(' ').replace(TERMINAL_CHARS, '?'), inv] as const))(
    '%s: nothing from the input reaches the terminal',
    async (_label, inv) => {
      const setup = setupArgvFor(inv, PLAN);
      if (setup) expect((await run(setup, env)).code).toBe(0);
      const r = await run(argvFor(inv, PLAN), env);
      const label = `${mode} ${argvFor(inv, PLAN).join(' ')}`;
      // Our own styling is the only escape allowed when colour is on; take exactly our codes out.
      const ours = (text: string) => (mode === 'FORCE_COLOR' ? text.replace(OWN_SGR, '') : text);
      expectCleanRun({ code: r.code, stdout: ours(r.stdout), stderr: ours(r.stderr) }, label, { format: inv.format });
      expect(r.stdout.length + r.stderr.length, label).toBeGreaterThan(0);
      if (inv.format === 'json' && r.code === 0) expectSafeJson(r.stdout, label);
    },
  );
});

describe('a hostile plan file name', () => {
  const NAME = `plan${ESC}]0;pwned\u0007\u202e.yaml`;
  const BROKEN = `broken${ESC}[2J\u009b31m.yaml`;
  beforeAll(() => {
    copyFileSync(path.join(dir, PLAN), path.join(dir, NAME));
    copyFileSync(path.join(REPO, 'plans/invalid/bad-reference.yaml'), path.join(dir, BROKEN));
  });

  it.each(invocations({ task: 'core-b', metric: 'speedup' }).map((inv) => [inv.command, inv.args.join(' '), inv] as const))(
    '%s %s: the name is never printed raw',
    async (_c, _a, inv) => {
      for (const plan of [NAME, BROKEN, `missing${ESC}]0;x\u0007.yaml`]) {
        const setup = setupArgvFor(inv, plan);
        if (setup) expectCleanRun(await run(setup), `${inv.command} <hostile name> ${setup.join(' ')}`);
        const r = await run(argvFor(inv, plan));
        expectCleanRun(r, `${inv.command} <hostile name> ${inv.args.join(' ')}`, { format: inv.format });
      }
    },
  );
});

describe('standup --git with hostile commit messages and author names', () => {
  let repo: string;
  beforeAll(() => {
    repo = path.join(dir, 'git-repo');
    mkdirSync(repo);
    copyFileSync(path.join(REPO, HOSTILE_PLAN), path.join(repo, PLAN));
    const when = { GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...when }, stdio: 'pipe' });
    const evil = EVIL.replace(/\u0000/g, ''); // an argument cannot carry NUL
    git('init', '-q');
    git('add', PLAN);
    git('-c', `user.name=Mallory ${evil}`, '-c', 'user.email=m@example.com', 'commit', '-q', '-m', `core-a: fix ${evil}`, '-m', `body ${evil}`);
  });

  it.each([['text'], ['md'], ['slack'], ['json']])('--format %s', async (format) => {
    const r = await runCli(['standup', PLAN, '--git', '--since', '2026-11-19', '--format', format], { cwd: repo, env: ENV });
    expectCleanRun(r, `standup --git --format ${format}`, { format });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('core-a: fix');
    if (format === 'json') expectSafeJson(r.stdout, 'standup --git json');
  });
});

describe('usage errors quote hostile arguments safely (exit 2)', () => {
  const SHORT = `${ESC}]0;pwned\u0007${ESC}[2J\u009b31m\u202e`;
  const cases: [string, string[]][] = [
    ['a status', ['track', PLAN, 'core', `done${EVIL}`]],
    ['a metric value', ['metric', PLAN, 'speedup', `4${EVIL}`]],
    ['an export format', ['export', PLAN, '--format', `md${EVIL}`]],
    ['a --weight', ['schedule', PLAN, '--weight', `value${EVIL}=2`]],
    ['a --since', ['standup', PLAN, '--since', EVIL]],
    ['a --today', ['status', PLAN, '--today', EVIL]],
    ['a --by', ['track', PLAN, 'core', 'done', '--by', EVIL]],
    ['an --at', ['track', PLAN, 'core', 'done', '--at', EVIL]],
    ['an import --metric', ['import', PLAN, 'x.json', '--metric', EVIL]],
    ['a command name', [`valid${SHORT}ate`]],
    ['an option name', ['validate', `--js${SHORT}on`]],
  ];
  it.each(cases)('%s', async (_what, argv) => {
    const r = await run(argv);
    expectCleanRun(r, argv.join(' '), { exits: [2] });
    expect(r.stderr).toMatch(/^roadmap: /);
  });
});

describe('JSON output keeps the hostile text exactly, as escapes', () => {
  const plan = () => parseYaml(readFileSync(path.join(dir, PLAN), 'utf8')) as { title: string; components: { title: string; tasks?: { title: string }[] }[] };

  it.each([
    ['schedule', ['--json']],
    ['status', ['--json']],
    ['export', ['--format', 'json']],
  ])('%s %s round-trips every title', async (command, args) => {
    const r = await run([command, PLAN, ...args]);
    expect(r.code).toBe(0);
    const parsed = expectSafeJson(r.stdout, command);
    const strings = new Set<string>();
    JSON.stringify(parsed, (_k, v: unknown) => (typeof v === 'string' ? (strings.add(v), v) : v));
    // The raw hostile titles are in there as data (escaped on the wire), not sanitised away.
    for (const c of plan().components) expect(strings.has(c.title), c.title).toBe(true);
    expect(firstUnsafe(plan().components[0]!.title)).toBeDefined();
  });

  it('status --json keeps a hostile journal note exactly', async () => {
    const r = await run(['status', PLAN, '--json']);
    expect(r.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(r.stdout).toContain('\\u202e');
    expect(r.stdout).toContain('\\u009b');
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(EVIL).slice(1, -1));
  });
});

describe('text output still says something: the hostile text is shown, defanged', () => {
  it('status shows the plan title with U+FFFD where the controls were', async () => {
    const r = await run(['status', PLAN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Title.*\uFFFDesrever/);
  });

  it('track echoes a hostile note without its escapes', async () => {
    const r = await run(['track', PLAN, 'later', 'doing', '--note', EVIL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('later: todo -> doing');
    expect(r.stdout).toMatch(/note: .*red.*evil/);
    expect(firstUnsafe(r.stdout)).toBeUndefined();
  });

  it('import names hostile file names safely, in output and on the next status', async () => {
    const r = await run(['import', PLAN, IMPORT_COVERAGE]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/cov.*-summary\.json/);
    expect(firstUnsafe(r.stdout + r.stderr)).toBeUndefined();
  });
});

describe('exports escape for their format', () => {
  const exportText = async (format: string, extra: string[] = []) => {
    const r = await run(['export', PLAN, '--format', format, ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  it('html: no element or attribute comes from the plan', async () => {
    const html = await exportText('html');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).toContain('&lt;script&gt;alert(');
    expect(html).not.toMatch(/href=["']?javascript:/i);
  });

  it('csv: no cell starts a formula; every task is one row', async () => {
    const csv = await exportText('csv');
    const rows = parseCsv(csv, { relax_column_count: false }) as string[][];
    const header = rows[0]!;
    const body = rows.slice(1);
    expect(body).toHaveLength(4); // core-a, core-b, edge-a, later
    for (const row of body) {
      expect(row).toHaveLength(header.length);
      for (const cell of row) {
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(body.map((r) => r[header.indexOf('task')])).toEqual(expect.arrayContaining(["'=cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"]));
  });

  it.each([['week'], ['task']])('ics per %s: a newline in a title cannot start a VEVENT', async (per) => {
    const ics = await exportText('ics', ['--per', per]);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    const lines = unfolded.split('\r\n');
    expect(lines.filter((l) => /^SUMMARY:(evil|injected)/.test(l))).toEqual([]);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBe(lines.filter((l) => l === 'END:VEVENT').length);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.length).toBe(lines.filter((l) => l === 'BEGIN:VEVENT').length);
    for (const e of events) expect(String(e.getFirstPropertyValue('summary'))).not.toMatch(/^(evil|injected)$/);
    if (per === 'task') {
      const summaries = events.map((e) => String(e.getFirstPropertyValue('summary')));
      expect(summaries.some((s) => s.includes('Task B') && s.includes('BEGIN:VEVENT'))).toBe(true);
    }
  });

  it('md: | and # inside a cell do not add columns or headings; raw HTML is not passed through', async () => {
    const md = await exportText('md');
    const tokens = new MarkdownIt({ html: true }).parse(md, {});
    let tables = 0;
    let headerCells = 0;
    let cells = 0;
    for (const t of tokens) {
      if (t.type === 'table_open') tables++;
      if (t.type === 'tr_open') cells = 0;
      if (t.type === 'th_open' || t.type === 'td_open') cells++;
      if (t.type === 'thead_close') headerCells = cells;
      if (t.type === 'tr_close' && headerCells > 0) expect(cells).toBe(headerCells);
      if (t.type === 'table_close') headerCells = 0;
    }
    expect(tables).toBeGreaterThan(0);
    const headings = tokens.filter((t) => t.type === 'inline' && tokens[tokens.indexOf(t) - 1]?.type === 'heading_open').map((t) => t.content);
    expect(headings.filter((h) => /^(heading|hash)$/.test(h.trim()))).toEqual([]);
    const html = new MarkdownIt({ html: true }).render(md);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });
});
