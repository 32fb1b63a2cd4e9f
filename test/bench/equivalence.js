#!/usr/bin/env node
/**
 * Output equivalence for performance work: writes the full schedule, folded journal and status
 * (at several `today`s) of each plan as JSON, one file per case, from the modules in dist/.
 * Run it before and after an optimisation and compare the two directories byte for byte:
 *
 *   node test/bench/equivalence.js --out /tmp/eq-before plans/*.yaml /tmp/p10k.yaml
 *   ... change src/, npm run build ...
 *   node test/bench/equivalence.js --out /tmp/eq-after plans/*.yaml /tmp/p10k.yaml
 *   diff -r /tmp/eq-before /tmp/eq-after && echo identical
 *
 * Maps and Sets are written as arrays of entries, so nothing in the folded journal is lost.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (rel) => import(pathToFileURL(path.join(ROOT, 'dist', rel)).href);

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (!values.out || positionals.length === 0) throw new Error('usage: equivalence.js --out DIR plan.yaml...');
mkdirSync(values.out, { recursive: true });

const { loadPlan } = await dist('plan/load-plan.js');
const { schedulePlan } = await dist('core/schedule.js');
const { foldJournal } = await dist('core/journal.js');
const { readJournal } = await dist('plan/journal-io.js');
const { computeStatus } = await dist('core/status.js');

const replacer = (_key, value) => {
  if (value instanceof Map) return { map: [...value.entries()] };
  if (value instanceof Set) return { set: [...value] };
  return value;
};
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

for (const file of positionals) {
  const name = path.basename(file).replace(/\.ya?ml$/, '');
  const loaded = await loadPlan(path.resolve(file), { displayName: path.basename(file) });
  if (!loaded.plan) throw new Error(`${file} does not load`);
  const plan = loaded.plan;
  const schedule = schedulePlan(plan);
  writeFileSync(path.join(values.out, `${name}.schedule.json`), JSON.stringify(schedule, replacer, 1));
  const read = await readJournal(path.resolve(file));
  const journal = foldJournal(plan, read.events, read.problems);
  writeFileSync(path.join(values.out, `${name}.journal.json`), JSON.stringify(journal, replacer, 1));
  const span = Math.max(1, Math.round((Date.parse(schedule.end) - Date.parse(schedule.start)) / 86_400_000));
  const todays = [addDays(schedule.start, -3), schedule.start, addDays(schedule.start, Math.round(span / 3)), addDays(schedule.start, Math.round((2 * span) / 3) + 1), schedule.end, addDays(schedule.end, 40)];
  for (const today of todays) {
    const status = computeStatus(plan, schedule, journal, today, { now: `${today}T12:00:00Z` });
    writeFileSync(path.join(values.out, `${name}.status-${today}.json`), JSON.stringify(status, replacer, 1));
    const plain = computeStatus(plan, schedule, journal, today);
    writeFileSync(path.join(values.out, `${name}.status-${today}-nonow.json`), JSON.stringify(plain, replacer, 1));
  }
  process.stderr.write(`${name}: ${todays.length} days\n`);
}
