/**
 * The declaration of the `connectForgeLink.rules` setting in package.json, generated from the
 * rules themselves so that the Settings editor and settings.json complete every rule id and flag
 * any other: `npx tsx scripts/rulesSetting.ts --write` updates package.json (then run prettier on
 * it), and a unit test checks that package.json holds it.
 *
 * `additionalProperties: false` is what makes VS Code flag an id that is not a rule's (a
 * misspelling would otherwise be saved silently), and what lets the Settings editor edit the
 * object as a table with the ids to choose from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, SEVERITY_ALIASES, SEVERITY_SETTINGS, SEVERITY_SETTING_DESCRIPTIONS, ruleDocsUrl, ruleDocs } from '../server/src/core';

export const RULES_SETTING = 'connectForgeLink.rules';

export function rulesSetting(): Record<string, unknown> {
  const properties = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      {
        type: 'string',
        // The aliases the server and the CLI honour are valid values too, listed last.
        enum: [...SEVERITY_SETTINGS, ...Object.keys(SEVERITY_ALIASES)],
        enumDescriptions: [
          ...SEVERITY_SETTINGS.map(
            (severity) => `${SEVERITY_SETTING_DESCRIPTIONS[severity]}${severity === rule.defaultSeverity ? " (the rule's default)" : ''}.`,
          ),
          ...Object.entries(SEVERITY_ALIASES).map(([, severity]) => `The same as ${severity}.`),
        ],
        default: rule.defaultSeverity,
        markdownDescription: `${ruleDocs(rule).description} [More](${ruleDocsUrl(rule.id)})`,
      },
    ]),
  );
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    properties,
    additionalProperties: false,
    markdownDescription:
      'Severity per rule id, or `off`, e.g. `{ "forge-app-link-missing": "error" }`. Ids that are not a rule\'s are flagged, and the language server logs them in the **Connect Forge Link** output channel.',
  };
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    const file = path.join(__dirname, '..', 'package.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    manifest.contributes.configuration.properties[RULES_SETTING] = rulesSetting();
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  } else {
    console.log(JSON.stringify(rulesSetting(), null, 2));
  }
}
