import * as assert from 'node:assert/strict';
import { ARI, LINK, bitbucket, covered, findingsOf, fixture, linkMember, idMember } from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const SAYS = ['filled in only when the descriptor is served', 'cannot be checked here'];
export const table: RuleTable = {
  ruleId: 'forge-value-template',
  cases: [
    {
      name: '{{…}} link',
      text: bitbucket(linkMember('{{forgeAppLink}}')),
      expect: [
        { covers: '"{{forgeAppLink}}"', says: ['forgeAppLink is a template, filled in only when the descriptor is served. ', ...SAYS] },
      ],
    },
    {
      name: '${…} in the ARI',
      text: bitbucket(idMember('ari:cloud:ecosystem::app/${FORGE_APP_ID}')),
      expect: [
        {
          covers: '"ari:cloud:ecosystem::app/${FORGE_APP_ID}"',
          says: ['forgeAppId is a template, filled in only when the descriptor is served. '],
        },
      ],
    },
    {
      name: '<%= %> (ERB inside the string)',
      text: bitbucket(linkMember('<%= forge_link %>')),
      expect: [{ covers: '"<%= forge_link %>"' }],
    },
    { name: 'plain values', text: bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`), expect: [] },
  ],
};

describe('rule forge-value-template', () => {
  runTable(table);

  it('an ACE descriptor with templated values: two notes, nothing malformed, nothing missing', () => {
    const text = fixture('ace-template-values.json');
    const found = findingsOf(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.severity, covered(text, f)]),
      [
        ['forge-value-template', 'info', '"{{forgeAppLink}}"'],
        ['forge-value-template', 'info', '"ari:cloud:ecosystem::app/{{forgeAppUuid}}"'],
      ],
    );
  });
});
