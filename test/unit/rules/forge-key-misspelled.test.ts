import { ARI, LINK, bitbucket, JIRA, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const rename = (name: string, key: string, safe: boolean, value = ARI) => ({
  name: `${name} → ${key}${safe ? ' (safe)' : ' (offered, not safe)'}`,
  text: bitbucket(`"${name}": "${value}",`),
  expect: [
    {
      covers: `"${name}"`,
      says: [`"${name}" is not a key Bitbucket reads`, `Did you mean "${key}"?`],
      fixes: [{ title: `Rename to "${key}"`, safe, preferred: true, result: bitbucket(`"${key}": "${value}",`) }],
    },
  ],
});
export const table: RuleTable = {
  ruleId: 'forge-key-misspelled',
  cases: [
    rename('forgeAppID', 'forgeAppId', true),
    rename('forge_app_id', 'forgeAppId', true),
    rename('forge-app-id', 'forgeAppId', true),
    rename('ForgeAppLink', 'forgeAppLink', true, LINK),
    rename('forge_app_link', 'forgeAppLink', true, LINK),
    rename('FORGE_APP_LINK', 'forgeAppLink', true, LINK),
    rename('forgeAppUrl', 'forgeAppLink', false, LINK),
    rename('forgeInstallLink', 'forgeAppLink', false, LINK),
    rename('forgeAppLnk', 'forgeAppLink', false, LINK),
    rename('forgeAppIdd', 'forgeAppId', false),
    rename('forgeAri', 'forgeAppId', false),
    { name: 'the right key is there too: not reported', text: bitbucket(`"forgeAppID": "x",\n${idMember(ARI)}`), expect: [] },
    { name: 'an unrelated key', text: bitbucket('"forgery": true,\n"appId": "x",'), expect: [] },
    {
      name: 'below the root: not reported',
      text: bitbucket().replace('"modules": {', `"modules": {\n    "forgeAppID": "${ARI}",`),
      expect: [],
    },
    {
      name: 'two certain misspellings of one key: neither is safe',
      text: bitbucket(`"ForgeAppLink": "a",\n"forge_app_link": "b",`),
      expect: [
        { covers: '"ForgeAppLink"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] },
        { covers: '"forge_app_link"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] },
      ],
    },
    {
      name: 'a misspelling and a nested copy of one key: the rename is not safe',
      text: bitbucket('"forge_app_link": "a",').replace('"modules": {', '"modules": {\n    "forgeAppLink": "b",'),
      expect: [{ covers: '"forge_app_link"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] }],
    },
    { name: 'Jira descriptor: not reported', text: JIRA(`"forgeAppID": "${ARI}",`), expect: [] },
  ],
};

describe('rule forge-key-misspelled', () => {
  runTable(table);
});
