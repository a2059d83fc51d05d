import { ARI, LINK, LONG_LINK, UUID, bitbucket, JIRA, UNKNOWN, linkMember } from '../../support/core';
import { RuleTable, forgeManifest, runTable, workspaceManifests } from '../../support/ruleTable';

const withLink = (value: string) => bitbucket(linkMember(value));
const http = LINK.replace('https:', 'http:');
const amp = LINK.replace('&product', '&amp;product');
const MARKETPLACE = 'https://marketplace.atlassian.com/apps/1234/my-app';
/** A licensed Forge app gets no console link: its link comes from the Marketplace listing. */
const SET_LINK = { title: 'Set forgeAppLink…', preferred: true, placeholder: false };
const USE_HTTPS = `Use https: "${LINK.slice(0, 67)}…"`;
const licensedApp = workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`, 'licensing:', '  enabled: true') });
export const table: RuleTable = {
  ruleId: 'forge-app-link-invalid',
  cases: [
    { name: 'a valid link (hex signature)', text: withLink(LINK), expect: [] },
    { name: 'a valid link (long signature)', text: withLink(LONG_LINK), expect: [] },
    {
      name: 'http: the range is the scheme; https is certain (safe fix)',
      text: withLink(http),
      expect: [
        { covers: 'http', says: ['must use https'], fixes: [{ title: USE_HTTPS, safe: true, preferred: true, result: withLink(LINK) }] },
      ],
    },
    {
      name: 'wrong host: the range is the host',
      text: withLink(LINK.replace('developer.atlassian.com', 'developer.atlassian.net')),
      expect: [{ covers: 'developer.atlassian.net', says: ['developer console', 'connectForgeLink.consoleHosts'], input: SET_LINK }],
    },
    {
      name: 'extra console host from the settings',
      text: withLink(LINK.replace('developer.atlassian.com', 'developer.atlassian-us-gov-mod.com')),
      settings: { consoleHosts: ['developer.atlassian-us-gov-mod.com'] },
      expect: [],
    },
    {
      name: 'the documentation example: two findings inside the string',
      text: withLink('https://developer.atlassian.com/console/install/my-app-id?signature=1234567890&product=bitbucket'),
      expect: [
        { covers: 'my-app-id', says: ['placeholder'], input: SET_LINK },
        { covers: '1234567890', says: ['placeholder signature'], input: SET_LINK },
      ],
    },
    {
      name: '&amp; (safe fix)',
      text: withLink(amp),
      expect: [
        {
          covers: '&amp;',
          says: ['"&amp;"'],
          fixes: [{ title: `Replace "&amp;" with "&": "${LINK.slice(0, 67)}…"`, safe: true, preferred: true, result: withLink(LINK) }],
        },
      ],
    },
    {
      name: 'leading and trailing spaces (safe fix)',
      text: withLink(` ${LINK}  `),
      expect: [
        {
          covers: ` ${LINK}  `,
          says: ['spaces'],
          fixes: [
            { title: `Remove the spaces around the value: "${LINK.slice(0, 67)}…"`, safe: true, preferred: true, result: withLink(LINK) },
          ],
        },
      ],
    },
    {
      name: 'a number',
      text: bitbucket('"forgeAppLink": 42,'),
      expect: [
        { covers: '42', says: ['forgeAppLink must be a string', 'installation link', 'must be a string, not a number. '], input: SET_LINK },
      ],
    },
    {
      name: 'null',
      text: bitbucket('"forgeAppLink": null,'),
      expect: [{ covers: 'null', says: ['must be a string, not null. '], input: SET_LINK }],
    },
    {
      name: 'an array',
      text: bitbucket(`"forgeAppLink": ["${LINK}"],`),
      expect: [{ covers: `["${LINK}"]`, says: ['must be a string, not an array. '], input: SET_LINK }],
    },
    {
      name: 'an object',
      text: bitbucket('"forgeAppLink": { "url": "x" },'),
      expect: [{ covers: '{ "url": "x" }', says: ['must be a string, not an object. '], input: SET_LINK }],
    },
    {
      name: 'a boolean',
      text: bitbucket('"forgeAppLink": true,'),
      expect: [{ covers: 'true', says: ['must be a string, not a boolean. '], input: SET_LINK }],
    },
    { name: 'a template is not malformed', text: withLink('{{forgeLink}}'), expect: [] },
    { name: 'a ${} template is not malformed', text: withLink('${FORGE_LINK}'), expect: [] },
    {
      name: 'JSON escapes before the problem: the range still lands on it',
      text: bitbucket(`"forgeAppLink": "${http.replace(/\//g, '\\/')}",`),
      expect: [{ covers: 'http', says: ['https'], fixes: [{ title: USE_HTTPS, safe: true, preferred: true, result: withLink(LINK) }] }],
    },
    {
      name: 'JSON escapes in the path: the range is the placeholder signature',
      text: bitbucket(
        `"forgeAppLink": "https:\\/\\/developer.atlassian.com\\/console\\/install\\/${UUID}?signature=1234567890\\u0026product=bitbucket",`,
      ),
      expect: [{ covers: '1234567890', says: ['placeholder signature'], input: SET_LINK }],
    },
    {
      name: "the empty string: the range is the empty string's quotes",
      text: withLink(''),
      expect: [{ covers: '"', says: ['forgeAppLink is empty'], input: { ...SET_LINK, placeholder: true } }],
    },
    {
      name: 'unknown product: still checked',
      text: UNKNOWN(linkMember(http)),
      expect: [{ covers: 'http', fixes: [{ title: USE_HTTPS, safe: true, preferred: true }] }],
    },
    { name: 'Jira descriptor: not checked', text: JIRA(linkMember(http)), expect: [] },
    {
      name: 'nested copy: only the root is read and checked',
      text: bitbucket().replace('"modules": {', `"modules": {\n    ${linkMember(http)}`),
      expect: [],
    },
    {
      name: 'duplicate: the copy that is read is checked',
      text: bitbucket(`${linkMember(http)}\n${linkMember(LINK.replace('developer.atlassian.com', 'example.com'))}`),
      expect: [{ covers: 'example.com', input: SET_LINK }],
    },
    {
      name: "a licensed Forge app: a Marketplace link is accepted, where a licensed app's link comes from",
      text: withLink(MARKETPLACE),
      manifests: licensedApp,
      expect: [],
    },
    {
      name: 'an app that is not licensed: a Marketplace link is not the console link',
      text: withLink(MARKETPLACE),
      manifests: workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) }),
      expect: [
        { covers: 'marketplace.atlassian.com', says: ['must point at the developer console'], input: SET_LINK },
        { covers: '/apps/1234/my-app', says: ['/console/install/<app-id>'], input: SET_LINK },
        { covers: '"', says: ['no "signature", so the link does not install the app. '], input: SET_LINK },
        { covers: '"', says: ['no "product=bitbucket": it is not a link for Bitbucket. '], input: SET_LINK },
      ],
    },
    {
      name: 'a licensed Forge app: http is still reported on a Marketplace link (not certainly https there)',
      text: withLink(MARKETPLACE.replace('https:', 'http:')),
      manifests: licensedApp,
      expect: [{ covers: 'http', says: ['must use https'], input: SET_LINK }],
    },
  ],
};

describe('rule forge-app-link-invalid', () => {
  runTable(table);
});
