#!/usr/bin/env node
// CommonJS (bin/package.json): node starts an ES-module entry a few ms slower (its ESM loader).
// dist/cli/roadmap-bundle.js is the CLI bundled by scripts/build.js, run with a V8 code cache; a
// dist/ built before it existed has only tsc's output, which works, more slowly.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { runBundle } = require('./code-cache.js');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'roadmap-bundle.js');
const command = process.argv[2] ?? '';
// One code cache per command: each compiles different functions (bin/code-cache.js).
if (existsSync(bundle)) runBundle(bundle, { variant: /^[a-z]+$/.test(command) ? command : 'other' }).runProcess();
else import('../dist/cli/process.js').then((m) => m.runProcess());
