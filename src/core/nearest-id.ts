/**
 * "Did you mean" for ids typed on the command line or found in a journal: the closest known id by
 * edit distance, only when it is close enough to be a plausible typo.
 */

/** Levenshtein distance, case-insensitive (ids are typed by hand). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** The candidate nearest to `input`, or undefined when none is near (ties: the first listed). */
export function nearestId(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    // A prefix of a long id ("plugin" for "plugin-registry") is a near miss however far it is.
    const distance = lower.length >= 3 && c.startsWith(lower) ? 1 : editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const near = nearestId(input, candidates);
  return near ? `did you mean "${near}"?` : '';
}
