/**
 * The settings' vocabulary, written once: the server's normalizeSettings, the CLI's options and
 * the tests of package.json's `contributes.configuration` all read these lists.
 */
export const PRODUCT_SETTINGS = ['auto', 'bitbucket', 'jira', 'confluence'] as const;
export type ProductSetting = (typeof PRODUCT_SETTINGS)[number];

/** How loud a finding is, loudest first. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a user may set a rule to, in the order the settings list them. */
export const SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** What each severity setting does, as the Settings editor lists them (package.json's enumDescriptions). */
export const SEVERITY_SETTING_DESCRIPTIONS: Readonly<Record<SeveritySetting, string>> = {
  off: 'Not checked',
  hint: 'A hint: dots under the text, not listed in the Problems panel',
  info: 'Information',
  warning: 'A warning',
  error: 'An error',
};

/** Words people write for a severity that mean one of ours (VS Code's own name for `info`). */
export const SEVERITY_ALIASES: Readonly<Record<string, SeveritySetting>> = { information: 'info' };

export function isProductSetting(value: unknown): value is ProductSetting {
  return (PRODUCT_SETTINGS as readonly unknown[]).includes(value);
}

/** A severity setting from what a user wrote (aliases included), or undefined when it is none. */
export function toSeveritySetting(value: unknown): SeveritySetting | undefined {
  const normalized = typeof value === 'string' ? (SEVERITY_ALIASES[value] ?? value) : value;
  return (SEVERITY_SETTINGS as readonly unknown[]).includes(normalized) ? (normalized as SeveritySetting) : undefined;
}

export interface AnalysisSettings {
  readonly product: ProductSetting;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly consoleHosts: readonly string[];
  readonly reportSyntaxErrors: boolean;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  product: 'auto',
  rules: {},
  consoleHosts: [],
  reportSyntaxErrors: false,
};

/**
 * Editors only (the CLI checks what it is given): whether the Problems panel lists every
 * descriptor of the workspace and its matched manifests, open or not, or only open files.
 */
export const DEFAULT_WORKSPACE_DIAGNOSTICS = true;
