/**
 * Byte-exact edits to a plan's YAML text: text in, text out, nothing else touched.
 *
 * People review plans in pull requests, so a save from the TUI must not reflow the file: every
 * comment, blank line, quote style, flow/block choice, CRLF line ending and UTF-8 BOM outside the
 * edited value stays byte-identical. The Document API re-formats, so we work on the source: find
 * the value's CST token (Composer with keepSourceTokens -> node.srcToken), render the new value
 * with CST.setScalarValue, and splice only that token's text. Structural edits (insert or delete a
 * key) splice a line of a block mapping, or an entry of a flow mapping.
 *
 * The CST knows nothing about the schema (`true`, `null`, `1.10`, `no`, `''` written plain read
 * back as other values), so every edit is re-parsed and the result accepted only if the data is
 * exactly the data before with that one change. Otherwise we try the next rendering (a double-quoted
 * string always works) and, failing that, report a problem. Nothing here throws.
 *
 * Parsing is the cost (yaml reads about 1 MB/s), so independent edits are planned against one
 * parse, spliced together and verified once; the check re-reads with the fast parser when it can
 * vouch for yaml's reading. Only if that check fails are the edits redone one by one, each verified,
 * trying every rendering and naming the edit that cannot be written.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  CST,
  Composer,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { IsoDate } from '../core/plan-schema.js';
import { problem, type Problem } from '../core/problem.js';
import { fastParse } from './fast-parse.js';
import { selfReferentialAlias } from './parse-yaml.js';

export type EditPath = readonly (string | number)[];
export type EditScalar = string | number | boolean | null;
/** A scalar, or a flat mapping of scalars (written as a flow mapping `{ a: 1, b: x }`). */
export type EditValue = EditScalar | Readonly<Record<string, EditScalar>>;

/**
 * One change to a plan. Paths follow the data: `['scoring', 'criteria', 2, 'weight']`.
 * - set (the default op): the value at `path` exists and is a scalar; replace it.
 * - insert: the mapping at `path` exists and has no `key`; add `key: value` after its last pair.
 * - delete: remove `key` and its value from the mapping at `path`.
 * The other ops address things by id and pick set, insert or delete themselves.
 */
export type PlanEdit =
  | { op?: 'set'; path: EditPath; value: EditScalar }
  | { op: 'insert'; path: EditPath; key: string; value: EditValue }
  | { op: 'delete'; path: EditPath; key: string }
  | { op: 'criterion-weight'; criterion: string; weight: number }
  /** `week: null` unpins. */
  | { op: 'pin'; component: string; week: number | null }
  /** `personDays: null` removes the override (capacity falls back to the members' days). */
  | { op: 'capacity'; personDays: number | null }
  | { op: 'start'; date: string };

export type EditResult = { text: string; problems?: undefined } | { problems: Problem[]; text?: undefined };

/** Applies the edits in order. On any problem returns the problems and no text. */
export function applyPlanEdits(text: string, edits: readonly PlanEdit[]): EditResult {
  try {
    const first = openSource(text);
    if (isProblems(first)) return { problems: first };
    let source = first;
    for (let i = 0; i < edits.length; ) {
      const step = applyBatch(source, edits, i);
      if ('problems' in step) {
        const prefix = edits.length > 1 ? `edit ${step.index + 1} of ${edits.length}: ` : '';
        return { problems: step.problems.map((p) => ({ ...p, message: prefix + p.message })) };
      }
      [source, i] = [step.source, step.next];
    }
    return { text: source.text };
  } catch (err) {
    // A bug of ours or of yaml's; the caller still gets data, and the file is left alone.
    return { problems: [problem('edit-internal', `could not edit the plan: ${err instanceof Error ? err.message : String(err)}`)] };
  }
}

/** Sets the weight of the criterion with this id. */
export function setCriterionWeight(text: string, criterionId: string, weight: number): EditResult {
  return applyPlanEdits(text, [{ op: 'criterion-weight', criterion: criterionId, weight }]);
}

/** Pins the component with this id to a week (1-based), or unpins it with `null`. */
export function setPin(text: string, componentId: string, week: number | null): EditResult {
  return applyPlanEdits(text, [{ op: 'pin', component: componentId, week }]);
}

/** Sets team.capacity_per_week (person-days per full week), or removes it with `null`. */
export function setCapacity(text: string, personDays: number | null): EditResult {
  return applyPlanEdits(text, [{ op: 'capacity', personDays }]);
}

/** Sets the plan's start date (YYYY-MM-DD). */
export function setStart(text: string, isoDate: string): EditResult {
  return applyPlanEdits(text, [{ op: 'start', date: isoDate }]);
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** The same reading rules as the loader: YAML 1.2 core, no merge keys, unique string keys. */
const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  strict: true,
  stringKeys: true,
  keepSourceTokens: true,
  logLevel: 'silent',
  prettyErrors: false,
} as const;

interface Source {
  text: string;
  /** The data the text reads as (yaml 1.2 core, as the loader reads it). */
  data: unknown;
  /** The file's line ending, used for every line break we write. */
  eol: string;
  /** The composed document with source tokens, parsed on first use (the last edit never needs it). */
  doc(): Document.Parsed;
}

function isProblems<T>(x: T | Problem[]): x is Problem[] {
  return Array.isArray(x);
}

function eolOf(text: string): string {
  return /\r?\n/.exec(text)?.[0] ?? '\n';
}

/** Parses a text we have not read before, reporting why it cannot be edited. */
function openSource(text: string): Source | Problem[] {
  const doc = composeDocument(text);
  if (isProblems(doc)) return doc;
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    return [
      problem('edit-unparseable', `the plan does not parse, fix it before editing: ${err.message.split('\n')[0]}`, {
        ...lineColumn(text, err.pos[0]),
      }),
    ];
  }
  const cycle = selfReferentialAlias(doc);
  if (cycle) {
    return [problem('edit-unparseable', `the plan cannot be read: the alias *${cycle.source} refers to a value that contains it`, cycle.range ? lineColumn(text, cycle.range[0]) : {})];
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // An alias bomb (or another structural failure) surfaces here, not in compose.
    return [problem('edit-unparseable', `the plan cannot be read: ${err instanceof Error ? err.message : String(err)}`)];
  }
  return { text, data, eol: eolOf(text), doc: () => doc };
}

/** A text already verified to read as `data`; its document is composed only if asked for. */
function verifiedSource(text: string, data: unknown): Source {
  let doc: Document.Parsed | undefined;
  return {
    text,
    data,
    eol: eolOf(text),
    doc: () => {
      if (!doc) {
        const composed = composeDocument(text);
        if (isProblems(composed)) throw new Error('a verified edit no longer parses');
        doc = composed;
      }
      return doc;
    },
  };
}

function composeDocument(text: string): Document.Parsed | Problem[] {
  const docs = Array.from(new Composer(PARSE_OPTIONS).compose(new Parser().parse(text)));
  if (docs.length !== 1) {
    return [problem('edit-unparseable', docs.length === 0 ? 'the plan is empty' : `the plan holds ${docs.length} YAML documents; keep one`)];
  }
  return docs[0]!;
}

/**
 * What an edited text reads as, or undefined if yaml reports any error. The fast parser answers
 * only when it can promise yaml's exact reading (test/plan/fast-parse.test.ts holds it to that).
 */
function readBack(text: string): { data: unknown } | undefined {
  const fast = fastParse(text);
  if (fast.ok) return { data: fast.value };
  const doc = composeDocument(text);
  if (isProblems(doc) || doc.errors.length > 0 || selfReferentialAlias(doc)) return undefined;
  try {
    return { data: doc.toJS() };
  } catch {
    return undefined;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------
// Resolving edits

type PathOp =
  | { kind: 'set'; path: EditPath; value: EditScalar }
  | { kind: 'insert'; path: EditPath; key: string; value: EditValue }
  | { kind: 'delete'; path: EditPath; key: string };

function resolveEdit(data: unknown, edit: PlanEdit): PathOp | Problem[] | 'no-op' {
  switch (edit.op) {
    case undefined:
    case 'set':
      return { kind: 'set', path: edit.path, value: edit.value };
    case 'insert':
      return { kind: 'insert', path: edit.path, key: edit.key, value: edit.value };
    case 'delete':
      return { kind: 'delete', path: edit.path, key: edit.key };
    case 'criterion-weight': {
      if (typeof edit.weight !== 'number' || !Number.isFinite(edit.weight) || edit.weight < 0) {
        return [problem('edit-invalid-value', `a weight is a number of 0 or more, not ${String(edit.weight)}`)];
      }
      const found = findById(data, ['scoring', 'criteria'], edit.criterion, 'criterion');
      if (Array.isArray(found)) return found;
      const path = ['scoring', 'criteria', found.index];
      return Object.hasOwn(found.item, 'weight')
        ? { kind: 'set', path: [...path, 'weight'], value: edit.weight }
        : { kind: 'insert', path, key: 'weight', value: edit.weight };
    }
    case 'pin': {
      const found = findById(data, ['components'], edit.component, 'component');
      if (Array.isArray(found)) return found;
      const path = ['components', found.index];
      const pinned = Object.hasOwn(found.item, 'pin');
      if (edit.week === null) return pinned ? { kind: 'delete', path, key: 'pin' } : 'no-op';
      if (!Number.isInteger(edit.week) || edit.week < 1 || edit.week > 520) {
        return [problem('edit-invalid-value', `a pin is a week number from 1 to 520, not ${String(edit.week)}`)];
      }
      return pinned ? { kind: 'set', path: [...path, 'pin'], value: edit.week } : { kind: 'insert', path, key: 'pin', value: edit.week };
    }
    case 'capacity': {
      const team = isRecord(data) ? data['team'] : undefined;
      const has = isRecord(team) && Object.hasOwn(team, 'capacity_per_week');
      if (edit.personDays === null) return has ? { kind: 'delete', path: ['team'], key: 'capacity_per_week' } : 'no-op';
      if (typeof edit.personDays !== 'number' || !Number.isFinite(edit.personDays) || edit.personDays <= 0) {
        return [problem('edit-invalid-value', `capacity is a number of person-days above 0, not ${String(edit.personDays)}`)];
      }
      if (has) return { kind: 'set', path: ['team', 'capacity_per_week'], value: edit.personDays };
      if (isRecord(team)) return { kind: 'insert', path: ['team'], key: 'capacity_per_week', value: edit.personDays };
      if (team === undefined) return { kind: 'insert', path: [], key: 'team', value: { capacity_per_week: edit.personDays } };
      return [problem('edit-not-mapping', '`team` is not a mapping, so capacity cannot be set in it', { path: ['team'] })];
    }
    case 'start': {
      if (!IsoDate.safeParse(edit.date).success) {
        return [problem('edit-invalid-value', `a start date is a real calendar date written as YYYY-MM-DD, not ${JSON.stringify(edit.date)}`)];
      }
      return isRecord(data) && Object.hasOwn(data, 'start')
        ? { kind: 'set', path: ['start'], value: edit.date }
        : { kind: 'insert', path: [], key: 'start', value: edit.date };
    }
  }
}

function findById(
  data: unknown,
  listPath: readonly string[],
  id: string,
  what: string,
): { index: number; item: Record<string, unknown> } | Problem[] {
  let list: unknown = data;
  for (const key of listPath) list = isRecord(list) ? list[key] : undefined;
  const where = listPath.join('.');
  if (!Array.isArray(list)) return [problem('edit-path-not-found', `the plan has no ${where} list`, { path: [...listPath] })];
  const indexes = list.flatMap((item, i) => (isRecord(item) && item['id'] === id ? [i] : []));
  if (indexes.length === 0) return [problem('edit-unknown-id', `no ${what} has the id ${JSON.stringify(id)}`, { path: [...listPath] })];
  if (indexes.length > 1) {
    return [problem('edit-ambiguous-id', `${indexes.length} entries of ${where} have the id ${JSON.stringify(id)}; make ids unique first`, { path: [...listPath] })];
  }
  return { index: indexes[0]!, item: list[indexes[0]!] as Record<string, unknown> };
}

/** Refuses values YAML cannot hold as numbers; turns -0 (written `0`, read back 0) into 0. */
function checkValue(op: PathOp): Problem | undefined {
  if (op.kind === 'delete') return undefined;
  const values = isRecord(op.value) ? Object.values(op.value) : [op.value];
  for (const v of values) {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return problem('edit-invalid-value', `${String(v)} cannot be written to a plan; use a finite number`, { path: [...op.path] });
    }
  }
  if (Object.is(op.value, -0)) op.value = 0;
  return undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------------------------
// Locating nodes

interface Located {
  node: unknown;
  /** Inside a flow collection somewhere up the path: `,` `[` `]` `{` `}` are indicators there. */
  inFlow: boolean;
  /** The value sits after a key in a mapping (multi-line values then indent one level deeper). */
  afterKey: boolean;
}

function locate(doc: Document.Parsed, path: EditPath): Located | Problem {
  let node: unknown = doc.contents;
  let inFlow = false;
  let afterKey = false;
  for (const [i, seg] of path.entries()) {
    if (isAlias(node)) return throughAlias(path, i);
    if (isMap(node)) {
      inFlow ||= Boolean(node.flow);
      const pair = findPair(node, seg);
      if (!pair) return notFound(path, i);
      node = pair.value;
      afterKey = true;
    } else if (isSeq(node)) {
      inFlow ||= Boolean(node.flow);
      if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= node.items.length) return notFound(path, i);
      node = node.items[seg];
      afterKey = false;
    } else {
      return notFound(path, i);
    }
  }
  if (isAlias(node)) return throughAlias(path, path.length);
  return { node, inFlow, afterKey };
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

function notFound(path: EditPath, depth: number): Problem {
  const shown = path.slice(0, depth + 1).join('.');
  return problem('edit-path-not-found', `the plan has nothing at ${shown}`, { path: [...path] });
}

function throughAlias(path: EditPath, depth: number): Problem {
  return problem('edit-unsupported', `${path.slice(0, depth).join('.') || 'the value'} is an alias; edit the anchored value instead`, {
    path: [...path],
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering values

type ScalarType = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

function tokenStyle(token: CST.FlowScalar | CST.BlockScalar): ScalarType {
  switch (token.type) {
    case 'single-quoted-scalar':
      return 'QUOTE_SINGLE';
    case 'double-quoted-scalar':
      return 'QUOTE_DOUBLE';
    case 'block-scalar': {
      const header = token.props[0];
      return header && 'source' in header && header.source.startsWith('>') ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    }
    default:
      return 'PLAIN';
  }
}

/** Whether `s` written plain reads back as exactly the string `s` under that YAML version. */
function readsBackAsString(s: string, version: '1.1' | '1.2'): boolean {
  const doc = parseDocument(s, { version, logLevel: 'silent', prettyErrors: false });
  return doc.errors.length === 0 && isScalar(doc.contents) && doc.contents.value === s;
}

/**
 * Plain style only when both YAML 1.2 (us) and YAML 1.1 (PyYAML and friends) read the text back as
 * this string, e.g. `no`, `on` and `2026-11-02` are quoted. The exception keeps a plain date plain
 * when the value it replaces was already a plain date (the user chose that style).
 */
function plainIsSafe(value: string, previous: unknown): boolean {
  if (!readsBackAsString(value, '1.2')) return false;
  if (readsBackAsString(value, '1.1')) return true;
  return typeof previous === 'string' && !readsBackAsString(previous, '1.1') && sameShape(value, previous);
}

/** Both look like dates, or both like times, ...: the same kind of 1.1 ambiguity. */
function sameShape(a: string, b: string): boolean {
  const shape = (s: string) => s.replace(/[0-9]/g, '9').replace(/[a-z]/gi, 'a');
  return shape(a) === shape(b);
}

/** Renderings to try for a scalar, best first: the existing style, then double quotes. */
function scalarCandidates(value: EditScalar, preferred: ScalarType, previous: unknown): { source: string; type: ScalarType }[] {
  if (typeof value !== 'string') return [{ source: value === null ? 'null' : String(value), type: 'PLAIN' }];
  const out: { source: string; type: ScalarType }[] = [];
  if (preferred !== 'PLAIN' || plainIsSafe(value, previous)) out.push({ source: value, type: preferred });
  if (preferred !== 'QUOTE_DOUBLE') out.push({ source: value, type: 'QUOTE_DOUBLE' });
  return out;
}

/** The source text of a new scalar in the given context, with the file's line endings. */
function renderScalar(source: string, type: ScalarType, ctx: { indent: number; inFlow: boolean }, eol: string): string {
  const token = CST.createScalarToken(source, { type, indent: ctx.indent, inFlow: ctx.inFlow, end: [] });
  return toEol(CST.stringify(token), eol);
}

function renderKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) && readsBackAsString(key, '1.2') && readsBackAsString(key, '1.1')
    ? key
    : JSON.stringify(key);
}

/** Renderings for an inserted value: plain where safe, then everything double-quoted. */
function valueCandidates(value: EditValue, ctx: { indent: number; inFlow: boolean }, eol: string): string[] {
  if (!isRecord(value)) {
    return scalarCandidates(value as EditScalar, 'PLAIN', undefined).map((c) => renderScalar(c.source, c.type, ctx, eol));
  }
  const flowCtx = { indent: ctx.indent, inFlow: true };
  const entries = Object.entries(value);
  const render = (pick: (v: EditScalar) => { source: string; type: ScalarType }) =>
    `{ ${entries.map(([k, v]) => `${renderKey(k)}: ${renderScalar(pick(v).source, pick(v).type, flowCtx, eol)}`).join(', ')} }`;
  return [
    render((v) => scalarCandidates(v, 'PLAIN', undefined)[0]!),
    render((v) => scalarCandidates(v, 'QUOTE_DOUBLE', undefined)[0]!),
  ];
}

function toEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\r?\n/g, eol);
}

// ---------------------------------------------------------------------------------------------
// Applying edits: plan splices, then verify

/** A planned change of the text: replace [from, to) with one of the candidates, best first. */
interface Splice {
  from: number;
  to: number;
  candidates: string[];
  op: PathOp;
  /** Which of the caller's edits this is, for problems. */
  index: number;
}

type Step = { source: Source; next: number } | { problems: Problem[]; index: number };

/**
 * Plans edits from `start` on against one parse, for as long as they are independent (distinct
 * paths, non-overlapping text), splices them with their first renderings and verifies the result
 * once against the expected data. If that check fails, redoes the same edits one by one.
 */
function applyBatch(source: Source, edits: readonly PlanEdit[], start: number): Step {
  let expected = source.data;
  const splices: Splice[] = [];
  let next = start;
  for (; next < edits.length; next++) {
    const op = resolveEdit(expected, edits[next]!);
    if (op === 'no-op') continue;
    if (isProblems(op)) return { problems: op, index: next };
    const invalid = checkValue(op);
    if (invalid) return { problems: [invalid], index: next };
    // An edit that builds on an earlier one in this batch needs that one's text parsed first.
    if (splices.some((s) => dependsOn(op, s.op))) break;
    const planned = planOp(source, op);
    if (planned === 'no-op') continue;
    if (isProblems(planned)) return { problems: planned, index: next };
    if (splices.some((s) => overlaps(s, planned))) break;
    splices.push({ ...planned, op, index: next });
    expected = expectedData(expected, op);
  }
  if (splices.length === 0) return { source, next };
  const text = spliceAll(source.text, splices.map((s) => ({ ...s, replacement: s.candidates[0]! })));
  const read = readBack(text);
  if (read && isDeepStrictEqual(read.data, expected)) return { source: verifiedSource(text, read.data), next };
  return applyOneByOne(source, splices.map((s) => s.index), edits);
}

/** Each edit on its own, each rendering tried and verified: slower, exact about what fails. */
function applyOneByOne(source: Source, indexes: number[], edits: readonly PlanEdit[]): Step {
  let current = source;
  for (const index of indexes) {
    const op = resolveEdit(current.data, edits[index]!);
    if (op === 'no-op') continue;
    if (isProblems(op)) return { problems: op, index };
    const invalid = checkValue(op);
    if (invalid) return { problems: [invalid], index };
    const planned = planOp(current, op);
    if (planned === 'no-op') continue;
    if (isProblems(planned)) return { problems: planned, index };
    const expected = expectedData(current.data, op);
    let done: Source | undefined;
    for (const replacement of planned.candidates) {
      const text = spliceAll(current.text, [{ ...planned, replacement }]);
      const read = readBack(text);
      if (read && isDeepStrictEqual(read.data, expected)) {
        done = verifiedSource(text, read.data);
        break;
      }
    }
    if (!done) return { problems: [cannotWrite(op, lineColumn(current.text, planned.from))], index };
    current = done;
  }
  return { source: current, next: Math.max(...indexes) + 1 };
}

function spliceAll(text: string, splices: readonly { from: number; to: number; replacement: string }[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.replacement + out.slice(s.to);
  return out;
}

/** Touching ranges are fine; two changes starting at the same place are not (order unclear). */
function overlaps(a: { from: number; to: number }, b: { from: number; to: number }): boolean {
  return a.from === b.from || (a.from < b.to && b.from < a.to);
}

/** The key path an op changes, and the mapping whose layout it changes (insert, delete). */
function target(op: PathOp): { key: EditPath; mapping?: EditPath } {
  return op.kind === 'set' ? { key: op.path } : { key: [...op.path, op.key], mapping: op.path };
}

function dependsOn(op: PathOp, earlier: PathOp): boolean {
  const [a, b] = [target(op), target(earlier)];
  const prefix = (x: EditPath, y: EditPath) => x.length <= y.length && x.every((seg, i) => String(seg) === String(y[i]));
  if (prefix(a.key, b.key) || prefix(b.key, a.key)) return true;
  return a.mapping !== undefined && b.mapping !== undefined && prefix(a.mapping, b.mapping) && prefix(b.mapping, a.mapping);
}

function planOp(source: Source, op: PathOp): Omit<Splice, 'op' | 'index'> | Problem[] | 'no-op' {
  switch (op.kind) {
    case 'set':
      return planSet(source, op);
    case 'insert':
      return planInsert(source, op);
    case 'delete':
      return planDelete(source, op);
  }
}

function planSet(source: Source, op: Extract<PathOp, { kind: 'set' }>): Omit<Splice, 'op' | 'index'> | Problem[] | 'no-op' {
  const loc = locate(source.doc(), op.path);
  if ('code' in loc) return [loc];
  const node = loc.node;
  if (!isScalar(node)) {
    return [problem('edit-not-scalar', `${op.path.join('.')} holds a ${isMap(node) ? 'mapping' : 'list'}, not a single value`, { path: [...op.path] })];
  }
  const token = node.srcToken;
  if (!token || !CST.isScalar(token) || token.type === 'alias') {
    return [problem('edit-unsupported', `${op.path.join('.')} has no value written in the file to replace`, { path: [...op.path] })];
  }
  const original = CST.stringify(token);
  const from = token.offset;
  const to = from + original.length;
  if (source.text.slice(from, to) !== original) {
    return [problem('edit-internal', `could not find the text of ${op.path.join('.')} in the file`, { path: [...op.path] })];
  }
  // Setting a value to what it already is leaves the text alone (`1.0` stays `1.0`).
  if (node.value === op.value) return 'no-op';
  // Continuation lines of a multi-line value must sit deeper than the key, the list or the flow
  // collection; the token's recorded indent does not always say which, so try one level deeper too.
  const deeper = loc.afterKey || loc.inFlow;
  const candidates: string[] = [];
  for (const candidate of scalarCandidates(op.value, tokenStyle(token), (node as Scalar).value)) {
    for (const afterKey of [deeper, !deeper]) {
      const copy = structuredClone(token);
      CST.setScalarValue(copy, candidate.source, { inFlow: loc.inFlow, afterKey, implicitKey: false, type: candidate.type });
      const rendered = toEol(CST.stringify(copy), source.eol);
      if (!candidates.includes(rendered)) candidates.push(rendered);
    }
  }
  return { from, to, candidates };
}

function planInsert(source: Source, op: Extract<PathOp, { kind: 'insert' }>): Omit<Splice, 'op' | 'index'> | Problem[] {
  const loc = locate(source.doc(), op.path);
  if ('code' in loc) return [loc];
  const map = loc.node;
  if (!isMap(map)) return [problem('edit-not-mapping', `${op.path.join('.') || 'the plan'} is not a mapping`, { path: [...op.path] })];
  if (findPair(map, op.key)) {
    return [problem('edit-key-exists', `${[...op.path, op.key].join('.')} already exists`, { path: [...op.path, op.key] })];
  }
  const text = source.text;
  const last = map.items.at(-1);
  const keySource = renderKey(op.key);

  let from: number;
  let to: number | undefined;
  let render: (value: string) => string;
  let indentWidth: number;
  if (map.flow && !last) {
    // `{}` or `{ }` becomes `{ key: value }`.
    const open = map.range?.[0];
    to = flowEnd(map);
    if (open === undefined || to === undefined) return [cannotWrite(op)];
    from = open + 1;
    indentWidth = lineIndent(text, open) + 2;
    render = (value) => ` ${keySource}: ${value} `;
  } else if (map.flow && last) {
    from = pairEnd(last);
    if (from < 0) return [cannotWrite(op)];
    indentWidth = lineIndent(text, from) + 2;
    render = (value) => `, ${keySource}: ${value}`;
  } else {
    if (!last) return [cannotWrite(op)];
    const keyStart = pairStart(last);
    const lineStart = lineStartOf(text, keyStart);
    const indent = ' '.repeat(keyStart - lineStart);
    from = lineEndAfter(text, pairEnd(last));
    indentWidth = keyStart - lineStart + 2;
    const endsLine = from > 0 && text[from - 1] === '\n';
    render = (value) => (endsLine ? `${indent}${keySource}: ${value}${source.eol}` : `${source.eol}${indent}${keySource}: ${value}`);
  }
  const values = valueCandidates(op.value, { indent: indentWidth, inFlow: loc.inFlow || Boolean(map.flow) }, source.eol);
  return { from, to: to ?? from, candidates: values.map(render) };
}

function planDelete(source: Source, op: Extract<PathOp, { kind: 'delete' }>): Omit<Splice, 'op' | 'index'> | Problem[] {
  const loc = locate(source.doc(), op.path);
  if ('code' in loc) return [loc];
  const map = loc.node;
  if (!isMap(map)) return [problem('edit-not-mapping', `${op.path.join('.') || 'the plan'} is not a mapping`, { path: [...op.path] })];
  const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === op.key);
  if (index === -1) return [notFound([...op.path, op.key], op.path.length)];
  const pair = map.items[index]!;
  const text = source.text;

  let from: number;
  let to: number;
  let replacement = '';
  if (map.flow) {
    if (map.items.length === 1) {
      const open = map.range?.[0];
      const close = flowEnd(map);
      if (open === undefined || close === undefined) return [cannotWrite(op)];
      [from, to] = [open + 1, close];
    } else if (index > 0) {
      [from, to] = [pairEnd(map.items[index - 1]!), pairEnd(pair)];
    } else {
      [from, to] = [pairStart(pair), pairStart(map.items[1]!)];
    }
  } else {
    const keyStart = pairStart(pair);
    const lineStart = lineStartOf(text, keyStart);
    const lineEnd = lineEndAfter(text, pairEnd(pair));
    const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, keyStart));
    if (map.items.length === 1) {
      // Removing the only pair would turn the mapping into null; leave an empty mapping instead.
      [from, to, replacement] = [keyStart, lineEnd - trailingEolLength(text, lineEnd), '{}'];
    } else if (aloneOnLine) {
      [from, to] = [lineStart, lineEnd];
      // The last line of a file without a final newline: take the line break before it instead.
      if (to === text.length && !text.endsWith('\n')) from -= trailingEolLength(text, lineStart);
    } else {
      // The first pair shares its line with `- `: the next pair moves up onto that line.
      [from, to] = [keyStart, pairStart(map.items[index + 1]!)];
    }
  }
  if (from < 0 || to < from) return [cannotWrite(op)];
  return { from, to, candidates: [replacement] };
}

function cannotWrite(op: PathOp, at?: { line: number; column: number }): Problem {
  const where = op.kind === 'set' ? op.path.join('.') : [...op.path, op.key].join('.');
  return problem('edit-verify-failed', `could not ${op.kind} ${where} without changing anything else in the plan; edit it by hand`, {
    path: op.kind === 'set' ? [...op.path] : [...op.path, op.key],
    ...at,
  });
}

/** The data before, with just this change: what the edited text must read back as. */
function expectedData(data: unknown, op: PathOp): unknown {
  const copy = structuredClone(data);
  const parentPath = op.kind === 'set' ? op.path.slice(0, -1) : op.path;
  let parent: unknown = copy;
  for (const seg of parentPath) parent = (parent as Record<string | number, unknown>)[seg];
  const key = op.kind === 'set' ? op.path.at(-1)! : op.key;
  if (op.kind === 'delete') {
    delete (parent as Record<string | number, unknown>)[key];
  } else if (Array.isArray(parent)) {
    parent[key as number] = op.value;
  } else {
    // defineProperty: a key named __proto__ must become data, not swap the prototype.
    Object.defineProperty(parent, String(key), { value: structuredClone(op.value), writable: true, enumerable: true, configurable: true });
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Source positions

function pairStart(pair: Pair): number {
  return (pair.key as Scalar).range?.[0] ?? -1;
}

/** Where the pair's value text ends (before any trailing comment). */
function pairEnd(pair: Pair): number {
  const value = pair.value as Scalar | null;
  return value?.range?.[1] ?? (pair.key as Scalar).range?.[1] ?? -1;
}

function flowEnd(map: YAMLMap): number | undefined {
  const token = map.srcToken;
  if (!token || token.type !== 'flow-collection') return undefined;
  return token.end.find((t) => t.type === 'flow-map-end')?.offset;
}

function lineStartOf(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && text.startsWith('\uFEFF') ? 1 : start;
}

/** The offset just after the line break ending the line that holds `offset`. */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function lineIndent(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  return /^[ ]*/.exec(text.slice(start))![0].length;
}

function trailingEolLength(text: string, end: number): number {
  if (text[end - 1] !== '\n') return 0;
  return text[end - 2] === '\r' ? 2 : 1;
}
