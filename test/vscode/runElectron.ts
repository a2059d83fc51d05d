/**
 * `npm run test:electron`: the VS Code suite (test/vscode/) in desktop VS Code through
 * @vscode/test-electron, for machines with internet access (it downloads VS Code into
 * .vscode-test/ unless VSCODE_EXECUTABLE_PATH names an installed one). The scenarios of
 * scenarios.json, as scripts/vscode/test.mjs runs them, each on a temporary copy of its workspace
 * with its own user data folder. Run by tsx after the npm script has bundled the extension and the suite.
 *
 * Environment: VSCODE_EXECUTABLE_PATH (an installed VS Code's executable, e.g. /usr/share/code/code), VSCODE_TEST_VERSION
 * (the version to download, default 1.100.3 as the code-server runner), CONNECT_FORGE_LINK_SCENARIO
 * (run only that scenario).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { SCENARIOS, SCENARIO_ENV, Scenario, isScenario } from './scenario';

const repoRoot = path.resolve(__dirname, '../..');
const DEFAULT_VERSION = '1.100.3';

async function runScenario(name: Scenario): Promise<void> {
  const { workspace, restrictedMode } = SCENARIOS[name];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `cfl-electron-${name}-`));
  const copy = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, workspace), copy, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': restrictedMode,
        'workbench.startupEditor': 'none',
        'extensions.autoUpdate': false,
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  console.log(
    `[test:electron] scenario ${name}: ${workspace}, ${restrictedMode ? 'Restricted Mode' : 'trusted'}, ` +
      `${executable ? `VS Code at ${executable}` : `VS Code ${process.env.VSCODE_TEST_VERSION ?? DEFAULT_VERSION} (downloaded)`}`,
  );
  try {
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_TEST_VERSION ?? DEFAULT_VERSION }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'test/vscode/out/index.js'),
      extensionTestsEnv: { [SCENARIO_ENV]: name },
      launchArgs: [
        copy,
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(tmp, 'extensions'),
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        ...(restrictedMode ? [] : ['--disable-workspace-trust']),
      ],
    });
    if (code !== 0) throw new Error(`the suite failed (exit code ${code})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, 'test/vscode/out/index.js'))) {
    throw new Error('test/vscode/out/index.js is missing: run node scripts/vscode/build-suite.mjs first');
  }
  const only = process.env[SCENARIO_ENV];
  if (only !== undefined && !isScenario(only)) {
    throw new Error(`${SCENARIO_ENV}=${only} is not a scenario (${Object.keys(SCENARIOS).join(', ')})`);
  }
  for (const name of only ? [only] : (Object.keys(SCENARIOS) as Scenario[])) await runScenario(name);
  console.log('[test:electron] all scenarios passed');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[test:electron] FAILED: ${message}`);
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  console.error(
    executable
      ? `[test:electron] VSCODE_EXECUTABLE_PATH=${executable} must be VS Code's own executable (Linux: /usr/share/code/code; ` +
          'macOS: "Visual Studio Code.app/Contents/MacOS/Electron"; Windows: Code.exe), not the `code` command-line script.'
      : '[test:electron] This runner downloads VS Code from update.code.visualstudio.com. Without internet, set ' +
          "VSCODE_EXECUTABLE_PATH to an installed VS Code's executable, or use npm run test:vscode, which runs the same " +
          'suite in code-server and Chromium on Linux.',
  );
  process.exit(1);
});
