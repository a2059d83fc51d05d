#!/usr/bin/env node
// `npm run screenshots`: the README's pictures (docs/images/*.png), taken from a real VS Code 1.100.3
// (code-server + Chromium, scripts/vscode/run-tests.mjs) by the suite test/vscode/screenshots.ts
// on a temporary copy of test/fixtures/vscode-workspace-screenshots.
// Bundles the extension, compiles the suite, installs code-server when missing, then copies the
// four PNGs to docs/images/ and prints their sizes (a warning above 150 KB).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, run, step as runStep } from './process.mjs';

const PICTURES = ['diagnostic-hover', 'quick-fix', 'commands', 'manifest-pick'];
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

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cfl-screenshots-'));
  try {
    const workspace = path.join(tmp, 'acme-pr-insights');
    cpSync(path.join(repoRoot, 'test/fixtures/vscode-workspace-screenshots'), workspace, { recursive: true });
    const settings = path.join(tmp, 'settings.json');
    writeFileSync(settings, JSON.stringify(SETTINGS, null, 2));
    const shots = path.join(tmp, 'shots');
    const code = await run(process.execPath, [
      path.join(repoRoot, 'scripts/vscode/run-tests.mjs'),
      '--extension',
      repoRoot,
      '--tests',
      path.join(repoRoot, 'test/vscode/out/screenshots.js'),
      '--workspace',
      workspace,
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
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`ERROR: ${error.message}`);
  process.exit(1);
});
