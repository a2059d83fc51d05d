/**
 * The commands' and the language status item's requests to the language server (their shapes:
 * the core's protocol.ts). The server holds the manifest index and the core: it reads and matches
 * manifests, computes edits and says the link's state, so the client ships neither a parser nor a
 * copy of the matching or of the analysis.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_LINK_REQUEST,
  CheckLinkParams,
  CheckLinkResult,
  DESCRIPTOR_STATE_REQUEST,
  DescriptorParams,
  DescriptorStateResult,
  LINK_STATUS_REQUEST,
  LinkStatusResult,
  MANIFEST_CANDIDATES_REQUEST,
  ManifestCandidatesParams,
  ManifestCandidatesResult,
  ManifestSource,
  ROOT_VALUE_EDIT_REQUEST,
  RootKey,
  RootValueEditParams,
  RootValueEditResult,
  SERVED_CHECK_REQUEST,
  ServedCheckParams,
  ServedCheckResult,
} from 'connect-forge-link-core';

/** How often an edit is asked for again when the document changed while the server computed it. */
const EDIT_ATTEMPTS = 3;

export class ServerRequests {
  constructor(private readonly client: LanguageClient) {}

  /** What the input box says of a link: the server checks it against the descriptor it would go into. */
  checkLink(document: vscode.TextDocument, link: string): Promise<CheckLinkResult> {
    return this.client.sendRequest(CHECK_LINK_REQUEST, { descriptor: this.uri(document.uri), link } satisfies CheckLinkParams);
  }

  descriptorState(document: vscode.TextDocument): Promise<DescriptorStateResult> {
    return this.client.sendRequest(DESCRIPTOR_STATE_REQUEST, { descriptor: this.uri(document.uri) } satisfies DescriptorParams);
  }

  /** The link's state, the verdict of the analysis the document's diagnostics come from. */
  linkStatus(document: vscode.TextDocument): Promise<LinkStatusResult> {
    return this.client.sendRequest(LINK_STATUS_REQUEST, { descriptor: this.uri(document.uri) } satisfies DescriptorParams);
  }

  /** The server's indexed manifests for the descriptor, or (with `manifests`) those the client names. */
  manifestCandidates(document: vscode.TextDocument, manifests?: readonly ManifestSource[]): Promise<ManifestCandidatesResult> {
    const params: ManifestCandidatesParams = { descriptor: this.uri(document.uri), manifests };
    return this.client.sendRequest(MANIFEST_CANDIDATES_REQUEST, params);
  }

  /** The edit setting a root key, for the document's current version (asked again if it changed meanwhile). */
  async rootValueEdit(document: vscode.TextDocument, key: RootKey, value: string): Promise<RootValueEditResult> {
    const params: RootValueEditParams = { descriptor: this.uri(document.uri), key, value };
    let result: RootValueEditResult | undefined;
    for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
      result = await this.client.sendRequest<RootValueEditResult>(ROOT_VALUE_EDIT_REQUEST, params);
      if (result.status !== 'ok' || result.version === document.version) return result;
    }
    return result ?? { status: 'unknown-document' };
  }

  /** The findings of a served descriptor's text (fetched here), placed on the descriptor's current version. */
  servedCheck(document: vscode.TextDocument, served: Omit<ServedCheckParams, 'descriptor'>): Promise<ServedCheckResult> {
    return this.client.sendRequest(SERVED_CHECK_REQUEST, { ...served, descriptor: this.uri(document.uri) } satisfies ServedCheckParams);
  }

  /** A manifest named by the client: the server reads file: URIs itself; others (virtual workspaces) are read here. */
  async manifestSource(uri: vscode.Uri, text?: string): Promise<ManifestSource> {
    const label = vscode.workspace.asRelativePath(uri);
    if (text === undefined && uri.scheme !== 'file') {
      try {
        text = decode(await vscode.workspace.fs.readFile(uri));
      } catch (error) {
        throw new Error(`${label} could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    return { uri: this.uri(uri), label, text };
  }

  /** A URI as the server knows it (as the client wrote it in didOpen). */
  uri(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  codeUri(uri: string): vscode.Uri {
    return this.client.protocol2CodeConverter.asUri(uri);
  }
}

export function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}
