import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { bar, dateRuns, fit, ganttCell, idList, sparkline, wrap } from '../../src/tui/text.js';

describe('fit', () => {
  test('pads or cuts to exactly the width, by display columns', () => {
    expect(fit('cache', 8)).toBe('cache   ');
    expect(fit('15', 5, 'right')).toBe('   15');
    expect(fit('dynamic-feature-detection', 10)).toBe('dynamic-f…');
    // Wide characters take two columns and are never split.
    expect(fit('移行計画です', 7)).toBe('移行計…');
    expect(fit('移行計画です', 8)).toBe('移行計… ');
    expect(stringWidth(fit('移行計画です', 7))).toBe(7);
  });

  test('any text fits any width exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (text, width) => {
        const safe = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
        expect(stringWidth(fit(safe, width))).toBe(Math.max(width, 0));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bars', () => {
  test('a bar is always its width, filled in proportion', () => {
    expect(bar(0, 4)).toBe('    ');
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 4)).toBe('██  ');
    expect(bar(0.3, 4)).toBe('█▎  ');
    expect(bar(Number.NaN, 3)).toBe('   ');
  });

  test('a Gantt cell covers the work days used', () => {
    expect(ganttCell(1, 5, 5, 6)).toBe('██████');
    expect(ganttCell(1, 2, 5, 6)).toBe('███   ');
    expect(ganttCell(5, 5, 5, 6)).toBe('    ██');
    expect(ganttCell(3, 3, 5, 6)).toBe('  ██  ');
    expect(ganttCell(1, 1, 0, 6)).toBe('      ');
  });

  test('dates collapse into runs of consecutive days', () => {
    expect(dateRuns([])).toBe('');
    expect(dateRuns(['2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'])).toBe('12-24, 12-28..01-01');
  });

  test('id lists stop at their budget and say how many more', () => {
    expect(idList([])).toBe('none');
    expect(idList(['a', 'b'])).toBe('a, b');
    expect(idList(['alpha', 'beta', 'gamma', 'delta'], 14)).toBe('alpha, beta (+2 more)');
  });
});

describe('sparkline', () => {
  test('scales the last values between their own lowest and highest', () => {
    expect(sparkline([], 8)).toBe('');
    expect(sparkline([5], 8)).toBe('▄');
    expect(sparkline([3, 3, 3], 8)).toBe('▄▄▄');
    expect(sparkline([0, 7, 14], 8)).toBe('▁▅█');
    expect(sparkline([100, 1, 2, 3, 4], 4)).toBe('▁▃▆█');
  });
});

describe('wrap', () => {
  test('wraps words to the width and cuts what does not fit in the lines allowed', () => {
    expect(wrap('Gradual migration with rollback capability', 20)).toEqual(['Gradual migration', 'with rollback', 'capability']);
    expect(wrap('Gradual migration with rollback capability', 20, 2)).toEqual(['Gradual migration', 'with rollback capab…']);
    expect(wrap('', 10)).toEqual([]);
  });

  test('no line is ever wider than asked, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 1, max: 4 }), (text, width, max) => {
        const out = wrap(text, width, max);
        expect(out.length).toBeLessThanOrEqual(max);
        for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 200 },
    );
  });
});
