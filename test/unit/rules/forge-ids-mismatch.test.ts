import { ARI, HEX_SIGNATURE, LINK, OTHER_UUID, UUID, bitbucket, JIRA, linkMember, idMember } from '../../support/core';
import { ExpectedFix, ExpectedInput, RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const pair = (link: string, id: string) => bitbucket(`${linkMember(link)}\n${idMember(id)}`);
const otherLink = LINK.replace(UUID, OTHER_UUID);
const OTHER_ARI = `ari:cloud:ecosystem::app/${OTHER_UUID}`;
const THIRD_ARI = 'ari:cloud:ecosystem::app/0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c';

/** Nothing decides which side is right: both ways, neither preferred. */
const idToLinkApp = (uuid: string, result?: string): ExpectedFix => ({
  title: `Make forgeAppId the app of forgeAppLink: "ari:cloud:ecosystem::app/${uuid}"`,
  safe: false,
  preferred: false,
  result,
});
const LINK_TO_ID_APP: ExpectedInput = { title: 'Set forgeAppLink… (the app forgeAppId names)', preferred: false, placeholder: true };
const manifestOf = (appId: string) => workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${appId}`) });

export const table: RuleTable = {
  ruleId: 'forge-ids-mismatch',
  cases: [
    {
      name: "different apps: the range is the link's UUID, related to forgeAppId; both ways out",
      text: pair(otherLink, ARI),
      expect: [
        {
          covers: OTHER_UUID,
          says: ['forgeAppLink and forgeAppId name different Forge apps. ', `The link installs ${OTHER_UUID}, forgeAppId names ${UUID}`],
          related: [`"${ARI}"`],
          fixes: [idToLinkApp(OTHER_UUID, pair(otherLink, OTHER_ARI))],
          input: LINK_TO_ID_APP,
        },
      ],
    },
    {
      name: 'forgeAppId names another app than the link',
      text: pair(LINK, OTHER_ARI),
      expect: [
        {
          covers: UUID,
          says: [`The link installs ${UUID}, forgeAppId names ${OTHER_UUID}`],
          fixes: [idToLinkApp(UUID, pair(LINK, ARI))],
          input: LINK_TO_ID_APP,
        },
      ],
    },
    {
      name: "the manifest names the link's app: replace forgeAppId with its app.id (preferred, not on save)",
      text: pair(otherLink, ARI),
      manifests: manifestOf(OTHER_ARI),
      expect: [
        {
          covers: OTHER_UUID,
          fixes: [
            {
              title: 'Replace forgeAppId with app.id from forge/manifest.yml',
              safe: false,
              preferred: true,
              result: pair(otherLink, OTHER_ARI),
            },
          ],
        },
      ],
    },
    {
      name: "the manifest names forgeAppId's app: ask for that app's link (preferred)",
      text: pair(otherLink, ARI),
      manifests: manifestOf(ARI),
      expect: [
        { covers: OTHER_UUID, input: { title: 'Set forgeAppLink… (the app of forge/manifest.yml)', preferred: true, placeholder: true } },
      ],
    },
    {
      name: 'the manifest names a third app: nothing decides, both ways',
      text: pair(otherLink, ARI),
      manifests: manifestOf(THIRD_ARI),
      expect: [{ covers: OTHER_UUID, fixes: [idToLinkApp(OTHER_UUID)], input: LINK_TO_ID_APP }],
    },
    { name: 'the same app', text: pair(LINK, ARI), expect: [] },
    { name: 'the same app, upper case in the link', text: pair(LINK.replace(UUID, UUID.toUpperCase()), ARI), expect: [] },
    { name: 'the same app named by a bare UUID', text: pair(LINK, UUID), expect: [] },
    {
      name: 'a bare UUID of another app',
      text: pair(LINK, OTHER_UUID),
      expect: [{ covers: UUID, related: [`"${OTHER_UUID}"`], fixes: [idToLinkApp(UUID, pair(LINK, ARI))], input: LINK_TO_ID_APP }],
    },
    {
      name: 'upper case in the link of another app',
      text: pair(otherLink.replace(OTHER_UUID, OTHER_UUID.toUpperCase()), ARI),
      expect: [{ covers: OTHER_UUID.toUpperCase(), fixes: [idToLinkApp(OTHER_UUID)], input: LINK_TO_ID_APP }],
    },
    {
      name: 'JSON escapes before the UUID',
      text: bitbucket(
        `"forgeAppLink": "https:\\/\\/developer.atlassian.com\\/console\\/install\\/${OTHER_UUID}?signature=${HEX_SIGNATURE}&product=bitbucket",\n${idMember(ARI)}`,
      ),
      expect: [{ covers: OTHER_UUID, fixes: [idToLinkApp(OTHER_UUID)], input: LINK_TO_ID_APP }],
    },
    { name: 'a templated link', text: pair('{{forgeAppLink}}', ARI), expect: [] },
    { name: 'a placeholder ARI', text: pair(otherLink, 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'), expect: [] },
    { name: 'only one of the keys', text: bitbucket(linkMember(otherLink)), expect: [] },
    { name: 'Jira descriptor', text: JIRA(`${linkMember(otherLink)} ${idMember(ARI)}`), expect: [] },
  ],
};

describe('rule forge-ids-mismatch', () => {
  runTable(table);
});
