/** What the client can do, read once from its initialize request: its capabilities and our options. */
import { InitializeParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DEFAULT_DESCRIPTOR_NAME } from '../workspace/documentSelection';

/** Options an editor may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Settings to use when the client does not answer workspace/configuration. */
  readonly settings?: unknown;
  /** The client can ask the user for the install link (VS Code's client sets this). */
  readonly interactiveFixes?: boolean;
  /** The client sends watched-file events for manifests and deleted folders itself (VS Code's client does). */
  readonly watchesManifests?: boolean;
  /** The client's JSON language already describes the two keys in files named
   * atlassian-connect.json (VS Code's client contributes a schema): the server's hover then adds
   * only what the schema cannot say, so it is not shown twice. Completing them stays the
   * server's (the schema marks them doNotSuggest): VS Code's JSON language adds no comma before. */
  readonly schemaDescribesKeys?: boolean;
  /** How long (ms) the first diagnostics wait for the manifest index before they go without it (default 2000). */
  readonly manifestIndexWaitMs?: number;
  /** The client has the command that fetches and checks the served descriptor (VS Code's client): offered on `baseUrl`. */
  readonly checksServed?: boolean;
}

export interface ClientFeatures {
  readonly interactiveFixes: boolean;
  readonly checksServed: boolean;
  readonly schemaDescribesKeys: boolean;
  readonly documentChanges: boolean;
  readonly relatedInformation: boolean;
  /** Completion items may be snippets (placeholders, the cursor put in the value). */
  readonly snippets: boolean;
  /** The client answers workspace/configuration. */
  readonly configuration: boolean;
  /** The client lets the server register for didChangeConfiguration. */
  readonly dynamicConfiguration: boolean;
  /** The client lets the server register file watchers. */
  readonly dynamicWatchedFiles: boolean;
  /** Watchers may be given relative to a folder (LSP 3.17 RelativePattern). */
  readonly relativeWatchPatterns: boolean;
  readonly watchesManifests: boolean;
  /** The client reports workspace folders added and removed. */
  readonly workspaceFolders: boolean;
  /** The client pulls diagnostics (LSP 3.17 textDocument/diagnostic): the server answers instead of publishing. */
  readonly pullDiagnostics: boolean;
  /** The client takes workspace/diagnostic/refresh, to pull again when a change elsewhere alters a result. */
  readonly diagnosticRefresh: boolean;
}

export function readClientFeatures(params: InitializeParams): ClientFeatures {
  const capabilities = params.capabilities;
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  return {
    interactiveFixes: init.interactiveFixes === true,
    checksServed: init.checksServed === true,
    schemaDescribesKeys: init.schemaDescribesKeys === true,
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    relatedInformation:
      capabilities.textDocument?.diagnostic !== undefined
        ? capabilities.textDocument.diagnostic.relatedInformation === true
        : capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    dynamicConfiguration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicWatchedFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativeWatchPatterns: capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    watchesManifests: init.watchesManifests === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
  };
}

/** Whether the client's schema already describes the two keys in this document. */
export function schemaCovers(features: ClientFeatures, uri: string): boolean {
  return features.schemaDescribesKeys && URI.parse(uri).path.endsWith(`/${DEFAULT_DESCRIPTOR_NAME}`);
}
