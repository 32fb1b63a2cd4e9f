/**
 * `roadmap validate [plan] [--json]`: every problem in the plan, positioned, in one run.
 * Exit 0 valid (warnings allowed), 1 invalid, 3 the file could not be read.
 */
import { EXIT, UsageError, type Command } from '../command.js';
import { loadPlanForCommand } from '../plan-source.js';
import { problemsToJson, summarizeProblems } from '../format-problems.js';
import { styleFor } from '../style.js';
import { sanitizeLine, stringifyJson } from '../../core/sanitize.js';
import type { Plan } from '../../core/plan-schema.js';

const USAGE = 'roadmap validate [plan] [--json]';

const command: Command = {
  name: 'validate',
  summary: 'Check a plan and report every problem with file:line:col',
  help: `Usage: ${USAGE}

Reads the plan and reports every problem at once, each as file:line:column with the source line,
a caret under the spot and a hint: YAML syntax, unknown keys (with "did you mean"), wrong types,
impossible dates, duplicate ids, references to ids that do not exist, dependency cycles, scores
outside the scale, and more. Warnings do not fail validation.

  --json   print { file, valid, errors, warnings, problems: [{ severity, code, message, hint,
           file, line, column, path }] } on stdout (absent fields are null)

Exit codes: 0 valid, 1 invalid, 3 the file could not be read.`,
  options: {
    json: { type: 'boolean' },
  },
  async run({ io, args, options }) {
    // The only positional is the plan, so a mistyped name is "not found" (with a suggestion).
    if (args.length > 1) throw new UsageError(`validate takes one plan.\nUsage: ${USAGE}`);
    const planArg = args[0];
    const json = options.json === true;
    const result = await loadPlanForCommand(io, planArg, { quiet: json });
    const { loaded } = result;
    const valid = result.ok;
    if (json) {
      io.stdout(`${stringifyJson({ file: loaded.displayName, valid, ...problemsToJson(loaded.problems) })}\n`);
      return result.ok ? EXIT.ok : result.exitCode;
    }
    if (!result.ok) return result.exitCode;
    const style = styleFor(io);
    const warnings = loaded.problems.length;
    const verdict = warnings === 0 ? style.ok('valid') : `${style.ok('valid')} with ${summarizeProblems(loaded.problems).replace(/^0 errors, /, '')}`;
    io.stdout(`${sanitizeLine(loaded.displayName)}: ${verdict} (${counts(result.plan)})\n`);
    return EXIT.ok;
  },
};

function counts(plan: Plan): string {
  const tasks = plan.components.reduce((n, c) => n + c.tasks.length, 0);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(plan.components.length, 'component', 'components'),
    plural(tasks, 'task', 'tasks'),
    plural(plan.metrics.length, 'metric', 'metrics'),
  ].join(', ');
}

export default command;
