/**
 * The command table. Each entry loads its module only when invoked, so `roadmap validate` never
 * pays for the exporters, and nothing but `tui` ever loads react or ink.
 */
import type { Command } from '../command.js';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: { summary: 'Check a plan and report every problem with file:line:col', load: async () => (await import('./validate.js')).default },
  schedule: { summary: 'Score the matrix and print the phased week-by-week schedule', load: async () => (await import('./schedule.js')).default },
  schema: { summary: 'Print the JSON Schema of the plan format (for editor autocompletion)', load: async () => (await import('./schema.js')).default },
  track: { summary: 'Record the status of a task, a component (all its tasks) or a rollback rule', load: async () => (await import('./track.js')).default },
  metric: { summary: 'Record a measurement of a success metric, with evidence', load: async () => (await import('./metric.js')).default },
  import: { summary: 'Record measurements from coverage-summary.json, JUnit XML or roadmap.bench/v1 files', load: async () => (await import('./import.js')).default },
  status: { summary: 'Show health, firing rollbacks, progress, late/blocked work and metrics', load: async () => (await import('./status.js')).default },
  standup: { summary: 'Write the daily standup: blockers, done, today, at risk, metrics, scope, who is quiet', load: async () => (await import('./standup.js')).default },
  export: { summary: 'Write the roadmap as Markdown, JSON, CSV, iCalendar, Mermaid gantt or HTML', load: async () => (await import('./export.js')).default },
  baseline: { summary: 'Save the schedule as a baseline, list baselines, and diff actuals and projection against one', load: async () => (await import('./baseline.js')).default },
  tui: { summary: 'Open the interactive terminal UI (the default command)', load: async () => (await import('./tui.js')).default },
};
