/** The help text: prose around the option list that OPTIONS gives. */
import { PROGRAM } from './args';
import { capText } from '../core';
import { MAX_CONTENT_TEST_BYTES } from '../workspace/documentSelection';
import { EXIT_CODES, EXIT_USAGE } from './exitCodes';
import { OPTIONS, OptionSpec, takesValue } from './options';

/** Where the descriptions start, and where lines end. */
const DESCRIPTION_COLUMN = 28;
const WIDTH = 94;

export function helpText(version: string): string {
  return `${PROGRAM} ${version}
Checks Atlassian Connect descriptors (atlassian-connect.json) of Bitbucket Cloud apps for
forgeAppLink and forgeAppId, and compares them with the Forge app's manifest.yml.
The same checks and fixes as the editor extension.

Usage: ${PROGRAM} [options] [paths…]

Paths are files or folders (default: the current folder).
  A folder is searched for descriptors and for Forge manifest.yml files, skipping node_modules,
  .git and build outputs (out, dist, build, …). A descriptor is a file named atlassian-connect.json,
  a --descriptor-glob match, or a JSON or JSONC file (up to ${capText(MAX_CONTENT_TEST_BYTES)}) or template (*.json.erb,
  *.json.hbs, *.json.ejs, *.json.j2, *.template.json, …) whose top-level members are a descriptor's;
  --list-descriptors shows which files were taken and why. A file argument is checked as a
  descriptor whatever its name.
Which manifest.yml belongs to a descriptor (unless --manifest names it):
  for a folder argument, the manifests in that folder's tree; for a file argument, the manifests
  in the tree of the nearest enclosing folder that holds .git (the repository), or the file's own
  folder when there is none. Among those, the one naming the same Forge app wins, then the one
  whose app.connect.key equals the descriptor's key, then the nearest one. The manifest.yml
  files matched to the descriptors are checked too (the manifest rules, under their own paths),
  and their Forge app's source is searched for the Addon API's client-key route, which makes a
  missing forgeAppId a warning.

Options:
${OPTIONS.map(optionHelp).join('')}
JSON syntax errors are reported (rule json-syntax, error): unlike in the editor, nothing else
reports them here. Turn them off with --rule json-syntax=off.

Exit codes:
${Object.entries(EXIT_CODES).map(exitCodeHelp).join('')}
Examples:
  ${PROGRAM}                          check every descriptor below the current folder
  ${PROGRAM} --fix .                  apply the safe fixes, then list what is left
  ${PROGRAM} --format json app/ > report.json
  ${PROGRAM} --format junit --output-file test-results/connect-forge-lint.xml .
                                      JUnit for Bitbucket Pipelines' test results
  ${PROGRAM} --code-insights-upload .
                                      annotate the commit in Bitbucket Code Insights (in Pipelines)
  ${PROGRAM} --served https://app.example.com/atlassian-connect.json
                                      after deploying: is the new descriptor served?
  ${PROGRAM} --served http://localhost:3000/atlassian-connect.json
                                      the app running on this machine

--served honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and NODE_EXTRA_CA_CERTS for a company CA.
`;
}

/** How the help names an option: `-f, --format text|json`, `--color, --no-color`. */
export function optionLabel(spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '';
  if (takesValue(spec)) return `${short}--${spec.name} ${spec.value}`;
  return `${short}--${spec.name}${spec.negatable ? `, --no-${spec.name}` : ''}`;
}

/** `  2  what it means`, wrapped; the reason of a failure is on stderr. */
function exitCodeHelp([code, meaning]: [string, string]): string {
  const text = Number(code) === EXIT_USAGE ? `${meaning} (reason on stderr)` : meaning;
  return wrap(text, WIDTH - 5)
    .map((line, index) => `${index === 0 ? `  ${code}  ` : '     '}${line}\n`)
    .join('');
}

/** The label, then the description wrapped in its column (below the label when that is too long). */
function optionHelp(spec: OptionSpec): string {
  const label = `  ${optionLabel(spec)}`;
  const indent = ' '.repeat(DESCRIPTION_COLUMN);
  const lines = wrap(spec.help, WIDTH - DESCRIPTION_COLUMN).map((line) => indent + line);
  if (label.length + 2 <= DESCRIPTION_COLUMN) lines[0] = label.padEnd(DESCRIPTION_COLUMN) + lines[0].trimStart();
  else lines.unshift(label);
  return lines.map((line) => `${line}\n`).join('');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
