/**
 * One self-contained HTML page: overview, a Gantt timeline (CSS grid, one column per calendar
 * day, phase sections, non-work days shaded, a today line, progress fill), the week-by-week
 * detail, metrics with a trend sparkline (inline SVG), risks, resources and rollback procedures.
 * Inline CSS only, no scripts, no fonts or images from anywhere; a Content-Security-Policy meta
 * tag enforces that even if a browser were tricked into seeing markup. A print stylesheet lays it
 * out on paper.
 *
 * Every piece of plan or journal text goes through escapeHtml.
 */
import { isoToDay } from '../calendar.js';
import { formatNumber } from '../metric-state.js';
import type { Level } from '../plan-schema.js';
import type { MetricStatus, TaskStatus } from '../status-types.js';
import { escapeHtml as esc } from './escape.js';
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
import { EXPORT_MARKER_TEXT } from './marker.js';
import { comparisonState, criticalChain, documentTitle, scoringLabel, sourceLabel, statusLine } from './markdown.js';
import { endMoverText, workDays } from '../baseline-slip.js';
import { describeTrigger, riskGroups, ruleStateLabel } from './rollback-text.js';
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

export function exportHtml(input: ExportInput): string {
  const view = buildView(input);
  const title = documentTitle(input.plan.title);
  return [
    `<!DOCTYPE html><!-- ${EXPORT_MARKER_TEXT}: edit the plan and export again rather than editing this file -->`,
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="roadmap (${EXPORT_MARKER_TEXT})">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${esc(title)}</h1>`,
    overview(view),
    ...(input.baseline ? [againstBaseline(view)] : []),
    timeline(view),
    strategy(view),
    metrics(view),
    risks(view),
    resources(view),
    validation(view),
    rollback(view),
    footer(view),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STATUS_CLASS: Record<TaskStatus, string> = { todo: 'todo', doing: 'doing', done: 'done', blocked: 'blocked', skipped: 'skipped' };

function overview(view: RoadmapView): string {
  const { plan, schedule, status } = view;
  const rows: [string, string][] = [
    ['Project', esc(plan.project)],
    ['Dates', `${esc(dateRangeLabel(schedule.start, schedule.end))} (${schedule.weeks.length} ${schedule.weeks.length === 1 ? 'week' : 'weeks'})`],
    ['Capacity', `${formatNumber(schedule.capacityPerWeek)} person-days per week`],
    ['Prioritisation', esc(scoringLabel(view))],
    [`Status on ${esc(dayLabel(status.today, true))}`, esc(statusLine(view))],
    ['Health', `<span class="health ${status.health.state}">${esc(status.health.state.replace('-', ' '))}</span> ${esc(status.health.reason)}`],
  ];
  const chain = criticalChain(view);
  if (chain) rows.push(['Critical path', `${esc(chain)} <small>(a one-work-day slip of any of these moves the end date)</small>`]);
  const holidays = plan.calendar.holidays.map((h) => (typeof h === 'string' ? { date: h, name: undefined } : h));
  if (holidays.length > 0) rows.push(['Holidays', holidays.map((h) => esc(`${dayLabel(h.date, true)}${h.name ? ` (${h.name})` : ''}`)).join(', ')]);
  for (const f of plan.calendar.freezes) rows.push(['Code freeze', esc(`${dateRangeLabel(f.start, f.end)}${f.name ? ` (${f.name})` : ''}`)]);
  return [
    '<section id="overview">',
    '<h2>Overview</h2>',
    ...(plan.description ? [`<p class="description">${esc(plan.description)}</p>`] : []),
    `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    ...schedule.problems.map((p) => `<p class="problem">${p.severity === 'error' ? 'Schedule problem' : 'Schedule warning'}: ${esc(p.message)}</p>`),
    ...(schedule.unscheduled ?? []).map((u) => `<p class="problem">Not scheduled: ${esc(view.components.get(u.id)?.title ?? u.id)}: ${esc(u.reason)}</p>`),
    '</section>',
  ].join('\n');
}

/** The Gantt chart: one grid column per calendar day, one row per component. */
function timeline(view: RoadmapView): string {
  const { schedule, status } = view;
  if (schedule.weeks.length === 0) return '';
  const origin = isoToDay(schedule.weeks[0]!.start);
  const days = schedule.weeks.length * 7;
  const col = (iso: string) => isoToDay(iso) - origin + 2;
  const cells: string[] = [];
  let row = 1;
  for (const w of schedule.weeks) {
    const c = col(w.start);
    cells.push(`<div class="wk" style="grid-row:1;grid-column:${c}/${c + 7}">W${w.index}<small>${esc(dayLabel(w.start))}</small></div>`);
  }
  for (const { phase, progress } of view.phases) {
    row++;
    cells.push(
      `<div class="ph" style="grid-row:${row};grid-column:1/${days + 2}">Phase ${phase.index}: ${esc(phase.title)} <small>${esc(weeksLabel(phase.startWeek, phase.endWeek))}${progress ? `, ${progress.percent}% done` : ''}</small></div>`,
    );
    for (const id of phase.components) {
      const c = view.scheduled.get(id)!;
      const cs = view.componentStatus.get(id);
      const state = cs?.status ?? 'todo';
      const pct = cs?.percent ?? 0;
      const crit = c.risk === 'high' || c.score.tier === 'critical' ? ' crit' : '';
      const late = cs?.late ? ' late' : '';
      const cp = c.critical ? ' cp' : '';
      const slack = slackLabel(c);
      row++;
      cells.push(`<div class="lbl${cp}" style="grid-row:${row}">${esc(c.title)} <small>${pct}%${c.slack !== undefined ? `, ${c.critical ? 'critical' : `slack ${c.slack} d`}` : ''}</small></div>`);
      cells.push(
        `<div class="bar ${STATUS_CLASS[state]}${crit}${late}${cp}" style="grid-row:${row};grid-column:${col(c.start)}/${col(c.end) + 1}" title="${esc(`${c.title}: ${dateRangeLabel(c.start, c.end)}, ${STATUS_WORDS[state]}, ${pct}% done${slack ? `, ${slack}` : ''}`)}"><span class="fill" style="width:${pct}%"></span></div>`,
      );
    }
  }
  const workdays = new Set(schedule.weeks.flatMap((w) => w.workdays));
  for (let d = 0; d < days; d++) {
    const iso = new Date((origin + d) * 86_400_000).toISOString().slice(0, 10);
    if (!workdays.has(iso)) cells.push(`<div class="off" style="grid-row:2/${row + 1};grid-column:${d + 2}"></div>`);
  }
  const todayCol = isoToDay(status.today) - origin;
  if (todayCol >= 0 && todayCol < days) {
    cells.push(`<div class="today" style="grid-row:1/${row + 1};grid-column:${todayCol + 2}" title="today, ${esc(dayLabel(status.today, true))}"></div>`);
  }
  return [
    '<section id="timeline">',
    '<h2>Timeline</h2>',
    `<div class="gantt" style="grid-template-columns:minmax(9rem,15rem) repeat(${days},minmax(3px,1fr));grid-template-rows:repeat(${row},auto)">`,
    ...cells,
    '</div>',
    `<p class="legend"><span class="key todo"></span>to do <span class="key doing"></span>in progress <span class="key done"></span>done <span class="key blocked"></span>blocked <span class="key crit-key"></span>high risk or critical${(schedule.criticalPath ?? []).length > 0 ? ' <span class="key cp-key"></span>critical path (a one-work-day slip moves the end date)' : ''} <span class="key off-key"></span>no work <span class="key today-key"></span>today</p>`,
    '</section>',
  ].join('\n');
}

/** The baseline's dates against actual (done work) and projected (the rest), and the end-date slip. */
function againstBaseline(view: RoadmapView): string {
  const b = view.input.baseline;
  if (!b) return '';
  const c = b.comparison;
  const against = c.projectedFrom !== undefined ? `actual dates for done work and the projection from ${dayLabel(c.projectedFrom, true)} for the rest` : 'the plan as it stands';
  const end = c.end.baseline === c.end.current ? `${dayLabel(c.end.current, true)}, as baselined` : `${dayLabel(c.end.baseline, true)} -> ${dayLabel(c.end.current, true)} (${workDays(c.end.slip)})`;
  const facts: [string, string][] = [
    ['End date', `<span class="${c.end.slip > 0 ? 'late' : 'ok'}">${esc(end)}</span>`],
    ['Slipped', b.slipped.length === 0 ? 'nothing' : `${b.slipped.length} ${b.slipped.length === 1 ? 'component' : 'components'}`],
  ];
  const first = b.movesEnd[0];
  if (first) facts.push(['Moves the end date', `${esc(endMoverText(first, view.scheduled.get(first.id)?.title ?? first.id))}${b.movesEnd.length > 1 ? ` <small>(and ${b.movesEnd.length - 1} later past their slack)</small>` : ''}`]);
  const rows = c.components.map((r) => {
    const planned = r.planned ? dateRangeLabel(r.planned.start, r.planned.end, false) : 'not in the baseline';
    const now = r.current ? `${dateRangeLabel(r.current.start, r.current.end, false)} <small>(${esc(sourceLabel(r))})</small>` : r.state === 'removed' ? 'removed from the plan' : 'not scheduled';
    const late = (r.finishSlip ?? 0) > 0 ? ' class="late"' : '';
    return `<tr${late}><td>${esc(r.title)}</td><td>${esc(planned)}</td><td>${now}</td><td>${r.finishSlip === undefined ? '' : esc(slipLabel(r.finishSlip))}</td><td>${esc(comparisonState(r))}</td></tr>`;
  });
  return [
    '<section id="baseline">',
    '<h2>Plan vs Baseline</h2>',
    `<p>Baseline &ldquo;${esc(c.baseline.name)}&rdquo; (recorded ${esc(dayLabel(c.baseline.at.slice(0, 10), true))} by ${esc(c.baseline.by)}), compared with ${esc(against)}. Slips are in work days.</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '<table class="metrics baseline"><thead><tr><th>Component</th><th>Planned</th><th>Actual / projected</th><th>Slip</th><th>State</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    '</section>',
  ].join('\n');
}

function strategy(view: RoadmapView): string {
  const out = ['<section id="strategy">', '<h2>Migration Strategy</h2>'];
  for (const { phase, progress, weeks } of view.phases) {
    out.push(`<section class="phase"><h3>Phase ${phase.index}: ${esc(phase.title)} (${weeksLabel(phase.startWeek, phase.endWeek)})</h3>`);
    const guards = phase.rollbackRules.map((id) => view.rules.get(id)?.title ?? id);
    out.push(
      `<p class="meta">${esc(dateRangeLabel(phase.start, phase.end))}${progress ? ` &middot; ${progressBar(progress.percent)} ${esc(progressLabel(progress))}` : ''}${guards.length > 0 ? ` &middot; rollback: ${esc(guards.join('; '))}` : ''}</p>`,
    );
    for (const week of weeks) out.push(weekSection(view, week));
    out.push('</section>');
  }
  out.push('</section>');
  return out.join('\n');
}

function weekSection(view: RoadmapView, week: WeekView): string {
  const w = week.week;
  const current = week.progress?.current ? ' current' : '';
  const facts: [string, string][] = [];
  if (week.components.length > 0) {
    facts.push(['Priority Score', esc(week.scoreLabel)]);
    if (week.impact.length > 0) facts.push(['Business Impact', esc(week.impact.join('; '))]);
    if (week.risk) facts.push(['Risk Level', `<span class="risk ${week.risk}">${levelLabel(week.risk)}</span>`]);
  }
  facts.push(['Dates', `${esc(dateRangeLabel(week.firstDay, week.lastDay))} (${w.workdays.length} work ${w.workdays.length === 1 ? 'day' : 'days'})`]);
  const off = [...w.holidays.map((h) => `${dayLabel(h.date)} ${h.name ?? 'holiday'}`), ...(w.frozen.length > 0 ? [`${dateRangeLabel(w.frozen[0]!, w.frozen[w.frozen.length - 1]!, false)} code freeze`] : [])];
  if (off.length > 0) facts.push(['Days off', esc(off.join(', '))]);
  if (week.progress && week.progress.totalEffort > 0) {
    facts.push(['Progress', `${progressBar(week.progress.percent)} ${esc(progressLabel(week.progress))}${week.progress.current ? ' <strong>(this week)</strong>' : ''}`]);
  }
  const slack = week.components.flatMap((c) => {
    const label = slackLabel(c);
    return label ? [`<span class="${c.critical ? 'cp' : 'slack'}">${esc(c.title)} (${esc(label)})</span>`] : [];
  });
  if (slack.length > 0) facts.push(['Slack', slack.join('; ')]);
  const out = [`<article class="week${current}" id="week-${w.index}">`, `<h4>Week ${w.index}: ${esc(week.theme)}</h4>`, `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`];
  if (week.continuing.length > 0) out.push(`<p class="continues">Continues: ${esc(week.continuing.map((c) => `${c.title} (from Week ${c.startWeek})`).join(', '))}</p>`);
  if (week.objectives.length > 0) out.push('<h5>Objectives</h5>', list(week.objectives.map(esc)));
  if (week.paths.length > 0) out.push('<h5>Components</h5>', list(week.paths.map((p) => `<code>${esc(p)}</code>`)));
  if (week.items.length > 0) {
    out.push('<h5>Tasks</h5>', `<ol class="tasks">${week.items.map((item) => `<li>${taskLine(item)}${item.steps.length > 0 ? list(item.steps.map(esc)) : ''}</li>`).join('')}</ol>`);
  }
  if (week.criteria.length > 0) {
    out.push(
      '<h5>Success Criteria</h5>',
      list(
        week.criteria.map((c) => {
          const title = view.components.get(c.componentId)?.title ?? c.componentId;
          const evidence = c.metric ? evidenceHtml(c.metric) : undefined;
          return `${esc(c.text)}: <span class="state ${c.state === 'manual' ? (c.met ? 'met' : 'not-met') : c.state}">${esc(criterionWord(c))}</span> <small>${esc(criterionDetail(c, title))}${evidence ? `; evidence ${evidence}` : ''}</small>`;
        }),
      ),
    );
  }
  out.push('</article>');
  return out.join('\n');
}

function taskLine(item: WorkItemView): string {
  const status = item.status?.status ?? item.componentStatus?.status ?? 'todo';
  const s = item.status;
  const notes = [
    ...(s?.status === 'blocked' && s.blockedDays > 0 ? [`blocked for ${s.blockedDays} ${s.blockedDays === 1 ? 'day' : 'days'}`] : []),
    ...(s?.late ? [`${s.lateDays} ${s.lateDays === 1 ? 'day' : 'days'} late`] : []),
    ...(item.continuedFrom !== undefined ? [`continued from Week ${item.continuedFrom}`] : []),
    ...(item.continuesIn !== undefined ? [`continues in Week ${item.continuesIn}`] : []),
  ];
  return [
    `<strong>${dayRangeLabel(item.range)}</strong> <small>(${esc(dateRangeLabel(item.range.start, item.range.end, false))})</small>: `,
    esc(item.title),
    item.owner ? ` <span class="owner">(${esc(item.owner)})</span>` : '',
    ` <span class="status ${STATUS_CLASS[status]}">${STATUS_WORDS[status]}</span>`,
    notes.length > 0 ? ` <small>${esc(notes.join(', '))}</small>` : '',
    s?.note ? ` <q>${esc(s.note)}</q>` : '',
  ].join('');
}

function metrics(view: RoadmapView): string {
  const { status } = view;
  if (status.metrics.length === 0) return '';
  const out = ['<section id="metrics">', '<h2>Success Metrics</h2>', '<p>A metric counts as met only when a recorded measurement meets its target.</p>'];
  for (const category of [...new Set(status.metrics.map((m) => m.category))]) {
    const r = status.readiness.find((x) => x.category === category);
    out.push(`<h3>${esc(capitalise(category))} Metrics${r ? ` <small>${r.met} of ${r.total} met, grade ${r.grade}</small>` : ''}</h3>`);
    out.push('<table class="metrics"><thead><tr><th>Metric</th><th>Target</th><th>Latest</th><th>Baseline</th><th>State</th><th>Trend</th><th>Evidence</th></tr></thead><tbody>');
    for (const m of status.metrics.filter((x) => x.category === category)) {
      const evidence = evidenceHtml(m);
      out.push(
        `<tr><td>${esc(m.name)}</td><td>${esc(withUnit(m.target.text, m.unit))}</td><td>${esc(latestLabel(m))}</td><td>${m.baseline !== undefined ? esc(withUnit(m.baseline, m.unit)) : 'none'}</td><td><span class="state ${m.state}">${esc(m.state.replace('-', ' '))}</span></td><td>${sparkline(m)}</td><td>${evidence ?? 'none'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function evidenceHtml(metric: MetricStatus): string | undefined {
  const parts = evidenceParts(metric);
  if (!parts) return undefined;
  const where = parts.where !== undefined ? `<code>${esc(parts.where)}</code>` : '';
  return parts.sha ? `${where}${where ? ' ' : ''}<small>(${esc(parts.sha)})</small>` : where;
}

/** A small line of the metric's measurements, with its target as a dashed line. */
export function sparkline(metric: MetricStatus): string {
  const values = metric.trend.map((t) => t.value);
  if (values.length === 0) return '<span class="none">no data</span>';
  const width = 96;
  const height = 24;
  const all = [...values, metric.target.value];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const y = (v: number) => (height - 3 - ((v - lo) / span) * (height - 6) + 1.5).toFixed(1);
  const x = (i: number) => (values.length === 1 ? width / 2 : 2 + (i / (values.length - 1)) * (width - 4)).toFixed(1);
  const points = values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
  const last = values.length - 1;
  const label = `${metric.name}: ${values.map((v) => formatNumber(v)).join(', ')} (target ${metric.target.text})`;
  return [
    `<svg class="spark ${metric.state}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">`,
    `<line x1="0" x2="${width}" y1="${y(metric.target.value)}" y2="${y(metric.target.value)}" class="target"/>`,
    values.length > 1 ? `<polyline points="${points}" class="trend"/>` : '',
    `<circle cx="${x(last)}" cy="${y(values[last]!)}" r="2.5" class="latest"/>`,
    '</svg>',
  ].join('');
}

function risks(view: RoadmapView): string {
  const out = ['<section id="risks">', '<h2>Risk Assessment and Mitigation</h2>'];
  for (const [level, groups] of riskGroups(view)) {
    out.push(`<h3>${levelLabel(level as Level)} Risk Components</h3>`, '<ol>');
    for (const g of groups) {
      const facts = [
        ...(g.risk.likelihood !== undefined && g.risk.impact !== undefined ? [`<strong>Likelihood x Impact</strong>: ${g.risk.likelihood} x ${g.risk.impact} = ${g.risk.likelihood * g.risk.impact}`] : []),
        ...(g.risk.description ? [`<strong>Risk</strong>: ${esc(g.risk.description)}`] : []),
        ...(g.risk.mitigation ? [`<strong>Mitigation</strong>: ${esc(g.risk.mitigation)}`] : []),
        ...(g.risk.monitoring ? [`<strong>Monitoring</strong>: ${esc(g.risk.monitoring)}`] : []),
      ];
      out.push(`<li><strong>${esc(g.name)}</strong> <small>${esc(weekListLabel(g.weeks))}</small>${list(facts.length > 0 ? facts : ['No risk details in the plan'])}</li>`);
    }
    out.push('</ol>');
  }
  out.push('</section>');
  return out.join('\n');
}

function resources(view: RoadmapView): string {
  const { plan, schedule } = view;
  const out = ['<section id="resources">', '<h2>Resource Requirements</h2>'];
  if (plan.team.roles.length > 0) {
    out.push(
      '<h3>Development Team</h3>',
      list(plan.team.roles.map((r) => `<strong>${esc(r.title)}</strong>: ${esc(r.count !== undefined ? headcountLabel(r.title, r.count) : 'as needed')}${r.responsibilities.length > 0 ? list(r.responsibilities.map(esc)) : ''}`)),
    );
  }
  if (plan.team.members.length > 0) {
    const roles = new Map(plan.team.roles.map((r) => [r.id, r.title]));
    out.push(
      '<h3>Team Members</h3>',
      list(plan.team.members.map((m) => `<strong>${esc(m.name)}</strong>: ${m.role !== undefined ? `${esc(roles.get(m.role) ?? m.role)}, ` : ''}${formatNumber(m.days_per_week)} ${m.days_per_week === 1 ? 'day' : 'days'} a week`)),
    );
  }
  if (plan.infrastructure.length > 0) {
    out.push(
      '<h3>Infrastructure</h3>',
      list(
        plan.infrastructure.map((item) => {
          const at = item.indexOf(': ');
          return at > 0 ? `<strong>${esc(item.slice(0, at))}</strong>: ${esc(item.slice(at + 2))}` : esc(item);
        }),
      ),
    );
  }
  out.push(
    '<h3>Timeline</h3>',
    list([
      `<strong>Total Duration</strong>: ${schedule.weeks.length} ${schedule.weeks.length === 1 ? 'week' : 'weeks'} (${esc(dateRangeLabel(schedule.start, schedule.end))})`,
      ...view.phases.map(({ phase, progress }) => {
        const n = phase.endWeek - phase.startWeek + 1;
        return `<strong>${esc(phase.title)}</strong>: ${n} ${n === 1 ? 'week' : 'weeks'} (${weeksLabel(phase.startWeek, phase.endWeek)}, ${esc(dateRangeLabel(phase.start, phase.end))})${progress ? `, ${progress.percent}% done` : ''}`;
      }),
    ]),
    '</section>',
  );
  return out.join('\n');
}

function validation(view: RoadmapView): string {
  const v = view.plan.validation;
  const cadence: [string, string[]][] = [
    ['Daily Validation', v?.daily ?? []],
    ['Weekly Validation', v?.weekly ?? []],
    ['Phase Validation', v?.phase ?? []],
  ];
  const present = cadence.filter(([, items]) => items.length > 0);
  if (present.length === 0) return '';
  return ['<section id="validation">', '<h2>Monitoring and Validation</h2>', `<ol>${present.map(([name, items]) => `<li><strong>${name}</strong>${list(items.map(esc))}</li>`).join('')}</ol>`, '</section>'].join('\n');
}

function rollback(view: RoadmapView): string {
  const { plan } = view;
  if (plan.rollback.length === 0) return '';
  const out = ['<section id="rollback">', '<h2>Rollback Procedures</h2>'];
  for (const rule of plan.rollback) {
    const state = view.ruleStatus.get(rule.id)?.state ?? 'clear';
    const triggers = rule.triggers.map((t) => describeTrigger(view, t));
    const weeks = ruleWeeks(view, rule.id);
    const guarded = (view.ruleStatus.get(rule.id)?.components ?? []).map((id) => view.scheduled.get(id)?.title ?? id);
    out.push(
      `<article class="rule ${state}"><h3>${esc(rule.title)} <span class="rule-state ${state}">${esc(state.replace('-', ' '))}</span></h3>`,
      '<ol class="deadlines">',
      `<li><strong>Detection</strong>: ${rule.detection ? esc(rule.detection) : 'not described'}</li>`,
      `<li><strong>Assessment</strong>: within ${durationLabel(rule.deadlines.assess)}</li>`,
      `<li><strong>Decision</strong>: within ${durationLabel(rule.deadlines.decide)}</li>`,
      `<li><strong>Execution</strong>: ${rule.action} within ${durationLabel(rule.deadlines.execute)}</li>`,
      '</ol>',
      ...(rule.steps.length > 0 ? ['<h4>Steps</h4>', `<ol>${rule.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`] : []),
      list([
        `<strong>Triggers</strong>: ${triggers.length > 0 ? esc(triggers.join('; ')) : 'none automatic (fired by a breached metric or by hand)'}`,
        `<strong>Guards</strong>: ${weeks.length > 0 ? esc(weekListLabel(weeks)) : 'no scheduled weeks'}${guarded.length > 0 ? ` (${esc(guarded.join(', '))})` : ''}`,
        `<strong>State</strong>: ${esc(ruleStateLabel(view, rule.id))}`,
      ]),
      '</article>',
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function footer(view: RoadmapView): string {
  const { input, status } = view;
  const when = input.generatedAt ? ` on ${dayLabel(input.generatedAt, true)}` : '';
  const journal = status.journal.events > 0 ? `${status.journal.events} journal events by ${status.journal.authors.length} ${status.journal.authors.length === 1 ? 'author' : 'authors'}` : 'no journal events yet';
  return `<footer>Generated by roadmap${esc(when)} from the plan for ${esc(view.plan.project)} and ${esc(journal)}.</footer>`;
}

const list = (items: readonly string[]): string => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

const progressBar = (percent: number): string =>
  `<span class="progress" role="img" aria-label="${percent}% done"><span style="width:${Math.max(0, Math.min(100, percent))}%"></span></span>`;

const STYLE = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--todo:#c8d1da;--doing:#3b82f6;--done:#16a34a;--blocked:#dc2626;--skipped:#a3a3a3;--crit:#b91c1c;--off:#f1f3f5;--today:#e11d48}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.9rem;margin:.2rem 0 1rem}
h2{font-size:1.4rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}
h3{font-size:1.15rem;margin:1.4rem 0 .4rem}
h4{font-size:1.05rem;margin:0 0 .4rem}
h5{font-size:.95rem;margin:.8rem 0 .2rem}
small{color:var(--muted);font-weight:normal}
code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.description{font-size:1.05rem}
.problem{color:var(--blocked)}
.health{font-weight:700;text-transform:capitalize}
.health.on-track{color:var(--done)}.health.at-risk{color:#b45309}.health.off-track{color:var(--blocked)}
.gantt{display:grid;position:relative;overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:.25rem;font-size:.8rem}
.gantt .wk{border-left:1px solid var(--line);padding:0 .2rem;white-space:nowrap;overflow:hidden;font-weight:600}
.gantt .wk small{display:block;font-weight:normal}
.gantt .ph{font-weight:700;padding:.35rem .2rem .1rem;border-top:1px solid var(--line);z-index:1}
.gantt .lbl{grid-column:1;padding:.1rem .4rem .1rem .2rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;z-index:1}
.gantt .bar{position:relative;height:1.05rem;align-self:center;border-radius:3px;background:var(--todo);overflow:hidden;z-index:1}
.gantt .bar .fill{position:absolute;inset:0 auto 0 0;background:var(--done)}
.gantt .bar.doing{background:#bfdbfe}.gantt .bar.doing .fill{background:var(--doing)}
.gantt .bar.blocked{background:#fecaca}.gantt .bar.blocked .fill{background:var(--blocked)}
.gantt .bar.done .fill,.gantt .bar.skipped .fill{background:var(--done)}
.gantt .bar.crit{outline:2px solid var(--crit);outline-offset:0}
.gantt .bar.late{background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(220,38,38,.25) 4px 8px)}
.gantt .off{background:var(--off);z-index:0}
.gantt .today{border-left:2px solid var(--today);z-index:2;pointer-events:none}
.legend{font-size:.8rem;color:var(--muted)}
.legend .key{display:inline-block;width:.9rem;height:.7rem;border-radius:2px;margin:0 .25rem 0 .7rem;vertical-align:middle}
.key.todo{background:var(--todo)}.key.doing{background:var(--doing)}.key.done{background:var(--done)}.key.blocked{background:var(--blocked)}
.gantt .bar.cp{box-shadow:inset 0 -3px 0 var(--ink)}.gantt .lbl.cp{font-weight:600}.cp{font-weight:600}
table.baseline tr.late td{color:var(--crit)}.late{color:var(--crit)}.key.cp-key{background:var(--todo);box-shadow:inset 0 -3px 0 var(--ink)}
.key.crit-key{outline:2px solid var(--crit);outline-offset:-2px}.key.off-key{background:var(--off);border:1px solid var(--line)}.key.today-key{width:2px;background:var(--today)}
.phase{margin-top:1rem}
.meta{color:var(--muted)}
.week{border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
.week.current{border-color:var(--doing);box-shadow:0 0 0 2px #bfdbfe}
.continues{font-style:italic}
.tasks>li{margin:.25rem 0}
.status,.state,.rule-state,.risk{display:inline-block;padding:0 .4em;border-radius:1em;font-size:.8em;font-weight:600;background:var(--todo)}
.status.doing{background:#bfdbfe}.status.done,.state.met{background:#bbf7d0}.status.blocked,.state.breached,.rule-state.firing{background:#fecaca}
.state.not-met{background:#fde68a}.state.unverified{background:#e5e7eb}.rule-state.clear{background:#bbf7d0}.rule-state.rolled-back{background:#fde68a}
.risk.high{background:#fecaca}.risk.medium{background:#fde68a}.risk.low{background:#bbf7d0}
.progress{display:inline-block;width:5rem;height:.55rem;background:var(--todo);border-radius:.3rem;overflow:hidden;vertical-align:middle}
.progress span{display:block;height:100%;background:var(--done)}
table.metrics{border-collapse:collapse;width:100%;font-size:.9rem}
table.metrics td:nth-child(2){white-space:nowrap}
table.metrics th,table.metrics td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:middle}
.spark{vertical-align:middle}.spark .target{stroke:var(--muted);stroke-dasharray:3 2;stroke-width:1}
.spark .trend{fill:none;stroke:var(--doing);stroke-width:1.5}.spark .latest{fill:var(--doing)}
.spark.met .latest{fill:var(--done)}.spark.breached .latest,.spark.not-met .latest{fill:var(--blocked)}
.none{color:var(--muted);font-size:.85em}
.rule{border-left:4px solid var(--line);padding-left:.8rem;margin:1rem 0}.rule.firing{border-left-color:var(--blocked)}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:.5rem}
@media print{
@page{size:A4 landscape;margin:12mm}
body{font-size:10pt}
main{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.gantt{overflow:visible;border:none}
.week,.rule,table.metrics tr,.gantt{break-inside:avoid}
h2,h3,h4{break-after:avoid}
.week.current{box-shadow:none}
}
`.trim();
