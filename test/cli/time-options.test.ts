import { describe, expect, test } from 'vitest';
import { clockTime, localDate, parseDay, parseInstant } from '../../src/cli/time-options.js';
import { evidencePath } from '../../src/plan/journal-io.js';

process.env.TZ = 'Europe/Berlin';

describe('--at / --now', () => {
  test('accepts UTC, offsets, local date-times and bare dates', () => {
    expect(parseInstant('2026-11-04T10:30:00Z', '--at')).toBe('2026-11-04T10:30:00.000Z');
    expect(parseInstant('2026-11-04T10:30+02:00', '--at')).toBe('2026-11-04T08:30:00.000Z');
    // Local time: Berlin is UTC+1 in November.
    expect(parseInstant('2026-11-04T10:30', '--at')).toBe('2026-11-04T09:30:00.000Z');
    expect(parseInstant('2026-11-04', '--at')).toBe('2026-11-04T11:00:00.000Z');
  });

  test('refuses what is not a real date or time', () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-02-30T10:00Z', '2026-13-01T10:00', '04/11/2026', '']) {
      expect(() => parseInstant(bad, '--at'), bad).toThrow(/--at/);
    }
    expect(() => parseDay('2026-11-31', '--today')).toThrow(/not a real date/);
    expect(parseDay('2026-11-30', '--today')).toBe('2026-11-30');
  });
});

describe('clock times', () => {
  test('a deadline today prints as a local clock time, another day with its date', () => {
    const now = new Date('2026-11-20T09:05:00Z');
    expect(clockTime('2026-11-20T09:15:00.000Z', now)).toBe('10:15');
    expect(clockTime('2026-11-21T09:00:00.000Z', now)).toBe('Nov 21 10:00');
    expect(localDate(new Date('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
  });
});

test('evidence paths are stored relative to the plan folder with forward slashes', () => {
  expect(evidencePath('/repo/bench/out.json', '/repo/plans/x.yaml')).toBe('../bench/out.json');
  expect(evidencePath('/repo/plans/r.json', '/repo/plans/x.yaml')).toBe('r.json');
});
