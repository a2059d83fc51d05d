/** The settings the server reads (prefix `connectForgeLink`), with defaults and validation. */
import {
  AnalysisSettings,
  DEFAULT_SETTINGS,
  DEFAULT_WORKSPACE_DIAGNOSTICS,
  SeveritySetting,
  isProductSetting,
  toSeveritySetting,
} from '../core';

export const SETTINGS_SECTION = 'connectForgeLink';

export interface ServerSettings extends AnalysisSettings {
  readonly descriptorGlobs: readonly string[];
  /** Diagnostics for the workspace's files that are not open too (LSP pull clients), or for open files only. */
  readonly workspaceDiagnostics: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  ...DEFAULT_SETTINGS,
  descriptorGlobs: [],
  workspaceDiagnostics: DEFAULT_WORKSPACE_DIAGNOSTICS,
};

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Takes whatever the client sent (possibly partial or wrong) and returns complete settings. */
export function normalizeSettings(raw: unknown, base: ServerSettings = DEFAULT_SERVER_SETTINGS): ServerSettings {
  if (typeof raw !== 'object' || raw === null) return base;
  const value = raw as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (typeof value.rules === 'object' && value.rules !== null) {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      const normalized = toSeveritySetting(severity);
      if (normalized) rules[id] = normalized;
    }
  }
  return {
    descriptorGlobs: stringArray(value.descriptorGlobs) ?? base.descriptorGlobs,
    product: isProductSetting(value.product) ? value.product : base.product,
    rules: Object.keys(rules).length > 0 || value.rules !== undefined ? rules : base.rules,
    consoleHosts: stringArray(value.consoleHosts) ?? base.consoleHosts,
    reportSyntaxErrors: typeof value.reportSyntaxErrors === 'boolean' ? value.reportSyntaxErrors : base.reportSyntaxErrors,
    workspaceDiagnostics: typeof value.workspaceDiagnostics === 'boolean' ? value.workspaceDiagnostics : base.workspaceDiagnostics,
  };
}
