import { ARI, LINK, bitbucket, JIRA, CONFLUENCE, HIPCHAT, JIRA_OR_CONFLUENCE, UNKNOWN, linkMember, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const UNUSED = (key: string, label: string) => ({
  covers: `"${key}"`,
  unnecessary: true,
  says: [`Only Bitbucket Cloud reads ${key}`, `looks like a ${label} descriptor. `, 'set connectForgeLink.product to "bitbucket"'],
});
export const table: RuleTable = {
  ruleId: 'forge-key-unused',
  cases: [
    {
      name: 'Jira descriptor with forgeAppLink',
      text: JIRA(linkMember(LINK)),
      expect: [
        {
          ...UNUSED('forgeAppLink', 'Jira'),
          says: [...UNUSED('forgeAppLink', 'Jira').says, 'It has "jiraIssueGlances" modules'],
        },
      ],
    },
    {
      name: 'Jira descriptor with both keys',
      text: JIRA(`${linkMember(LINK)} ${idMember(ARI)}`),
      expect: [UNUSED('forgeAppLink', 'Jira'), UNUSED('forgeAppId', 'Jira')],
    },
    { name: 'Confluence descriptor', text: CONFLUENCE(idMember(ARI)), expect: [UNUSED('forgeAppId', 'Confluence')] },
    { name: 'HipChat descriptor', text: HIPCHAT(idMember(ARI)), expect: [UNUSED('forgeAppId', 'HipChat')] },
    {
      name: 'Jira-or-Confluence descriptor',
      text: JIRA_OR_CONFLUENCE(idMember(ARI)),
      expect: [UNUSED('forgeAppId', 'Jira or Confluence')],
    },
    {
      name: 'forced to Jira',
      text: bitbucket(idMember(ARI)),
      settings: { product: 'jira' },
      expect: [{ ...UNUSED('forgeAppId', 'Jira'), says: ['The setting connectForgeLink.product says so.'] }],
    },
    {
      name: 'invalid values on a Jira descriptor: only this note',
      text: JIRA(linkMember('http://x')),
      expect: [UNUSED('forgeAppLink', 'Jira')],
    },
    { name: 'Bitbucket descriptor', text: bitbucket(idMember(ARI)), expect: [] },
    { name: 'unknown product', text: UNKNOWN(idMember(ARI)), expect: [] },
    { name: 'Jira descriptor without the keys', text: JIRA(), expect: [] },
  ],
};

describe('rule forge-key-unused', () => {
  runTable(table);
});
