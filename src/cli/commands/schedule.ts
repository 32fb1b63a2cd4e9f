/**
 * `roadmap schedule [plan]`: score the matrix and print the phased week-by-week schedule, as text
 * or as JSON ("format": "roadmap.schedule/v1"). `--weight criterion=value` re-plans with other
 * criterion weights without touching the file. Exit 1 when the schedule has errors.
 */
import { nearestId } from '../../core/nearest-id.js';
import type { Plan } from '../../core/plan-schema.js';
import { hasErrors } from '../../core/problem.js';
import { sanitizeLine, stringifyJson } from '../../core/sanitize.js';
import { scheduleWithCriticalPath } from '../../core/critical-path.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { loadPlanForCommand } from '../plan-source.js';
import { problemLines, renderSchedule, type WeightChange } from '../render-schedule.js';
import { criticalPathLines, PROJECTION_HELP, PROJECTION_OPTIONS, PROJECTION_USAGE, runScheduleProjection, wantsProjection } from '../schedule-projection.js';
import { styleFor } from '../style.js';
import { localDate, parseDay } from '../time-options.js';

export const SCHEDULE_FORMAT = 'roadmap.schedule/v1';

const USAGE = `roadmap schedule [plan] [--json] [--today YYYY-MM-DD] [--weight criterion=value ...] ${PROJECTION_USAGE}`;

/** Parses `--weight compatibility=5` (repeatable); the criteria are checked once the plan is loaded. */
export function parseWeights(values: readonly string[]): Record<string, number> {
  const weights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const raw of values) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(raw);
    const value = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`--weight "${sanitizeLine(raw)}" should be criterion=value with a value of 0 or more, e.g. --weight performance=4`);
    }
    weights[match[1]!] = value;
  }
  return weights;
}

function checkCriteria(plan: Plan, weights: Record<string, number>): WeightChange[] {
  const changes: WeightChange[] = [];
  const ids = plan.scoring.criteria.map((c) => c.id);
  for (const [criterion, to] of Object.entries(weights)) {
    const known = plan.scoring.criteria.find((c) => c.id === criterion);
    if (!known) {
      const near = nearestId(criterion, ids);
      throw new UsageError(
        `--weight: the plan has no criterion "${sanitizeLine(criterion)}"${near ? ` (did you mean "${near}"?)` : ''}. Criteria: ${ids.join(', ')}`,
      );
    }
    changes.push({ criterion, from: known.weight, to });
  }
  return changes.sort((a, b) => (a.criterion < b.criterion ? -1 : 1));
}

const command: Command = {
  name: 'schedule',
  summary: 'Score the matrix and print the phased week-by-week schedule',
  help: `Usage: ${USAGE}

Scores every component, groups them into phases by tier and lays them out week by week on the
plan's calendar (holidays, freezes, team capacity, dependencies, pins, risk budget), with day
ranges and dates for every task and the rollback rules guarding each week.

  --json                print the schedule as JSON ("format": "${SCHEDULE_FORMAT}")
  --today DATE          mark the week holding DATE with ">" (default: today, local time)
  --weight CRIT=VALUE   what-if: use this weight for a criterion (repeatable); the file is unchanged
${PROJECTION_HELP}

Components marked * are on the critical path; "slack N d" is how many work days each can slip
without moving the end date (see docs/plan-vs-actual.md).

Exit status: 0 when the plan can be met (warnings allowed), 1 when the plan is invalid or the
schedule has errors (printed), 2 usage, 3 file error.`,
  options: {
    json: { type: 'boolean' },
    today: { type: 'string' },
    weight: { type: 'string', multiple: true },
    ...PROJECTION_OPTIONS,
  },
  async run({ io, args, options }) {
    if (args.length > 1) throw new UsageError(`schedule takes at most one plan.\nUsage: ${USAGE}`);
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(io.now());
    const weightArgs = Array.isArray(options.weight) ? options.weight : [];
    const weights = parseWeights(weightArgs);

    const loaded = await loadPlanForCommand(io, args[0]);
    if (!loaded.ok) return loaded.exitCode;
    const changes = checkCriteria(loaded.plan, weights);
    if (wantsProjection(options)) {
      const projection = { io, options, plan: loaded.plan, file: loaded.file, today, weightChanges: changes, format: SCHEDULE_FORMAT };
      return runScheduleProjection(changes.length > 0 ? { ...projection, weights } : projection);
    }
    const schedule = scheduleWithCriticalPath(loaded.plan, changes.length > 0 ? { weights } : {});
    const failed = hasErrors(schedule.problems);
    const style = styleFor(io);

    if (options.json) {
      io.stdout(`${stringifyJson({ format: SCHEDULE_FORMAT, ...schedule })}\n`);
      if (failed) io.stderr(`${problemLines(schedule.problems.filter((p) => p.severity === 'error'), io.columns, styleFor({ env: io.env, stdoutIsTTY: false })).join('\n')}\n`);
    } else {
      io.stdout(renderSchedule(schedule, loaded.plan, { columns: io.columns, style, today, weights: changes, footer: criticalPathLines(schedule, io.columns, style) }));
      if (failed) io.stderr('roadmap: the plan cannot be met as written; see the errors above.\n');
    }
    return failed ? EXIT.invalid : EXIT.ok;
  },
};

export default command;
