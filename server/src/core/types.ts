/** The vocabulary shared by the core, the server and the command-line checker. */
import { TextEdit } from './edits';
import { Severity } from './settings';
import { LineRange } from './lines';

export interface Fix {
  readonly title: string;
  /** The one obvious fix for its finding (drives VS Code's "Auto Fix"). */
  readonly isPreferred?: boolean;
  /** Certain and meaning-preserving: applied by fix-all (on save, and by the CLI's --fix). */
  readonly safe: boolean;
  /** Computed on demand: most findings are shown far more often than they are fixed. */
  readonly edits: () => TextEdit[];
}

/** A fix that needs input from the user (e.g. the signed install link) before it can edit. */
export interface InputFix {
  readonly title: string;
  readonly key: 'forgeAppLink' | 'forgeAppId';
  /**
   * What to set when the editor cannot ask (other LSP clients): a value the rules still flag. None
   * where putting it in place of the value would only lose what the user wrote.
   */
  readonly placeholder?: string;
  /** The app UUID when the descriptor already names it (to open the console's distribution page). */
  readonly appUuid?: string;
  /** The one obvious fix for its finding (the default); not when it is one of two ways. */
  readonly isPreferred?: boolean;
}

export interface RelatedLocation {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Another file (absolute path or URI as the caller gave it); absent for the same document. */
  readonly file?: string;
  /** The place in that other file (start/end offsets above then refer to nothing). */
  readonly fileRange?: LineRange;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly Fix[];
  readonly inputFix?: InputFix;
  readonly related?: readonly RelatedLocation[];
  /** Marks text that has no effect (shown faded by editors). */
  readonly unnecessary?: boolean;
}

/** The client's commands that the server's code actions run: the one contract between the two. */
export const SET_LINK_COMMAND = 'connectForgeLink.setForgeAppLink';
export const INSERT_APP_ID_COMMAND = 'connectForgeLink.insertForgeAppId';
export const CHECK_SERVED_COMMAND = 'connectForgeLink.checkServedDescriptor';

export const PROJECT_URL = 'https://github.com/connect-forge-link/connect-forge-link';

/** Where a rule is documented: its row in the README's rule table. */
export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}#rule-${ruleId}`;
}
