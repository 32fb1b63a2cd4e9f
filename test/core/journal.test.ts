import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EventSchema, fastEvent, foldJournal, instantMs, parseJournalLine, serialiseEvent, type JournalEvent, type JournalState, type StatusEvent } from '../../src/core/journal.js';
import { events, measure, plan, status } from './status-fixture.js';

/** Everything a report could see, as plain JSON (Maps flattened). */
function snapshot(state: JournalState): string {
  return JSON.stringify({
    events: state.events.map(serialiseEvent),
    statuses: [...state.statuses].sort(),
    changes: state.changes,
    ruleEvents: [...state.ruleEvents].sort(),
    measurements: [...state.measurements].sort(),
    notes: state.notes,
    conflicts: state.conflicts,
    problems: state.problems,
    authors: state.authors,
  });
}

describe('parseJournalLine', () => {
  test('reads a status event and normalises its time to UTC', () => {
    const parsed = parseJournalLine('{"v":1,"seq":1,"at":"2026-11-04T10:00:00+01:00","by":"Ana","type":"status","target":"config","status":"done"}');
    expect(parsed).toMatchObject({ ok: true, event: { at: '2026-11-04T09:00:00.000Z', status: 'done' } });
  });

  test('reports, never throws, on broken lines', () => {
    expect(parseJournalLine('{"v":1,"seq":1', { file: 'a.jsonl', line: 3 })).toMatchObject({
      ok: false,
      problem: { code: 'journal-bad-line', file: 'a.jsonl', line: 3 },
    });
    expect(parseJournalLine('{"v":1,"seq":1,"at":"yesterday","by":"Ana","type":"note","target":"x","text":"t"}')).toMatchObject({
      ok: false,
      problem: { code: 'journal-bad-event' },
    });
    expect(parseJournalLine('{"v":2,"seq":1}')).toMatchObject({ ok: false, problem: { code: 'journal-version', severity: 'warning' } });
    expect(parseJournalLine('{"v":1,"seq":1,"at":"2026-11-04T09:00:00Z","by":"Ana","type":"status","target":"x","status":"finished"}')).toMatchObject({
      ok: false,
    });
  });

  test('serialise then parse gives the same event', () => {
    const [event] = events([{ type: 'measure', metric: 'speedup', value: 42.5, at: '2026-11-04T09:00:00.000Z', by: 'Bo', evidence: { path: 'b.json', sha256: 'a'.repeat(64) } }]);
    expect(parseJournalLine(serialiseEvent(event!))).toEqual({ ok: true, event });
  });
});

test('the hand-written fast path never accepts what the schema refuses', () => {
  const anything = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.string({ maxLength: 3 }), fc.constant(''), fc.constant('x'.repeat(201)), fc.constant([]), fc.constant({}));
  const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: anything, weight: 1 });
  const raw = fc.record(
    {
      v: field(fc.constant(1)),
      seq: field(fc.nat()),
      at: field(fc.oneof(fc.constant('2026-11-04T09:00:00.000Z'), fc.constant('2026-02-30T09:00:00.000Z'), fc.constant('2026-11-04T09:00:00Z'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()))),
      by: field(fc.constantFrom('Ana', 'Bo')),
      type: field(fc.constantFrom('status', 'measure', 'note', 'standup', 'baseline', 'other')),
      target: field(fc.constantFrom('core', 'registry')),
      status: field(fc.constantFrom('done', 'rolled-back', 'finished')),
      metric: field(fc.constant('speedup')),
      value: field(fc.oneof(fc.double(), fc.constant(Number.NaN))),
      evidence: field(fc.record({ path: field(fc.constant('a.json')), sha256: field(fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'abc')) }, { requiredKeys: [] })),
      source: field(fc.constantFrom('manual', 'junit', 'ci')),
      note: field(fc.string({ maxLength: 5 })),
      text: field(fc.string({ maxLength: 5 })),
      name: field(fc.constant('v1')),
      data: anything,
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(raw, (r) => {
      if (fastEvent(r) !== undefined) expect(EventSchema.safeParse(r).success).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('the fast path takes exactly the canonical times that name a real instant, and reads them as Date.parse does', () => {
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const at = fc
    .tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two(13), two(32), two(25), two(61), two(61), fc.integer({ min: 0, max: 999 }))
    .map(([y, m, d, h, mi, s, ms]) => `${y}-${m}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`);
  const real = (text: string) => {
    const t = new Date(text);
    return !Number.isNaN(t.getTime()) && t.toISOString() === text;
  };
  const event = (text: string) => ({ v: 1, seq: 1, at: text, by: 'ana', type: 'note', target: 'x', text: 'hi' });
  fc.assert(
    fc.property(at, (text) => {
      expect(fastEvent(event(text)) !== undefined).toBe(real(text));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.oneof(at, fc.string({ maxLength: 30 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (text) => {
      expect(Object.is(instantMs(text), Date.parse(text))).toBe(true);
    }),
    { numRuns: 3000 },
  );
  for (const text of ['2024-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
    expect(fastEvent(event(text)) !== undefined).toBe(real(text));
  }
});

describe('foldJournal', () => {
  test('the latest status wins, and a component status applies to each of its tasks', () => {
    const state = foldJournal(
      plan,
      events([
        status('core', 'doing', '2026-11-02T09:00:00.000Z'),
        status('registry', 'done', '2026-11-03T16:00:00.000Z', 'Ana', 'merged'),
      ]),
    );
    expect(state.statuses.get('registry')).toMatchObject({ status: 'done', note: 'merged', by: 'Ana' });
    expect(state.statuses.get('config')).toMatchObject({ status: 'doing', via: 'core' });
    expect(state.problems).toEqual([]);
  });

  test('a component without tasks carries its own status', () => {
    const state = foldJournal(plan, events([status('docs', 'done', '2026-11-13T12:00:00.000Z')]));
    expect(state.statuses.get('docs')?.status).toBe('done');
  });

  test('unknown task and metric ids are reported with a suggestion and skipped', () => {
    const state = foldJournal(
      plan,
      events([status('regsitry', 'done', '2026-11-03T10:00:00.000Z'), measure('speedp', 3, '2026-11-03T10:00:00.000Z')]).map((e, i) => ({
        ...e,
        origin: { file: 'plan.journal/ana.jsonl', line: i + 1 },
      })),
    );
    expect(state.statuses.size).toBe(0);
    expect(state.problems).toEqual([
      expect.objectContaining({ code: 'journal-unknown-target', hint: 'did you mean "registry"?', file: 'plan.journal/ana.jsonl', line: 1 }),
      expect.objectContaining({ code: 'journal-unknown-metric', hint: 'did you mean "speedup"?', line: 2 }),
    ]);
  });

  test('rolled-back is only for rollback rules, and rules only take rolled-back', () => {
    const state = foldJournal(
      plan,
      events([status('config', 'rolled-back', '2026-11-03T10:00:00.000Z'), status('fast', 'done', '2026-11-03T10:00:00.000Z'), status('fast', 'rolled-back', '2026-11-03T11:00:00.000Z')]),
    );
    expect(state.problems.map((p) => p.code)).toEqual(['journal-bad-status', 'journal-bad-status']);
    expect(state.ruleEvents.get('fast')).toEqual([expect.objectContaining({ status: 'rolled-back' })]);
  });

  test('two authors disagreeing within a minute is a conflict listing both, not a silent overwrite', () => {
    const state = foldJournal(
      plan,
      events([status('config', 'done', '2026-11-05T10:00:10.000Z', 'Ana'), status('config', 'blocked', '2026-11-05T10:00:40.000Z', 'Bo')]),
    );
    expect(state.conflicts).toEqual([
      {
        target: 'config',
        kept: 'blocked',
        entries: [
          { by: 'Ana', status: 'done', at: '2026-11-05T10:00:10.000Z' },
          { by: 'Bo', status: 'blocked', at: '2026-11-05T10:00:40.000Z' },
        ],
      },
    ]);
    expect(state.problems).toEqual([expect.objectContaining({ code: 'journal-conflict', severity: 'warning' })]);
    expect(state.problems[0]!.message).toContain('Ana said done');
    expect(state.problems[0]!.message).toContain('Bo said blocked');
  });

  test('agreement, or disagreement a minute apart, is not a conflict', () => {
    const state = foldJournal(
      plan,
      events([
        status('config', 'done', '2026-11-05T10:00:00.000Z', 'Ana'),
        status('config', 'done', '2026-11-05T10:00:20.000Z', 'Bo'),
        status('registry', 'doing', '2026-11-05T10:00:00.000Z', 'Ana'),
        status('registry', 'done', '2026-11-05T10:01:00.000Z', 'Bo'),
      ]),
    );
    expect(state.conflicts).toEqual([]);
  });

  test('read problems are carried through to the state', () => {
    const state = foldJournal(plan, [], [{ severity: 'error', code: 'journal-torn-line', message: 'torn', file: 'x', line: 9 }]);
    expect(state.problems.map((p) => p.code)).toEqual(['journal-torn-line']);
  });

  const targets = ['registry', 'config', 'handlers', 'core', 'api', 'docs', 'fast', 'nope'];
  const statuses = ['todo', 'doing', 'done', 'blocked', 'skipped', 'rolled-back'] as const;
  const authors = ['Ana', 'Bo', 'Chen'];
  // Few distinct minutes so that ties on `at` (and conflicts) are common.
  const instant = fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2026, 10, 2, 9, m * 3, m % 2 ? 30 : 0)).toISOString());
  const newEvent = fc.oneof(
    fc.record({ type: fc.constant('status' as const), target: fc.constantFrom(...targets), status: fc.constantFrom(...statuses), at: instant, by: fc.constantFrom(...authors) }),
    fc.record({ type: fc.constant('measure' as const), metric: fc.constantFrom('speedup', 'error-rate', 'coverage', 'x'), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }), at: instant, by: fc.constantFrom(...authors) }),
    fc.record({ type: fc.constant('note' as const), target: fc.constantFrom(...targets), text: fc.string({ maxLength: 8 }), at: instant, by: fc.constantFrom(...authors) }),
  );

  test('conflicts are exactly the groups of status events on a target linked by disagreement within a minute', () => {
    // The definition, pair by pair: the fold skips targets whose neighbours are all a minute apart.
    const reference = (state: ReturnType<typeof foldJournal>) => {
      const byTarget = new Map<string, StatusEvent[]>();
      for (const e of state.events) if (e.type === 'status') byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
      return [...byTarget.keys()].sort().flatMap((target) => {
        const list = byTarget.get(target)!;
        const group = list.map((_, i) => i);
        const root = (i: number): number => (group[i] === i ? i : root(group[i]!));
        list.forEach((a, i) =>
          list.forEach((b, j) => {
            if (j > i && Math.abs(Date.parse(b.at) - Date.parse(a.at)) < 60_000 && a.by !== b.by && a.status !== b.status) group[root(j)] = root(i);
          }),
        );
        const groups = new Map<number, StatusEvent[]>();
        list.forEach((e, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), e]));
        return [...groups.values()]
          .filter((g) => g.length > 1)
          .map((g) => ({ target, entries: g.map((e) => ({ by: e.by, status: e.status, at: e.at })), kept: g.at(-1)!.status }));
      });
    };
    fc.assert(
      fc.property(fc.array(newEvent, { maxLength: 40 }), (list) => {
        const state = foldJournal(plan, events(list));
        expect(state.conflicts).toEqual(reference(state));
      }),
      { numRuns: 200 },
    );
  });

  test('folding is independent of the order events (and files) are read in', () => {
    fc.assert(
      fc.property(fc.array(newEvent, { maxLength: 40 }), fc.integer(), (list, seed) => {
        const all: JournalEvent[] = events(list);
        // Per-author files, read in any order, each possibly in any order inside.
        const shuffled = fc.sample(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), { seed, numRuns: 1 })[0]!;
        expect(snapshot(foldJournal(plan, shuffled))).toBe(snapshot(foldJournal(plan, all)));
        expect(snapshot(foldJournal(plan, [...all].reverse()))).toBe(snapshot(foldJournal(plan, all)));
      }),
      { numRuns: 200 },
    );
  });
});
