/**
 * The TUI's effects on real files: saving edits into the plan (byte-exact, refusing when the file
 * changed on disk), reloading it, and appending to the author's journal.
 */
import { hasErrors } from '../core/problem.js';
import { appendEvents, readJournal } from '../plan/journal-io.js';
import { loadPlan, parsePlanText } from '../plan/load-plan.js';
import { savePlanEdits } from '../plan/save-plan.js';
import type { TuiEffects } from './effects.js';
import { toPlanEdits } from './state/edits.js';

export interface FileEffectsOptions {
  /** The plan file (absolute). */
  file: string;
  /** How messages name it. */
  displayName: string;
  /** How journal problems name files. */
  display: (file: string) => string;
  /** Who journal events are recorded as; without one, status keys are left out. */
  author?: string;
  now: () => Date;
}

export function fileEffects(opts: FileEffectsOptions): TuiEffects {
  const { file, displayName } = opts;
  const firstProblem = (problems: readonly { message: string }[]) => problems[0]?.message ?? 'unknown problem';
  return {
    now: opts.now,
    async save(edits, expectedHash) {
      const result = await savePlanEdits(file, { expectedHash, edits: toPlanEdits(edits) }, { displayName });
      if (result.ok) {
        const reread = parsePlanText(result.text, { displayName });
        if (!reread.plan) return { kind: 'failed', message: `saved, but the plan no longer loads: ${firstProblem(reread.problems)}` };
        return { kind: 'saved', plan: reread.plan, hash: result.hash, written: result.written };
      }
      if (result.conflict) {
        return {
          kind: 'conflict',
          message: `${displayName} changed on disk since roadmap loaded it (another editor, git, or another roadmap).`,
        };
      }
      return { kind: 'failed', message: firstProblem(result.problems) };
    },
    async reload() {
      const loaded = await loadPlan(file, { displayName });
      if (loaded.plan && !hasErrors(loaded.problems)) return { kind: 'loaded', plan: loaded.plan, hash: loaded.hash };
      return { kind: 'failed', message: `${displayName}: ${firstProblem(loaded.problems)}` };
    },
    ...(opts.author
      ? {
          journal: {
            author: opts.author,
            async append(event) {
              await appendEvents(file, opts.author!, [event]);
            },
            async read() {
              const read = await readJournal(file, { display: opts.display });
              return { events: read.events, problems: read.problems };
            },
          },
        }
      : {}),
  };
}
