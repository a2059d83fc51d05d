/**
 * What the workbench page shows. The extension host cannot see the page: the suite asks the
 * runner (scripts/vscode/run-tests.mjs, whose screenshot protocol is described in
 * scripts/vscode/screenshot-protocol.mjs) to wait for an element, take a picture, and say what it
 * found. The README's pictures (screenshots.ts) and the cases about what the page shows use it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './helpers';

const SHOT_TIMEOUT_MS = 30_000;

/** What the runner found of the selector before it took the picture. */
export interface PageSeen {
  /** The element was visible within the runner's 10 s. */
  readonly shown: boolean;
  /** All of it lay inside the viewport and every ancestor that clips (not cut off). */
  readonly inView?: boolean;
  /** Its innerText, trimmed. */
  readonly text?: string;
}

/**
 * Asks for a picture `name` once an element matching `selector` (a Playwright selector) is
 * visible, and says what was found; undefined when the suite runs without that runner
 * (test:electron), where the page cannot be seen.
 */
export async function shot(name: string, selector?: string): Promise<PageSeen | undefined> {
  const dir = process.env.VSCODE_TEST_SCREENSHOT_DIR;
  console.log(`@@screenshot ${name}${selector ? ` ${selector}` : ''}`);
  if (!dir) return undefined;
  const file = path.join(dir, `${name}.png`);
  await waitFor(file, () => fs.existsSync(file), { timeoutMs: SHOT_TIMEOUT_MS, pollMs: 100 });
  return JSON.parse(await fs.promises.readFile(path.join(dir, `${name}.json`), 'utf8')) as PageSeen;
}
