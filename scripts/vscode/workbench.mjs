// The browser side of run-tests.mjs: Debian's Chromium, headless, driven by playwright-core, shows
// code-server's workbench. The page's console is printed (mocha's report arrives there), and the
// workbench ends the run by calling window.codeAutomationExit(code).
import { format } from 'node:util';
import { addGroup } from './process-groups.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Chromium in a process group of its own; `server.close()` closes it. */
export async function launchChromium(playwright, env) {
  // launchServer rather than launch: only a BrowserServer tells its process (and so its group).
  const server = await playwright.chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    // The runner handles signals itself: it stops code-server too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  addGroup(server.process().pid); // Playwright spawns Chromium detached: it leads its own group
  return { server, browser: await playwright.chromium.connect(server.wsEndpoint()) };
}

export async function newPage(browser, viewport) {
  return (await browser.newContext({ viewport })).newPage();
}

/**
 * Opens the workbench in `page`. Resolves once it is loading, with `exit` (resolves with the
 * suite's { code, logs } when the workbench calls codeAutomationExit), `failed` (rejects if the
 * page crashes or Chromium exits) and `drained()` (resolves once every console line so far is
 * printed). `onLine` hears every console line, printed or not.
 */
export async function openWorkbench(page, url, { verbose, onLine }) {
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code, logs) =>
    resolveExit({ code: typeof code === 'number' ? code : 1, logs: Array.isArray(logs) ? logs : [] }),
  );
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    // The same messages also reach the console; print this copy only when asked.
    if (verbose) process.stdout.write(`[workbench log ${level}] ${message}\n`);
  });
  const drained = forwardConsole(page, (line) => {
    onLine?.(line);
    if (verbose || !isNoise(line)) process.stdout.write(`${line}\n`);
  });
  page.on('pageerror', (err) => process.stdout.write(`[page error] ${err.message}\n`));
  const failed = new Promise((_, reject) => {
    page.on('crash', () => reject(new Error('the page crashed')));
    page
      .context()
      .browser()
      ?.on('disconnected', () => reject(new Error('Chromium exited')));
  });
  failed.catch(() => {}); // raced later; not unhandled when the run fails earlier
  // No navigation timeout of its own: code-server loads VS Code on the first request, which can be
  // slow on a busy machine; the overall --timeout applies.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 });
  return { exit, failed, drained };
}

// Console messages are formatted asynchronously (their arguments are read from the page); chained,
// so that their order is kept.
function forwardConsole(page, print) {
  let printed = Promise.resolve();
  page.on('console', (msg) => {
    const text = consoleText(msg);
    printed = printed.then(async () => print(await text));
  });
  return () => printed;
}

async function consoleText(msg) {
  const values = await Promise.all(msg.args().map((arg) => arg.jsonValue().catch(() => '[object]')));
  return values.length === 0 ? msg.text() : formatLogged(values);
}

// The workbench logs through console.log('%c INFO', 'color: #33f', message, ...args) (WARN, ERR,
// DEBUG and TRACE alike), and the extension host's console (mocha's reporter) arrives there with
// its own format string as `message`: two format strings in a row. So the level tag and its style
// come off first, util.format formats the rest, and the tag stays as a prefix unless it is INFO.
const LEVEL_TAG = /^%c\s*(INFO|WARN|ERR|DEBUG|TRACE)$/;

function formatLogged(values) {
  const tag = typeof values[0] === 'string' && LEVEL_TAG.exec(values[0]);
  if (!tag) return format(...values);
  const text = format(...values.slice(2));
  return tag[1] === 'INFO' ? text : `[${tag[1].toLowerCase()}] ${text}`;
}

// Console lines every run produces offline and that say nothing about the suite (see "Expected
// in the log, harmless" in the recipe). Printed only with --verbose.
const NOISE = [
  /open-vsx\.org/,
  /^Failed to load resource: /,
  /web worker extension host is started in a same-origin iframe/,
  /both allow-scripts and allow-same-origin for its sandbox attribute/,
  /^Overwriting extension <<.*>> to now point to mime/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /^AI generated workspace trust dialog contents not available/,
  /^\[warn\] Creation of workbench contribution .* took \d+ms/,
];
const isNoise = (text) => NOISE.some((re) => re.test(text));
