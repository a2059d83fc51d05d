import { ARI, HEX_SIGNATURE, LINK, OTHER_UUID, UUID, bitbucket, JIRA, linkMember, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const pair = (link: string, id: string) => bitbucket(`${linkMember(link)}\n${idMember(id)}`);
const otherLink = LINK.replace(UUID, OTHER_UUID);
export const table: RuleTable = {
  ruleId: 'forge-ids-mismatch',
  cases: [
    {
      name: "different apps: the range is the link's UUID, related to forgeAppId",
      text: pair(otherLink, ARI),
      expect: [
        {
          covers: OTHER_UUID,
          says: [`installs the Forge app ${OTHER_UUID}`, `forgeAppId names the app ${UUID}`, 'same Forge app'],
          related: [`"${ARI}"`],
        },
      ],
    },
    {
      name: 'forgeAppId names another app than the link',
      text: pair(LINK, `ari:cloud:ecosystem::app/${OTHER_UUID}`),
      expect: [{ covers: UUID, says: [`installs the Forge app ${UUID}`, `forgeAppId names the app ${OTHER_UUID}`] }],
    },
    { name: 'the same app', text: pair(LINK, ARI), expect: [] },
    { name: 'the same app, upper case in the link', text: pair(LINK.replace(UUID, UUID.toUpperCase()), ARI), expect: [] },
    { name: 'the same app named by a bare UUID', text: pair(LINK, UUID), expect: [] },
    { name: 'a bare UUID of another app', text: pair(LINK, OTHER_UUID), expect: [{ covers: UUID, related: [`"${OTHER_UUID}"`] }] },
    {
      name: 'upper case in the link of another app',
      text: pair(otherLink.replace(OTHER_UUID, OTHER_UUID.toUpperCase()), ARI),
      expect: [{ covers: OTHER_UUID.toUpperCase() }],
    },
    {
      name: 'JSON escapes before the UUID',
      text: bitbucket(
        `"forgeAppLink": "https:\\/\\/developer.atlassian.com\\/console\\/install\\/${OTHER_UUID}?signature=${HEX_SIGNATURE}&product=bitbucket",\n${idMember(ARI)}`,
      ),
      expect: [{ covers: OTHER_UUID }],
    },
    { name: 'a templated link', text: pair('{{forgeAppLink}}', ARI), expect: [] },
    { name: 'a placeholder ARI', text: pair(otherLink, 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'), expect: [] },
    { name: 'only one of the keys', text: bitbucket(linkMember(otherLink)), expect: [] },
    { name: 'Jira descriptor', text: JIRA(`${linkMember(otherLink)} ${idMember(ARI)}`), expect: [] },
  ],
};

describe('rule forge-ids-mismatch', () => {
  runTable(table);
});
