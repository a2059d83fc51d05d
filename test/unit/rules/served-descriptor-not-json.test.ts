import { ARI, bitbucket, idMember } from '../../support/core';
import { RuleTable, SERVED_URL, runTable } from '../../support/ruleTable';

const clean = bitbucket(idMember(ARI));

export const table: RuleTable = {
  ruleId: 'served-descriptor-not-json',
  cases: [
    { name: 'strict JSON', document: 'served', text: clean, expect: [] },
    { name: 'strict JSON with a byte order mark', document: 'served', text: `\uFEFF${clean}`, expect: [] },
    {
      name: 'JSON5 with comments, served as is',
      document: 'served',
      text: clean.replace('{\n', '{\n  // The app key\n').replace('"name": "My app",', '"name": "My app", /* shown to admins */'),
      local: clean,
      expect: [
        {
          covers: '// The app key',
          says: [
            'The served descriptor has a comment, which JSON does not allow. ',
            `serve JSON from ${SERVED_URL}`,
            'JSON does not allow',
            'Bitbucket reads it as JSON',
          ],
        },
        { covers: '/* shown to admins */' },
      ],
    },
    {
      name: 'trailing commas in an array and in an object',
      document: 'served',
      text: clean.replace('["repository"]', '["repository",]').replace('  }\n}', '  },\n}'),
      expect: [{ covers: ',', says: ['a trailing comma'] }, { covers: ',' }],
    },
  ],
};

describe('rule served-descriptor-not-json', () => {
  runTable(table);
});
