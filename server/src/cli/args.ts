/** The command line: options, their validation, and the help text. No I/O here. */
import { PRODUCT_SETTINGS, ProductSetting, SEVERITY_SETTINGS, SeveritySetting, ruleById, toSeveritySetting } from '../core';

export const PROGRAM = 'connect-forge-lint';

export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  /** Files and folders as given (default: the current folder). */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly product: ProductSetting;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** More warnings than this fail the run; -1 never fails on warnings. */
  readonly maxWarnings: number;
  /** Manifests named with --manifest: used for every descriptor instead of searching. */
  readonly manifests: readonly string[];
  readonly descriptorGlobs: readonly string[];
  readonly consoleHosts: readonly string[];
  readonly quiet: boolean;
  /** Forced on or off by --color / --no-color; undefined: decide from the terminal and NO_COLOR. */
  readonly color?: boolean;
}

export type Command =
  | { readonly kind: 'check'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'list-rules'; readonly format: OutputFormat };

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json'];

/** Options that take a value, as `--name value` or `--name=value`. */
const VALUED = new Set(['--format', '--product', '--rule', '--max-warnings', '--manifest', '--descriptor-glob', '--console-host']);
const FLAGS = new Set(['--fix', '--fix-dry-run', '--quiet', '--color', '--no-color', '--help', '--version', '--list-rules']);
const SHORT: Readonly<Record<string, string>> = { '-h': '--help', '-v': '--version', '-q': '--quiet', '-f': '--format' };

/** Parses argv (without node and the script); throws UsageError with a one-line reason. */
export function parseArgs(argv: readonly string[]): Command {
  const paths: string[] = [];
  const rules: Record<string, SeveritySetting> = {};
  const manifests: string[] = [];
  const descriptorGlobs: string[] = [];
  const consoleHosts: string[] = [];
  let format: OutputFormat = 'text';
  let product: ProductSetting = 'auto';
  let maxWarnings = 0;
  let fix = false;
  let fixDryRun = false;
  let quiet = false;
  let color: boolean | undefined;
  let help = false;
  let version = false;
  let listRules = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const rawName = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    const name = SHORT[rawName] ?? rawName;
    let value: string | undefined = arg.startsWith('--') && equals > 0 ? arg.slice(equals + 1) : undefined;
    if (VALUED.has(name)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option ${name} needs a value`);
        value = argv[++i];
      }
    } else if (FLAGS.has(name)) {
      if (value !== undefined) throw new UsageError(`option ${name} takes no value`);
    } else {
      throw new UsageError(`unknown option '${rawName}'`);
    }

    switch (name) {
      case '--format':
        format = oneOf(value as string, FORMATS, name);
        break;
      case '--product':
        product = oneOf(value as string, PRODUCT_SETTINGS, name);
        break;
      case '--rule': {
        const [id, severity] = parseRule(value as string);
        rules[id] = severity;
        break;
      }
      case '--max-warnings':
        maxWarnings = parseMaxWarnings(value as string);
        break;
      case '--manifest':
        manifests.push(nonEmpty(value as string, name));
        break;
      case '--descriptor-glob':
        descriptorGlobs.push(nonEmpty(value as string, name));
        break;
      case '--console-host':
        consoleHosts.push(nonEmpty(value as string, name));
        break;
      case '--fix':
        fix = true;
        break;
      case '--fix-dry-run':
        fixDryRun = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--help':
        help = true;
        break;
      case '--version':
        version = true;
        break;
      case '--list-rules':
        listRules = true;
        break;
    }
  }

  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (listRules) return { kind: 'list-rules', format };
  if (fix && fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  return {
    kind: 'check',
    options: {
      paths: paths.length > 0 ? paths : ['.'],
      format,
      fix,
      fixDryRun,
      product,
      rules,
      maxWarnings,
      manifests,
      descriptorGlobs,
      consoleHosts,
      quiet,
      color,
    },
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function nonEmpty(value: string, option: string): string {
  if (value.trim() === '') throw new UsageError(`${option} needs a non-empty value`);
  return value;
}

function parseRule(value: string): [string, SeveritySetting] {
  const equals = value.lastIndexOf('=');
  if (equals <= 0) throw new UsageError(`--rule expects <rule-id>=<${SEVERITY_SETTINGS.join('|')}> (got '${value}')`);
  const id = value.slice(0, equals).trim();
  const raw = value.slice(equals + 1).trim();
  if (!ruleById(id)) throw new UsageError(`unknown rule '${id}' (see --list-rules)`);
  return [id, toSeveritySetting(raw) ?? oneOf(raw, SEVERITY_SETTINGS, `--rule ${id}`)];
}

function parseMaxWarnings(value: string): number {
  if (!/^(-1|\d+)$/.test(value.trim()))
    throw new UsageError(`--max-warnings must be a whole number ≥ 0, or -1 for no limit (got '${value}')`);
  return Number(value.trim());
}

export function helpText(version: string): string {
  return `${PROGRAM} ${version}
Checks Atlassian Connect descriptors (atlassian-connect.json) of Bitbucket Cloud apps for
forgeAppLink and forgeAppId, and compares them with the Forge app's manifest.yml.
The same checks and fixes as the editor extension.

Usage: ${PROGRAM} [options] [paths…]

Paths are files or folders (default: the current folder).
  A folder is searched for atlassian-connect.json files (and --descriptor-glob matches) and for
  Forge manifest.yml files, skipping node_modules, .git and build outputs (out, dist, build, …).
  A file is checked as a descriptor whatever its name.
Which manifest.yml belongs to a descriptor (unless --manifest names it):
  for a folder argument, the manifests in that folder's tree; for a file argument, the manifests
  in the tree of the nearest enclosing folder that holds .git (the repository), or the file's own
  folder when there is none. Among those, the one naming the same Forge app wins, then the one
  whose app.connect.key equals the descriptor's key, then the nearest one.

Options:
  --fix                     Apply the safe fixes (the editor's "fix all") and write the files
                            that changed; files that do not parse are never touched.
  --fix-dry-run             Print the fixes as a unified diff instead of writing them.
  --format text|json        Output format (default: text). json is stable, for machines.
  --product auto|bitbucket|jira|confluence
                            Which product the descriptors are for (default: auto, detected
                            from each descriptor's content).
  --rule <id>=<severity>    Set a rule's severity: off, hint, info, warning or error.
                            Repeatable. See --list-rules for the ids.
  --max-warnings N          Fail when there are more than N warnings (default: 0; -1: never
                            fail because of warnings). info and hint never fail a run.
  --manifest <path>         Compare every descriptor with this manifest.yml instead of
                            searching for one. Repeatable (the best match wins).
  --descriptor-glob <glob>  Also check files matching this glob (relative to the folder
                            argument) in folders, e.g. '**/descriptor/*.json'. Repeatable.
  --console-host <host>     Accept this developer console host in forgeAppLink besides
                            developer.atlassian.com. Repeatable.
  -q, --quiet               Print errors only (warnings still count for --max-warnings).
  --color, --no-color       Force colours on or off (default: on a terminal, unless NO_COLOR
                            is set; FORCE_COLOR=1 turns them on).
  --list-rules              List the rules with their default severity and exit.
  -h, --help                Show this help and exit.
  -v, --version             Show the version and exit.

JSON syntax errors are reported (rule json-syntax, error): unlike in the editor, nothing else
reports them here. Turn them off with --rule json-syntax=off.

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors, or more warnings than --max-warnings
  2  a usage problem, a path that cannot be read, or an internal error (reason on stderr)

Examples:
  ${PROGRAM}                          check every descriptor below the current folder
  ${PROGRAM} --fix .                  apply the safe fixes, then list what is left
  ${PROGRAM} --format json app/ > report.json
`;
}
