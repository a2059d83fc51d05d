import { LINK, bitbucket, fixture, linkMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const broken = bitbucket(linkMember(LINK)).replace('"name": "My app",', '"name": "My app"');
export const table: RuleTable = {
  ruleId: 'json-syntax',
  cases: [
    { name: 'off by default', text: broken, expect: [] },
    {
      name: 'reported when asked for',
      text: broken,
      settings: { reportSyntaxErrors: true },
      expect: [{ covers: '"baseUrl"', severity: 'error', says: ['JSON syntax error: comma expected.'] }],
    },
    {
      name: 'a missing comma on one line',
      text: '{ "key": "k" "name": "n" }',
      settings: { reportSyntaxErrors: true },
      expect: [{ covers: '"name"', says: ['comma expected'] }],
    },
    { name: 'a clean file', text: bitbucket(), settings: { reportSyntaxErrors: true }, expect: [] },
    {
      name: 'comments and trailing commas are not errors',
      text: '{ // c\n  "key": "k", /* d */\n  "contexts": ["account",],\n}',
      settings: { reportSyntaxErrors: true },
      expect: [],
    },
    {
      name: 'a descriptor with {{…}} values and a real syntax error: still reported',
      text: fixture('ace-template-values.json').replace('"name": "ACE Bitbucket app",', '"name": "ACE Bitbucket app"'),
      settings: { reportSyntaxErrors: true },
      expect: [{ covers: '"baseUrl"', says: ['comma expected'] }],
    },
    {
      name: 'an unclosed comment running over {{…}} is a syntax error, not a template',
      text: '{\n  "key": "k", /* unclosed\n  "baseUrl": "{{localBaseUrl}}"\n}\n',
      settings: { reportSyntaxErrors: true },
      expect: [
        { covers: '/* unclosed\n  "baseUrl": "{{localBaseUrl}}"\n}\n', says: ['unexpected end of comment'] },
        { covers: '', says: ['property name expected'] },
        { covers: '', says: ['value expected'] },
        { covers: '', says: ['close brace expected'] },
      ],
    },
    {
      name: 'a Go template: not reported as syntax errors',
      text: fixture('go-define-wrapper.json'),
      settings: { reportSyntaxErrors: true },
      expect: [],
    },
    {
      name: 'an ERB template: not reported as syntax errors',
      text: fixture('erb-nested-quotes.json.erb'),
      settings: { reportSyntaxErrors: true },
      expect: [],
    },
  ],
};

describe('rule json-syntax', () => {
  runTable(table);
});
