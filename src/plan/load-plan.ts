/**
 * The one way a plan gets loaded: bytes -> text -> YAML data -> schema -> semantic checks, every
 * problem positioned and sorted by line. Never throws; bad input is a list of problems.
 *
 * Stages (each its own module so a faster parser can replace the YAML stage and hand over to it
 * only when there is a problem to position):
 *   read-source.ts  bytes off disk (size cap, no FIFOs, no directories) and UTF-8 decoding
 *   fast-parse.ts   JSON.parse / js-yaml, only where they read exactly what yaml reads
 *   parse-yaml.ts   YAML 1.2 core -> plain data + syntax problems + a lazy position lookup
 *   schema-problems.ts  zod issues -> human problems with positions
 *   validate-plan.ts    ids, references, cycles, scales, calendar (needs the whole plan)
 * A big plan with one problem is not read whole by yaml (about 1 MB/s and 2 GB for 20 MiB):
 *   block-locator.ts, event-locator.ts  positions from js-yaml events of the block a problem is in
 *   syntax-window.ts    yaml reads a window around a syntax error; the rest is proven clean
 */
import { createHash } from 'node:crypto';
import { PlanSchema, type Plan } from '../core/plan-schema.js';
import { problem, type Problem } from '../core/problem.js';
import { decodePlanBytes, readPlanBytes } from './read-source.js';
import { parseYamlText } from './parse-yaml.js';
import { schemaProblems } from './schema-problems.js';
import { validatePlan } from './validate-plan.js';
import type { DataPath, PlanLocator } from './positions.js';
import { fastParse } from './fast-parse.js';
import { LocatorUnsure } from './event-locator.js';
import { blockLocator } from './block-locator.js';
import { windowedSyntaxProblems } from './syntax-window.js';
import { defaultPlanCache, readCachedDerived, readCachedPlan, writeCachedPlan, type DerivedKind } from './plan-cache.js';

/** Below this size yaml reads a broken plan whole in well under a second; no window needed. */
export const WINDOW_FROM_CHARS = 512 * 1024;

export interface LoadedPlan {
  /** The path that was read (absolute when the CLI resolved it). */
  file: string;
  /** The path as the user typed it; every problem's `file`. */
  displayName: string;
  /** The decoded text (no BOM), for code frames; '' when the file could not be read. */
  text: string;
  /**
   * The plan when the schema accepted the document. It may still come with error problems
   * (a dependency cycle, an unknown reference): check `problems` before scheduling it.
   */
  plan: Plan | undefined;
  /** Sorted by line and column; problems without a position first. */
  problems: Problem[];
  /** sha256 (hex) of the raw bytes; '' when nothing could be read. */
  hash: string;
}

export async function loadPlan(file: string, opts: { displayName?: string } = {}): Promise<LoadedPlan> {
  const displayName = opts.displayName ?? file;
  try {
    const read = await readPlanBytes(file, displayName);
    if (!read.ok) return { file, displayName, text: '', plan: undefined, problems: [read.problem], hash: '' };
    const hash = sha256(read.bytes);
    const decoded = decodePlanBytes(read.bytes, displayName);
    if (!decoded.ok) return { file, displayName, text: decoded.text, plan: undefined, problems: decoded.problems, hash };
    // Plan cache (plan-cache.ts): these exact bytes already loaded with no problem at all under this
    // build, so the stored plan is what checkText would return; only problem-free plans are stored.
    const cache = defaultPlanCache();
    const cached = readCachedPlan(hash, cache);
    if (cached) return { file, displayName, hash, text: decoded.text, plan: cached, problems: [] };
    const checked = checkText(decoded.text, displayName);
    if (checked.plan && checked.problems.length === 0) writeCachedPlan(hash, checked.plan, cache);
    return { file, displayName, hash, ...checked };
  } catch (err) {
    return { file, displayName, text: '', plan: undefined, problems: [internalProblem(err, displayName)], hash: '' };
  }
}

/**
 * For a command that needs only a part of a plan: the part cached for these exact bytes
 * (plan-cache.ts readCachedDerived), found without decoding or parsing the plan; undefined on a
 * miss, and then the command loads the plan with loadPlan. Parts are stored only for plans that
 * loaded with no problem at all, so a hit has nothing to report.
 */
export async function readCachedPlanPart<T extends object>(file: string, kind: DerivedKind): Promise<{ hash: string; part: T } | undefined> {
  const cache = defaultPlanCache();
  if (!cache) return undefined;
  try {
    const read = await readPlanBytes(file, file);
    if (!read.ok) return undefined;
    const hash = sha256(read.bytes);
    const part = readCachedDerived<T>(kind, hash, cache);
    return part ? { hash, part } : undefined;
  } catch {
    return undefined;
  }
}

/** Checks plan text that is already in memory (tests, stdin, editors). */
export function parsePlanText(text: string, opts: { displayName?: string } = {}): LoadedPlan {
  const displayName = opts.displayName ?? '<text>';
  const hash = sha256(Buffer.from(text, 'utf8'));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { file: displayName, displayName, hash, ...checkText(body, displayName) };
  } catch (err) {
    return { file: displayName, displayName, text: body, plan: undefined, problems: [internalProblem(err, displayName)], hash };
  }
}

function checkText(text: string, displayName: string): { text: string; plan: Plan | undefined; problems: Problem[] } {
  const finish = (plan: Plan | undefined, problems: Problem[]) => ({
    text,
    plan,
    problems: sortProblems(problems.map((p) => ({ ...p, file: displayName }))),
  });
  if (text.trim() === '') {
    return finish(undefined, [
      problem('empty-file', `${displayName} is empty`, { hint: 'a plan starts with "version: 1"; see plans/codon-migration.yaml' }),
    ]);
  }
  // Fast path (fast-parse.ts): JSON.parse or js-yaml read big plans many times faster than yaml,
  // but without positions. Taken only when fastParse promises yaml's exact value; problems are then
  // positioned from js-yaml's events (event-locator.ts), read only if there is a problem and only
  // for the top-level block or sequence item it is in (block-locator.ts).
  // Where that locator cannot promise yaml's position, the positioned slow path below decides.
  const fast = fastParse(text);
  if (fast.ok) {
    try {
      const checked = checkData(fast.value, blockLocator(text, fast.value), []);
      return finish(checked.plan, checked.problems);
    } catch (err) {
      if (!(err instanceof LocatorUnsure)) throw err;
    }
  }
  // A big plan js-yaml cannot read: yaml reads a window around the error (syntax-window.ts).
  if (!fast.ok && text.length >= WINDOW_FROM_CHARS && fast.reason.startsWith('js-yaml:')) {
    const windowed = windowedSyntaxProblems(text);
    if (windowed) return finish(undefined, windowed);
  }
  const parsed = parseYamlText(text);
  if (parsed.broken) return finish(undefined, parsed.problems);
  const checked = checkData(parsed.value, parsed.locator, [...parsed.problems, ...reservedKeyProblems(parsed.value, parsed.locator)], parsed.problems.length);
  return finish(checked.plan, checked.problems);
}

/**
 * Schema and semantic checks over parsed data. `found` holds what the parse stage reported; those
 * past the first `parseProblems` are reserved keys, which make the data unsafe to hand out.
 */
function checkData(value: unknown, locator: PlanLocator, found: Problem[], parseProblems = found.length): { plan: Plan | undefined; problems: Problem[] } {
  const problems = [...found];
  const unsafe = problems.length > parseProblems;
  const result = PlanSchema.safeParse(value);
  if (!result.success) {
    const schemaFound = schemaProblems(result.error.issues, { schema: PlanSchema, data: value, locator });
    problems.push(...schemaFound);
    if (!unsafe) problems.push(...salvagedChecks(value, schemaFound, locator));
    return { plan: undefined, problems };
  }
  // A `__proto__` key may have become a prototype inside zod's output: never hand that plan out.
  if (unsafe) return { plan: undefined, problems };
  problems.push(...validatePlan(result.data, locator));
  return { plan: result.data, problems };
}

/** Checks whose findings stay true when optional fields are dropped from the plan. */
const SALVAGE_SAFE = new Set(['duplicate-id', 'unknown-reference', 'self-dependency', 'duplicate-reference', 'dependency-cycle']);

/**
 * So that one run shows a typo'd key AND a bad reference: when every schema problem sits on an
 * object field, drop those fields, and if the rest is a valid plan, run the reference checks on it.
 * Only checks that dropping an optional field cannot make wrong are kept (ids are required, so the
 * set of ids is intact; a dropped `phases` would change which phase ids exist).
 */
function salvagedChecks(data: unknown, found: Problem[], locator: PlanLocator): Problem[] {
  const paths = found.map((p) => p.path);
  if (paths.some((p) => p === undefined || p.length === 0 || typeof p[p.length - 1] !== 'string')) return [];
  // Copy only the containers on the way to a dropped field: a 20 MiB plan is not cloned whole.
  const clone = copyContainer(data);
  for (const path of paths as (string | number)[][]) {
    let parent: unknown = clone;
    for (const seg of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      const child = copyContainer((parent as Record<string | number, unknown>)[seg]);
      (parent as Record<string | number, unknown>)[seg] = child;
      parent = child;
    }
    if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
  }
  const retry = PlanSchema.safeParse(clone);
  if (!retry.success) return [];
  const phasesDropped = paths.some((p) => p!.length === 1 && p![0] === 'phases');
  return validatePlan(retry.data, locator).filter(
    (p) => SALVAGE_SAFE.has(p.code) && !(phasesDropped && p.path?.[0] === 'rollback' && p.path[2] === 'phases'),
  );
}

/** A shallow copy of an array or plain object (own keys, in order); anything else as it is. */
function copyContainer(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice();
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

/**
 * `__proto__:` as a key: harmless in yaml's output (an own property) but a trap for anything that
 * spreads or assigns the data, and zod records drop it silently. Reported wherever it appears.
 */
function reservedKeyProblems(value: unknown, locator: PlanLocator): Problem[] {
  const problems: Problem[] = [];
  const stack: { v: unknown; path: DataPath }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === '__proto__') {
        const at = [...path, key];
        const pos = locator.at(at, 'key');
        problems.push(
          problem('reserved-key', 'the key "__proto__" is reserved by JavaScript and cannot be used in a plan', {
            path: at,
            hint: 'rename or remove it',
            ...(pos ? { line: pos.line, column: pos.column } : {}),
          }),
        );
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}

/** Problems without a position first, then by line and column; ties keep their order. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function internalProblem(err: unknown, displayName: string): Problem {
  const message = err instanceof Error ? err.message : String(err);
  return problem('internal-error', `roadmap failed while reading ${displayName}: ${message}`, {
    file: displayName,
    hint: 'this is a bug in roadmap; please report it with the plan file',
  });
}
