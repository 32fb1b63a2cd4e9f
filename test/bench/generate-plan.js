#!/usr/bin/env node
/**
 * Seeded generator of realistic, valid roadmap plans (and journals) of any size, for benchmarks
 * and differential tests. The same (components, seed) always gives the same bytes.
 *
 *   node test/bench/generate-plan.js --components 10000 [--seed 1] [--out plan.yaml]
 *                                    [--journal-events 100000]   (writes <plan>.journal/*.jsonl)
 *
 * What "realistic" means here: ~10 fields per component in a mix of block and flow style (as people
 * write them), 1-3 tasks with steps, dependencies only on earlier components of the same or an
 * earlier phase (so the plan is schedulable), criteria scores, a few pins, metrics and rollback rules.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** mulberry32: small, fast, and good enough to make varied but reproducible plans. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const NOUNS = [
  'auth', 'cache', 'stream', 'planner', 'registry', 'metrics', 'gateway', 'indexer', 'scheduler', 'billing',
  'search', 'session', 'storage', 'queue', 'router', 'importer', 'exporter', 'profile', 'audit', 'config',
];
const VERBS = ['Refactor', 'Migrate', 'Harden', 'Optimise', 'Replace', 'Split', 'Instrument', 'Validate', 'Port', 'Document'];
const ADJECTIVES = ['thread-safe', 'typed', 'explicit', 'lock-free', 'incremental', 'compiled', 'batched', 'cached'];
const TIERS = ['critical', 'high', 'medium', 'low'];
const CRITERIA = [
  { id: 'compatibility', name: 'Compatibility issues', weight: 3 },
  { id: 'performance', name: 'Performance impact', weight: 3 },
  { id: 'thread-safety', name: 'Thread safety', weight: 2 },
  { id: 'business-value', name: 'Business value', weight: 2 },
];
const WEIGHT_SUM = CRITERIA.reduce((s, c) => s + c.weight, 0);
const TIER_MIN = { critical: 4.5, high: 3.5, medium: 3.0 };
const ROLLBACK_RULES = ['immediate', 'planned', 'gradual'];
const AUTHORS = ['Ana', 'Bo', 'Chen', 'Dara', 'Eli'];

/** The weighted score rounded to one digit, as the default scorer and tiers read the plan. */
function tierOf(scores) {
  const raw = CRITERIA.reduce((s, c, i) => s + c.weight * scores[i], 0) / WEIGHT_SUM;
  const value = Math.round(raw * 10) / 10;
  if (value >= TIER_MIN.critical) return 0;
  if (value >= TIER_MIN.high) return 1;
  if (value >= TIER_MIN.medium) return 2;
  return 3;
}
/** Phases: p1 critical, p2 high, p3 medium and low. */
const phaseOf = (tierIndex) => Math.min(tierIndex, 2);

const pad = (n, width) => String(n).padStart(width, '0');
const title = (r, noun, i) => `${r.pick(VERBS)} ${noun} ${r.pick(ADJECTIVES)} layer ${i}`;

/**
 * Returns { text, meta } where meta lists the ids a journal can refer to.
 * `components` >= 1; `seed` any integer.
 */
export function generatePlan({ components: count, seed = 1, start = '2026-11-02' }) {
  if (!Number.isInteger(count) || count < 1) throw new Error('components must be a positive integer');
  const r = rng(seed);
  const width = Math.max(5, String(count).length);
  const metricCount = Math.min(200, 10 + Math.floor(count / 100));
  const metricIds = Array.from({ length: metricCount }, (_, i) => `m-${pad(i + 1, 3)}`);
  const memberCount = Math.min(300, Math.max(3, Math.ceil(count / 40)));
  const members = Array.from({ length: memberCount }, (_, i) => `Person ${pad(i + 1, 3)}`);

  const ids = [];
  const indexOf = new Map();
  const phases = [];
  const depths = [];
  const taskIds = [];
  let totalEffort = 0;
  let highRisk = 0;
  const body = [];

  for (let i = 0; i < count; i++) {
    const noun = r.pick(NOUNS);
    const id = `c${pad(i + 1, width)}-${noun}`;
    // Scores are skewed so that every tier is well represented.
    const bias = r.next();
    const scores = CRITERIA.map(() => Math.max(1, Math.min(5, Math.round(1 + bias * 4 + (r.next() - 0.5) * 2))));
    const phase = phaseOf(tierOf(scores));
    const riskLevel = r.pick(['low', 'low', 'medium', 'medium', 'high']);
    if (riskLevel === 'high') highRisk++;

    // Dependencies: recent earlier components in the same or an earlier phase, chains kept short.
    const deps = [];
    if (i > 0 && r.chance(0.6)) {
      const wanted = r.int(1, 2);
      for (let attempt = 0; attempt < 6 && deps.length < wanted; attempt++) {
        const j = i - r.int(1, Math.min(i, 60));
        if (phases[j] <= phase && depths[j] < 4 && !deps.includes(ids[j])) deps.push(ids[j]);
      }
    }
    depths.push(deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depths[indexOf.get(d)])));
    indexOf.set(id, i);
    ids.push(id);
    phases.push(phase);

    const lines = [`  - id: ${id}`, `    title: ${title(r, noun, i + 1)}`];
    if (r.chance(0.1)) {
      lines.push('    description: >-', `      Move the ${noun} code path to the new runtime without changing`, `      its public behaviour; keep the old path behind a flag for ${r.int(1, 4)} weeks.`);
    }
    if (r.chance(0.3)) lines.push(`    group: "Workstream ${r.int(1, 12)}: ${noun}"`);
    lines.push(`    impact: ${r.pick(['low', 'medium', 'high'])}`);
    if (r.chance(0.3)) lines.push(`    impact_note: ${r.pick(['High revenue impact', 'Essential for production stability', 'Enhancement opportunities'])}`);
    if (r.chance(0.7)) {
      lines.push(`    risk: { level: ${riskLevel}, mitigation: Feature flag and canary }`);
    } else {
      lines.push('    risk:', `      level: ${riskLevel}`, `      mitigation: 'Rollback switch, owner''s runbook'`, `      monitoring: ${noun} dashboards`);
    }
    lines.push(`    scores: { ${CRITERIA.map((c, k) => `${c.id}: ${scores[k]}`).join(', ')} }`);
    if (deps.length > 0) lines.push(`    depends_on: [${deps.join(', ')}]`);
    if (deps.length === 0 && phase === 0 && r.chance(0.05)) lines.push(`    pin: ${r.int(1, 2)}`);
    lines.push(`    owner: ${r.pick(members)}`);
    lines.push(`    paths: [server/${noun}/module_${i + 1}.py${r.chance(0.2) ? `, server/${noun}/tests/test_${i + 1}.py` : ''}]`);
    if (r.chance(0.25)) lines.push('    objectives:', `      - ${r.pick(VERBS)} the ${noun} entry points`, `      - Keep p99 latency within ${r.int(5, 50)}% of today`);

    lines.push('    tasks:');
    const taskCount = r.pick([1, 1, 1, 2, 2, 3]);
    for (let k = 1; k <= taskCount; k++) {
      const taskId = `${id}-t${k}`;
      const effort = r.pick([1, 2, 3, 3, 5, 6, 0.5, 8]);
      totalEffort += effort;
      taskIds.push(taskId);
      lines.push(`      - id: ${taskId}`, `        title: ${r.pick(VERBS)} ${noun} part ${k}`, `        effort: ${effort}`);
      if (r.chance(0.5)) lines.push(`        owner: ${r.pick(members)}`);
      if (r.chance(0.2)) lines.push(`        steps: [Write the tests, Make the change, "Benchmark: before and after"]`);
      else if (r.chance(0.1)) lines.push('        steps:', '          - Write the tests', '          - Make the change');
    }
    const success = r.next();
    if (success < 0.4) lines.push('    success:', `      - ${noun} behaves the same under the new runtime`);
    else if (success < 0.6) lines.push(`    success: [{ text: Target met for ${noun}, metric: ${r.pick(metricIds)} }]`);
    lines.push(`    rollback: [${r.pick(ROLLBACK_RULES)}]`);
    body.push(lines.join('\n'));
  }

  const capacity = Math.max(15, Math.ceil(totalEffort / 60));
  const maxHighRiskStarts = Math.max(1, Math.ceil(highRisk / 40));
  const header = [
    '# Generated by test/bench/generate-plan.js: a synthetic plan for benchmarks.',
    'version: 1',
    `project: Synthetic-${count}`,
    `title: "Synthetic migration: ${count} components"`,
    'description: >-',
    '  A generated plan with the shape of a real migration matrix, used to measure how roadmap',
    '  scales. Regenerate it with the same seed to get the same bytes.',
    `start: ${start}`,
    '',
    'calendar:',
    '  workdays: [mon, tue, wed, thu, fri]',
    '  holidays:',
    '    - { date: 2026-12-25, name: Christmas Day }',
    '    - 2027-01-01',
    '  freezes:',
    '    - { start: 2027-06-28, end: 2027-07-02, name: Mid-year release freeze }',
    '',
    'team:',
    `  capacity_per_week: ${capacity}`,
    '  roles:',
    '    - { id: dev, title: Developers, count: { min: 3, max: 400 } }',
    '    - { id: qa, title: QA Engineers, count: 2 }',
    '  members:',
    ...members.map((m, i) => (i % 10 === 9 ? `    - { name: ${m}, role: qa, days_per_week: 2.5 }` : `    - { name: ${m}, role: dev }`)),
    '',
    'scoring:',
    '  scorer: weighted',
    '  scale: { min: 1, max: 5 }',
    '  criteria:',
    ...CRITERIA.map((c) => `    - { id: ${c.id}, name: ${c.name}, weight: ${c.weight} }`),
    `  tiers: { critical: ${TIER_MIN.critical}, high: ${TIER_MIN.high}, medium: ${TIER_MIN.medium.toFixed(1)} }`,
    '',
    'phases:',
    '  - { id: p1, title: Critical Priority Components, tiers: [critical] }',
    '  - { id: p2, title: High Priority Components, tiers: [high] }',
    '  - { id: p3, title: Medium Priority Components, tiers: [medium, low] }',
    '',
    'scheduling:',
    '  phase_gates: true',
    `  max_high_risk_starts_per_week: ${maxHighRiskStarts}`,
    '',
    'components:',
  ];
  const metrics = [
    'metrics:',
    ...metricIds.map((m, i) => {
      const unit = i % 3 === 0 ? '"%"' : 'x';
      if (i % 4 === 0) {
        return [`  - id: ${m}`, `    name: Metric ${i + 1}`, '    category: quality', `    unit: ${unit}`, '    target: "<= 1"', '    breach: "> 5"', `    rollback: ${ROLLBACK_RULES[i % 3]}`].join('\n');
      }
      return `  - { id: ${m}, name: Metric ${i + 1}, category: performance, unit: ${unit}, target: ">= ${10 * (i + 1)}", baseline: 1 }`;
    }),
  ];
  const rollback = [
    'rollback:',
    '  - id: immediate',
    '    title: Immediate Rollback (Critical Issues)',
    '    detection: Automated monitoring alerts',
    '    deadlines: { assess: 15m, decide: 30m, execute: 1h }',
    '    action: abort',
    '    triggers:',
    `      - { metric: ${metricIds[0]}, condition: "> 1" }`,
    '    steps: [Impact analysis, Rollback decision, Roll back to the last release]',
    '  - id: planned',
    '    title: Planned Rollback (Performance Issues)',
    '    deadlines: { assess: 1h, decide: 2h, execute: 4h }',
    '    action: pause',
    '    phases: [p2]',
    '  - id: gradual',
    '    title: Gradual Rollback (Quality Issues)',
    '    deadlines: { assess: 4h, decide: 8h, execute: 24h }',
    '    action: pause',
    '    phases: [p3]',
    '    triggers:',
    `      - { metric: ${metricIds[1]}, condition: "< 90", consecutive: 2 }`,
  ];
  const footer = [
    'validation:',
    '  daily: [Automated testing, Performance benchmarks]',
    '  weekly: [Comprehensive testing, Risk assessment]',
    '',
    'infrastructure:',
    '  - "Build: reproducible CI images"',
  ];
  const text = `${[header.join('\n'), body.join('\n\n'), '', metrics.join('\n'), '', rollback.join('\n'), '', footer.join('\n')].join('\n')}\n`;
  return { text, meta: { componentIds: ids, taskIds, metricIds, start, authors: AUTHORS } };
}

/**
 * A journal of `events` events spread over the authors, as { author -> JSONL text } in the
 * journal format of src/core/journal.ts (v 1, per-author seq, UTC instants, one event per line).
 */
export function generateJournal({ meta, events, seed = 1 }) {
  const r = rng(seed ^ 0x5eed);
  const lines = new Map(meta.authors.map((a) => [a, []]));
  const seqs = new Map(meta.authors.map((a) => [a, 0]));
  let t = Date.parse(`${meta.start}T08:00:00.000Z`);
  const statuses = ['doing', 'done', 'doing', 'done', 'blocked', 'todo', 'skipped'];
  for (let i = 0; i < events; i++) {
    t += r.int(1, 600) * 1000;
    const by = r.pick(meta.authors);
    const seq = seqs.get(by) + 1;
    seqs.set(by, seq);
    const base = { v: 1, seq, at: new Date(t).toISOString(), by };
    const roll = r.next();
    let event;
    if (roll < 0.6) event = { ...base, type: 'status', target: r.pick(meta.taskIds), status: r.pick(statuses) };
    else if (roll < 0.9) event = { ...base, type: 'measure', metric: r.pick(meta.metricIds), value: Math.round(r.next() * 2000) / 10, source: 'manual' };
    else event = { ...base, type: 'note', target: r.pick(meta.componentIds), text: `Checked in with the owner (${i})` };
    lines.get(by).push(JSON.stringify(event));
  }
  return new Map([...lines].map(([author, l]) => [author, l.length > 0 ? `${l.join('\n')}\n` : '']));
}

/** `<dir>/<name>.journal/<author-slug>.jsonl`, as the journal I/O lays it out. */
export function journalDirFor(planFile) {
  return path.join(path.dirname(planFile), `${path.basename(planFile).replace(/\.ya?ml$/i, '')}.journal`);
}

export const authorSlug = (author) => author.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'author';

/** Writes the plan (and optionally its journal) and returns the paths. */
export function writePlan({ file, components, seed = 1, journalEvents = 0 }) {
  const { text, meta } = generatePlan({ components, seed });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  let journalDir;
  if (journalEvents > 0) {
    journalDir = journalDirFor(file);
    mkdirSync(journalDir, { recursive: true });
    for (const [author, jsonl] of generateJournal({ meta, events: journalEvents, seed })) {
      writeFileSync(path.join(journalDir, `${authorSlug(author)}.jsonl`), jsonl);
    }
  }
  return { file, journalDir, bytes: Buffer.byteLength(text), meta };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      components: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'journal-events': { type: 'string', default: '0' },
    },
  });
  const components = Number(values.components);
  const seed = Number(values.seed);
  const journalEvents = Number(values['journal-events']);
  if (!values.out) {
    if (journalEvents > 0) throw new Error('--journal-events needs --out (the journal sits beside the plan)');
    process.stdout.write(generatePlan({ components, seed }).text);
  } else {
    const written = writePlan({ file: values.out, components, seed, journalEvents });
    process.stderr.write(`wrote ${written.file} (${(written.bytes / 1e6).toFixed(2)} MB)${written.journalDir ? ` and ${written.journalDir}/` : ''}\n`);
  }
}
