/**
 * The requests of the VS Code client's commands and its language status item (core/protocol.ts):
 * the server reads and matches manifests (its index, or the ones the client names), computes the
 * edits and says the link's state, with the same core and the same cached analysis the
 * diagnostics and quick fixes use, so that the client bundles none of it.
 */
import { Connection, ErrorCodes, ResponseError, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  Analysis,
  DESCRIPTOR_STATE_REQUEST,
  DescriptorIdentity,
  DescriptorParams,
  DescriptorStateResult,
  IndexedManifest,
  LINK_STATUS_REQUEST,
  LinkStatusResult,
  MANIFEST_CANDIDATES_REQUEST,
  ManifestCandidatesParams,
  ManifestCandidatesResult,
  ManifestChoice,
  ManifestContext,
  ManifestSource,
  NamedApp,
  CHECK_LINK_REQUEST,
  CheckLinkParams,
  CheckLinkResult,
  checkInstallLink,
  normalizeInstallLink,
  validateLink,
  ROOT_VALUE_EDIT_REQUEST,
  RootValueEditParams,
  RootValueEditResult,
  SERVED_CHECK_REQUEST,
  ServedCheckParams,
  ServedCheckResult,
  analyze,
  describeManifestProblem,
  dirname,
  findProperty,
  indexManifest,
  linkStatusOf,
  manifestResolver,
  readManifest,
  servedUrlFromBaseUrl,
  setRootProperty,
  stringValue,
} from '../core';
import { checkServed, descriptorLabel } from './servedCheck';
import { readManifestFile } from '../workspace/manifestFiles';
import { DocumentCache } from './documentCache';
import { SettingsStore } from './settingsStore';
import { WorkspaceManifests } from './workspaceManifests';

export function listenToClientRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: DocumentCache,
  settings: SettingsStore,
  workspace: WorkspaceManifests,
): void {
  const requests = new ClientRequests(documents, cache, settings, workspace);
  // A failure is logged with its stack and answered as an error the client shows.
  const serve = <P, R>(method: string, handler: (params: P) => Promise<R>): void => {
    connection.onRequest(method, async (params: P): Promise<R> => {
      try {
        return await handler(params);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        connection.console.error(`${method} failed: ${message}`);
        throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
  serve(DESCRIPTOR_STATE_REQUEST, (params: DescriptorParams) => requests.descriptorState(params));
  serve(MANIFEST_CANDIDATES_REQUEST, (params: ManifestCandidatesParams) => requests.manifestCandidates(params));
  serve(LINK_STATUS_REQUEST, (params: DescriptorParams) => requests.linkStatus(params));
  serve(ROOT_VALUE_EDIT_REQUEST, (params: RootValueEditParams) => requests.rootValueEdit(params));
  serve(CHECK_LINK_REQUEST, (params: CheckLinkParams) => requests.checkLink(params));
  serve(SERVED_CHECK_REQUEST, (params: ServedCheckParams) => requests.servedCheck(params));
}

class ClientRequests {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsStore,
    private readonly workspace: WorkspaceManifests,
  ) {}

  async descriptorState({ descriptor }: DescriptorParams): Promise<DescriptorStateResult> {
    const document = this.documents.get(descriptor);
    if (!document) return { status: 'unknown-document' };
    const checked = (await this.cache.stateOf(document)).kind === 'descriptor';
    const analysis = await this.analysisOf(document);
    if (!analysis.parsed.root) return { status: 'not-an-object' };
    const baseUrl = findProperty(analysis.parsed.root, 'baseUrl')?.valueNode?.value;
    return {
      status: 'ok',
      checked,
      appUuid: analysis.appIdCheck?.uuid,
      link: stringValue(analysis.link?.valueNode),
      servedUrl: servedUrlFromBaseUrl(baseUrl, descriptorLabel(descriptor, this.workspace.folderOf(descriptor))),
    };
  }

  async checkLink({ descriptor, link }: CheckLinkParams): Promise<CheckLinkResult> {
    const document = this.documents.get(descriptor);
    if (!document) return { status: 'unknown-document' };
    const analysis = await this.analysisOf(document);
    const hosts = analysis.settings.consoleHosts;
    const normalized = normalizeInstallLink(link);
    const validation = link.trim().length === 0 ? undefined : validateLink(link, hosts, namedApps(analysis));
    return { status: 'ok', normalized, uuid: checkInstallLink(normalized, { extraHosts: hosts }).uuid, validation };
  }

  async servedCheck(params: ServedCheckParams): Promise<ServedCheckResult> {
    const document = this.documents.get(params.descriptor);
    if (!document) return { status: 'unknown-document' };
    const analysis = await this.analysisOf(document);
    return checkServed(document, analysis, params, descriptorLabel(params.descriptor, this.workspace.folderOf(params.descriptor)));
  }

  /** The verdict of the cached analysis, for descriptors only (other documents get no status item). */
  async linkStatus({ descriptor }: DescriptorParams): Promise<LinkStatusResult> {
    const document = this.documents.get(descriptor);
    if (!document) return { status: 'unknown-document' };
    const state = await this.cache.stateOf(document);
    return state.kind === 'descriptor' ? { status: 'ok', ...linkStatusOf(state.analysis) } : { status: 'not-a-descriptor' };
  }

  async manifestCandidates({ descriptor, manifests }: ManifestCandidatesParams): Promise<ManifestCandidatesResult> {
    const document = this.documents.get(descriptor);
    if (!document) return { status: 'unknown-document' };
    if (manifests) {
      const indexed = await Promise.all(manifests.map((source) => this.read(source)));
      const analysis = await this.analysisOf(
        document,
        manifestResolver({ path: URI.parse(descriptor).path, root: this.rootOf(descriptor), manifests: indexed }),
      );
      return analysis.parsed.root ? { status: 'ok', manifests: choices(indexed, analysis.manifests) } : { status: 'not-an-object' };
    }
    const indexed = this.workspace.manifests();
    if (!indexed) return { status: 'not-indexed' };
    const analysis = await this.analysisOf(document);
    return analysis.parsed.root ? { status: 'ok', manifests: choices(indexed, analysis.manifests) } : { status: 'not-an-object' };
  }

  async rootValueEdit({ descriptor, key, value }: RootValueEditParams): Promise<RootValueEditResult> {
    const document = this.documents.get(descriptor);
    if (!document) return { status: 'unknown-document' };
    const analysis = await this.analysisOf(document);
    const { parsed } = analysis;
    if (!parsed.root) return { status: 'not-an-object' };
    return {
      status: 'ok',
      version: document.version,
      current: stringValue((key === 'forgeAppLink' ? analysis.link : analysis.appId)?.valueNode),
      edits: setRootProperty(parsed.text, parsed.root, key, value),
    };
  }

  /**
   * The cached analysis of the document's current version when it is a descriptor; the commands
   * also work on any other JSON document (the active editor), analysed for the occasion, as they
   * are when the manifests to match are the client's.
   */
  private async analysisOf(document: TextDocument, manifests?: (identity: DescriptorIdentity) => ManifestContext): Promise<Analysis> {
    const state = await this.cache.stateOf(document);
    if (state.kind === 'descriptor' && !manifests) return state.analysis;
    const settings = await this.settings.forDocument(document.uri);
    return analyze(document.getText(), { settings, manifests: manifests ?? this.workspace.resolverFor(document.uri) });
  }

  /** The workspace folder's path (or the file's folder outside any), as matching measures proximity. */
  private rootOf(uri: string): string {
    return this.workspace.folderOf(uri)?.path ?? dirname(URI.parse(uri).path);
  }

  private async read(source: ManifestSource): Promise<IndexedManifest> {
    const uri = URI.parse(source.uri);
    let text = source.text;
    let info;
    if (text !== undefined) info = readManifest(text);
    else if (uri.scheme === 'file') ({ text, info } = await readManifestFile(uri.fsPath));
    else {
      text = '';
      info = readManifest(text);
    }
    return indexManifest(source.uri, uri.path, source.label, this.rootOf(source.uri), text, info);
  }
}

/** The apps a descriptor names besides its link: forgeAppId's, and the matched manifests' app.id. */
function namedApps(analysis: Analysis): NamedApp[] {
  const named: NamedApp[] = analysis.appIdCheck?.uuid ? [{ uuid: analysis.appIdCheck.uuid, by: 'forgeAppId' }] : [];
  for (const match of analysis.manifests.matches) if (match.appIdUuid) named.push({ uuid: match.appIdUuid, by: match.label });
  return named;
}

function choices(indexed: readonly IndexedManifest[], context: ManifestContext): ManifestChoice[] {
  const matched = new Set(context.matches.map((match) => match.location));
  return indexed
    .map((manifest): ManifestChoice => {
      const appId = manifest.info.status === 'ok' ? manifest.info.appId?.value : undefined;
      return {
        uri: manifest.location,
        label: manifest.label,
        appId,
        problem: appId ? undefined : (describeManifestProblem(manifest.info) ?? 'it has no app.id'),
        connectKey: manifest.candidate.connectKey,
        matched: matched.has(manifest.location),
      };
    })
    .sort((a, b) => Number(b.matched) - Number(a.matched) || a.label.localeCompare(b.label));
}
