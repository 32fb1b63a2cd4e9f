import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldJournal, type JournalEvent, type NewJournalEvent } from '../../src/core/journal.js';
import type { Plan } from '../../src/core/plan-schema.js';
import { schedulePlan } from '../../src/core/schedule.js';
import { buildStandup, type GitInput, type StandupReport } from '../../src/core/standup.js';
import { escapeMarkdown, escapeSlack, longDate, renderStandup, shortDate, utcClock } from '../../src/core/standup-render.js';
import { computeStatus } from '../../src/core/status.js';
import { buildPlan, examplePlan } from '../helpers/plan-builder.js';

const codon = examplePlan('codon-migration');

const schedules = new WeakMap<Plan, ReturnType<typeof schedulePlan>>();

function report(events: NewJournalEvent[], today = '2026-11-23', plan: Plan = codon, git?: GitInput): StandupReport {
  const schedule = schedules.get(plan) ?? schedulePlan(plan);
  schedules.set(plan, schedule);
  const journal = foldJournal(plan, events.map((e, i) => ({ v: 1, seq: i + 1, ...e }) as JournalEvent));
  const now = `${today}T10:00:00.000Z`;
  return buildStandup({
    plan,
    schedule,
    journal,
    status: computeStatus(plan, schedule, journal, today, { now }),
    today,
    window: { since: '2026-11-20', sinceAt: '2026-11-20T00:00:00.000Z', until: now, basis: 'previous-work-day' },
    ...(git ? { git } : {}),
  });
}

const blocked = (note: string, by = 'Chen'): NewJournalEvent => ({ at: '2026-11-20T09:00:00.000Z', by, type: 'status', target: 'error-middleware', status: 'blocked', note });

/** Slack's rules: no headings, no pipe tables or raw < > & outside code blocks, no control characters. */
function slackViolations(text: string): string[] {
  const problems: string[] = [];
  let inCode = false;
  for (const line of text.split('\n')) {
    if (line === '```') {
      inCode = !inCode;
      continue;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(line)) problems.push(`control character: ${JSON.stringify(line)}`);
    if (inCode) continue;
    if (line.startsWith('#')) problems.push(`heading: ${line}`);
    if (/^\s*\|.*\|\s*$/.test(line)) problems.push(`pipe table: ${line}`);
    if (/[<>&]/.test(line.replace(/&(amp|lt|gt);/g, ''))) problems.push(`raw < > &: ${line}`);
  }
  if (inCode) problems.push('unclosed code block');
  return problems;
}

describe('standup renderers', () => {
  test('every text format puts blockers first, then done, in progress, planned, at risk, metrics, scope, silence', () => {
    const r = report([blocked('waiting')]);
    const order = ['Blockers', 'Done since last', 'In progress', 'Planned', 'At risk', 'Metrics since last', 'Scope change', 'Not heard from'];
    const md = renderStandup(r, 'md');
    expect(md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.replace(/^## /, '').replace(/ \(\d+\)$/, ''))).toEqual(order);
    const text = renderStandup(r, 'text');
    expect(text.split('\n').filter((l) => /^[A-Z][A-Z ]+( \(\d+\))?$/.test(l)).map((l) => l.replace(/ \(\d+\)$/, ''))).toEqual(order.map((o) => o.toUpperCase()));
    const slack = renderStandup(r, 'slack');
    expect(slack.split('\n').filter((l) => /^\*[^*]+\*$/.test(l)).slice(1).map((l) => l.slice(1, -1).replace(/ \(\d+\)$/, ''))).toEqual(order);
  });

  test('Markdown escapes what would format, link or break a table; text strips controls', () => {
    expect(escapeMarkdown('a *b* _c_ [d](e) <f> `g` | h ~i~ & ![j] #k \\')).toBe('a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| h \\~i\\~ \\& \\!\\[j\\] \\#k \\\\');
    expect(escapeMarkdown('red \u001b[31mtext\u001b[0m\nnext')).toBe('red text next');
    const r = report([blocked('x | y <b> \u001b]0;title\u0007 *z*')]);
    const md = renderStandup(r, 'md');
    // The terminal title sequence goes entirely.
    expect(md).toContain('Note: x \\| y \\<b\\>  \\*z\\*');
    expect(renderStandup(r, 'text')).toContain('Note: x | y <b>  *z*');
  });

  test('Slack escapes & < > everywhere and draws tables only in code blocks', () => {
    expect(escapeSlack('<!channel> & <@U1|x> > y')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt; &gt; y');
    const r = report([
      blocked('<!everyone> ping & run'),
      { at: '2026-11-20T12:00:00.000Z', by: '<@U024BE7LH>', type: 'measure', metric: 'analytics-speedup', value: 50 },
    ]);
    const slack = renderStandup(r, 'slack');
    expect(slackViolations(slack)).toEqual([]);
    expect(slack).toContain('Note: &lt;!everyone&gt; ping &amp; run');
    expect(slack).toMatch(/```\nMetric +Value +Change +Target +State +By\n/);
    expect(slack).toContain('&lt;@U024BE7LH&gt;');
  });

  test('property: no note or author name can break Slack or Markdown output', () => {
    const hostile = fc.string({ unit: fc.constantFrom(...'<>&|*_`#~[]!\\\n\t\u001b\u0007\u202e\u009b abc'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(hostile, hostile, (note, by) => {
        const r = report([blocked(note || 'n', by.trim() || 'x')]);
        expect(slackViolations(renderStandup(r, 'slack'))).toEqual([]);
        const md = renderStandup(r, 'md');
        // Once the escape pairs are taken out, no Markdown markup character is left bare.
        const blockerLine = md.split('\n').find((l) => l.startsWith('- `error-middleware`'))!;
        // eslint-disable-next-line no-control-regex
        expect(blockerLine).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
        expect(blockerLine.replace(/\\[\\`*_[\]<>|~&!#]/g, '').replace(/^- `error-middleware`/, '')).not.toMatch(/[\\`*_[\]<>|~&!#]/);
      }),
      { numRuns: 60 },
    );
  });

  test('empty sections say so instead of disappearing', () => {
    const text = renderStandup(report([], '2026-11-04'), 'text');
    expect(text).toContain('BLOCKERS (0)\n  No blockers.');
    expect(text).toContain('DONE SINCE LAST (0)\n  Nothing recorded as done.');
    expect(text).toContain('METRICS SINCE LAST (0)\n  No measurements recorded.');
    expect(text).toContain('SCOPE CHANGE\n  No baseline recorded, so scope change cannot be told; roadmap baseline save records one.');
    expect(text).not.toContain('COMMITS');
  });

  test('a limit keeps long lists short and says how many more there are; JSON keeps them all', () => {
    // On 4 December nothing is recorded, so every task due before it is late.
    const r = report([], '2026-12-04');
    expect(r.atRisk.late.length).toBeGreaterThan(5);
    const text = renderStandup(r, 'text', { limit: 3 });
    const risks = text.split('AT RISK (')[1]!.split('\n\n')[0]!.split('\n').slice(1);
    expect(risks).toHaveLength(4);
    expect(risks[3]).toBe(`  - ...and ${r.counts.atRisk - 3} more (--limit 0 shows all)`);
    expect(renderStandup(r, 'text', { limit: 0 })).not.toContain('more (--limit 0 shows all)');
    expect(JSON.parse(renderStandup(r, 'json', { limit: 3 })).atRisk.late).toHaveLength(r.atRisk.late.length);
  });

  test('before and after the schedule the header says where today is', () => {
    expect(renderStandup(report([], '2026-10-28'), 'text')).toContain('Not started: week 1 of 6 begins Monday 2 November 2026');
    expect(renderStandup(report([], '2027-01-06'), 'text')).toContain('Schedule ended Friday 11 December 2026 (6 weeks)');
  });

  test('a weekend standup says today is not a work day', () => {
    expect(renderStandup(report([], '2026-11-28'), 'text')).toContain('Today, Sat 28 Nov:\n    Today is not a work day.');
  });

  test('commits are grouped by author with the tasks they name; unavailable git is explained', () => {
    const git: GitInput = {
      available: true,
      commits: [
        { sha: 'a1b2c3d4e5f6a7b8c9d0', author: 'Bo', at: '2026-11-20T15:00:00.000Z', subject: 'error-middleware: compile <fast> path', body: '' },
        { sha: 'ffffffffffffffffffff', author: 'Ana', at: '2026-11-20T14:00:00.000Z', subject: 'tidy', body: 'also ai-optimizer' },
      ],
    };
    const md = renderStandup(report([], '2026-11-23', codon, git), 'md');
    expect(md).toContain('## Commits (2)\n\n### Ana (1)\n\n- `fffffff` tidy (task `ai-optimizer`)\n\n### Bo (1)\n\n- `a1b2c3d` error-middleware: compile \\<fast\\> path (task `error-middleware`)');
    const off = renderStandup(report([], '2026-11-23', codon, { available: false, reason: 'the plan is not inside a git repository' }), 'text');
    expect(off).toContain('COMMITS (0)\n  No commits shown: the plan is not inside a git repository.');
  });

  test('JSON is the report itself, stable for bots', () => {
    const r = report([blocked('\u001b[2J wipe')]);
    const json = renderStandup(r, 'json');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(JSON.parse(json).format).toBe('roadmap.standup/v1');
    expect(json).not.toContain('\u001b');
    expect(json).toContain('\\u001b[2J wipe');
  });

  test('dates and default clock', () => {
    expect(longDate('2026-11-23')).toBe('Monday 23 November 2026');
    expect(shortDate('2027-01-01')).toBe('Fri 1 Jan');
    expect(utcClock('2026-11-23T09:55:00.000Z')).toBe('2026-11-23 09:55 UTC');
  });

  test('a plan without phases or team still renders', () => {
    const plan = buildPlan();
    const text = renderStandup(report([], '2026-11-03', plan), 'md');
    expect(text).toContain('**Week 1 of 1**');
    expect(text).toContain('## Not heard from (0)\n\n_Everyone has recorded something._');
  });
});
