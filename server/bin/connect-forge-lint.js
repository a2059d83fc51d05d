#!/usr/bin/env node
// The package bin. It is committed (unlike out/), so that `npm install` on a fresh clone links it
// into node_modules/.bin even though the bundle is built afterwards, by the root's `prepare`.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bin: plain Node, no build step */
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'out', 'cli.js');
if (!require('node:fs').existsSync(bundle)) {
  process.stderr.write(`connect-forge-lint: ${bundle} is missing: run \`npm run build\` first.\n`);
  process.exit(2);
}
require(bundle);
