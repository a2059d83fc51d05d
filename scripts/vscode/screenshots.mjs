#!/usr/bin/env node
// `npm run screenshots`: the README's pictures (docs/images/*.png), taken from a real VS Code 1.100.3
// (code-server + Chromium, scripts/vscode/run-tests.mjs) by the suite test/vscode/screenshots.ts
// on a temporary copy of test/fixtures/vscode-workspace-screenshots.
// Bundles the extension, compiles the suite, installs code-server when missing, then copies the
// PNGs to docs/images/ and prints their sizes (a warning above 150 KB).
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, finish, repoRoot, runTests, step as runStep, withTempDir } from './process.mjs';

const PICTURES = ['problems-panel', 'diagnostic-hover', 'quick-fix', 'commands', 'manifest-pick'];
const VIEWPORT = '1100x650';
const MAX_BYTES = 150 * 1024;
// A tidy workbench: no minimap, no welcome or tips, the default Dark Modern theme.
const SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 100,
  'workbench.tips.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
  'window.commandCenter': true,
  'chat.commandCenter.enabled': false,
  'workbench.layoutControl.enabled': false,
  'explorer.compactFolders': false,
};

const log = (message) => console.log(`[screenshots] ${message}`);

async function main() {
  await runStep('bundling the extension', process.execPath, [path.join(repoRoot, 'scripts/bundle.mjs')]);
  await runStep('building the suite', process.execPath, [path.join(repoRoot, 'scripts/vscode/build-suite.mjs')]);
  await runStep('installing code-server', 'bash', [path.join(repoRoot, 'scripts/vscode/install-code-server.sh')]);

  await withTempDir('cfl-screenshots-', async (tmp) => {
    const settings = path.join(tmp, 'settings.json');
    writeFileSync(settings, JSON.stringify(SETTINGS, null, 2));
    const shots = path.join(tmp, 'shots');
    const code = await runTests(tmp, [
      '--extension',
      repoRoot,
      '--tests',
      path.join(repoRoot, 'test/vscode/out/screenshots.js'),
      '--workspace',
      copyFixture('test/fixtures/vscode-workspace-screenshots', tmp, 'acme-pr-insights'),
      '--settings',
      settings,
      '--screenshot-dir',
      shots,
      '--viewport',
      VIEWPORT,
      '--timeout',
      '240000',
    ]);
    if (code !== 0) throw new Error(`the screenshot suite failed (exit code ${code})`);
    copyPictures(shots);
  });
}

function copyPictures(shots) {
  const target = path.join(repoRoot, 'docs/images');
  mkdirSync(target, { recursive: true });
  let oversized = 0;
  for (const name of PICTURES) {
    const file = path.join(shots, `${name}.png`);
    if (!existsSync(file)) throw new Error(`${name}.png was not taken`);
    copyFileSync(file, path.join(target, `${name}.png`));
    const size = statSync(file).size;
    if (size > MAX_BYTES) oversized++;
    log(`docs/images/${name}.png  ${(size / 1024).toFixed(0)} KB${size > MAX_BYTES ? '  (over 150 KB)' : ''}`);
  }
  if (oversized) log(`warning: ${oversized} picture(s) over 150 KB`);
}

finish(main(), log);
