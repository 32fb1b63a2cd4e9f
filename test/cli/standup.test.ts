/**
 * `roadmap standup` end to end: the example plan copied into a temp folder with a scripted journal,
 * run in-process with a fixed clock. Golden files live in test/fixtures/standup/; to regenerate
 * them after an intended change run `UPDATE_GOLDENS=1 npx vitest run test/cli/standup.test.ts`
 * and review the diff.
 */
// Clock times and day boundaries are local time; pin the zone so the goldens hold everywhere.
process.env.TZ = 'UTC';

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { serialiseEvent, type JournalEvent, type NewJournalEvent } from '../../src/core/journal.js';
import { authorSlug } from '../../src/plan/journal-io.js';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOLDEN_DIR = path.join(ROOT, 'test/fixtures/standup');
const PLAN_TEXT = readFileSync(path.join(ROOT, 'plans/codon-migration.yaml'), 'utf8');
const NOW = new Date('2026-11-23T10:00:00Z');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp copy of the plan folder with the given journal; returns the folder. */
function planDir(events: NewJournalEvent[] = [], planText = PLAN_TEXT): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-standup-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'codon-migration.yaml'), planText);
  const byAuthor = new Map<string, string[]>();
  for (const e of events) {
    const lines = byAuthor.get(e.by) ?? [];
    lines.push(serialiseEvent({ v: 1, seq: lines.length + 1, ...e } as JournalEvent));
    byAuthor.set(e.by, lines);
  }
  if (byAuthor.size > 0) mkdirSync(path.join(dir, 'codon-migration.journal'));
  for (const [by, lines] of byAuthor) writeFileSync(path.join(dir, 'codon-migration.journal', `${authorSlug(by)}.jsonl`), `${lines.join('\n')}\n`);
  return dir;
}

const at = (day: string, time: string) => `${day}T${time}:00.000Z`;
const status = (by: string, when: string, target: string, s: string, note?: string): NewJournalEvent =>
  ({ at: when, by, type: 'status', target, status: s, ...(note !== undefined ? { note } : {}) }) as NewJournalEvent;
const measure = (by: string, when: string, metric: string, value: number): NewJournalEvent => ({ at: when, by, type: 'measure', metric, value });

/** Four weeks in: some work done, one task blocked for a week, two rollback rules one bad value away. */
const WEEK4: NewJournalEvent[] = [
  status('Ana', at('2026-11-06', '16:00'), 'dynamic-feature-detection', 'done'),
  status('Ana', at('2026-11-13', '16:00'), 'health-monitor-safety', 'done'),
  status('Bo', at('2026-11-13', '16:30'), 'incident-manager-safety', 'done'),
  status('Chen', at('2026-11-16', '09:00'), 'stream-producer-safety', 'blocked', 'waiting for the load-test cluster'),
  {
    at: at('2026-11-16', '08:00'),
    by: 'Fay',
    type: 'baseline',
    name: 'week-3',
    data: {
      components: [
        {
          id: 'error-handling',
          title: 'Error Handling Framework',
          startWeek: 4,
          endWeek: 4,
          tasks: [
            { id: 'error-handler-safety', title: 'Error Handler Thread Safety' },
            { id: 'error-middleware', title: 'Error Middleware Optimization' },
            { id: 'error-docs', title: 'Error Catalogue' },
          ],
        },
        { id: 'legacy-shim', title: 'Legacy import shim', startWeek: 4, endWeek: 4, tasks: [{ id: 'shim-removal', title: 'Remove the shim' }] },
      ],
    },
  },
  status('Ana', at('2026-11-17', '17:00'), 'ai-optimizer', 'doing'),
  measure('Ana', at('2026-11-18', '12:00'), 'analytics-speedup', 30),
  status('Bo', at('2026-11-19', '10:00'), 'analytics-algorithms', 'doing'),
  measure('Eli', at('2026-11-19', '17:00'), 'test-coverage', 92),
  status('Ana', at('2026-11-20', '15:00'), 'ai-optimizer', 'done', 'NumPy paths compiled'),
  measure('Eli', at('2026-11-20', '17:00'), 'test-coverage', 89),
  measure('Dara', at('2026-11-20', '17:30'), 'error-rate', 0.95),
  measure('Ana', at('2026-11-23', '08:30'), 'analytics-speedup', 42),
  status('Ana', at('2026-11-23', '08:45'), 'error-handler-safety', 'doing'),
];

/** The same morning, after the error rate jumped: the immediate rollback is firing. */
const FIRING: NewJournalEvent[] = [...WEEK4, measure('Dara', at('2026-11-23', '09:40'), 'error-rate', 1.4)];

async function standup(dir: string, args: string[], now = NOW) {
  return runCli(['standup', path.join(dir, 'codon-migration.yaml'), ...args], { cwd: dir, now });
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDENS || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_GOLDENS) throw new Error(`golden ${name} did not exist; wrote it: review it and run again`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('roadmap standup: golden output on the example plan', () => {
  const ext = { md: 'md', slack: 'slack.txt', text: 'txt', json: 'json' } as const;
  for (const format of ['md', 'slack', 'text', 'json'] as const) {
    test(`Monday of week 4, ${format}`, async () => {
      const run = await standup(planDir(WEEK4), ['--today', '2026-11-23', '--format', format]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectGolden(`week4.${ext[format]}`, run.stdout);
    });
  }

  test('a firing rollback rule leads the risks with its deadlines as clock times (slack and text)', async () => {
    const dir = planDir(FIRING);
    const slack = await standup(dir, ['--today', '2026-11-23', '--format', 'slack']);
    expect(slack.code).toBe(0);
    expectGolden('firing.slack.txt', slack.stdout);
    const text = await standup(dir, ['--today', '2026-11-23', '--format', 'text']);
    expectGolden('firing.txt', text.stdout);
    expect(text.stdout).toContain('Assess by 09:55, decide by 10:10, execute by 10:40; the assess deadline has passed');
    expect(text.stdout).toContain('Health: off track - rollback "immediate" firing');
  });

  test('no journal at all: every section says so, nothing is invented', async () => {
    const run = await standup(planDir(), ['--today', '2026-11-04', '--format', 'md'], new Date('2026-11-04T09:00:00Z'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expectGolden('no-events.md', run.stdout);
  });

  test('Monday after a Friday holiday looks back to Thursday', async () => {
    const withHoliday = PLAN_TEXT.replace(
      '    - { date: 2026-12-25, name: Christmas Day }',
      '    - { date: 2026-11-20, name: Team offsite }\n    - { date: 2026-12-25, name: Christmas Day }',
    );
    expect(withHoliday).not.toBe(PLAN_TEXT);
    const dir = planDir(
      [
        status('Bo', at('2026-11-18', '16:00'), 'ai-optimizer', 'done'),
        status('Bo', at('2026-11-19', '11:00'), 'analytics-algorithms', 'done'),
        status('Chen', at('2026-11-19', '15:00'), 'alert-correlation', 'doing'),
      ],
      withHoliday,
    );
    const text = await standup(dir, ['--today', '2026-11-23', '--format', 'text']);
    expect(text.code).toBe(0);
    expectGolden('holiday.txt', text.stdout);
    const json = JSON.parse((await standup(dir, ['--today', '2026-11-23', '--format', 'json'])).stdout);
    expect(json.window).toMatchObject({ since: '2026-11-19', basis: 'previous-work-day' });
    // Thursday's work counts as "since last"; Wednesday's does not.
    expect(json.done.map((d: { id: string }) => d.id)).toEqual(['analytics-algorithms']);
  });
});

describe('roadmap standup: since', () => {
  test('defaults to the previous work day; yesterday is the same; a date is taken as given', async () => {
    const dir = planDir(WEEK4);
    const window = async (args: string[]) => JSON.parse((await standup(dir, ['--today', '2026-11-23', '--format', 'json', ...args])).stdout).window;
    expect(await window([])).toEqual({ since: '2026-11-20', sinceAt: '2026-11-20T00:00:00.000Z', until: '2026-11-23T10:00:00.000Z', basis: 'previous-work-day' });
    expect(await window(['--since', 'yesterday'])).toEqual(await window([]));
    expect(await window(['--since', '2026-11-16'])).toMatchObject({ since: '2026-11-16', basis: 'date' });
  });

  test('a longer window shows more done work', async () => {
    const dir = planDir(WEEK4);
    const done = async (args: string[]) =>
      JSON.parse((await standup(dir, ['--today', '2026-11-23', '--format', 'json', ...args])).stdout).done.map((d: { id: string }) => d.id);
    expect(await done([])).toEqual(['ai-optimizer']);
    expect(await done(['--since', '2026-11-13'])).toEqual(['health-monitor-safety', 'incident-manager-safety', 'ai-optimizer']);
  });

  test('--since last without any recorded standup falls back to the previous work day, with a note', async () => {
    const run = await standup(planDir(WEEK4), ['--today', '2026-11-23', '--since', 'last']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Since Friday 20 November 2026 (previous work day)');
    expect(run.stdout).toContain('Note: no standup has been recorded yet, so this looks back to the previous work day');
  });

  test('--record appends a standup event, and --since last starts from it', async () => {
    const dir = planDir(WEEK4);
    const first = await standup(dir, ['--today', '2026-11-23', '--record', '--by', 'Ana'], new Date('2026-11-23T09:00:00Z'));
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('Recorded the standup by Ana in codon-migration.journal/ana.jsonl\n');
    const lines = readFileSync(path.join(dir, 'codon-migration.journal', 'ana.jsonl'), 'utf8').trim().split('\n');
    const event = JSON.parse(lines.at(-1)!);
    expect(event).toMatchObject({ type: 'standup', by: 'Ana', at: '2026-11-23T09:00:00.000Z', data: { since: '2026-11-20', today: '2026-11-23', by: 'Ana' } });
    expect(event.data.counts).toMatchObject({ blockers: 0, done: 1, inProgress: 1, plannedToday: 1 });

    // An hour later, from the recorded standup: only what happened since 09:00.
    const later = await standup(dir, ['--today', '2026-11-23', '--since', 'last', '--format', 'json']);
    const json = JSON.parse(later.stdout);
    expect(json.window).toEqual({ since: '2026-11-23', sinceAt: '2026-11-23T09:00:00.000Z', until: '2026-11-23T10:00:00.000Z', basis: 'last-standup' });
    expect(json.done).toEqual([]);
    expect(json.metricChanges).toEqual([]);
    expect(json.notes).toEqual([]);
  });

  test('a standup for a past day reads the journal as it stood that evening', async () => {
    const json = JSON.parse((await standup(planDir(WEEK4), ['--today', '2026-11-19', '--format', 'json'])).stdout);
    expect(json.window.until).toBe('2026-11-19T23:59:59.999Z');
    // ai-optimizer was still in progress on Thursday.
    expect(json.inProgress.map((t: { id: string }) => t.id)).toEqual(['ai-optimizer', 'analytics-algorithms']);
    expect(json.done).toEqual([]);
  });
});

describe('roadmap standup: --by', () => {
  test("restricts every section to one person's items", async () => {
    const json = JSON.parse((await standup(planDir(FIRING), ['--today', '2026-11-23', '--format', 'json', '--by', 'chen'])).stdout);
    expect(json.by).toBe('chen');
    expect(json.blockers.map((b: { id: string }) => b.id)).toEqual(['stream-producer-safety']);
    expect(json.done).toEqual([]);
    expect(json.planned.today).toEqual([]);
    expect(json.planned.restOfWeek.map((p: { id: string }) => p.id)).toEqual(['error-utilities']);
    expect(json.atRisk.late.map((l: { owner: string }) => l.owner)).toEqual(['Chen', 'Chen']);
    expect(json.silent).toEqual(['Chen']);
    // Chen has tasks in error-handling, which the immediate rule guards.
    expect(json.atRisk.rollback.map((r: { id: string; kind: string }) => `${r.id}:${r.kind}`)).toContain('immediate:firing');

    const ana = JSON.parse((await standup(planDir(FIRING), ['--today', '2026-11-23', '--format', 'json', '--by', 'Ana'])).stdout);
    expect(ana.blockers).toEqual([]);
    expect(ana.done.map((d: { id: string }) => d.id)).toEqual(['ai-optimizer']);
    expect(ana.inProgress.map((d: { id: string }) => d.id)).toEqual(['error-handler-safety']);
    expect(ana.metricChanges.map((m: { id: string }) => m.id)).toEqual(['analytics-speedup']);
    expect(ana.silent).toEqual([]);
  });
});

describe('roadmap standup: Slack mrkdwn', () => {
  /** Checks the output against Slack's rules; returns the problems found. */
  function slackViolations(text: string): string[] {
    const problems: string[] = [];
    let inCode = false;
    for (const [i, line] of text.split('\n').entries()) {
      if (line === '```') {
        inCode = !inCode;
        continue;
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(line)) problems.push(`line ${i + 1}: control character`);
      if (inCode) continue;
      if (line.startsWith('#')) problems.push(`line ${i + 1}: heading`);
      if (/^\s*\|.*\|\s*$/.test(line)) problems.push(`line ${i + 1}: pipe table outside a code block`);
      const bare = line.replace(/&(amp|lt|gt);/g, '');
      if (/[<>&]/.test(bare)) problems.push(`line ${i + 1}: raw < > or &: ${line}`);
    }
    if (inCode) problems.push('unclosed code block');
    return problems;
  }

  test('the week-4 and firing reports follow the rules', async () => {
    for (const events of [WEEK4, FIRING]) {
      const run = await standup(planDir(events), ['--today', '2026-11-23', '--format', 'slack']);
      expect(slackViolations(run.stdout)).toEqual([]);
      expect(run.stdout).toContain('```');
      expect(run.stdout).toMatch(/^• /m);
    }
  });

  test('hostile plan and journal text is escaped, and cannot drive the terminal', async () => {
    const hostilePlan = PLAN_TEXT.replace('title: Codon Migration', 'title: "Codon <!channel> & *rollout* \\e[31mred\\e[0m"').replace(
      '        title: Configuration System Refactoring',
      '        title: "Config <@U024BE7LH> | mapping | > quote"',
    );
    expect(hostilePlan).not.toBe(PLAN_TEXT);
    const dir = planDir(
      [
        status('Chen', at('2026-11-20', '09:00'), 'config-mapping', 'blocked', 'see <https://evil.example|click here> & \u001b]0;pwned\u0007 ```'),
        status('<!here> Mallory', at('2026-11-20', '10:00'), 'ai-optimizer', 'done', '# not a heading\n| a | b |'),
        measure('<script>', at('2026-11-20', '11:00'), 'error-rate', 0.5),
      ],
      hostilePlan,
    );
    const run = await standup(dir, ['--today', '2026-11-23', '--format', 'slack']);
    expect(run.code).toBe(0);
    expect(slackViolations(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('Codon &lt;!channel&gt; &amp; *rollout*');
    expect(run.stdout).toContain('Config &lt;@U024BE7LH&gt; | mapping | &gt; quote');
    expect(run.stdout).toContain('see &lt;https://evil.example|click here&gt; &amp;');
    expect(run.stdout).toContain('&lt;!here&gt; Mallory');
    expect(run.stdout).toContain('&lt;script&gt;');
    expect(run.stdout).not.toContain('\u001b');

    const md = await standup(dir, ['--today', '2026-11-23', '--format', 'md']);
    expect(md.stdout).toContain('Codon \\<\\!channel\\> \\& \\*rollout\\*');
    expect(md.stdout).not.toContain('\u001b');
    expect(md.stdout.split('\n').filter((l) => l.startsWith('#')).every((l) => /^#{1,3} /.test(l))).toBe(true);
    const text = await standup(dir, ['--today', '2026-11-23', '--format', 'text']);
    expect(text.stdout).not.toMatch(/[\u001b\u0007]/);
  });
});

describe('roadmap standup: --git', () => {
  test('outside a git repository it says so and goes on', async () => {
    const dir = planDir(WEEK4);
    const run = await standup(dir, ['--today', '2026-11-23', '--git', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('roadmap: --git: the plan is not inside a git repository; the standup goes on without commits\n');
    expect(run.stdout).toContain('## Commits (0)');
    expect(run.stdout).toContain('_No commits shown: the plan is not inside a git repository._');
  });

  test("lists each author's commits since then, matched to the tasks they name", async () => {
    const dir = planDir(WEEK4);
    const git = (args: string[], env: Record<string, string> = {}) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env }, encoding: 'utf8' });
    git(['init', '-q']);
    const commit = (author: string, when: string, message: string) => {
      writeFileSync(path.join(dir, 'work.txt'), `${message}\n`, { flag: 'a' });
      git(['add', 'work.txt']);
      const who = { GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: `${author.toLowerCase()}@example.com`, GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: `${author.toLowerCase()}@example.com` };
      git(['commit', '-q', '-m', message], { ...who, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
    };
    commit('Ana', '2026-11-19T10:00:00Z', 'Before the window: plugin-registry tweak');
    commit('Ana', '2026-11-20T14:00:00Z', 'ai-optimizer: compile NumPy paths (refs error-handler-safety.)');
    commit('Bo', '2026-11-20T15:00:00Z', 'Prototype analytics-algorithms-v2 and analytics-algorithms.py');
    commit('Bo', '2026-11-23T09:00:00Z', 'Fix $(touch pwned) `whoami` & <b>');

    const json = JSON.parse((await standup(dir, ['--today', '2026-11-23', '--git', '--format', 'json'])).stdout);
    expect(json.git.available).toBe(true);
    expect(json.git.authors.map((a: { author: string; commits: { subject: string; tasks: string[] }[] }) => [a.author, a.commits.map((c) => [c.subject, c.tasks])])).toEqual([
      ['Ana', [['ai-optimizer: compile NumPy paths (refs error-handler-safety.)', ['ai-optimizer', 'error-handler-safety']]]],
      [
        'Bo',
        [
          ['Prototype analytics-algorithms-v2 and analytics-algorithms.py', []],
          ['Fix $(touch pwned) `whoami` & <b>', []],
        ],
      ],
    ]);
    expect(readdirSync(dir)).not.toContain('pwned');

    const byBo = JSON.parse((await standup(dir, ['--today', '2026-11-23', '--git', '--by', 'bo', '--format', 'json'])).stdout);
    expect(byBo.git.authors.map((a: { author: string }) => a.author)).toEqual(['Bo']);

    const slack = await standup(dir, ['--today', '2026-11-23', '--git', '--format', 'slack']);
    expect(slack.stdout).toContain('• `');
    expect(slack.stdout).toContain('Fix $(touch pwned) `whoami` &amp; &lt;b&gt;');
    expect(slack.stdout).toContain('(tasks `ai-optimizer`, `error-handler-safety`)');
  });
});

describe('roadmap standup: usage', () => {
  test('wrong options are usage errors (exit 2) that say what is allowed', async () => {
    const dir = planDir();
    const bad = async (args: string[]) => {
      const run = await standup(dir, args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      return run.stderr;
    };
    expect(await bad(['--format', 'html'])).toContain('--format must be one of md, slack, text, json; got "html"');
    expect(await bad(['--since', 'tomorrow'])).toContain('--since "tomorrow" is not a real date');
    expect(await bad(['--today', '2026-11-23', '--since', '2026-11-24'])).toContain('--since 2026-11-24 is after the standup\'s day, 2026-11-23');
    expect(await bad(['--today', '2026-02-30'])).toContain('--today "2026-02-30" is not a real date');
    expect(await bad(['--by', ''])).toContain('--by is empty');
    expect(await bad(['--limit', 'ten'])).toContain('--limit must be a whole number (0 for all); got "ten"');
  });

  test('--help shows the usage and every option; the command is listed in roadmap --help', async () => {
    const help = await runCli(['standup', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--since', '--today', '--now', '--by', '--format', '--git', '--record', '--limit']) expect(help.stdout).toContain(option);
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}standup +Write the daily standup/m);
  });

  test('a missing plan is a file error (exit 3)', async () => {
    const dir = planDir();
    const run = await runCli(['standup', path.join(dir, 'nope.yaml')], { cwd: dir, now: NOW });
    expect(run.code).toBe(3);
  });
});
