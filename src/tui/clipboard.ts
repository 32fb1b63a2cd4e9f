/**
 * Copying to the clipboard with OSC 52: the terminal (or tmux, or an SSH client's terminal) puts
 * the base64 payload on the system clipboard. This escape sequence is ours, built from base64
 * only, never from plan text. Offered only when stdout is a terminal and TERM names a real one.
 */

/** Terminals cap OSC 52 payloads (xterm's default is about 100 kB); longer reports go to a file. */
export const OSC52_MAX_PAYLOAD = 100_000;

export function osc52Sequence(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export type ClipboardResult = { ok: true } | { ok: false; message: string };

export interface ClipboardStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/** A clipboard writer on `stream`, or undefined where OSC 52 cannot work (a pipe, a file, TERM=dumb). */
export function osc52Clipboard(
  stream: ClipboardStream,
  env: Readonly<Record<string, string | undefined>>,
): ((text: string) => ClipboardResult) | undefined {
  if (stream.isTTY !== true) return undefined;
  const term = env.TERM;
  if (term === undefined || term === '' || term === 'dumb') return undefined;
  return (text) => {
    const sequence = osc52Sequence(text);
    if (sequence.length > OSC52_MAX_PAYLOAD) {
      return { ok: false, message: `the report is too long for the clipboard (${Math.round(sequence.length / 1000)} kB); write it to a file instead` };
    }
    stream.write(sequence);
    return { ok: true };
  };
}
