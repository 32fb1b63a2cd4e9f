/**
 * The standup round's view state: who (or which task) the round goes through, which tasks each
 * step lists, the window the report covers, and the finished report itself, which is the core's
 * (buildStandup + renderStandup, Markdown), exactly as `roadmap standup --format md` builds it.
 */
import { dayToIso, isoToDay } from '../../core/calendar.js';
import { foldJournal } from '../../core/journal.js';
import type { Plan } from '../../core/plan-schema.js';
import type { Schedule } from '../../core/schedule-types.js';
import { buildStandup, previousWorkDay, type StandupWindow } from '../../core/standup.js';
import { renderStandup, shortDate } from '../../core/standup-render.js';
import { computeStatus } from '../../core/status.js';
import { isClosed, type PlanStatus, type TaskStatusEntry } from '../../core/status-types.js';
import { localDate } from '../../cli/time-options.js';
import type { JournalInput, ListRow, RowsInput, StandupReportText, StandupState } from './types.js';

/** Entries per list in the report, as `roadmap standup` prints by default. */
export const REPORT_LIMIT = 25;

export interface StandupRow extends ListRow {
  kind: 'task';
  taskId: string;
  componentId: string;
}

const fold = (name: string) => name.trim().toLowerCase();

/** Team members, then everyone who wrote in the journal: the people the report calls silent. */
export function standupPeople(plan: Plan, status: PlanStatus | null): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const name of [...plan.team.members.map((m) => m.name), ...(status?.journal.authors ?? [])]) {
    const key = fold(name);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/** Tasks in progress (doing or blocked), in the order status lists them. */
export function tasksInProgress(status: PlanStatus | null): string[] {
  return (status?.tasks ?? []).filter((t) => t.status === 'doing' || t.status === 'blocked').map((t) => t.id);
}

export function standupSubjects(plan: Plan, status: PlanStatus | null, mode: StandupState['mode']): string[] {
  return mode === 'people' ? standupPeople(plan, status) : tasksInProgress(status);
}

const startOfLocalDay = (date: string): Date => new Date(`${date}T00:00:00`);

/**
 * The window `roadmap standup` uses by default: since the start of the previous work day of the
 * plan's calendar; until now, or the end of `today` when today is a day in the past.
 */
export function standupWindow(plan: Plan, today: string, now: Date): StandupWindow {
  const since = previousWorkDay(plan, today);
  const until = today < localDate(now) ? new Date(startOfLocalDay(dayToIso(isoToDay(today) + 1)).getTime() - 1) : now;
  return { since, sinceAt: startOfLocalDay(since).toISOString(), until: until.toISOString(), basis: 'previous-work-day' };
}

const ORDER: Record<string, number> = { blocked: 0, doing: 1, todo: 2, done: 3, skipped: 4 };

/**
 * One step's tasks. A person: their open work that is blocked, in progress, late or scheduled in
 * the current week, and what they closed since the window opened (so a task marked done in the
 * round stays in view). A task in progress: that task.
 */
export function standupRows(input: RowsInput): StandupRow[] {
  const { standup, status } = input;
  if (standup.phase !== 'round' || !status) return [];
  const subject = standup.subjects[standup.step];
  if (subject === undefined) return [];
  const row = (t: TaskStatusEntry): StandupRow => ({ kind: 'task', key: `${t.componentId}/${t.id}`, taskId: t.id, componentId: t.componentId, selectable: true });
  if (standup.mode === 'tasks') {
    const t = status.tasks.find((x) => x.id === subject);
    return t ? [row(t)] : [];
  }
  const person = fold(subject);
  const week = status.currentWeek === null ? undefined : input.schedule.weeks[status.currentWeek - 1];
  const sinceAt = standup.window ? Date.parse(standup.window.sinceAt) : Number.POSITIVE_INFINITY;
  const picked = status.tasks.filter((t) => {
    const owner = t.owner ?? input.planComponents.get(t.componentId)?.owner;
    const mine = (owner !== undefined && fold(owner) === person) || (t.by !== undefined && fold(t.by) === person && !isClosed(t.status));
    if (!mine) return false;
    if (isClosed(t.status)) return t.since !== undefined && Date.parse(t.since) >= sinceAt;
    if (t.status !== 'todo' || t.late) return true;
    return week !== undefined && t.scheduledStart <= week.end && t.scheduledEnd >= week.start;
  });
  picked.sort(
    (a, b) =>
      (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) ||
      Number(b.late) - Number(a.late) ||
      (a.scheduledStart < b.scheduledStart ? -1 : a.scheduledStart > b.scheduledStart ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return picked.map(row);
}

/** "09:55" on the report's day, else "Tue 24 Nov 09:55": local time, as the CLI prints it. */
function localClock(reference: Date): (iso: string) => string {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return (iso) => {
    const d = new Date(iso);
    const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
    return localDate(d) === localDate(reference) ? time : `${shortDate(localDate(d))} ${time}`;
  };
}

/** The finished standup in Markdown: the journal as it stood at the end of the window. */
export function standupReport(
  input: { plan: Plan; schedule: Schedule; journal: JournalInput; today: string },
  window: StandupWindow,
): StandupReportText {
  const untilMs = Date.parse(window.until);
  const events = input.journal.events.filter((e) => Date.parse(e.at) <= untilMs);
  const journal = foldJournal(input.plan, events, input.journal.problems);
  const status = computeStatus(input.plan, input.schedule, journal, input.today, { now: window.until });
  const report = buildStandup({ plan: input.plan, schedule: input.schedule, journal, status, today: input.today, window, notes: [] });
  return {
    markdown: renderStandup(report, 'md', { clock: localClock(new Date(window.until)), limit: REPORT_LIMIT }),
    record: { since: window.since, sinceAt: window.sinceAt, today: input.today, by: report.by, counts: report.counts },
  };
}
