/**
 * `roadmap schema [--out FILE]`: the plan format as JSON Schema (draft 2020-12), for editors.
 * With --out the file is written atomically, and only over nothing or an earlier plan schema.
 */
import { EXIT, UsageError, type Command } from '../command.js';
import { PLAN_SCHEMA_ID, planJsonSchemaText } from '../../core/plan-json-schema.js';
import { formatProblems } from '../format-problems.js';
import { resolveOutputPath } from '../../plan/paths.js';
import { readHead, writeFileAtomic } from '../../plan/atomic-write.js';
import { problem, type Problem } from '../../core/problem.js';
import { sanitizeLine } from '../../core/sanitize.js';

const USAGE = 'roadmap schema [--out FILE]';

const command: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of the plan format (for editor autocompletion)',
  help: `Usage: ${USAGE}

Prints the plan format as JSON Schema (draft 2020-12), generated from the same definition
\`roadmap validate\` uses. Point your editor at it with a first line in the plan:

  # yaml-language-server: $schema=../schema/plan.schema.json

  --out FILE   write it to FILE instead of stdout (replaces FILE only if it is an earlier
               roadmap plan schema)

The repository keeps a copy in schema/plan.schema.json.`,
  options: {
    out: { type: 'string', short: 'o' },
  },
  async run({ io, args, options }) {
    if (args.length > 0) throw new UsageError(`schema takes no arguments.\nUsage: ${USAGE}`);
    const text = planJsonSchemaText();
    const out = options.out;
    if (out === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    if (typeof out !== 'string') throw new UsageError(`--out needs a file name.\nUsage: ${USAGE}`);
    const fail = (p: Problem): number => {
      io.stderr(formatProblems([p], { io }));
      return EXIT.io;
    };
    const target = await resolveOutputPath(io.cwd, out);
    if (!target.ok) return fail(target.problem);
    const clobber = await refuseUnlessSchema(target.path, out);
    if (clobber) return fail(clobber);
    try {
      await writeFileAtomic(target.path, text);
    } catch (err) {
      return fail(problem('io-write-failed', `cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: out }));
    }
    io.stderr(`wrote ${sanitizeLine(out)}\n`);
    return EXIT.ok;
  },
};

/** `--out plans/x.yaml` by mistake must not destroy a plan: replace only an earlier schema. */
async function refuseUnlessSchema(file: string, shown: string): Promise<Problem | undefined> {
  let head: string;
  try {
    head = await readHead(file, 4096);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return problem(code === 'EACCES' || code === 'EPERM' ? 'io-permission' : 'io-read-failed', `cannot check ${shown} before replacing it: ${code ?? String(err)}`, {
      file: shown,
    });
  }
  if (head.includes(PLAN_SCHEMA_ID.replace(/:v\d+$/, ''))) return undefined;
  return problem('io-would-overwrite', `${shown} already exists and is not a roadmap plan schema; not overwriting it`, {
    file: shown,
    hint: 'name another file with --out, or remove this one first',
  });
}

export default command;
