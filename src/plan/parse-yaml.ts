/**
 * YAML text -> plain data, with every syntax problem positioned. Options follow
 * /work/shared/guide/hazards.md: YAML 1.2 core schema only (no `no` -> false, no timestamps), no
 * merge keys, duplicate keys are errors, keys are strings, aliases capped, nothing logged.
 */
import { LineCounter, parseAllDocuments, visit, type Alias, type Document, type YAMLError } from 'yaml';
import { problem, type Problem } from '../core/problem.js';
import { yamlLocator, NO_POSITIONS, type PlanLocator } from './positions.js';

/** A plan may share a few values through anchors; a billion laughs may not. */
export const MAX_ALIAS_COUNT = 100;

/** Syntax errors after which the data yaml recovered is still what the author meant to write. */
const RECOVERABLE = new Set(['DUPLICATE_KEY', 'NON_STRING_KEY', 'TAB_AS_INDENT']);

export interface ParsedYaml {
  /** The document as plain data; undefined when nothing trustworthy could be read. */
  value: unknown;
  problems: Problem[];
  /** True when the value should not be validated further (the syntax errors would only cascade). */
  broken: boolean;
  locator: PlanLocator;
}

export function parseYamlText(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.2',
    schema: 'core',
    // !!binary, !!set, !!omap, !!pairs and !!timestamp would make Buffers, Sets, Maps and Dates
    // that the schema misreads (a Buffer's methods came out as 100 "unknown key" errors): keep
    // them unresolved, so the tag is a warning and the value a plain string or collection.
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    strict: true,
    stringKeys: true,
    prettyErrors: true,
    lineCounter,
    keepSourceTokens: true,
    logLevel: 'silent',
  });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc) {
    return { value: undefined, problems: [emptyPlan()], broken: true, locator: NO_POSITIONS };
  }
  const locator = yamlLocator(doc, lineCounter);
  const problems: Problem[] = [];
  let exhausted = false;
  for (const err of doc.errors) {
    // Deep nesting reports one RESOURCE_EXHAUSTION per level; one is enough.
    if (err.code === 'RESOURCE_EXHAUSTION') {
      if (exhausted) continue;
      exhausted = true;
      problems.push(
        problem('yaml-too-deep', 'the YAML nests too deeply to read', {
          ...positionOf(err),
          hint: 'a plan needs a handful of levels; look for runaway brackets',
        }),
      );
      continue;
    }
    problems.push(fromYamlError(err, 'error'));
  }
  // Past a stack overflow everything else yaml says is an artefact of it.
  if (exhausted) return { value: undefined, problems: problems.filter((p) => p.code === 'yaml-too-deep'), broken: true, locator };
  for (const warn of doc.warnings) problems.push(fromYamlError(warn, 'warning'));

  const second = list[1];
  if (second) {
    const start = second.range[0];
    const { line, col } = lineCounter.linePos(start);
    problems.push(
      problem('yaml-multiple-documents', 'the file holds more than one YAML document (a second "---")', {
        line,
        column: col,
        hint: 'a plan is one document: remove the extra "---" or split the file',
      }),
    );
  }

  const yamlVersion = doc.directives?.yaml;
  if (yamlVersion?.explicit && yamlVersion.version !== '1.2') {
    const at = /^%YAML/m.exec(text);
    problems.push(
      problem('yaml-1-1', `the file declares %YAML ${yamlVersion.version}; roadmap reads YAML 1.2 only`, {
        ...(at ? offsetPosition(lineCounter, at.index) : {}),
        hint: 'remove the "%YAML" line: in YAML 1.1, "no" means false and dates change type, so tools would disagree on what the plan says',
      }),
    );
  }

  const broken = doc.errors.some((e) => !RECOVERABLE.has(e.code)) || problems.some((p) => p.code === 'yaml-1-1');
  if (broken) return { value: undefined, problems, broken: true, locator };
  if (doc.contents === null) {
    return { value: undefined, problems: [...problems, emptyPlan()], broken: true, locator };
  }
  const converted = toPlainData(doc, lineCounter);
  if (!converted.ok) return { value: undefined, problems: [...problems, converted.problem], broken: true, locator };
  return { value: converted.value, problems, broken: false, locator };

  function positionOf(err: YAMLError): { line?: number; column?: number } {
    const pos = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    return { line: pos.line, column: pos.col };
  }

  function fromYamlError(err: YAMLError, severity: 'error' | 'warning'): Problem {
    return {
      severity,
      code: `yaml-${err.code.toLowerCase().replace(/_/g, '-')}`,
      message: plainMessage(err.message),
      ...positionOf(err),
      ...(YAML_HINTS[err.code] ? { hint: YAML_HINTS[err.code] } : {}),
    };
  }
}

function emptyPlan(): Problem {
  return problem('empty-file', 'the file holds no plan (only blank lines or comments)', {
    hint: 'a plan starts with "version: 1"; see plans/codon-migration.yaml',
  });
}

function offsetPosition(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * prettyErrors appends " at line L, column C:" and a quoted source excerpt; we print our own code
 * frame, so keep only the sentence (the position is in the problem).
 */
export function plainMessage(message: string): string {
  const cut = message.search(/ at line \d+, column \d+(?::?\n[\s\S]*)?$/);
  const sentence = (cut === -1 ? message : message.slice(0, cut)).trim();
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once per mapping; remove or rename one',
  TAB_AS_INDENT: 'YAML indents with spaces only; replace the tab with spaces',
  NON_STRING_KEY: 'keys must be plain text, not lists or mappings',
  TAG_RESOLVE_FAILED: 'remove the "!tag"; plans use plain YAML values',
  BAD_INDENT: 'check the indentation of this line against the lines above',
  MISSING_CHAR: 'a bracket or quote is not closed',
  BLOCK_AS_IMPLICIT_KEY: 'a key cannot span lines; check for a missing ":" or an unquoted value',
  MULTILINE_IMPLICIT_KEY: 'check for a missing ":" at the end of the previous line',
  UNEXPECTED_TOKEN: 'a value that starts with a special character (> | [ { * & ! % @ `) must be quoted',
};

type Converted = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** The first alias that refers to one of its own ancestors (a value that would contain itself). */
export function selfReferentialAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node, path) {
      const target = node.resolve(doc);
      if (target && (path as readonly unknown[]).includes(target)) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** toJS, with the alias cap and stack exhaustion turned into problems instead of throws. */
function toPlainData(doc: Document, lineCounter: LineCounter): Converted {
  // toJS turns `&x [*x]` into a JS object that contains itself, and every walk over the data after
  // it (ours, zod's) would then run forever: refuse such an alias before converting.
  const cycle = selfReferentialAlias(doc);
  if (cycle) {
    return {
      ok: false,
      problem: problem('yaml-alias-cycle', `the alias *${cycle.source} sits inside the value it refers to, so that value would contain itself`, {
        ...(cycle.range ? offsetPosition(lineCounter, cycle.range[0]) : {}),
        hint: 'an alias may only repeat a value defined before and outside it; write the value out here',
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    if (err instanceof ReferenceError) {
      let at: { line: number; column: number } | undefined;
      visit(doc, {
        Alias(_, node) {
          if (!node.range) return undefined;
          at = offsetPosition(lineCounter, node.range[0]);
          return visit.BREAK;
        },
      });
      return {
        ok: false,
        problem: problem('yaml-alias-limit', `the YAML expands aliases (*name) too many times (more than ${MAX_ALIAS_COUNT})`, {
          ...(at ?? {}),
          hint: 'this looks like an "alias bomb"; write the values out instead of nesting aliases',
        }),
      };
    }
    if (err instanceof RangeError) {
      return {
        ok: false,
        problem: problem('yaml-too-deep', 'the YAML nests too deeply to read', {
          hint: 'a plan needs a handful of levels; look for runaway brackets',
        }),
      };
    }
    return {
      ok: false,
      problem: problem('yaml-unreadable', `the YAML could not be read: ${err instanceof Error ? err.message : String(err)}`),
    };
  }
}
