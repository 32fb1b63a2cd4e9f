/**
 * Problems as a person reads them in a terminal:
 *
 *   plans/x.yaml:14:18 error unknown-reference: component "api" depends on "cahce", which is not defined (did you mean "cache"?)
 *     13 |     effort: 3
 *   > 14 |     depends_on: [cahce]
 *        |                  ^
 *
 * and as stable JSON for scripts. Every piece of plan text is sanitised: messages quote values from
 * the file, and the frame shows the file's own line.
 */
import type { CliIO } from './command.js';
import { styleFor, type Style } from './style.js';
import type { Problem } from '../core/problem.js';
import { sanitizeLine } from '../core/sanitize.js';

/** Lines longer than this are shown as a window around the column. */
const FRAME_WIDTH = 100;

export function formatProblems(problems: Problem[], opts: { source?: string; io: Pick<CliIO, 'env' | 'stdoutIsTTY'> }): string {
  if (problems.length === 0) return '';
  const style = styleFor(opts.io);
  const lines = opts.source !== undefined ? splitLines(opts.source) : undefined;
  const out: string[] = [];
  for (const p of problems) {
    out.push(headline(p, style));
    if (lines && p.line !== undefined) out.push(...frame(lines, p.line, p.column, p.severity, style));
    if (p.hint && !inlineHint(p.hint)) out.push(`  ${style.accent('hint')}: ${sanitizeLine(p.hint)}`);
  }
  out.push(summary(problems, style));
  return `${out.join('\n')}\n`;
}

/** "2 errors, 1 warning". */
export function summarizeProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

function summary(problems: Problem[], style: Style): string {
  const text = summarizeProblems(problems);
  return problems.some((p) => p.severity === 'error') ? style.bold(text) : text;
}

/** Short suggestions read best on the problem's own line, like a compiler's. */
const inlineHint = (hint: string): boolean => hint.startsWith('did you mean');

function headline(p: Problem, style: Style): string {
  const where = [p.file ?? '<plan>', p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  const severity = p.severity === 'error' ? style.error('error') : style.warning('warning');
  const hint = p.hint && inlineHint(p.hint) ? ` (${p.hint})` : '';
  return `${style.bold(sanitizeLine(where))} ${severity} ${style.dim(sanitizeLine(p.code))}: ${sanitizeLine(p.message + hint)}`;
}

function splitLines(source: string): string[] {
  return source.split(/\r?\n/);
}

/** The line before (for context), the problem's line, and a caret under its column. */
function frame(lines: string[], line: number, column: number | undefined, severity: Problem['severity'], style: Style): string[] {
  const text = lines[line - 1];
  if (text === undefined) return [];
  const gutterWidth = String(line).length;
  // As in @babel/code-frame: "> " marks the problem's line among its context.
  const gutter = (n: number | '', marked = false) => `${marked ? style.bold('>') : ' '}${style.dim(` ${String(n).padStart(gutterWidth)} |`)}`;
  const { shown, caretAt } = windowed(text, column);
  const out: string[] = [];
  const before = lines[line - 2];
  if (before !== undefined && before.trim() !== '') out.push(`${gutter(line - 1)} ${windowed(before, column).shown}`);
  out.push(`${gutter(line, true)} ${shown}`);
  if (caretAt !== undefined) {
    const caret = severity === 'error' ? style.error('^') : style.warning('^');
    out.push(`${gutter('')} ${caretAt}${caret}`);
  }
  return out;
}

/**
 * The sanitised line (cut to a window around the column when long) and the padding that puts a
 * caret under the column. Tabs in the padding keep the caret aligned under tabbed text.
 */
function windowed(text: string, column: number | undefined): { shown: string; caretAt: string | undefined } {
  const line = text.replace(/\r$/, '');
  const chars = Array.from(line);
  // Columns count UTF-16 code units; the frame works in code points.
  const col = column === undefined ? undefined : Math.min(Array.from(line.slice(0, Math.max(0, column - 1))).length, chars.length);
  let start = 0;
  let end = chars.length;
  if (chars.length > FRAME_WIDTH) {
    const centre = col ?? 0;
    start = Math.max(0, Math.min(centre - Math.floor(FRAME_WIDTH / 2), chars.length - FRAME_WIDTH));
    end = start + FRAME_WIDTH;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < chars.length ? '…' : '';
  const visible = chars.slice(start, end).map((ch) => (ch === '\t' ? ch : sanitizeLine(ch)));
  const shown = lead + visible.join('') + tail;
  if (col === undefined) return { shown, caretAt: undefined };
  const pad = (lead ? ' ' : '') + visible.slice(0, col - start).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
  return { shown, caretAt: pad };
}

/** The stable --json shape; absent fields are null so every problem has the same keys. */
export function problemsToJson(problems: Problem[]): {
  errors: number;
  warnings: number;
  problems: {
    severity: Problem['severity'];
    code: string;
    message: string;
    hint: string | null;
    file: string | null;
    line: number | null;
    column: number | null;
    path: (string | number)[] | null;
  }[];
} {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    errors,
    warnings: problems.length - errors,
    problems: problems.map((p) => ({
      severity: p.severity,
      code: p.code,
      message: sanitizeLine(p.message),
      hint: p.hint !== undefined ? sanitizeLine(p.hint) : null,
      file: p.file ?? null,
      line: p.line ?? null,
      column: p.column ?? null,
      path: p.path ?? null,
    })),
  };
}
