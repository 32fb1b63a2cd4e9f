/**
 * Plan, journal and imported text is untrusted. At the display boundary (never on disk) it must
 * not be able to drive the terminal: no escape sequences, no C0/C1 controls, no bidi overrides.
 */
import { stripVTControlCharacters } from 'node:util';

// C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
// characters that can make text read differently from what it is (Trojan Source).
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export const REPLACEMENT = '\uFFFD';

/** Text safe to print on a terminal; keeps tabs and newlines. Idempotent. */
export function sanitize(text: string): string {
  return stripVTControlCharacters(text).replace(UNSAFE, REPLACEMENT);
}

/** Like sanitize, and folds newlines and tabs to spaces: for table cells and one-line labels. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\t\r\n]+/g, ' ');
}

// JSON.stringify escapes C0 controls but writes DEL, C1 controls and bidi characters as they are:
// valid JSON that still acts on the terminal it is printed to.
const RAW_IN_JSON = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON.stringify for output a terminal may show: the same JSON value, with every character a
 * terminal would act on written as a \u escape (they can only occur inside strings).
 */
export function stringifyJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
