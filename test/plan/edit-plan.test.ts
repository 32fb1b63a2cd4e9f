import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlanSchema } from '../../src/core/plan-schema.js';
import {
  applyPlanEdits,
  setCapacity,
  setCriterionWeight,
  setPin,
  setStart,
  type EditResult,
  type PlanEdit,
} from '../../src/plan/edit-plan.js';

const codon = readFileSync(new URL('../../plans/codon-migration.yaml', import.meta.url), 'utf8');
const crdt = readFileSync(new URL('../../plans/crdt-backup-rollout.yaml', import.meta.url), 'utf8');

/** The text, or a failure that shows the problems. */
function ok(result: EditResult): string {
  if (result.problems) throw new Error(`expected text, got problems: ${JSON.stringify(result.problems)}`);
  return result.text;
}

function codes(result: EditResult): string[] {
  if (!result.problems) throw new Error(`expected problems, got text:\n${result.text}`);
  return result.problems.map((p) => p.code);
}

const read = (text: string): unknown => parse(text, { version: '1.2', schema: 'core' });

/** `text` with `insert` added before line `lineNumber` (1-based). */
function withLineBefore(text: string, lineNumber: number, insert: string): string {
  const lines = text.split('\n');
  lines.splice(lineNumber - 1, 0, insert);
  return lines.join('\n');
}

describe('id-addressed edits on the example plans', () => {
  it('pins a component by adding one line after its last key, and unpins it back to the original bytes', () => {
    const pinned = ok(setPin(codon, 'analytics-thread-safety', 3));
    expect(codon.split('\n')[158]).toBe('    rollback: [immediate]');
    expect(pinned).toBe(withLineBefore(codon, 160, '    pin: 3'));
    expect(PlanSchema.safeParse(read(pinned)).success).toBe(true);

    const moved = ok(setPin(pinned, 'analytics-thread-safety', 4));
    expect(moved).toBe(withLineBefore(codon, 160, '    pin: 4'));
    expect(ok(setPin(moved, 'analytics-thread-safety', null))).toBe(codon);
  });

  it('unpinning a component that is not pinned changes nothing', () => {
    expect(ok(setPin(codon, 'cache', null))).toBe(codon);
  });

  it('sets a criterion weight inside a flow mapping', () => {
    const edited = ok(setCriterionWeight(codon, 'thread-safety', 2.5));
    expect(edited).toBe(
      codon.replace('{ id: thread-safety, name: Thread safety, weight: 2 }', '{ id: thread-safety, name: Thread safety, weight: 2.5 }'),
    );
  });

  it('sets, removes and adds team capacity', () => {
    expect(ok(setCapacity(codon, 12))).toBe(codon.replace('  capacity_per_week: 15\n', '  capacity_per_week: 12\n'));
    const removed = ok(setCapacity(codon, null));
    expect(removed).toBe(codon.replace('  capacity_per_week: 15\n', ''));
    const readded = ok(setCapacity(removed, 15));
    expect(read(readded)).toEqual(read(codon));
    expect(readded).toContain('    - { name: Fay, role: pm, days_per_week: 0 }\n  capacity_per_week: 15\n');
  });

  it('adds a team with its capacity to a plan that has none', () => {
    const plan = 'version: 1\nproject: p\ntitle: t\nstart: 2026-01-05\n';
    expect(ok(setCapacity(plan, 10))).toBe(`${plan}team: { capacity_per_week: 10 }\n`);
  });

  it('moves the start date keeping it plain, so YAML 1.2 reads the same string back', () => {
    const edited = ok(setStart(codon, '2026-11-09'));
    expect(edited).toBe(codon.replace('\nstart: 2026-11-02\n', '\nstart: 2026-11-09\n'));
    expect((read(edited) as { start: unknown }).start).toBe('2026-11-09');
    const quoted = 'start: "2026-11-02"\n';
    expect(ok(setStart(quoted, '2027-01-04'))).toBe('start: "2027-01-04"\n');
  });

  it('edits the second example plan too', () => {
    const edited = ok(applyPlanEdits(crdt, [
      { op: 'pin', component: 'canary-host', week: 2 },
      { op: 'criterion-weight', criterion: 'risk-reduction', weight: 3 },
      { op: 'start', date: '2026-12-14' },
    ]));
    const data = read(edited) as { start: string; components: { id: string; pin?: number }[] };
    expect(data.start).toBe('2026-12-14');
    expect(data.components.find((c) => c.id === 'canary-host')?.pin).toBe(2);
    expect(PlanSchema.safeParse(data).success).toBe(true);
    expect(edited.split('\n').length).toBe(crdt.split('\n').length + 1);
  });

  it('refuses values the plan format does not allow', () => {
    expect(codes(setPin(codon, 'cache', 0))).toEqual(['edit-invalid-value']);
    expect(codes(setPin(codon, 'cache', 2.5))).toEqual(['edit-invalid-value']);
    expect(codes(setCriterionWeight(codon, 'performance', -1))).toEqual(['edit-invalid-value']);
    expect(codes(setCapacity(codon, 0))).toEqual(['edit-invalid-value']);
    expect(codes(setStart(codon, '2026-02-30'))).toEqual(['edit-invalid-value']);
    expect(codes(applyPlanEdits(codon, [{ path: ['team', 'capacity_per_week'], value: Number.NaN }]))).toEqual(['edit-invalid-value']);
  });

  it('names ids that do not exist', () => {
    const result = setPin(codon, 'no-such-component', 2);
    expect(codes(result)).toEqual(['edit-unknown-id']);
    expect(result.problems?.[0]?.message).toContain('"no-such-component"');
    expect(codes(setCriterionWeight(codon, 'cost', 1))).toEqual(['edit-unknown-id']);
  });
});

describe('path edits keep every other byte', () => {
  const crlfBom = '\uFEFF# plan\r\nteam:\r\n  # people\r\n  capacity_per_week: 15   # full time\r\n  roles: [a, b]\r\n';

  it('keeps a BOM, CRLF line endings and trailing comments', () => {
    expect(ok(applyPlanEdits(crlfBom, [{ path: ['team', 'capacity_per_week'], value: 20 }]))).toBe(
      crlfBom.replace('15   # full time', '20   # full time'),
    );
    const inserted = ok(applyPlanEdits(crlfBom, [{ op: 'insert', path: ['team'], key: 'note', value: 'two\nlines' }]));
    expect(inserted.startsWith(crlfBom)).toBe(true);
    expect(inserted.slice(crlfBom.length)).not.toMatch(/[^\r]\n/);
    expect(read(inserted)).toEqual({ team: { capacity_per_week: 15, roles: ['a', 'b'], note: 'two\nlines' } });
    expect(ok(applyPlanEdits(inserted, [{ op: 'delete', path: ['team'], key: 'note' }]))).toBe(crlfBom);
  });

  it('inserts into and deletes from flow mappings', () => {
    const text = 'roles:\n  - { id: qa, title: QA }\n  - {}\n';
    const both = ok(applyPlanEdits(text, [
      { op: 'insert', path: ['roles', 0], key: 'count', value: 2 },
      { op: 'insert', path: ['roles', 1], key: 'id', value: 'pm' },
    ]));
    expect(both).toBe('roles:\n  - { id: qa, title: QA, count: 2 }\n  - { id: pm }\n');
    expect(ok(applyPlanEdits(both, [{ op: 'delete', path: ['roles', 0], key: 'id' }]))).toBe(
      'roles:\n  - { title: QA, count: 2 }\n  - { id: pm }\n',
    );
    expect(ok(applyPlanEdits(both, [{ op: 'delete', path: ['roles', 1], key: 'id' }]))).toBe(
      'roles:\n  - { id: qa, title: QA, count: 2 }\n  - {}\n',
    );
  });

  it('deletes the first key of a list item, moving the next key onto the dash line', () => {
    const text = 'components:\n  - pin: 3\n    id: a # first\n    title: A\n';
    expect(ok(applyPlanEdits(text, [{ op: 'delete', path: ['components', 0], key: 'pin' }]))).toBe(
      'components:\n  - id: a # first\n    title: A\n',
    );
  });

  it('deletes a key on the last line of a file without a final newline', () => {
    expect(ok(applyPlanEdits('a: 1\r\npin: 3', [{ op: 'delete', path: [], key: 'pin' }]))).toBe('a: 1');
    expect(ok(applyPlanEdits('a: 1', [{ op: 'insert', path: [], key: 'pin', value: 3 }]))).toBe('a: 1\npin: 3');
  });

  it('leaves an empty mapping, not null, when its only key is deleted', () => {
    const edited = ok(applyPlanEdits('team:\n  capacity_per_week: 15\nx: 1\n', [{ op: 'delete', path: ['team'], key: 'capacity_per_week' }]));
    expect(read(edited)).toEqual({ team: {}, x: 1 });
  });

  it('inserts after a nested block and before the comments and blank lines that follow', () => {
    const text = 'components:\n  - id: a\n    tasks:\n      - id: t\n        effort: 1\n\n  # next one\n  - id: b\n';
    expect(ok(applyPlanEdits(text, [{ op: 'pin', component: 'a', week: 1 }]))).toBe(
      'components:\n  - id: a\n    tasks:\n      - id: t\n        effort: 1\n    pin: 1\n\n  # next one\n  - id: b\n',
    );
  });

  it('applies several edits in order, later ones seeing earlier ones', () => {
    const edits: PlanEdit[] = [
      { op: 'pin', component: 'cache', week: 5 },
      { op: 'pin', component: 'cache', week: 6 },
      { path: ['title'], value: 'Codon Migration (revised)' },
    ];
    const edited = ok(applyPlanEdits(codon, edits));
    const data = read(edited) as { title: string; components: { id: string; pin?: number }[] };
    expect(data.components.find((c) => c.id === 'cache')?.pin).toBe(6);
    expect(data.title).toBe('Codon Migration (revised)');
  });

  it('applies a batch in which one value needs a second try at rendering', () => {
    // The multi-line value in a literal block list item needs a deeper indent than the first try.
    const text = 'title: T\nsteps:\n  - |\n    one\n  - two\nowner: Ana\n';
    const edited = ok(applyPlanEdits(text, [
      { path: ['title'], value: 'New' },
      { path: ['steps', 0], value: 'first\nsecond' },
      { path: ['owner'], value: 'Bo' },
    ]));
    expect(read(edited)).toEqual({ title: 'New', steps: ['first\nsecond', 'two'], owner: 'Bo' });
    expect(edited.startsWith('title: New\nsteps:\n  - |')).toBe(true);
    expect(edited.endsWith('  - two\nowner: Bo\n')).toBe(true);
  });

  it('setting a value to what it already is leaves the text alone', () => {
    expect(ok(applyPlanEdits('w: 1.0 # one\n', [{ path: ['w'], value: 1 }]))).toBe('w: 1.0 # one\n');
  });
});

describe('values that YAML would read back differently are quoted', () => {
  const tricky = [
    'true', 'false', 'null', '~', '', '1.10', '0755', '0x1F', '1e3', '.inf', '.nan', 'no', 'yes', 'on', 'off', 'y', 'n',
    '2026-11-02', '12:30:00', 'a: b', 'a #b', '#x', '- x', '[x]', '{x}', '*x', '&x', '!x', '|x', '>x', '%x', '@x', '`x',
    '"q"', "'s'", '  lead', 'trail  ', 'multi\nline', 'two\n\nbreaks\n', 'tab\there', 'a, b', 'ünïcødé ✓', 'bell\u0007', 'esc\u001b[31m',
    '---', '...', '? x', 'x\r\ny',
  ];
  const contexts: { name: string; text: string; path: (string | number)[] }[] = [
    { name: 'a block mapping value', text: 'title: Plain\nnext: 1\n', path: ['title'] },
    { name: 'a flow mapping value', text: 'roles:\n  - { id: qa, title: QA }\n', path: ['roles', 0, 'title'] },
    { name: 'a block list item', text: 'paths:\n  - a.py\n  - b.py\n', path: ['paths', 0] },
    { name: 'a flow list item', text: 'rollback: [immediate, gradual]\n', path: ['rollback', 1] },
    { name: 'a single-quoted value', text: "title: 'It''s'\n", path: ['title'] },
    { name: 'a folded block value', text: 'description: >-\n  Some long\n  text.\nnext: 1\n', path: ['description'] },
    { name: 'a literal block list item', text: 'steps:\n  - |\n    one\n\n  - two\n', path: ['steps', 0] },
  ];
  for (const ctx of contexts) {
    it(`in ${ctx.name}`, () => {
      for (const value of tricky) {
        const edited = ok(applyPlanEdits(ctx.text, [{ path: ctx.path, value }]));
        let got: unknown = read(edited);
        for (const seg of ctx.path) got = (got as Record<string | number, unknown>)[seg];
        expect(got, `${JSON.stringify(value)} in ${ctx.name}:\n${edited}`).toBe(value);
      }
    });
  }

  it('quotes strings that PyYAML (YAML 1.1) would read as booleans or dates', () => {
    expect(ok(applyPlanEdits('owner: Ana\n', [{ path: ['owner'], value: 'no' }]))).toBe('owner: "no"\n');
    expect(ok(applyPlanEdits('owner: Ana\n', [{ path: ['owner'], value: '2026-01-01' }]))).toBe('owner: "2026-01-01"\n');
    expect(ok(applyPlanEdits('owner: Ana\n', [{ path: ['owner'], value: 'Bo' }]))).toBe('owner: Bo\n');
  });

  it('writes numbers, booleans and null plain', () => {
    const text = 'a: x\nb: x\nc: x\nd: "x"\n';
    expect(ok(applyPlanEdits(text, [
      { path: ['a'], value: 3 },
      { path: ['b'], value: false },
      { path: ['c'], value: null },
      { path: ['d'], value: 0.25 },
    ]))).toBe('a: 3\nb: false\nc: null\nd: 0.25\n');
    expect(ok(applyPlanEdits(text, [{ path: ['a'], value: -0 }]))).toBe('a: 0\nb: x\nc: x\nd: "x"\n');
  });
});

describe('problems instead of damage', () => {
  it('reports paths that do not exist or do not hold what the edit needs', () => {
    expect(codes(applyPlanEdits(codon, [{ path: ['team', 'budget'], value: 1 }]))).toEqual(['edit-path-not-found']);
    expect(codes(applyPlanEdits(codon, [{ path: ['components', 99, 'pin'], value: 1 }]))).toEqual(['edit-path-not-found']);
    expect(codes(applyPlanEdits(codon, [{ path: ['team'], value: 1 }]))).toEqual(['edit-not-scalar']);
    expect(codes(applyPlanEdits(codon, [{ op: 'insert', path: ['team'], key: 'roles', value: 1 }]))).toEqual(['edit-key-exists']);
    expect(codes(applyPlanEdits(codon, [{ op: 'insert', path: ['title'], key: 'x', value: 1 }]))).toEqual(['edit-not-mapping']);
    expect(codes(applyPlanEdits(codon, [{ op: 'delete', path: ['team'], key: 'budget' }]))).toEqual(['edit-path-not-found']);
  });

  it('refuses to edit through an alias, which would change every place that uses it', () => {
    const text = 'base: &w 3\ncriteria:\n  - { id: a, weight: *w }\n';
    expect(codes(applyPlanEdits(text, [{ path: ['criteria', 0, 'weight'], value: 4 }]))).toEqual(['edit-unsupported']);
  });

  it('refuses a text that does not parse, or holds several documents', () => {
    expect(codes(applyPlanEdits('a: [1, 2\nb: 3\n', [{ path: ['b'], value: 4 }]))).toEqual(['edit-unparseable']);
    expect(codes(applyPlanEdits('a: 1\n---\na: 2\n', [{ path: ['a'], value: 4 }]))).toEqual(['edit-unparseable']);
    expect(codes(applyPlanEdits('', [{ path: ['a'], value: 4 }]))).toEqual(['edit-unparseable']);
  });

  it('refuses, with its position, an alias inside the value it names (the data would contain itself)', () => {
    const result = applyPlanEdits('a: 1\nb: &x\n  c: [*x]\n', [{ path: ['a'], value: 4 }]);
    expect(codes(result)).toEqual(['edit-unparseable']);
    expect(result.problems?.[0]).toMatchObject({ line: 3, column: 7 });
  });

  it('gives up rather than write a value that would read back differently', () => {
    // The tag forces a string: no rendering of the number 4 can survive it.
    const result = applyPlanEdits('pin: !!str 3\n', [{ path: ['pin'], value: 4 }]);
    expect(codes(result)).toEqual(['edit-verify-failed']);
    expect(result.problems?.[0]).toMatchObject({ line: 1, path: ['pin'] });
  });

  it('says which of several edits failed', () => {
    const result = applyPlanEdits(codon, [{ op: 'pin', component: 'cache', week: 2 }, { op: 'pin', component: 'nope', week: 2 }]);
    expect(result.problems?.[0]?.message).toMatch(/^edit 2 of 2: /);
  });
});
