/**
 * zod issues -> positioned, human problems. zod's own messages ("Invalid input: expected number,
 * received string") name neither the value nor a fix; these say what was found, what is allowed,
 * and offer "did you mean" for typos. Messages the schema wrote itself are kept as written.
 */
import { z } from 'zod';
import { ID_PATTERN, RESERVED_IDS } from '../core/plan-schema.js';
import type { Problem } from '../core/problem.js';
import { nearestId } from '../core/nearest-id.js';
import type { DataPath, PlanLocator } from './positions.js';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/** The parts of zod's schema definitions we walk to find the keys an object allows. */
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      innerType?: SchemaNode;
      element?: SchemaNode;
      options?: readonly SchemaNode[];
      valueType?: SchemaNode;
      shape?: Record<string, SchemaNode>;
      in?: SchemaNode;
    };
  };
}

export function schemaProblems(
  issues: readonly Issue[],
  ctx: { schema: unknown; data: unknown; locator: PlanLocator },
): Problem[] {
  const out: Draft[] = [];
  for (const issue of issues) convert(issue, [], ctx.schema as SchemaNode, ctx.data, out);
  // `txt:` for `text:` gives both "unknown key txt (did you mean text?)" and "missing text": the
  // first says it all.
  const suggested = new Set(out.filter((d) => d.suggests).map((d) => d.suggests!));
  return out
    .filter((d) => !(d.problem.code === 'missing-field' && suggested.has(pathKey(d.problem.path!))))
    .map(({ problem, target }) => {
      const pos = ctx.locator.at(problem.path!, target);
      return pos ? { ...problem, line: pos.line, column: pos.column } : problem;
    });
}

interface Draft {
  problem: Problem;
  target: 'value' | 'key';
  /** For an unknown key with a suggestion: the path of the key it probably meant. */
  suggests?: string;
}

const pathKey = (path: DataPath): string => JSON.stringify(path);

function convert(issue: Issue, base: Path, schema: SchemaNode, data: unknown, out: Draft[]): void {
  const path: Path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const input = valueAt(data, path);
  const custom = isCustomMessage(issue, input);
  const add = (code: string, message: string, extra: { hint?: string; target?: 'value' | 'key'; suggests?: string; at?: Path } = {}) => {
    out.push({
      problem: {
        severity: 'error',
        code,
        message,
        ...(extra.hint ? { hint: extra.hint } : {}),
        path: extra.at ?? path,
      },
      target: extra.target ?? 'value',
      ...(extra.suggests ? { suggests: extra.suggests } : {}),
    });
  };

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeysAt(schema, path, data) ?? [];
      for (const key of issue.keys) {
        // Reported once as reserved-key, wherever it appears (zod records drop it silently).
        if (key === '__proto__') continue;
        const keyPath = [...path, key];
        if (key === '<<') {
          add('unknown-key', `merge keys ("<<") are not supported in ${ownerLabel(path, data)}`, {
            at: keyPath,
            target: 'key',
            hint: 'write the values out; merges hide what a component really says',
          });
          continue;
        }
        const near = nearestId(key, allowed);
        add('unknown-key', `unknown key "${key}" in ${ownerLabel(path, data)}`, {
          at: keyPath,
          target: 'key',
          hint: near ? `did you mean "${near}"?` : allowed.length > 0 ? `allowed keys: ${allowed.join(', ')}` : undefined,
          ...(near ? { suggests: pathKey([...path, near]) } : {}),
        });
      }
      return;
    }
    case 'invalid_union': {
      const branches = issue.errors;
      const viable = branches.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (viable.length > 0) {
        const best = viable.reduce((a, b) => (b.length < a.length ? b : a));
        for (const inner of best) convert(inner, path, schema, data, out);
        return;
      }
      const expected = unique(
        branches.flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => typeName((i as { expected: string }).expected))),
      );
      add('wrong-type', `${fieldLabel(path)}: expected ${joinOr(expected)}, got ${describeValue(input)}`, { hint: FIELD_HINTS[lastKey(path)] });
      return;
    }
    case 'invalid_type': {
      if (input === undefined && !hasKey(data, path)) {
        const field = String(path[path.length - 1]);
        add('missing-field', `${ownerLabel(path.slice(0, -1), data)} is missing "${field}"`, {
          hint: FIELD_HINTS[field] ?? `add "${field}: ..."`,
        });
        return;
      }
      if (typeof input === 'number' && !Number.isFinite(input)) {
        add(
          'number-too-large',
          Number.isNaN(input) ? `${fieldLabel(path)}: ".nan" is not a number` : `${fieldLabel(path)}: number too large (it reads as ${input > 0 ? '' : '-'}infinity)`,
          { hint: 'write an ordinary number' },
        );
        return;
      }
      if (path.length === 0) {
        add('wrong-type', `a plan is a mapping of keys such as version, project and components; this file holds ${describeValue(input)}`, {
          hint: 'start the file with "version: 1"; see plans/codon-migration.yaml',
        });
        return;
      }
      const message = custom ? issue.message : `${fieldLabel(path)}: expected ${typeName(issue.expected)}, got ${describeValue(input)}`;
      add('wrong-type', message, { hint: typeHint(issue.expected, input) ?? FIELD_HINTS[lastKey(path)] });
      return;
    }
    case 'invalid_value': {
      if (path.length === 1 && path[0] === 'version') {
        add('unsupported-version', `${issue.message} (got ${preview(input)})`);
        return;
      }
      if (custom) {
        add('invalid-value', withGot(issue.message, input));
        return;
      }
      const allowed = issue.values.map((v) => String(v));
      const swapped = typeof input === 'string' ? SWAPPED_COMPARATORS[input.trim()] : undefined;
      const near = swapped ?? (typeof input === 'string' ? nearestId(input, allowed) : undefined);
      add('invalid-value', `${fieldLabel(path)}: expected one of ${allowed.join(', ')}, got ${preview(input)}`, {
        hint: near ? `did you mean "${near}"?` : undefined,
      });
      return;
    }
    case 'too_small':
    case 'too_big': {
      if (custom) {
        add('out-of-range', withGot(issue.message, input));
        return;
      }
      add('out-of-range', `${fieldLabel(path)}: ${rangeText(issue, input)}`);
      return;
    }
    case 'invalid_format': {
      if (issue.format === 'date') {
        add('invalid-date', withGot(issue.message, input), { hint: dateHint(input) });
        return;
      }
      if (issue.format === 'regex' && issue.pattern === String(ID_PATTERN)) {
        add('invalid-id', withGot(issue.message, input), { hint: idHint(input) });
        return;
      }
      add('invalid-format', custom ? withGot(issue.message, input) : `${fieldLabel(path)}: not a valid ${issue.format} (got ${preview(input)})`, {
        hint: comparatorHint(input) ?? FIELD_HINTS[lastKey(path)],
      });
      return;
    }
    case 'custom': {
      if (typeof input === 'string' && RESERVED_IDS.has(input)) {
        add('reserved-id', withGot(issue.message, input));
        return;
      }
      add('invalid-value', withGot(issue.message, input));
      return;
    }
    default:
      add('invalid-value', `${fieldLabel(path)}: ${issue.message}`);
  }
}

/** True when the schema wrote this message (zod's default for the issue would differ). */
function isCustomMessage(issue: Issue, input: unknown): boolean {
  const localeError = z.config().localeError;
  if (!localeError) return false;
  // zod words its default from the input, which final issues no longer carry.
  const fallback = localeError({ ...issue, input } as Parameters<typeof localeError>[0]);
  const text = typeof fallback === 'string' ? fallback : fallback?.message;
  return text !== undefined && text !== issue.message;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function hasKey(data: unknown, path: DataPath): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.hasOwn(parent, path[path.length - 1]!);
}

/** The keys a strict object at `path` allows, found by walking the schema alongside the data. */
export function objectKeysAt(root: SchemaNode, path: DataPath, data: unknown): string[] | undefined {
  let schema: SchemaNode | undefined = root;
  let value: unknown = data;
  for (const seg of path) {
    schema = pickOption(unwrap(schema), value);
    const def: SchemaNode['_zod']['def'] = schema._zod.def;
    if (def.type === 'object' && def.shape && typeof seg === 'string') schema = def.shape[seg];
    else if (def.type === 'array' && typeof seg === 'number') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    if (!schema) return undefined;
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
  }
  const def = pickOption(unwrap(schema), value)._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function unwrap(schema: SchemaNode): SchemaNode {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def;
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return s;
    s = inner;
  }
  return s;
}

/** For a union: the option of the same kind as the value (the object option for a mapping). */
function pickOption(schema: SchemaNode, value: unknown): SchemaNode {
  const def = schema._zod.def;
  if (def.type !== 'union' || !def.options) return schema;
  const kind = Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : typeof value;
  const match = def.options.map(unwrap).find((o) => o._zod.def.type === kind || (kind === 'object' && o._zod.def.type === 'record'));
  return match ?? schema;
}

const SINGULAR: Record<string, string> = {
  components: 'component',
  tasks: 'task',
  metrics: 'metric',
  rollback: 'rollback rule',
  criteria: 'criterion',
  phases: 'phase',
  roles: 'role',
  members: 'member',
  holidays: 'holiday',
  freezes: 'freeze',
  triggers: 'trigger',
  success: 'success criterion',
};

/** "component \"cache\"", "task 2 of component \"cache\"", "\"scoring\"", "the plan". */
export function ownerLabel(path: DataPath, data: unknown): string {
  if (path.length === 0) return 'the plan';
  const last = path[path.length - 1]!;
  if (typeof last === 'number') {
    const collection = String(path[path.length - 2] ?? '');
    const kind = SINGULAR[collection] ?? `${collection} entry`;
    const item = valueAt(data, path);
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    const name = typeof id === 'string' && id.length <= 64 ? `${kind} "${id}"` : `${kind} ${last + 1}`;
    return path.length > 2 && typeof path[path.length - 3] === 'number' ? `${name} of ${ownerLabel(path.slice(0, -2), data)}` : name;
  }
  return `"${last}"`;
}

/** `effort`, `depends_on[0]`: the field as the author wrote it. */
export function fieldLabel(path: DataPath): string {
  let label = '';
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === 'number') {
    label = `[${path[i]}]${label}`;
    i--;
  }
  return `${i >= 0 ? String(path[i]) : 'value'}${label}`;
}

const lastKey = (path: DataPath): string => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
};

function typeName(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'null':
      return 'nothing';
    default:
      return expected;
  }
}

/** What the author wrote, as they would recognise it: `a string ("12")`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `a string (${preview(value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `${value} (a boolean)`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** A short, quoted rendering of a scalar for messages. */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(short);
  }
  if (value === null) return 'an empty value';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function withGot(message: string, input: unknown): string {
  return input === undefined || (input !== null && typeof input === 'object') ? message : `${message} (got ${preview(input)})`;
}

function rangeText(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, input: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    return small ? (bound <= 1 ? 'must not be empty' : `must be at least ${bound} characters`) : `is too long (at most ${bound} characters)`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    return small ? `needs at least ${bound} ${bound === 1 ? 'entry' : 'entries'}` : `allows at most ${bound} entries`;
  }
  const relation = small ? (issue.inclusive === false ? 'greater than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
  return `must be ${relation} ${bound} (got ${preview(input)})`;
}

function typeHint(expected: string, input: unknown): string | undefined {
  if ((expected === 'number' || expected === 'int') && typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) {
    return 'remove the quotes around the number';
  }
  if (expected === 'int' && typeof input === 'number') return `use a whole number, e.g. ${Math.round(input)}`;
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `quote it if you mean the text: "${String(input)}"`;
  }
  if (expected === 'string' && input === null) return 'fill in a value or remove the key';
  if (expected === 'array' && typeof input === 'string') return `write a list: [${input.length > 20 ? 'a, b' : input}] or one "- item" per line`;
  if ((expected === 'object' || expected === 'record') && input === null) return 'fill in the mapping or remove the key';
  return undefined;
}

const FIELD_HINTS: Record<string, string> = {
  target: 'write a quoted comparison such as target: ">= 100", or { op: ">=", value: 100 }',
  breach: 'write a quoted comparison such as breach: "< 85", or { op: "<", value: 85 }',
  condition: 'write a quoted comparison such as condition: "> 1", or { op: ">", value: 1 }',
  assess: 'write a duration such as "15m", "1h" or "2d"',
  decide: 'write a duration such as "15m", "1h" or "2d"',
  execute: 'write a duration such as "15m", "1h" or "2d"',
  version: 'set "version: 1"',
  title: 'add "title: ..." (a short human name)',
  id: 'add "id: ..." (letters, digits, ".", "_" and "-")',
  effort: 'effort is in person-days, e.g. "effort: 3"',
  start: 'the first day of week 1, written as YYYY-MM-DD',
  scoring: 'add a "scoring:" block with at least one criterion',
  components: 'add a "components:" list',
};

/** `=>` and `=<` are the usual slips for `>=` and `<=`. */
const SWAPPED_COMPARATORS: Record<string, string> = { '=>': '>=', '=<': '<=', '=': '==' };

function comparatorHint(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const m = /^\s*(=>|=<|=(?![=<>]))\s*(.*)$/.exec(input);
  return m ? `did you mean "${SWAPPED_COMPARATORS[m[1]!]} ${m[2]!.trim()}"?` : undefined;
}

function dateHint(input: unknown): string | undefined {
  if (typeof input !== 'string') return 'write the date as YYYY-MM-DD, e.g. 2026-03-02';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!m) return 'write the date as YYYY-MM-DD, e.g. 2026-03-02';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthName = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  if (day < 1 || day > days) return `${monthName} ${year} has ${days} days`;
  return undefined;
}

function idHint(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const suggestion = input.trim().replace(/\s+/g, '-').replace(/[^A-Za-z0-9._-]/g, '').replace(/^[._-]+/, '').slice(0, 64);
  return suggestion && ID_PATTERN.test(suggestion) ? `e.g. "${suggestion}"` : undefined;
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];
