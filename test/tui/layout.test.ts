import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bodyRows, clampTop, clampWeekOffset, frameRows, isTooSmall, matrixLayout, roadmapLayout } from '../../src/tui/layout.js';

describe('layout', () => {
  test('the cursor is always inside the visible window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: -5, max: 600 }), fc.integer({ min: 1, max: 60 }), (total, c, top, height) => {
        const cursor = total === 0 ? -1 : Math.min(c, total - 1);
        const t = clampTop(total, cursor, top, height);
        expect(t).toBeGreaterThanOrEqual(0);
        if (total > height) expect(t).toBeLessThanOrEqual(total - height);
        if (cursor >= 0) {
          expect(cursor).toBeGreaterThanOrEqual(t);
          expect(cursor).toBeLessThan(t + height);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the window does not move while the cursor stays inside it', () => {
    expect(clampTop(100, 15, 10, 10)).toBe(10);
    expect(clampTop(100, 20, 10, 10)).toBe(11);
    expect(clampTop(100, 3, 10, 10)).toBe(3);
  });

  test('the week window keeps a focused week visible', () => {
    expect(clampWeekOffset(6, 7, 3, 6)).toBe(0);
    expect(clampWeekOffset(52, 6, 0, 20)).toBe(14);
    expect(clampWeekOffset(52, 6, 30, 20)).toBe(19);
  });

  test('at 80x24 the screen adds up with a line to spare', () => {
    const size = { columns: 80, rows: 24 };
    expect(frameRows(size)).toBe(23);
    expect(bodyRows(size)).toBe(19);
    const m = matrixLayout(size, true);
    expect(1 + m.list + 1 + m.detail).toBe(19);
    expect(matrixLayout(size, false).list).toBe(18);
    expect(roadmapLayout(size).visibleWeeks).toBe(7);
    expect(isTooSmall(size)).toBe(false);
    expect(isTooSmall({ columns: 59, rows: 24 })).toBe(true);
    expect(isTooSmall({ columns: 80, rows: 15 })).toBe(true);
  });
});
