import { ARI, LINK, OTHER_UUID, UUID, bitbucket, idMember, linkMember } from '../../support/core';
import { DESCRIPTOR_PATH, LOCAL_LABEL, RuleTable, SERVED_URL, runTable } from '../../support/ruleTable';

const OTHER_ARI = `ari:cloud:ecosystem::app/${OTHER_UUID}`;
const OTHER_LINK = LINK.replace(UUID, OTHER_UUID);
const both = bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`);
const withKey = (key: string, text: string) => text.replace('"key": "my-app"', `"key": ${JSON.stringify(key)}`);

export const table: RuleTable = {
  ruleId: 'served-descriptor-differs',
  cases: [
    { name: 'the same keys are served', document: 'served', text: both, local: both, expect: [] },
    {
      name: 'formatting differs, values do not',
      document: 'served',
      text: JSON.stringify(JSON.parse(both)),
      local: both,
      expect: [],
    },
    {
      name: 'the served descriptor lacks forgeAppLink: deploy first',
      document: 'served',
      text: bitbucket(idMember(ARI)),
      local: both,
      expect: [
        {
          covers: '"key"',
          says: [
            'The served descriptor has no forgeAppLink',
            `(served at ${SERVED_URL})`,
            `but ${LOCAL_LABEL} has one`,
            'Deploy',
            'before you update the installations',
          ],
          relatedFiles: [DESCRIPTOR_PATH],
          relatedLines: [2],
        },
      ],
    },
    {
      name: 'the served forgeAppId differs',
      document: 'served',
      text: bitbucket(`${linkMember(LINK)}\n${idMember(OTHER_ARI)}`),
      local: both,
      expect: [
        {
          covers: JSON.stringify(OTHER_ARI),
          says: [`The served forgeAppId differs from ${LOCAL_LABEL}'s`, `serves "${OTHER_ARI}"`, `the file has "${ARI}"`],
          relatedFiles: [DESCRIPTOR_PATH],
          relatedLines: [3],
        },
      ],
    },
    {
      name: 'the served link installs another app, and the served key differs: one finding each',
      document: 'served',
      text: withKey('other-app', bitbucket(`${linkMember(OTHER_LINK)}\n${idMember(ARI)}`)),
      local: both,
      expect: [
        { covers: '"other-app"', says: ['The served key differs from', `"my-app"`, `Is ${SERVED_URL} this app's descriptor?`] },
        {
          covers: JSON.stringify(OTHER_LINK),
          says: ['The served forgeAppLink differs', `installs another Forge app (${OTHER_UUID}, not ${UUID})`],
        },
      ],
    },
    {
      name: 'the served descriptor has keys the local one lacks',
      document: 'served',
      text: both,
      local: bitbucket(),
      expect: [
        { covers: JSON.stringify(LINK), says: ['has a forgeAppLink', `but ${LOCAL_LABEL} has none`] },
        { covers: JSON.stringify(ARI), says: ['has a forgeAppId'] },
      ],
    },
    {
      name: 'templates in the local file are not compared (ACE fills them in when serving)',
      document: 'served',
      text: both,
      local: withKey('{{appKey}}', bitbucket(`${linkMember('{{forgeAppLink}}')}\n${idMember('${FORGE_APP_ID}')}`)),
      expect: [],
    },
    {
      name: 'a template served unrendered differs from the literal local value, and says so',
      document: 'served',
      text: bitbucket(`${linkMember(LINK)}\n${idMember('{{forgeAppId}}')}`),
      local: both,
      expect: [{ covers: '"{{forgeAppId}}"', says: ['a template that was not filled in'] }],
    },
    { name: 'no local descriptor: nothing to compare', document: 'served', text: bitbucket(), expect: [] },
    { name: 'neither has the Forge keys', document: 'served', text: bitbucket(), local: bitbucket(), expect: [] },
  ],
};

describe('rule served-descriptor-differs', () => {
  runTable(table);
});
