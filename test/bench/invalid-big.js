#!/usr/bin/env node
/**
 * Big INVALID plans (issue 8): `roadmap validate` on a generated plan with one fault injected deep
 * inside (about three quarters of the way down), as a whole process, no plan cache. Each fault
 * kind takes a different path through the loader:
 *
 *   misspelt key, wrong type   schema problems, positioned from js-yaml's events (event-locator.ts)
 *   unknown dependency, cycle  semantic problems, same
 *   syntax error               yaml reads a window around it (syntax-window.ts)
 *
 * run.js calls benchInvalidBig; on its own:
 *
 *   node test/bench/invalid-big.js [--components 40000] [--runs 1] [--keep DIR]
 *
 * prints wall time, CPU and peak RSS per fault (40,000 components is about 26 MiB). --keep writes
 * the broken plans to DIR (to compare the CLI's output with another build by hand).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePlan } from './generate-plan.js';
import { measureNode } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', '..', 'bin', 'roadmap.js');

/** Line edits on a generated plan: each returns the broken text, or throws when the shape moved. */
export const FAULTS = {
  'misspelt key': (text, at) => editLineFrom(text, at, /^ {4}title: /, (l) => l.replace('title:', 'titel:')),
  'wrong type': (text, at) => editLineFrom(text, at, /^ {8}effort: /, (l) => l.replace(/effort: .*/, 'effort: eight')),
  'unknown dependency': (text, at) => editLineFrom(text, at, /depends_on: \[/, (l) => l.replace('depends_on: [', 'depends_on: [c99999-nope, ')),
  'dependency cycle': (text, at) => cycle(text, at),
  'syntax error (unclosed {)': (text, at) => editLineFrom(text, at, /^ {4}scores: \{.*\}$/, (l) => l.slice(0, -2)),
};

function editLineFrom(text, at, pattern, edit) {
  const lines = text.split('\n');
  const from = Math.floor(lines.length * at);
  for (let i = from; i < lines.length; i++) {
    if (pattern.test(lines[i])) {
      lines[i] = edit(lines[i]);
      return lines.join('\n');
    }
  }
  throw new Error(`no line matches ${pattern} after line ${from}`);
}

/** Two neighbouring components past `at` that depend on each other. */
function cycle(text, at) {
  const lines = text.split('\n');
  const ids = [];
  for (let i = Math.floor(lines.length * at); i < lines.length && ids.length < 2; i++) {
    const m = /^ {2}- id: (\S+)$/.exec(lines[i]);
    if (m) ids.push({ line: i, id: m[1] });
  }
  if (ids.length < 2) throw new Error('no two components to tie into a cycle');
  const [a, b] = ids;
  // Insert after each id line, the later one first so line numbers stay valid.
  lines.splice(b.line + 1, 0, `    depends_on: [${a.id}]`);
  lines.splice(a.line + 1, 0, `    depends_on: [${b.id}]`);
  // A component that already had depends_on now has two: drop the generated ones of these two.
  const out = [];
  let current;
  for (const line of lines) {
    const m = /^ {2}- id: (\S+)$/.exec(line);
    if (m) current = { id: m[1], seen: false };
    if (current && (current.id === a.id || current.id === b.id) && /^ {4}depends_on: /.test(line)) {
      if (current.seen) continue;
      current.seen = true;
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * @param {object} o
 * @param {number} o.components  size of the generated plan
 * @param {number} o.runs        measured runs per fault (after none unmeasured: each run costs seconds)
 * @param {string} [o.keep]      a directory to leave the broken plans in
 * @param {(text: string) => void} [o.note]
 * @returns {object[]} rows for run.js's report
 */
export function benchInvalidBig({ components, runs, keep, note = () => {} }) {
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-invalid-'));
  mkdirSync(dir, { recursive: true });
  const rows = [];
  try {
    const { text } = generatePlan({ components, seed: 1 });
    const mib = Buffer.byteLength(text) / (1024 * 1024);
    const group = `cli: validate, ${components} components (${mib.toFixed(1)} MiB) with one fault at 3/4, no plan cache`;
    for (const [name, inject] of Object.entries(FAULTS)) {
      let broken;
      try {
        broken = inject(text, 0.75);
      } catch (err) {
        note(`invalid-big/${name}: ${err.message}; skipped`);
        continue;
      }
      const file = path.join(dir, `invalid-${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, broken);
      const result = measureNode([BIN, 'validate', file], { runs, warmup: 0, cwd: dir, env: { ROADMAP_NO_CACHE: '1' }, okStatuses: [1] });
      if (result.failure) {
        note(`invalid-big/${name}: exit ${result.failure.status ?? result.failure.signal}: ${result.failure.stderr.split('\n')[0]?.slice(0, 160)}`);
        continue;
      }
      rows.push({ group, name, ...result });
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { components: { type: 'string' }, runs: { type: 'string' }, keep: { type: 'string' } } });
  const rows = benchInvalidBig({
    components: Number(values.components ?? 40_000),
    runs: Number(values.runs ?? 1),
    keep: values.keep,
    note: (t) => process.stderr.write(`note: ${t}\n`),
  });
  for (const r of rows) {
    const rss = r.peakRssMb !== undefined ? `${r.peakRssMb.toFixed(0)} MB` : '?';
    const cpu = r.cpuMs !== undefined ? `${(r.cpuMs / 1000).toFixed(1)} s cpu` : '';
    process.stdout.write(`${r.name.padEnd(28)} ${(r.median / 1000).toFixed(1)} s  ${cpu}  peak RSS ${rss}\n`);
  }
}
