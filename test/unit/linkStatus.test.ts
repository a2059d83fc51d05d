/** The link's state for the language status item, read from the analysis: one row per state the item can show. */
import * as assert from 'node:assert/strict';
import { LinkStatus, ManifestContext, analyze, linkStatusOf } from '../../server/src/core';
import { ARI, LINK, OTHER_UUID, UUID, bitbucket } from '../support/core';

const PRODUCTION: ManifestContext = {
  matches: [{ label: 'forge/manifest.yml', location: 'file:///ws/forge/manifest.yml', appId: ARI, appIdUuid: UUID }],
  reason: 'nearest folder',
  searched: true,
};
const OTHER_APP: ManifestContext = {
  matches: [
    {
      label: 'forge/manifest.yml',
      location: 'file:///ws/forge/manifest.yml',
      appId: `ari:cloud:ecosystem::app/${OTHER_UUID}`,
      appIdUuid: OTHER_UUID,
    },
  ],
  reason: 'nearest folder',
  searched: true,
};
const NONE: ManifestContext = { matches: [], searched: true };

const link = (value: string) => `"forgeAppLink": ${JSON.stringify(value)},`;
const appId = (value: string) => `"forgeAppId": ${JSON.stringify(value)},`;

interface Row {
  readonly name: string;
  readonly text: string;
  readonly manifests: ManifestContext;
  readonly expected: Partial<LinkStatus>;
  /** Words the detail says. */
  readonly detail?: RegExp;
}

const ROWS: readonly Row[] = [
  {
    name: 'no forgeAppLink',
    text: bitbucket(),
    manifests: PRODUCTION,
    expected: {
      state: 'incomplete',
      summary: 'forgeAppLink missing',
      action: 'set-link',
      severity: 'warning',
      linkValid: false,
      appIdAgrees: false,
    },
    detail: /Get the Forge app.*Matched to forge\/manifest\.yml\./,
  },
  {
    name: 'an invalid forgeAppLink',
    text: bitbucket(link('http://example.com/install')),
    manifests: NONE,
    expected: { state: 'wrong', summary: 'forgeAppLink invalid', action: 'set-link', linkValid: false },
    detail: /No manifest\.yml of the workspace matches it\./,
  },
  {
    name: 'a valid link, no forgeAppId, a manifest to take it from',
    text: bitbucket(link(LINK)),
    manifests: PRODUCTION,
    expected: {
      state: 'incomplete',
      summary: 'forgeAppId missing',
      action: 'insert-app-id',
      severity: 'info',
      linkValid: true,
      appIdAgrees: false,
    },
    detail: /optional/,
  },
  {
    name: 'a bare UUID as forgeAppId',
    text: bitbucket(`${link(LINK)}\n  ${appId(UUID)}`),
    manifests: PRODUCTION,
    expected: { state: 'wrong', summary: 'forgeAppId invalid', action: 'insert-app-id', severity: 'warning', appIdAgrees: false },
    detail: /bare UUID/,
  },
  {
    name: 'both keys valid, naming the app of the matched manifest',
    text: bitbucket(`${link(LINK)}\n  ${appId(ARI)}`),
    manifests: PRODUCTION,
    expected: {
      state: 'linked',
      summary: 'linked',
      action: 'open-manifest',
      severity: 'info',
      manifests: [{ label: 'forge/manifest.yml', location: 'file:///ws/forge/manifest.yml', appId: ARI }],
      matchedBecause: 'nearest folder',
      ruleIds: [],
      linkValid: true,
      appIdAgrees: true,
    },
    detail: new RegExp(`${UUID}.*Matched to forge/manifest\\.yml\\.`),
  },
  {
    name: 'both keys valid, no manifest in the workspace',
    text: bitbucket(`${link(LINK)}\n  ${appId(ARI)}`),
    manifests: NONE,
    expected: { state: 'linked', action: undefined, manifests: [], linkValid: true, appIdAgrees: true },
  },
  {
    name: "both keys valid and agreeing, but not the matched manifest's app",
    text: bitbucket(`${link(LINK)}\n  ${appId(ARI)}`),
    manifests: OTHER_APP,
    expected: { state: 'wrong', summary: 'not the app of manifest.yml', action: 'insert-app-id', linkValid: true, appIdAgrees: false },
    detail: new RegExp(`forge/manifest\\.yml has app\\.id ari:cloud:ecosystem::app/${OTHER_UUID}`),
  },
  {
    name: 'link and forgeAppId naming two apps, the manifest agreeing with forgeAppId',
    text: bitbucket(`${link(LINK.replace(UUID, OTHER_UUID))}\n  ${appId(ARI)}`),
    manifests: PRODUCTION,
    expected: { state: 'wrong', summary: 'keys name different apps', action: 'set-link', linkValid: true, appIdAgrees: true },
  },
  {
    name: 'link and forgeAppId naming two apps, the manifest agreeing with the link',
    text: bitbucket(`${link(LINK)}\n  ${appId(`ari:cloud:ecosystem::app/${OTHER_UUID}`)}`),
    manifests: PRODUCTION,
    expected: { state: 'wrong', summary: 'keys name different apps', action: 'insert-app-id' },
  },
  {
    name: 'link and forgeAppId naming two apps, no manifest',
    text: bitbucket(`${link(LINK)}\n  ${appId(`ari:cloud:ecosystem::app/${OTHER_UUID}`)}`),
    manifests: NONE,
    expected: { state: 'wrong', summary: 'keys name different apps', action: 'insert-app-id', linkValid: true, appIdAgrees: false },
  },
  {
    name: 'a templated link',
    text: bitbucket(link('{{forgeAppLink}}')),
    manifests: PRODUCTION,
    expected: { state: 'unchecked', summary: 'set by a template', action: 'open-manifest', linkValid: false },
  },
  {
    name: 'a Jira descriptor',
    text: '{ "key": "j", "baseUrl": "https://example.com", "apiVersion": 1, "scopes": ["READ"], "modules": { "jiraIssueGlances": [] } }',
    manifests: PRODUCTION,
    expected: { state: 'unchecked', summary: 'Jira descriptor', action: undefined, linkValid: false, appIdAgrees: false },
  },
  {
    name: 'not a JSON object',
    text: '[1, 2]',
    manifests: NONE,
    expected: { state: 'unchecked', summary: 'not a JSON object', action: undefined },
  },
];

describe('link status (the language status item)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const status = linkStatusOf(analyze(row.text, { manifests: row.manifests }));
      for (const [key, value] of Object.entries(row.expected)) {
        assert.deepEqual(status[key as keyof LinkStatus], value, `${key}: ${JSON.stringify(status)}`);
      }
      if (row.detail) assert.match(status.detail, row.detail);
    });
  }

  it("names the findings' rules, loudest first, and takes the loudest severity", () => {
    const analysis = analyze(bitbucket(appId(UUID)), { manifests: PRODUCTION });
    const status = linkStatusOf(analysis);
    assert.deepEqual(new Set(status.ruleIds), new Set(analysis.findings.map((finding) => finding.ruleId)));
    assert.equal(status.ruleIds[0], 'forge-app-link-missing');
    assert.equal(status.severity, 'warning');
  });
});
