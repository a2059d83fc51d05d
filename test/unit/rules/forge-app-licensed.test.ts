import { ARI, JIRA, LINK, UNKNOWN, bitbucket, linkMember } from '../../support/core';
import { RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const licensed = (enabled: string, ...more: string[]) =>
  workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`, 'licensing:', `  enabled: ${enabled}`, ...more) });
const SAYS = [
  'The Forge app is licensed: the developer console shares no installation link for it. ',
  'forge/manifest.yml enables app.licensing',
  'shares no installation link for it',
  'Marketplace listing',
];
const MARKETPLACE_LINK = 'https://marketplace.atlassian.com/apps/1234/my-app';

export const table: RuleTable = {
  ruleId: 'forge-app-licensed',
  cases: [
    {
      name: 'licensing enabled, no forgeAppLink yet: on the root brace, related to the licensing key',
      text: bitbucket(),
      manifests: licensed('true'),
      expect: [{ covers: '"key"', says: SAYS, relatedFiles: ['file:///w/forge/manifest.yml'], relatedLines: [6] }],
    },
    {
      name: 'licensing enabled, with a forgeAppLink: on its key',
      text: bitbucket(linkMember(MARKETPLACE_LINK)),
      manifests: licensed('true'),
      expect: [{ covers: '"forgeAppLink"', says: SAYS }],
    },
    {
      name: 'a console link for a licensed app: still said',
      text: bitbucket(linkMember(LINK)),
      manifests: licensed('true'),
      expect: [{ covers: '"forgeAppLink"', says: SAYS }],
    },
    {
      name: 'two licensed manifests as near: one note naming both',
      text: bitbucket(),
      manifests: workspaceManifests({
        'forge-a/manifest.yml': forgeManifest(`id: ${ARI}`, 'licensing:', '  enabled: true'),
        'forge-b/manifest.yml': forgeManifest('licensing:', '  enabled: true'),
      }),
      expect: [
        {
          covers: '"key"',
          says: ['forge-a/manifest.yml and forge-b/manifest.yml enable app.licensing'],
          relatedFiles: ['file:///w/forge-a/manifest.yml', 'file:///w/forge-b/manifest.yml'],
          relatedLines: [6, 5],
        },
      ],
    },
    { name: 'an unknown product: still said', text: UNKNOWN(), manifests: licensed('true'), expect: [{ covers: '"key"', says: SAYS }] },
    { name: 'licensing disabled', text: bitbucket(), manifests: licensed('false'), expect: [] },
    { name: 'licensing not a boolean', text: bitbucket(), manifests: licensed('"yes"'), expect: [] },
    {
      name: 'no licensing section',
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }),
      expect: [],
    },
    { name: 'no manifest was searched for', text: bitbucket(), expect: [] },
    { name: 'Jira descriptor', text: JIRA(), manifests: licensed('true'), expect: [] },
  ],
};

describe('rule forge-app-licensed', () => {
  runTable(table);
});
