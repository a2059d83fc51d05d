import { NO_MANIFESTS } from '../../../server/src/core';
import { ARI, JIRA, LONG_KEY, bitbucket, idMember } from '../../support/core';
import { RuleTable, clientKeySource, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

/** The nearest manifest, whose Forge app holds these source files. */
const app = (sources: Record<string, string>) =>
  workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }, { sources: { 'forge/manifest.yml': sources } });

export const table: RuleTable = {
  ruleId: 'forge-addon-key-mismatch',
  cases: [
    {
      name: "the route names another key than the descriptor's: a warning on the key, pointing at the call",
      text: bitbucket(),
      manifests: app({ 'forge/src/index.js': clientKeySource('my-app-dev') }),
      expect: [
        {
          covers: '"my-app"',
          says: [
            'The Forge app asks for the clientKey of another key than this one. ',
            'Its call (forge/src/index.js:3) names "my-app-dev", not "my-app", ',
            "so it cannot find this Connect app's installations: use this key in the route",
          ],
          relatedFiles: ['file:///w/forge/src/index.js'],
          relatedLines: [2],
        },
      ],
    },
    {
      name: 'whether forgeAppId is set or not',
      text: bitbucket(idMember(ARI)),
      manifests: app({ 'forge/src/index.js': clientKeySource('other-app') }),
      expect: [{ covers: '"my-app"', says: ['"other-app"'] }],
    },
    {
      name: 'one finding per call that names another key',
      text: bitbucket(),
      manifests: app({ 'forge/src/a.js': clientKeySource('my-app'), 'forge/src/b.js': clientKeySource('old-app') }),
      expect: [{ covers: '"my-app"', says: ['(forge/src/b.js:3) names "old-app", not "my-app"'] }],
    },
    {
      name: 'keys of 40 characters on both sides: the first sentence still fits',
      text: bitbucket().replace('"my-app"', `"${LONG_KEY}"`),
      manifests: app({ 'forge/src/index.js': clientKeySource(`${LONG_KEY.slice(0, -4)}-dev`) }),
      expect: [{ covers: `"${LONG_KEY}"`, says: [`names "${LONG_KEY.slice(0, -4)}-dev", not "${LONG_KEY}"`] }],
    },
    {
      name: 'the route names this key',
      text: bitbucket(),
      manifests: app({ 'forge/src/index.js': clientKeySource('my-app') }),
      expect: [],
    },
    { name: 'the key comes from a variable', text: bitbucket(), manifests: app({ 'forge/src/index.js': clientKeySource() }), expect: [] },
    {
      name: "the descriptor's key is a template",
      text: bitbucket().replace('"my-app"', '"${addon.key}"'),
      manifests: app({ 'forge/src/index.js': clientKeySource('my-app') }),
      expect: [],
    },
    { name: 'no manifest was searched for', text: bitbucket(), manifests: NO_MANIFESTS, expect: [] },
    { name: 'a Jira descriptor', text: JIRA(), manifests: app({ 'forge/src/index.js': clientKeySource('my-app') }), expect: [] },
    {
      name: 'the file has syntax errors',
      text: bitbucket().replace('"name": "My app",', '"name": "My app"'),
      manifests: app({ 'forge/src/index.js': clientKeySource('other') }),
      expect: [],
    },
  ],
};

describe('rule forge-addon-key-mismatch', () => {
  runTable(table);
});
