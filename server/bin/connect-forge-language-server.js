#!/usr/bin/env node
// The package bin (`connect-forge-language-server --stdio`). It is committed (unlike out/), so
// that `npm install` on a fresh clone links it even though the bundle is built afterwards.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bin: plain Node, no build step */
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'out', 'server.js');
if (!require('node:fs').existsSync(bundle)) {
  process.stderr.write(`connect-forge-language-server: ${bundle} is missing: run \`npm run build\` first.\n`);
  process.exit(2);
}
require(bundle);
