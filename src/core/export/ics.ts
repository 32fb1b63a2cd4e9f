/**
 * iCalendar (RFC 5545) for calendar apps: one all-day event per week of work (or per task with
 * `per: 'task'`) and one per phase gate, on the last work day of each phase.
 *
 * Re-importing an updated export updates the events rather than duplicating them: every UID is
 * derived from the project and the week, task, component or phase id, never from dates or order.
 * DTSTAMP comes from the export date (`--today`), not the clock, so the same inputs give the same
 * bytes. Dates are VALUE=DATE with an exclusive DTEND (the day after the last day), lines are
 * folded at 75 octets without splitting a UTF-8 character, and every line ends in CRLF.
 *
 * Against a baseline, descriptions say how far each item slipped ("3 work days later than
 * baseline 'kickoff'") and the last phase gate gives the end-date slip. Dates and UIDs stay those
 * of the plan's schedule: a calendar client updates the same events, it never gets duplicates.
 */
import { foldIcsLine, icsText } from './escape.js';
import { slipSentence } from './against-baseline.js';
import { workDays } from '../baseline-slip.js';
import { addDays, dateRangeLabel, dayLabel, dayRangeLabel, progressLabel, scoreRangeLabel, STATUS_WORDS, weeksLabel } from './format.js';
import { EXPORT_MARKER_TEXT } from './marker.js';
import { buildView, criteriaOf, criterionWord, type ExportInput, type RoadmapView } from './view.js';
import type { IsoDate, ScheduledComponent, ScheduledTask } from '../schedule-types.js';

interface IcsEvent {
  uid: string;
  start: IsoDate;
  /** Inclusive last day; written as the exclusive day after. */
  end: IsoDate;
  summary: string;
  description: string;
  categories: string[];
}

export function exportIcs(input: ExportInput): string {
  const view = buildView(input);
  const key = projectKey(input.plan.project);
  const stamp = `${(input.generatedAt ?? input.status.today).replace(/-/g, '')}T000000Z`;
  const events = input.per === 'task' ? taskEvents(view, key) : weekEvents(view, key);
  events.push(...gateEvents(view, key));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//roadmap//${EXPORT_MARKER_TEXT}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`${input.plan.title} (${input.plan.project})`)}`,
  ];
  if (input.plan.description) lines.push(`X-WR-CALDESC:${icsText(input.plan.description)}`);
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${e.start.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(e.end, 1).replace(/-/g, '')}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      `CATEGORIES:${e.categories.map(icsText).join(',')}`,
      // Informational all-day entries: they should not block anyone's calendar as busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join('');
}

/**
 * A UID-safe key for the project: its name as a slug, plus a short hash of the exact name so
 * that "A B" and "A-B" (or two names that slug to nothing) still get different UIDs.
 */
export function projectKey(project: string): string {
  const slug = project
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug === '' ? 'project' : slug}-${fnv1a(project)}`;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits: stable, tiny, not a security hash. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const uid = (kind: string, id: string | number, key: string) => `${kind}-${id}.${key}@roadmap`;

function weekEvents(view: RoadmapView, key: string): IcsEvent[] {
  const events: IcsEvent[] = [];
  for (const { phase, weeks } of view.phases) {
    for (const w of weeks) {
      if (w.components.length === 0 || w.week.workdays.length === 0) continue;
      const lines = [
        `Phase ${phase.index}: ${phase.title}`,
        `Priority ${w.scoreLabel}${w.risk ? `, ${w.risk} risk` : ''}`,
        ...(w.progress ? [`Progress: ${progressLabel(w.progress)}`] : []),
        '',
        'Tasks:',
        ...w.items.map(
          (item) =>
            `- ${dayRangeLabel(item.range)} (${dateRangeLabel(item.range.start, item.range.end, false)}): ${item.title}${item.owner ? ` (${item.owner})` : ''}: ${STATUS_WORDS[item.status?.status ?? item.componentStatus?.status ?? 'todo']}`,
        ),
        ...weekSlipLines(view, w.components.map((c) => c.id)),
      ];
      events.push({
        uid: uid('week', w.week.index, key),
        start: w.firstDay,
        end: w.lastDay,
        summary: `Week ${w.week.index}: ${w.theme}`,
        description: lines.join('\n'),
        categories: [phase.title],
      });
    }
  }
  return events;
}

function taskEvents(view: RoadmapView, key: string): IcsEvent[] {
  const events: IcsEvent[] = [];
  for (const component of view.schedule.components) {
    const phase = view.schedule.phases.find((p) => p.id === component.phaseId);
    const category = phase?.title ?? component.phaseId;
    if (component.tasks.length === 0) {
      events.push(componentEvent(view, component, key, category));
      continue;
    }
    const steps = new Map(view.components.get(component.id)!.tasks.map((t) => [t.id, t.steps]));
    for (const task of component.tasks) events.push(taskEvent(view, component, task, steps.get(task.id) ?? [], key, category));
  }
  return events;
}

function taskEvent(view: RoadmapView, component: ScheduledComponent, task: ScheduledTask, steps: string[], key: string, category: string): IcsEvent {
  const s = view.taskStatus.get(task.id);
  const lines = [
    `Component: ${component.title}`,
    `When: ${task.ranges.map((r) => `Week ${r.week} ${dayRangeLabel(r)}`).join(', ')}`,
    `Effort: ${task.effort} person-days${task.owner ? `, owner ${task.owner}` : ''}`,
    `Status: ${STATUS_WORDS[s?.status ?? 'todo']}${s?.late ? `, ${s.lateDays} ${s.lateDays === 1 ? 'day' : 'days'} late` : ''}`,
    ...slipLine(view, view.input.baselineTasks?.get(task.id) ?? {}),
    ...(steps.length > 0 ? ['', 'Steps:', ...steps.map((step) => `- ${step}`)] : []),
  ];
  return {
    uid: uid('task', task.id, key),
    start: task.start,
    end: task.end,
    summary: `${task.title} (${component.title})`,
    description: lines.join('\n'),
    categories: [category],
  };
}

function componentEvent(view: RoadmapView, component: ScheduledComponent, key: string, category: string): IcsEvent {
  const s = view.componentStatus.get(component.id);
  return {
    uid: uid('component', component.id, key),
    start: component.start,
    end: component.end,
    summary: component.title,
    description: [
      `${weeksLabel(component.startWeek, component.endWeek)}, ${component.effort} person-days`,
      `Status: ${STATUS_WORDS[s?.status ?? 'todo']}`,
      ...slipLine(view, componentAgainst(view, component.id)),
    ].join('\n'),
    categories: [category],
  };
}

/** "Slip: 3 work days later than baseline 'kickoff'", when a baseline is in use. */
function slipLine(view: RoadmapView, row: Parameters<typeof slipSentence>[0]): string[] {
  const b = view.input.baseline;
  return b ? [`Slip: ${slipSentence(row, b.comparison.baseline.name)}`] : [];
}

function componentAgainst(view: RoadmapView, id: string): Parameters<typeof slipSentence>[0] {
  return view.againstBaseline.get(id) ?? {};
}

/** A week's components against the baseline, one line each. */
function weekSlipLines(view: RoadmapView, ids: readonly string[]): string[] {
  const b = view.input.baseline;
  if (!b) return [];
  return ['', 'Against the baseline:', ...ids.map((id) => `- ${view.scheduled.get(id)?.title ?? id}: ${slipSentence(componentAgainst(view, id), b.comparison.baseline.name)}`)];
}

/** On the last gate: the end date as baselined and as it stands now. */
function endDateLines(view: RoadmapView): string[] {
  const b = view.input.baseline;
  if (!b) return [];
  const { end, baseline } = b.comparison;
  const text =
    end.baseline === end.current && end.slip === 0
      ? `${dayLabel(end.current, true)}, as in baseline '${baseline.name}'`
      : `${dayLabel(end.baseline, true)} in baseline '${baseline.name}', now ${dayLabel(end.current, true)} (${workDays(end.slip)})`;
  return ['', `End date: ${text}`];
}

function gateEvents(view: RoadmapView, key: string): IcsEvent[] {
  return view.phases.map(({ phase, progress }, i) => {
    const criteria = phase.components.flatMap((id) => criteriaOf(view, view.components.get(id)!));
    const checks = view.plan.validation?.phase ?? [];
    const scores = phase.components.map((id) => view.scheduled.get(id)!.score);
    const lines = [
      `End of Phase ${phase.index} (${weeksLabel(phase.startWeek, phase.endWeek)}), priority ${scoreRangeLabel(scores, view.plan)}`,
      ...(progress ? [`Progress: ${progressLabel(progress)}`] : []),
      ...(checks.length > 0 ? ['', 'Phase validation:', ...checks.map((c) => `- ${c}`)] : []),
      ...(criteria.length > 0 ? ['', 'Success criteria:', ...criteria.map((c) => `- ${c.text}: ${criterionWord(c)}`)] : []),
      ...(i === view.phases.length - 1 ? endDateLines(view) : []),
    ];
    return {
      uid: uid('phase-gate', phase.id, key),
      start: phase.end,
      end: phase.end,
      summary: `Phase gate: ${phase.title}`,
      description: lines.join('\n'),
      categories: [phase.title, 'Phase gate'],
    };
  });
}
