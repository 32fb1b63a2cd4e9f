/**
 * A problem found in a plan, a journal or an imported file. Problems are data, never throws:
 * every loader returns the full list so the user can fix them all in one pass.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable, kebab-case identifier; tests and scripts key on it. */
  code: string;
  message: string;
  /** What to do about it, e.g. `did you mean "cache"?`. */
  hint?: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Path inside the document, e.g. ['components', 3, 'depends_on', 0]. */
  path?: (string | number)[];
}

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');

export function problem(
  code: string,
  message: string,
  extra: Partial<Omit<Problem, 'code' | 'message'>> = {},
): Problem {
  return { severity: 'error', code, message, ...extra };
}
