/**
 * What "Check the Served Descriptor…" shows the user and waits for: its questions, its input box and
 * its notification. The command uses VS Code's dialogs unless they are replaced through the
 * extension's API (`replaceServedCheckUi`), which is how the VS Code suite answers them: a test run
 * cannot click a modal dialog. Types only, so that activation loads none of the check's bundle.
 */

/** The input box's contents and its check of what is typed. */
export interface UrlBox {
  /** Prefilled: the URL last checked for this descriptor, or the one its baseUrl gives. */
  readonly value: string;
  readonly prompt: string;
  /** The message shown under the box for an input (undefined: acceptable). */
  validate(input: string): string | undefined;
}

export type NotificationKind = 'info' | 'warning' | 'error';

export interface ServedCheckUi {
  /** A yes-or-no question in a modal dialog: true only for the confirming answer. */
  confirm(question: string, detail: string, confirm: string): Promise<boolean>;
  /** The URL typed, or undefined when the box was dismissed. */
  askForUrl(box: UrlBox): Promise<string | undefined>;
  /** The one-line notification; resolves with the action chosen (undefined when it was closed). */
  notify(kind: NotificationKind, message: string, actions: readonly string[]): Promise<string | undefined>;
}
