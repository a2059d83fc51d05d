import { ARI, CONFLUENCE, bitbucket, idMember } from '../../support/core';
import { RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const inForge = (text: string) => workspaceManifests({ 'forge/manifest.yml': text });
const NO_ID = inForge(forgeManifest());

export const table: RuleTable = {
  ruleId: 'manifest-unusable',
  cases: [
    {
      name: 'no app.id, no forgeAppId: on the root brace, related to the manifest',
      text: bitbucket(),
      manifests: NO_ID,
      expect: [
        {
          covers: '"key"',
          says: ['forgeAppId cannot be checked: forge/manifest.yml has no usable app.id. ', 'no app.id', 'forge register'],
          relatedFiles: ['file:///w/forge/manifest.yml'],
        },
      ],
    },
    {
      name: 'no app.id, with a forgeAppId: on its value',
      text: bitbucket(idMember(ARI)),
      manifests: NO_ID,
      expect: [{ covers: JSON.stringify(ARI), says: ['forge register'] }],
    },
    {
      name: 'app.id is not an ARI: related to app.id',
      text: bitbucket(idMember(ARI)),
      manifests: inForge(forgeManifest('id: my-app')),
      expect: [{ covers: JSON.stringify(ARI), says: ['"my-app", not an app ARI'], relatedLines: [5] }],
    },
    {
      name: 'a ${VAR} without a default: information only, it cannot be known',
      text: bitbucket(idMember(ARI)),
      manifests: inForge(`${forgeManifest('id: ${APP_ID}')}environment:\n  variables:\n    - APP_ID\n`),
      expect: [
        {
          covers: JSON.stringify(ARI),
          severity: 'info',
          says: ['${APP_ID}', 'which has no default in environment.variables', 'cannot be checked'],
        },
      ],
    },
    {
      name: 'YAML errors',
      text: bitbucket(),
      manifests: inForge('app:\n  id: [unclosed\n'),
      expect: [{ covers: '"key"', says: ['not valid YAML (line'] }],
    },
    {
      name: 'two unusable manifests as near: one finding each',
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge-a/manifest.yml': forgeManifest(), 'forge-b/manifest.yml': 'app: [1]\n' }),
      expect: [
        { covers: '"key"', says: ['forge-a/manifest.yml'], relatedFiles: ['file:///w/forge-a/manifest.yml'] },
        { covers: '"key"', says: ['forge-b/manifest.yml', 'not a mapping'], relatedFiles: ['file:///w/forge-b/manifest.yml'] },
      ],
    },
    { name: 'a usable manifest', text: bitbucket(), manifests: inForge(forgeManifest(`id: ${ARI}`)), expect: [] },
    {
      name: 'one usable among equals is enough',
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge-a/manifest.yml': forgeManifest(), 'forge-b/manifest.yml': forgeManifest(`id: ${ARI}`) }),
      expect: [],
    },
    { name: 'no manifest was searched for', text: bitbucket(), expect: [] },
    { name: 'the workspace has no manifest', text: bitbucket(), manifests: workspaceManifests({}), expect: [] },
    { name: 'Confluence descriptor', text: CONFLUENCE(), manifests: NO_ID, expect: [] },
  ],
};

describe('rule manifest-unusable', () => {
  runTable(table);
});
