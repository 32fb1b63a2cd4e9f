/**
 * `roadmap track [plan] <task|component|rule> <status>`: records a status event in the author's
 * journal file and prints what changed. A component sets each of its tasks; a rollback rule takes
 * only `rolled-back`.
 */
import { deriveStatus } from '../../core/status.js';
import { didYouMean } from '../../core/nearest-id.js';
import { rollbackStatuses } from '../../core/rollback-state.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { TASK_STATUSES, TRACKED_STATUSES, type TaskStatus, type TrackedStatus } from '../../core/status-types.js';
import type { Plan } from '../../core/plan-schema.js';
import type { JournalState } from '../../core/journal.js';
import { appendEvents, journalFile } from '../../plan/journal-io.js';
import { resolveAuthor } from '../author.js';
import { EXIT, IoError, UsageError, type Command } from '../command.js';
import { displayPath } from '../plan-source.js';
import { styleFor } from '../style.js';
import { eventTime } from '../time-options.js';
import { loadTracking, refold } from '../tracking.js';

const USAGE = 'roadmap track [plan] <task-or-component-or-rule> <todo|doing|done|blocked|skipped|rolled-back> [--note TEXT] [--by NAME] [--at ISO]';

type Target = { kind: 'task'; id: string; componentId: string } | { kind: 'component'; id: string; tasks: string[] } | { kind: 'rule'; id: string };

export function findTarget(plan: Plan, id: string): Target | undefined {
  for (const c of plan.components) {
    const task = c.tasks.find((t) => t.id === id);
    if (task) return { kind: 'task', id, componentId: c.id };
  }
  const component = plan.components.find((c) => c.id === id);
  if (component) return { kind: 'component', id, tasks: component.tasks.map((t) => t.id) };
  if (plan.rollback.some((r) => r.id === id)) return { kind: 'rule', id };
  return undefined;
}

export function trackableIds(plan: Plan): string[] {
  return [...plan.components.flatMap((c) => [c.id, ...c.tasks.map((t) => t.id)]), ...plan.rollback.map((r) => r.id)];
}

const statusOf = (journal: JournalState, id: string): TaskStatus => (journal.statuses.get(id)?.status ?? 'todo') as TaskStatus;

const command: Command = {
  name: 'track',
  summary: 'Record the status of a task, a component (all its tasks) or a rollback rule',
  help: `Usage: ${USAGE}

Appends a status event to <plan dir>/<plan name>.journal/<you>.jsonl (one file per author, so
teammates never conflict in git) and prints what changed.

  <id>            a task id, a component id (sets every task of it) or a rollback rule id
  <status>        todo, doing, done, blocked, skipped; rolled-back for rollback rules only
  --note TEXT     why, e.g. what it is blocked on
  --by NAME       who (default: $ROADMAP_AUTHOR, git config user.name, then $USER)
  --at ISO        when it happened (default: now), e.g. 2026-11-04T16:30 or 2026-11-04

Examples:
  roadmap track plugin-registry done
  roadmap track incident-manager-safety blocked --note "load-test env down"
  roadmap track immediate rolled-back --note "back on CPython 3.12"`,
  options: {
    note: { type: 'string' },
    by: { type: 'string' },
    at: { type: 'string' },
  },
  async run({ io, args, options }) {
    // The arity tells whether a plan is named: a folder that happens to share an id's name
    // (a "docs" component next to a docs/ folder) must not be taken for the plan.
    const { planArg, rest } = args.length === 3 ? { planArg: args[0], rest: args.slice(1) } : { planArg: undefined, rest: args };
    if (rest.length !== 2) throw new UsageError(`track needs an id and a status.\nUsage: ${USAGE}`);
    const [id, rawStatus] = rest as [string, string];
    if (!(TRACKED_STATUSES as readonly string[]).includes(rawStatus)) {
      throw new UsageError(`"${sanitizeLine(rawStatus)}" is not a status; use one of ${TRACKED_STATUSES.join(', ')}`);
    }
    const status = rawStatus as TrackedStatus;
    const note = typeof options.note === 'string' ? options.note : undefined;
    const at = eventTime(io, options.at as string | undefined);

    const loaded = await loadTracking(io, planArg);
    if (!loaded.ok) return loaded.exitCode;
    const target = findTarget(loaded.plan, id);
    if (!target) {
      const hint = didYouMean(id, trackableIds(loaded.plan));
      io.stderr(`roadmap: no task, component or rollback rule "${sanitizeLine(id)}" in this plan${hint ? `; ${hint}` : ''}\n`);
      return EXIT.invalid;
    }
    if (target.kind === 'rule' && status !== 'rolled-back') {
      throw new UsageError(`"${id}" is a rollback rule; the only status it takes is rolled-back`);
    }
    if (target.kind !== 'rule' && status === 'rolled-back') {
      throw new UsageError(`rolled-back is for rollback rules (${loaded.plan.rollback.map((r) => r.id).join(', ') || 'none in this plan'}); use one of ${TASK_STATUSES.join(', ')} for "${id}"`);
    }

    const by = await resolveAuthor(io, options.by as string | undefined);
    const ruleBefore =
      target.kind === 'rule' ? rollbackStatuses(loaded.plan, loaded.schedule, loaded.journal).find((r) => r.id === id)!.state : undefined;
    try {
      await appendEvents(loaded.file, by, [{ type: 'status', target: id, status, at, by, ...(note !== undefined ? { note } : {}) }]);
    } catch (err) {
      throw new IoError(`cannot write the journal ${displayPath(journalFile(loaded.file, by), io.cwd)}: ${(err as Error).message}`);
    }
    const after = await refold(io, loaded);
    const style = styleFor(io);
    const change = (label: string, from: string, to: string) =>
      from === to ? `${label}: ${to} (unchanged)` : `${label}: ${from} -> ${style.bold(to)}`;
    const lines: string[] = [];
    if (target.kind === 'task') {
      lines.push(change(id, statusOf(loaded.journal, id), statusOf(after.journal, id)));
      const component = loaded.plan.components.find((c) => c.id === target.componentId)!;
      const derived = deriveStatus(component.tasks.map((t) => statusOf(after.journal, t.id)));
      lines.push(`  ${component.id} is ${derived} (${component.tasks.filter((t) => ['done', 'skipped'].includes(statusOf(after.journal, t.id))).length}/${component.tasks.length} tasks closed)`);
    } else if (target.kind === 'component') {
      if (target.tasks.length === 0) {
        lines.push(change(id, statusOf(loaded.journal, id), statusOf(after.journal, id)));
      } else {
        lines.push(`${id}: ${target.tasks.length} task${target.tasks.length === 1 ? '' : 's'} set to ${status}`);
        for (const t of target.tasks) lines.push(`  ${change(t, statusOf(loaded.journal, t), statusOf(after.journal, t))}`);
      }
    } else {
      const ruleAfter = rollbackStatuses(after.plan, after.schedule, after.journal).find((r) => r.id === id)!.state;
      lines.push(change(id, ruleBefore!, ruleAfter));
    }
    if (note !== undefined) lines.push(`  note: ${sanitizeLine(note)}`);
    io.stdout(`${lines.join('\n')}\n`);
    // A teammate said otherwise within the same minute: say so now, not only in `status`.
    const touched = new Set([id, ...(target.kind === 'component' ? target.tasks : [])]);
    const known = new Set(loaded.journal.problems.map((p) => p.message));
    for (const p of after.journal.problems) {
      if (p.code === 'journal-conflict' && !known.has(p.message) && [...touched].some((t) => p.message.includes(`"${t}"`))) {
        io.stderr(`warning: ${sanitizeLine(p.message)}\n`);
      }
    }
    io.stderr(`Recorded by ${sanitizeLine(by)} in ${sanitizeLine(displayPath(journalFile(loaded.file, by), io.cwd))}\n`);
    return EXIT.ok;
  },
};

export default command;
