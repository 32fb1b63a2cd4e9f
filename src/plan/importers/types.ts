/** What every importer returns: values to record (or problems), never a throw. */
import type { Problem } from '../../core/problem.js';

export type ImportFormat = 'coverage' | 'junit' | 'bench';

export interface ImportedValue {
  /**
   * What the value is, so the importer's caller can pick the plan metric:
   * coverage -> the coverage metric; error-rate / pass-count -> from JUnit; bench -> `metric` names it.
   */
  kind: 'coverage' | 'error-rate' | 'pass-count' | 'bench';
  /** Set by formats that name their metric (bench). */
  metric?: string;
  value: number;
  /** How the value was derived, for the user: "lines 52.94 % (9 of 17)". */
  detail: string;
  note?: string;
}

export interface ImportResult {
  format: ImportFormat | undefined;
  values: ImportedValue[];
  problems: Problem[];
}
