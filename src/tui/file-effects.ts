/**
 * The TUI's effects on real files: saving edits into the plan (byte-exact, refusing when the file
 * changed on disk), reloading it, appending to the author's journal (statuses, notes,
 * measurements with evidence checked as `roadmap metric` checks it), and writing the standup
 * report where the user asks (atomically, the path checked as `--out` paths are).
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors } from '../core/problem.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { CliIO } from '../cli/command.js';
import { parseValue, resolveEvidence } from '../cli/commands/metric.js';
import { writeFileAtomic } from '../plan/atomic-write.js';
import { appendEvents, readJournal } from '../plan/journal-io.js';
import { loadPlan, parsePlanText } from '../plan/load-plan.js';
import { resolveOutputPath } from '../plan/paths.js';
import { savePlanEdits } from '../plan/save-plan.js';
import type { MeasureEffects, TuiEffects } from './effects.js';
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
  /** Where relative evidence and report paths start (the directory roadmap was run in); default: the plan's. */
  cwd?: string;
  now: () => Date;
}

const messageOf = (err: unknown): string => sanitizeLine(err instanceof Error ? err.message : String(err));

export function fileEffects(opts: FileEffectsOptions): TuiEffects {
  const { file, displayName } = opts;
  const firstProblem = (problems: readonly { message: string }[]) => problems[0]?.message ?? 'unknown problem';
  const cwd = opts.cwd ?? path.dirname(file);
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
          measure: measureEffects(file, cwd, opts.author),
        }
      : {}),
    async writeFile(userPath, text, { overwrite }) {
      const checked = await resolveOutputPath(cwd, userPath);
      if (!checked.ok) {
        const p = checked.problem;
        return { kind: 'failed', message: sanitizeLine(`${p.message}${p.hint ? ` (${p.hint})` : ''}`) };
      }
      const shown = sanitizeLine(opts.display(checked.path));
      const exists = await lstat(checked.path).then(
        () => true,
        () => false,
      );
      if (exists && !overwrite) return { kind: 'exists', path: shown };
      try {
        await writeFileAtomic(checked.path, text);
        return { kind: 'written', path: shown };
      } catch (err) {
        return { kind: 'failed', message: `cannot write ${shown}: ${messageOf(err)}` };
      }
    },
  };
}

function measureEffects(file: string, cwd: string, author: string): MeasureEffects {
  // resolveEvidence reads only the directory relative paths start from.
  const io = { cwd } as CliIO;
  return {
    parseValue(text) {
      try {
        return { ok: true, value: parseValue(text) };
      } catch (err) {
        return { ok: false, message: messageOf(err) };
      }
    },
    async record({ metric, value, evidence, at }) {
      let resolved;
      try {
        resolved = evidence.trim() === '' ? undefined : await resolveEvidence(io, evidence.trim(), file);
      } catch (err) {
        return { ok: false, message: messageOf(err) };
      }
      try {
        await appendEvents(file, author, [{ type: 'measure', metric, value, at, by: author, ...(resolved ? { evidence: resolved } : {}) }]);
      } catch (err) {
        return { ok: false, message: `journal not written: ${messageOf(err)}` };
      }
      return { ok: true };
    },
  };
}
