/**
 * Reads the command line with node:util's parseArgs, from the table in ./options. No I/O here.
 *
 * parseArgs runs non-strict and hands back its tokens, which are read here in order: that keeps
 * our one-line messages (naming the option as the user knows it), lets the last of
 * `--color`/`--no-color` win, and takes `--max-warnings -1` as a value (strict mode refuses a
 * value that starts with a dash).
 */
import { parseArgs } from 'node:util';
import { CliOptions, Draft, OPTIONS, OptionSpec, UsageError, defaultOptions, takesValue } from './options';

export const PROGRAM = 'connect-forge-lint';

export type Command =
  | { readonly kind: 'check'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'list-rules'; readonly format: 'text' | 'json' };

type ParseConfig = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Every name parseArgs may report (`no-color` too), with its row and whether it is the negation. */
const BY_NAME = new Map<string, { readonly spec: OptionSpec; readonly on: boolean }>();
const PARSE_CONFIG: ParseConfig = {};
for (const spec of OPTIONS) {
  // An optional value is read here from the tokens (see options.ts): parseArgs sees a flag.
  const type = takesValue(spec) && !spec.takesNext ? 'string' : 'boolean';
  PARSE_CONFIG[spec.name] = { type, ...(spec.short ? { short: spec.short } : {}) };
  BY_NAME.set(spec.name, { spec, on: true });
  if (!takesValue(spec) && spec.negatable) {
    PARSE_CONFIG[`no-${spec.name}`] = { type: 'boolean' };
    BY_NAME.set(`no-${spec.name}`, { spec, on: false });
  }
}

/** Parses argv (without node and the script); throws UsageError with a one-line reason. */
export function parseCommandLine(argv: readonly string[]): Command {
  const { tokens } = parseArgs({ args: [...argv], options: PARSE_CONFIG, strict: false, allowPositionals: true, tokens: true });
  const draft = defaultOptions();
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'positional') paths.push(token.value);
    else if (token.kind === 'option') {
      const next = tokens[i + 1];
      const following = next?.kind === 'positional' ? next.value : undefined;
      if (readOption(draft, token, argv, following)) i++;
    }
  }

  // Whatever their order: help, then the version, then the rules, then the check.
  const { commands, ...options } = draft;
  if (commands.has('help')) return { kind: 'help' };
  if (commands.has('version')) return { kind: 'version' };
  if (commands.has('list-rules')) {
    if (options.format !== 'text' && options.format !== 'json')
      throw new UsageError(`--list-rules prints text or json, not ${options.format}`);
    return { kind: 'list-rules', format: options.format };
  }
  if (options.fix && options.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  return { kind: 'check', options: { ...options, paths: paths.length > 0 ? paths : ['.'] } };
}

interface OptionToken {
  readonly name: string;
  readonly rawName: string;
  readonly index: number;
  readonly value?: string;
}

/** Reads one option; true when it took the following positional as its value. */
function readOption(draft: Draft, token: OptionToken, argv: readonly string[], following: string | undefined): boolean {
  const known = BY_NAME.get(token.name);
  if (!known) {
    // In a group of short options (`-qz`), say which letter and where.
    const argument = argv[token.index];
    const within = !token.rawName.startsWith('--') && argument !== token.rawName ? ` (in '${argument}')` : '';
    throw new UsageError(`unknown option '${token.rawName}'${within}`);
  }
  const option = `--${token.name}`;
  const spec = known.spec;
  if (takesValue(spec) && spec.takesNext) {
    const takesFollowing = token.value === undefined && following !== undefined && spec.takesNext(following);
    spec.read(draft, token.value ?? (takesFollowing ? following : ''), option);
    return takesFollowing;
  }
  if (takesValue(spec)) {
    if (token.value === undefined) throw new UsageError(`option ${option} needs a value`);
    spec.read(draft, token.value, option);
  } else {
    if (token.value !== undefined) throw new UsageError(`option ${option} takes no value`);
    spec.set(draft, known.on);
  }
  return false;
}
