/**
 * A fast path for reading big plans. The `yaml` package, which gives us positions for every
 * problem, reads about 1 MB/s; js-yaml reads YAML several times faster and JSON.parse faster still.
 * This module returns the parsed document only when it can promise the same value the slow path
 * (yaml 2, YAML 1.2 core schema, unique keys, no merge keys, no aliases) would give, byte for byte,
 * and bails out (returns `ok: false`) on anything either parser might read differently. The caller
 * then uses the slow path, which also positions any problem. test/plan/fast-parse.test.ts checks
 * the promise differentially against yaml on generated plans and fast-check-generated YAML.
 */
import {
  CORE_SCHEMA,
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
  constructFromEvents,
  parseEvents,
} from 'js-yaml';

export type FastParseResult =
  | { ok: true; value: unknown; parser: 'json' | 'js-yaml' }
  | { ok: false; reason: string; /** The offset where js-yaml found the text unreadable, if it did. */ syntaxErrorAt?: number };

/**
 * Characters the two YAML parsers (or JSON and YAML) are known to treat differently, or that we
 * have not proven equivalent: tabs (indentation vs separation rules), BOMs anywhere, CR (line
 * folding inside quoted scalars), NEL/LS/PS (line breaks in YAML 1.1 only), C0/C1 controls and
 * lone surrogates (yaml keeps some, js-yaml rejects or replaces them).
 */
const UNPROVEN_CHARS = /[\t\r\uFEFF\u0085\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** YAML's limit for an implicit key; yaml reports longer keys, js-yaml may not. */
const MAX_IMPLICIT_KEY = 1024;

/** Plain scalars the core schema may resolve to something other than a string (or empty). */
const NON_STRING_PLAIN = /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[.0-9].*)$/s;

const JSON_KEY = /"(?:[^"\\\n]|\\.)*"\s*:/g;

export function fastParse(text: string): FastParseResult {
  if (text.length === 0) return bail('empty text');
  if (UNPROVEN_CHARS.test(text)) return bail('tab, CR, BOM, line separator, control character or lone surrogate');
  // Merge keys and prototype keys: both parsers agree today, but the loader must see them through
  // the slow path to report them with positions.
  if (text.includes('<<')) return bail('a "<<" (merge key) may be present');
  if (text.includes('__proto__')) return bail('a "__proto__" key may be present');
  if (/^%/m.test(text)) return bail('a directive (%YAML, %TAG)');
  const first = /\S/.exec(text);
  if (first && first[0] === '{') {
    const viaJson = parseJson(text);
    if (viaJson) return viaJson;
  }
  return parseYaml(text);
}

/** JSON is YAML 1.2 flow, but JSON.parse lets a later duplicate key win where YAML reports it. */
function parseJson(text: string): FastParseResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not strict JSON (comments, trailing commas, single quotes...): YAML may still read it.
    return undefined;
  }
  let keysInText = 0;
  JSON_KEY.lastIndex = 0;
  for (let m = JSON_KEY.exec(text); m !== null; m = JSON_KEY.exec(text)) {
    if (m[0].length > MAX_IMPLICIT_KEY) return bail('a key longer than YAML allows');
    keysInText++;
  }
  if (keysInText !== countKeys(value)) return bail('a duplicate key (JSON.parse would keep the last one)');
  return { ok: true, value, parser: 'json' };
}

function countKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += countKeys(item);
    return n;
  }
  if (value !== null && typeof value === 'object') {
    let n = 0;
    for (const key of Object.keys(value)) n += 1 + countKeys((value as Record<string, unknown>)[key]);
    return n;
  }
  return 0;
}

function parseYaml(text: string): FastParseResult {
  let events: ReturnType<typeof parseEvents>;
  try {
    events = parseEvents(text, { maxDepth: 100 });
  } catch (err) {
    // Where it stopped lets the loader show yaml only a window of a big broken plan (syntax-window.ts).
    const at = (err as { mark?: { position?: unknown } }).mark?.position;
    return typeof at === 'number' ? { ok: false, reason: `js-yaml: ${firstLine(err)}`, syntaxErrorAt: at } : bail(`js-yaml: ${firstLine(err)}`);
  }
  let documents = 0;
  // Which containers are open, and how many nodes each holds so far: inside a mapping, even
  // positions are keys, which is where the two parsers' rules differ most.
  const isMapping: boolean[] = [];
  const childCount: number[] = [];
  for (const event of events) {
    if (event.type === EVENT_POP) {
      isMapping.pop();
      childCount.pop();
      continue;
    }
    if (event.type === EVENT_DOCUMENT) {
      documents++;
      if (event.directives.length > 0) return bail('a directive');
      isMapping.push(false);
      childCount.push(0);
      continue;
    }
    if (event.type === EVENT_ALIAS) return bail('an alias');
    if (event.anchorStart !== -1) return bail('an anchor');
    if (event.tagStart !== -1) return bail('a tag');
    const top = isMapping.length - 1;
    const isKey = isMapping[top] === true && childCount[top]! % 2 === 0;
    childCount[top] = childCount[top]! + 1;
    if (isKey) {
      if (event.type !== EVENT_SCALAR) return bail('a collection used as a key');
      if (event.valueEnd - event.valueStart > MAX_IMPLICIT_KEY) return bail('a key longer than YAML allows');
      if (event.style === SCALAR_STYLE_PLAIN && NON_STRING_PLAIN.test(text.slice(event.valueStart, event.valueEnd))) {
        return bail('a key that is not a string (null, a boolean or a number)');
      }
    }
    if (event.type !== EVENT_SCALAR) {
      isMapping.push(event.type === EVENT_MAPPING);
      childCount.push(0);
    } else if (event.style === SCALAR_STYLE_PLAIN) {
      // js-yaml keeps numbers too big for a double as strings; yaml makes them Infinity.
      if (mayOverflow(text, event.valueStart, event.valueEnd)) return bail('a number too large for a double');
    } else if ((event.style === SCALAR_STYLE_DOUBLE_QUOTED || event.style === SCALAR_STYLE_SINGLE_QUOTED) && unprovenFolding(text, event.valueStart, event.valueEnd)) {
      // Found by the differential fuzz: an escaped line break before a blank line folds differently.
      return bail('a quoted scalar with an escaped line break or a blank line');
    }
  }
  if (documents !== 1) return bail(documents === 0 ? 'no document' : 'more than one document');
  try {
    const [value] = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
    return { ok: true, value, parser: 'js-yaml' };
  } catch (err) {
    // Duplicate keys and the like: the slow path reports them with a position.
    return bail(`js-yaml: ${firstLine(err)}`);
  }
}

/** Whether a plain scalar might be a number that overflows to Infinity (cheap first-character test first). */
function mayOverflow(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  const numericStart = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .
  if (!numericStart || end - start < 4) return false;
  // Hex digits overflow a double from 256 of them on; decimals need an exponent or 309 digits.
  if (end - start >= 200) return true;
  const source = text.slice(start, end);
  return /[eE]/.test(source) && Math.abs(Number(source)) === Infinity;
}

/** Whether a multi-line quoted scalar holds an escaped line break or a blank line (rare in plans). */
function unprovenFolding(text: string, start: number, end: number): boolean {
  const newline = text.indexOf('\n', start);
  if (newline === -1 || newline >= end) return false;
  return /\\[ ]*\n|\n[ ]*\n/.test(text.slice(start, end));
}

const bail = (reason: string): FastParseResult => ({ ok: false, reason });

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
