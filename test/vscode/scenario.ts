/**
 * Which scenario this run is: its name comes from the environment (set by scripts/vscode/test.mjs
 * and test/vscode/runElectron.ts), its workspace, trust and test files from scenarios.json, the
 * only place the scenarios are declared.
 * No `vscode` import here: runElectron.ts runs outside VS Code.
 */
import declared from './scenarios.json';

export type Scenario = keyof typeof declared.scenarios;

export interface ScenarioSpec {
  readonly description: string;
  /** A fixture folder, relative to the repository; the run opens a temporary copy of it. */
  readonly workspace: string;
  /** Workspace trust enabled and the folder not trusted: the window is in Restricted Mode. */
  readonly restrictedMode: boolean;
  /** The test files of this scenario: test/vscode/<name>.test.ts. */
  readonly files: readonly string[];
}

export const SCENARIOS: Readonly<Record<Scenario, ScenarioSpec>> = declared.scenarios;
export const SCENARIO_ENV = 'CONNECT_FORGE_LINK_SCENARIO';

export function isScenario(name: string): name is Scenario {
  return Object.hasOwn(SCENARIOS, name);
}

export function scenario(): Scenario {
  const value = process.env[SCENARIO_ENV] ?? 'trusted';
  if (!isScenario(value)) throw new Error(`${SCENARIO_ENV} must be one of ${Object.keys(SCENARIOS).join(', ')}, not "${value}"`);
  return value;
}

/** Where the extension under test comes from: the repository (development) or an installed .vsix. */
export const ORIGIN_ENV = 'CONNECT_FORGE_LINK_EXTENSION_FROM';

export function expectedOrigin(): 'source' | 'vsix' {
  return process.env[ORIGIN_ENV] === 'vsix' ? 'vsix' : 'source';
}
