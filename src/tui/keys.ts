/**
 * Key bindings as data: which keys run which command, where, with what description. The matcher
 * and the help overlay both read this one table, so help can never list a key that does nothing
 * or miss one that does. Pure: no React, no ink (ink's Key type is structural, re-declared here).
 */

/** What a key press can ask for. View switching by number carries the view id as `arg`. */
export type Command =
  | 'app.quit'
  | 'app.help'
  | 'app.close'
  | 'view.next'
  | 'view.prev'
  | 'view.select'
  | 'nav.up'
  | 'nav.down'
  | 'nav.pageUp'
  | 'nav.pageDown'
  | 'nav.home'
  | 'nav.end'
  | 'list.filter'
  | 'list.sort'
  | 'list.reverse'
  | 'list.jump'
  | 'matrix.detail'
  | 'roadmap.openWeek'
  | 'week.prev'
  | 'week.next'
  | 'week.today'
  | 'timeline.left'
  | 'timeline.right'
  | 'plan.weights'
  | 'plan.pin'
  | 'plan.unpin'
  | 'plan.capacity'
  | 'plan.start'
  | 'edit.undo'
  | 'edit.redo'
  | 'plan.save'
  | 'status.cycle'
  | 'status.block'
  | 'status.note'
  | 'metric.measure'
  | 'standup.begin'
  | 'standup.mode'
  | 'standup.done'
  | 'standup.next'
  | 'standup.block'
  | 'standup.forward'
  | 'standup.back'
  | 'standup.finish'
  | 'standup.write'
  | 'standup.copy'
  | 'standup.record'
  | 'standup.reset'
  | 'weights.up'
  | 'weights.down'
  | 'weights.inc'
  | 'weights.dec'
  | 'weights.reset'
  | 'prompt.submit'
  | 'prompt.cancel'
  | 'confirm.save'
  | 'confirm.discard'
  | 'conflict.reapply'
  | 'conflict.discard';

/** ink's Key, reduced to what bindings look at. */
export interface KeyState {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  shift: boolean;
  meta: boolean;
}

export type SpecialKey = 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

const SPECIAL_FLAG: Record<SpecialKey, keyof KeyState> = {
  up: 'upArrow',
  down: 'downArrow',
  left: 'leftArrow',
  right: 'rightArrow',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  home: 'home',
  end: 'end',
  return: 'return',
  escape: 'escape',
  tab: 'tab',
};

/** One key: a printable character (`input`) or a special key, optionally with ctrl / shift. */
export interface Chord {
  input?: string;
  special?: SpecialKey;
  ctrl?: boolean;
  /** Only checked for special keys (ink sets shift for capital letters by itself). */
  shift?: boolean;
  /** How help shows it. */
  label: string;
}

/** The overlays that take the keyboard; `null` is the normal list screen. */
export type OverlayKind = 'help' | 'prompt' | 'weights' | 'confirm-quit' | 'conflict';

/**
 * Optional capabilities: a binding that needs one is absent (from matching and help) without it.
 * status: journal events; save: plan edits to the file; measure: measurements with evidence;
 * write: files such as the standup report; clipboard: OSC 52 to a terminal that takes it.
 */
export type Feature = 'status' | 'save' | 'measure' | 'write' | 'clipboard';

export interface Binding {
  command: Command;
  keys: Chord[];
  description: string;
  /** Overlay the binding works in; undefined: only when no overlay is open. */
  overlay?: OverlayKind;
  /** Views the binding works in; undefined: every view. */
  views?: string[];
  needs?: Feature;
  /** Steps of a view the binding works in (the standup's intro, round, report); undefined: all. */
  modes?: string[];
  arg?: string;
  /** A word or two for the hint line at the bottom; bindings without one are only in help. */
  hint?: string;
  /** Listed in help under this heading. */
  group: 'General' | 'Views' | 'Move' | 'List' | 'Plan edits' | 'Status' | 'Week' | 'Metrics' | 'Standup' | 'Weights' | 'Prompt' | 'Confirm';
}

const ch = (input: string, label = input): Chord => ({ input, label });
const ctrl = (input: string): Chord => ({ input, ctrl: true, label: `ctrl-${input}` });
const sp = (special: SpecialKey, label: string, shift?: boolean): Chord =>
  shift === undefined ? { special, label } : { special, label, shift };

const LIST_VIEWS = ['matrix', 'roadmap', 'metrics', 'risks'];
const INTRO = ['standup-intro'];
const ROUND = ['standup-round'];
const REPORT = ['standup-report'];
const STANDUP = ['standup'];

/** Bindings that do not depend on the views table. */
export const BASE_BINDINGS: readonly Binding[] = [
  { command: 'app.quit', keys: [ch('q')], description: 'quit (asks first when edits are unsaved)', hint: 'quit', group: 'General' },
  { command: 'app.help', keys: [ch('?')], description: 'show or hide this help', hint: 'help', group: 'General' },
  { command: 'app.close', keys: [sp('escape', 'esc')], description: 'clear the filter or message', group: 'General' },
  { command: 'view.next', keys: [sp('tab', 'tab', false)], description: 'next view', hint: 'views', group: 'Views' },
  { command: 'view.prev', keys: [sp('tab', 'shift-tab', true)], description: 'previous view', group: 'Views' },
  { command: 'nav.up', keys: [sp('up', 'up'), ch('k')], description: 'move up', group: 'Move' },
  { command: 'nav.down', keys: [sp('down', 'down'), ch('j')], description: 'move down', group: 'Move' },
  { command: 'nav.pageUp', keys: [sp('pageUp', 'pgup'), ctrl('u')], description: 'page up', group: 'Move' },
  { command: 'nav.pageDown', keys: [sp('pageDown', 'pgdn'), ctrl('d')], description: 'page down', group: 'Move' },
  { command: 'nav.home', keys: [sp('home', 'home')], description: 'first row', group: 'Move' },
  { command: 'nav.end', keys: [sp('end', 'end'), ch('G')], description: 'last row', group: 'Move' },
  { command: 'list.filter', keys: [ch('/')], description: 'filter components by id, title or group', views: LIST_VIEWS, hint: 'filter', group: 'List' },
  { command: 'list.sort', keys: [ch('o')], description: 'sort by the next column', views: ['matrix'], hint: 'sort', group: 'List' },
  { command: 'list.reverse', keys: [ch('O')], description: 'reverse the sort order', views: ['matrix'], group: 'List' },
  { command: 'list.jump', keys: [ch('g')], description: 'go to an id: a component (a metric in Metrics, a rule too in Risks)', hint: 'go to', group: 'List' },
  { command: 'matrix.detail', keys: [sp('return', 'enter')], description: 'show or hide the detail pane', views: ['matrix'], hint: 'detail', group: 'List' },
  { command: 'roadmap.openWeek', keys: [sp('return', 'enter')], description: "open the component's first week", views: ['roadmap'], hint: 'week', group: 'List' },
  { command: 'week.prev', keys: [sp('left', 'left'), ch('[')], description: 'previous week', views: ['week'], hint: 'week', group: 'Week' },
  { command: 'week.next', keys: [sp('right', 'right'), ch(']')], description: 'next week', views: ['week'], group: 'Week' },
  { command: 'week.today', keys: [ch('t')], description: "this week (today's date)", views: ['week'], group: 'Week' },
  { command: 'timeline.left', keys: [sp('left', 'left'), ch('[')], description: 'scroll the timeline to earlier weeks', views: ['roadmap'], hint: 'scroll', group: 'Week' },
  { command: 'timeline.right', keys: [sp('right', 'right'), ch(']')], description: 'scroll the timeline to later weeks', views: ['roadmap'], group: 'Week' },
  { command: 'plan.weights', keys: [ch('w')], description: 're-weight the scoring criteria', hint: 'weights', group: 'Plan edits' },
  { command: 'plan.pin', keys: [ch('p')], description: 'pin the component to a week', hint: 'pin', group: 'Plan edits' },
  { command: 'plan.unpin', keys: [ch('P')], description: 'unpin the component', group: 'Plan edits' },
  { command: 'plan.capacity', keys: [ch('c')], description: 'change capacity per week', group: 'Plan edits' },
  { command: 'plan.start', keys: [ch('d')], description: 'change the start date', group: 'Plan edits' },
  { command: 'edit.undo', keys: [ch('u')], description: 'undo the last edit', hint: 'undo', group: 'Plan edits' },
  { command: 'edit.redo', keys: [ctrl('r')], description: 'redo', group: 'Plan edits' },
  { command: 'plan.save', keys: [ch('s')], description: 'save edits to the plan file', needs: 'save', hint: 'save', group: 'Plan edits' },
  { command: 'status.cycle', keys: [ch(' ', 'space')], description: 'cycle task status (todo, doing, done)', views: ['week', 'matrix'], needs: 'status', hint: 'status', group: 'Status' },
  { command: 'status.block', keys: [ch('b')], description: 'mark blocked, with a note', views: ['week', 'matrix'], needs: 'status', hint: 'block', group: 'Status' },
  { command: 'status.note', keys: [ch('n')], description: 'add a note', views: ['week', 'matrix'], needs: 'status', group: 'Status' },
  { command: 'metric.measure', keys: [ch('m')], description: 'record a measurement: the value, then a file or URL as evidence', views: ['metrics'], needs: 'measure', hint: 'measure', group: 'Metrics' },

  { command: 'standup.begin', keys: [sp('return', 'enter')], description: 'start the round', views: STANDUP, modes: INTRO, hint: 'start', group: 'Standup' },
  { command: 'standup.mode', keys: [ch('t')], description: 'go round by person, or by task in progress', views: STANDUP, modes: INTRO, hint: 'people/tasks', group: 'Standup' },
  { command: 'standup.done', keys: [ch(' ', 'space')], description: 'what got done: mark the task done (again: back to doing)', views: STANDUP, modes: ROUND, needs: 'status', hint: 'done', group: 'Standup' },
  { command: 'standup.next', keys: [ch('n')], description: 'what is next: a note on the task', views: STANDUP, modes: ROUND, needs: 'status', hint: 'next', group: 'Standup' },
  { command: 'standup.block', keys: [ch('b')], description: 'a blocker: mark the task blocked, with a note', views: STANDUP, modes: ROUND, needs: 'status', hint: 'blocker', group: 'Standup' },
  { command: 'standup.forward', keys: [sp('return', 'enter'), sp('right', 'right')], description: 'next (after the last one, the report)', views: STANDUP, modes: ROUND, hint: 'next one', group: 'Standup' },
  { command: 'standup.back', keys: [sp('left', 'left')], description: 'previous', views: STANDUP, modes: ROUND, group: 'Standup' },
  { command: 'standup.finish', keys: [ch('e')], description: 'end the round and show the report', views: STANDUP, modes: [...INTRO, ...ROUND], hint: 'report', group: 'Standup' },
  { command: 'standup.write', keys: [ch('f')], description: 'write the report to a file', views: STANDUP, modes: REPORT, needs: 'write', hint: 'to file', group: 'Standup' },
  { command: 'standup.copy', keys: [ch('y')], description: 'copy the report to the clipboard (OSC 52)', views: STANDUP, modes: REPORT, needs: 'clipboard', hint: 'copy', group: 'Standup' },
  { command: 'standup.record', keys: [ch('r')], description: 'record the standup in the journal (as standup --record)', views: STANDUP, modes: REPORT, needs: 'status', hint: 'record', group: 'Standup' },
  { command: 'standup.reset', keys: [ch('x')], description: 'start over', views: STANDUP, modes: [...ROUND, ...REPORT], hint: 'start over', group: 'Standup' },

  { command: 'app.close', keys: [sp('escape', 'esc'), ch('?'), ch('q')], description: 'close help', overlay: 'help', hint: 'close', group: 'General' },
  { command: 'nav.up', keys: [sp('up', 'up'), ch('k')], description: 'scroll up', overlay: 'help', group: 'Move' },
  { command: 'nav.down', keys: [sp('down', 'down'), ch('j')], description: 'scroll down', overlay: 'help', group: 'Move' },

  { command: 'weights.up', keys: [sp('up', 'up'), ch('k')], description: 'previous criterion', overlay: 'weights', hint: 'criterion', group: 'Weights' },
  { command: 'weights.down', keys: [sp('down', 'down'), ch('j')], description: 'next criterion', overlay: 'weights', group: 'Weights' },
  { command: 'weights.inc', keys: [ch('+'), ch('='), sp('right', 'right')], description: 'weight +1 (applies at once; u undoes)', overlay: 'weights', hint: '+1', group: 'Weights' },
  { command: 'weights.dec', keys: [ch('-'), sp('left', 'left')], description: 'weight -1', overlay: 'weights', hint: '-1', group: 'Weights' },
  { command: 'weights.reset', keys: [ch('0')], description: "back to the plan's weight", overlay: 'weights', hint: 'plan weight', group: 'Weights' },
  { command: 'edit.undo', keys: [ch('u')], description: 'undo', overlay: 'weights', hint: 'undo', group: 'Weights' },
  { command: 'edit.redo', keys: [ctrl('r')], description: 'redo', overlay: 'weights', group: 'Weights' },
  { command: 'plan.save', keys: [ch('s')], description: 'save edits to the plan file', overlay: 'weights', needs: 'save', hint: 'save', group: 'Weights' },
  { command: 'app.close', keys: [sp('escape', 'esc'), sp('return', 'enter'), ch('w')], description: 'close', overlay: 'weights', hint: 'close', group: 'Weights' },

  { command: 'prompt.submit', keys: [sp('return', 'enter')], description: 'accept', overlay: 'prompt', hint: 'accept', group: 'Prompt' },
  { command: 'prompt.cancel', keys: [sp('escape', 'esc')], description: 'cancel', overlay: 'prompt', hint: 'cancel', group: 'Prompt' },

  { command: 'confirm.save', keys: [ch('s')], description: 'save, then quit', overlay: 'confirm-quit', needs: 'save', hint: 'save and quit', group: 'Confirm' },
  { command: 'confirm.discard', keys: [ch('y')], description: 'quit without saving', overlay: 'confirm-quit', hint: 'quit without saving', group: 'Confirm' },
  { command: 'app.close', keys: [sp('escape', 'esc'), ch('n')], description: 'stay', overlay: 'confirm-quit', hint: 'stay', group: 'Confirm' },

  { command: 'conflict.reapply', keys: [ch('r')], description: 'reload the file and re-apply your edits', overlay: 'conflict', hint: 'reload + re-apply', group: 'Confirm' },
  { command: 'conflict.discard', keys: [ch('x')], description: 'reload the file, dropping your edits', overlay: 'conflict', hint: 'reload, drop edits', group: 'Confirm' },
  { command: 'app.close', keys: [sp('escape', 'esc')], description: 'keep your edits unsaved', overlay: 'conflict', hint: 'keep editing', group: 'Confirm' },
];

/** Number keys for the views, in tab order: view 1 is key `1`. */
export function viewBindings(views: readonly { id: string; title: string }[]): Binding[] {
  return views.slice(0, 9).map((v, i) => ({
    command: 'view.select' as const,
    keys: [ch(String(i + 1))],
    description: `${v.title} view`,
    arg: v.id,
    group: 'Views' as const,
  }));
}

export interface KeyContext {
  view: string;
  overlay: OverlayKind | null;
  features: ReadonlySet<Feature>;
  /** The step of the view, for views with steps (the standup). */
  mode?: string;
}

export interface Match {
  command: Command;
  arg?: string;
}

function chordMatches(chord: Chord, input: string, key: KeyState): boolean {
  if (Boolean(chord.ctrl) !== key.ctrl) return false;
  if (chord.special) {
    if (!key[SPECIAL_FLAG[chord.special]]) return false;
    return chord.shift === undefined || chord.shift === key.shift;
  }
  return chord.input === input;
}

/** Whether a binding works in a context (its overlay, view and feature all match). */
export function applies(b: Binding, ctx: KeyContext): boolean {
  if ((b.overlay ?? null) !== ctx.overlay) return false;
  if (b.views && !b.views.includes(ctx.view)) return false;
  if (b.modes && (ctx.mode === undefined || !b.modes.includes(ctx.mode))) return false;
  if (b.needs && !ctx.features.has(b.needs)) return false;
  return true;
}

/** The first binding that applies in this context and matches the key; undefined for anything else. */
export function matchKey(bindings: readonly Binding[], input: string, key: KeyState, ctx: KeyContext): Match | undefined {
  for (const b of bindings) {
    if (!applies(b, ctx)) continue;
    if (b.keys.some((c) => chordMatches(c, input, key))) return b.arg === undefined ? { command: b.command } : { command: b.command, arg: b.arg };
  }
  return undefined;
}

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

/** One control character as the key it is: enter, tab, backspace, or ctrl-<letter>. */
function controlKey(ch: string): { input: string; key: KeyState } {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...NO_KEY, return: true } };
  if (ch === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  if (code === 0x7f || code === 0x08) return { input: '', key: { ...NO_KEY, backspace: true } };
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: ch, key: NO_KEY };
}

const CONTROL = /[\u0000-\u001F\u007F]/;
const graphemes = new Intl.Segmenter();

/**
 * Several keys that reached us as one read (fast typing, key repeat, a multiplexer's send-keys):
 * ink hands them over as one string, as if pasted. Split into the keys they were: each control
 * character on its own (enter, backspace, ctrl-r); printable text one character at a time, or,
 * when `keepText` (a prompt is open, where a paste is text), as runs.
 */
export function splitChunk(input: string, keepText: boolean): { input: string; key: KeyState }[] {
  const out: { input: string; key: KeyState }[] = [];
  let run = '';
  const flush = () => {
    if (run !== '') out.push({ input: run, key: NO_KEY });
    run = '';
  };
  for (const { segment } of graphemes.segment(input)) {
    if (CONTROL.test(segment) && segment.length === 1) {
      flush();
      out.push(controlKey(segment));
    } else if (keepText) {
      run += segment;
    } else {
      out.push({ input: segment, key: NO_KEY });
    }
  }
  flush();
  return out;
}

/** Whether ink handed over several keys as one (see splitChunk): more than one character, no escape sequence. */
export function isKeyRun(input: string, key: KeyState): boolean {
  return !key.meta && !key.escape && input.length > 1 && !input.includes('\u001B') && [...graphemes.segment(input)].length > 1;
}

export interface HelpSection {
  title: string;
  rows: { keys: string; description: string }[];
}

/**
 * The help overlay's content for a context: what works here, grouped, in table order, the groups
 * with keys of this view (or this step of it) first, so they are on screen without scrolling.
 */
export function helpSections(bindings: readonly Binding[], ctx: KeyContext): HelpSection[] {
  const sections: (HelpSection & { own: boolean })[] = [];
  for (const b of bindings) {
    if (!applies(b, ctx)) continue;
    let section = sections.find((s) => s.title === b.group);
    if (!section) {
      section = { title: b.group, rows: [], own: false };
      sections.push(section);
    }
    if (b.views !== undefined || b.modes !== undefined) section.own = true;
    section.rows.push({ keys: b.keys.map((k) => k.label).join(' / '), description: b.description });
  }
  return [...sections.filter((s) => s.own), ...sections.filter((s) => !s.own)].map(({ title, rows }) => ({ title, rows }));
}
