/**
 * Before/after for a change to the core: `npx tsx bench/compare.ts <git-revision>` extracts that
 * revision's server/src/core next to the working tree's, and measures both `analyze` functions in
 * the same interleaved loop as the core benchmark (with its floor and peer). Prints a Markdown
 * table for bench/notes.md.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { CORE_SIZES, measureCore } from './core';
import { formatMs, ratio } from './timing';

async function main(): Promise<void> {
  const revision = process.argv[2];
  if (!revision) throw new Error('usage: tsx bench/compare.ts <git-revision>');
  const root = path.resolve(__dirname, '..');
  // Inside the repository, so that the extracted core resolves jsonc-parser and yaml as ours does.
  const dir = mkdtempSync(path.join(root, '.bench-compare-'));
  try {
    execSync(`git archive ${revision} server/src/core | tar -x -C ${JSON.stringify(dir)}`, { cwd: root });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const before = require(path.join(dir, 'server', 'src', 'core')) as { analyze: (text: string) => unknown };
    const rows = await measureCore(CORE_SIZES, {
      baseline: (text) => before.analyze(text),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const short = execSync(`git rev-parse --short ${revision}`, { cwd: root }).toString().trim();
    console.log(`| Size | Floor | analyze at ${short} | analyze now | ${short} / floor | now / floor | speed-up |`);
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      const before = row.baselineMs ?? NaN;
      console.log(
        `| ${row.label} | ${formatMs(row.floorMs)} | ${formatMs(before)} | ${formatMs(row.analyzeMs)} | ${ratio(before / row.floorMs)} | ${ratio(row.analyzeMs / row.floorMs)} | ${ratio(before / row.analyzeMs)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
