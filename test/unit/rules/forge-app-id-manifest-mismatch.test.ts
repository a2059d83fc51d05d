import { ARI, JIRA, OTHER_UUID, UUID, bitbucket, idMember } from '../../support/core';
import { RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const OTHER_ARI = `ari:cloud:ecosystem::app/${OTHER_UUID}`;
const THIRD_ARI = 'ari:cloud:ecosystem::app/0b9e2a6c-8a1d-4c3e-9f5b-2d7e4a6c8b1f';
const nearest = workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) });
const REPLACE = { title: 'Replace with app.id from forge/manifest.yml', safe: false, preferred: true };

export const table: RuleTable = {
  ruleId: 'forge-app-id-manifest-mismatch',
  cases: [
    {
      name: "another app than the nearest manifest's: the value, related to app.id, replaced",
      text: bitbucket(idMember(OTHER_ARI)),
      manifests: nearest,
      expect: [
        {
          covers: JSON.stringify(OTHER_ARI),
          says: [
            "forgeAppId is not the app.id of the Forge app's manifest.yml. ",
            `It is "${OTHER_ARI}"`,
            `forge/manifest.yml with "${ARI}" (matched because it is the nearest manifest.yml)`,
          ],
          relatedFiles: ['file:///w/forge/manifest.yml'],
          fixes: [{ ...REPLACE, result: bitbucket(idMember(ARI)) }],
        },
      ],
    },
    {
      name: 'CRLF and tabs: only the value changes',
      text: bitbucket(idMember(OTHER_ARI), '\r\n').replace(/^ {2}/gm, '\t'),
      manifests: nearest,
      expect: [
        { covers: JSON.stringify(OTHER_ARI), fixes: [{ ...REPLACE, result: bitbucket(idMember(ARI), '\r\n').replace(/^ {2}/gm, '\t') }] },
      ],
    },
    {
      name: 'two manifests as near, both of other apps: one replacement each, none preferred',
      text: bitbucket(idMember(THIRD_ARI)),
      manifests: workspaceManifests({
        'forge-a/manifest.yml': forgeManifest(`id: ${ARI}`),
        'forge-b/manifest.yml': forgeManifest(`id: ${OTHER_ARI}`),
      }),
      expect: [
        {
          covers: JSON.stringify(THIRD_ARI),
          says: ['2 manifests match equally well', `forge-a/manifest.yml with "${ARI}", forge-b/manifest.yml with "${OTHER_ARI}"`],
          relatedFiles: ['file:///w/forge-a/manifest.yml', 'file:///w/forge-b/manifest.yml'],
          fixes: [
            { title: 'Replace with app.id from forge-a/manifest.yml', safe: false, preferred: false, result: bitbucket(idMember(ARI)) },
            {
              title: 'Replace with app.id from forge-b/manifest.yml',
              safe: false,
              preferred: false,
              result: bitbucket(idMember(OTHER_ARI)),
            },
          ],
        },
      ],
    },
    {
      name: 'the all-zero placeholder: the manifest has the real app.id',
      text: bitbucket(idMember('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000')),
      manifests: nearest,
      expect: [
        {
          covers: '"ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000"',
          fixes: [{ ...REPLACE, result: bitbucket(idMember(ARI)) }],
        },
      ],
    },
    { name: 'the same app', text: bitbucket(idMember(ARI)), manifests: nearest, expect: [] },
    {
      name: 'the same app as a bare UUID (forge-app-id-invalid fixes the spelling)',
      text: bitbucket(idMember(UUID)),
      manifests: nearest,
      expect: [],
    },
    { name: 'the same app in upper case', text: bitbucket(idMember(ARI.toUpperCase())), manifests: nearest, expect: [] },
    {
      name: 'a manifest of the same app is matched, however far',
      text: bitbucket(idMember(OTHER_ARI)),
      manifests: workspaceManifests({
        'forge/manifest.yml': forgeManifest(`id: ${ARI}`),
        'far/away/forge/manifest.yml': forgeManifest(`id: ${OTHER_ARI}`),
      }),
      expect: [],
    },
    { name: 'a templated forgeAppId', text: bitbucket(idMember('{{forgeAppId}}')), manifests: nearest, expect: [] },
    { name: 'forgeAppId is not a string', text: bitbucket('"forgeAppId": 42,'), manifests: nearest, expect: [] },
    { name: 'no forgeAppId (forge-app-id-missing speaks)', text: bitbucket(), manifests: nearest, expect: [] },
    {
      name: 'the manifest has no usable app.id (manifest-unusable speaks)',
      text: bitbucket(idMember(OTHER_ARI)),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest('id: ${APP_ID}') }),
      expect: [],
    },
    { name: 'no manifest was searched for', text: bitbucket(idMember(OTHER_ARI)), expect: [] },
    {
      name: 'the file has syntax errors',
      text: bitbucket(idMember(OTHER_ARI)).replace('"name": "My app",', '"name": "My app"'),
      manifests: nearest,
      expect: [],
    },
    { name: 'Jira descriptor', text: JIRA(idMember(OTHER_ARI)), manifests: nearest, expect: [] },
  ],
};

describe('rule forge-app-id-manifest-mismatch', () => {
  runTable(table);
});
