import * as assert from 'node:assert/strict';
import { appAri, checkAppId, checkInstallLink, consoleDistributionUrl, isTemplated, uuidOfAri } from '../../server/src/core';
import { ARI, HEX_SIGNATURE, LINK, LONG_LINK, LONG_SIGNATURE, UUID } from '../support/core';

const CONSOLE = 'https://developer.atlassian.com/console/install';

interface ExpectedProblem {
  readonly kind: string;
  /** Exactly the part of the value the problem's range covers. */
  readonly covers: string;
  /** Phrases the message must contain. */
  readonly says: readonly string[];
  /** The corrected value the problem offers, or none. */
  readonly replacement?: string;
}

interface LinkCase {
  readonly name: string;
  readonly value: string;
  readonly problems: readonly ExpectedProblem[];
  readonly uuid?: string;
  readonly products?: readonly string[];
  readonly signed?: boolean;
  readonly templated?: boolean;
  readonly extraHosts?: readonly string[];
}

const CLEAN = `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=bitbucket`;
const HOST_HINT = 'connectForgeLink.consoleHosts';

const LINK_CASES: readonly LinkCase[] = [
  { name: 'valid link with a legacy hex signature', value: LINK, problems: [], uuid: UUID, products: ['bitbucket'], signed: true },
  {
    name: 'valid link with a long URL-encoded AYABe… signature',
    value: LONG_LINK,
    problems: [],
    uuid: UUID,
    products: ['bitbucket'],
    signed: true,
  },
  {
    name: 'multi-product link repeating the parameter',
    value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=jira&product=bitbucket`,
    problems: [],
    uuid: UUID,
    products: ['jira', 'bitbucket'],
    signed: true,
  },
  {
    name: 'trailing slash before the query',
    value: `${CONSOLE}/${UUID}/?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [],
    uuid: UUID,
  },
  {
    name: 'upper-case UUID in the path (lower-cased)',
    value: `${CONSOLE}/${UUID.toUpperCase()}?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [],
    uuid: UUID,
  },
  { name: 'product value in another case', value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=Bitbucket`, problems: [] },
  { name: 'a fragment after the query', value: `${CLEAN}#top`, problems: [], uuid: UUID },
  {
    name: 'http instead of https: certainly https, as the console serves no other',
    value: CLEAN.replace('https:', 'http:'),
    problems: [{ kind: 'not-https', covers: 'http', says: ['must use https', '"http"'], replacement: CLEAN }],
    uuid: UUID,
  },
  {
    name: 'HTTP in capitals, with spaces around: https, trimmed',
    value: ` ${CLEAN.replace('https:', 'HTTP:')}`,
    problems: [
      {
        kind: 'whitespace',
        covers: ` ${CLEAN.replace('https:', 'HTTP:')}`,
        says: ['spaces'],
        replacement: CLEAN.replace('https:', 'HTTP:'),
      },
      { kind: 'not-https', covers: 'HTTP', says: ['must use https', '"HTTP"'], replacement: CLEAN },
    ],
    uuid: UUID,
  },
  {
    name: 'http to another host: not certainly https',
    value: CLEAN.replace('https://developer.atlassian.com', 'http://example.com'),
    problems: [
      { kind: 'not-https', covers: 'http', says: ['must use https'] },
      { kind: 'wrong-host', covers: 'example.com', says: ['not "example.com"'] },
    ],
    uuid: UUID,
  },
  {
    name: 'another scheme: no correction',
    value: CLEAN.replace('https:', 'ftp:'),
    problems: [{ kind: 'not-https', covers: 'ftp', says: ['not "ftp"'] }],
    uuid: UUID,
  },
  {
    name: 'wrong host',
    value: CLEAN.replace('developer.atlassian.com', 'developer.atlassian.net'),
    problems: [
      {
        kind: 'wrong-host',
        covers: 'developer.atlassian.net',
        says: ['must point at the developer console, not "developer.atlassian.net". ', 'Its host is developer.atlassian.com', HOST_HINT],
      },
    ],
  },
  {
    name: 'wrong host: bitbucket.org',
    value: `https://bitbucket.org/console/install/${UUID}?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [{ kind: 'wrong-host', covers: 'bitbucket.org', says: ['not "bitbucket.org"'] }],
  },
  {
    name: 'extra console host allowed by the option',
    value: CLEAN.replace('developer.atlassian.com', 'developer.atlassian-us-gov-mod.com'),
    extraHosts: ['developer.atlassian-us-gov-mod.com'],
    problems: [],
    uuid: UUID,
  },
  {
    name: 'extra console host not allowed without the option',
    value: CLEAN.replace('developer.atlassian.com', 'developer.atlassian-us-gov-mod.com'),
    problems: [{ kind: 'wrong-host', covers: 'developer.atlassian-us-gov-mod.com', says: [HOST_HINT] }],
  },
  {
    name: 'a port on the console host',
    value: CLEAN.replace('developer.atlassian.com', 'developer.atlassian.com:8443'),
    problems: [{ kind: 'wrong-host', covers: 'developer.atlassian.com:8443', says: ['developer console'] }],
  },
  {
    name: 'user info before the host',
    value: CLEAN.replace('developer.atlassian.com', 'me@developer.atlassian.com'),
    problems: [{ kind: 'wrong-host', covers: 'me@developer.atlassian.com', says: ['developer console'] }],
  },
  {
    name: 'console app page instead of the install link',
    value: `https://developer.atlassian.com/console/myapps/${UUID}?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [
      {
        kind: 'wrong-path',
        covers: `/console/myapps/${UUID}`,
        says: ['installation link', '"/console/install/<app-id>"', 'distribution page'],
      },
    ],
  },
  {
    name: 'distribution page URL',
    value: `https://developer.atlassian.com/console/myapps/${UUID}/manage/distribution`,
    problems: [
      { kind: 'wrong-path', covers: `/console/myapps/${UUID}/manage/distribution`, says: ['installation link'] },
      { kind: 'no-signature', covers: '', says: ['no "signature", so the link does not install the app. '] },
      { kind: 'no-bitbucket', covers: '', says: ['no "product=bitbucket"'] },
    ],
  },
  {
    name: 'path segment that is not a UUID',
    value: `${CONSOLE}/abc-123?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [{ kind: 'bad-app-id', covers: 'abc-123', says: ['"abc-123" is not a Forge app UUID', '/console/install/<app-uuid>'] }],
  },
  {
    name: 'the documentation example (my-app-id, signature=1234567890)',
    value: `${CONSOLE}/my-app-id?signature=1234567890&product=bitbucket`,
    problems: [
      { kind: 'placeholder-app', covers: 'my-app-id', says: ['"my-app-id" is the documentation\'s placeholder'] },
      { kind: 'placeholder-signature', covers: '1234567890', says: ['"1234567890" is the documentation\'s placeholder signature'] },
    ],
    products: ['bitbucket'],
    signed: true,
  },
  {
    name: 'the README placeholder xxxxxxxx-xxxx-…',
    value: `${CONSOLE}/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx?signature=xxxxxxxxx&product=bitbucket`,
    problems: [
      { kind: 'placeholder-app', covers: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', says: ['placeholder'] },
      { kind: 'placeholder-signature', covers: 'xxxxxxxxx', says: ['placeholder signature'] },
    ],
  },
  {
    name: 'all-zero app id in the path',
    value: `${CONSOLE}/00000000-0000-0000-0000-000000000000?signature=${HEX_SIGNATURE}&product=bitbucket`,
    problems: [{ kind: 'placeholder-app', covers: '00000000-0000-0000-0000-000000000000', says: ['placeholder'] }],
  },
  {
    name: 'the placeholder the missing-key fix inserts',
    value: `${CONSOLE}/<app-id>?signature=<signature>&product=bitbucket`,
    problems: [
      { kind: 'placeholder-app', covers: '<app-id>', says: ['placeholder'] },
      { kind: 'placeholder-signature', covers: '<signature>', says: ['placeholder signature'] },
    ],
  },
  {
    name: 'missing signature (only product=jira, as seen in the wild)',
    value: `${CONSOLE}/${UUID}?product=jira`,
    problems: [
      { kind: 'no-signature', covers: '?product=jira', says: ['no "signature", so the link does not install the app. '] },
      { kind: 'no-bitbucket', covers: 'product=jira', says: ['installs the app in jira, not Bitbucket', '"product=bitbucket"'] },
    ],
    uuid: UUID,
    products: ['jira'],
    signed: false,
  },
  {
    name: 'missing signature',
    value: `${CONSOLE}/${UUID}?product=bitbucket`,
    problems: [{ kind: 'no-signature', covers: '?product=bitbucket', says: ['no "signature", so the link does not install the app. '] }],
    signed: false,
  },
  {
    name: 'empty signature',
    value: `${CONSOLE}/${UUID}?signature=&product=bitbucket`,
    problems: [{ kind: 'no-signature', covers: 'signature=', says: ['empty "signature"'] }],
    signed: false,
  },
  {
    name: 'signature without "="',
    value: `${CONSOLE}/${UUID}?signature&product=bitbucket`,
    problems: [{ kind: 'no-signature', covers: 'signature', says: ['empty "signature"'] }],
    signed: false,
  },
  {
    name: 'no product parameter',
    value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}`,
    problems: [
      {
        kind: 'no-bitbucket',
        covers: `?signature=${HEX_SIGNATURE}`,
        says: ['no "product=bitbucket": it is not a link for Bitbucket. ', 'Share the Forge app for Bitbucket'],
      },
    ],
    products: [],
    signed: true,
  },
  {
    name: 'only product=jira',
    value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=jira`,
    problems: [{ kind: 'no-bitbucket', covers: 'product=jira', says: ['installs the app in jira, not Bitbucket'] }],
    products: ['jira'],
  },
  {
    name: 'jira and confluence but not bitbucket',
    value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=jira&product=confluence`,
    problems: [{ kind: 'no-bitbucket', covers: 'product=jira', says: ['jira, confluence, not Bitbucket'] }],
  },
  {
    name: '&amp; pasted from HTML (fix)',
    value: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&amp;product=bitbucket`,
    problems: [
      { kind: 'html-escaped', covers: '&amp;', says: ['has "&amp;" where the link needs "&". ', 'HTML escape'], replacement: CLEAN },
    ],
    uuid: UUID,
    products: ['bitbucket'],
    signed: true,
  },
  {
    name: '&amp; before later problems: their ranges still land on the original text',
    value: `${CONSOLE}/${UUID}?signature=&amp;product=jira&amp;product=confluence`,
    problems: [
      {
        kind: 'html-escaped',
        covers: '&amp;',
        says: ['"&amp;"'],
        replacement: `${CONSOLE}/${UUID}?signature=&product=jira&product=confluence`,
      },
      { kind: 'no-signature', covers: 'signature=', says: ['empty "signature"'] },
      { kind: 'no-bitbucket', covers: 'product=jira', says: ['jira, confluence'] },
    ],
  },
  {
    name: 'leading and trailing spaces (fix)',
    value: `  ${CLEAN} `,
    problems: [{ kind: 'whitespace', covers: `  ${CLEAN} `, says: ['spaces around the link. '], replacement: CLEAN }],
    uuid: UUID,
  },
  {
    name: 'spaces and &amp; together: one replacement fixes both',
    value: ` ${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&amp;product=jira`,
    problems: [
      {
        kind: 'whitespace',
        covers: ` ${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&amp;product=jira`,
        says: ['spaces'],
        replacement: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=jira`,
      },
      {
        kind: 'html-escaped',
        covers: '&amp;',
        says: ['"&amp;"'],
        replacement: `${CONSOLE}/${UUID}?signature=${HEX_SIGNATURE}&product=jira`,
      },
      { kind: 'no-bitbucket', covers: 'product=jira', says: ['not Bitbucket'] },
    ],
  },
  {
    name: 'not a URL (no scheme)',
    value: `developer.atlassian.com/console/install/${UUID}`,
    problems: [
      {
        kind: 'not-url',
        covers: `developer.atlassian.com/console/install/${UUID}`,
        says: ['not an absolute URL', 'https://developer.atlassian.com/console/install/<app-id>?signature=…&product=bitbucket'],
      },
    ],
  },
  {
    name: 'not a URL (a word)',
    value: 'TODO',
    problems: [{ kind: 'not-url', covers: 'TODO', says: ['not an absolute URL'] }],
  },
  {
    name: 'empty string',
    value: '',
    problems: [{ kind: 'empty', covers: '', says: ['forgeAppLink is empty', 'distribution page'] }],
  },
  {
    name: 'only spaces',
    value: '   ',
    problems: [{ kind: 'empty', covers: '   ', says: ['forgeAppLink is empty'] }],
  },
  { name: 'template {{forgeLink}}', value: '{{forgeLink}}', problems: [], templated: true },
  { name: 'template ${FORGE_LINK}', value: '${FORGE_LINK}', problems: [], templated: true },
  {
    name: 'template inside a link',
    value: `${CONSOLE}/{{forgeAppUuid}}?signature={{sig}}&product=bitbucket`,
    problems: [],
    templated: true,
  },
  { name: 'ERB template', value: '<%= forge_link %>', problems: [], templated: true },
];

describe('forgeIds', () => {
  describe('checkInstallLink', () => {
    for (const c of LINK_CASES) {
      it(c.name, () => {
        const check = checkInstallLink(c.value, { extraHosts: c.extraHosts });
        assert.deepEqual(
          check.problems.map((p) => ({ kind: p.kind, covers: c.value.slice(p.start, p.end) })),
          c.problems.map((p) => ({ kind: p.kind, covers: p.covers })),
          `problems of ${JSON.stringify(c.value)}`,
        );
        c.problems.forEach((expected, i) => {
          const problem = check.problems[i];
          for (const phrase of expected.says) assert.ok(problem.message.includes(phrase), `"${problem.message}" says "${phrase}"`);
          assert.equal(problem.replacement, expected.replacement, `replacement of ${expected.kind}`);
        });
        if (c.uuid !== undefined) assert.equal(check.uuid, c.uuid);
        if (c.products !== undefined) assert.deepEqual(check.products, c.products);
        if (c.signed !== undefined) assert.equal(check.signed, c.signed);
        assert.equal(check.templated, c.templated ?? false);
      });
    }

    it('never decodes or verifies the signature: any non-placeholder value is accepted', () => {
      for (const signature of ['a', 'AYAB', LONG_SIGNATURE.replace(/%2F/g, '/'), '%ZZ-not-decodable']) {
        const check = checkInstallLink(`${CONSOLE}/${UUID}?signature=${signature}&product=bitbucket`);
        assert.deepEqual(check.problems, [], signature);
        assert.equal(check.signed, true);
      }
    });

    it('console hosts compare without case, both for the default and the extra hosts', () => {
      assert.deepEqual(checkInstallLink(CLEAN.replace('developer.atlassian.com', 'Developer.Atlassian.COM')).problems, []);
      const gov = CLEAN.replace('developer.atlassian.com', 'developer.atlassian-us-gov-mod.com');
      assert.deepEqual(checkInstallLink(gov, { extraHosts: ['Developer.Atlassian-US-Gov-Mod.com'] }).problems, []);
    });
  });

  interface IdCase {
    readonly name: string;
    readonly value: string;
    readonly problems: readonly ExpectedProblem[];
    readonly uuid?: string;
    readonly templated?: boolean;
  }

  const ID_CASES: readonly IdCase[] = [
    { name: 'strict ARI', value: ARI, problems: [], uuid: UUID },
    {
      name: 'bare UUID (fix → ARI)',
      value: UUID,
      problems: [
        { kind: 'bare-uuid', covers: UUID, says: ['bare UUID', 'full ARI', '"ari:cloud:ecosystem::app/<uuid>"'], replacement: ARI },
      ],
      uuid: UUID,
    },
    {
      name: 'upper-case ARI (fix)',
      value: ARI.toUpperCase(),
      problems: [{ kind: 'upper-case', covers: ARI.toUpperCase(), says: ['lower case', 'manifest.yml'], replacement: ARI }],
      uuid: UUID,
    },
    {
      name: 'upper-case UUID in an ARI (fix)',
      value: `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`,
      problems: [{ kind: 'upper-case', covers: `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`, says: ['lower case'], replacement: ARI }],
    },
    {
      name: 'console app URL (fix → ARI of its UUID)',
      value: `https://developer.atlassian.com/console/myapps/${UUID}/overview`,
      problems: [
        {
          kind: 'console-url',
          covers: `https://developer.atlassian.com/console/myapps/${UUID}/overview`,
          says: ['developer console URL', 'ARI of the app it names'],
          replacement: ARI,
        },
      ],
      uuid: UUID,
    },
    {
      name: 'install link pasted into forgeAppId (fix → ARI)',
      value: LINK,
      problems: [{ kind: 'console-url', covers: LINK, says: ['developer console URL'], replacement: ARI }],
    },
    {
      name: 'all-zero placeholder ARI',
      value: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
      problems: [
        {
          kind: 'placeholder',
          covers: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
          says: ['all-zero placeholder', 'app.id'],
        },
      ],
    },
    {
      name: 'all-zero placeholder UUID',
      value: '00000000-0000-0000-0000-000000000000',
      problems: [{ kind: 'placeholder', covers: '00000000-0000-0000-0000-000000000000', says: ['all-zero placeholder'] }],
    },
    {
      name: 'UUID with version nibble 6 (not a Forge UUID)',
      value: 'ari:cloud:ecosystem::app/70df33c7-2f7f-6148-b923-bf8c15d7e874',
      problems: [{ kind: 'bad-uuid', covers: '70df33c7-2f7f-6148-b923-bf8c15d7e874', says: ['is not a Forge app UUID', 'lowercase UUID'] }],
    },
    {
      name: 'UUID with the wrong variant (c)',
      value: 'ari:cloud:ecosystem::app/70df33c7-2f7f-4148-c923-bf8c15d7e874',
      problems: [
        {
          kind: 'bad-uuid',
          covers: '70df33c7-2f7f-4148-c923-bf8c15d7e874',
          says: ['"70df33c7-2f7f-4148-c923-bf8c15d7e874" is not a Forge app UUID'],
        },
      ],
    },
    {
      name: 'ARI with a trailing slash',
      value: `${ARI}/`,
      problems: [{ kind: 'bad-uuid', covers: `${UUID}/`, says: ['not a Forge app UUID'] }],
    },
    {
      name: 'not an ARI',
      value: 'my-forge-app',
      problems: [{ kind: 'not-ari', covers: 'my-forge-app', says: ['forgeAppId is not a Forge app ARI', 'manifest.yml'] }],
    },
    {
      name: 'another kind of ARI',
      value: 'ari:cloud:jira::site/1234',
      problems: [{ kind: 'not-ari', covers: 'ari:cloud:jira::site/1234', says: ['"ari:cloud:ecosystem::app/<uuid>"'] }],
    },
    {
      name: 'spaces around the ARI (fix)',
      value: ` ${ARI}  `,
      problems: [
        { kind: 'whitespace', covers: ` ${ARI}  `, says: ['spaces around the ARI. ', 'compares the ARI exactly'], replacement: ARI },
      ],
      uuid: UUID,
    },
    {
      name: 'spaces around a bare UUID: both fixes give the ARI',
      value: ` ${UUID}`,
      problems: [
        { kind: 'whitespace', covers: ` ${UUID}`, says: ['spaces'], replacement: ARI },
        { kind: 'bare-uuid', covers: UUID, says: ['bare UUID'], replacement: ARI },
      ],
    },
    {
      name: 'empty',
      value: '',
      problems: [{ kind: 'empty', covers: '', says: ['forgeAppId is empty', 'app.id'] }],
    },
    { name: 'template {{forgeAppId}}', value: '{{forgeAppId}}', problems: [], templated: true },
    { name: 'template in the ARI (Forge variables)', value: 'ari:cloud:ecosystem::app/${FORGE_APP_ID}', problems: [], templated: true },
  ];

  describe('checkAppId', () => {
    for (const c of ID_CASES) {
      it(c.name, () => {
        const check = checkAppId(c.value);
        assert.deepEqual(
          check.problems.map((p) => ({ kind: p.kind, covers: c.value.slice(p.start, p.end) })),
          c.problems.map((p) => ({ kind: p.kind, covers: p.covers })),
        );
        c.problems.forEach((expected, i) => {
          const problem = check.problems[i];
          for (const phrase of expected.says) assert.ok(problem.message.includes(phrase), `"${problem.message}" says "${phrase}"`);
          assert.equal(problem.replacement, expected.replacement);
        });
        if (c.uuid !== undefined) assert.equal(check.uuid, c.uuid);
        assert.equal(check.templated, c.templated ?? false);
      });
    }

    it('every replacement it offers is itself clean', () => {
      for (const c of ID_CASES) {
        for (const problem of checkAppId(c.value).problems) {
          if (problem.replacement !== undefined) assert.deepEqual(checkAppId(problem.replacement).problems, [], c.name);
        }
      }
    });
  });

  describe('small helpers', () => {
    it('appAri, uuidOfAri, consoleDistributionUrl, isTemplated', () => {
      assert.equal(appAri(UUID.toUpperCase()), ARI);
      assert.equal(uuidOfAri(ARI), UUID);
      assert.equal(uuidOfAri(UUID), undefined);
      assert.equal(uuidOfAri(ARI.toUpperCase()), undefined);
      assert.equal(consoleDistributionUrl(UUID), `https://developer.atlassian.com/console/myapps/${UUID}/manage/distribution`);
      for (const t of ['{{a}}', '${A}', '<%= a %>', '{% url "x" %}']) assert.equal(isTemplated(t), true, t);
      for (const t of ['{a}', '$A', 'a}}', LINK]) assert.equal(isTemplated(t), false, t);
    });

    it('every link replacement it offers is itself clean', () => {
      for (const c of LINK_CASES) {
        for (const problem of checkInstallLink(c.value).problems) {
          if (problem.replacement !== undefined)
            assert.deepEqual(
              checkInstallLink(problem.replacement).problems.filter((p) => p.kind === 'whitespace' || p.kind === 'html-escaped'),
              [],
              c.name,
            );
        }
      }
    });
  });
});
