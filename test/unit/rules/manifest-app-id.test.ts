import { ARI, UUID } from '../../support/core';
import { RuleCase, RuleTable, forgeManifest, runTable } from '../../support/ruleTable';

const UPPER = `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`;
const CONSOLE_URL = `https://developer.atlassian.com/console/myapps/${UUID}/overview`;
const VARIABLES = (entry: string) => `environment:\n  variables:\n    - ${entry}\n`;
const fixed = (text: string) => ({ title: `Correct app.id: ${ARI}`, safe: true, preferred: true, result: text });

/** A case on an open manifest.yml, the lines given under `app:`. */
function manifestCase(name: string, appLines: readonly string[], expect: RuleCase['expect'], extra = ''): RuleCase {
  return { name, document: 'manifest', fileName: 'manifest.yml', text: forgeManifest(...appLines) + extra, expect };
}

export const table: RuleTable = {
  ruleId: 'manifest-app-id',
  cases: [
    manifestCase(
      'upper case: the value, made lower case',
      [`id: ${UPPER}`],
      [{ covers: UPPER, says: ['must be lower case'], fixes: [fixed(forgeManifest(`id: ${ARI}`))] }],
    ),
    manifestCase(
      'spaces inside the quotes: removed, the quotes kept',
      [`id: "${ARI}  "`],
      [{ covers: `${ARI}  `, says: ['has spaces inside its quotes. '], fixes: [fixed(forgeManifest(`id: "${ARI}"`))] }],
    ),
    manifestCase(
      'a bare UUID: made the ARI',
      [`id: '${UUID}'`],
      [{ covers: UUID, says: ['bare UUID'], fixes: [fixed(forgeManifest(`id: '${ARI}'`))] }],
    ),
    manifestCase(
      'a console URL: the ARI of its app',
      [`id: ${CONSOLE_URL}`],
      [{ covers: CONSOLE_URL, says: ['developer console URL'], fixes: [fixed(forgeManifest(`id: ${ARI}`))] }],
    ),
    manifestCase(
      'an escape in the value: the whole scalar, replaced by a quoted ARI',
      [`id: "\\x20${ARI}"`],
      [
        {
          covers: `"\\x20${ARI}"`,
          says: ['has spaces inside its quotes. '],
          fixes: [{ title: `Correct app.id: ${JSON.stringify(ARI)}`, safe: true, preferred: true, result: forgeManifest(`id: "${ARI}"`) }],
        },
      ],
    ),
    {
      name: 'CRLF: the fix keeps CRLF',
      document: 'manifest',
      text: forgeManifest(`id: ${UPPER}`).replace(/\n/g, '\r\n'),
      expect: [{ covers: UPPER, fixes: [fixed(forgeManifest(`id: ${ARI}`).replace(/\n/g, '\r\n'))] }],
    },
    manifestCase(
      'no app.id: on the app key, run forge register',
      ['runtime:', '  name: nodejs22.x'],
      [{ covers: 'app', says: ['manifest.yml has no app.id', 'forge register'] }],
    ),
    manifestCase('an empty app.id', ['id: ""'], [{ covers: '""', says: ['app.id in manifest.yml is empty', 'forge register'] }]),
    {
      name: 'no app section',
      document: 'manifest',
      text: 'modules:\n  function:\n    - key: main\n      handler: index.run\n',
      expect: [{ covers: '', says: ['manifest.yml has no app section', 'forge register'] }],
    },
    manifestCase('app.id is a number', ['id: 42'], [{ covers: '42', says: ['app.id in manifest.yml is not a string'] }]),
    manifestCase('app.id is a list', ['id:', `  - ${ARI}`], [{ covers: `- ${ARI}\n`, says: ['not a string'] }]),
    manifestCase('not an ARI: no fix', ['id: my-app'], [{ covers: 'my-app', says: ['"my-app", not an app ARI', 'forge register'] }]),
    manifestCase(
      'the all-zero placeholder: no fix',
      ['id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'],
      [{ covers: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000', says: ['all-zero placeholder', 'forge register'] }],
    ),
    manifestCase(
      'a {{…}} template: the Forge CLI never fills it in',
      ['id: "{{APP_ID}}"'],
      [{ covers: '"{{APP_ID}}"', says: ['template placeholder'] }],
    ),
    manifestCase(
      'a ${VAR} declared without a default: information only',
      ['id: ${APP_ID}'],
      [{ covers: '${APP_ID}', severity: 'info', says: ['which has no default in environment.variables. ', 'cannot be checked'] }],
      VARIABLES('APP_ID'),
    ),
    manifestCase(
      'a ${VAR} that is not declared: information only',
      ['id: ${APP_ID}'],
      [{ covers: '${APP_ID}', severity: 'info', says: ['which environment.variables does not declare'] }],
    ),
    manifestCase(
      "a bad value from a variable's default: reported, fixed in the default rather than here",
      ['id: ${APP_ID}'],
      [{ covers: '${APP_ID}', says: ['bare UUID'] }],
      VARIABLES(`key: APP_ID\n      default: ${UUID}`),
    ),
    manifestCase('the strict ARI', [`id: ${ARI}`], []),
    manifestCase('the strict ARI, quoted, with a comment', [`id: "${ARI}" # forge register wrote it`], []),
    manifestCase('a ${VAR} whose default is the ARI', ['id: ${APP_ID}'], [], VARIABLES(`key: APP_ID\n      default: ${ARI}`)),
    { name: 'YAML errors are left to YAML tooling', document: 'manifest', text: 'app:\n  id: [unclosed\n', expect: [] },
    { name: 'an empty file', document: 'manifest', text: '', expect: [] },
    {
      name: 'a manifest.yaml: not read by the Forge CLI (manifest-file-name speaks)',
      document: 'manifest',
      fileName: 'manifest.yaml',
      text: forgeManifest(`id: ${UPPER}`),
      expect: [],
    },
  ],
};

describe('rule manifest-app-id', () => {
  runTable(table);
});
