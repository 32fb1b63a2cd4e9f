import { describe, expect, it } from 'vitest';
import { formatProblems, problemsToJson, summarizeProblems } from '../../src/cli/format-problems.js';
import type { Problem } from '../../src/core/problem.js';

const io = { env: { NO_COLOR: '1' }, stdoutIsTTY: false };
const p = (extra: Partial<Problem>): Problem => ({ severity: 'error', code: 'x-code', message: 'something is off', file: 'p.yaml', ...extra });

describe('formatProblems', () => {
  it('prints nothing for no problems', () => {
    expect(formatProblems([], { io })).toBe('');
  });

  it('without a position: file, severity, code, message, hint', () => {
    expect(formatProblems([p({ hint: 'do this' })], { io })).toBe('p.yaml error x-code: something is off\n  hint: do this\n1 error, 0 warnings\n');
  });

  it('keeps the caret under the column when the line holds tabs and CRLF endings', () => {
    const out = formatProblems([p({ line: 2, column: 4 })], { source: 'a: 1\r\n\tb: [x]\r\n', io });
    expect(out.split('\n').slice(1, 4)).toEqual(['  1 | a: 1', '> 2 | \tb: [x]', '    | \t  ^']);
  });

  it('cuts a long line to a window around the column', () => {
    const line = `${'a'.repeat(300)}X${'b'.repeat(300)}`;
    const out = formatProblems([p({ line: 1, column: 301 })], { source: line, io });
    const [, shown, caret] = out.split('\n');
    expect(shown!.length).toBeLessThan(120);
    expect(shown).toContain('…');
    expect(caret!.indexOf('^')).toBe(shown!.indexOf('X'));
  });

  it('sanitises messages and the quoted source line', () => {
    const out = formatProblems([p({ line: 1, column: 1, message: 'bad \u001b[2J value' })], { source: 'k: "\u001b]0;title\u0007\u202eevil"', io });
    expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(out).toContain('\uFFFD');
  });

  it('counts errors and warnings', () => {
    expect(summarizeProblems([p({}), p({}), p({ severity: 'warning' })])).toBe('2 errors, 1 warning');
    expect(summarizeProblems([p({ severity: 'warning' }), p({ severity: 'warning' })])).toBe('0 errors, 2 warnings');
  });

  it('colours severities when colour is on', () => {
    const out = formatProblems([p({}), p({ severity: 'warning' })], { io: { env: { FORCE_COLOR: '1' }, stdoutIsTTY: false } });
    expect(out).toContain('\u001b[31merror\u001b[39m');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
  });
});

describe('problemsToJson', () => {
  it('has every key on every problem, null when absent', () => {
    expect(problemsToJson([p({}), p({ severity: 'warning', line: 3, column: 7, path: ['a', 0], hint: 'h' })])).toEqual({
      errors: 1,
      warnings: 1,
      problems: [
        { severity: 'error', code: 'x-code', message: 'something is off', hint: null, file: 'p.yaml', line: null, column: null, path: null },
        { severity: 'warning', code: 'x-code', message: 'something is off', hint: 'h', file: 'p.yaml', line: 3, column: 7, path: ['a', 0] },
      ],
    });
  });
});
