/**
 * Semantic colours for CLI output. Colour only on a TTY without NO_COLOR (https://no-color.org),
 * or when FORCE_COLOR asks for it; every other consumer gets plain text.
 */
import type { CliIO } from './command.js';

export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  error(text: string): string;
  warning(text: string): string;
  ok(text: string): string;
  accent(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;
const plain = (text: string) => text;

export function colourEnabled(io: Pick<CliIO, 'env' | 'stdoutIsTTY'>): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

export function styleFor(io: Pick<CliIO, 'env' | 'stdoutIsTTY'>): Style {
  const enabled = colourEnabled(io);
  if (!enabled) {
    return { enabled, bold: plain, dim: plain, error: plain, warning: plain, ok: plain, accent: plain };
  }
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    error: wrap(31, 39),
    warning: wrap(33, 39),
    ok: wrap(32, 39),
    accent: wrap(36, 39),
  };
}
