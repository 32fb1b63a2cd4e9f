/**
 * Spawned by test/reliability/journal-kill-loop.test.ts, which kills it with SIGKILL at random
 * moments of an append.
 *
 *   node journal-appender.mjs <journal-io module URL> <plan file> <author> <tag>
 *
 * Loads, prints `loaded`, waits for a line on stdin, then appends events to the author's journal
 * for ever: alternately a large one (a baseline event carrying 128 KiB, so one write(2) is long
 * enough to be interrupted) and a small status note. After each append returns it prints
 * `ok <name>`, so the test knows which appends completed; after the first, also `ready <ms>`.
 */
const [moduleUrl, planFile, author, tag] = process.argv.slice(2);
if (!moduleUrl || !planFile || !author || !tag) {
  process.stderr.write('usage: journal-appender.mjs <module URL> <plan> <author> <tag>\n');
  process.exit(2);
}
const { appendEvents } = await import(moduleUrl);
process.stdout.write('loaded\n');
await new Promise((resolve) => process.stdin.once('data', resolve));

const big = 'x'.repeat(128 * 1024);
for (let i = 0; ; i++) {
  const name = `${tag}-${i}`;
  const at = new Date(Date.UTC(2026, 10, 4, 9, 0, 0) + i * 1000).toISOString();
  const event =
    i % 2 === 0
      ? { type: 'baseline', name, data: { pad: big }, at, by: author }
      : { type: 'note', target: name, text: `small ${name}`, at, by: author };
  const started = performance.now();
  await appendEvents(planFile, author, [event]);
  process.stdout.write(`ok ${name}\n`);
  if (i === 0) process.stdout.write(`ready ${Math.ceil(performance.now() - started)}\n`);
}
