/** Types for the plain-JS generator, so TypeScript tests can import it. */
export interface PlanMeta {
  componentIds: string[];
  taskIds: string[];
  metricIds: string[];
  start: string;
  authors: string[];
}
export function rng(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
};
export function generatePlan(options: { components: number; seed?: number; start?: string }): { text: string; meta: PlanMeta };
export function generateJournal(options: { meta: PlanMeta; events: number; seed?: number }): Map<string, string>;
export function journalDirFor(planFile: string): string;
export function authorSlug(author: string): string;
export function writePlan(options: { file: string; components: number; seed?: number; journalEvents?: number }): {
  file: string;
  journalDir: string | undefined;
  bytes: number;
  meta: PlanMeta;
};
