/**
 * Plan vs actual on `roadmap schedule`: --from-today (re-plan from the journal), --assume
 * (what-if, writes nothing), --baseline (compare with a saved baseline), and the critical path
 * section every schedule shows. schedule.ts hands over to runScheduleProjection when any of the
 * three options is given; the text layout stays renderSchedule's, these sections go below it.
 */
import stringWidth from 'string-width';
import { applyAssumptions, parseAssumption, type AppliedAssumptions, type Assumption } from '../core/assumptions.js';
import { compareToBaseline, findBaseline, readBaselines, type BaselineComparison, type ComponentComparison } from '../core/baseline.js';
import { scheduleWithCriticalPath } from '../core/critical-path.js';
import { foldJournal, type JournalState } from '../core/journal.js';
import type { Plan } from '../core/plan-schema.js';
import { hasErrors, type Problem } from '../core/problem.js';
import { compareSchedules, projectFromToday, readActuals, type EndChange, type Move, type Projection } from '../core/projection.js';
import { sanitizeLine, stringifyJson } from '../core/sanitize.js';
import type { IsoDate, Schedule } from '../core/schedule-types.js';
import { isClosed } from '../core/status-types.js';
import { computeStatus } from '../core/status.js';
import { readJournal } from '../plan/journal-io.js';
import { EXIT, UsageError, type CliIO, type OptionSpec } from './command.js';
import { displayPath } from './plan-source.js';
import { cut, problemLines, renderSchedule, showDate, type FooterLine, type WeightChange } from './render-schedule.js';
import { styleFor, type Style } from './style.js';
import { localDate } from './time-options.js';

export const PROJECTION_OPTIONS = {
  'from-today': { type: 'boolean' },
  assume: { type: 'string', multiple: true },
  baseline: { type: 'string' },
} satisfies OptionSpec;

export const PROJECTION_USAGE = '[--from-today] [--assume PHRASE ...] [--baseline NAME]';

export const PROJECTION_HELP = `  --from-today          re-plan from --today with what the journal says happened: done work
                        stays where it ran, work in progress continues with what is left,
                        the rest is rescheduled by the same rules; says what moved and why
  --assume PHRASE       what-if, repeatable, writes nothing: "ID +3d" (work days of the
                        team), "ID +6pd" (person-days), "capacity -20% weeks 3-4",
                        "capacity 10pd from week 5"; prints what the assumptions move
  --baseline NAME       compare with a baseline saved by \`roadmap baseline save\` ("latest":
                        the newest)`;

const MOVES_SHOWN = 25;
const safe = (text: string) => sanitizeLine(text);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

export function wantsProjection(options: Record<string, unknown>): boolean {
  return options['from-today'] === true || (Array.isArray(options.assume) && options.assume.length > 0) || typeof options.baseline === 'string';
}

/** Parses every --assume; a phrase that cannot be read is a usage error naming it. */
export function parseAssumptions(values: readonly string[]): Assumption[] {
  return values.map((raw) => {
    const parsed = parseAssumption(raw);
    if (!parsed.ok) throw new UsageError(`--assume "${safe(raw)}": ${safe(parsed.message)}`);
    return parsed.assumption;
  });
}

// ---------------------------------------------------------------------------------------------
// Text sections

/** Word-wraps plain text to `width` columns; later lines start with `indent`. */
export function wrap(text: string, width: number, indent = '    '): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of text.slice(lead.length).split(' ')) {
    if (word === '') continue;
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (!empty && stringWidth(candidate) > width) {
      lines.push(current);
      current = `${indent}${word}`;
    } else {
      current = candidate;
    }
    empty = false;
  }
  if (!empty) lines.push(current);
  return lines.map((l) => cut(l, width));
}

const weekText = (a: number, b: number) => (a === b ? `week ${a}` : `weeks ${a}-${b}`);
const dateText = (iso: IsoDate) => showDate(iso);

function moveText(m: Move): string {
  const before = weekText(m.before.startWeek, m.before.endWeek);
  const after = weekText(m.after.startWeek, m.after.endWeek);
  const where = before !== after ? `${before} -> ${after}` : `ends ${dateText(m.before.end)} -> ${dateText(m.after.end)}`;
  const slip = m.finishSlip !== 0 ? `${signed(m.finishSlip)} d` : `starts ${signed(m.startSlip)} d`;
  return `${safe(m.id)}: ${where} (${slip}), because ${safe(m.because)}`;
}

function endText(end: EndChange, against: string): string {
  if (end.before === end.after) return `End: ${showDate(end.after, true)}, as ${against}`;
  return `End: ${showDate(end.before, true)} -> ${showDate(end.after, true)} (${signed(end.slip)} work ${Math.abs(end.slip) === 1 ? 'day' : 'days'})${end.because ? `, because ${safe(end.because)}` : ''}`;
}

function movesLines(moves: readonly Move[], title: string, width: number, style: Style): FooterLine[] {
  const out: FooterLine[] = [];
  if (moves.length === 0) {
    out.push({ text: `${title}: nothing`, colour: style.dim });
    return out;
  }
  out.push({ text: `${title} (${moves.length}):`, colour: style.bold });
  for (const m of moves.slice(0, MOVES_SHOWN)) for (const l of wrap(`  ${moveText(m)}`, width, '      ')) out.push({ text: l });
  if (moves.length > MOVES_SHOWN) out.push({ text: `  and ${moves.length - MOVES_SHOWN} more (see --json)`, colour: style.dim });
  return out;
}

/** "Critical path ...": the chain that sets the end date; every schedule view shows it. */
export function criticalPathLines(schedule: Schedule, columns: number, style: Style): FooterLine[] {
  const chain = schedule.criticalPath ?? [];
  if (chain.length === 0) return [];
  const width = Math.max(40, columns);
  const out: FooterLine[] = wrap(`Critical path (marked *): a one-work-day slip of any of these moves the end, ${showDate(schedule.end, true)}`, width, '  ').map(
    (text) => ({ text, colour: style.bold }),
  );
  const text = chain.map((l, i) => (i === 0 ? safe(l.id) : `> ${safe(l.id)}${l.via === 'phase-gate' ? ' (phase gate)' : ''}`)).join(' ');
  for (const l of wrap(`  ${text}`, width, '  ')) out.push({ text: l });
  return out;
}

function projectionLines(p: Projection, columns: number, style: Style): FooterLine[] {
  const width = Math.max(40, columns);
  const out: FooterLine[] = [];
  const { done, inProgress, notStarted, remaining } = p.counts;
  const head = `Projection from ${showDate(p.from, true)}${p.from !== p.today ? ` (today ${showDate(p.today, true)}; work closed today used it)` : ''}: ${done} done, ${inProgress} in progress, ${notStarted} not started, ${formatPd(remaining)} pd left`;
  for (const l of wrap(head, width, '  ')) out.push({ text: l, colour: style.bold });
  for (const l of wrap(endText(p.end, 'planned'), width, '  ')) out.push({ text: l, colour: p.end.slip > 0 ? style.warning : undefined });
  for (const s of p.slips) {
    if (s.slip === 0) continue;
    const slack = s.plannedSlack;
    const effect =
      s.slip > 0
        ? s.movesEnd
          ? slack !== undefined && slack > 0
            ? `more than its ${slack} d of slack, so it moves the end date`
            : 'it was on the critical path, so it moves the end date'
          : `within its ${slack ?? 0} d of slack, so on its own it leaves the end date alone`
        : slack === 0
          ? 'it is on the critical path, so what follows can move earlier'
          : `it had ${slack ?? 0} d of slack, so the end date does not gain from it`;
    for (const l of wrap(`  ${safe(s.text)} (${signed(s.slip)} d): ${effect}`, width, '    ')) out.push({ text: l });
  }
  out.push({ text: '' });
  out.push(...movesLines(p.moves, 'What moved against the plan', width, style));
  return out;
}

function whatIfLines(applied: AppliedAssumptions, diff: { moves: Move[]; end: EndChange }, against: string, columns: number, style: Style): FooterLine[] {
  const width = Math.max(40, columns);
  const out: FooterLine[] = [{ text: 'What-if (assumed, nothing is written):', colour: style.accent }];
  for (const e of applied.effects) for (const l of wrap(`  ${safe(e.text)}: ${safe(e.description)}`, width, '    ')) out.push({ text: l });
  for (const l of wrap(endText(diff.end, against), width, '  ')) out.push({ text: l, colour: diff.end.slip > 0 ? style.warning : undefined });
  out.push(...movesLines(diff.moves, 'What the assumptions move', width, style));
  return out;
}

const formatPd = (n: number) => String(Math.round(n * 100) / 100);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayMonth = (iso: IsoDate) => ({ d: Number(iso.slice(8, 10)), m: MONTHS[Number(iso.slice(5, 7)) - 1]! });

/** "16-20 Nov", "30 Nov-1 Dec", "4 Dec": short enough for a table at 80 columns. */
export function shortSpan(c: { start: IsoDate; end: IsoDate } | undefined): string {
  if (!c) return '-';
  const a = dayMonth(c.start);
  const b = dayMonth(c.end);
  if (c.start === c.end) return `${a.d} ${a.m}`;
  return a.m === b.m && c.start.slice(0, 4) === c.end.slice(0, 4) ? `${a.d}-${b.d} ${b.m}` : `${a.d} ${a.m}-${b.d} ${b.m}`;
}

/** The comparison as rows: all of them, or only what slipped, was added or was removed. */
export function baselineLines(cmp: BaselineComparison, columns: number, style: Style, opts: { all: boolean }): FooterLine[] {
  const width = Math.max(40, columns);
  const out: FooterLine[] = [];
  const against = cmp.projectedFrom !== undefined ? `projection from ${showDate(cmp.projectedFrom, true)}` : 'the plan as it stands';
  const head = `Baseline "${safe(cmp.baseline.name)}" (${showDate(cmp.baseline.at.slice(0, 10), true)}, ${safe(cmp.baseline.by)}) vs ${against}`;
  for (const l of wrap(head, width, '  ')) out.push({ text: l, colour: style.bold });
  const slip = cmp.end.slip;
  out.push({
    text: cut(
      cmp.end.baseline === cmp.end.current
        ? `End: ${showDate(cmp.end.current, true)}, as baselined`
        : `End: ${showDate(cmp.end.baseline, true)} -> ${showDate(cmp.end.current, true)} (${signed(slip)} work ${Math.abs(slip) === 1 ? 'day' : 'days'})`,
      width,
    ),
    colour: slip > 0 ? style.warning : slip < 0 ? style.ok : undefined,
  });
  const rows = opts.all ? cmp.components : cmp.components.filter((r) => (r.finishSlip ?? 0) !== 0 || (r.startSlip ?? 0) !== 0 || r.planned === undefined || r.current === undefined);
  if (rows.length === 0) {
    out.push({ text: '  Every component is where the baseline put it.', colour: style.dim });
    return out;
  }
  const table = rows.map((r) => ({
    id: safe(r.id),
    planned: shortSpan(r.planned),
    now: shortSpan(r.current),
    state: r.current === undefined && r.state !== 'removed' ? 'not scheduled' : r.state,
    slip: r.finishSlip === undefined ? '' : r.finishSlip === 0 ? '0 d' : `${signed(r.finishSlip)} d`,
    late: (r.finishSlip ?? 0) > 0,
  }));
  const idW = Math.min(26, Math.max(9, ...table.map((t) => stringWidth(t.id))));
  const planW = Math.max(7, ...table.map((t) => t.planned.length));
  const nowW = Math.max(3, ...table.map((t) => t.now.length));
  const pad = (s: string, w: number) => {
    const c = cut(s, w);
    return c + ' '.repeat(Math.max(0, w - stringWidth(c)));
  };
  out.push({ text: cut(`  ${pad('Component', idW)}  ${pad('Planned', planW)}  ${pad('Now', nowW)}  Slip  State`, width), colour: style.dim });
  for (const t of table) {
    out.push({ text: cut(`  ${pad(t.id, idW)}  ${pad(t.planned, planW)}  ${pad(t.now, nowW)}  ${t.slip.padStart(4)}  ${t.state}`, width), colour: t.late ? style.warning : undefined });
  }
  const projected = cmp.projectedFrom !== undefined ? 'actual for done work, projected for the rest' : 'as the plan stands';
  out.push({ text: cut(`  Now: ${projected}; slip: finish, in work days`, width), colour: style.dim });
  if (opts.all) {
    out.push({ text: '' });
    out.push({ text: 'By week (baselined finishes):', colour: style.bold });
    for (const w of cmp.weeks) {
      if (w.planned.length === 0) continue;
      const late = w.late > 0 ? `, ${w.late} late (up to ${w.worstSlip} d)` : '';
      out.push({ text: cut(`  Week ${w.week} (${dateText(w.start)}): ${plural(w.planned.length, 'component')}, ${w.done} done${late}`, width), colour: w.late > 0 ? style.warning : undefined });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The command

export interface ProjectionRun {
  io: CliIO;
  options: Record<string, string | boolean | string[] | undefined>;
  plan: Plan;
  file: string;
  today: IsoDate;
  weights?: Record<string, number>;
  weightChanges: WeightChange[];
  /** The JSON format name of `roadmap schedule`. */
  format: string;
}

/** Reads and folds the plan's journal; read problems go to stderr as warnings. */
export async function loadJournal(io: CliIO, plan: Plan, file: string): Promise<JournalState> {
  const read = await readJournal(file, { display: (f) => displayPath(f, io.cwd) });
  return foldJournal(plan, read.events, read.problems);
}

export function journalWarnings(io: CliIO, problems: readonly Problem[]): void {
  for (const p of problems.slice(0, 5)) io.stderr(`warning ${p.code}: ${safe(p.message)}${p.file ? ` (${safe(p.file)}${p.line ? `:${p.line}` : ''})` : ''}\n`);
  if (problems.length > 5) io.stderr(`warning: ${problems.length - 5} more journal problems (see roadmap status)\n`);
}

export const dateOfInstant = (at: string): IsoDate => localDate(new Date(at));

export async function runScheduleProjection(run: ProjectionRun): Promise<number> {
  const { io, options, plan, file, today, weights } = run;
  const fromToday = options['from-today'] === true;
  const assumptions = parseAssumptions(Array.isArray(options.assume) ? options.assume : []);
  const baselineName = typeof options.baseline === 'string' ? options.baseline : undefined;
  const needJournal = fromToday || baselineName !== undefined;
  const journal = needJournal ? await loadJournal(io, plan, file) : undefined;
  if (journal) journalWarnings(io, journal.problems);

  const closed = new Set<string>();
  if (fromToday && journal) for (const [id, a] of readActuals(journal, today, dateOfInstant)) if (isClosed(a.status)) closed.add(id);
  const applied = applyAssumptions(plan, assumptions, { closed });
  const errors = applied.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new UsageError(errors.map((p) => `--assume ${safe(p.message)}${p.hint ? ` (${safe(p.hint)})` : ''}`).join('\n'));
  }
  for (const p of applied.problems) io.stderr(`warning ${p.code}: ${safe(p.message)}\n`);

  const base = weights ? { weights } : {};
  const assumed = { ...base, capacity: applied.capacity };
  let shown: Schedule;
  let projection: Projection | undefined;
  let whatIf: { moves: Move[]; end: EndChange } | undefined;
  const own = new Map<string, string>();
  for (const e of applied.effects) if (e.componentId !== undefined) own.set(e.componentId, `assumed "${e.text}"`);
  const fallback = applied.effects.some((e) => e.componentId === undefined)
    ? `assumed ${applied.effects.filter((e) => e.componentId === undefined).map((e) => `"${e.text}"`).join(', ')}`
    : 'the assumptions';

  if (fromToday) {
    const p0 = projectFromToday(plan, journal!, today, { ...base, dateOf: dateOfInstant });
    projection = p0;
    shown = p0.schedule;
    if (assumptions.length > 0) {
      const p1 = projectFromToday(applied.plan, journal!, today, { ...assumed, dateOf: dateOfInstant });
      whatIf = compareSchedules(p0.schedule, p1.schedule, plan, { own, fallback });
      shown = p1.schedule;
    }
  } else {
    const s0 = scheduleWithCriticalPath(plan, base);
    shown = s0;
    if (assumptions.length > 0) {
      shown = scheduleWithCriticalPath(applied.plan, assumed);
      whatIf = compareSchedules(s0, shown, plan, { own, fallback });
    }
  }

  let comparison: BaselineComparison | undefined;
  if (baselineName !== undefined) {
    const { baselines, problems } = readBaselines(journal!);
    journalWarnings(io, problems);
    const found = baselineName === 'latest' ? findBaseline(baselines) : findBaseline(baselines, baselineName);
    if (!found) {
      const names = [...new Set(baselines.map((b) => b.name))];
      throw new UsageError(
        names.length === 0
          ? 'this plan has no baseline yet; save one with `roadmap baseline save`'
          : `no baseline "${safe(baselineName)}"; saved: ${names.map(safe).join(', ')} (or "latest")`,
      );
    }
    const status = computeStatus(plan, scheduleWithCriticalPath(plan, base), journal!, today);
    comparison = compareToBaseline(found, shown, status, plan);
  }

  const failed = hasErrors(shown.problems);
  if (options.json) {
    const doc: Record<string, unknown> = { format: run.format, ...shown };
    if (projection) {
      const { today: t, from, end, moves, slips, counts } = projection;
      doc.projection = { today: t, from, end, counts, slips, moves };
    }
    if (whatIf) doc.whatIf = { assumptions: applied.effects, end: whatIf.end, moves: whatIf.moves };
    if (comparison) doc.baseline = comparison;
    io.stdout(`${stringifyJson(doc)}\n`);
    if (failed) io.stderr(`${problemLines(shown.problems.filter((p) => p.severity === 'error'), io.columns, styleFor({ env: io.env, stdoutIsTTY: false })).join('\n')}\n`);
    return failed ? EXIT.invalid : EXIT.ok;
  }

  const style = styleFor(io);
  const footer: FooterLine[] = [];
  const section = (lines: FooterLine[]) => {
    if (lines.length === 0) return;
    if (footer.length > 0) footer.push({ text: '' });
    footer.push(...lines);
  };
  if (projection) section(projectionLines(projection, io.columns, style));
  if (whatIf) section(whatIfLines(applied, whatIf, fromToday ? 'projected without the assumptions' : 'planned without the assumptions', io.columns, style));
  if (comparison) section(baselineLines(comparison, io.columns, style, { all: false }));
  section(criticalPathLines(shown, io.columns, style));
  io.stdout(renderSchedule(shown, plan, { columns: io.columns, style, today, weights: run.weightChanges, footer }));
  if (failed) io.stderr('roadmap: the plan cannot be met as written; see the errors above.\n');
  return failed ? EXIT.invalid : EXIT.ok;
}
