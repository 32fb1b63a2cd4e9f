import { describe, expect, test } from 'vitest';
import { COLOUR_THEME, PLAIN_THEME, themeFor } from '../../src/tui/theme.js';

describe('themeFor', () => {
  test('NO_COLOR with any value turns every style off, including bold and inverse', () => {
    const theme = themeFor({ NO_COLOR: '1' });
    expect(theme).toBe(PLAIN_THEME);
    for (const style of [theme.heading, theme.selected, theme.activeTab, theme.error, theme.tier('critical'), theme.risk('high'), theme.status('blocked')]) {
      expect(style).toEqual({});
    }
  });

  test('an empty NO_COLOR does not count (no-color.org), TERM=dumb does', () => {
    expect(themeFor({ NO_COLOR: '' })).toBe(COLOUR_THEME);
    expect(themeFor({ TERM: 'dumb' })).toBe(PLAIN_THEME);
  });

  test('colours carry meaning: tiers, risks and states each look different', () => {
    const t = themeFor({});
    expect(t.tier('critical')).not.toEqual(t.tier('low'));
    expect(t.risk('high')).not.toEqual(t.risk('low'));
    expect(t.status('blocked')).not.toEqual(t.status('done'));
    expect(t.status('something-new')).toEqual({ color: 'gray' });
  });
});
