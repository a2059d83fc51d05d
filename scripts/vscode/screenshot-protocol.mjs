// The screenshot protocol of run-tests.mjs, on with --screenshot-dir DIR.
//
// The extension host cannot call into the page, so the suite asks by printing a console line
//   console.log('@@screenshot <name>')                 name: [A-Za-z0-9._-]+
// or, to wait until the workbench shows something first,
//   console.log('@@screenshot <name> <css selector>')
// (a Playwright selector: CSS, with :has-text() and the like; the runner waits up to 10 s for the
// first element matching it to be visible, then for two animation frames; if it never shows up,
// the runner says so and takes the picture anyway).
// The runner saves a screenshot of the page, CSS animations finished, as DIR/<name>.png, written
// under a temporary name and renamed: once the file exists, it is complete. Before it, it writes
// what it found as DIR/<name>.json, so that the suite can tell what the page showed:
//   { "selector": "…", "shown": true|false, "inView": true|false, "text": "…" }
// shown: the element was visible within 10 s; inView: all of it lies inside the viewport and inside
// every ancestor that clips its content (not cut off, not scrolled away); text: its innerText
// (at most 2,000 characters). Without a selector: { "shown": true }.
// The extension host gets DIR as the environment variable VSCODE_TEST_SCREENSHOT_DIR. The suite
// should wait until DIR/<name>.png exists (poll, with a timeout of a few seconds) before changing
// the UI again; run by another runner, it sees no variable and can skip the wait. See
// test/vscode/page.ts.
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
  let found = { shown: true };
  if (selector) {
    const target = page.locator(selector).first();
    try {
      await target.waitFor({ state: 'visible', timeout: SELECTOR_TIMEOUT_MS });
      await page.evaluate(
        () => new Promise((resolve) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve))),
      );
      found = { selector, shown: true, ...(await target.evaluate(seen)) };
    } catch (err) {
      found = { selector, shown: false };
      log(`screenshot ${name}: ${selector} did not show up (${err.message.split('\n')[0]}); taking it anyway`);
    }
  }
  await fs.writeFile(path.join(dir, `${name}.json`), JSON.stringify(found));
  const file = path.join(dir, `${name}.png`);
  const partial = path.join(dir, `.${name}.png.partial`);
  await fs.writeFile(partial, await page.screenshot({ animations: 'disabled' }));
  await fs.rename(partial, file);
  log(`screenshot ${file}`);
}

// Runs in the page: the element's text, and whether all of it is in view.
function seen(element) {
  const box = element.getBoundingClientRect();
  const within = (outer) =>
    box.left >= outer.left - 1 && box.top >= outer.top - 1 && box.right <= outer.right + 1 && box.bottom <= outer.bottom + 1;
  let inView = within({ left: 0, top: 0, right: globalThis.innerWidth, bottom: globalThis.innerHeight });
  for (let node = element.parentElement; node && inView; node = node.parentElement) {
    const style = globalThis.getComputedStyle(node);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') inView = within(node.getBoundingClientRect());
  }
  return { inView, text: element.innerText.trim().slice(0, 2000) };
}
