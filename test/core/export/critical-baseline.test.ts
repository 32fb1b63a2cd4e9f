/**
 * The critical path, slack and a baseline comparison in the Markdown and HTML exports, and the
 * slack/critical fields of the JSON export.
 */
import { describe, expect, it } from 'vitest';
import { baselineData, compareToBaseline, type Baseline } from '../../../src/core/baseline.js';
import { summarizeBaselineSlip } from '../../../src/core/baseline-slip.js';
import { scheduleWithCriticalPath } from '../../../src/core/critical-path.js';
import { exportHtml } from '../../../src/core/export/html.js';
import { exportJson } from '../../../src/core/export/json.js';
import { exportMarkdown } from '../../../src/core/export/markdown.js';
import { foldJournal } from '../../../src/core/journal.js';
import { projectFromToday } from '../../../src/core/projection.js';
import { computeStatus } from '../../../src/core/status.js';
import { examplePlan } from '../../helpers/plan-builder.js';
import { codonJournal, CODON_TODAY, codonInput, crdtInput } from './fixtures.js';

function withBaseline() {
  const plan = examplePlan('codon-migration');
  const baseline: Baseline = { name: 'kickoff <b>', at: '2026-11-02T08:00:00.000Z', by: 'Ana', data: baselineData(scheduleWithCriticalPath(plan)) };
  const journal = foldJournal(plan, codonJournal());
  const projection = projectFromToday(plan, journal, CODON_TODAY);
  const input = codonInput();
  const status = computeStatus(plan, input.schedule, journal, CODON_TODAY);
  return codonInput({ baseline: summarizeBaselineSlip(baseline, compareToBaseline(baseline, projection.schedule, status, plan)) });
}

describe('critical path and slack in exports', () => {
  it('Markdown names the chain and gives every component its slack', () => {
    const md = exportMarkdown(crdtInput());
    expect(md).toContain('- **Critical path**: Gradual rollout to all hosts > 30-day review (a one-work-day slip of any of these moves the end date)');
    expect(md).toContain('**Slack**: Monitoring and alerting (slack 2 d);');
    expect(md).toContain('Gradual rollout to all hosts (critical path, slack 0 d)');
  });

  it('HTML marks critical bars with a class and a legend, and shows slack on the labels', () => {
    const html = exportHtml(crdtInput());
    expect(html).toMatch(/<div class="bar todo[^"]* cp" [^>]*title="Gradual rollout to all hosts: [^"]*critical path, slack 0 d"/);
    expect(html).toContain('Monitoring and alerting <small>100%, slack 2 d</small>');
    expect(html).toContain('<span class="key cp-key"></span>critical path');
    expect(html).toContain('<dt>Critical path</dt><dd>Gradual rollout to all hosts &gt; 30-day review');
    expect(html).not.toContain('id="baseline"');
  });

  it('JSON carries slack, critical and the chain', () => {
    const doc = JSON.parse(exportJson(crdtInput()));
    const rollout = doc.schedule.components.find((c: { title: string }) => c.title === 'Gradual rollout to all hosts');
    expect(rollout).toMatchObject({ slack: 0, critical: true });
    expect(doc.schedule.components.find((c: { title: string }) => c.title === 'Monitoring and alerting')).toMatchObject({ slack: 2, critical: false });
    expect(doc.schedule.criticalPath.at(-1)).toMatchObject({ via: expect.any(String) });
  });
});

describe('a baseline in exports', () => {
  it('Markdown shows the end-date slip, what moves it and planned vs actual/projected per component', () => {
    const md = exportMarkdown(withBaseline());
    expect(md).toContain('## Plan vs Baseline');
    expect(md).toContain('Baseline "kickoff \\<b>" (recorded Mon 2 Nov 2026 by Ana), compared with actual dates for done work and the projection from Mon 23 Nov 2026 for the rest.');
    expect(md).toMatch(/- \*\*End date\*\*: Fri 11 Dec 2026 -> \w{3} \d+ \w{3} 20\d\d \(\+\d+ work days\)/);
    expect(md).toMatch(/- \*\*Moves the end date\*\*: Analytics Engine Thread Safety had no slack and slipped \+\d+ d: it moves the end date/);
    expect(md).toContain('| Component | Planned | Actual / projected | Slip | State |');
    expect(md).toMatch(/\| Dynamic Feature Detection System \| Mon 2 Nov - Fri 6 Nov \| Mon 2 Nov - [^|]+ \(actual\) \| -?\d+ d \| done \|/);
    expect(md.indexOf('## Plan vs Baseline')).toBeLessThan(md.indexOf('## Migration Strategy'));
  });

  it('HTML shows the same as a table, escaped, late rows marked', () => {
    const html = exportHtml(withBaseline());
    expect(html).toContain('<h2>Plan vs Baseline</h2>');
    expect(html).toContain('Baseline &ldquo;kickoff &lt;b&gt;&rdquo;');
    expect(html).not.toContain('kickoff <b>');
    expect(html).toMatch(/<tr class="late"><td>Error Handling Framework<\/td><td>Mon 23 Nov - Fri 27 Nov<\/td><td>[^<]+<small>\(projected\)<\/small><\/td><td>\+\d+ d<\/td><td>to do<\/td><\/tr>/);
  });
});
