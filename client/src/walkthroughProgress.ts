/**
 * The walkthrough's steps complete when they are true, not when a command merely ran: its
 * `completionEvents` wait for context keys that this sets from the server's verdict on the open
 * descriptors (the one the language status item shows: connectForgeLink/linkStatus) and from the
 * served check's outcome. VS Code ticks a step once its key is true and keeps it ticked.
 */
import * as vscode from 'vscode';
import type { LinkStatus } from 'connect-forge-link-core';

/** The context keys the walkthrough's steps wait for (package.json names them; a unit test keeps the two in step). */
export const WALKTHROUGH_CONTEXT_KEYS = {
  /** An open descriptor has a valid forgeAppLink: the Forge app was shared and its link set. */
  linkValid: 'connectForgeLink.linkValid',
  /** An open descriptor's forgeAppId is valid and names the matched manifest's app. */
  appIdAgrees: 'connectForgeLink.appIdAgrees',
  /** A served descriptor was checked and agrees with the local one. */
  servedAgrees: 'connectForgeLink.servedAgrees',
} as const;

type Verdict = Pick<LinkStatus, 'linkValid' | 'appIdAgrees'>;

export class WalkthroughProgress implements vscode.Disposable {
  /** The server's latest verdict on each open descriptor it was asked about. */
  private readonly verdicts = new Map<string, Verdict>();
  private servedAgrees = false;
  /** What was asked of VS Code, and what it has taken. */
  private readonly pending = new Map<string, boolean>();
  private readonly set = new Map<string, boolean>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) => {
      if (this.verdicts.delete(document.uri.toString())) this.update();
    });
    this.update();
  }

  /** The server's verdict on a descriptor (undefined: it is no descriptor). */
  verdict(uri: vscode.Uri, status: Verdict | undefined): void {
    if (status) this.verdicts.set(uri.toString(), { linkValid: status.linkValid, appIdAgrees: status.appIdAgrees });
    else this.verdicts.delete(uri.toString());
    this.update();
  }

  served(agrees: boolean): void {
    this.servedAgrees = this.servedAgrees || agrees;
    this.update();
  }

  /** The keys as VS Code has them, for tests (the extension's API). */
  contextKeys(): Readonly<Record<string, boolean>> {
    return Object.fromEntries(this.set);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private update(): void {
    const verdicts = [...this.verdicts.values()];
    this.setKey(
      WALKTHROUGH_CONTEXT_KEYS.linkValid,
      verdicts.some((v) => v.linkValid),
    );
    this.setKey(
      WALKTHROUGH_CONTEXT_KEYS.appIdAgrees,
      verdicts.some((v) => v.appIdAgrees),
    );
    this.setKey(WALKTHROUGH_CONTEXT_KEYS.servedAgrees, this.servedAgrees);
  }

  private setKey(key: string, value: boolean): void {
    if (this.pending.get(key) === value) return;
    this.pending.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value).then(
      () => {
        if (this.pending.get(key) === value) this.set.set(key, value);
      },
      () => undefined,
    );
  }
}
