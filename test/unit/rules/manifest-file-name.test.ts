import { ARI, JIRA, bitbucket } from '../../support/core';
import { RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const OPEN_SAYS = ['The Forge CLI ignores manifest.yaml: it reads only manifest.yml. ', 'Rename it to manifest.yml'];

export const table: RuleTable = {
  ruleId: 'manifest-file-name',
  cases: [
    {
      name: 'a descriptor with only a manifest.yaml near it: on the root brace, related to the file',
      text: bitbucket(),
      manifests: workspaceManifests({}, { ignoredVariants: ['forge/manifest.yaml'] }),
      expect: [
        {
          covers: '"key"',
          says: ['forge/manifest.yaml is ignored: the Forge CLI reads only manifest.yml. ', 'Rename it'],
          relatedFiles: ['file:///w/forge/manifest.yaml'],
          relatedLines: [0],
        },
      ],
    },
    {
      name: 'two of them: one note naming both',
      text: bitbucket(),
      manifests: workspaceManifests({}, { ignoredVariants: ['forge/manifest.yaml', 'forge-staging/manifest.yaml'] }),
      expect: [
        {
          covers: '"key"',
          says: [
            '2 manifest.yaml files are ignored: the Forge CLI reads only manifest.yml. ',
            'Rename forge/manifest.yaml and forge-staging/manifest.yaml',
          ],
          relatedFiles: ['file:///w/forge/manifest.yaml', 'file:///w/forge-staging/manifest.yaml'],
        },
      ],
    },
    {
      name: 'a manifest.yml is matched too: the one that is read wins',
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }, { ignoredVariants: ['old/manifest.yaml'] }),
      expect: [],
    },
    { name: 'no manifest.yaml', text: bitbucket(), manifests: workspaceManifests({}), expect: [] },
    { name: 'Jira descriptor', text: JIRA(), manifests: workspaceManifests({}, { ignoredVariants: ['forge/manifest.yaml'] }), expect: [] },
    {
      name: 'an open manifest.yaml: at its start',
      document: 'manifest',
      fileName: 'manifest.yaml',
      text: forgeManifest(`id: ${ARI}`),
      expect: [{ covers: '', says: OPEN_SAYS }],
    },
    {
      name: 'an open manifest.yaml given by its path, with a bad app.id (not read, so not checked)',
      document: 'manifest',
      fileName: '/repo/forge/manifest.yaml',
      text: forgeManifest('id: not-an-ari'),
      expect: [{ covers: '', says: OPEN_SAYS }],
    },
    { name: 'an open manifest.yml', document: 'manifest', fileName: 'manifest.yml', text: forgeManifest(`id: ${ARI}`), expect: [] },
    {
      name: 'a manifest.yml in a folder called manifest.yaml',
      document: 'manifest',
      fileName: 'C:\\apps\\manifest.yaml\\manifest.yml',
      text: forgeManifest(`id: ${ARI}`),
      expect: [],
    },
  ],
};

describe('rule manifest-file-name', () => {
  runTable(table);
});
