/**
 * The requests the VS Code client sends the language server for its commands (custom LSP
 * requests): their one definition, shared by both sides. The server holds the manifest index and
 * the core, so it reads manifests, matches them and computes edits; the client only asks and shows.
 * Plain data (strings, offsets), so that the client needs none of the core's parsers.
 */
import type { TextEdit } from './edits';
import type { LinkStatus } from './linkStatus';
import type { LinkValidation } from './linkValidation';
import type { LineRange } from './lines';
import type { ComparedKey } from './served/comparedKeys';
import type { DerivedUrl } from './served/servedUrl';
import type { Severity } from './settings';

/** The two root keys the commands set. */
export type RootKey = 'forgeAppLink' | 'forgeAppId';

/** A document the server has open, or was asked about before it had it. */
export interface UnknownDocument {
  readonly status: 'unknown-document';
}

/** The document is not a JSON object, so no key can be set at its root. */
export interface NotAnObject {
  readonly status: 'not-an-object';
}

/** What "Set forgeAppLink…" needs before it asks for the link. */
export const DESCRIPTOR_STATE_REQUEST = 'connectForgeLink/descriptorState';

export interface DescriptorParams {
  /** The URI of a document open in the editor (any JSON document the command was run on). */
  readonly descriptor: string;
}

export type DescriptorStateResult =
  | {
      readonly status: 'ok';
      /**
       * The server takes the document as a descriptor and checks it (the one decision: its name, a
       * glob, its content). A command about to edit one it does not says so first.
       */
      readonly checked: boolean;
      /** The app UUID forgeAppId names, when it names one (to open the app's page in the console). */
      readonly appUuid?: string;
      /** forgeAppLink's value, when it is a string: what the input box starts from. */
      readonly link?: string;
      /** Where the app serves this descriptor, from its baseUrl, or why that cannot be said. */
      readonly servedUrl: DerivedUrl;
    }
  | NotAnObject
  | UnknownDocument;

/**
 * What "Set forgeAppLink…" says of a link as it is typed, pasted or passed (its non-UI path): the
 * server checks it with the descriptor's settings (console hosts) and against the apps the
 * descriptor names (forgeAppId, the matched manifests), so that the client bundles no checks.
 */
export const CHECK_LINK_REQUEST = 'connectForgeLink/checkLink';

export interface CheckLinkParams extends DescriptorParams {
  readonly link: string;
}

export type CheckLinkResult =
  | {
      readonly status: 'ok';
      /** The link as it is stored: no surrounding spaces, no HTML-escaped ampersands. */
      readonly normalized: string;
      /** The app the link installs, when its path names one (a clipboard holding one prefills the box). */
      readonly uuid?: string;
      /** What is wrong with it, or that it installs another app than the descriptor names; none when it is right. */
      readonly validation?: LinkValidation;
    }
  | UnknownDocument;

/** The manifests "Insert forgeAppId from manifest.yml" may take app.id from, best matches first. */
export const MANIFEST_CANDIDATES_REQUEST = 'connectForgeLink/manifestCandidates';

/** A manifest the client names itself: chosen in a dialog, given as an argument, or found where the server cannot look. */
export interface ManifestSource {
  readonly uri: string;
  /** How it is named to the user (workspace-relative). */
  readonly label: string;
  /** Its text, which the client reads where the server cannot (not a file: URI); the server reads file: URIs itself. */
  readonly text?: string;
}

export interface ManifestCandidatesParams extends DescriptorParams {
  /** These manifests instead of the server's index. */
  readonly manifests?: readonly ManifestSource[];
}

export interface ManifestChoice {
  readonly uri: string;
  readonly label: string;
  /** app.id, when the manifest has a usable one. */
  readonly appId?: string;
  /** Why it has none, in one line. */
  readonly problem?: string;
  readonly connectKey?: string;
  /** Among the equally good matches for the descriptor. */
  readonly matched: boolean;
}

export type ManifestCandidatesResult =
  | { readonly status: 'ok'; readonly manifests: readonly ManifestChoice[] }
  /** The server sees no manifests of this workspace (its folders are not on disk): the client reads them and asks again with `manifests`. */
  | { readonly status: 'not-indexed' }
  | NotAnObject
  | UnknownDocument;

/** The edit that sets a root key, as the quick fixes make it (formatting kept), for the document's version. */
export const ROOT_VALUE_EDIT_REQUEST = 'connectForgeLink/rootValueEdit';

export interface RootValueEditParams extends DescriptorParams {
  readonly key: RootKey;
  readonly value: string;
}

export type RootValueEditResult =
  | {
      readonly status: 'ok';
      /** The version the edits are for: applied to another, they would land in the wrong place. */
      readonly version: number;
      /** The key's value before the edit, when it is a string. */
      readonly current?: string;
      /** Offsets into that version's text. */
      readonly edits: readonly TextEdit[];
    }
  | NotAnObject
  | UnknownDocument;

/** The link's state for the language status item: the verdict of the descriptor's cached analysis. */
export const LINK_STATUS_REQUEST = 'connectForgeLink/linkStatus';

export type LinkStatusResult =
  | ({ readonly status: 'ok' } & LinkStatus)
  /** The document is open but not a descriptor (the item is hidden). */
  | { readonly status: 'not-a-descriptor' }
  | UnknownDocument;

/**
 * "Check the Served Descriptor…": the client fetched the text (in the extension host, where VS
 * Code's proxy settings apply); the server checks it with every rule, compares it with the
 * descriptor and places the findings on the descriptor's current version.
 */
export const SERVED_CHECK_REQUEST = 'connectForgeLink/servedCheck';

export interface ServedCheckParams extends DescriptorParams {
  /** Where the text was served, after the redirects: the messages name it. */
  readonly url: string;
  readonly text: string;
  readonly contentType?: string;
}

/** A finding of the served text, placed on the descriptor: offsets into the version the result is for. */
export interface PlacedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** Places in other files (the matched manifest's app.id). */
  readonly related: readonly { readonly file: string; readonly message: string; readonly fileRange?: LineRange }[];
}

export type ServedCheckResult =
  | {
      readonly status: 'ok';
      readonly version: number;
      readonly findings: readonly PlacedFinding[];
      /** The compared keys that are templates in the descriptor (their served values were checked instead). */
      readonly templatedLocally: readonly ComparedKey[];
    }
  /** The text cannot be checked: empty, an HTML page, not JSON (the message says which, and where). */
  | { readonly status: 'unusable'; readonly message: string }
  | NotAnObject
  | UnknownDocument;
