#!/usr/bin/env node
// `npm run test:vscode` (and `test:vscode:vsix`): the VS Code suite (test/vscode/) in a real
// VS Code 1.100.3 on this machine, through code-server and Chromium (scripts/vscode/run-tests.mjs).
//
//   1. bundles the extension (scripts/bundle.mjs; skipped with --vsix, where `npm run package`
//      has just built the package) and compiles the suite (scripts/vscode/build-suite.mjs);
//   2. installs code-server and its prerequisites (scripts/vscode/install-code-server.sh: does
//      nothing when .vscode-test/code-server-4.100.3 is complete);
//   3. runs the suite once per scenario of test/vscode/scenarios.json (where they are declared), in
//      sequence, each in a fresh temporary copy of its workspace (the suite edits and saves files;
//      the committed fixtures are never touched), with the screenshot protocol on (the cases that
//      check what the page shows use it), and fails a run that leaves a process behind;
//   4. prints each run's time and exits non-zero when any run failed.
//
// Options:
//   --vsix [FILE]          test the packaged extension: install FILE (default: the newest
//                          connect-forge-link-*.vsix in the repository root) instead of
//                          loading the repository as the development extension
//   --scenario NAME        run only this scenario (repeatable)
//   --log-dir DIR          keep each run's logs in DIR/<scenario>/
//   --verbose              passes --verbose to the runner
//
// It never skips itself: with CI=true a missing prerequisite is a failure. Outside CI, set
// CONNECT_FORGE_LINK_SKIP_VSCODE=1 to skip it (e.g. on a machine where Chromium cannot be
// installed; `npm run test:electron` is the usual way where VS Code can be downloaded).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copyFixture, finish, repoRoot, runTests, step as runStep, withTempDir } from './process.mjs';

const { scenarios: SCENARIOS } = JSON.parse(readFileSync(path.join(repoRoot, 'test/vscode/scenarios.json'), 'utf8'));
const RUN_TIMEOUT_MS = 240_000;

const log = (message) => console.log(`[test:vscode] ${message}`);

function parseCli() {
  const { values, positionals } = parseArgs({
    options: {
      vsix: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      'log-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length > (values.vsix ? 1 : 0)) throw new Error(`unexpected arguments: ${positionals.join(' ')}`);
  const scenarios = values.scenario ?? Object.keys(SCENARIOS);
  for (const name of scenarios) {
    if (!Object.hasOwn(SCENARIOS, name)) throw new Error(`unknown scenario ${name} (${Object.keys(SCENARIOS).join(', ')})`);
  }
  return { vsix: values.vsix ? (positionals[0] ?? true) : undefined, scenarios, logDir: values['log-dir'], verbose: values.verbose };
}

function newestVsix() {
  const packages = readdirSync(repoRoot)
    .filter((name) => /^connect-forge-link-.*\.vsix$/.test(name))
    .map((name) => path.join(repoRoot, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (packages.length === 0) throw new Error('no connect-forge-link-*.vsix in the repository root: run npm run package first');
  return packages[0];
}

function runScenario(name, options) {
  const { description, workspace, restrictedMode } = SCENARIOS[name];
  log(
    `scenario ${name} (${workspace}, ${restrictedMode ? 'Restricted Mode' : 'trusted'}): ${description}` +
      `${options.vsix ? `, extension installed from ${path.basename(options.vsix)}` : ''}`,
  );
  return withTempDir(`cfl-vscode-${name}-`, async (dir) => {
    const started = Date.now();
    const code = await runTests(
      dir,
      [
        ...(options.vsix ? ['--install-vsix', options.vsix] : ['--extension', repoRoot]),
        '--tests',
        path.join(repoRoot, 'test/vscode/out/index.js'),
        '--workspace',
        copyFixture(workspace, dir),
        '--trust',
        restrictedMode ? 'on' : 'off',
        '--timeout',
        String(RUN_TIMEOUT_MS),
        // The cases that check what the page shows ask the runner (test/vscode/page.ts).
        '--screenshot-dir',
        path.join(dir, 'shots'),
        ...(options.logDir ? ['--log-dir', path.join(path.resolve(options.logDir), name)] : []),
        ...(options.verbose ? ['--verbose'] : []),
      ],
      { ...process.env, CONNECT_FORGE_LINK_SCENARIO: name, CONNECT_FORGE_LINK_EXTENSION_FROM: options.vsix ? 'vsix' : 'source' },
    );
    return { name, code, ms: Date.now() - started };
  });
}

async function main() {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (process.env.CONNECT_FORGE_LINK_SKIP_VSCODE === '1') {
    if (!ci) {
      log('skipped: CONNECT_FORGE_LINK_SKIP_VSCODE=1');
      return 0;
    }
    log('CONNECT_FORGE_LINK_SKIP_VSCODE=1 is ignored in CI: the VS Code suite always runs there');
  }
  if (process.platform !== 'linux') {
    throw new Error(
      'this runner needs Linux (Debian packages, code-server, Chromium); use npm run test:electron elsewhere' +
        `${ci ? '' : ', or set CONNECT_FORGE_LINK_SKIP_VSCODE=1 to skip'}`,
    );
  }
  const options = parseCli();
  if (options.vsix === true) options.vsix = newestVsix();
  if (options.vsix && !existsSync(options.vsix)) throw new Error(`not found: ${options.vsix}`);

  const started = Date.now();
  if (!options.vsix) await runStep('bundle the extension', process.execPath, [path.join(repoRoot, 'scripts/bundle.mjs')], log);
  await runStep('build the suite', process.execPath, [path.join(repoRoot, 'scripts/vscode/build-suite.mjs')], log);
  await runStep('install code-server', 'bash', [path.join(repoRoot, 'scripts/vscode/install-code-server.sh')], log);

  const results = [];
  for (const name of options.scenarios) results.push(await runScenario(name, options));

  log('results:');
  for (const r of results) log(`  ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}  ${r.name}  ${(r.ms / 1000).toFixed(1)} s`);
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return results.every((r) => r.code === 0) ? 0 : 1;
}

finish(main(), log);
