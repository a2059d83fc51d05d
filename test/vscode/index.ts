/**
 * Entry of the VS Code suite: the `run()` that VS Code's test runner calls in the extension host
 * (extensionTestsPath), the same for scripts/vscode/run-tests.mjs (code-server) and for
 * @vscode/test-electron (test/vscode/runElectron.ts). Compiled by scripts/vscode/build-suite.mjs
 * into test/vscode/out/; the scenario (scenarios.json) lists the test files it runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { serverSilent } from './helpers';
import { SCENARIOS, scenario } from './scenario';

export function run(): Promise<void> {
  const current = scenario();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    slow: 5_000,
    rootHooks: {
      beforeEach(this: Mocha.Context) {
        // The activation case failed because the server never reported: the rest cannot pass.
        if (serverSilent()) this.skip();
      },
    },
  });
  for (const name of SCENARIOS[current].files) {
    const file = path.join(__dirname, `${name}.test.js`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run node scripts/vscode/build-suite.mjs`);
    mocha.addFile(file);
  }
  console.log(`VS Code suite, scenario "${current}", VS Code ${vscode.version}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const silent = serverSilent();
      if (silent) console.log(`The remaining cases were skipped: the language server never reported on the descriptor (${silent}).`);
      console.log(`VS Code suite, scenario "${current}": ${failures} failure(s) in ${Date.now() - started} ms`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
