/** Everything that can change the TUI's state, as a typed union the reducer switches on. */
import type { Plan } from '../../core/plan-schema.js';
import type { BaselineView, JournalInput, Message, PromptKind, Size, WeightPreview } from './types.js';

export type Action =
  | { type: 'resize'; size: Size }
  | { type: 'view.select'; view: string }
  | { type: 'view.cycle'; delta: 1 | -1 }
  /** line: by `delta` rows; page: by `delta` pages; edge: to the first (-1) or last (+1) row. */
  | { type: 'move'; by: 'line' | 'page' | 'edge'; delta: number }
  | { type: 'help.toggle' }
  | { type: 'help.scroll'; delta: number }
  /** Esc: close the overlay, else clear the filter, else clear the message. */
  | { type: 'escape' }
  | { type: 'overlay.close' }
  /** target and carry are for prompts that follow another (a measurement's evidence after its value). */
  | { type: 'prompt.open'; prompt: PromptKind; target?: string; carry?: string }
  | { type: 'prompt.type'; text: string }
  | { type: 'prompt.backspace' }
  | { type: 'prompt.submit' }
  /** confirmOverwrite: the file named exists; submitting the same name again overwrites it. */
  | { type: 'prompt.error'; error: string; confirmOverwrite?: string }
  | { type: 'sort.next' }
  | { type: 'sort.reverse' }
  | { type: 'detail.toggle' }
  | { type: 'week.shift'; delta: number }
  | { type: 'week.today' }
  | { type: 'timeline.scroll'; delta: number }
  | { type: 'roadmap.openWeek' }
  | { type: 'weights.open' }
  | { type: 'weights.cursor'; delta: number }
  | { type: 'weights.change'; delta: number }
  | { type: 'weights.reset' }
  /** The what-if for the weights overlay, worked out after the overlay is drawn (it can be slow). */
  | { type: 'preview.ready'; preview: WeightPreview }
  /** The comparison with the baseline, worked out after the frame (it re-plans from today). */
  | { type: 'baseline.ready'; baseline: BaselineView }
  | { type: 'pin.clear' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'quit.request' }
  | { type: 'quit.confirm' }
  | { type: 'conflict'; message: string }
  /** A (re)loaded plan file; keepEdits re-applies the pending edits to it. */
  | { type: 'plan.loaded'; plan: Plan; hash: string; keepEdits: boolean; message?: Message }
  /** The journal was read (at start, or after an append). */
  | { type: 'journal.loaded'; journal: JournalInput }
  | { type: 'message'; message: Message | null }
  /** Standup: by person or by task in progress (before the round). */
  | { type: 'standup.mode' }
  /** Standup: start the round; `now` (ISO) fixes the window the report covers. */
  | { type: 'standup.begin'; now: string }
  /** Standup: the next or previous person or task; past the last one the report is made. */
  | { type: 'standup.step'; delta: 1 | -1; now: string }
  /** Standup: end the round now and make the report. */
  | { type: 'standup.finish'; now: string }
  | { type: 'standup.scroll'; by: 'line' | 'page' | 'edge'; delta: number }
  /** Standup: back to the start, for another round. */
  | { type: 'standup.reset' }
  /** Standup: the report was recorded in the journal at this instant. */
  | { type: 'standup.recorded'; at: string };
