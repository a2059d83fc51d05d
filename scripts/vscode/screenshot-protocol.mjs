// The screenshot protocol of run-tests.mjs, on with --screenshot-dir DIR.
//
// The extension host cannot call into the page, so the suite asks by printing a console line
//   console.log('@@screenshot <name>')                 name: [A-Za-z0-9._-]+
// or, to wait until the workbench shows something first,
//   console.log('@@screenshot <name> <css selector>')
// (the runner waits up to 10 s for the first element matching the selector to be visible, then for
// two animation frames; if it never shows up, the runner says so and takes the picture anyway).
// The runner saves a screenshot of the page, CSS animations finished, as DIR/<name>.png, written
// under a temporary name and renamed: once the file exists, it is complete.
// The extension host gets DIR as the environment variable VSCODE_TEST_SCREENSHOT_DIR. The suite
// should wait until DIR/<name>.png exists (poll, with a timeout of a few seconds) before changing
// the UI again; run by another runner, it sees no variable and can skip the wait. See
// test/vscode/screenshots.ts.
// When the run times out, the runner also saves what the page showed then, as DIR/timeout.png.
import fs from 'node:fs/promises';
import path from 'node:path';

export const SCREENSHOT_DIR_ENV = 'VSCODE_TEST_SCREENSHOT_DIR';
const REQUEST = /@@screenshot\s+([A-Za-z0-9._-]+)(?:\s+(\S.*?))?\s*$/;
const SELECTOR_TIMEOUT_MS = 10_000;

/** Takes the screenshots a page's console lines ask for, one at a time, into `dir`. */
export function screenshotProtocol(page, dir, log) {
  let queue = Promise.resolve();
  return {
    onConsoleLine(line) {
      const request = REQUEST.exec(line);
      if (!request) return;
      const [, name, selector] = request;
      queue = queue.then(() => save(page, dir, name, selector, log)).catch((err) => log(`screenshot ${name} failed: ${err.message}`));
    },
    /** Resolves once every screenshot asked for so far is saved (or failed). */
    settled: () => queue,
    async onTimeout() {
      const shot = page.screenshot({ path: path.join(dir, 'timeout.png') });
      await Promise.race([shot, new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(() => {});
    },
  };
}

async function save(page, dir, name, selector, log) {
  await fs.mkdir(dir, { recursive: true });
  if (selector) {
    try {
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: SELECTOR_TIMEOUT_MS });
      await page.evaluate(
        () => new Promise((resolve) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve))),
      );
    } catch (err) {
      log(`screenshot ${name}: ${selector} did not show up (${err.message.split('\n')[0]}); taking it anyway`);
    }
  }
  const file = path.join(dir, `${name}.png`);
  const partial = path.join(dir, `.${name}.png.partial`);
  await fs.writeFile(partial, await page.screenshot({ animations: 'disabled' }));
  await fs.rename(partial, file);
  log(`screenshot ${file}`);
}
