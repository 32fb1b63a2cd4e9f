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
