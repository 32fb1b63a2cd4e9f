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

export interface TuiEffects {
  /** Writes the edits if the file still has `expectedHash`; never overwrites a changed file. */
  save?: (edits: PlanEdits, expectedHash: string) => Promise<SaveOutcome>;
  /** Reads the plan file again. */
  reload?: () => Promise<ReloadOutcome>;
  journal?: JournalEffects;
  /** The clock, for journal event times. */
  now: () => Date;
}
