/**
 * Escaping for each export format. Plan and journal text is untrusted: a title may hold `<script>`,
 * a pipe that ends a table cell, a formula a spreadsheet would run, or a colon that ends a Mermaid
 * label. Every exporter sends each piece of plan text through exactly one of these, at the point
 * where it is placed into its format, so escaping happens once and never twice.
 *
 * All of them first apply `sanitize` (terminal controls, C0/C1 and bidi overrides become U+FFFD):
 * an export printed to stdout reaches a terminal, and a bidi override reorders text in a review as
 * much as in a terminal. Right-to-left letters themselves pass through untouched.
 */
import { sanitize } from '../sanitize.js';

/** Sanitised, with CRLF and lone CR turned into LF. */
export function clean(text: string): string {
  return sanitize(text.replace(/\r\n?/g, '\n'));
}

/** One line: newlines and tabs become single spaces, ends trimmed. */
export function cleanLine(text: string): string {
  return clean(text).replace(/[\t\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Markdown (CommonMark / GitHub Flavored Markdown)

// Every character that can open or close inline markup, a link, a table cell or code, and a `<`
// that could open raw HTML or an autolink (`< 20` cannot, and stays readable).
const MD_INLINE = /[\\`*_[\]|~!#]|<(?=[A-Za-z/!?])/g;

/**
 * Plan text as inline Markdown that renders as exactly that text: no emphasis, links, code, raw
 * HTML, table breaks or heading marks (`#` anywhere: a trailing one would be eaten by a heading).
 * Line breaks become spaces (a heading or list item is one line). A leading `>` or `=`, or a
 * leading `-`, `+` or `1.` followed by a space, would start a block of its own and is escaped too. An `&` that
 * would form a character reference is escaped so `&lt;` stays those four characters.
 */
export function escapeMarkdown(text: string): string {
  return cleanLine(text)
    .replace(MD_INLINE, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(>|=|[+-](?=\s|$)|-(?=-*$))/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A file path or id shown as inline code: backticks inside are handled by a longer fence. */
export function markdownCode(text: string): string {
  const line = cleanLine(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  // Inside a table a pipe still ends the cell, even in code; GFM lets `\|` stand for it there.
  return `${fence}${pad}${line.replace(/\|/g, '\\|')}${pad}${fence}`;
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute value. Newlines are kept (CSS decides). */
export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

/**
 * One CSV field. Quoted when it holds a comma, quote, CR, LF or `#` (some readers treat `#` as a
 * comment start); quotes are doubled. A field that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, the OWASP guard: the value then reads as
 * text. Plain numbers are left alone so `-3` stays a number.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = clean(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(fields: readonly (string | number | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

/** A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function icsText(text: string): string {
  return clean(text)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 3.1): continuation lines
 * start with one space, which counts towards their 75. Splits only between code points, so a
 * multi-byte UTF-8 character (or a surrogate pair) is never cut in half. Lines end in CRLF.
 */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return `${out.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Mermaid (gantt)

// Words that open a statement of their own at the start of a gantt line; a label starting with
// one would be read as that statement (or a parse error) instead of a task name.
const MERMAID_KEYWORDS =
  /^(?:gantt|title|section|click|call|href|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|accdescription)\b/i;

/**
 * A task, section or title label for a Mermaid gantt chart. Mermaid ends a task name at `:`,
 * ends task data at `#` and `;`, and decodes `#NN;` entity codes when rendering, so those
 * characters (and `&`, `<`, `>`, which its sanitiser would otherwise show as `&amp;`) are written
 * as entity codes: the rendered chart shows the original text. A label that starts like a gantt
 * keyword, a date, `%` (a comment) or is empty gets its first character encoded the same way.
 */
export function mermaidLabel(text: string): string {
  const line = cleanLine(text);
  if (line === '') return '#8203;';
  const encoded = line.replace(/[#:;&<>]/g, (c) => `#${c.codePointAt(0)};`);
  if (MERMAID_KEYWORDS.test(line) || /^[\d%]/.test(line)) {
    const first = String.fromCodePoint(line.codePointAt(0)!);
    return `#${first.codePointAt(0)};${encoded.slice(first.length)}`;
  }
  return encoded;
}
