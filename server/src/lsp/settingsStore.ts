/**
 * The settings of each document: pulled with workspace/configuration (scoped to the document)
 * once and kept until the document closes or the client says they changed; for clients without
 * workspace/configuration, those of initializationOptions and of didChangeConfiguration's pushes.
 */
import { Connection, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import type { ClientFeatures } from './capabilities';
import { SETTINGS_SECTION, ServerSettings, normalizeSettings, settingsProblems } from './settings';

export class SettingsStore {
  private fallback: ServerSettings;
  private readonly pulled = new Map<string, Promise<ServerSettings>>();
  /** Problems already logged: each once per session, however often the settings are read. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    initializationSettings: unknown,
  ) {
    this.fallback = this.read(initializationSettings);
  }

  /** Asks to be told of changes, where the client lets the server register for them. */
  async registerForChanges(): Promise<void> {
    if (this.features.dynamicConfiguration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  }

  forDocument(uri: string): Promise<ServerSettings> {
    if (!this.features.configuration) return Promise.resolve(this.fallback);
    let settings = this.pulled.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw) => this.read(raw, this.fallback),
        () => this.fallback,
      );
      this.pulled.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: what was pulled is stale; a client that cannot be asked pushed the new settings. */
  changed(pushed: unknown): void {
    this.pulled.clear();
    if (!this.features.configuration && typeof pushed === 'object' && pushed !== null) {
      this.fallback = this.read((pushed as Record<string, unknown>)[SETTINGS_SECTION], this.fallback);
    }
  }

  /** The settings the client sent, their problems logged (once each) in the client's output. */
  private read(raw: unknown, base?: ServerSettings): ServerSettings {
    for (const problem of settingsProblems(raw)) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.connection.console.warn(problem);
    }
    return normalizeSettings(raw, base);
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }
}
