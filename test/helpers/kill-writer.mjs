/**
 * Spawned by test/plan/kill-loop.test.ts, which kills it with SIGKILL at random moments.
 *
 *   node kill-writer.mjs <atomic-write module URL> <target file> <file with A> <file with B>
 *
 * Loads, prints `loaded`, and waits for a line on stdin (so the test can start the next writer
 * while killing the current one: Node's start-up would otherwise dominate the test's time). Then
 * writes A and B alternately to the target through writeFileAtomic, for ever. After the first
 * write completes it prints `ready <ms that write took>` so the test knows how long a write lasts
 * (to spread its kills over whole writes).
 */
import { readFileSync } from 'node:fs';

const [moduleUrl, target, fileA, fileB] = process.argv.slice(2);
if (!moduleUrl || !target || !fileA || !fileB) {
  process.stderr.write('usage: kill-writer.mjs <module URL> <target> <A> <B>\n');
  process.exit(2);
}
const { writeFileAtomic } = await import(moduleUrl);
const contents = [readFileSync(fileA), readFileSync(fileB)];
process.stdout.write('loaded\n');
await new Promise((resolve) => process.stdin.once('data', resolve));

for (let i = 0; ; i++) {
  const started = performance.now();
  await writeFileAtomic(target, contents[i % 2]);
  if (i === 0) process.stdout.write(`ready ${Math.ceil(performance.now() - started)}\n`);
}
