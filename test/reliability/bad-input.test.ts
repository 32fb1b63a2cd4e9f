/**
 * Hostile and broken inputs through the real built binary (`node bin/roadmap.js`), each checked
 * for what a user must see: exit 1 or 3 (0 where a journal problem is only reported), a message
 * with file:line:col where a position exists, no stack trace, nothing that drives the terminal,
 * and an answer at all (the spawn timeout is a hang guard, not a timing assertion).
 *
 * The same runs generate the table in docs/bad-input.md, and this test fails when the table and
 * the program disagree. Regenerate it with:
 *
 *   ROADMAP_UPDATE_DOCS=1 npx vitest run test/reliability/bad-input.test.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, ensureBuilt, expectCleanRun, isRoot, runBinary, type SpawnResult } from './support.js';
import { generatePlan } from '../bench/generate-plan.js';

const DOC = path.join(REPO, 'docs', 'bad-input.md');
const START = '<!-- bad-input:start -->';
const END = '<!-- bad-input:end -->';
const NOBODY = 65534;

/**
 * As root, the permission case runs as `nobody`, who must be able to reach the binary. A clone in a
 * private directory (mktemp -d is 0700) is out of its reach; then that case cannot be shown here
 * and is skipped, and its documented row is kept as it is.
 */
const nobodyCanRun =
  !isRoot || spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1])', BIN], { uid: NOBODY }).status === 0;

const ESC = '\u001b';
const BASE = [
  'version: 1',
  'project: demo',
  'title: Demo',
  'start: 2026-03-02',
  'scoring:',
  '  criteria: [{ id: value, name: Value, weight: 1 }]',
  'components:',
  '  - { id: api, title: API, effort: 2, scores: { value: 3 } }',
  '',
].join('\n');
const withLine = (from: string, to: string) => {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
};

interface Case {
  /** What the user did, for the table. */
  what: string;
  /** Writes the input into `dir`; returns the argv (after `roadmap`). */
  setup(dir: string): string[];
  exit: 0 | 1 | 3;
  /** The problem code the report must carry; its line is the table's excerpt. */
  code: string;
  /** Whether the report gives file:line(:col) for it. */
  positioned: boolean;
  /** Run as an unprivileged user (permission checks mean nothing to root). */
  asNobody?: boolean;
}

const plan = (name: string, text: string | Buffer) => (dir: string) => {
  writeFileSync(path.join(dir, name), text);
  return ['validate', name];
};

function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
    lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A plan next to a journal whose last lines are `lines`, read by `roadmap status`. */
const journal = (lines: string) => (dir: string) => {
  writeFileSync(path.join(dir, 'plan.yaml'), BASE);
  mkdirSync(path.join(dir, 'plan.journal'));
  const good = JSON.stringify({ v: 1, seq: 1, at: '2026-03-02T09:00:00.000Z', by: 'Ana', type: 'status', target: 'api', status: 'doing' });
  writeFileSync(path.join(dir, 'plan.journal', 'ana.jsonl'), `${good}\n${lines}`);
  return ['status', 'plan.yaml', '--today', '2026-03-03'];
};

/** `roadmap export --out <target>` after `prepare` made the target what it is. */
const out = (target: string, prepare: (dir: string) => void = () => undefined, command: 'export' | 'schema' = 'export') => (dir: string) => {
  writeFileSync(path.join(dir, 'plan.yaml'), BASE);
  writeFileSync(path.join(dir, 'notes.md'), 'hand-written notes\n');
  prepare(dir);
  return command === 'export' ? ['export', 'plan.yaml', '--format', 'md', '--out', target] : ['schema', '--out', target];
};

/** A generated 4,000-component plan with `edit` applied to the first line matching `pattern` past three quarters of it. */
function bigPlanWith(pattern: RegExp, edit: (line: string) => string): string {
  const lines = generatePlan({ components: 4000, seed: 1 }).text.split('\n');
  const at = lines.findIndex((line, i) => i > lines.length * 0.75 && pattern.test(line));
  lines[at] = edit(lines[at]!);
  return lines.join('\n');
}

const CASES: Case[] = [
  // The plan's text
  { what: 'YAML syntax error (an unclosed `[`)', setup: plan('plan.yaml', withLine('title: Demo', 'title: [Demo')), exit: 1, code: 'yaml-bad-indent', positioned: true },
  { what: 'a tab used for indentation', setup: plan('plan.yaml', withLine('  - { id: api', '\t- { id: api')), exit: 1, code: 'yaml-tab-as-indent', positioned: true },
  { what: 'a duplicate key', setup: plan('plan.yaml', withLine('title: Demo', 'title: Demo\ntitle: Again')), exit: 1, code: 'yaml-duplicate-key', positioned: true },
  { what: 'a `%YAML 1.1` header', setup: plan('plan.yaml', `%YAML 1.1\n---\n${BASE}`), exit: 1, code: 'yaml-1-1', positioned: true },
  { what: 'an alias bomb (`&a` / `*a` "billion laughs")', setup: plan('plan.yaml', aliasBomb()), exit: 1, code: 'yaml-alias-limit', positioned: true },
  { what: '1000-deep nesting', setup: plan('plan.yaml', `version: 1\nproject: ${'['.repeat(1000)}${']'.repeat(1000)}\n`), exit: 1, code: 'yaml-too-deep', positioned: true },
  { what: 'a YAML 1.1 type tag (`!!binary`, `!!set`, `!!timestamp`)', setup: plan('plan.yaml', withLine('start: 2026-03-02', 'start: 2026-03-02\ncalendar: !!binary aGVsbG8=')), exit: 1, code: 'yaml-tag-resolve-failed', positioned: true },
  { what: 'a `__proto__:` key', setup: plan('plan.yaml', `${BASE}  - { id: web, title: Web, effort: 1, __proto__: { polluted: 1 } }\n`), exit: 1, code: 'reserved-key', positioned: true },
  { what: 'an id with control characters', setup: plan('plan.yaml', withLine('id: api', 'id: "api\\e]0;pwned\\a\\u202e"')), exit: 1, code: 'invalid-id', positioned: true },
  { what: 'an impossible date (2025-02-30)', setup: plan('plan.yaml', withLine('2026-03-02', '2025-02-30')), exit: 1, code: 'invalid-date', positioned: true },
  { what: 'a five-digit year (99999-01-01)', setup: plan('plan.yaml', withLine('2026-03-02', '99999-01-01')), exit: 1, code: 'invalid-date', positioned: true },
  { what: 'a start date out of range (9999-12-20)', setup: plan('plan.yaml', withLine('2026-03-02', '9999-12-20')), exit: 1, code: 'start-out-of-range', positioned: true },
  { what: 'a number too large for a double (1e400)', setup: plan('plan.yaml', withLine('effort: 2', 'effort: 1e400')), exit: 1, code: 'number-too-large', positioned: true },
  // The plan's bytes
  { what: 'an empty file', setup: plan('plan.yaml', ''), exit: 1, code: 'empty-file', positioned: false },
  { what: 'a binary file', setup: plan('plan.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), exit: 1, code: 'binary-file', positioned: false },
  { what: 'UTF-16 text', setup: plan('plan.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE, 'utf16le')])), exit: 1, code: 'encoding-utf16', positioned: false },
  { what: 'invalid UTF-8 (a Latin-1 é)', setup: plan('plan.yaml', Buffer.concat([Buffer.from(BASE.replace('Demo', 'Caf')), Buffer.from([0xe9, 0x0a])])), exit: 1, code: 'encoding-invalid-utf8', positioned: true },
  { what: 'a 20 MiB file (one long line)', setup: plan('plan.yaml', `${'x'.repeat(20 * 1024 * 1024)}\n`), exit: 1, code: 'wrong-type', positioned: true },
  { what: 'a 2.6 MiB plan (4,000 components) with a misspelt key three quarters down', setup: plan('plan.yaml', bigPlanWith(/^ {4}title: /, (l) => l.replace('title:', 'titel:'))), exit: 1, code: 'unknown-key', positioned: true },
  { what: 'a 2.6 MiB plan (4,000 components) with an unclosed `{` three quarters down', setup: plan('plan.yaml', bigPlanWith(/^ {4}scores: \{.*\}$/, (l) => l.slice(0, -2))), exit: 1, code: 'yaml-bad-indent', positioned: true },
  {
    what: 'a file over the 64 MiB cap',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'plan.yaml'), '');
      truncateSync(path.join(dir, 'plan.yaml'), 70_000_000); // sparse: nothing is written
      return ['validate', 'plan.yaml'];
    },
    exit: 3,
    code: 'io-too-large',
    positioned: false,
  },
  // Not a plan file at all
  { what: 'a directory', setup: (dir) => (mkdirSync(path.join(dir, 'plans.yaml')), ['validate', 'plans.yaml']), exit: 3, code: 'io-is-directory', positioned: false },
  { what: 'a fifo (named pipe; must not hang)', setup: (dir) => (execFileSync('mkfifo', [path.join(dir, 'plan.yaml')]), ['validate', 'plan.yaml']), exit: 3, code: 'io-not-regular', positioned: false },
  {
    what: 'a file without read permission',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'plan.yaml'), BASE);
      chmodSync(path.join(dir, 'plan.yaml'), 0o000);
      return ['validate', 'plan.yaml'];
    },
    exit: 3,
    code: 'io-permission',
    positioned: false,
    asNobody: true,
  },
  { what: 'a file that does not exist', setup: () => ['validate', 'plan.yml'], exit: 3, code: 'io-not-found', positioned: false },
  // Journals (problems are reported; the status is still shown)
  { what: 'a journal whose last line is torn (a killed write)', setup: journal('{"v":1,"seq":2,"at":"2026-03-0'), exit: 0, code: 'journal-torn-line', positioned: true },
  { what: 'a journal line that is not JSON', setup: journal('merge conflict <<<<<<<\n'), exit: 0, code: 'journal-bad-line', positioned: true },
  { what: 'a journal event nested 10,000 deep', setup: journal(`{"v":1,"seq":2,"at":"2026-03-02T10:00:00.000Z","by":"Ana","type":"standup","data":${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`), exit: 0, code: 'journal-bad-event', positioned: true },
  { what: 'a journal event for an unknown id', setup: journal(`${JSON.stringify({ v: 1, seq: 2, at: '2026-03-02T10:00:00.000Z', by: 'Ana', type: 'status', target: 'apj', status: 'done' })}\n`), exit: 0, code: 'journal-unknown-target', positioned: true },
  // Imports
  {
    what: '`import` of a file that is not a report',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'plan.yaml'), BASE);
      writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }\n');
      return ['import', 'plan.yaml', 'package.json'];
    },
    exit: 1,
    code: 'import-unknown-format',
    positioned: false,
  },
  {
    what: '`import` of JUnit XML with an entity bomb',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'plan.yaml'), BASE);
      const entities = '<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">';
      writeFileSync(path.join(dir, 'junit.xml'), `<?xml version="1.0"?>\n<!DOCTYPE x [${entities}]>\n<testsuite name="&c;" tests="1"><testcase name="&c;"/></testsuite>\n`);
      return ['import', 'plan.yaml', 'junit.xml'];
    },
    exit: 1,
    code: 'import-bad-junit',
    positioned: false,
  },
  // Where output goes
  { what: '`--out` naming a directory', setup: out('docs', (d) => mkdirSync(path.join(d, 'docs'))), exit: 3, code: 'io-is-directory', positioned: false },
  { what: '`--out` through a symbolic link', setup: out('roadmap.md', (d) => symlinkSync('notes.md', path.join(d, 'roadmap.md'))), exit: 3, code: 'io-symlink', positioned: false },
  { what: '`--out` with control characters in the name', setup: out(`road${ESC}]0;pwned\u0007map.md`), exit: 3, code: 'io-bad-path', positioned: false },
  { what: '`--out` over a file that is not an earlier export', setup: out('notes.md'), exit: 3, code: 'io-would-overwrite', positioned: false },
  { what: '`--out` into a directory that does not exist', setup: out('site/roadmap.md'), exit: 3, code: 'io-not-found', positioned: false },
  { what: '`schema --out` naming a directory', setup: out('docs', (d) => mkdirSync(path.join(d, 'docs')), 'schema'), exit: 3, code: 'io-is-directory', positioned: false },
];

let root: string;
beforeAll(async () => {
  await ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'roadmap-bad-input-'));
  // The permission case runs as an unprivileged user when the tests run as root.
  chmodSync(root, 0o755);
}, 240_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir` with its type, size and content hash-ish (bytes), to spot any write. */
function listing(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const st = lstatSync(full);
      const rel = path.relative(dir, full);
      if (st.isDirectory()) {
        result[rel] = 'dir';
        visit(full);
      } else if (st.isFile() && st.size < 1024 * 1024) result[rel] = `file ${st.mode & 0o777 ? readFileSync(full, 'latin1') : ''}`;
      else result[rel] = `${st.isSymbolicLink() ? 'link' : 'other'} ${st.size}`;
    }
  };
  visit(dir);
  return result;
}

/**
 * The line reporting `code`: on stderr from the loaders, or in the status screen's journal section
 * on stdout, where a long line wraps onto indented continuation lines (joined back here).
 */
function problemLine(run: SpawnResult, code: string): string {
  for (const text of [run.stderr, run.stdout]) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes(` ${code}: `));
    if (i < 0) continue;
    const indent = /^ */.exec(lines[i]!)![0].length;
    const parts = [lines[i]!.trim()];
    for (let j = i + 1; j < lines.length && /^ */.exec(lines[j]!)![0].length > indent && !/^\s*(\d+ )?\|/.test(lines[j]!) && !/^\s*>/.test(lines[j]!) && !/^\s*hint:/.test(lines[j]!); j++) {
      parts.push(lines[j]!.trim());
    }
    return parts.join(' ');
  }
  return '';
}

interface Seen {
  run: SpawnResult;
  argv: string[];
  line: string;
}
const seen = new Map<Case, Seen>();

async function runCase(c: Case, index: number): Promise<Seen> {
  const dir = path.join(root, String(index));
  mkdirSync(dir);
  chmodSync(dir, 0o777);
  const argv = c.setup(dir);
  const before = listing(dir);
  const run = await runBinary(argv, { cwd: dir, timeoutMs: 20_000, ...(c.asNobody && isRoot ? { uid: NOBODY } : {}) });
  if (argv.includes('--out')) expect(listing(dir), 'a refused --out wrote something').toEqual(before);
  return { run, argv, line: problemLine(run, c.code) };
}

describe('hostile inputs through the built binary', () => {
  it.for(CASES.map((c, i) => [c.what, c, i] as const))('%s', async ([, c, i], ctx) => {
    if (c.asNobody && !nobodyCanRun) ctx.skip('as root, and user nobody cannot reach this checkout to run it');
    const s = await runCase(c, i);
    seen.set(c, s);
    expect(s.run.timedOut, 'no answer within 20 s: a hang').toBe(false);
    expect(s.run.code, s.run.stderr).toBe(c.exit);
    expectCleanRun(s.run, `${c.what}: roadmap ${s.argv.join(' ')}`, { exits: [c.exit] });
    expect(s.line, `the output names ${c.code}:\n${s.run.stderr.slice(0, 1500)}`).not.toBe('');
    const where = /^(\S+?)(?::(\d+))?(?::(\d+))?:? (error|warning) /.exec(s.line);
    expect(where, s.line).not.toBeNull();
    if (c.positioned) expect(where![2], `${c.code} is positioned: ${s.line}`).toBeDefined();
    // A report, not a dump: the terminal gets a screenful at most.
    expect(s.run.stderr.length).toBeLessThan(4000);
  });

  it('--out writes exactly the file it names, and a refused --out writes nothing anywhere', async () => {
    const dir = path.join(root, 'out-ok');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'plan.yaml'), BASE);
    const before = listing(dir);
    const r = await runBinary(['export', 'plan.yaml', '--format', 'md', '--out', 'roadmap.md'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const after = listing(dir);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual(['roadmap.md']);
    // The link case: the file the link points to is untouched (checked by the listing above too).
    expect(readFileSync(path.join(root, String(CASES.findIndex((c) => c.code === 'io-symlink')), 'notes.md'), 'utf8')).toBe('hand-written notes\n');
  });
});

// ---------------------------------------------------------------------------------------------
// docs/bad-input.md

/** A Markdown table cell holding `text` as code: pipes escaped, enough backticks to fence it. */
function codeCell(text: string): string {
  const ticks = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\|/g, '\\|')}${pad}${ticks}`;
}

function table(current: string): string {
  const rows = CASES.map((c) => {
    const s = seen.get(c);
    if (!s) return current.split('\n').find((line) => line.startsWith(`| ${c.what.replace(/\|/g, '\\|')} |`)) ?? `| ${c.what} | (not run) | | |`;
    const argv = s.argv.map((a) => (/[\u0000-\u001f]/.test(a) ? JSON.stringify(a).slice(1, -1) : a)).join(' ');
    return `| ${c.what.replace(/\|/g, '\\|')} | ${codeCell(`roadmap ${argv}`)} | ${s.run.code} | ${codeCell(s.line.trim())} |`;
  });
  return [START, '| Bad input | Command | Exit | What you see (the problem line; a source frame and a hint follow) |', '| --- | --- | --- | --- |', ...rows, END].join('\n');
}

describe('docs/bad-input.md', () => {
  it('its table is what the program prints (ROADMAP_UPDATE_DOCS=1 regenerates it)', () => {
    expect(seen.size, 'the cases above ran').toBe(CASES.filter((c) => nobodyCanRun || !c.asNobody).length);
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `${DOC} has the ${START} marker`).toBeGreaterThanOrEqual(0);
    const current = doc.slice(start, end + END.length);
    const fresh = table(current);
    if (process.env.ROADMAP_UPDATE_DOCS && current !== fresh) writeFileSync(DOC, doc.replace(current, fresh));
    else expect(current).toBe(fresh);
  });
});
