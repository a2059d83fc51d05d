/**
 * Registers "Check the Served Descriptor…" and loads it on its first run: the check (its fetch,
 * URL rules, messages and diagnostics) is a bundle of its own, client/out/servedCheck.js
 * (scripts/bundle.mjs), so that activating the extension reads none of it.
 */
import * as vscode from 'vscode';
import { CHECK_SERVED_COMMAND } from 'connect-forge-link-core';
import type { ServerRequests } from '../serverRequests';
import type { ServedCheck } from './checkServedDescriptor';
import type { ServedCheckUi } from './servedCheckUi';

export interface CheckServedRegistration extends vscode.Disposable {
  /** Answers the command's questions, input box and notifications with `ui` until disposed (the extension's API, for tests). */
  replaceUi(ui: Partial<ServedCheckUi>): vscode.Disposable;
}

export function registerCheckServed(
  context: vscode.ExtensionContext,
  server: ServerRequests,
  /** Told when a check found the served descriptor agreeing with the local one (no finding). */
  onAgreement: () => void = () => undefined,
): CheckServedRegistration {
  let check: ServedCheck | undefined;
  let replaced: Partial<ServedCheckUi> = {};
  const command = vscode.commands.registerCommand(CHECK_SERVED_COMMAND, (target?: unknown, url?: unknown) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle beside this one, read when first needed
    const loaded = require('./servedCheck.js') as typeof import('./checkServedDescriptor');
    check ??= new loaded.ServedCheck(context, server, () => replaced);
    return check.run(target, typeof url === 'string' ? url : undefined).then((outcome) => {
      if (outcome.status === 'ok' && outcome.diagnostics === 0) onAgreement();
      return outcome;
    });
  });
  return {
    replaceUi(ui) {
      const replacement = { ...ui };
      replaced = replacement;
      return new vscode.Disposable(() => {
        if (replaced === replacement) replaced = {};
      });
    },
    dispose: () => {
      command.dispose();
      check?.dispose();
    },
  };
}
