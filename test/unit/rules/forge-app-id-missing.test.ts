import { NO_MANIFESTS } from '../../../server/src/core';
import { ARI, JIRA, LINK, OTHER_UUID, bitbucket, idMember, linkMember } from '../../support/core';
import { RuleTable, clientKeySource, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const OTHER_ARI = `ari:cloud:ecosystem::app/${OTHER_UUID}`;
const nearest = workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) });
const twoAsNear = workspaceManifests({
  'forge-b/manifest.yml': forgeManifest(`id: ${OTHER_ARI}`),
  'forge-a/manifest.yml': forgeManifest(`id: "${ARI}"`),
});
const INSERT = { title: 'Insert forgeAppId from forge/manifest.yml', safe: false, preferred: true };
/** The nearest manifest, whose Forge app calls the client-key route. */
const callingApp = (sources: Record<string, string> = { 'forge/src/index.js': clientKeySource() }) =>
  workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }, { sources: { 'forge/manifest.yml': sources } });

export const table: RuleTable = {
  ruleId: 'forge-app-id-missing',
  cases: [
    {
      name: 'no forgeAppId, the nearest manifest has an app.id: inserted after "key"',
      text: bitbucket(linkMember(LINK)),
      manifests: nearest,
      expect: [
        {
          covers: '"key"',
          says: [
            'No forgeAppId (optional): the Forge app cannot look up this Connect installation. Insert app.id from forge/manifest.yml (matched because it names the same Forge app).',
          ],
          relatedFiles: ['file:///w/forge/manifest.yml'],
          relatedMessages: ['app.id of forge/manifest.yml'],
          relatedLines: [5],
          fixes: [{ ...INSERT, result: bitbucket(`${idMember(ARI)}\n${linkMember(LINK)}`) }],
        },
      ],
    },
    {
      name: 'CRLF: the insert keeps CRLF',
      text: bitbucket('', '\r\n'),
      manifests: nearest,
      expect: [{ covers: '"key"', fixes: [{ ...INSERT, result: bitbucket(idMember(ARI), '\r\n') }] }],
    },
    {
      name: 'two manifests as near: one insert per manifest, none preferred',
      text: bitbucket(),
      manifests: twoAsNear,
      expect: [
        {
          covers: '"key"',
          // The message stays short (it shares the root's hover): the manifests are its related locations.
          says: [
            'No forgeAppId (optional): the Forge app cannot look up this Connect installation. Insert app.id from one of the 2 matching manifests.',
          ],
          relatedFiles: ['file:///w/forge-a/manifest.yml', 'file:///w/forge-b/manifest.yml'],
          relatedMessages: ['app.id of forge-a/manifest.yml', 'app.id of forge-b/manifest.yml'],
          fixes: [
            { title: 'Insert forgeAppId from forge-a/manifest.yml', safe: false, preferred: false, result: bitbucket(idMember(ARI)) },
            {
              title: 'Insert forgeAppId from forge-b/manifest.yml',
              safe: false,
              preferred: false,
              result: bitbucket(idMember(OTHER_ARI)),
            },
          ],
        },
      ],
    },
    {
      name: "forgeAppLink names one of them: that manifest's app.id",
      text: bitbucket(linkMember(LINK.replace(/install\/[^?]+/, `install/${OTHER_UUID}`))),
      manifests: twoAsNear,
      expect: [
        {
          covers: '"key"',
          says: ['forge-b/manifest.yml (matched because it names the same Forge app)'],
          fixes: [{ title: 'Insert forgeAppId from forge-b/manifest.yml', safe: false, preferred: true }],
        },
      ],
    },
    {
      name: 'an app.id from an environment variable default: the resolved ARI',
      text: bitbucket(),
      manifests: workspaceManifests({
        'forge/manifest.yml': `${forgeManifest('id: ${APP_ID}')}environment:\n  variables:\n    - key: APP_ID\n      default: ${ARI}\n`,
      }),
      expect: [{ covers: '"key"', fixes: [{ ...INSERT, result: bitbucket(idMember(ARI)) }] }],
    },
    {
      name: 'no forgeAppLink either: the nearest manifest',
      text: bitbucket(),
      manifests: nearest,
      expect: [{ covers: '"key"', says: ['forge/manifest.yml (matched because it is the nearest manifest.yml)'], fixes: [INSERT] }],
    },
    {
      name: "a manifest named with the CLI's --manifest says so",
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }, { reason: 'it was named with --manifest' }),
      expect: [{ covers: '"key"', says: ['forge/manifest.yml (matched because it was named with --manifest)'], fixes: [INSERT] }],
    },
    {
      name: "the Forge app calls the client-key route: a warning naming the call's file and line, with a related location there",
      text: bitbucket(linkMember(LINK)),
      manifests: callingApp(),
      expect: [
        {
          covers: '"key"',
          severity: 'warning',
          says: [
            "No forgeAppId, so the Forge app's call for this installation's clientKey answers 404. ",
            "The call (forge/src/index.js:3) answers once forgeAppId is the manifest's app.id and the installations are updated",
            'forge/manifest.yml (matched because it names the same Forge app)',
          ],
          relatedFiles: ['file:///w/forge/src/index.js', 'file:///w/forge/manifest.yml'],
          relatedLines: [2, 5],
          fixes: [{ ...INSERT, result: bitbucket(`${idMember(ARI)}\n${linkMember(LINK)}`) }],
        },
      ],
    },
    {
      name: 'two calls: the first is named, and how many more',
      text: bitbucket(),
      manifests: callingApp({ 'forge/src/a.js': clientKeySource(), 'forge/src/b.ts': clientKeySource('my-app') }),
      expect: [
        {
          covers: '"key"',
          severity: 'warning',
          says: ['(forge/src/a.js:3 and 1 more)'],
          relatedFiles: ['file:///w/forge/src/a.js', 'file:///w/forge/src/b.ts', 'file:///w/forge/manifest.yml'],
          fixes: [INSERT],
        },
      ],
    },
    {
      name: 'the source was searched and holds no call: information, as without a search',
      text: bitbucket(),
      manifests: callingApp({ 'forge/src/index.js': 'export const run = () => 1;\n' }),
      expect: [
        {
          covers: '"key"',
          severity: 'info',
          says: ['No forgeAppId (optional): the Forge app cannot look up this Connect installation. '],
          fixes: [INSERT],
        },
      ],
    },
    {
      name: 'a call in the Forge app of a manifest that is not matched does not count',
      text: bitbucket(),
      manifests: workspaceManifests(
        { 'forge/manifest.yml': forgeManifest(`id: ${ARI}`), 'apps/far/manifest.yml': forgeManifest(`id: ${OTHER_ARI}`) },
        { sources: { 'apps/far/manifest.yml': { 'apps/far/src/index.js': clientKeySource() } } },
      ),
      expect: [{ covers: '"key"', severity: 'info', fixes: [INSERT] }],
    },
    { name: 'forgeAppId is set, and the Forge app calls the route', text: bitbucket(idMember(ARI)), manifests: callingApp(), expect: [] },
    { name: 'forgeAppId is set', text: bitbucket(idMember(ARI)), manifests: nearest, expect: [] },
    {
      name: 'forgeAppId is set to another app (the mismatch rule speaks)',
      text: bitbucket(idMember(OTHER_ARI)),
      manifests: nearest,
      expect: [],
    },
    { name: 'no manifest was searched for', text: bitbucket(), manifests: NO_MANIFESTS, expect: [] },
    { name: 'the workspace has no manifest', text: bitbucket(), manifests: workspaceManifests({}), expect: [] },
    {
      name: 'the manifest has no app.id (manifest-unusable speaks)',
      text: bitbucket(),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest() }),
      expect: [],
    },
    {
      name: 'a nested copy exists (forge-key-nested says what to do)',
      text: bitbucket().replace('"modules": {', `"modules": {\n    ${idMember(ARI)}`),
      manifests: nearest,
      expect: [],
    },
    { name: 'a misspelled copy exists', text: bitbucket(`"forge_app_id": "${ARI}",`), manifests: nearest, expect: [] },
    {
      name: 'the file has syntax errors',
      text: bitbucket().replace('"name": "My app",', '"name": "My app"'),
      manifests: nearest,
      expect: [],
    },
    { name: 'Jira descriptor', text: JIRA(), manifests: nearest, expect: [] },
  ],
};

describe('rule forge-app-id-missing', () => {
  runTable(table);
});
