/**
 * `roadmap standup [plan]`: the daily standup from the plan, its journal and (with --git) the
 * commits of the repository that holds it. Blockers first; see src/core/standup.ts for the rules
 * and docs/standup.md for the formats.
 */
import path from 'node:path';
import { dayToIso, isoToDay } from '../../core/calendar.js';
import { foldJournal } from '../../core/journal.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { computeStatus } from '../../core/status.js';
import { buildStandup, lastStandup, previousWorkDay, type GitInput, type StandupWindow } from '../../core/standup.js';
import { renderStandup, shortDate, STANDUP_FORMATS, type StandupFormat } from '../../core/standup-render.js';
import { readGitLog } from '../../plan/git-log.js';
import { appendEvents, journalFile } from '../../plan/journal-io.js';
import { checkAuthor, resolveAuthor } from '../author.js';
import { EXIT, IoError, UsageError, type Command } from '../command.js';
import { formatProblems } from '../format-problems.js';
import { displayPath, splitPlanArg } from '../plan-source.js';
import { localDate, parseDay, parseInstant } from '../time-options.js';
import { loadTracking } from '../tracking.js';

const USAGE =
  'roadmap standup [plan] [--since DATE|yesterday|last] [--today DATE] [--by NAME|all] [--format md|slack|text|json] [--git] [--record] [--limit N]';

/** Entries per list before "...and N more": enough for a real team, short enough for chat. */
const DEFAULT_LIMIT = 25;

/** Local midnight of a date, as a UTC instant: the start of the user's day. */
const startOfLocalDay = (date: string): Date => new Date(`${date}T00:00:00`);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "09:55" on the reference day, else "Tue 24 Nov 09:55": local time, as people read clocks. */
function localClock(reference: Date): (iso: string) => string {
  return (iso) => {
    const d = new Date(iso);
    const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
    return localDate(d) === localDate(reference) ? time : `${shortDate(localDate(d))} ${time}`;
  };
}

const command: Command = {
  name: 'standup',
  summary: 'Write the daily standup: blockers, done, today, at risk, metrics, scope, who is quiet',
  help: `Usage: ${USAGE}

Builds the standup from the plan, its schedule and the journal, in this order: health; blockers
(with age, owner and note); done since last; in progress; planned today and for the rest of the
week; at risk (late work, late dependencies, metrics due within 2 work days and not met, rollback
rules firing with their deadlines or one breach away); metric changes; scope change against the
latest baseline; who has recorded nothing.

  --since WHEN    yesterday (default): the previous work day of the plan's calendar, so Monday
                  looks back to Friday and holidays are skipped; last: since the last recorded
                  standup; or a date YYYY-MM-DD
  --today DATE    write the standup for this day (default: today, local time); the journal is
                  read as it stood at the end of that day
  --now ISO       the current instant, for rollback deadlines and ages (default: the clock)
  --by NAME       only NAME's items (owner or author); all (default) for the whole team
  --format FMT    text (default, for email), md (GitHub Markdown), slack (Slack mrkdwn) or
                  json ("format": "roadmap.standup/v1")
  --git           add each author's commits since then (git log of the repository that holds
                  the plan), matched to tasks whose id the message names
  --record        append a standup event to your journal, so --since last starts from here
  --limit N       at most N entries per list in md, slack and text (default 25; 0 for all);
                  json always holds everything

Examples:
  roadmap standup
  roadmap standup --format slack --git
  roadmap standup --by Ana --since last --record`,
  options: {
    since: { type: 'string' },
    today: { type: 'string' },
    now: { type: 'string' },
    by: { type: 'string' },
    format: { type: 'string' },
    git: { type: 'boolean' },
    record: { type: 'boolean' },
    limit: { type: 'string' },
  },
  async run({ io, args, options }) {
    const { planArg, rest } = splitPlanArg(args, io.cwd);
    if (rest.length > 0) throw new UsageError(`standup takes at most one plan; got "${sanitizeLine(rest.join(' '))}".\nUsage: ${USAGE}`);
    const format = (typeof options.format === 'string' ? options.format : 'text') as StandupFormat;
    if (!STANDUP_FORMATS.includes(format)) {
      throw new UsageError(`--format must be one of ${STANDUP_FORMATS.join(', ')}; got "${sanitizeLine(String(options.format))}"`);
    }
    const limitText = typeof options.limit === 'string' ? options.limit.trim() : String(DEFAULT_LIMIT);
    if (!/^\d{1,6}$/.test(limitText)) throw new UsageError(`--limit must be a whole number (0 for all); got "${sanitizeLine(limitText)}"`);
    const limit = Number(limitText);
    const byOption = typeof options.by === 'string' ? options.by : 'all';
    const by = byOption.trim().toLowerCase() === 'all' ? undefined : checkAuthor(byOption, '--by');
    const now = typeof options.now === 'string' ? new Date(parseInstant(options.now, '--now')) : io.now();
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(now);
    const sinceOption = typeof options.since === 'string' ? options.since.trim() : 'yesterday';
    const sinceDate = sinceOption === 'yesterday' || sinceOption === 'last' ? undefined : parseDay(sinceOption, '--since');
    if (sinceDate !== undefined && sinceDate > today) throw new UsageError(`--since ${sinceDate} is after the standup's day, ${today}`);

    const loaded = await loadTracking(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const { plan, schedule, read, file } = loaded;

    // A standup for a past day reads the journal as it stood at the end of that (local) day;
    // the next day's midnight, not 24 hours, so a daylight-saving day ends where it should.
    const until = today < localDate(now) ? new Date(startOfLocalDay(dayToIso(isoToDay(today) + 1)).getTime() - 1) : now;
    const untilIso = until.toISOString();
    const events = read.events.filter((e) => Date.parse(e.at) <= until.getTime());
    const journal = foldJournal(plan, events, read.problems);
    if (journal.problems.length > 0) io.stderr(formatProblems(journal.problems, { io }));

    const notes: string[] = [];
    let window: StandupWindow;
    if (sinceDate !== undefined) {
      window = { since: sinceDate, sinceAt: startOfLocalDay(sinceDate).toISOString(), until: untilIso, basis: 'date' };
    } else {
      const last = sinceOption === 'last' ? lastStandup(journal, untilIso) : undefined;
      if (last) {
        window = { since: localDate(new Date(last.at)), sinceAt: last.at, until: untilIso, basis: 'last-standup' };
      } else {
        if (sinceOption === 'last') notes.push('no standup has been recorded yet, so this looks back to the previous work day');
        const since = previousWorkDay(plan, today);
        window = { since, sinceAt: startOfLocalDay(since).toISOString(), until: untilIso, basis: 'previous-work-day' };
      }
    }

    let git: GitInput | undefined;
    if (options.git) {
      git = await readGitLog({ cwd: path.dirname(file), since: window.sinceAt, until: untilIso, env: io.env });
      if (!git.available) io.stderr(`roadmap: --git: ${git.reason}; the standup goes on without commits\n`);
    }

    const status = computeStatus(plan, schedule, journal, today, { now: untilIso });
    const report = buildStandup({
      plan,
      schedule,
      journal,
      status,
      today,
      window,
      ...(by !== undefined ? { by } : {}),
      ...(git ? { git } : {}),
      notes,
      dateOf: (at) => localDate(new Date(at)),
    });
    io.stdout(renderStandup(report, format, { clock: localClock(until), limit }));

    if (options.record) {
      const author = await resolveAuthor(io, by);
      try {
        await appendEvents(file, author, [
          {
            at: now.toISOString(),
            by: author,
            type: 'standup',
            data: { since: window.since, sinceAt: window.sinceAt, today, by: report.by, counts: report.counts },
          },
        ]);
      } catch (err) {
        throw new IoError(`cannot record the standup in ${displayPath(journalFile(file, author), io.cwd)}: ${(err as Error).message}`);
      }
      io.stderr(`Recorded the standup by ${sanitizeLine(author)} in ${sanitizeLine(displayPath(journalFile(file, author), io.cwd))}\n`);
    }
    return EXIT.ok;
  },
};

export default command;
