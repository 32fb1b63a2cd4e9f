import { describe, expect, test } from 'vitest';
import { VIEW_NAMES } from '../../../src/cli/commands/tui.js';
import { VIEWS } from '../../../src/tui/views/index.js';

describe('the views table', () => {
  test('six views in tab order, and `roadmap tui --view` accepts exactly their ids', () => {
    expect(VIEWS.map((v) => v.id)).toEqual(['matrix', 'roadmap', 'week', 'metrics', 'risks', 'standup']);
    expect(VIEW_NAMES).toEqual(VIEWS.map((v) => v.id));
  });
});
