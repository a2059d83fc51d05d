import { ARI, LINK, UUID, bitbucket, lines, JIRA, linkMember, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const inModules = lines(
  '{',
  '  "key": "my-app",',
  '  "name": "My app",',
  '  "contexts": ["account"],',
  '  "modules": {',
  `    ${linkMember(LINK)}`,
  '    "webItems": []',
  '  }',
  '}',
);
const movedFromModules = lines(
  '{',
  '  "key": "my-app",',
  `  ${linkMember(LINK)}`,
  '  "name": "My app",',
  '  "contexts": ["account"],',
  '  "modules": {',
  '    "webItems": []',
  '  }',
  '}',
);
const inVendor = lines(
  '{',
  '  "key": "my-app",',
  '  "contexts": ["account"],',
  '  "vendor": {',
  '    "name": "Me",',
  `    "forgeAppId": "${ARI}"`,
  '  }',
  '}',
);
const movedFromVendor = lines(
  '{',
  '  "key": "my-app",',
  `  "forgeAppId": "${ARI}",`,
  '  "contexts": ["account"],',
  '  "vendor": {',
  '    "name": "Me"',
  '  }',
  '}',
);
const inArray = lines('{', '  "contexts": ["account"],', '  "modules": { "webItems": [{ "key": "w", "forgeAppId": "' + ARI + '" }] }', '}');
const movedFromArray = lines(
  '{',
  '  "contexts": ["account"],',
  '  "modules": { "webItems": [{ "key": "w" }] },',
  `  "forgeAppId": "${ARI}"`,
  '}',
);
const sameAtRoot = lines(
  '{',
  '  "key": "my-app",',
  `  ${idMember(ARI)}`,
  '  "contexts": ["account"],',
  `  "vendor": { "name": "Me", "forgeAppId": "${ARI}" }`,
  '}',
);
const sameRemoved = lines(
  '{',
  '  "key": "my-app",',
  `  ${idMember(ARI)}`,
  '  "contexts": ["account"],',
  '  "vendor": { "name": "Me" }',
  '}',
);
const otherAtRoot = sameAtRoot.replace(
  `"vendor": { "name": "Me", "forgeAppId": "${ARI}" }`,
  `"vendor": { "name": "Me", "forgeAppId": "${UUID}" }`,
);
const MOVE_LINK = { title: 'Move forgeAppLink to the root of the descriptor', safe: true, preferred: true };
const MOVE_ID = { title: 'Move forgeAppId to the root of the descriptor', safe: true, preferred: true };
export const table: RuleTable = {
  ruleId: 'forge-key-nested',
  cases: [
    {
      name: 'forgeAppLink inside modules: moved after "key"',
      text: inModules,
      expect: [
        {
          covers: '"forgeAppLink"',
          says: ['inside "modules"', 'belongs at the root', 'next to "key"'],
          fixes: [{ ...MOVE_LINK, result: movedFromModules }],
        },
      ],
    },
    {
      name: 'forgeAppId last in vendor: moved, the comma before it removed',
      text: inVendor,
      expect: [{ covers: '"forgeAppId"', says: ['inside "vendor"'], fixes: [{ ...MOVE_ID, result: movedFromVendor }] }],
    },
    {
      name: 'inside an array element, no "key" at the root: moved to the end',
      text: inArray,
      expect: [{ covers: '"forgeAppId"', says: ['inside "modules.webItems.0"'], fixes: [{ ...MOVE_ID, result: movedFromArray }] }],
    },
    {
      name: 'the root has the same value: the copy is removed',
      text: sameAtRoot,
      expect: [
        {
          covers: '"forgeAppId"',
          fixes: [
            { title: 'Remove this copy of forgeAppId (the root has the same value)', safe: true, preferred: true, result: sameRemoved },
          ],
        },
      ],
    },
    {
      name: 'the root has another value: removal offered, not applied by fix-all',
      text: otherAtRoot,
      expect: [
        {
          covers: '"forgeAppId"',
          fixes: [
            {
              title: "Remove this copy of forgeAppId (Bitbucket reads the root's value)",
              safe: false,
              preferred: false,
              result: sameRemoved,
            },
          ],
        },
      ],
    },
    {
      name: 'a certain misspelling at the root competes: the move is not safe',
      text: lines(
        '{',
        '  "key": "k",',
        `  "ForgeAppId": "${ARI}",`,
        '  "contexts": ["account"],',
        `  "vendor": { "forgeAppId": "${ARI}" }`,
        '}',
      ),
      expect: [{ covers: '"forgeAppId"', fixes: [{ ...MOVE_ID, safe: false }] }],
    },
    {
      name: 'two nested copies: both offer the move',
      text: lines(
        '{',
        '  "key": "k",',
        '  "contexts": ["account"],',
        `  "vendor": { "forgeAppId": "${ARI}" },`,
        `  "links": { "forgeAppId": "${ARI}" }`,
        '}',
      ),
      expect: [
        { covers: '"forgeAppId"', fixes: [MOVE_ID] },
        { covers: '"forgeAppId"', fixes: [MOVE_ID] },
      ],
    },
    {
      name: 'the only member of vendor, last in the root: moved after "key"',
      text: lines('{', '  "key": "k",', '  "contexts": ["account"],', `  "vendor": { "forgeAppId": "${ARI}" }`, '}'),
      expect: [
        {
          covers: '"forgeAppId"',
          says: ['inside "vendor"'],
          fixes: [
            {
              ...MOVE_ID,
              result: lines('{', '  "key": "k",', `  "forgeAppId": "${ARI}",`, '  "contexts": ["account"],', '  "vendor": {}', '}'),
            },
          ],
        },
      ],
    },
    { name: 'a root key is not nested', text: bitbucket(idMember(ARI)), expect: [] },
    {
      name: 'syntax errors elsewhere: reported, but no move until the file parses',
      text: inModules.replace('"name": "My app",', '"name": "My app"'),
      expect: [{ covers: '"forgeAppLink"', says: ['inside "modules"'] }],
    },
    { name: 'Jira descriptor: not reported', text: JIRA(`"vendor": { "forgeAppId": "${ARI}" },`), expect: [] },
    {
      name: 'CRLF: the move keeps CRLF',
      text: inModules.replace(/\n/g, '\r\n'),
      expect: [{ covers: '"forgeAppLink"', fixes: [{ ...MOVE_LINK, result: movedFromModules.replace(/\n/g, '\r\n') }] }],
    },
  ],
};

describe('rule forge-key-nested', () => {
  runTable(table);
});
