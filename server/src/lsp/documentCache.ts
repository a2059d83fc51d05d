/**
 * One cache of what the server knows of each document, keyed by the document and its version:
 * what kind of document it is and, for a descriptor or a manifest, its analysis. Open documents
 * and closed files read from disk for workspace diagnostics (workspace/diskDocuments.ts) alike.
 * Diagnostics, hover, completion, definition, code actions and the client's requests all read it,
 * so that each version is parsed once, whoever asks first. A descriptor's first analysis waits
 * (bounded) for the manifest index, so that its first diagnostics are complete.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, ManifestAnalysis, RuleFailure, analyze } from '../core';
import { descriptorVerdict } from '../workspace/documentSelection';
import { analyzeManifestDocument, isManifestUri } from './manifestDocuments';
import { ServerSettings } from './settings';
import { SettingsStore } from './settingsStore';
import { WorkspaceManifests } from './workspaceManifests';

export type DocumentState =
  | { readonly kind: 'descriptor'; readonly version: number; readonly analysis: Analysis }
  | { readonly kind: 'manifest'; readonly version: number; readonly analysis: ManifestAnalysis }
  /** `byContent`: its text ruled it out, for this version only; else its name did, for every version. */
  | { readonly kind: 'other'; readonly version: number; readonly byContent: boolean };

export type DocumentKind = DocumentState['kind'];

export interface KindVerdict {
  readonly kind: DocumentKind;
  /** The text decided (a verdict for this version), not the name or a glob (one for every version). */
  readonly byContent: boolean;
}

/**
 * Which kind a document is: a manifest by its name; a descriptor by the one decision the CLI
 * takes too (workspace/documentSelection.ts: the name, the user's globs, or the content, read
 * only when those do not decide).
 */
export function kindOf(document: TextDocument, settings: ServerSettings, workspaceFolders: readonly string[]): KindVerdict {
  if (isManifestUri(document.uri)) return { kind: 'manifest', byContent: false };
  const verdict = descriptorVerdict(
    { uri: document.uri, text: () => document.getText(), languageId: document.languageId },
    { globs: settings.descriptorGlobs, workspaceFolders },
  );
  return { kind: verdict.descriptor ? 'descriptor' : 'other', byContent: verdict.byContent };
}

interface Entry {
  /** Settings and manifests at the time: a later generation makes the entry stale. */
  readonly generation: number;
  readonly state: DocumentState;
}

/** How often a state is read again when the settings change while they are fetched. */
const MAX_SETTINGS_READS = 3;

export class DocumentCache {
  /** Keyed by the document object: one closed and opened again is a new object whose versions start again at 1. */
  private readonly entries = new WeakMap<TextDocument, Entry>();
  private readonly pending = new WeakMap<
    TextDocument,
    { readonly version: number; readonly generation: number; readonly state: Promise<DocumentState> }
  >();
  private generation = 0;

  constructor(
    private readonly settings: Pick<SettingsStore, 'forDocument' | 'forget'>,
    private readonly workspace: Pick<WorkspaceManifests, 'folderUris' | 'whenIndexed' | 'resolverFor'>,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * The state of the document's current version, computed at most once per version. `scope` is
   * the URI whose settings apply: the document's own, or (for a closed file) its folder's.
   */
  async stateOf(document: TextDocument, scope = document.uri): Promise<DocumentState> {
    // Questions asked at once (a pull, a hover, code actions) share the computation under way.
    const pending = this.pending.get(document);
    if (pending && pending.version === document.version && pending.generation === this.generation) return pending.state;
    const state = this.computeState(document, scope);
    this.pending.set(document, { version: document.version, generation: this.generation, state });
    try {
      return await state;
    } finally {
      if (this.pending.get(document)?.state === state) this.pending.delete(document);
    }
  }

  private async computeState(document: TextDocument, scope: string): Promise<DocumentState> {
    for (let attempt = 1; ; attempt++) {
      const { settings, generation } = await this.settingsFor(scope);
      const cached = this.entries.get(document);
      if (cached && cached.generation === generation && cached.state.version === document.version) return cached.state;
      const verdict = kindOf(document, settings, this.workspace.folderUris);
      if (verdict.kind === 'descriptor') {
        await this.workspace.whenIndexed();
        // The index, once built, starts a new generation: read the settings of that one.
        if (generation !== this.generation && attempt < MAX_SETTINGS_READS) continue;
      }
      const state = this.compute(document, verdict, settings);
      this.entries.set(document, { generation, state });
      return state;
    }
  }

  /** Settings and manifests as they are now: a state computed under an older generation is stale. */
  get currentGeneration(): number {
    return this.generation;
  }

  /**
   * Whether the document is known not to be ours: for its current text when its text decided,
   * for any text when its name did. What a change of a JSON file that is not a descriptor costs
   * is this lookup, and the content test once per version when its content decides.
   */
  isSettledOther(document: TextDocument): boolean {
    const cached = this.entries.get(document);
    if (cached === undefined || cached.generation !== this.generation || cached.state.kind !== 'other') return false;
    return !cached.state.byContent || cached.state.version === document.version;
  }

  /** Settings or manifests changed: every state is computed again when next asked for. */
  invalidate(): void {
    this.generation++;
  }

  forget(document: TextDocument): void {
    this.entries.delete(document);
    this.pending.delete(document);
    this.settings.forget(document.uri);
  }

  /** The settings for a scope, fetched again when they changed while they were fetched (so as not to cache stale ones). */
  private async settingsFor(scope: string): Promise<{ settings: ServerSettings; generation: number }> {
    for (let reads = 1; ; reads++) {
      const generation = this.generation;
      const settings = await this.settings.forDocument(scope);
      if (generation === this.generation || reads === MAX_SETTINGS_READS) return { settings, generation };
    }
  }

  private compute(document: TextDocument, verdict: KindVerdict, settings: ServerSettings): DocumentState {
    const version = document.version;
    switch (verdict.kind) {
      case 'manifest': {
        const analysis = analyzeManifestDocument(document, settings);
        this.logFailures(document, analysis.failures);
        return { kind: 'manifest', version, analysis };
      }
      case 'descriptor': {
        const analysis = analyze(document.getText(), { settings, manifests: this.workspace.resolverFor(document.uri) });
        this.logFailures(document, analysis.failures);
        return { kind: 'descriptor', version, analysis };
      }
      default:
        return { kind: 'other', version, byContent: verdict.byContent };
    }
  }

  private logFailures(document: TextDocument, failures: readonly RuleFailure[]): void {
    for (const failure of failures) this.log(`Rule ${failure.ruleId} failed on ${document.uri}: ${failure.error}`);
  }
}
