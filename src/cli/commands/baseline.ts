/**
 * `roadmap baseline [plan] save|list|diff`: keep the schedule as it stood when the team agreed
 * to it (a `baseline` journal event, so it travels with the plan through git), list what was
 * kept, and compare today's actuals and projection against one.
 */
import { baselineData, compareToBaseline, findBaseline, readBaselines, type Baseline } from '../../core/baseline.js';
import { scheduleWithCriticalPath } from '../../core/critical-path.js';
import { projectFromToday } from '../../core/projection.js';
import { sanitizeLine, stringifyJson } from '../../core/sanitize.js';
import { computeStatus } from '../../core/status.js';
import { appendEvents, journalFile } from '../../plan/journal-io.js';
import { resolveAuthor } from '../author.js';
import { EXIT, IoError, UsageError, type Command } from '../command.js';
import { displayPath, loadPlanForCommand } from '../plan-source.js';
import { cut, showDate } from '../render-schedule.js';
import { baselineLines, dateOfInstant, journalWarnings, loadJournal } from '../schedule-projection.js';
import { styleFor } from '../style.js';
import { eventTime, localDate, parseDay } from '../time-options.js';

const USAGE = `roadmap baseline [plan] save [--name NAME] [--from-today] [--force] [--by NAME] [--at ISO] [--today DATE]
       roadmap baseline [plan] list [--json]
       roadmap baseline [plan] diff [--name NAME] [--today DATE] [--json]`;

const SUBCOMMANDS = ['save', 'list', 'diff'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
const isSub = (x: string | undefined): x is Sub => x !== undefined && (SUBCOMMANDS as readonly string[]).includes(x);
const MAX_NAME = 200;

export const BASELINE_LIST_FORMAT = 'roadmap.baselines/v1';
export const BASELINE_DIFF_FORMAT = 'roadmap.baseline-diff/v1';

function checkName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new UsageError('--name is empty; give the baseline a name, e.g. --name kickoff');
  if (name.length > MAX_NAME) throw new UsageError(`--name is longer than ${MAX_NAME} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/.test(name)) throw new UsageError('--name contains control characters');
  return name;
}

const command: Command = {
  name: 'baseline',
  summary: 'Save the schedule as a baseline, list baselines, and diff actuals and projection against one',
  help: `Usage: ${USAGE}

save   records the schedule as it stands (per component its weeks and dates, per task its dates,
       the end date) as a baseline event in your journal file. The name defaults to the date
       it is recorded on.
       --from-today saves the projection from today instead (re-baselining after a slip).
       A name already used is refused unless --force (the newest of a name wins).
list   the baselines in the journal, oldest first.
diff   per component: baselined vs actual (done work) or projected (the rest, re-planned from
       today) start and finish, the slip in work days, the end-date slip, and per baselined
       week how many finishes are done or late. Uses the newest baseline unless --name.

  --name NAME     the baseline to save or compare with
  --from-today    save: store the projection from today rather than the plan's schedule
  --force         save: record even when the name is taken
  --by NAME       save: who records it (default: $ROADMAP_AUTHOR, git config user.name, $USER)
  --at ISO        save: when it is recorded (default: now), e.g. 2026-11-02T09:00
  --today DATE    diff, save --from-today: the day to project from (default: today, local time)
  --json          list: "format": "${BASELINE_LIST_FORMAT}"; diff: "format": "${BASELINE_DIFF_FORMAT}"`,
  options: {
    name: { type: 'string' },
    'from-today': { type: 'boolean' },
    force: { type: 'boolean' },
    by: { type: 'string' },
    at: { type: 'string' },
    today: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ io, args, options }) {
    const [planArg, sub, ...extra] = isSub(args[0]) ? [undefined, ...args] : args;
    if (!isSub(sub) || extra.length > 0) {
      throw new UsageError(`baseline needs one of ${SUBCOMMANDS.join(', ')}${sub !== undefined && !isSub(sub) ? ` (got "${sanitizeLine(sub)}")` : ''}.\nUsage: ${USAGE}`);
    }
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(io.now());
    const name = typeof options.name === 'string' ? checkName(options.name) : undefined;
    if (sub !== 'save' && (options.force || options['from-today'] || options.by !== undefined || options.at !== undefined)) {
      throw new UsageError(`--force, --from-today, --by and --at are for baseline save.\nUsage: ${USAGE}`);
    }
    if (sub === 'list' && name !== undefined) throw new UsageError('baseline list takes no --name');

    const loaded = await loadPlanForCommand(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const { plan, file } = loaded;
    const journal = await loadJournal(io, plan, file);
    journalWarnings(io, journal.problems);
    const { baselines, problems } = readBaselines(journal);
    journalWarnings(io, problems);
    const style = styleFor(io);

    if (sub === 'save') {
      const at = eventTime(io, options.at as string | undefined);
      const baselineName = name ?? localDate(new Date(at));
      if (!options.force && baselines.some((b) => b.name === baselineName)) {
        throw new UsageError(`a baseline named "${sanitizeLine(baselineName)}" already exists; choose another --name, or add --force to record a newer one`);
      }
      const schedule = options['from-today'] ? projectFromToday(plan, journal, today, { dateOf: dateOfInstant }).schedule : scheduleWithCriticalPath(plan);
      const by = await resolveAuthor(io, options.by as string | undefined);
      try {
        await appendEvents(file, by, [{ type: 'baseline', name: baselineName, data: baselineData(schedule), at, by }]);
      } catch (err) {
        throw new IoError(`cannot write the journal ${displayPath(journalFile(file, by), io.cwd)}: ${(err as Error).message}`);
      }
      const what = options['from-today'] ? `the projection from ${showDate(today, true)}` : 'the schedule';
      io.stdout(
        `Baseline "${sanitizeLine(baselineName)}" saved: ${what}, ${schedule.components.length} components, ${schedule.weeks.length} weeks, ends ${showDate(schedule.end, true)}\n`,
      );
      io.stderr(`Recorded by ${sanitizeLine(by)} in ${sanitizeLine(displayPath(journalFile(file, by), io.cwd))}\n`);
      return EXIT.ok;
    }

    if (sub === 'list') {
      const rows = baselines.map((b: Baseline) => ({
        name: b.name,
        at: b.at,
        by: b.by,
        end: b.data.end,
        weeks: b.data.weeks,
        components: b.data.components.length,
      }));
      if (options.json) {
        io.stdout(`${stringifyJson({ format: BASELINE_LIST_FORMAT, baselines: rows })}\n`);
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.stdout('No baselines yet. Save one with `roadmap baseline save --name NAME`.\n');
        return EXIT.ok;
      }
      const width = Math.max(40, io.columns);
      const nameW = Math.min(24, Math.max(4, ...rows.map((r) => sanitizeLine(r.name).length)));
      const lines = [style.bold(cut(`${'Name'.padEnd(nameW)}  Recorded          By          Ends             Weeks`, width))];
      for (const r of rows) {
        const n = cut(sanitizeLine(r.name), nameW).padEnd(nameW);
        lines.push(cut(`${n}  ${showDate(r.at.slice(0, 10), true).padEnd(16)}  ${cut(sanitizeLine(r.by), 10).padEnd(10)}  ${showDate(r.end, true).padEnd(15)}  ${r.weeks}`, width));
      }
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }

    const baseline = findBaseline(baselines, name);
    if (!baseline) {
      throw new UsageError(
        baselines.length === 0
          ? 'this plan has no baseline yet; save one with `roadmap baseline save`'
          : `no baseline "${sanitizeLine(name!)}"; saved: ${[...new Set(baselines.map((b) => sanitizeLine(b.name)))].join(', ')}`,
      );
    }
    const projection = projectFromToday(plan, journal, today, { dateOf: dateOfInstant });
    const status = computeStatus(plan, projection.planned, journal, today);
    const comparison = compareToBaseline(baseline, projection.schedule, status, plan);
    if (options.json) {
      io.stdout(`${stringifyJson({ format: BASELINE_DIFF_FORMAT, ...comparison })}\n`);
      return EXIT.ok;
    }
    const text = baselineLines(comparison, io.columns, style, { all: true }).map((l) => (l.colour ? l.colour(l.text) : l.text));
    io.stdout(`${text.join('\n')}\n`);
    return EXIT.ok;
  },
};

export default command;
