/**
 * `roadmap status [plan]`: health, firing rollbacks, progress, late and blocked work, metrics and
 * readiness on one screen; `--json` prints the PlanStatus (format "roadmap.status/v1").
 */
import { computeStatus } from '../../core/status.js';
import { stringifyJson } from '../../core/sanitize.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { renderStatus } from '../render-status.js';
import { styleFor } from '../style.js';
import { localDate, parseDay, parseInstant } from '../time-options.js';
import { loadTracking } from '../tracking.js';

const USAGE = 'roadmap status [plan] [--today YYYY-MM-DD] [--now ISO-DATETIME] [--json]';

const command: Command = {
  name: 'status',
  summary: 'Show health, firing rollbacks, progress, late/blocked work and metrics',
  help: `Usage: ${USAGE}

Folds the plan's journal (every author's file) into one status screen:
health (on track / at risk / off track) with the reason, rollback rules firing with their
deadlines, progress per phase and week, late and blocked work, metrics (UNVERIFIED until
measured) and a readiness scorecard, then any journal problems.

  --today DATE   report as of this date (default: today, local time)
  --now ISO      the current instant, for rollback deadlines and ages (default: the clock)
  --json         print the status as JSON ("format": "roadmap.status/v1", see docs/tracking.md)`,
  options: {
    today: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ io, args, options }) {
    if (args.length > 1) throw new UsageError(`status takes at most one plan.\nUsage: ${USAGE}`);
    const planArg = args[0];
    const now = typeof options.now === 'string' ? new Date(parseInstant(options.now, '--now')) : io.now();
    const today = typeof options.today === 'string' ? parseDay(options.today, '--today') : localDate(now);
    const loaded = await loadTracking(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const status = computeStatus(loaded.plan, loaded.schedule, loaded.journal, today, { now: now.toISOString() });
    if (options.json) {
      io.stdout(`${stringifyJson(status)}\n`);
    } else {
      io.stdout(renderStatus(status, { now, columns: io.columns, style: styleFor(io) }));
    }
    return EXIT.ok;
  },
};

export default command;
