/**
 * The command table. Each entry loads its module only when invoked, so `roadmap validate` never
 * pays for the exporters, and nothing but `tui` ever loads react or ink.
 */
import type { Command } from '../command.js';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: { summary: 'Check a plan and report every problem with file:line:col', load: async () => (await import('./validate.js')).default },
  schedule: { summary: 'Score the matrix and print the phased week-by-week schedule', load: async () => (await import('./schedule.js')).default },
  schema: { summary: 'Print the JSON Schema of the plan format (for editor autocompletion)', load: async () => (await import('./schema.js')).default },
  tui: { summary: 'Open the interactive terminal UI (the default command)', load: async () => (await import('./tui.js')).default },
};
