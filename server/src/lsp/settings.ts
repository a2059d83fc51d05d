/** The settings the server reads (prefix `connectForgeLink`), with defaults and validation. */
import {
  AnalysisSettings,
  DEFAULT_SETTINGS,
  DEFAULT_WORKSPACE_DIAGNOSTICS,
  RULES,
  SEVERITY_SETTINGS,
  SeveritySetting,
  isProductSetting,
  nearestName,
  ruleById,
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

/**
 * What in the settings the client sent has no effect, one line each: rule ids that are no rule's
 * (a misspelling, or a rule of another version) and severities that are none.
 */
export function settingsProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const rules = (raw as Record<string, unknown>).rules;
  if (typeof rules !== 'object' || rules === null) return [];
  const problems: string[] = [];
  for (const [id, severity] of Object.entries(rules as Record<string, unknown>)) {
    if (!ruleById(id)) {
      const near = nearestName(
        id,
        RULES.map((rule) => rule.id),
      );
      problems.push(
        `${SETTINGS_SECTION}.rules: "${id}" is not a rule id, so it has no effect.${near ? ` Did you mean "${near}"?` : ''} The rule ids: ${RULES.map((rule) => rule.id).join(', ')}.`,
      );
    } else if (toSeveritySetting(severity) === undefined) {
      problems.push(
        `${SETTINGS_SECTION}.rules: ${JSON.stringify(severity)} for "${id}" is not a severity (${SEVERITY_SETTINGS.join(', ')}), so the rule keeps its own.`,
      );
    }
  }
  return problems;
}
