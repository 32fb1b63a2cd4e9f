import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { renderStatus, weekRanges, wrap } from '../../src/cli/render-status.js';
import { styleFor } from '../../src/cli/style.js';
import { foldJournal } from '../../src/core/journal.js';
import { computeStatus } from '../../src/core/status.js';
import { events, measure, plan, schedule, status } from '../core/status-fixture.js';

process.env.TZ = 'UTC';

const plain = styleFor({ env: { NO_COLOR: '1' }, stdoutIsTTY: false });
const colour = styleFor({ env: { FORCE_COLOR: '1' }, stdoutIsTTY: true });

function render(list: Parameters<typeof events>[0], today: string, now: string, columns = 80, style = plain) {
  const st = computeStatus(plan, schedule, foldJournal(plan, events(list)), today, { now });
  return renderStatus(st, { now: new Date(now), columns, style });
}

const firing = [
  status('registry', 'done', '2026-11-03T15:00:00.000Z'),
  status('config', 'blocked', '2026-11-05T09:00:00.000Z', 'Bo', 'vendor \u001b]0;pwned\u0007SDK \u202Ebroken'),
  measure('speedup', 42, '2026-11-05T09:00:00.000Z'),
  measure('error-rate', 1.2, '2026-11-06T09:30:00.000Z'),
  measure('error-rate', 1.4, '2026-11-06T10:00:00.000Z'),
];

describe('renderStatus', () => {
  test('health first, then the firing rule with deadlines as clock times', () => {
    const lines = render(firing, '2026-11-06', '2026-11-06T10:05:00.000Z').split('\n');
    expect(lines[0]).toBe('OFF TRACK: rollback "fast" firing: error-rate 1.4 % > 1 (2 consecutive)');
    const rule = lines.indexOf('!! ROLLBACK "fast" FIRING since 10:00 (abort): Immediate rollback');
    expect(rule).toBeGreaterThan(0);
    expect(rule).toBeLessThan(5);
    expect(lines.slice(rule + 1, rule + 4)).toEqual([
      '   why: error-rate 1.4 % > 1 (2 consecutive) · guards weeks 1',
      '   assess by 10:15 · decide by 10:30 · execute by 11:00',
      '   when done: roadmap track fast rolled-back --note "..."',
    ]);
  });

  test('an overdue deadline says so, on the next day too, within 80 columns', () => {
    expect(render(firing, '2026-11-06', '2026-11-06T10:40:00.000Z')).toContain('   assess by 10:15 · decide by 10:30 · execute by 11:00 · DECIDE OVERDUE\n');
    const nextDay = render(firing, '2026-11-07', '2026-11-07T08:00:00.000Z');
    expect(nextDay).toContain('   assess by Nov 06 10:15 · decide by Nov 06 10:30 · execute by Nov 06 11:00\n   EXECUTE OVERDUE\n');
  });

  test('progress, blocked, metrics with UNVERIFIED, readiness', () => {
    const text = render(firing, '2026-11-06', '2026-11-06T10:05:00.000Z');
    expect(text).toContain('Demo migration (demo) · 2026-11-06 · week 1 of 2 · Critical');
    expect(text).toContain('Done 2/10 person-days (20%) · 1/4 tasks');
    expect(text).toMatch(/> p1 +Critical +w1 +2\/5 pd +40% ████░░░░░░ blocked/);
    expect(text).toContain('Weeks  [1:40%] 2:0%');
    expect(text).toContain('Blocked (1)');
    expect(text).toMatch(/^ {2}speedup +>= 100 +42 x +1 +not met$/m);
    expect(text).toMatch(/^ {2}compile +>= 100 +- +0 +UNVERIFIED$/m);
    expect(text).toMatch(/^ {2}error-rate +< 0.1 +1.4 % +- +↑ worse +BREACHED$/m);
    expect(text).toContain('Readiness  performance 0/2 F · quality 0/3 F');
  });

  test('fits 80 columns, wide characters included, and untrusted text cannot drive the terminal', () => {
    const wide = [...firing, status('handlers', 'blocked', '2026-11-05T09:00:00.000Z', 'Chen', '等待供应商的软件开发工具包修复，预计下周一之前无法继续进行集成测试工作')];
    const text = render(wide, '2026-11-06', '2026-11-06T10:05:00.000Z');
    expect(text).toContain('等待供应商');
    for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/[\u001b\u0007\u202E]/);
    expect(text).toContain('vendor');
  });

  test('colour changes no visible text', () => {
    const coloured = render(firing, '2026-11-06', '2026-11-06T10:05:00.000Z', 80, colour);
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(render(firing, '2026-11-06', '2026-11-06T10:05:00.000Z'));
  });

  test('late items show owner, due date and days late; on track when nothing is wrong', () => {
    const late = render([], '2026-11-05', '2026-11-05T12:00:00.000Z');
    expect(late).toContain('Late (1)');
    expect(late).toMatch(/^ {2}registry +Ana +due Nov 03 +2d late todo$/m);
    expect(render([], '2026-10-30', '2026-10-30T12:00:00.000Z').split('\n')[0]).toBe('ON TRACK: not started; work begins 2026-11-02');
  });

  test('journal problems are listed with file:line', () => {
    const st = computeStatus(plan, schedule, foldJournal(plan, [], [{ severity: 'warning', code: 'journal-torn-line', message: 'torn', file: 'p.journal/bo.jsonl', line: 7 }]), '2026-11-02');
    expect(renderStatus(st, { now: new Date('2026-11-02T09:00:00Z'), columns: 80, style: plain })).toContain(
      'Journal problems (1)\n  p.journal/bo.jsonl:7: warning journal-torn-line: torn',
    );
  });

  test('week ranges', () => {
    expect(weekRanges([1, 2, 3, 5, 7, 8])).toBe('1-3, 5, 7-8');
  });

  test('wrap keeps words whole, indents continuations and cuts after the last allowed line', () => {
    expect(wrap('aaa bbb ccc ddd', 8, 2)).toEqual(['aaa bbb', '  ccc d…']);
    expect(wrap('aaa bbb', 20, 2)).toEqual(['aaa bbb']);
  });
});
