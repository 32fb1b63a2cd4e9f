/**
 * Loaded with `node --import` when /usr/bin/time is missing: records the process's peak RSS (KiB,
 * like GNU time's %M) in the file named by ROADMAP_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.ROADMAP_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // A benchmark without an RSS figure is still a benchmark.
    }
  });
}
