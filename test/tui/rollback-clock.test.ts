import { describe, expect, test } from 'vitest';
import type { PlanStatus, RollbackStatus } from '../../src/core/status-types.js';
import { bannerLine, bannerLines, bannerRows, countdowns, formatDuration } from '../../src/tui/rollback-clock.js';

const firing = (id: string, firedAt = '2026-11-23T10:00:00.000Z'): RollbackStatus => ({
  id,
  title: `Rule ${id}`,
  action: 'abort',
  state: 'firing',
  firedAt,
  reason: 'error-rate 1.4 % > 1',
  deadlines: { assess: '2026-11-23T10:15:00.000Z', decide: '2026-11-23T10:30:00.000Z', execute: '2026-11-23T11:00:00.000Z' },
  components: [],
  weeks: [],
  history: [],
});
const status = (rollback: RollbackStatus[]) => ({ rollback }) as unknown as PlanStatus;
const at = (hhmmss: string) => new Date(`2026-11-23T${hhmmss}Z`);

describe('rollback countdowns', () => {
  test('durations read as a countdown: the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12m 05s');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(51 * 3_600_000)).toBe('2d 03h');
    expect(formatDuration(12 * 60_000 + 5_000, true)).toBe('12m05s');
    expect(formatDuration(-5)).toBe('0s');
  });

  test('each step counts down from firedAt and says OVERDUE once passed', () => {
    expect(countdowns(firing('r'), at('10:05:00')).map((c) => c.text)).toEqual(['assess in 10m 00s', 'decide in 25m 00s', 'execute in 55m 00s']);
    expect(countdowns(firing('r'), at('10:40:30')).map((c) => c.text)).toEqual(['assess OVERDUE 25m 30s', 'decide OVERDUE 10m 30s', 'execute in 19m 30s']);
    expect(countdowns({ ...firing('r'), state: 'clear', deadlines: undefined } as RollbackStatus, at('10:00:00'))).toEqual([]);
  });

  test('a banner line: what fired, the countdown, then why; tighter when the terminal is narrow', () => {
    expect(bannerLine(firing('immediate'), at('10:05:00'))).toBe(
      'ROLLBACK immediate FIRING (abort) | assess in 10m 00s | decide in 25m 00s | execute in 55m 00s | error-rate 1.4 % > 1',
    );
    expect(bannerLine(firing('immediate'), at('10:20:00'), 80)).toBe(
      'ROLLBACK immediate FIRING (abort) assess OVERDUE decide 10m00s execute 40m00s | error-rate 1.4 % > 1',
    );
  });

  test('plan text in the reason cannot reach the terminal', () => {
    const rule = { ...firing('r'), reason: 'x \u001B]0;pwned\u0007 \u202Eevil' };
    expect(bannerLine(rule, at('10:00:00'))).not.toMatch(/[\u001B\u0007\u202E]/);
  });

  test('at most two banner rows; more rules are summed up on the last', () => {
    expect(bannerRows(null)).toBe(0);
    expect(bannerRows(status([{ ...firing('a'), state: 'clear' }]))).toBe(0);
    expect(bannerRows(status([firing('a')]))).toBe(1);
    const three = status([firing('a'), firing('b'), firing('c')]);
    expect(bannerRows(three)).toBe(2);
    const shown = bannerLines(three, at('10:00:00'));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^ROLLBACK a FIRING/);
    expect(shown[1]).toBe('ROLLBACK 2 more rules FIRING: b, c (the Risks view has their deadlines)');
  });
});
