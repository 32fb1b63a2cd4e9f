/**
 * Dates and times on the command line: `--at`, `--now`, `--today`, and clock times as people
 * read them (local time). The only place the CLI turns instants into local dates.
 */
import type { IsoDate } from '../core/schedule-types.js';
import { sanitizeLine } from '../core/sanitize.js';
import { UsageError, type CliIO } from './command.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of an instant. */
export function localDate(d: Date): IsoDate {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** English month abbreviations: toLocaleString would load ICU's date formats (15-40 ms) for them. */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "10:15" when on `reference`'s local day, else "Nov 24 10:15". */
export function clockTime(iso: string, reference: Date): string {
  const d = new Date(iso);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (localDate(d) === localDate(reference)) return time;
  return `${MONTH_ABBREVIATIONS[d.getMonth()]} ${pad2(d.getDate())} ${time}`;
}

/**
 * `--at` / `--now`: an ISO date-time with or without offset (without: local time), or a date
 * alone (local noon, so the event stays on that day in any time zone). Returns a UTC instant.
 */
export function parseInstant(value: string, option: string): string {
  const text = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const local = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  if (!dateOnly && !local && !withOffset) {
    throw new UsageError(`${option} "${sanitizeLine(value)}" is not an ISO date or date-time, e.g. 2026-11-04 or 2026-11-04T10:30 or 2026-11-04T10:30:00Z`);
  }
  const d = dateOnly ? new Date(`${text}T12:00:00`) : new Date(local ? text.replace(' ', 'T') : text);
  const [y, m, day] = text.slice(0, 10).split('-').map(Number);
  // new Date() rolls 2026-02-30 over into March; a real date must survive the round trip.
  const roundTrip = dateOnly || local ? localDate(d) : text.slice(0, 10);
  if (Number.isNaN(d.getTime()) || roundTrip !== `${y}-${pad2(m!)}-${pad2(day!)}` || (!dateOnly && !local && !validUtcDay(text))) {
    throw new UsageError(`${option} "${sanitizeLine(value)}" is not a real date`);
  }
  return d.toISOString();
}

function validUtcDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d;
}

/** `--today`: a real YYYY-MM-DD. */
export function parseDay(value: string, option: string): IsoDate {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !validUtcDay(text)) {
    throw new UsageError(`${option} "${sanitizeLine(value)}" is not a real date written as YYYY-MM-DD`);
  }
  return text;
}

/** The instant an event is recorded at: --at, or the clock. */
export function eventTime(io: CliIO, at: string | undefined): string {
  return at === undefined ? io.now().toISOString() : parseInstant(at, '--at');
}

