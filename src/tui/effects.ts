/**
 * The TUI's I/O, injected: the `tui` command wires the real files (src/tui/file-effects.ts), tests
 * pass fakes or temp files. A missing capability removes its keys (no dead keys).
 */
import type { NewJournalEvent } from '../core/journal.js';
import type { Plan } from '../core/plan-schema.js';
import type { PlanEdits, JournalInput } from './state/types.js';

export type SaveOutcome =
  | { kind: 'saved'; plan: Plan; hash: string; written: boolean }
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string };

export type ReloadOutcome = { kind: 'loaded'; plan: Plan; hash: string } | { kind: 'failed'; message: string };

export interface JournalEffects {
  /** Who the events are recorded as. */
  author: string;
  append(event: NewJournalEvent): Promise<void>;
  read(): Promise<JournalInput>;
}

/** Measurements, checked exactly as `roadmap metric` checks them. */
export interface MeasureEffects {
  /** A value as typed: the number, or why it is not one. */
  parseValue(text: string): { ok: true; value: number } | { ok: false; message: string };
  /**
   * Appends a measure event (as the journal's author, at `at`). `evidence` is a path to an existing
   * file (its sha256 is recorded) or an http(s) URL; empty for none. Refused evidence writes nothing.
   */
  record(input: { metric: string; value: number; evidence: string; at: string }): Promise<{ ok: true } | { ok: false; message: string }>;
}

export type WriteOutcome = { kind: 'written'; path: string } | { kind: 'exists'; path: string } | { kind: 'failed'; message: string };

export interface TuiEffects {
  /** Writes the edits if the file still has `expectedHash`; never overwrites a changed file. */
  save?: (edits: PlanEdits, expectedHash: string) => Promise<SaveOutcome>;
  /** Reads the plan file again. */
  reload?: () => Promise<ReloadOutcome>;
  journal?: JournalEffects;
  measure?: MeasureEffects;
  /**
   * Writes a text file the user named (the standup report), atomically, after checking the path
   * as `--out` paths are checked; an existing file is only replaced with `overwrite`.
   */
  writeFile?: (userPath: string, text: string, opts: { overwrite: boolean }) => Promise<WriteOutcome>;
  /** Puts text on the terminal's clipboard (OSC 52); absent when stdout is not a terminal that takes it. */
  clipboard?: (text: string) => { ok: true } | { ok: false; message: string };
  /** The clock, for journal event times and rollback countdowns. */
  now: () => Date;
}
