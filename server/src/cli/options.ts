/**
 * The checker's options, declared once. Each row of OPTIONS gives node:util's parseArgs its
 * config, gives the help its entry, and says what the option does to the run's options. Adding an
 * option is adding a row (and the CliOptions field it sets, with its default in defaultOptions).
 *
 * A value that may be left out (issue 12's `--served [url]`) is one thing parseArgs cannot do.
 * The convention for it: the row is a ValuedOption with `value: '[url]'` and a
 * `takesNext(argument)` predicate (a URL), and it is given to parseArgs as a boolean, so that
 * `--served --fix` stays two options. parseCommandLine (args.ts) then takes its value from the
 * token's inline value (`--served=<url>`), or from the next token when that is a positional that
 * `takesNext` accepts (consuming it instead of a path), and otherwise calls `read` with ''.
 */
import {
  DEFAULT_TIMEOUT_MS,
  PRODUCT_SETTINGS,
  ProductSetting,
  SEVERITY_ALIASES,
  SEVERITY_SETTINGS,
  SeveritySetting,
  ruleById,
  toSeveritySetting,
} from '../core';

export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'sarif', 'code-insights', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CliOptions {
  /** Files and folders as given (default: the current folder). */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** Where the report goes instead of stdout (relative to the current folder). */
  readonly outputFile?: string;
  /** Upload the Code Insights report from the Pipelines step this runs in. */
  readonly codeInsightsUpload: boolean;
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
  /** Print the descriptors found and why each was taken, instead of checking them. */
  readonly listDescriptors: boolean;
  /** Forced on or off by --color / --no-color; undefined: decide from the terminal and NO_COLOR. */
  readonly color?: boolean;
  /** --served: check the descriptor the app serves, at `url` or at the local descriptor's baseUrl. */
  readonly served?: { readonly url?: string };
  /** Plain http: to hosts other than this machine may be fetched. */
  readonly allowHttp: boolean;
  /** How long the served descriptor may take, in milliseconds. */
  readonly timeoutMs: number;
}

/** What may be asked for instead of a check. */
export type OtherCommand = 'help' | 'version' | 'list-rules';

/** The options as the command line is read, and the other commands asked for. */
export type Draft = { -readonly [K in keyof CliOptions]: CliOptions[K] } & { readonly commands: Set<OtherCommand> };

export function defaultOptions(): Draft {
  return {
    paths: [],
    format: 'text',
    outputFile: undefined,
    codeInsightsUpload: false,
    fix: false,
    fixDryRun: false,
    product: 'auto',
    rules: {},
    maxWarnings: 0,
    manifests: [],
    descriptorGlobs: [],
    consoleHosts: [],
    quiet: false,
    listDescriptors: false,
    color: undefined,
    served: undefined,
    allowHttp: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    commands: new Set(),
  };
}

/** A bad command line, told in one line; `seeAlso` is the option whose output helps. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly seeAlso = '--help',
  ) {
    super(message);
  }
}

interface OptionBase {
  /** The long name, without the dashes: `--name`. */
  readonly name: string;
  /** One letter: `-s`. */
  readonly short?: string;
  /** What it does, for the help (wrapped there). */
  readonly help: string;
}

/** An option without a value: `--fix`, and `--no-<name>` too when negatable. */
export interface FlagOption extends OptionBase {
  readonly negatable?: boolean;
  /** on is false for `--no-<name>`. */
  set(draft: Draft, on: boolean): void;
}

/** An option with a value, as `--name value` or `--name=value` (`-s value`, `-svalue`). */
export interface ValuedOption extends OptionBase {
  /** How the help names the value: `<path>`, `N`, or the choices joined by `|`. */
  readonly value: string;
  /** Checks and stores the value; `option` is `--name`, for messages. Throws UsageError. */
  read(draft: Draft, value: string, option: string): void;
  /**
   * Set for a value that may be left out (`value: '[url]'`): whether the next argument is this
   * option's value rather than a path. Without a value, `read` gets ''.
   */
  takesNext?(argument: string): boolean;
}

export type OptionSpec = FlagOption | ValuedOption;

export function takesValue(spec: OptionSpec): spec is ValuedOption {
  return 'read' in spec;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'fix',
    help: `Apply the safe fixes (the editor's "fix all") and write the files that changed; files that do not parse are never touched.`,
    set: (draft) => (draft.fix = true),
  },
  {
    name: 'fix-dry-run',
    help: 'Print the fixes as a unified diff instead of writing them.',
    set: (draft) => (draft.fixDryRun = true),
  },
  {
    name: 'format',
    short: 'f',
    value: OUTPUT_FORMATS.join('|'),
    help: "Output format (default: text). json is stable, for machines; junit for Bitbucket Pipelines' test results, sarif for GitHub code scanning, code-insights for Bitbucket's Reports API, github for annotations in GitHub Actions.",
    read: (draft, value, option) => (draft.format = oneOf(value, OUTPUT_FORMATS, option)),
  },
  {
    name: 'output-file',
    short: 'o',
    value: '<path>',
    help: 'Write the report to this file (making its folder) instead of stdout, which then shows the text report.',
    read: (draft, value, option) => (draft.outputFile = nonEmpty(value, option)),
  },
  {
    name: 'code-insights-upload',
    help: "Inside a Bitbucket Pipelines step: put the report and its annotations on the step's commit in Code Insights (through the step's proxy, no token needed).",
    set: (draft) => (draft.codeInsightsUpload = true),
  },
  {
    name: 'product',
    value: PRODUCT_SETTINGS.join('|'),
    help: "Which product the descriptors are for (default: auto, detected from each descriptor's content).",
    read: (draft, value, option) => (draft.product = oneOf(value, PRODUCT_SETTINGS, option)),
  },
  {
    name: 'rule',
    value: '<id>=<severity>',
    help: `Set a rule's severity: ${SEVERITY_SETTINGS.slice(0, -1).join(', ')} or ${SEVERITY_SETTINGS[SEVERITY_SETTINGS.length - 1]} (${Object.entries(
      SEVERITY_ALIASES,
    )
      .map(([alias, severity]) => `${alias} = ${severity}`)
      .join(', ')}). Repeatable. See --list-rules for the ids.`,
    read: (draft, value) => {
      const [id, severity] = parseRule(value);
      draft.rules = { ...draft.rules, [id]: severity };
    },
  },
  {
    name: 'max-warnings',
    value: 'N',
    help: 'Fail when there are more than N warnings (default: 0; -1: never fail because of warnings). info and hint never fail a run.',
    read: (draft, value, option) => (draft.maxWarnings = wholeNumberOrMinusOne(value, option)),
  },
  {
    name: 'manifest',
    value: '<path>',
    help: 'Compare every descriptor with this manifest.yml instead of searching for one. Repeatable (the best match wins).',
    read: (draft, value, option) => (draft.manifests = [...draft.manifests, nonEmpty(value, option)]),
  },
  {
    name: 'descriptor-glob',
    value: '<glob>',
    help: "Also check files matching this glob (relative to the folder argument) in folders, e.g. '**/descriptor/*.json'. Repeatable.",
    read: (draft, value, option) => (draft.descriptorGlobs = [...draft.descriptorGlobs, nonEmpty(value, option)]),
  },
  {
    name: 'console-host',
    value: '<host>',
    help: 'Accept this developer console host in forgeAppLink besides developer.atlassian.com. Repeatable.',
    read: (draft, value, option) => (draft.consoleHosts = [...draft.consoleHosts, nonEmpty(value, option)]),
  },
  {
    name: 'served',
    value: '[url]',
    help: "Also fetch the descriptor the app serves at <url> (default: the local descriptor's baseUrl + /atlassian-connect.json, when it is a literal https URL), run every rule on it, and compare its key, forgeAppLink and forgeAppId with the local descriptor and its manifest.yml. Nothing fetched is run or saved.",
    // A URL, or what is surely meant as one (`localhost:3000`): the check then says which URL it means.
    takesNext: (argument) => /^[a-z][a-z0-9+.-]*:\/\//i.test(argument) || /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?(\/|$)/i.test(argument),
    read: (draft, value) => (draft.served = value === '' ? {} : { url: value }),
  },
  {
    name: 'allow-http',
    help: 'With --served: also fetch plain http: URLs of other machines (http: to this machine is always allowed). A production app is served over https.',
    set: (draft) => (draft.allowHttp = true),
  },
  {
    name: 'timeout',
    value: '<seconds>',
    help: `With --served: how long to wait for the served descriptor, redirects and body included (default: ${DEFAULT_TIMEOUT_MS / 1000}).`,
    read: (draft, value, option) => (draft.timeoutMs = seconds(value, option)),
  },
  {
    name: 'quiet',
    short: 'q',
    help: 'Print errors only (warnings still count for --max-warnings).',
    set: (draft) => (draft.quiet = true),
  },
  {
    name: 'color',
    negatable: true,
    help: 'Force colours on or off (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR=1 turns them on).',
    set: (draft, on) => (draft.color = on),
  },
  {
    name: 'list-descriptors',
    help: 'Print the descriptors the paths hold, each with why it was taken (its name, a --descriptor-glob, its content, or its content as a template), and exit without checking them.',
    set: (draft) => (draft.listDescriptors = true),
  },
  {
    name: 'list-rules',
    help: 'List the rules with their default severity and exit.',
    set: (draft) => draft.commands.add('list-rules'),
  },
  {
    name: 'help',
    short: 'h',
    help: 'Show this help and exit.',
    set: (draft) => draft.commands.add('help'),
  },
  {
    name: 'version',
    short: 'v',
    help: 'Show the version and exit.',
    set: (draft) => draft.commands.add('version'),
  },
];

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
  if (!ruleById(id)) throw new UsageError(`unknown rule '${id}'`, '--list-rules');
  return [id, toSeveritySetting(raw) ?? oneOf(raw, SEVERITY_SETTINGS, `--rule ${id}`)];
}

function seconds(value: string, option: string): number {
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed) || Number(trimmed) <= 0 || Number(trimmed) > 600)
    throw new UsageError(`${option} must be a number of seconds above 0 and at most 600 (got '${value}')`);
  return Math.round(Number(trimmed) * 1000);
}

function wholeNumberOrMinusOne(value: string, option: string): number {
  if (!/^(-1|\d+)$/.test(value.trim())) throw new UsageError(`${option} must be a whole number ≥ 0, or -1 for no limit (got '${value}')`);
  return Number(value.trim());
}
