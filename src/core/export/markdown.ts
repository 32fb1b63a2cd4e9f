/**
 * The roadmap document a lead would have written by hand, generated from the plan, its schedule
 * and the journal: overview, phases and weeks with their tasks and day ranges, risks, resources,
 * timeline, metrics with their evidence, validation cadence and rollback procedures.
 *
 * Every piece of plan text goes through escapeMarkdown (or markdownCode for paths): the document
 * renders plan text as text, never as markup or raw HTML.
 */
import { EXPORT_MARKER_TEXT } from './marker.js';
import { escapeMarkdown as md, markdownCode } from './escape.js';
import {
  capitalise,
  dateRangeLabel,
  dayLabel,
  dayRangeLabel,
  durationLabel,
  headcountLabel,
  levelLabel,
  progressLabel,
  STATUS_WORDS,
  weeksLabel,
  withUnit,
} from './format.js';
import { formatNumber } from '../metric-state.js';
import {
  buildView,
  criterionDetail,
  criterionWord,
  evidenceParts,
  latestLabel,
  ruleWeeks,
  slackLabel,
  slipLabel,
  weekListLabel,
  type ExportInput,
  type RoadmapView,
  type WeekView,
  type WorkItemView,
} from './view.js';
import type { Level } from '../plan-schema.js';
import type { MetricStatus } from '../status-types.js';
import { describeTrigger, riskGroups, ruleStateLabel } from './rollback-text.js';
import { endMoverText, workDays } from '../baseline-slip.js';
import type { ComponentComparison } from '../baseline.js';

export function exportMarkdown(input: ExportInput): string {
  const view = buildView(input);
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  push(`<!-- ${EXPORT_MARKER_TEXT}: edit the plan and export again rather than editing this file -->`, '');
  push(`# ${md(documentTitle(view.plan.title))}`, '');
  overview(view, push);
  againstBaseline(view, push);
  strategy(view, push);
  risks(view, push);
  resources(view, push);
  metrics(view, push);
  monitoring(view, push);
  rollback(view, push);
  footer(view, push);
  return `${hardBreaks(out).join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * Consecutive `**Label**: value` lines are one paragraph in Markdown and would run together;
 * two trailing spaces (a hard line break) keep each on its own line, as the author meant.
 */
function hardBreaks(lines: string[]): string[] {
  return lines.map((line, i) => (line.startsWith('**') && lines[i + 1]?.startsWith('**') && !line.endsWith(':') ? `${line}  ` : line));
}

type Push = (...lines: string[]) => void;

export function documentTitle(title: string): string {
  return /\broadmap\b/i.test(title) ? title : `${title} Roadmap`;
}

function overview(view: RoadmapView, push: Push): void {
  const { plan, schedule, status } = view;
  push('## Overview', '');
  if (plan.description) push(md(plan.description), '');
  const workDays = schedule.weeks.reduce((n, w) => n + w.workdays.length, 0);
  push(
    `- **Project**: ${md(plan.project)}`,
    `- **Start**: ${dayLabel(schedule.start, true)}`,
    `- **End**: ${dayLabel(schedule.end, true)}`,
    `- **Duration**: ${schedule.weeks.length} ${schedule.weeks.length === 1 ? 'week' : 'weeks'} (${workDays} work days)`,
    `- **Capacity**: ${formatNumber(schedule.capacityPerWeek)} person-days per week`,
    `- **Prioritisation**: ${md(scoringLabel(view))}`,
  );
  const holidays = plan.calendar.holidays.map((h) => (typeof h === 'string' ? { date: h } : h));
  if (holidays.length > 0) {
    push(`- **Holidays**: ${holidays.map((h) => `${dayLabel(h.date, true)}${h.name ? ` (${md(h.name)})` : ''}`).join(', ')}`);
  }
  for (const f of plan.calendar.freezes) {
    push(`- **Code freeze**: ${dateRangeLabel(f.start, f.end)}${f.name ? ` (${md(f.name)})` : ''}`);
  }
  push(`- **Status on ${dayLabel(status.today, true)}**: ${statusLine(view)}`);
  push(`- **Health**: ${status.health.state.replace('-', ' ')}: ${md(status.health.reason)}`);
  const chain = criticalChain(view);
  if (chain) push(`- **Critical path**: ${md(chain)} (a one-work-day slip of any of these moves the end date)`);
  push('');
  for (const p of schedule.problems) push(`> **${p.severity === 'error' ? 'Schedule problem' : 'Schedule warning'}**: ${md(p.message)}`, '');
  for (const u of schedule.unscheduled ?? []) {
    push(`> **Not scheduled**: ${md(view.components.get(u.id)?.title ?? u.id)}: ${md(u.reason)}`, '');
  }
}

/** "Plugin System > Cache System (phase gate) > ...", or undefined when none was computed. */
export function criticalChain(view: RoadmapView): string | undefined {
  const chain = view.schedule.criticalPath ?? [];
  if (chain.length === 0) return undefined;
  return chain.map((l) => `${view.scheduled.get(l.id)?.title ?? l.id}${l.via === 'phase-gate' ? ' (phase gate)' : ''}`).join(' > ');
}

/** Where a comparison row's current dates come from, for the "actual / projected" column. */
export function sourceLabel(row: ComponentComparison): string {
  switch (row.source) {
    case 'actual':
      return 'actual';
    case 'started':
      return 'started, finish projected';
    case 'projected':
      return 'projected';
    default:
      return 'planned';
  }
}

export function comparisonState(row: ComponentComparison): string {
  return row.state === 'added' ? 'added since' : row.state === 'removed' ? 'removed' : STATUS_WORDS[row.state];
}

/** The baseline's dates against actual (done work) and projected (the rest), and the end-date slip. */
function againstBaseline(view: RoadmapView, push: Push): void {
  const b = view.input.baseline;
  if (!b) return;
  const c = b.comparison;
  push('## Plan vs Baseline', '');
  const against = c.projectedFrom !== undefined ? `actual dates for done work and the projection from ${dayLabel(c.projectedFrom, true)} for the rest` : 'the plan as it stands';
  push(`Baseline "${md(c.baseline.name)}" (recorded ${dayLabel(c.baseline.at.slice(0, 10), true)} by ${md(c.baseline.by)}), compared with ${against}. Slips are in work days.`, '');
  push(`- **End date**: ${c.end.baseline === c.end.current ? `${dayLabel(c.end.current, true)}, as baselined` : `${dayLabel(c.end.baseline, true)} -> ${dayLabel(c.end.current, true)} (${workDays(c.end.slip)})`}`);
  push(`- **Slipped**: ${b.slipped.length === 0 ? 'nothing' : `${b.slipped.length} ${b.slipped.length === 1 ? 'component' : 'components'}`}`);
  const first = b.movesEnd[0];
  if (first) push(`- **Moves the end date**: ${md(endMoverText(first, view.scheduled.get(first.id)?.title ?? first.id))}${b.movesEnd.length > 1 ? ` (and ${b.movesEnd.length - 1} later past their slack)` : ''}`);
  push('', '| Component | Planned | Actual / projected | Slip | State |', '| --- | --- | --- | --- | --- |');
  for (const r of c.components) {
    const planned = r.planned ? dateRangeLabel(r.planned.start, r.planned.end, false) : 'not in the baseline';
    const now = r.current ? `${dateRangeLabel(r.current.start, r.current.end, false)} (${sourceLabel(r)})` : r.state === 'removed' ? 'removed from the plan' : 'not scheduled';
    const slip = (r.finishSlip ?? 0) > 0 ? `**${slipLabel(r.finishSlip)}**` : r.finishSlip === undefined ? '' : slipLabel(r.finishSlip);
    push(`| ${md(r.title)} | ${planned} | ${now} | ${slip} | ${comparisonState(r)} |`);
  }
  push('');
}

export function scoringLabel(view: RoadmapView): string {
  const { scoring } = view.plan;
  const total = scoring.criteria.reduce((sum, c) => sum + c.weight, 0);
  const parts = scoring.criteria.map((c) => {
    const share = scoring.scorer === 'weighted' && total > 0 ? ` ${Math.round((c.weight / total) * 100)}%` : '';
    return `${c.name}${share}${c.direction === 'cost' ? ' (cost)' : ''}`;
  });
  const scorer = { weighted: 'weighted criteria', wsjf: 'weighted shortest job first', rice: 'RICE' }[scoring.scorer];
  return `${scorer}: ${parts.join(', ')}`;
}

export function statusLine(view: RoadmapView): string {
  const { status, schedule } = view;
  const where =
    status.timeline === 'before'
      ? 'not started'
      : status.timeline === 'after'
        ? 'schedule ended'
        : `Week ${status.currentWeek} of ${schedule.weeks.length}`;
  return `${where}, ${progressLabel(status.overall)}`;
}

function strategy(view: RoadmapView, push: Push): void {
  push('## Migration Strategy', '');
  for (const { phase, progress, weeks } of view.phases) {
    push(`### Phase ${phase.index}: ${md(phase.title)} (${weeksLabel(phase.startWeek, phase.endWeek)})`, '');
    push(`**Dates**: ${dateRangeLabel(phase.start, phase.end)}`);
    if (progress) push(`**Progress**: ${progressLabel(progress)}`);
    const guards = phase.rollbackRules.map((id) => view.rules.get(id)?.title ?? id);
    if (guards.length > 0) push(`**Rollback**: ${guards.map(md).join('; ')}`);
    push('');
    for (const week of weeks) weekSection(view, week, push);
  }
}

function weekSection(view: RoadmapView, week: WeekView, push: Push): void {
  push(`#### Week ${week.week.index}: ${md(week.theme)}`);
  if (week.components.length > 0) {
    push(`**Priority Score**: ${week.scoreLabel}`);
    if (week.impact.length > 0) push(`**Business Impact**: ${week.impact.map(md).join('; ')}`);
    if (week.risk) push(`**Risk Level**: ${levelLabel(week.risk)}`);
  }
  push(`**Dates**: ${dateRangeLabel(week.firstDay, week.lastDay)} (${week.week.workdays.length} work ${week.week.workdays.length === 1 ? 'day' : 'days'})`);
  const off = [
    ...week.week.holidays.map((h) => `${dayLabel(h.date)}${h.name ? ` ${md(h.name)}` : ' holiday'}`),
    ...(week.week.frozen.length > 0 ? [`${dateRangeLabel(week.week.frozen[0]!, week.week.frozen[week.week.frozen.length - 1]!, false)} code freeze`] : []),
  ];
  if (off.length > 0) push(`**Days off**: ${off.join(', ')}`);
  if (week.progress && week.progress.totalEffort > 0) {
    const when = week.progress.current ? ' (this week)' : '';
    push(`**Progress**: ${progressLabel(week.progress)}${when}`);
  }
  const slack = week.components.flatMap((c) => {
    const label = slackLabel(c);
    return label ? [`${md(c.title)} (${label})`] : [];
  });
  if (slack.length > 0) push(`**Slack**: ${slack.join('; ')}`);
  push('');
  if (week.continuing.length > 0) {
    push(`**Continues**: ${week.continuing.map((c) => `${md(c.title)} (from Week ${c.startWeek})`).join(', ')}`, '');
  }
  if (week.objectives.length > 0) push('**Objectives**:', ...week.objectives.map((o) => `- ${md(o)}`), '');
  if (week.paths.length > 0) push('**Components**:', ...week.paths.map((p) => `- ${markdownCode(p)}`), '');
  if (week.items.length > 0) {
    push('**Tasks**:');
    week.items.forEach((item, i) => {
      push(`${i + 1}. ${taskLine(item)}`);
      for (const step of item.steps) push(`   - ${md(step)}`);
      push('');
    });
  }
  if (week.criteria.length > 0) {
    push('**Success Criteria**:');
    for (const c of week.criteria) {
      const title = view.components.get(c.componentId)?.title ?? c.componentId;
      const evidence = c.metric ? evidenceMd(c.metric) : undefined;
      push(`- ${md(c.text)}: **${criterionWord(c)}** (${md(criterionDetail(c, title))}${evidence ? `; evidence ${evidence}` : ''})`);
    }
    push('');
  }
}

/** `**Day 1-2** (Mon 2 Nov - Tue 3 Nov): Plugin System Refactoring (Ana): done`. */
function taskLine(item: WorkItemView): string {
  const { range } = item;
  const owner = item.owner ? ` (${md(item.owner)})` : '';
  const from = item.continuedFrom !== undefined ? `, continued from Week ${item.continuedFrom}` : '';
  const next = item.continuesIn !== undefined ? `, continues in Week ${item.continuesIn}` : '';
  return `**${dayRangeLabel(range)}** (${dateRangeLabel(range.start, range.end, false)}): ${md(item.title)}${owner}: ${statusText(item)}${from}${next}`;
}

function statusText(item: WorkItemView): string {
  const s = item.status;
  if (!s) return item.componentStatus ? STATUS_WORDS[item.componentStatus.status] : STATUS_WORDS.todo;
  let text = STATUS_WORDS[s.status];
  if (s.status === 'blocked' && s.blockedDays > 0) text += ` for ${s.blockedDays} ${s.blockedDays === 1 ? 'day' : 'days'}`;
  if (s.late) text += `, ${s.lateDays} ${s.lateDays === 1 ? 'day' : 'days'} late`;
  if (s.note) text += ` (${md(s.note)})`;
  return text;
}

function risks(view: RoadmapView, push: Push): void {
  push('## Risk Assessment and Mitigation', '');
  for (const [level, groups] of riskGroups(view)) {
    push(`### ${levelLabel(level as Level)} Risk Components`);
    groups.forEach((g, i) => {
      push(`${i + 1}. **${md(g.name)}** (${weekListLabel(g.weeks)})`);
      if (g.risk.likelihood !== undefined && g.risk.impact !== undefined) {
        push(`   - **Likelihood x Impact**: ${g.risk.likelihood} x ${g.risk.impact} = ${g.risk.likelihood * g.risk.impact}`);
      }
      if (g.risk.description) push(`   - **Risk**: ${md(g.risk.description)}`);
      if (g.risk.mitigation) push(`   - **Mitigation**: ${md(g.risk.mitigation)}`);
      if (g.risk.monitoring) push(`   - **Monitoring**: ${md(g.risk.monitoring)}`);
      if (!g.risk.description && !g.risk.mitigation && !g.risk.monitoring) push('   - No risk details in the plan');
      push('');
    });
  }
}

function resources(view: RoadmapView, push: Push): void {
  const { plan, schedule } = view;
  push('## Resource Requirements', '');
  if (plan.team.roles.length > 0) {
    push('### Development Team');
    for (const role of plan.team.roles) {
      const count = role.count !== undefined ? headcountLabel(role.title, role.count) : 'as needed';
      push(`- **${md(role.title)}**: ${md(count)}`);
      for (const r of role.responsibilities) push(`  - ${md(r)}`);
    }
    push('');
  }
  if (plan.team.members.length > 0) {
    const roles = new Map(plan.team.roles.map((r) => [r.id, r.title]));
    push('### Team Members');
    for (const m of plan.team.members) {
      const role = m.role !== undefined ? `${md(roles.get(m.role) ?? m.role)}, ` : '';
      push(`- **${md(m.name)}**: ${role}${formatNumber(m.days_per_week)} ${m.days_per_week === 1 ? 'day' : 'days'} a week on the migration`);
    }
    push('');
  }
  if (plan.infrastructure.length > 0) {
    push('### Infrastructure');
    for (const item of plan.infrastructure) {
      const at = item.indexOf(': ');
      push(at > 0 ? `- **${md(item.slice(0, at))}**: ${md(item.slice(at + 2))}` : `- ${md(item)}`);
    }
    push('');
  }
  push('### Timeline');
  push(`- **Total Duration**: ${schedule.weeks.length} ${schedule.weeks.length === 1 ? 'week' : 'weeks'} (${dateRangeLabel(schedule.start, schedule.end)})`);
  for (const { phase, progress } of view.phases) {
    const weeks = phase.endWeek - phase.startWeek + 1;
    push(`- **${md(phase.title)}**: ${weeks} ${weeks === 1 ? 'week' : 'weeks'} (${weeksLabel(phase.startWeek, phase.endWeek)}, ${dateRangeLabel(phase.start, phase.end)})${progress ? `, ${progress.percent}% done` : ''}`);
  }
  push('');
}

function metrics(view: RoadmapView, push: Push): void {
  const { status } = view;
  if (status.metrics.length === 0) return;
  push('## Success Metrics', '');
  push('A metric counts as met only when a recorded measurement meets its target.', '');
  const categories = [...new Set(status.metrics.map((m) => m.category))];
  for (const category of categories) {
    push(`### ${md(capitalise(category))} Metrics`, '');
    push('| Metric | Target | Latest | Baseline | State | Evidence |', '| --- | --- | --- | --- | --- | --- |');
    for (const m of status.metrics.filter((x) => x.category === category)) {
      const evidence = evidenceMd(m);
      push(
        `| ${md(m.name)} | ${md(withUnit(m.target.text, m.unit))} | ${md(latestLabel(m))} | ${m.baseline !== undefined ? md(withUnit(m.baseline, m.unit)) : 'none'} | ${m.state === 'met' ? 'met' : `**${m.state.replace('-', ' ')}**`} | ${evidence ?? 'none'} |`,
      );
    }
    const r = status.readiness.find((x) => x.category === category);
    if (r) push('', `Readiness: ${r.met} of ${r.total} met (${r.percent}%), grade ${r.grade}${r.unverified > 0 ? `; ${r.unverified} never measured` : ''}.`);
    push('');
  }
}

/** `` `reports/x.log` (sha256 a3f1c2d4e5b6) ``. */
function evidenceMd(metric: MetricStatus): string | undefined {
  const parts = evidenceParts(metric);
  if (!parts) return undefined;
  const where = parts.where !== undefined ? markdownCode(parts.where) : '';
  return parts.sha ? `${where}${where ? ' ' : ''}(${parts.sha})` : where;
}

function monitoring(view: RoadmapView, push: Push): void {
  const { plan, status } = view;
  push('## Monitoring and Validation', '');
  const categories = [...new Set(status.metrics.map((m) => m.category))];
  if (categories.length > 0) {
    push('### Continuous Monitoring');
    categories.forEach((category, i) => {
      push(`${i + 1}. **${md(capitalise(category))} Monitoring**`);
      for (const m of status.metrics.filter((x) => x.category === category)) push(`   - ${md(m.name)} (${md(withUnit(m.target.text, m.unit))})`);
      push('');
    });
  }
  const cadence: [string, string[]][] = [
    ['Daily Validation', plan.validation?.daily ?? []],
    ['Weekly Validation', plan.validation?.weekly ?? []],
    ['Phase Validation', plan.validation?.phase ?? []],
  ];
  const present = cadence.filter(([, items]) => items.length > 0);
  if (present.length > 0) {
    push('### Validation Procedures');
    present.forEach(([name, items], i) => {
      push(`${i + 1}. **${name}**`, ...items.map((item) => `   - ${md(item)}`), '');
    });
  }
}

function rollback(view: RoadmapView, push: Push): void {
  const { plan } = view;
  if (plan.rollback.length === 0) return;
  push('## Rollback Procedures', '');
  for (const rule of plan.rollback) {
    push(`### ${md(rule.title)}`);
    push(
      `1. **Detection**: ${rule.detection ? md(rule.detection) : 'not described'}`,
      `2. **Assessment**: within ${durationLabel(rule.deadlines.assess)}`,
      `3. **Decision**: within ${durationLabel(rule.deadlines.decide)}`,
      `4. **Execution**: ${rule.action} within ${durationLabel(rule.deadlines.execute)}`,
      '',
    );
    if (rule.steps.length > 0) push('**Steps**:', ...rule.steps.map((s, i) => `${i + 1}. ${md(s)}`), '');
    const triggers = rule.triggers.map((t) => describeTrigger(view, t));
    push(`- **Triggers**: ${triggers.length > 0 ? triggers.map(md).join('; ') : 'none automatic (fired by a breached metric or by hand)'}`);
    const weeks = ruleWeeks(view, rule.id);
    const guarded = (view.ruleStatus.get(rule.id)?.components ?? []).map((id) => view.scheduled.get(id)?.title ?? id);
    push(`- **Guards**: ${weeks.length > 0 ? weekListLabel(weeks) : 'no scheduled weeks'}${guarded.length > 0 ? ` (${guarded.map(md).join(', ')})` : ''}`);
    push(`- **State**: ${md(ruleStateLabel(view, rule.id))}`, '');
  }
}

function footer(view: RoadmapView, push: Push): void {
  const { input, status } = view;
  push('---', '');
  const when = input.generatedAt ? ` on ${dayLabel(input.generatedAt, true)}` : '';
  const journal = status.journal.events > 0 ? `${status.journal.events} journal events by ${status.journal.authors.length} ${status.journal.authors.length === 1 ? 'author' : 'authors'}` : 'no journal events yet';
  push(`*Generated by roadmap${when} from the plan for ${md(view.plan.project)} and ${journal}.*`);
}
