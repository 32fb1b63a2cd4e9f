#!/usr/bin/env node
// dist/cli/roadmap-bundle.js is the CLI bundled by scripts/build.js, run with a V8 code cache; a dist/
// built before it existed has only tsc's output, which works, more slowly.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBundle } from './code-cache.js';

const bundle = fileURLToPath(new URL('../dist/cli/roadmap-bundle.js', import.meta.url));
const command = process.argv[2] ?? '';
// One code cache per command: each compiles different functions (bin/code-cache.js).
if (existsSync(bundle)) runBundle(bundle, { variant: /^[a-z]+$/.test(command) ? command : 'other' }).runProcess();
else (await import('../dist/cli/process.js')).runProcess();
