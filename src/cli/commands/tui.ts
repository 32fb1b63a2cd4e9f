/**
 * `roadmap [tui] [plan]`: the interactive terminal UI, or the plain overview when stdout or stdin
 * is not a terminal (pipes, CI, `npm start` in a script), exit 0 either way. React and ink are
 * imported here, at run time and only on a terminal, so no other command ever loads them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { computeStatus } from '../../core/status.js';
import { findBaseline, readBaselines } from '../../core/baseline.js';
import { foldJournal, type JournalState } from '../../core/journal.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { schedulePlan } from '../../core/schedule.js';
import type { Plan } from '../../core/plan-schema.js';
import { readJournal } from '../../plan/journal-io.js';
import type { JournalInput } from '../../tui/state/types.js';
import { resolveAuthor } from '../author.js';
import { EXIT, UsageError, type CliIO, type Command } from '../command.js';
import { renderOverview } from '../overview.js';
import { displayPath, loadPlanForCommand, resolvePlanPath } from '../plan-source.js';
import { localDate, parseDay } from '../time-options.js';

const USAGE = 'roadmap [tui] [plan] [--today YYYY-MM-DD] [--view matrix|roadmap|week|metrics|risks|standup] [--baseline NAME]';

/** The example `npm start` opens when plans/ holds several plans and none was named. */
export const DEFAULT_EXAMPLE = path.join('plans', 'codon-migration.yaml');

/** The views' ids in tab order (src/tui/views/index.ts; a test keeps the two in step). */
export const VIEW_NAMES = ['matrix', 'roadmap', 'week', 'metrics', 'risks', 'standup'];

/**
 * The plan to open: the one named, else the usual resolution (./roadmap.yaml, the only plan in
 * ./plans/), else, when that is ambiguous, the codon example if it is there.
 */
export function tuiPlanArg(arg: string | undefined, cwd: string): string {
  if (arg !== undefined) return arg;
  try {
    return resolvePlanPath(undefined, cwd);
  } catch (err) {
    if (err instanceof UsageError && existsSync(path.join(cwd, DEFAULT_EXAMPLE))) return DEFAULT_EXAMPLE;
    throw err;
  }
}

const command: Command = {
  name: 'tui',
  summary: 'Open the interactive terminal UI (the default command)',
  help: `Usage: ${USAGE}

Views (Tab, Shift-Tab or the number keys): 1 Matrix (components by score, with the score
breakdown, placement reasons and dependencies of the selected one), 2 Roadmap (phases and
weeks as a timeline, today marked, capacity and work done per week), 3 Week (one week's tasks
with dates), 4 Metrics (targets, latest values, trends, evidence; m records a measurement),
5 Risks (the risk register and the rollback rules), 6 Standup (a guided round, then the report
to a file, the clipboard or the journal). A firing rollback rule shows above every view with
its deadlines counting down.
Press ? inside for every key. Re-weighting (w), pins (p, P), capacity (c) and the start date
(d) are held in memory and show what moved; u undoes, ctrl-r redoes, s saves them into the
plan file (never over a file that changed on disk). space, b and n record task status and
notes in the journal as $ROADMAP_AUTHOR, git config user.name, or $USER.

When stdout or stdin is not a terminal, prints a plain overview of the plan instead and exits 0.
With no plan named and several in ./plans/, opens ${DEFAULT_EXAMPLE} when it exists.
NO_COLOR turns colour off.

With a baseline in the journal (\`roadmap baseline save\`), the Roadmap marks each component
whose finish moved against it (+3d later, -2d earlier, in work days) and says where the end
date now falls against the baseline's; the Week view counts the week's baselined finishes (done,
late); the Matrix detail pane gives the selected component's planned vs actual or projected start
and finish. Edits and ticks update it.

  --today DATE     show the plan as of this date (default: today, local time)
  --view NAME      start on this view: ${VIEW_NAMES.join(', ')}
  --baseline NAME  compare with this baseline (default: the newest in the journal)`,
  options: {
    today: { type: 'string' },
    view: { type: 'string' },
    baseline: { type: 'string' },
  },
  async run({ io, args, options }) {
    if (args.length > 1) throw new UsageError(`tui takes at most one plan.\nUsage: ${USAGE}`);
    const view = typeof options.view === 'string' ? options.view : undefined;
    if (view !== undefined && !VIEW_NAMES.includes(view)) {
      throw new UsageError(`--view must be one of ${VIEW_NAMES.join(', ')} (got "${view.slice(0, 40)}")`);
    }
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(io.now());
    const interactive = io.stdoutIsTTY && io.stdinIsTTY;
    // React and ink take longer to load than the plan: start now, overlapping with the file reads.
    const ui = interactive ? loadUi() : undefined;
    ui?.catch(() => undefined); // Awaited below; if the plan fails first nobody waits for it.
    // Without a name to record under, the status keys are left out rather than failing later.
    const author = interactive ? resolveAuthor(io, undefined).catch(() => undefined) : undefined;
    const loaded = await loadPlanForCommand(io, tuiPlanArg(args[0], io.cwd));
    if (!loaded.ok) return loaded.exitCode;
    const display = (f: string) => displayPath(f, io.cwd);
    const read = await readJournal(loaded.file, { display });
    const fileLabel = display(loaded.file);
    const baselineArg = typeof options.baseline === 'string' ? options.baseline : undefined;
    // Only a name has to be checked; the fold it takes is reused by the overview.
    const fold = baselineArg !== undefined || !ui ? foldJournal(loaded.plan, read.events, read.problems) : undefined;
    const baseline = baselineArg !== undefined ? checkBaseline(fold!, baselineArg) : undefined;

    if (!ui) {
      const schedule = schedulePlan(loaded.plan);
      const status = computeStatus(loaded.plan, schedule, fold!, today);
      io.stdout(renderOverview(loaded.plan, schedule, { fileLabel, today, status }));
      return EXIT.ok;
    }
    return runInteractive(io, await ui, await author, {
      plan: loaded.plan,
      hash: loaded.loaded.hash,
      file: loaded.file,
      fileLabel,
      today,
      view,
      journal: { events: read.events, problems: read.problems },
      baseline,
    });
  },
};

/**
 * `--baseline NAME`: the name when the journal has that baseline (undefined for "latest"), else
 * a usage error naming the saved ones, as `roadmap status --baseline` gives.
 */
function checkBaseline(journal: JournalState, name: string): string | undefined {
  const { baselines } = readBaselines(journal);
  if (name === 'latest') {
    if (baselines.length > 0) return undefined;
  } else if (findBaseline(baselines, name)) {
    return name;
  }
  const names = [...new Set(baselines.map((b) => sanitizeLine(b.name)))];
  throw new UsageError(
    names.length === 0
      ? 'this plan has no baseline yet; save one with `roadmap baseline save`'
      : `no baseline "${sanitizeLine(name)}"; saved: ${names.join(', ')} (or "latest")`,
  );
}

type Ui = [typeof import('../../tui/run.js'), typeof import('../../tui/file-effects.js')];

function loadUi(): Promise<Ui> {
  prepareInkEnvironment();
  return Promise.all([import('../../tui/run.js'), import('../../tui/file-effects.js')]);
}

async function runInteractive(
  io: CliIO,
  [{ runTui }, { fileEffects }]: Ui,
  author: string | undefined,
  o: { plan: Plan; hash: string; file: string; fileLabel: string; today: string; view: string | undefined; journal: JournalInput; baseline: string | undefined },
): Promise<number> {
  return runTui({
    plan: o.plan,
    hash: o.hash,
    fileLabel: o.fileLabel,
    today: o.today,
    env: io.env,
    journal: o.journal,
    ...(o.view ? { initialView: o.view } : {}),
    ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
    effects: fileEffects({
      file: o.file,
      displayName: o.fileLabel,
      display: (f) => displayPath(f, io.cwd),
      ...(author ? { author } : {}),
      cwd: io.cwd,
      now: () => io.now(),
    }),
  });
}

/**
 * Settings react and ink read once, at import, from process.env:
 * - NODE_ENV: without "production" react runs its development build, several times slower per
 *   frame.
 * - CI: ink draws nothing until exit when it thinks it runs in CI; we only get here with a
 *   terminal on both ends, so someone (or a tmux test) is watching.
 */
function prepareInkEnvironment(): void {
  process.env.NODE_ENV ??= 'production';
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (process.env[name] !== undefined) process.env[name] = 'false';
  }
}

export default command;
