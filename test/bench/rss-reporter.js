/**
 * Loaded with `node --import` when /usr/bin/time is missing: records the process's peak RSS (KiB)
 * and CPU seconds (user, system), as GNU time's `%M %U %S`, in the file named by
 * ROADMAP_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.ROADMAP_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
    } catch {
      // A benchmark without an RSS figure is still a benchmark.
    }
  });
}
