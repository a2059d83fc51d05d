import { ARI, UUID, bitbucket, CONFLUENCE, UNKNOWN, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const withId = (value: string) => bitbucket(idMember(value));
const consoleUrl = `https://developer.atlassian.com/console/myapps/${UUID}/overview`;
export const table: RuleTable = {
  ruleId: 'forge-app-id-invalid',
  cases: [
    { name: 'the strict ARI', text: withId(ARI), expect: [] },
    {
      name: 'a bare UUID (safe fix → ARI)',
      text: withId(UUID),
      expect: [
        {
          covers: UUID,
          says: ['bare UUID'],
          fixes: [{ title: `Make it the app ARI: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
        },
      ],
    },
    {
      name: 'upper case (safe fix)',
      text: withId(ARI.toUpperCase()),
      expect: [
        {
          covers: ARI.toUpperCase(),
          says: ['lower case'],
          fixes: [{ title: `Make it lower case: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
        },
      ],
    },
    {
      name: 'a console URL (safe fix → ARI of its UUID)',
      text: withId(consoleUrl),
      expect: [
        {
          covers: consoleUrl,
          says: ['developer console URL'],
          fixes: [{ title: `Replace the URL with the ARI of its app: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
        },
      ],
    },
    {
      name: 'stray spaces (safe fix)',
      text: withId(`${ARI} `),
      expect: [
        {
          covers: `${ARI} `,
          says: ['spaces'],
          fixes: [{ title: `Remove the spaces around the value: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
        },
      ],
    },
    {
      name: 'the all-zero placeholder',
      text: withId('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'),
      expect: [{ covers: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000', says: ['all-zero placeholder'] }],
    },
    {
      name: 'a UUID Forge never issues (version 7)',
      text: withId('ari:cloud:ecosystem::app/70df33c7-2f7f-7148-b923-bf8c15d7e874'),
      expect: [{ covers: '70df33c7-2f7f-7148-b923-bf8c15d7e874', says: ['not a Forge app UUID'] }],
    },
    { name: 'not an ARI', text: withId('my-app'), expect: [{ covers: 'my-app', says: ['forgeAppId is not a Forge app ARI'] }] },
    {
      name: 'a number',
      text: bitbucket('"forgeAppId": 1,'),
      expect: [{ covers: '1', says: ['forgeAppId must be a string', 'manifest.yml', 'must be a string, not a number. '] }],
    },
    { name: 'a template is not malformed', text: withId('{{forgeAppId}}'), expect: [] },
    { name: 'Confluence descriptor: not checked', text: CONFLUENCE(idMember(UUID)), expect: [] },
    {
      name: 'unknown product: still checked',
      text: UNKNOWN(idMember(UUID)),
      expect: [{ covers: UUID, fixes: [{ title: `Make it the app ARI: "${ARI}"`, safe: true, preferred: true }] }],
    },
  ],
};

describe('rule forge-app-id-invalid', () => {
  runTable(table);
});
