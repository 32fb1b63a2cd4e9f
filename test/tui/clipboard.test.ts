import { describe, expect, test } from 'vitest';
import { OSC52_MAX_PAYLOAD, osc52Clipboard, osc52Sequence } from '../../src/tui/clipboard.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) };
}

describe('OSC 52 clipboard', () => {
  test('the sequence carries the text as base64 only', () => {
    const text = '# Standup\n\u001B]0;title\u0007 é';
    const seq = osc52Sequence(text);
    expect(seq).toBe(`\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`);
    // Whatever the text holds, only our own ESC and BEL frame it.
    expect(seq.slice(7, -1)).toMatch(/^[A-Za-z0-9+/=]*$/);
  });

  test('offered only when stdout is a terminal and TERM names a real one', () => {
    expect(osc52Clipboard(stream(false), { TERM: 'xterm-256color' })).toBeUndefined();
    expect(osc52Clipboard(stream(true), { TERM: 'dumb' })).toBeUndefined();
    expect(osc52Clipboard(stream(true), {})).toBeUndefined();
    const tty = stream(true);
    const copy = osc52Clipboard(tty, { TERM: 'tmux-256color' });
    expect(copy).toBeDefined();
    expect(copy!('hello')).toEqual({ ok: true });
    expect(tty.written).toEqual([osc52Sequence('hello')]);
  });

  test('a report too long for terminals is refused, not sent cut', () => {
    const tty = stream(true);
    const out = osc52Clipboard(tty, { TERM: 'xterm' })!('x'.repeat(OSC52_MAX_PAYLOAD));
    expect(out.ok).toBe(false);
    expect(tty.written).toEqual([]);
  });
});
