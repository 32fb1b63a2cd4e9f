/**
 * Prints a StandupReport as GitHub Markdown, Slack mrkdwn, plain text (for email) or JSON.
 *
 * The three text formats share one document model (sections of paragraphs, lists and tables made
 * of spans), so they say the same things in the same order and differ only in syntax and escaping:
 * - every string from the plan or journal is sanitised (no terminal controls, one line);
 * - Markdown backslash-escapes the characters that would format or link;
 * - Slack has no headings and no tables: bold lines instead of headings, tables only inside
 *   ``` code blocks, `•` bullets, and `& < >` escaped as entities everywhere (Slack reads `<...>`
 *   as links and mentions).
 * JSON is the report itself; stringifyJson writes control and bidi characters as \u escapes.
 */
import { isoToDay, weekdayOfDay } from './calendar.js';
import { formatNumber, formatValue } from './metric-state.js';
import { sanitizeLine, stringifyJson } from './sanitize.js';
import type { IsoDate } from './schedule-types.js';
import type { MetricChange, MetricRisk, PlannedItem, RollbackRisk, StandupReport } from './standup.js';
import { endMoverText } from './baseline-slip.js';

export type StandupFormat = 'md' | 'slack' | 'text' | 'json';
export const STANDUP_FORMATS: readonly StandupFormat[] = ['md', 'slack', 'text', 'json'];

export interface RenderOptions {
  /** How an instant is shown as a clock time; the CLI passes local time. Defaults to UTC. */
  clock?: (iso: string) => string;
  /**
   * At most this many entries per list in md, slack and text, then "...and N more": a standup
   * on a plan with thousands of late tasks must still fit in a chat message. 0 or absent: all.
   * JSON always holds everything.
   */
  limit?: number;
}

export function renderStandup(report: StandupReport, format: StandupFormat, options: RenderOptions = {}): string {
  if (format === 'json') return `${stringifyJson(report)}\n`;
  const doc = buildDocument(report, options.clock ?? utcClock, options.limit ?? 0);
  if (format === 'md') return renderMarkdown(doc);
  if (format === 'slack') return renderSlack(doc);
  return renderText(doc);
}

// ---------------------------------------------------------------------------------------------
// Dates

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 23 November 2026". */
export function longDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${WEEKDAYS[weekdayOfDay(isoToDay(iso))]} ${d} ${MONTHS[m! - 1]} ${y}`;
}

/** "Mon 23 Nov". */
export function shortDate(iso: IsoDate): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${WEEKDAYS[weekdayOfDay(isoToDay(iso))]!.slice(0, 3)} ${d} ${MONTHS[m! - 1]!.slice(0, 3)}`;
}

/** "2026-11-23 10:15 UTC". */
export function utcClock(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// The document model

type Span = string | { code: string } | { bold: Span[] } | { italic: Span[] };
type Line = Span[];
type Block =
  | { kind: 'para'; line: Line }
  | { kind: 'list'; items: Line[] }
  | { kind: 'table'; head: string[]; rows: Line[][]; right: boolean[] }
  | { kind: 'sub'; title: string; blocks: Block[] };
interface Section {
  title: string;
  blocks: Block[];
}
interface Doc {
  title: string;
  meta: Line[];
  sections: Section[];
}

const para = (...line: Span[]): Block => ({ kind: 'para', line });
const code = (id: string): Span => ({ code: id });
const bold = (...spans: Span[]): Span => ({ bold: spans });

const HEALTH_WORDS = { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track' } as const;
const BASIS_WORDS = { 'previous-work-day': 'previous work day', date: 'as asked', 'last-standup': 'last standup' } as const;

function buildDocument(r: StandupReport, clock: (iso: string) => string, limit: number): Doc {
  const when = (iso: string) => clock(iso);
  const more = (n: number): Line => [{ italic: [`...and ${n} more (--limit 0 shows all)`] }];
  const cap = <T>(items: readonly T[]): { shown: readonly T[]; hidden: number } =>
    limit > 0 && items.length > limit ? { shown: items.slice(0, limit), hidden: items.length - limit } : { shown: items, hidden: 0 };
  const list = (items: Line[], empty: string): Block => {
    if (items.length === 0) return para({ italic: [empty] });
    const { shown, hidden } = cap(items);
    return { kind: 'list', items: hidden > 0 ? [...shown, more(hidden)] : [...shown] };
  };
  const forWhom = r.by === 'all' ? '' : ` (${r.by})`;
  const title = `Standup: ${r.title}${forWhom}, ${longDate(r.today)}`;

  const meta: Line[] = [];
  const place: Span[] = [];
  if (r.week) {
    place.push(bold(`Week ${r.week.index} of ${r.week.of}`), ` (${shortDate(r.week.start)} - ${shortDate(r.week.end)})`);
    if (r.phase) place.push(`, phase `, code(r.phase.id), ` ${r.phase.title}`);
  } else if (r.timeline === 'before') {
    place.push(bold('Not started'), `: week 1 of ${r.schedule.weeks} begins ${longDate(r.schedule.start)}`);
  } else {
    place.push(bold('Schedule ended'), ` ${longDate(r.schedule.end)} (${plural(r.schedule.weeks, 'week')})`);
  }
  meta.push(place);
  const since =
    r.window.basis === 'last-standup'
      ? `Since the last standup, ${when(r.window.sinceAt)}`
      : `Since ${longDate(r.window.since)} (${BASIS_WORDS[r.window.basis]})`;
  meta.push([since]);
  meta.push([bold(`Health: ${HEALTH_WORDS[r.health.state]}`), ` - ${r.health.reason}`]);
  if (r.endDate) {
    const e = r.endDate;
    const days = `${Math.abs(e.slip)} work ${Math.abs(e.slip) === 1 ? 'day' : 'days'}`;
    const word = e.slip > 0 ? `${days} late` : e.slip < 0 ? `${days} early` : 'as baselined';
    const line: Line = [bold(`End date: ${word}`), ` - ${e.slip === 0 ? longDate(e.projected) : `baselined ${longDate(e.planned)}, now ${longDate(e.projected)}`} (baseline "${e.baseline.name}")`];
    if (e.cause) line.push(`; ${endMoverText(e.cause)}`);
    meta.push(line);
  }
  for (const note of r.notes) meta.push([{ italic: [`Note: ${note}`] }]);

  const sections: Section[] = [];

  sections.push({
    title: `Blockers (${r.blockers.length})`,
    blocks: [
      list(
        r.blockers.map((b) => {
          const line: Line = [code(b.id), ` ${b.title}: blocked ${plural(b.ageDays, 'day')}`];
          line.push(b.owner !== undefined ? `, owner ${b.owner}` : ', no owner');
          if (b.by !== undefined && b.by !== b.owner) line.push(`, marked by ${b.by}`);
          if (b.note !== undefined) line.push(`. Note: ${b.note}`);
          return line;
        }),
        'No blockers.',
      ),
    ],
  });

  sections.push({
    title: `Done since last (${r.done.length})`,
    blocks: [
      list(
        r.done.map((d) => {
          const line: Line = [code(d.id), ` ${d.title}: ${d.status} by ${d.by}, ${when(d.at)}`];
          if (d.via !== undefined) line.push(' (with all of ', code(d.via), ')');
          if (d.note !== undefined) line.push(`. Note: ${d.note}`);
          return line;
        }),
        'Nothing recorded as done.',
      ),
    ],
  });

  sections.push({
    title: `In progress (${r.inProgress.length})`,
    blocks: [
      list(
        r.inProgress.map((t) => {
          const line: Line = [code(t.id), ` ${t.title}: ${t.owner ?? 'no owner'}`];
          if (t.since !== undefined) line.push(`, started ${when(t.since)}`);
          line.push(`, due ${shortDate(t.scheduledEnd)}`);
          if (t.daysLate > 0) line.push(`, ${plural(t.daysLate, 'day')} late`);
          if (t.note !== undefined) line.push(`. Note: ${t.note}`);
          return line;
        }),
        'Nothing in progress.',
      ),
    ],
  });

  const plannedLine = (p: PlannedItem): Line => {
    const days = p.firstDay === p.lastDay ? `day ${p.firstDay}, ${shortDate(p.start)}` : `days ${p.firstDay}-${p.lastDay}, ${shortDate(p.start)} - ${shortDate(p.end)}`;
    const line: Line = [code(p.id), ` ${p.title}: ${p.owner ?? 'no owner'}, ${days}`];
    if (p.status === 'doing') line.push(' (in progress)');
    if (p.status === 'blocked') line.push(' (blocked)');
    return line;
  };
  sections.push({
    title: `Planned (${r.planned.today.length + r.planned.restOfWeek.length})`,
    blocks: [
      {
        kind: 'sub',
        title: `Today, ${shortDate(r.today)}`,
        blocks: [list(r.planned.today.map(plannedLine), r.planned.todayIsWorkDay ? 'Nothing scheduled today.' : 'Today is not a work day.')],
      },
      { kind: 'sub', title: 'Rest of the week', blocks: [list(r.planned.restOfWeek.map(plannedLine), 'Nothing else scheduled this week.')] },
    ],
  });

  // Firing rules first: they have deadlines measured in minutes.
  const risks: Line[] = r.atRisk.rollback.filter((rb) => rb.kind === 'firing').map((rb) => rollbackLine(rb, when));
  for (const l of r.atRisk.late) {
    risks.push([
      bold('Late:'),
      ' ',
      code(l.id),
      ` ${l.title}: ${plural(l.daysLate, 'day')} late (due ${shortDate(l.scheduledEnd)}), ${l.owner ?? 'no owner'}, ${l.status}`,
    ]);
  }
  for (const d of r.atRisk.dependencies) {
    const state = d.dependencyState === 'late' ? `late ${plural(d.daysLate, 'day')}` : 'blocked';
    risks.push([bold('Waiting:'), ' ', code(d.componentId), ` ${d.title} (scheduled from ${shortDate(d.start)}) depends on `, code(d.dependsOn), `, which is ${state}`]);
  }
  for (const m of r.atRisk.metrics) risks.push(metricRiskLine(m));
  for (const rb of r.atRisk.rollback) if (rb.kind === 'near') risks.push(rollbackLine(rb, when));
  sections.push({ title: `At risk (${risks.length})`, blocks: [list(risks, 'Nothing at risk.')] });

  const changes = cap(r.metricChanges);
  sections.push({
    title: `Metrics since last (${r.metricChanges.length})`,
    blocks:
      r.metricChanges.length === 0
        ? [para({ italic: ['No measurements recorded.'] })]
        : [
            {
              kind: 'table',
              head: ['Metric', 'Value', 'Change', 'Target', 'State', 'By'],
              right: [false, true, true, false, false, false],
              rows: changes.shown.map((m) => [
                [code(m.id)],
                [formatValue(m.value, m.unit)],
                [changeText(m)],
                [m.unit ? `${m.target} ${m.unit}` : m.target],
                [STATE_WORDS[m.state]],
                [m.count > 1 ? `${m.by} (${m.count} values)` : m.by],
              ]),
            },
            ...(changes.hidden > 0 ? [para(...more(changes.hidden))] : []),
          ],
  });

  const scopeBlocks: Block[] = [];
  const scope = r.scope;
  if (scope.baseline === null) {
    scopeBlocks.push(para('No baseline recorded, so scope change cannot be told; ', code('roadmap baseline save'), ' records one.'));
  } else {
    const base = `baseline "${scope.baseline.name}" (${shortDate(scope.baseline.at.slice(0, 10))})`;
    if (!scope.compared) {
      scopeBlocks.push(para(`No comparison with ${base}: ${scope.note ?? 'nothing to compare'}.`));
    } else {
      const items: Line[] = [
        ...scope.added.map((s): Line => [bold('Added:'), ` ${s.kind} `, code(s.id), s.title !== undefined ? ` ${s.title}` : '', ...componentOf(s)]),
        ...scope.removed.map((s): Line => [bold('Removed:'), ` ${s.kind} `, code(s.id), s.title !== undefined ? ` ${s.title}` : '', ...componentOf(s)]),
      ];
      scopeBlocks.push(para(`Week ${scope.week} compared with ${base}:`));
      scopeBlocks.push(list(items, 'No tasks added or removed.'));
      if (scope.note !== undefined) scopeBlocks.push(para({ italic: [`Note: ${scope.note}.`] }));
    }
  }
  sections.push({ title: 'Scope change', blocks: scopeBlocks });

  const quiet = cap(r.silent);
  sections.push({
    title: `Not heard from (${r.silent.length})`,
    blocks: [
      r.silent.length === 0
        ? para({ italic: [r.by === 'all' ? 'Everyone has recorded something.' : `${r.by} has recorded something.`] })
        : para(`${quiet.shown.join(', ')}${quiet.hidden > 0 ? ` and ${quiet.hidden} more` : ''}: nothing recorded since ${r.window.basis === 'last-standup' ? 'the last standup' : shortDate(r.window.since)}.`),
    ],
  });

  if (r.git) {
    const g = r.git;
    const blocks: Block[] = [];
    if (!g.available) {
      blocks.push(para({ italic: [`No commits shown: ${g.reason ?? 'git is not available'}.`] }));
    } else if (g.authors.length === 0) {
      blocks.push(para({ italic: ['No commits in the window.'] }));
    } else {
      for (const a of g.authors) {
        blocks.push({
          kind: 'sub',
          title: `${a.author} (${a.commits.length})`,
          blocks: [
            list(
              a.commits.map((c) => {
                const line: Line = [code(c.sha.slice(0, 7)), ` ${c.subject}`];
                if (c.tasks.length > 0) {
                  line.push(c.tasks.length === 1 ? ' (task ' : ' (tasks ');
                  c.tasks.forEach((t, i) => line.push(...(i > 0 ? [', '] : []), code(t)));
                  line.push(')');
                }
                return line;
              }),
              'No commits.',
            ),
          ],
        });
      }
      if (g.truncated) blocks.push(para({ italic: ['Only the most recent commits are shown.'] }));
    }
    const count = g.authors.reduce((n, a) => n + a.commits.length, 0);
    sections.push({ title: `Commits (${count})`, blocks });
  }

  return { title, meta, sections };
}

const STATE_WORDS = { met: 'met', 'not-met': 'not met', breached: 'BREACHED', unverified: 'unverified' } as const;

function componentOf(s: { kind: string; componentId: string }): Span[] {
  return s.kind === 'task' ? [' (in ', code(s.componentId), ')'] : [];
}

function changeText(m: MetricChange): string {
  if (m.delta === undefined || m.previous === undefined) return 'first value';
  const sign = m.delta > 0 ? '+' : m.delta < 0 ? '-' : '±';
  const from = m.previousSource === 'baseline' ? 'baseline' : 'was';
  return `${sign}${formatNumber(Math.abs(m.delta))} (${from} ${formatNumber(m.previous)})`;
}

function metricRiskLine(m: MetricRisk): Line {
  const value = m.value !== undefined ? formatValue(m.value, m.unit) : 'no measurement';
  const target = m.unit ? `${m.target} ${m.unit}` : m.target;
  const head: Line = [bold('Metric:'), ' ', code(m.id), ` ${m.name}: `];
  if (m.reason === 'breached') return [...head, `BREACHED at ${value} (target ${target})`];
  const state = m.state === 'unverified' ? 'unverified (no measurement)' : `not met at ${value}`;
  if (m.reason === 'overdue') return [...head, `${state}, target ${target}; week ${m.dueWeek} ended ${shortDate(m.due!)}`];
  const left = m.workDaysLeft === 0 ? 'due today' : `${plural(m.workDaysLeft!, 'work day')} left`;
  return [...head, `${state}, target ${target}; due with week ${m.dueWeek} on ${shortDate(m.due!)} (${left})`];
}

function rollbackLine(r: RollbackRisk, when: (iso: string) => string): Line {
  if (r.kind === 'near') return [bold('Rollback close:'), ' ', code(r.id), ` ${r.title}, action ${r.action}: ${r.reason}`];
  const line: Line = [bold('Rollback FIRING:'), ' ', code(r.id), ` ${r.title}, action ${r.action}: ${r.reason}`];
  if (r.firedAt !== undefined) line.push(`, since ${when(r.firedAt)}`);
  if (r.deadlines) {
    line.push(`. Assess by ${when(r.deadlines.assess)}, decide by ${when(r.deadlines.decide)}, execute by ${when(r.deadlines.execute)}`);
  }
  if (r.overdue !== undefined) line.push(`; the ${r.overdue} deadline has passed`);
  return line;
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub)

/** CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that format. */
export function escapeMarkdown(text: string): string {
  return sanitizeLine(text).replace(/[\\`*_[\]<>|~&!#]/g, (c) => `\\${c}`);
}

function mdSpans(spans: readonly Span[]): string {
  return spans
    .map((s) => {
      if (typeof s === 'string') return escapeMarkdown(s);
      if ('code' in s) return /`/.test(s.code) ? escapeMarkdown(s.code) : `\`${sanitizeLine(s.code).replace(/\|/g, '\\|')}\``;
      if ('bold' in s) return `**${mdSpans(s.bold)}**`;
      return `_${mdSpans(s.italic)}_`;
    })
    .join('');
}

function renderMarkdown(doc: Doc): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const line of doc.meta) out.push(mdSpans(line), '');
  const blocks = (list: readonly Block[], depth: number) => {
    for (const b of list) {
      if (b.kind === 'para') out.push(mdSpans(b.line), '');
      else if (b.kind === 'list') out.push(...b.items.map((i) => `- ${mdSpans(i)}`), '');
      else if (b.kind === 'sub') {
        out.push(`${'#'.repeat(depth + 1)} ${escapeMarkdown(b.title)}`, '');
        blocks(b.blocks, depth + 1);
      } else {
        out.push(`| ${b.head.map(escapeMarkdown).join(' | ')} |`);
        out.push(`|${b.right.map((r) => (r ? '---:' : '---')).join('|')}|`);
        for (const row of b.rows) out.push(`| ${row.map((cell) => mdSpans(cell)).join(' | ')} |`);
        out.push('');
      }
    }
  };
  for (const section of doc.sections) {
    out.push(`## ${escapeMarkdown(section.title)}`, '');
    blocks(section.blocks, 2);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Slack mrkdwn

/** Slack's three control characters, as entities; everything else is shown as written. */
export function escapeSlack(text: string): string {
  return sanitizeLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackSpans(spans: readonly Span[]): string {
  return spans
    .map((s) => {
      if (typeof s === 'string') return escapeSlack(s);
      if ('code' in s) return /`/.test(s.code) ? escapeSlack(s.code) : `\`${escapeSlack(s.code)}\``;
      if ('bold' in s) return `*${slackSpans(s.bold)}*`;
      return `_${slackSpans(s.italic)}_`;
    })
    .join('');
}

function renderSlack(doc: Doc): string {
  const out: string[] = [`*${escapeSlack(doc.title)}*`];
  for (const line of doc.meta) out.push(slackSpans(line));
  const blocks = (list: readonly Block[], indent: string) => {
    for (const b of list) {
      if (b.kind === 'para') out.push(`${indent}${slackSpans(b.line)}`);
      else if (b.kind === 'list') out.push(...b.items.map((i) => `${indent}• ${slackSpans(i)}`));
      else if (b.kind === 'sub') {
        out.push(`${indent}_${escapeSlack(b.title)}_`);
        blocks(b.blocks, indent);
      } else {
        // Slack draws no tables; a code block keeps the columns lined up.
        out.push('```', ...alignTable(b.head, b.rows.map((row) => row.map(plainSpans)), b.right).map(escapeSlack), '```');
      }
    }
  };
  for (const section of doc.sections) {
    out.push('', `*${escapeSlack(section.title)}*`);
    blocks(section.blocks, '');
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Plain text (email)

function plainSpans(spans: readonly Span[]): string {
  return spans
    .map((s) => {
      if (typeof s === 'string') return sanitizeLine(s);
      if ('code' in s) return sanitizeLine(s.code);
      return plainSpans('bold' in s ? s.bold : s.italic);
    })
    .join('');
}

function alignTable(head: readonly string[], rows: readonly string[][], right: readonly boolean[]): string[] {
  const cells = [head.map(sanitizeLine), ...rows];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - [...text].length);
    return right[i] ? gap + text : text + gap;
  };
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function renderText(doc: Doc): string {
  const title = sanitizeLine(doc.title);
  const out: string[] = [title, '='.repeat([...title].length)];
  for (const line of doc.meta) out.push(plainSpans(line));
  const blocks = (list: readonly Block[], indent: string) => {
    for (const b of list) {
      if (b.kind === 'para') out.push(`${indent}${plainSpans(b.line)}`);
      else if (b.kind === 'list') out.push(...b.items.map((i) => `${indent}- ${plainSpans(i)}`));
      else if (b.kind === 'sub') {
        out.push(`${indent}${sanitizeLine(b.title)}:`);
        blocks(b.blocks, `${indent}  `);
      } else {
        out.push(...alignTable(b.head, b.rows.map((row) => row.map(plainSpans)), b.right).map((l) => `${indent}${l}`));
      }
    }
  };
  for (const section of doc.sections) {
    out.push('', sanitizeLine(section.title.toUpperCase()));
    blocks(section.blocks, '  ');
  }
  return `${out.join('\n')}\n`;
}
