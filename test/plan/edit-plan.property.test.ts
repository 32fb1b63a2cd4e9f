/**
 * Properties of byte-exact plan edits, on the example plans and on generated plan-shaped YAML with
 * comments, blank lines, flow and block collections, every quoting style, CRLF and a BOM.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { applyPlanEdits, type EditPath, type EditScalar, type PlanEdit } from '../../src/plan/edit-plan.js';

const examples = ['codon-migration.yaml', 'crdt-backup-rollout.yaml'].map((name) =>
  readFileSync(new URL(`../../plans/${name}`, import.meta.url), 'utf8'),
);

// ---------------------------------------------------------------------------------------------
// Reading

const readDoc = (text: string) => parseDocument(text, { version: '1.2', schema: 'core', keepSourceTokens: true });
const readData = (text: string): unknown => readDoc(text).toJS();

interface Located {
  path: (string | number)[];
  node: YamlNode;
}

/** Every scalar value (not key) and every mapping, with its data path. */
function walk(text: string): { scalars: Located[]; maps: Located[] } {
  const scalars: Located[] = [];
  const maps: Located[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (isScalar(node)) scalars.push({ path, node });
    else if (isMap(node)) {
      maps.push({ path, node });
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(readDoc(text).contents, []);
  return { scalars, maps };
}

function valueAt(data: unknown, path: EditPath): unknown {
  let at = data;
  for (const seg of path) at = (at as Record<string | number, unknown>)[seg];
  return at;
}

function withValue(data: unknown, path: EditPath, value: unknown, remove = false): unknown {
  const copy = structuredClone(data);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  if (remove) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = value;
  return copy;
}

function mustText(result: ReturnType<typeof applyPlanEdits>, context: () => string): string {
  if (result.problems) throw new Error(`${JSON.stringify(result.problems)}\n${context()}`);
  return result.text;
}

/** Line breaks that are not CRLF: a CRLF file must not gain any. */
const bareLineFeeds = (text: string) => text.match(/(?<!\r)\n/g)?.length ?? 0;

function expectSameLineEndings(before: string, after: string) {
  if (before.includes('\r\n')) expect(bareLineFeeds(after)).toBe(bareLineFeeds(before));
}

/** Lengths of the common prefix and suffix (not overlapping in `a`). */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

// ---------------------------------------------------------------------------------------------
// Generating plan-shaped YAML

type GScalar = { kind: 'scalar'; src: string; block?: boolean };
type GMap = { kind: 'map'; flow: boolean; entries: [string, GNode][] };
type GSeq = { kind: 'seq'; flow: boolean; items: GNode[] };
type GNode = GScalar | GMap | GSeq;

interface Layout {
  indent: number;
  /** `key:\n- item` instead of `key:\n  - item`. */
  flushSeqs: boolean;
  crlf: boolean;
  bom: boolean;
  finalNewline: boolean;
}

const textChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789   .,:;#-_/()[]{}!&*|>%@`\'"?éü✓中🎉');
const wordChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');

const plainWord = fc
  .string({ unit: wordChar, minLength: 1, maxLength: 12 })
  .filter((s) => /^[a-z]/.test(s) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(s));

/** A string scalar in one of the styles people write, always valid YAML for its content. */
const stringScalar: fc.Arbitrary<GScalar> = fc.oneof(
  plainWord.map((s) => ({ kind: 'scalar' as const, src: s })),
  fc
    .tuple(plainWord, plainWord)
    .map(([a, b]) => ({ kind: 'scalar' as const, src: `${a} ${b}` })),
  fc.string({ unit: textChar, maxLength: 20 }).map((s) => ({ kind: 'scalar' as const, src: `'${s.replace(/'/g, "''")}'` })),
  fc.string({ unit: textChar, maxLength: 20 }).map((s) => ({ kind: 'scalar' as const, src: JSON.stringify(s) })),
);

const otherScalar: fc.Arbitrary<GScalar> = fc.oneof(
  fc.integer({ min: 0, max: 600 }).map((n) => ({ kind: 'scalar' as const, src: String(n) })),
  fc.constantFrom('1.0', '2.50', '0.1', 'true', 'false', 'null', '~', '2026-11-02', '"2026-11-02"').map((src) => ({ kind: 'scalar' as const, src })),
);

const blockScalar: fc.Arbitrary<GScalar> = fc
  .tuple(fc.constantFrom('|', '>', '|-', '>-'), fc.array(fc.tuple(plainWord, plainWord).map(([a, b]) => `${a} ${b}`), { minLength: 1, maxLength: 3 }))
  .map(([header, lines]) => ({ kind: 'scalar' as const, src: `${header}\n${lines.join('\n')}`, block: true }));

const anyScalar = fc.oneof({ weight: 3, arbitrary: stringScalar }, { weight: 2, arbitrary: otherScalar });

const flowMap: fc.Arbitrary<GMap> = fc
  .uniqueArray(fc.tuple(plainWord, anyScalar), { selector: ([k]) => k, maxLength: 4 })
  .map((entries) => ({ kind: 'map', flow: true, entries }));
const flowSeq: fc.Arbitrary<GSeq> = fc.array(stringScalar, { maxLength: 4 }).map((items) => ({ kind: 'seq', flow: true, items }));

const component: fc.Arbitrary<GNode> = fc
  .record({
    id: plainWord,
    title: stringScalar,
    description: fc.option(blockScalar),
    scores: fc.oneof(flowMap, flowMap.map((m): GMap => ({ ...m, flow: false }))),
    paths: fc.oneof(flowSeq, fc.array(fc.oneof(stringScalar, blockScalar), { minLength: 1, maxLength: 3 }).map((items): GSeq => ({ kind: 'seq', flow: false, items }))),
    pin: fc.option(fc.integer({ min: 1, max: 9 })),
    flow: fc.boolean(),
  })
  .map((c): GNode => {
    const entries: [string, GNode][] = [['id', { kind: 'scalar', src: c.id }], ['title', c.title]];
    if (c.flow) return { kind: 'map', flow: true, entries: c.pin === null ? entries : [...entries, ['pin', { kind: 'scalar', src: String(c.pin) }]] };
    if (c.description) entries.push(['description', c.description]);
    entries.push(['scores', c.scores], ['paths', c.paths]);
    if (c.pin !== null) entries.push(['pin', { kind: 'scalar', src: String(c.pin) }]);
    return { kind: 'map', flow: false, entries };
  });

const planTree: fc.Arbitrary<GMap> = fc
  .record({
    title: stringScalar,
    start: fc.constantFrom('2026-11-02', '"2027-01-04"', "'2026-12-07'"),
    capacity: fc.option(fc.integer({ min: 1, max: 40 })),
    roles: fc.array(flowMap, { maxLength: 3 }),
    components: fc.array(component, { minLength: 1, maxLength: 4 }),
  })
  .map((p): GMap => {
    const team: [string, GNode][] = [];
    if (p.capacity !== null) team.push(['capacity_per_week', { kind: 'scalar', src: String(p.capacity) }]);
    team.push(['roles', { kind: 'seq', flow: false, items: p.roles }]);
    return {
      kind: 'map',
      flow: false,
      entries: [
        ['version', { kind: 'scalar', src: '1' }],
        ['title', p.title],
        ['start', { kind: 'scalar', src: p.start }],
        ['team', { kind: 'map', flow: false, entries: team }],
        ['components', { kind: 'seq', flow: false, items: p.components }],
      ],
    };
  });

/** Decorations between lines: nothing, a blank line, or a comment line. */
const decoration = fc.constantFrom('', '', '', 'blank', 'comment');

function renderFlow(node: GNode): string {
  if (node.kind === 'scalar') return node.src;
  if (node.kind === 'seq') return `[${node.items.map(renderFlow).join(', ')}]`;
  return node.entries.length === 0 ? '{}' : `{ ${node.entries.map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ')} }`;
}

/** Renders a plan tree; `decor` supplies a decoration before each line, and a trailing comment flag. */
function render(tree: GMap, layout: Layout, decor: string[], trailing: boolean[]): string {
  let d = 0;
  const nextDecor = () => decor[d++ % decor.length] ?? '';
  const nextTrailing = () => trailing[d % trailing.length] ?? false;
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const decorate = (indent: number) => {
    const kind = nextDecor();
    if (kind === 'blank') lines.push('');
    if (kind === 'comment') lines.push(`${pad(indent)}# note ${lines.length}`);
  };
  const scalarLine = (head: string, node: GScalar, indent: number) => {
    if (node.block) {
      const [header, ...body] = node.src.split('\n');
      lines.push(`${head} ${header}`);
      for (const line of body) lines.push(`${pad(indent + layout.indent)}${line}`);
    } else {
      lines.push(`${head} ${node.src}${nextTrailing() ? '  # why' : ''}`);
    }
  };
  const mapEntries = (entries: [string, GNode][], indent: number, firstHead?: string) => {
    entries.forEach(([key, value], i) => {
      if (i > 0 || firstHead === undefined) decorate(indent);
      const head = i === 0 && firstHead !== undefined ? `${firstHead}${key}:` : `${pad(indent)}${key}:`;
      entryValue(head, value, indent);
    });
  };
  const entryValue = (head: string, value: GNode, indent: number) => {
    if (value.kind === 'scalar') scalarLine(head, value, indent);
    else if (value.flow || (value.kind === 'map' ? value.entries.length === 0 : value.items.length === 0)) {
      lines.push(`${head} ${renderFlow(value)}`);
    } else if (value.kind === 'map') {
      lines.push(head);
      mapEntries(value.entries, indent + layout.indent);
    } else {
      lines.push(head);
      seqItems(value.items, layout.flushSeqs ? indent : indent + layout.indent);
    }
  };
  const seqItems = (items: GNode[], indent: number) => {
    for (const item of items) {
      decorate(indent);
      const dash = `${pad(indent)}- `;
      if (item.kind === 'map' && !item.flow && item.entries.length > 0) mapEntries(item.entries, indent + 2, dash);
      else if (item.kind === 'scalar' && item.block) {
        const [header, ...body] = item.src.split('\n');
        lines.push(`${dash}${header}`);
        for (const line of body) lines.push(`${pad(indent + 2)}${line}`);
      } else if (item.kind === 'scalar') lines.push(`${dash}${item.src}`);
      else lines.push(`${dash}${renderFlow(item)}`);
    }
  };
  lines.push('# generated plan');
  mapEntries(tree.entries, 0);
  const eol = layout.crlf ? '\r\n' : '\n';
  return `${layout.bom ? '\uFEFF' : ''}${lines.join(eol)}${layout.finalNewline ? eol : ''}`;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom(2, 4),
  flushSeqs: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
});

const planText: fc.Arbitrary<string> = fc
  .tuple(planTree, layoutArb, fc.array(decoration, { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }))
  .map(([tree, layout, decor, trailing]) => render(tree, layout, decor, trailing));

/** New values, including ones YAML would read back as something else if written plain. */
const newValue: fc.Arbitrary<EditScalar> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.constantFrom('true', 'null', '1.10', '', 'no', 'a: b', '  lead', 'trail ', 'two\nlines', '# x', '- x', '2026-11-09', '~', '0o17', '"', "'"),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
  fc.constant(null),
);

// ---------------------------------------------------------------------------------------------

describe('generated plans', () => {
  it('are valid YAML (the generator itself)', () => {
    fc.assert(
      fc.property(planText, (text) => {
        expect(readDoc(text).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a no-op edit pass is byte-identical', () => {
  const noOpPass = (text: string) => {
    expect(mustText(applyPlanEdits(text, []), () => text)).toBe(text);
    const edits: PlanEdit[] = walk(text).scalars.map(({ path, node }) => ({ path, value: (node as { value: EditScalar }).value }));
    expect(mustText(applyPlanEdits(text, edits), () => text)).toBe(text);
  };

  it('for the example plans: every value set to itself, and unpinning what is not pinned', () => {
    for (const text of examples) {
      noOpPass(text);
      const ids = (readData(text) as { components: { id: string; pin?: number }[] }).components.filter((c) => c.pin === undefined).map((c) => c.id);
      expect(mustText(applyPlanEdits(text, ids.map((component) => ({ op: 'pin', component, week: null }))), () => text)).toBe(text);
    }
  });

  it('for generated plans with comments, CRLF and a BOM', () => {
    fc.assert(fc.property(planText, noOpPass), { numRuns: 100 });
  });
});

describe('a single set changes only the bytes of that scalar', () => {
  const property = (text: string, pick: number, value: EditScalar) => {
    const { scalars } = walk(text);
    const target = scalars[pick % scalars.length]!;
    const [start, end] = target.node.range!;
    const edited = mustText(applyPlanEdits(text, [{ path: target.path, value }]), () => `${JSON.stringify(target.path)} = ${JSON.stringify(value)}\n${text}`);
    const before = readData(text);
    const after = readData(edited);
    expect(valueAt(after, target.path)).toEqual(value);
    expect(after).toEqual(withValue(before, target.path, value));
    // Outside [start, end) of the old scalar, nothing moved.
    expect(edited.slice(0, start)).toBe(text.slice(0, start));
    expect(edited.slice(edited.length - (text.length - end))).toBe(text.slice(end));
    expectSameLineEndings(text, edited);
  };

  it('in generated plans', () => {
    fc.assert(fc.property(planText, fc.nat(), newValue, property), { numRuns: 150 });
  });

  it('in the example plans', () => {
    fc.assert(fc.property(fc.constantFrom(...examples), fc.nat(), newValue, property), { numRuns: 20 });
  });
});

describe('insert and delete keep everything else identical', () => {
  it('inserting a key is a pure insertion, and deleting it again restores the original bytes', () => {
    fc.assert(
      fc.property(planText, fc.nat(), fc.oneof(newValue, fc.constant({ a: 1, b: 'two words' })), (text, pick, value) => {
        const { maps } = walk(text);
        const target = maps[pick % maps.length]!;
        const key = 'added_key';
        const edited = mustText(applyPlanEdits(text, [{ op: 'insert', path: target.path, key, value }]), () => `${JSON.stringify(target.path)}\n${text}`);
        const { prefix, suffix } = commonEnds(text, edited);
        expect(prefix + suffix).toBe(text.length);
        expectSameLineEndings(text, edited);
        expect(readData(edited)).toEqual(withValue(readData(text), [...target.path, key], value));
        expect(mustText(applyPlanEdits(edited, [{ op: 'delete', path: target.path, key }]), () => edited)).toBe(text);
      }),
      { numRuns: 120 },
    );
  });

  it('deleting a key removes one contiguous run of text and only that key from the data', () => {
    fc.assert(
      fc.property(planText, fc.nat(), fc.nat(), (text, pickMap, pickKey) => {
        const candidates = walk(text).maps.filter((m) => isMap(m.node) && m.node.items.length > 1);
        fc.pre(candidates.length > 0);
        const target = candidates[pickMap % candidates.length]!;
        const pairs = (target.node as { items: { key: { value: string } }[] }).items;
        const key = String(pairs[pickKey % pairs.length]!.key.value);
        const edited = mustText(applyPlanEdits(text, [{ op: 'delete', path: target.path, key }]), () => `${JSON.stringify(target.path)} ${key}\n${text}`);
        const { prefix, suffix } = commonEnds(edited, text);
        expect(prefix + suffix).toBe(edited.length);
        expectSameLineEndings(text, edited);
        expect(readData(edited)).toEqual(withValue(readData(text), [...target.path, key], undefined, true));
      }),
      { numRuns: 150 },
    );
  });
});

describe('several edits at once', () => {
  it('give exactly the text of applying them one at a time', () => {
    const edit = fc.record({ pick: fc.nat(), value: newValue });
    fc.assert(
      fc.property(planText, fc.array(edit, { minLength: 2, maxLength: 5 }), (text, picks) => {
        const { scalars } = walk(text);
        const edits: PlanEdit[] = picks.map(({ pick, value }) => ({ path: scalars[pick % scalars.length]!.path, value }));
        let oneByOne = text;
        for (const e of edits) oneByOne = mustText(applyPlanEdits(oneByOne, [e]), () => oneByOne);
        expect(mustText(applyPlanEdits(text, edits), () => `${JSON.stringify(edits)}\n${text}`)).toBe(oneByOne);
      }),
      { numRuns: 60 },
    );
  });
});

describe('id-addressed edits on generated plans', () => {
  it('pin then unpin restores a plan that had no pin, byte for byte', () => {
    fc.assert(
      fc.property(planText, fc.nat(), fc.integer({ min: 1, max: 520 }), (text, pick, week) => {
        const components = (readData(text) as { components: { id: string; pin?: number }[] }).components;
        const ids = components.map((c) => c.id);
        const candidate = components[pick % components.length]!;
        fc.pre(candidate.pin === undefined && ids.filter((id) => id === candidate.id).length === 1);
        const pinned = mustText(applyPlanEdits(text, [{ op: 'pin', component: candidate.id, week }]), () => text);
        const data = readData(pinned) as { components: { id: string; pin?: number }[] };
        expect(data.components[pick % components.length]!.pin).toBe(week);
        expect(mustText(applyPlanEdits(pinned, [{ op: 'pin', component: candidate.id, week: null }]), () => pinned)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('values round-trip exactly through quoting', () => {
  const contexts = [
    { text: 'title: Plain\n', path: ['title'] },
    { text: 'r:\n  - { id: qa, title: QA }\n', path: ['r', 0, 'title'] },
    { text: 'p:\n  - a.py\n', path: ['p', 0] },
    { text: 'x: [a, b]\r\n', path: ['x', 1] },
    { text: "t: 'q'\n", path: ['t'] },
    { text: 'd: |\n  body\nn: 1\n', path: ['d'] },
  ];
  it('for any string, number, boolean or null', () => {
    fc.assert(
      fc.property(fc.constantFrom(...contexts), newValue, (ctx, value) => {
        const edited = mustText(applyPlanEdits(ctx.text, [{ path: ctx.path, value }]), () => JSON.stringify(value));
        expect(valueAt(readData(edited), ctx.path)).toEqual(value);
      }),
      { numRuns: 400 },
    );
  });
});
