/**
 * Which run this is, set by the runners (scripts/vscode/test.mjs, test/vscode/runElectron.ts) in
 * the environment: `trusted` and `restricted` open test/fixtures/vscode-workspace (the latter in
 * Restricted Mode), `no-descriptor` opens test/fixtures/vscode-workspace-no-descriptor.
 * No `vscode` import here: runElectron.ts runs outside VS Code.
 */
export type Scenario = 'trusted' | 'restricted' | 'no-descriptor';
export const SCENARIOS: readonly Scenario[] = ['trusted', 'restricted', 'no-descriptor'];
export const SCENARIO_ENV = 'CONNECT_FORGE_LINK_SCENARIO';

export function scenario(): Scenario {
  const value = process.env[SCENARIO_ENV] ?? 'trusted';
  if (!(SCENARIOS as readonly string[]).includes(value)) {
    throw new Error(`${SCENARIO_ENV} must be one of ${SCENARIOS.join(', ')}, not "${value}"`);
  }
  return value as Scenario;
}

/** Where the extension under test comes from: the repository (development) or an installed .vsix. */
export const ORIGIN_ENV = 'CONNECT_FORGE_LINK_EXTENSION_FROM';

export function expectedOrigin(): 'source' | 'vsix' {
  return process.env[ORIGIN_ENV] === 'vsix' ? 'vsix' : 'source';
}
