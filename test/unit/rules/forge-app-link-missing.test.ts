import * as assert from 'node:assert/strict';
import { insertRootProperty, linkPlaceholder, parseDescriptor } from '../../../server/src/core';
import { HOW_TO_GET_THE_LINK } from '../../../server/src/core/rules/forgeAppLinkMissing';
import {
  ARI,
  LINK,
  UUID,
  bitbucket,
  covered,
  findingsOf,
  fixture,
  options,
  single,
  JIRA,
  CONFLUENCE,
  HIPCHAT,
  JIRA_OR_CONFLUENCE,
  UNKNOWN,
  linkMember,
  idMember,
  lines,
} from '../../support/core';
import { RuleTable, runTable } from '../../support/ruleTable';

const SET_LINK = { title: 'Set forgeAppLink…', preferred: true, placeholder: true };
const MISSING_SAYS = ['No forgeAppLink: admins will not see "Get the Forge app". ', HOW_TO_GET_THE_LINK];
const TEMPLATE_SAYS = ['No forgeAppLink in this template: its text never mentions one. ', 'Admins will not see "Get the Forge app".'];
export const table: RuleTable = {
  ruleId: 'forge-app-link-missing',
  cases: [
    {
      name: 'Bitbucket descriptor without it: a warning on the name of "key", where the eye goes and the link is inserted',
      text: bitbucket(),
      expect: [{ covers: '"key"', severity: 'warning', says: MISSING_SAYS, input: SET_LINK }],
    },
    {
      name: '"key" further down: still on its name',
      text: lines('{', '  "name": "A",', '  "contexts": ["account"],', '  "key": "a"', '}'),
      expect: [{ covers: '"key"', input: SET_LINK }],
    },
    {
      name: 'no "key": on the first member\'s name',
      text: lines('{', '  "name": "A",', '  "contexts": ["account"]', '}'),
      expect: [{ covers: '"name"', input: SET_LINK }],
    },
    {
      name: 'an empty object: on the whole object, never one brace',
      text: '{}',
      expect: [{ covers: '{}', severity: 'info', input: SET_LINK }],
    },
    { name: 'Bitbucket descriptor with it', text: bitbucket(linkMember(LINK)), expect: [] },
    { name: 'present but not a string (the invalid rule speaks instead)', text: bitbucket('"forgeAppLink": null,'), expect: [] },
    { name: 'present as a template', text: bitbucket(linkMember('{{forgeAppLink}}')), expect: [] },
    {
      name: 'unknown product: information only, pointing at the setting',
      text: UNKNOWN(),
      expect: [
        {
          covers: '"key"',
          severity: 'info',
          says: ["No forgeAppLink, in a descriptor not recognised as Bitbucket Cloud's. ", 'connectForgeLink.product'],
          input: SET_LINK,
        },
      ],
    },
    { name: 'Jira descriptor: not asked for', text: JIRA(), expect: [] },
    { name: 'Confluence descriptor: not asked for', text: CONFLUENCE(), expect: [] },
    { name: 'HipChat descriptor: not asked for', text: HIPCHAT(), expect: [] },
    { name: 'Jira-or-Confluence descriptor: not asked for', text: JIRA_OR_CONFLUENCE(), expect: [] },
    {
      name: 'forced to Bitbucket on a Jira descriptor',
      text: JIRA(),
      settings: { product: 'bitbucket' },
      expect: [{ covers: '"key"', severity: 'warning', says: MISSING_SAYS, input: SET_LINK }],
    },
    { name: 'forced to Jira on a Bitbucket descriptor', text: bitbucket(), settings: { product: 'jira' }, expect: [] },
    {
      name: 'a nested copy exists (forge-key-nested says what to do)',
      text: bitbucket().replace('"modules": {', `"modules": {\n    ${linkMember(LINK)}`),
      expect: [],
    },
    {
      name: 'a misspelled copy exists (forge-key-misspelled says what to do)',
      text: bitbucket(`"forge_app_link": "${LINK}",`),
      expect: [],
    },
    { name: 'the file has syntax errors', text: bitbucket().replace('"name": "My app",', '"name": "My app"'), expect: [] },
    {
      name: 'a Go {{define}} template that never mentions it: a warning that says it was read as a template',
      text: fixture('go-define-wrapper.json'),
      expect: [{ covers: '"key"', says: [...TEMPLATE_SAYS, ...MISSING_SAYS.slice(1)], input: SET_LINK }],
    },
    {
      name: 'ERB that breaks the JSON and never mentions it: a warning on the name of "key"',
      text: fixture('erb-nested-quotes.json.erb'),
      fileName: 'app/views/bitbucket/descriptor.json.erb',
      expect: [{ covers: '"key"', says: TEMPLATE_SAYS, input: SET_LINK }],
    },
    {
      name: 'Jinja {% if %} around a member, never mentioning it',
      text: '{\n  "key": "k",\n  {% if debug %}"name": "dev",{% endif %}\n  "contexts": ["account"]\n}\n',
      expect: [{ covers: '"key"', says: TEMPLATE_SAYS, input: SET_LINK }],
    },
    {
      name: 'a template name whose text is JSON: reported, and read as a template',
      text: bitbucket(),
      fileName: 'descriptor.json.erb',
      expect: [{ covers: '"key"', says: TEMPLATE_SAYS, input: SET_LINK }],
    },
    {
      name: 'a template that renders it from a tag (Go {{if}}): the member is there once the tags are set aside',
      text: fixture('go-define-wrapper.json').replace(
        '"name": "Go Bitbucket app",',
        '"name": "Go Bitbucket app",\n    {{if .Link}}"forgeAppLink": "{{.Link}}",{{end}}',
      ),
      expect: [],
    },
    {
      name: 'a template that mentions it only in a tag: it may render it, not reported',
      text: fixture('erb-nested-quotes.json.erb').replace('"name": "Stars",', '"name": "Stars",\n    <%= forge_member("forgeAppLink") %>'),
      expect: [],
    },
    {
      name: 'a template name whose text mentions it in a comment tag',
      text: `<%# forgeAppLink comes with the Forge release %>\n${bitbucket()}`,
      fileName: 'descriptor.json.erb',
      expect: [],
    },
    { name: 'a Jira template: not asked for', text: `{{define "d"}}${JIRA()}{{end}}`, expect: [] },
    {
      name: 'an unknown template: information, still saying it was read as a template',
      text: `{{define "d"}}${UNKNOWN()}{{end}}`,
      expect: [
        {
          covers: '"key"',
          severity: 'info',
          says: ['No forgeAppLink in this unrecognised template: its text never mentions one. ', 'connectForgeLink.product'],
          input: SET_LINK,
        },
      ],
    },
    {
      name: 'BOM before the object: the range is the brace after it',
      text: fixture('bom-bitbucket.json'),
      expect: [{ covers: '"key"', says: MISSING_SAYS, input: SET_LINK }],
    },
  ],
};

describe('rule forge-app-link-missing', () => {
  runTable(table);

  it('an override also replaces a severity the rule chose itself (unknown product: info → error)', () => {
    const text = UNKNOWN();
    assert.equal(single(text, 'forge-app-link-missing').severity, 'info');
    assert.equal(single(text, 'forge-app-link-missing', options({ rules: { 'forge-app-link-missing': 'error' } })).severity, 'error');
  });

  it('asks for the link, with a placeholder for editors that cannot ask', () => {
    const finding = single(bitbucket(), 'forge-app-link-missing');
    assert.deepEqual(finding.fixes, []);
    assert.deepEqual(finding.inputFix, {
      title: 'Set forgeAppLink…',
      key: 'forgeAppLink',
      placeholder: linkPlaceholder(undefined),
      appUuid: undefined,
    });
  });

  it('uses the app of forgeAppId (also a bare UUID) for the placeholder and the console page', () => {
    for (const value of [ARI, UUID]) {
      const finding = single(bitbucket(idMember(value)), 'forge-app-link-missing');
      assert.equal(finding.inputFix?.appUuid, UUID);
      assert.equal(
        finding.inputFix?.placeholder,
        `https://developer.atlassian.com/console/install/${UUID}?signature=<signature>&product=bitbucket`,
      );
    }
  });

  it('the inserted placeholder is then flagged as still to fill', () => {
    const text = bitbucket();
    const placeholder = single(text, 'forge-app-link-missing').inputFix?.placeholder as string;
    const root = parseDescriptor(text).root;
    assert.ok(root);
    const edits = insertRootProperty(text, root, 'forgeAppLink', JSON.stringify(placeholder));
    const after = edits.reduceRight((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
    assert.equal(after, bitbucket(linkMember(placeholder)));
    assert.deepEqual(findingsOf(after, 'forge-app-link-missing'), []);
    assert.deepEqual(
      findingsOf(after, 'forge-app-link-invalid').map((f) => covered(after, f)),
      ['<app-id>', '<signature>'],
    );
  });
});
