import { describe, expect, test } from 'vitest';
import {
  applies,
  BASE_BINDINGS,
  helpSections,
  isKeyRun,
  matchKey,
  splitChunk,
  viewBindings,
  type Binding,
  type Feature,
  type KeyContext,
  type KeyState,
  type OverlayKind,
} from '../../src/tui/keys.js';
import { VIEWS } from '../../src/tui/views/index.js';

const NO_KEY: KeyState = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  tab: false,
  backspace: false,
  delete: false,
  ctrl: false,
  shift: false,
  meta: false,
};
const key = (k: Partial<KeyState>): KeyState => ({ ...NO_KEY, ...k });
const BINDINGS: Binding[] = [...viewBindings(VIEWS), ...BASE_BINDINGS];
const ALL_FEATURES = new Set<Feature>(['save', 'status', 'measure', 'write', 'clipboard']);
const ctx = (view: string, overlay: OverlayKind | null = null, features: ReadonlySet<Feature> = ALL_FEATURES, mode?: string): KeyContext =>
  mode === undefined ? { view, overlay, features } : { view, overlay, features, mode };

describe('matchKey', () => {
  test('number keys select views in table order', () => {
    expect(matchKey(BINDINGS, '1', NO_KEY, ctx('week'))).toEqual({ command: 'view.select', arg: 'matrix' });
    expect(matchKey(BINDINGS, '2', NO_KEY, ctx('matrix'))).toEqual({ command: 'view.select', arg: 'roadmap' });
    expect(matchKey(BINDINGS, '3', NO_KEY, ctx('matrix'))).toEqual({ command: 'view.select', arg: 'week' });
    expect(matchKey(BINDINGS, '4', NO_KEY, ctx('matrix'))).toEqual({ command: 'view.select', arg: 'metrics' });
    expect(matchKey(BINDINGS, '5', NO_KEY, ctx('matrix'))).toEqual({ command: 'view.select', arg: 'risks' });
    expect(matchKey(BINDINGS, '6', NO_KEY, ctx('matrix'))).toEqual({ command: 'view.select', arg: 'standup' });
    // Only six views exist: 7 does nothing rather than open a placeholder.
    expect(matchKey(BINDINGS, '7', NO_KEY, ctx('matrix'))).toBeUndefined();
  });

  test('tab and shift-tab are different commands', () => {
    expect(matchKey(BINDINGS, '', key({ tab: true }), ctx('matrix'))?.command).toBe('view.next');
    expect(matchKey(BINDINGS, '', key({ tab: true, shift: true }), ctx('matrix'))?.command).toBe('view.prev');
  });

  test('ctrl-r redoes while a plain r is not bound in the list', () => {
    expect(matchKey(BINDINGS, 'r', key({ ctrl: true }), ctx('matrix'))?.command).toBe('edit.redo');
    expect(matchKey(BINDINGS, 'r', NO_KEY, ctx('matrix'))).toBeUndefined();
  });

  test('the same key means different things per view', () => {
    expect(matchKey(BINDINGS, '', key({ return: true }), ctx('matrix'))?.command).toBe('matrix.detail');
    expect(matchKey(BINDINGS, '', key({ return: true }), ctx('roadmap'))?.command).toBe('roadmap.openWeek');
    expect(matchKey(BINDINGS, ']', NO_KEY, ctx('week'))?.command).toBe('week.next');
    expect(matchKey(BINDINGS, ']', NO_KEY, ctx('roadmap'))?.command).toBe('timeline.right');
    expect(matchKey(BINDINGS, ']', NO_KEY, ctx('matrix'))).toBeUndefined();
  });

  test('an open overlay takes the keyboard: view keys do not leak through', () => {
    expect(matchKey(BINDINGS, '2', NO_KEY, ctx('matrix', 'weights'))).toBeUndefined();
    expect(matchKey(BINDINGS, '+', NO_KEY, ctx('matrix', 'weights'))?.command).toBe('weights.inc');
    expect(matchKey(BINDINGS, 'q', NO_KEY, ctx('matrix', 'prompt'))).toBeUndefined();
    expect(matchKey(BINDINGS, '', key({ escape: true }), ctx('matrix', 'prompt'))?.command).toBe('prompt.cancel');
    expect(matchKey(BINDINGS, 'y', NO_KEY, ctx('matrix', 'confirm-quit'))?.command).toBe('confirm.discard');
  });

  test('keys that need a missing capability are absent, not dead', () => {
    const none = new Set<Feature>();
    expect(matchKey(BINDINGS, 's', NO_KEY, ctx('matrix', null, none))).toBeUndefined();
    expect(matchKey(BINDINGS, ' ', NO_KEY, ctx('week', null, none))).toBeUndefined();
    expect(matchKey(BINDINGS, ' ', NO_KEY, ctx('week'))?.command).toBe('status.cycle');
    const help = helpSections(BINDINGS, ctx('week', null, none)).flatMap((s) => s.rows.map((r) => r.description));
    expect(help.join('\n')).not.toMatch(/save edits|cycle task status/);
  });
});

describe('the bindings table', () => {
  const contexts: KeyContext[] = [];
  for (const view of VIEWS.map((v) => v.id)) {
    const modes = view === 'standup' ? ['standup-intro', 'standup-round', 'standup-report'] : [undefined];
    for (const mode of modes) {
      for (const overlay of [null, 'help', 'prompt', 'weights', 'confirm-quit', 'conflict'] as const) contexts.push(ctx(view, overlay, ALL_FEATURES, mode));
    }
  }

  test('no key is bound twice in any one context', () => {
    for (const c of contexts) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS) {
        if (!applies(b, c)) continue;
        for (const chord of b.keys) {
          const id = JSON.stringify([chord.input, chord.special, Boolean(chord.ctrl), chord.shift ?? 'any']);
          expect(seen.get(id), `${chord.label} in ${c.view}/${c.mode}/${c.overlay}`).toBeUndefined();
          seen.set(id, b.command);
        }
      }
    }
  });

  test('help lists exactly the bindings that work in the context', () => {
    const sections = helpSections(BINDINGS, ctx('roadmap'));
    const rows = sections.flatMap((s) => s.rows);
    expect(rows.some((r) => r.description === 'scroll the timeline to later weeks')).toBe(true);
    expect(rows.some((r) => r.description === 'previous week')).toBe(false);
    expect(sections.map((s) => s.title)).toContain('Plan edits');
  });

  test('every binding has a description and at least one key', () => {
    for (const b of BINDINGS) {
      expect(b.description.length).toBeGreaterThan(3);
      expect(b.keys.length).toBeGreaterThan(0);
    }
  });
});

describe('several keys in one read', () => {
  test('are told apart from one key', () => {
    expect(isKeyRun('j', NO_KEY)).toBe(false);
    expect(isKeyRun('👍🏽', NO_KEY)).toBe(false);
    expect(isKeyRun('jjj', NO_KEY)).toBe(true);
    expect(isKeyRun('2\r', NO_KEY)).toBe(true);
    // ink already splits escape sequences; those are never runs.
    expect(isKeyRun('\u001B[A', key({ upArrow: true }))).toBe(false);
  });

  test('split into the keys they were: control characters are enter, backspace, tab, ctrl-<letter>', () => {
    expect(splitChunk('jk\r', false)).toEqual([
      { input: 'j', key: NO_KEY },
      { input: 'k', key: NO_KEY },
      { input: '', key: key({ return: true }) },
    ]);
    expect(splitChunk('a\u007F\t\u0012', false)).toEqual([
      { input: 'a', key: NO_KEY },
      { input: '', key: key({ backspace: true }) },
      { input: '', key: key({ tab: true }) },
      { input: 'r', key: key({ ctrl: true }) },
    ]);
  });

  test('text for a prompt stays together between control characters', () => {
    expect(splitChunk('42\rbench.json\r', true)).toEqual([
      { input: '42', key: NO_KEY },
      { input: '', key: key({ return: true }) },
      { input: 'bench.json', key: NO_KEY },
      { input: '', key: key({ return: true }) },
    ]);
  });

  test('the split keys match the bindings as if typed one by one', () => {
    const commands = splitChunk('jj\u0012', false).map((k) => matchKey(BINDINGS, k.input, k.key, ctx('matrix'))?.command);
    expect(commands).toEqual(['nav.down', 'nav.down', 'edit.redo']);
  });
});
