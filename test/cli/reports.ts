/**
 * Reports as the CLI makes them, for the tests of the CI formats as pure functions: fixture
 * folders (copied by the harness's temporaryWorkspaces) searched and checked by the CLI's own
 * discovery and checks.
 */
import { parseCommandLine } from '../../server/src/cli/args';
import { checkTargets } from '../../server/src/cli/check';
import { discover } from '../../server/src/cli/discover';
import { FileReport, countDescriptors, countFindings } from '../../server/src/cli/format';
import { ReportRun } from '../../server/src/cli/formats/report';
import { VERSION } from './harness';

/**
 * Checks `argv` (paths and options, as on the command line) in `cwd` and returns the reports, as
 * the CLI makes them: the descriptors', then those of the manifests matched to them.
 */
export async function checkedReports(cwd: string, argv: readonly string[]): Promise<FileReport[]> {
  const command = parseCommandLine(argv);
  if (command.kind !== 'check') throw new Error(`not a check: ${argv.join(' ')}`);
  const discovery = await discover(command.options, { cwd, progress: () => undefined });
  const results = await checkTargets(discovery.targets, cwd, command.options, () => undefined);
  return results.map((result) => result.report);
}

/** A run over these reports, with the exit code the CLI gives them (unless told otherwise). */
export function runOf(reports: readonly FileReport[], root: string, options: Partial<ReportRun> = {}): ReportRun {
  const counts = countFindings(reports);
  const maxWarnings = options.maxWarnings ?? 0;
  const problems = reports.some((report) => report.error !== undefined || report.ruleFailures.length > 0);
  const failing = counts.errors > 0 || (maxWarnings >= 0 && counts.warnings > maxWarnings);
  return {
    reports,
    counts,
    descriptors: countDescriptors(reports),
    exitCode: problems ? 2 : failing ? 1 : 0,
    maxWarnings,
    version: VERSION,
    ruleSettings: {},
    root,
    cwd: root,
    ...options,
  };
}

/** A descriptor with `count` nested forgeAppId keys: as many real forge-key-nested warnings. */
export function manyNestedKeys(count: number): string {
  const panels = Array.from(
    { length: count },
    (_, i) => `      { "key": "panel-${i}", "forgeAppId": "ari:cloud:ecosystem::app/4c7ae21b-150a-440c-9912-c85b4c492e93" }`,
  );
  return `{\n  "key": "many",\n  "scopes": ["repository"],\n  "contexts": ["account"],\n  "modules": {\n    "webPanels": [\n${panels.join(',\n')}\n    ]\n  }\n}\n`;
}
