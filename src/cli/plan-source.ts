/**
 * Turns a command's optional plan argument into a loaded, valid Plan, or prints the problems and
 * says which exit code the command should return.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXIT, UsageError, type CliIO } from './command.js';
import { hasErrors } from '../core/problem.js';
import { loadPlan, type LoadedPlan } from '../plan/load-plan.js';
import { formatProblems } from './format-problems.js';
import type { Plan } from '../core/plan-schema.js';

export const PLAN_FILE_PATTERN = /\.(ya?ml)$/i;

/** `./roadmap.yaml`, or the only plan directly inside `./plans/`. */
export function resolvePlanPath(arg: string | undefined, cwd: string): string {
  if (arg !== undefined) return path.resolve(cwd, arg);
  for (const name of ['roadmap.yaml', 'roadmap.yml']) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  const dir = path.join(cwd, 'plans');
  let candidates: string[] = [];
  try {
    candidates = readdirSync(dir)
      .filter((f) => PLAN_FILE_PATTERN.test(f) && statSync(path.join(dir, f)).isFile())
      .sort();
  } catch {
    // No plans/ directory: fall through to the usage error below.
  }
  if (candidates.length === 1) return path.join(dir, candidates[0]!);
  if (candidates.length > 1) {
    throw new UsageError(
      `which plan? plans/ holds ${candidates.length}: ${candidates.map((c) => `plans/${c}`).join(', ')}. Name one, e.g. \`roadmap validate plans/${candidates[0]}\`.`,
    );
  }
  throw new UsageError('no plan given, and there is no ./roadmap.yaml or single plan in ./plans/. Name the plan file.');
}

/** Splits positionals into an optional leading plan path and the rest. */
export function splitPlanArg(args: string[], cwd: string): { planArg: string | undefined; rest: string[] } {
  const [first, ...rest] = args;
  if (first !== undefined && (PLAN_FILE_PATTERN.test(first) || existsSync(path.resolve(cwd, first)))) {
    return { planArg: first, rest };
  }
  return { planArg: undefined, rest: args };
}

/** The path as the user should see it in messages: relative to where they ran the command. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export type PlanLoad =
  | { ok: true; plan: Plan; loaded: LoadedPlan; file: string }
  | { ok: false; exitCode: number; loaded: LoadedPlan };

/**
 * Loads the plan and prints its problems to stderr (text) unless `quiet`. Warnings are printed but
 * do not fail the command. I/O problems map to exit 3, anything else invalid to exit 1.
 */
export async function loadPlanForCommand(
  io: CliIO,
  planArg: string | undefined,
  opts: { quiet?: boolean } = {},
): Promise<PlanLoad> {
  const file = resolvePlanPath(planArg, io.cwd);
  const loaded = await loadPlan(file, { displayName: displayPath(file, io.cwd) });
  if (!opts.quiet && loaded.problems.length > 0) {
    io.stderr(formatProblems(loaded.problems, { source: loaded.text, io }));
  }
  if (loaded.plan && !hasErrors(loaded.problems)) return { ok: true, plan: loaded.plan, loaded, file };
  const ioFailure = loaded.problems.some((p) => p.code.startsWith('io-'));
  return { ok: false, exitCode: ioFailure ? EXIT.io : EXIT.invalid, loaded };
}
