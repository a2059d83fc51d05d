/** The settings the server reads (prefix `connectForgeLink`), with defaults and validation. */
import { AnalysisSettings, ProductSetting, SeveritySetting } from '../core';

export const SETTINGS_SECTION = 'connectForgeLink';

export interface ServerSettings extends AnalysisSettings {
  readonly descriptorGlobs: readonly string[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  descriptorGlobs: [],
  product: 'auto',
  rules: {},
  consoleHosts: [],
  reportSyntaxErrors: false,
};

const PRODUCTS: readonly ProductSetting[] = ['auto', 'bitbucket', 'jira', 'confluence'];
const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

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
      const normalized = severity === 'information' ? 'info' : severity;
      if (SEVERITIES.includes(normalized as SeveritySetting)) rules[id] = normalized as SeveritySetting;
    }
  }
  return {
    descriptorGlobs: stringArray(value.descriptorGlobs) ?? base.descriptorGlobs,
    product: PRODUCTS.includes(value.product as ProductSetting) ? (value.product as ProductSetting) : base.product,
    rules: Object.keys(rules).length > 0 || value.rules !== undefined ? rules : base.rules,
    consoleHosts: stringArray(value.consoleHosts) ?? base.consoleHosts,
    reportSyntaxErrors: typeof value.reportSyntaxErrors === 'boolean' ? value.reportSyntaxErrors : base.reportSyntaxErrors,
  };
}
