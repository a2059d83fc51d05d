/**
 * The walkthrough reflects what was done: its steps wait for context keys that the client sets
 * from the server's verdict on the open descriptor (the language status item's), read here
 * through the extension's API; and "Open Walkthrough" opens ours directly.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { APP_LINK, EXTENSION_ID, fileIn, open, saveAll, scratchCopy, waitFor } from './helpers';
import { shot } from './page';

/**
 * The title of the walkthrough the Welcome page shows, or the page's list of walkthroughs when it
 * shows that instead (VS Code's classes: the page's slides, the details slide's h2).
 */
const WALKTHROUGH_SHOWN =
  '.gettingStarted.showDetails .gettingStartedSlideDetails h2.category-title, .gettingStarted.showCategories .gettingStartedSlideCategories';

interface Api {
  walkthroughContext(): Readonly<Record<string, boolean>>;
  linkStatus(): { readonly uri: string } | undefined;
}

function api(): Api {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

function keyIs(key: string, value: boolean): Promise<true> {
  return waitFor(`${key} = ${String(value)}`, () => api().walkthroughContext()[key] === value || undefined, {
    events: [vscode.languages.onDidChangeDiagnostics],
    describe: () => JSON.stringify(api().walkthroughContext()),
  });
}

describe('the walkthrough', () => {
  afterEach(saveAll);

  it("ticks the link step once an open descriptor has a valid forgeAppLink, and the id step once forgeAppId names the manifest's app", async () => {
    const document = await open(await scratchCopy('bitbucket-app/atlassian-connect.json', 'walkthrough'));
    await waitFor('the status item on the descriptor', () => api().linkStatus()?.uri === document.uri.toString());
    // Nothing open has the keys right yet (running a command is not what ticks a step).
    await keyIs('connectForgeLink.linkValid', false);
    await keyIs('connectForgeLink.appIdAgrees', false);

    const set = await vscode.commands.executeCommand<{ changed: boolean; message: string }>(
      'connectForgeLink.setForgeAppLink',
      document.uri,
      APP_LINK,
    );
    assert.equal(set.changed, true, set.message);
    await keyIs('connectForgeLink.linkValid', true);
    await keyIs('connectForgeLink.appIdAgrees', false);

    const inserted = await vscode.commands.executeCommand<{ changed: boolean; message: string }>(
      'connectForgeLink.insertForgeAppId',
      document.uri,
      fileIn('forge-app/manifest.yml'),
    );
    assert.equal(inserted.changed, true, inserted.message);
    await keyIs('connectForgeLink.appIdAgrees', true);
  });

  it('"Open Walkthrough" opens ours directly, never another page first', async () => {
    // The walkthrough is registered with VS Code before any page is opened (prepareWalkthrough, at
    // activation): VS Code finds a step of ours, which it refuses while it does not know it. A
    // page asked for ours then shows ours, never VS Code's "Get Started" in its place. Which
    // walkthrough a page shows, the API does not tell (its tab stays labelled "Welcome"): the
    // runner looks at the page as soon as the tab is there.
    const lastStep = 'connect-forge-link.connect-forge-link#linkConnectToForge#checkGetForgeApp';
    await waitFor('our walkthrough registered without a page', async () => {
      try {
        await vscode.commands.executeCommand('welcome.markStepIncomplete', lastStep);
        return true;
      } catch {
        return undefined;
      }
    });
    assert.deepEqual(
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input === undefined)
        .map((tab) => tab.label),
      [],
      'no Welcome page was opened for it',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opened: string[] = [];
    const closed: string[] = [];
    const subscription = vscode.window.tabGroups.onDidChangeTabs((event) => {
      opened.push(...event.opened.map((tab) => tab.label));
      closed.push(...event.closed.map((tab) => tab.label));
    });
    try {
      await vscode.commands.executeCommand('connectForgeLink.openWalkthrough');
      await waitFor('the walkthrough page', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Welcome', {
        events: [vscode.window.tabGroups.onDidChangeTabs],
        describe: () => JSON.stringify({ active: vscode.window.tabGroups.activeTabGroup.activeTab?.label, opened, closed }),
      });
      const page = await shot('walkthrough-opened', WALKTHROUGH_SHOWN);
      assert.equal(opened.length, 1, `one page opened: ${JSON.stringify(opened)}`);
      assert.deepEqual(closed, [], 'no other page shown and closed first');
      if (page === undefined)
        console.log('    (not run by scripts/vscode/run-tests.mjs: which walkthrough the page shows was not looked at)');
      else
        assert.equal(page.shown && page.text, 'Link Connect to Forge', `the page shows our walkthrough first: ${page.text?.slice(0, 200)}`);
    } finally {
      subscription.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
