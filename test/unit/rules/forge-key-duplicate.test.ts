import { ARI, LINK, UUID, bitbucket, lines, JIRA, linkMember, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const twice = bitbucket(`${idMember(UUID)}\n${idMember(ARI)}`);
export const table: RuleTable = {
  ruleId: 'forge-key-duplicate',
  cases: [
    {
      name: 'twice at the root: the shadowed first copy, related to the one read',
      text: twice,
      expect: [
        {
          covers: '"forgeAppId"',
          says: ['appears again further down', 'keep the last one'],
          unnecessary: true,
          related: ['"forgeAppId"'],
          fixes: [{ title: 'Remove the shadowed forgeAppId', safe: true, preferred: true, result: bitbucket(idMember(ARI)) }],
        },
      ],
    },
    {
      name: 'three times: the first two',
      text: bitbucket(`${linkMember('a')}\n${linkMember('b')}\n${linkMember(LINK)}`),
      expect: [
        {
          covers: '"forgeAppLink"',
          unnecessary: true,
          related: ['"forgeAppLink"'],
          fixes: [
            {
              title: 'Remove the shadowed forgeAppLink',
              safe: true,
              preferred: true,
              result: bitbucket(`${linkMember('b')}\n${linkMember(LINK)}`),
            },
          ],
        },
        {
          covers: '"forgeAppLink"',
          unnecessary: true,
          related: ['"forgeAppLink"'],
          fixes: [
            {
              title: 'Remove the shadowed forgeAppLink',
              safe: true,
              preferred: true,
              result: bitbucket(`${linkMember('a')}\n${linkMember(LINK)}`),
            },
          ],
        },
      ],
    },
    {
      name: 'the last member shadows an earlier one',
      text: lines('{', '  "forgeAppLink": "a",', '  "contexts": ["account"],', `  "forgeAppLink": "${LINK}"`, '}'),
      expect: [
        {
          covers: '"forgeAppLink"',
          unnecessary: true,
          related: ['"forgeAppLink"'],
          fixes: [
            {
              title: 'Remove the shadowed forgeAppLink',
              safe: true,
              preferred: true,
              result: lines('{', '  "contexts": ["account"],', `  "forgeAppLink": "${LINK}"`, '}'),
            },
          ],
        },
      ],
    },
    {
      name: 'the same value twice',
      text: bitbucket(`${idMember(ARI)}\n${idMember(ARI)}`),
      expect: [
        {
          covers: '"forgeAppId"',
          unnecessary: true,
          related: ['"forgeAppId"'],
          fixes: [{ title: 'Remove the shadowed forgeAppId', safe: true, preferred: true, result: bitbucket(idMember(ARI)) }],
        },
      ],
    },
    { name: 'once', text: bitbucket(idMember(ARI)), expect: [] },
    {
      name: 'syntax errors elsewhere: reported, but no removal until the file parses',
      text: twice.replace('"name": "My app",', '"name": "My app"'),
      expect: [{ covers: '"forgeAppId"', unnecessary: true, related: ['"forgeAppId"'] }],
    },
    { name: 'each key once', text: bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`), expect: [] },
    {
      name: 'twice below the root (forge-key-nested reports those)',
      text: bitbucket().replace('"modules": {', `"modules": {\n    ${idMember(ARI)}\n    ${idMember(ARI)}`),
      expect: [],
    },
    { name: 'Jira descriptor: not reported', text: JIRA(`${idMember(ARI)} ${idMember(ARI)}`), expect: [] },
  ],
};

describe('rule forge-key-duplicate', () => {
  runTable(table);
});
