import * as assert from 'node:assert/strict';
import {
  AnalysisSettings,
  LINK_DOCS_URL,
  RULES,
  Rule,
  Severity,
  analyze,
  insertRootProperty,
  linkPlaceholder,
  parseDescriptor,
} from '../../server/src/core';
import {
  ARI,
  HEX_SIGNATURE,
  LINK,
  LONG_LINK,
  OTHER_UUID,
  UUID,
  applyFixChecked,
  bitbucket,
  covered,
  findingsOf,
  fixture,
  options,
  single,
} from '../support/core';

interface ExpectedFix {
  readonly title: string;
  readonly safe: boolean;
  readonly preferred: boolean;
  /** The whole text after applying the fix. */
  readonly result?: string;
}

interface Expected {
  readonly covers: string;
  readonly severity?: Severity;
  readonly says?: readonly string[];
  /** The finding's fixes, in order (none when omitted). */
  readonly fixes?: readonly ExpectedFix[];
  readonly unnecessary?: boolean;
  /** What each related location covers. */
  readonly related?: readonly string[];
}

interface RuleCase {
  readonly name: string;
  readonly text: string;
  readonly settings?: Partial<AnalysisSettings>;
  readonly expect: readonly Expected[];
}

function runTable(ruleId: string, cases: readonly RuleCase[]): void {
  const rule = RULES.find((r) => r.id === ruleId) as Rule;
  for (const c of cases) {
    it(c.name, () => {
      const found = findingsOf(c.text, ruleId, options(c.settings));
      assert.deepEqual(
        found.map((f) => covered(c.text, f)),
        c.expect.map((e) => e.covers),
        `ranges of ${ruleId}: ${JSON.stringify(found.map((f) => f.message))}`,
      );
      c.expect.forEach((expected, i) => {
        const finding = found[i];
        assert.equal(finding.severity, expected.severity ?? rule.defaultSeverity, 'severity');
        for (const phrase of expected.says ?? []) assert.ok(finding.message.includes(phrase), `"${finding.message}" says "${phrase}"`);
        assert.equal(finding.unnecessary ?? false, expected.unnecessary ?? false, 'unnecessary');
        if (expected.related)
          assert.deepEqual(
            (finding.related ?? []).map((r) => covered(c.text, r)),
            expected.related,
          );
        const fixes = expected.fixes ?? [];
        assert.deepEqual(
          finding.fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: f.isPreferred ?? false })),
          fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: f.preferred })),
          'fixes',
        );
        fixes.forEach((fix, index) => {
          if (fix.result !== undefined) assert.equal(applyFixChecked(c.text, finding, index), fix.result);
        });
      });
    });
  }
}

const lines = (...rows: string[]) => [...rows, ''].join('\n');

const JIRA = (extra = '') =>
  lines(
    '{',
    '  "key": "jira-app",',
    ...(extra ? [`  ${extra}`] : []),
    '  "apiVersion": 1,',
    '  "scopes": ["READ"],',
    '  "modules": { "jiraIssueGlances": [] }',
    '}',
  );
const CONFLUENCE = (extra = '') =>
  lines('{', '  "key": "c-app",', ...(extra ? [`  ${extra}`] : []), '  "modules": { "dynamicContentMacros": [] }', '}');
const HIPCHAT = (extra = '') =>
  lines('{', '  "key": "h-app",', ...(extra ? [`  ${extra}`] : []), '  "capabilities": { "hipchatApiConsumer": {} }', '}');
const JIRA_OR_CONFLUENCE = (extra = '') => lines('{', '  "key": "jc-app",', ...(extra ? [`  ${extra}`] : []), '  "apiVersion": 1', '}');
const UNKNOWN = (extra = '') => lines('{', '  "key": "u-app",', ...(extra ? [`  ${extra}`] : []), '  "name": "Unknown"', '}');

const linkMember = (value: string) => `"forgeAppLink": ${JSON.stringify(value)},`;
const idMember = (value: string) => `"forgeAppId": ${JSON.stringify(value)},`;

describe('rules', () => {
  describe('the registry', () => {
    const EXPECTED: Record<string, Severity> = {
      'forge-app-link-missing': 'warning',
      'forge-app-link-invalid': 'warning',
      'forge-app-id-invalid': 'warning',
      'forge-ids-mismatch': 'warning',
      'forge-key-nested': 'warning',
      'forge-key-duplicate': 'warning',
      'forge-key-misspelled': 'warning',
      'forge-key-unused': 'info',
      'forge-value-template': 'info',
      'descriptor-unreadable': 'info',
      'json-syntax': 'error',
    };
    for (const [id, severity] of Object.entries(EXPECTED)) {
      it(`${id} is registered with default severity ${severity}`, () => {
        const rule = RULES.find((r) => r.id === id);
        assert.ok(rule, `${id} is in RULES`);
        assert.equal(rule.defaultSeverity, severity);
        assert.ok(rule.description.length > 20, 'has a description for the README');
      });
    }
    it('rule ids are unique and kebab-case', () => {
      const ids = RULES.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    });
  });

  describe('severity settings', () => {
    /** A text on which each rule reports exactly one finding. */
    const TRIGGERS: Record<string, { text: string; settings?: Partial<AnalysisSettings> }> = {
      'forge-app-link-missing': { text: bitbucket() },
      'forge-app-link-invalid': { text: bitbucket(linkMember(LINK.replace('https:', 'http:'))) },
      'forge-app-id-invalid': { text: bitbucket(idMember(UUID)) },
      'forge-ids-mismatch': { text: bitbucket(`${linkMember(LINK)}\n${idMember(`ari:cloud:ecosystem::app/${OTHER_UUID}`)}`) },
      'forge-key-nested': {
        text: lines('{', '  "key": "k",', '  "contexts": ["account"],', `  "vendor": { "forgeAppId": "${ARI}" }`, '}'),
      },
      'forge-key-duplicate': { text: bitbucket(`${idMember(ARI)}\n${idMember(ARI)}`) },
      'forge-key-misspelled': { text: bitbucket(`"forgeAppID": "${ARI}",`) },
      'forge-key-unused': { text: JIRA(linkMember(LINK)) },
      'forge-value-template': { text: bitbucket(linkMember('{{forgeAppLink}}')) },
      'descriptor-unreadable': { text: '["not", "an", "object"]' },
      'json-syntax': { text: '{ "key": "k" "name": "n" }', settings: { reportSyntaxErrors: true } },
    };
    for (const [id, trigger] of Object.entries(TRIGGERS)) {
      const rule = RULES.find((r) => r.id === id) as Rule;
      it(`${id}: default, overridden, off`, () => {
        const base = trigger.settings ?? {};
        const byDefault = single(trigger.text, id, options(base));
        assert.equal(byDefault.severity, rule.defaultSeverity);
        for (const severity of ['error', 'warning', 'info', 'hint'] as const) {
          assert.equal(single(trigger.text, id, options({ ...base, rules: { [id]: severity } })).severity, severity, severity);
        }
        const others = findingsOf(trigger.text, undefined, options(base)).filter((f) => f.ruleId !== id).length;
        const off = findingsOf(trigger.text, undefined, options({ ...base, rules: { [id]: 'off' } }));
        assert.equal(off.filter((f) => f.ruleId === id).length, 0, 'off disables it');
        assert.equal(off.length, others, 'and leaves the other rules alone');
      });
    }

    it('an override also replaces a severity the rule chose itself (unknown product: info → error)', () => {
      const text = UNKNOWN();
      assert.equal(single(text, 'forge-app-link-missing').severity, 'info');
      assert.equal(single(text, 'forge-app-link-missing', options({ rules: { 'forge-app-link-missing': 'error' } })).severity, 'error');
    });
  });

  describe('forge-app-link-missing', () => {
    const MISSING_SAYS = ['This Bitbucket Cloud descriptor has no forgeAppLink', 'Get the Forge app', 'Distribution', LINK_DOCS_URL];
    runTable('forge-app-link-missing', [
      {
        name: 'Bitbucket descriptor without it: a warning on the root brace',
        text: bitbucket(),
        expect: [{ covers: '{', severity: 'warning', says: MISSING_SAYS }],
      },
      { name: 'Bitbucket descriptor with it', text: bitbucket(linkMember(LINK)), expect: [] },
      { name: 'present but not a string (the invalid rule speaks instead)', text: bitbucket('"forgeAppLink": null,'), expect: [] },
      { name: 'present as a template', text: bitbucket(linkMember('{{forgeAppLink}}')), expect: [] },
      {
        name: 'unknown product: information only, pointing at the setting',
        text: UNKNOWN(),
        expect: [{ covers: '{', severity: 'info', says: ["not recognised as Bitbucket Cloud's", 'connectForgeLink.product'] }],
      },
      { name: 'Jira descriptor: not asked for', text: JIRA(), expect: [] },
      { name: 'Confluence descriptor: not asked for', text: CONFLUENCE(), expect: [] },
      { name: 'HipChat descriptor: not asked for', text: HIPCHAT(), expect: [] },
      { name: 'Jira-or-Confluence descriptor: not asked for', text: JIRA_OR_CONFLUENCE(), expect: [] },
      {
        name: 'forced to Bitbucket on a Jira descriptor',
        text: JIRA(),
        settings: { product: 'bitbucket' },
        expect: [{ covers: '{', severity: 'warning', says: MISSING_SAYS }],
      },
      { name: 'forced to Jira on a Bitbucket descriptor', text: bitbucket(), settings: { product: 'jira' }, expect: [] },
      {
        name: 'a nested copy exists (forge-key-nested says what to do)',
        text: bitbucket().replace('"modules": {', `"modules": {\n    ${linkMember(LINK)}`),
        expect: [],
      },
      {
        name: 'a misspelled copy exists (forge-key-misspelled says what to do)',
        text: bitbucket(`"forge_app_link": "${LINK}",`),
        expect: [],
      },
      { name: 'the file has syntax errors', text: bitbucket().replace('"name": "My app",', '"name": "My app"'), expect: [] },
      {
        name: 'BOM before the object: the range is the brace after it',
        text: fixture('bom-bitbucket.json'),
        expect: [{ covers: '{', says: MISSING_SAYS }],
      },
    ]);

    it('asks for the link, with a placeholder for editors that cannot ask', () => {
      const finding = single(bitbucket(), 'forge-app-link-missing');
      assert.deepEqual(finding.fixes, []);
      assert.deepEqual(finding.inputFix, {
        title: 'Set forgeAppLink…',
        key: 'forgeAppLink',
        placeholder: linkPlaceholder(undefined),
        appUuid: undefined,
      });
    });

    it('uses the app of forgeAppId (also a bare UUID) for the placeholder and the console page', () => {
      for (const value of [ARI, UUID]) {
        const finding = single(bitbucket(idMember(value)), 'forge-app-link-missing');
        assert.equal(finding.inputFix?.appUuid, UUID);
        assert.equal(
          finding.inputFix?.placeholder,
          `https://developer.atlassian.com/console/install/${UUID}?signature=<signature>&product=bitbucket`,
        );
      }
    });

    it('the inserted placeholder is then flagged as still to fill', () => {
      const text = bitbucket();
      const placeholder = single(text, 'forge-app-link-missing').inputFix?.placeholder as string;
      const root = parseDescriptor(text).root;
      assert.ok(root);
      const edits = insertRootProperty(text, root, 'forgeAppLink', JSON.stringify(placeholder));
      const after = edits.reduceRight((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
      assert.equal(after, bitbucket(linkMember(placeholder)));
      assert.deepEqual(findingsOf(after, 'forge-app-link-missing'), []);
      assert.deepEqual(
        findingsOf(after, 'forge-app-link-invalid').map((f) => covered(after, f)),
        ['<app-id>', '<signature>'],
      );
    });
  });

  describe('forge-app-link-invalid', () => {
    const withLink = (value: string) => bitbucket(linkMember(value));
    const http = LINK.replace('https:', 'http:');
    const amp = LINK.replace('&product', '&amp;product');
    runTable('forge-app-link-invalid', [
      { name: 'a valid link (hex signature)', text: withLink(LINK), expect: [] },
      { name: 'a valid link (long signature)', text: withLink(LONG_LINK), expect: [] },
      { name: 'http: the range is the scheme', text: withLink(http), expect: [{ covers: 'http', says: ['must use https'] }] },
      {
        name: 'wrong host: the range is the host',
        text: withLink(LINK.replace('developer.atlassian.com', 'developer.atlassian.net')),
        expect: [{ covers: 'developer.atlassian.net', says: ['developer console', 'connectForgeLink.consoleHosts'] }],
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
          { covers: 'my-app-id', says: ['placeholder'] },
          { covers: '1234567890', says: ['placeholder signature'] },
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
        expect: [{ covers: '42', says: ['forgeAppLink must be a string', 'installation link', 'It is a number'] }],
      },
      { name: 'null', text: bitbucket('"forgeAppLink": null,'), expect: [{ covers: 'null', says: ['It is null'] }] },
      { name: 'an array', text: bitbucket(`"forgeAppLink": ["${LINK}"],`), expect: [{ covers: `["${LINK}"]`, says: ['It is an array'] }] },
      {
        name: 'an object',
        text: bitbucket('"forgeAppLink": { "url": "x" },'),
        expect: [{ covers: '{ "url": "x" }', says: ['It is an object'] }],
      },
      { name: 'a boolean', text: bitbucket('"forgeAppLink": true,'), expect: [{ covers: 'true', says: ['It is a boolean'] }] },
      { name: 'a template is not malformed', text: withLink('{{forgeLink}}'), expect: [] },
      { name: 'a ${} template is not malformed', text: withLink('${FORGE_LINK}'), expect: [] },
      {
        name: 'JSON escapes before the problem: the range still lands on it',
        text: bitbucket(`"forgeAppLink": "${http.replace(/\//g, '\\/')}",`),
        expect: [{ covers: 'http', says: ['https'] }],
      },
      {
        name: 'JSON escapes in the path: the range is the placeholder signature',
        text: bitbucket(
          `"forgeAppLink": "https:\\/\\/developer.atlassian.com\\/console\\/install\\/${UUID}?signature=1234567890\\u0026product=bitbucket",`,
        ),
        expect: [{ covers: '1234567890', says: ['placeholder signature'] }],
      },
      {
        name: "the empty string: the range is the empty string's quotes",
        text: withLink(''),
        expect: [{ covers: '"', says: ['forgeAppLink is empty'] }],
      },
      { name: 'unknown product: still checked', text: UNKNOWN(linkMember(http)), expect: [{ covers: 'http' }] },
      { name: 'Jira descriptor: not checked', text: JIRA(linkMember(http)), expect: [] },
      {
        name: 'nested copy: only the root is read and checked',
        text: bitbucket().replace('"modules": {', `"modules": {\n    ${linkMember(http)}`),
        expect: [],
      },
      {
        name: 'duplicate: the copy that is read is checked',
        text: bitbucket(`${linkMember(http)}\n${linkMember(LINK.replace('developer.atlassian.com', 'example.com'))}`),
        expect: [{ covers: 'example.com' }],
      },
    ]);
  });

  describe('forge-app-id-invalid', () => {
    const withId = (value: string) => bitbucket(idMember(value));
    const consoleUrl = `https://developer.atlassian.com/console/myapps/${UUID}/overview`;
    runTable('forge-app-id-invalid', [
      { name: 'the strict ARI', text: withId(ARI), expect: [] },
      {
        name: 'a bare UUID (safe fix → ARI)',
        text: withId(UUID),
        expect: [
          {
            covers: UUID,
            says: ['bare UUID'],
            fixes: [{ title: `Make it the app ARI: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
          },
        ],
      },
      {
        name: 'upper case (safe fix)',
        text: withId(ARI.toUpperCase()),
        expect: [
          {
            covers: ARI.toUpperCase(),
            says: ['lower case'],
            fixes: [{ title: `Make it lower case: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
          },
        ],
      },
      {
        name: 'a console URL (safe fix → ARI of its UUID)',
        text: withId(consoleUrl),
        expect: [
          {
            covers: consoleUrl,
            says: ['developer console URL'],
            fixes: [{ title: `Replace the URL with the ARI of its app: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
          },
        ],
      },
      {
        name: 'stray spaces (safe fix)',
        text: withId(`${ARI} `),
        expect: [
          {
            covers: `${ARI} `,
            says: ['spaces'],
            fixes: [{ title: `Remove the spaces around the value: "${ARI}"`, safe: true, preferred: true, result: withId(ARI) }],
          },
        ],
      },
      {
        name: 'the all-zero placeholder',
        text: withId('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'),
        expect: [{ covers: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000', says: ['all-zero placeholder'] }],
      },
      {
        name: 'a UUID Forge never issues (version 7)',
        text: withId('ari:cloud:ecosystem::app/70df33c7-2f7f-7148-b923-bf8c15d7e874'),
        expect: [{ covers: '70df33c7-2f7f-7148-b923-bf8c15d7e874', says: ['not a Forge app UUID'] }],
      },
      { name: 'not an ARI', text: withId('my-app'), expect: [{ covers: 'my-app', says: ["must be the Forge app's ARI"] }] },
      {
        name: 'a number',
        text: bitbucket('"forgeAppId": 1,'),
        expect: [{ covers: '1', says: ['forgeAppId must be a string', 'manifest.yml', 'It is a number'] }],
      },
      { name: 'a template is not malformed', text: withId('{{forgeAppId}}'), expect: [] },
      { name: 'Confluence descriptor: not checked', text: CONFLUENCE(idMember(UUID)), expect: [] },
      {
        name: 'unknown product: still checked',
        text: UNKNOWN(idMember(UUID)),
        expect: [{ covers: UUID, fixes: [{ title: `Make it the app ARI: "${ARI}"`, safe: true, preferred: true }] }],
      },
    ]);
  });

  describe('forge-ids-mismatch', () => {
    const pair = (link: string, id: string) => bitbucket(`${linkMember(link)}\n${idMember(id)}`);
    const otherLink = LINK.replace(UUID, OTHER_UUID);
    runTable('forge-ids-mismatch', [
      {
        name: "different apps: the range is the link's UUID, related to forgeAppId",
        text: pair(otherLink, ARI),
        expect: [
          {
            covers: OTHER_UUID,
            says: [`installs the Forge app ${OTHER_UUID}`, `forgeAppId names the app ${UUID}`, 'same Forge app'],
            related: [`"${ARI}"`],
          },
        ],
      },
      { name: 'the same app', text: pair(LINK, ARI), expect: [] },
      { name: 'the same app, upper case in the link', text: pair(LINK.replace(UUID, UUID.toUpperCase()), ARI), expect: [] },
      { name: 'the same app named by a bare UUID', text: pair(LINK, UUID), expect: [] },
      { name: 'a bare UUID of another app', text: pair(LINK, OTHER_UUID), expect: [{ covers: UUID, related: [`"${OTHER_UUID}"`] }] },
      {
        name: 'upper case in the link of another app',
        text: pair(otherLink.replace(OTHER_UUID, OTHER_UUID.toUpperCase()), ARI),
        expect: [{ covers: OTHER_UUID.toUpperCase() }],
      },
      {
        name: 'JSON escapes before the UUID',
        text: bitbucket(
          `"forgeAppLink": "https:\\/\\/developer.atlassian.com\\/console\\/install\\/${OTHER_UUID}?signature=${HEX_SIGNATURE}&product=bitbucket",\n${idMember(ARI)}`,
        ),
        expect: [{ covers: OTHER_UUID }],
      },
      { name: 'a templated link', text: pair('{{forgeAppLink}}', ARI), expect: [] },
      { name: 'a placeholder ARI', text: pair(otherLink, 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'), expect: [] },
      { name: 'only one of the keys', text: bitbucket(linkMember(otherLink)), expect: [] },
      { name: 'Jira descriptor', text: JIRA(`${linkMember(otherLink)} ${idMember(ARI)}`), expect: [] },
    ]);
  });

  describe('forge-key-nested', () => {
    const inModules = lines(
      '{',
      '  "key": "my-app",',
      '  "name": "My app",',
      '  "contexts": ["account"],',
      '  "modules": {',
      `    ${linkMember(LINK)}`,
      '    "webItems": []',
      '  }',
      '}',
    );
    const movedFromModules = lines(
      '{',
      '  "key": "my-app",',
      `  ${linkMember(LINK)}`,
      '  "name": "My app",',
      '  "contexts": ["account"],',
      '  "modules": {',
      '    "webItems": []',
      '  }',
      '}',
    );
    const inVendor = lines(
      '{',
      '  "key": "my-app",',
      '  "contexts": ["account"],',
      '  "vendor": {',
      '    "name": "Me",',
      `    "forgeAppId": "${ARI}"`,
      '  }',
      '}',
    );
    const movedFromVendor = lines(
      '{',
      '  "key": "my-app",',
      `  "forgeAppId": "${ARI}",`,
      '  "contexts": ["account"],',
      '  "vendor": {',
      '    "name": "Me"',
      '  }',
      '}',
    );
    const inArray = lines(
      '{',
      '  "contexts": ["account"],',
      '  "modules": { "webItems": [{ "key": "w", "forgeAppId": "' + ARI + '" }] }',
      '}',
    );
    const movedFromArray = lines(
      '{',
      '  "contexts": ["account"],',
      '  "modules": { "webItems": [{ "key": "w" }] },',
      `  "forgeAppId": "${ARI}"`,
      '}',
    );
    const sameAtRoot = lines(
      '{',
      '  "key": "my-app",',
      `  ${idMember(ARI)}`,
      '  "contexts": ["account"],',
      `  "vendor": { "name": "Me", "forgeAppId": "${ARI}" }`,
      '}',
    );
    const sameRemoved = lines(
      '{',
      '  "key": "my-app",',
      `  ${idMember(ARI)}`,
      '  "contexts": ["account"],',
      '  "vendor": { "name": "Me" }',
      '}',
    );
    const otherAtRoot = sameAtRoot.replace(
      `"vendor": { "name": "Me", "forgeAppId": "${ARI}" }`,
      `"vendor": { "name": "Me", "forgeAppId": "${UUID}" }`,
    );
    const MOVE_LINK = { title: 'Move forgeAppLink to the root of the descriptor', safe: true, preferred: true };
    const MOVE_ID = { title: 'Move forgeAppId to the root of the descriptor', safe: true, preferred: true };
    runTable('forge-key-nested', [
      {
        name: 'forgeAppLink inside modules: moved after "key"',
        text: inModules,
        expect: [
          {
            covers: '"forgeAppLink"',
            says: ['inside "modules"', 'belongs at the root', 'next to "key"'],
            fixes: [{ ...MOVE_LINK, result: movedFromModules }],
          },
        ],
      },
      {
        name: 'forgeAppId last in vendor: moved, the comma before it removed',
        text: inVendor,
        expect: [{ covers: '"forgeAppId"', says: ['inside "vendor"'], fixes: [{ ...MOVE_ID, result: movedFromVendor }] }],
      },
      {
        name: 'inside an array element, no "key" at the root: moved to the end',
        text: inArray,
        expect: [{ covers: '"forgeAppId"', says: ['inside "modules.webItems.0"'], fixes: [{ ...MOVE_ID, result: movedFromArray }] }],
      },
      {
        name: 'the root has the same value: the copy is removed',
        text: sameAtRoot,
        expect: [
          {
            covers: '"forgeAppId"',
            fixes: [
              { title: 'Remove this copy of forgeAppId (the root has the same value)', safe: true, preferred: true, result: sameRemoved },
            ],
          },
        ],
      },
      {
        name: 'the root has another value: removal offered, not applied by fix-all',
        text: otherAtRoot,
        expect: [
          {
            covers: '"forgeAppId"',
            fixes: [
              {
                title: "Remove this copy of forgeAppId (Bitbucket reads the root's value)",
                safe: false,
                preferred: false,
                result: sameRemoved,
              },
            ],
          },
        ],
      },
      {
        name: 'a certain misspelling at the root competes: the move is not safe',
        text: lines(
          '{',
          '  "key": "k",',
          `  "ForgeAppId": "${ARI}",`,
          '  "contexts": ["account"],',
          `  "vendor": { "forgeAppId": "${ARI}" }`,
          '}',
        ),
        expect: [{ covers: '"forgeAppId"', fixes: [{ ...MOVE_ID, safe: false }] }],
      },
      {
        name: 'two nested copies: both offer the move',
        text: lines(
          '{',
          '  "key": "k",',
          '  "contexts": ["account"],',
          `  "vendor": { "forgeAppId": "${ARI}" },`,
          `  "links": { "forgeAppId": "${ARI}" }`,
          '}',
        ),
        expect: [
          { covers: '"forgeAppId"', fixes: [MOVE_ID] },
          { covers: '"forgeAppId"', fixes: [MOVE_ID] },
        ],
      },
      { name: 'a root key is not nested', text: bitbucket(idMember(ARI)), expect: [] },
      {
        name: 'syntax errors elsewhere: reported, but no move until the file parses',
        text: inModules.replace('"name": "My app",', '"name": "My app"'),
        expect: [{ covers: '"forgeAppLink"', says: ['inside "modules"'] }],
      },
      { name: 'Jira descriptor: not reported', text: JIRA(`"vendor": { "forgeAppId": "${ARI}" },`), expect: [] },
      {
        name: 'CRLF: the move keeps CRLF',
        text: inModules.replace(/\n/g, '\r\n'),
        expect: [{ covers: '"forgeAppLink"', fixes: [{ ...MOVE_LINK, result: movedFromModules.replace(/\n/g, '\r\n') }] }],
      },
    ]);
  });

  describe('forge-key-duplicate', () => {
    const twice = bitbucket(`${idMember(UUID)}\n${idMember(ARI)}`);
    runTable('forge-key-duplicate', [
      {
        name: 'twice at the root: the shadowed first copy, related to the one read',
        text: twice,
        expect: [
          {
            covers: '"forgeAppId"',
            says: ['appears again further down', 'keep the last one'],
            unnecessary: true,
            related: ['"forgeAppId"'],
            fixes: [{ title: 'Remove the shadowed forgeAppId', safe: true, preferred: true, result: bitbucket(idMember(ARI)) }],
          },
        ],
      },
      {
        name: 'three times: the first two',
        text: bitbucket(`${linkMember('a')}\n${linkMember('b')}\n${linkMember(LINK)}`),
        expect: [
          {
            covers: '"forgeAppLink"',
            unnecessary: true,
            related: ['"forgeAppLink"'],
            fixes: [
              {
                title: 'Remove the shadowed forgeAppLink',
                safe: true,
                preferred: true,
                result: bitbucket(`${linkMember('b')}\n${linkMember(LINK)}`),
              },
            ],
          },
          {
            covers: '"forgeAppLink"',
            unnecessary: true,
            related: ['"forgeAppLink"'],
            fixes: [
              {
                title: 'Remove the shadowed forgeAppLink',
                safe: true,
                preferred: true,
                result: bitbucket(`${linkMember('a')}\n${linkMember(LINK)}`),
              },
            ],
          },
        ],
      },
      {
        name: 'the last member shadows an earlier one',
        text: lines('{', '  "forgeAppLink": "a",', '  "contexts": ["account"],', `  "forgeAppLink": "${LINK}"`, '}'),
        expect: [
          {
            covers: '"forgeAppLink"',
            unnecessary: true,
            related: ['"forgeAppLink"'],
            fixes: [
              {
                title: 'Remove the shadowed forgeAppLink',
                safe: true,
                preferred: true,
                result: lines('{', '  "contexts": ["account"],', `  "forgeAppLink": "${LINK}"`, '}'),
              },
            ],
          },
        ],
      },
      { name: 'once', text: bitbucket(idMember(ARI)), expect: [] },
      {
        name: 'syntax errors elsewhere: reported, but no removal until the file parses',
        text: twice.replace('"name": "My app",', '"name": "My app"'),
        expect: [{ covers: '"forgeAppId"', unnecessary: true, related: ['"forgeAppId"'] }],
      },
      { name: 'each key once', text: bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`), expect: [] },
      {
        name: 'twice below the root (forge-key-nested reports those)',
        text: bitbucket().replace('"modules": {', `"modules": {\n    ${idMember(ARI)}\n    ${idMember(ARI)}`),
        expect: [],
      },
      { name: 'Jira descriptor: not reported', text: JIRA(`${idMember(ARI)} ${idMember(ARI)}`), expect: [] },
    ]);
  });

  describe('forge-key-misspelled', () => {
    const rename = (name: string, key: string, safe: boolean, value = ARI) => ({
      name: `${name} → ${key}${safe ? ' (safe)' : ' (offered, not safe)'}`,
      text: bitbucket(`"${name}": "${value}",`),
      expect: [
        {
          covers: `"${name}"`,
          says: [`"${name}" is not a key Bitbucket reads`, `Did you mean "${key}"?`],
          fixes: [{ title: `Rename to "${key}"`, safe, preferred: true, result: bitbucket(`"${key}": "${value}",`) }],
        },
      ],
    });
    runTable('forge-key-misspelled', [
      rename('forgeAppID', 'forgeAppId', true),
      rename('forge_app_id', 'forgeAppId', true),
      rename('forge-app-id', 'forgeAppId', true),
      rename('ForgeAppLink', 'forgeAppLink', true, LINK),
      rename('forge_app_link', 'forgeAppLink', true, LINK),
      rename('FORGE_APP_LINK', 'forgeAppLink', true, LINK),
      rename('forgeAppUrl', 'forgeAppLink', false, LINK),
      rename('forgeInstallLink', 'forgeAppLink', false, LINK),
      rename('forgeAppLnk', 'forgeAppLink', false, LINK),
      rename('forgeAppIdd', 'forgeAppId', false),
      rename('forgeAri', 'forgeAppId', false),
      { name: 'the right key is there too: not reported', text: bitbucket(`"forgeAppID": "x",\n${idMember(ARI)}`), expect: [] },
      { name: 'an unrelated key', text: bitbucket('"forgery": true,\n"appId": "x",'), expect: [] },
      {
        name: 'below the root: not reported',
        text: bitbucket().replace('"modules": {', `"modules": {\n    "forgeAppID": "${ARI}",`),
        expect: [],
      },
      {
        name: 'two certain misspellings of one key: neither is safe',
        text: bitbucket(`"ForgeAppLink": "a",\n"forge_app_link": "b",`),
        expect: [
          { covers: '"ForgeAppLink"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] },
          { covers: '"forge_app_link"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] },
        ],
      },
      {
        name: 'a misspelling and a nested copy of one key: the rename is not safe',
        text: bitbucket('"forge_app_link": "a",').replace('"modules": {', '"modules": {\n    "forgeAppLink": "b",'),
        expect: [{ covers: '"forge_app_link"', fixes: [{ title: 'Rename to "forgeAppLink"', safe: false, preferred: true }] }],
      },
      { name: 'Jira descriptor: not reported', text: JIRA(`"forgeAppID": "${ARI}",`), expect: [] },
    ]);
  });

  describe('forge-key-unused', () => {
    const UNUSED = (key: string, label: string) => ({
      covers: `"${key}"`,
      unnecessary: true,
      says: [`Only Bitbucket Cloud reads ${key}`, `looks like ${label}'s`, 'set connectForgeLink.product to "bitbucket"'],
    });
    runTable('forge-key-unused', [
      {
        name: 'Jira descriptor with forgeAppLink',
        text: JIRA(linkMember(LINK)),
        expect: [
          {
            ...UNUSED('forgeAppLink', 'Jira'),
            says: [...UNUSED('forgeAppLink', 'Jira').says, 'because it has "jiraIssueGlances" modules'],
          },
        ],
      },
      {
        name: 'Jira descriptor with both keys',
        text: JIRA(`${linkMember(LINK)} ${idMember(ARI)}`),
        expect: [UNUSED('forgeAppLink', 'Jira'), UNUSED('forgeAppId', 'Jira')],
      },
      { name: 'Confluence descriptor', text: CONFLUENCE(idMember(ARI)), expect: [UNUSED('forgeAppId', 'Confluence')] },
      { name: 'HipChat descriptor', text: HIPCHAT(idMember(ARI)), expect: [UNUSED('forgeAppId', 'HipChat')] },
      {
        name: 'Jira-or-Confluence descriptor',
        text: JIRA_OR_CONFLUENCE(idMember(ARI)),
        expect: [UNUSED('forgeAppId', 'Jira or Confluence')],
      },
      {
        name: 'forced to Jira',
        text: bitbucket(idMember(ARI)),
        settings: { product: 'jira' },
        expect: [{ ...UNUSED('forgeAppId', 'Jira'), says: ['by the setting connectForgeLink.product'] }],
      },
      {
        name: 'invalid values on a Jira descriptor: only this note',
        text: JIRA(linkMember('http://x')),
        expect: [UNUSED('forgeAppLink', 'Jira')],
      },
      { name: 'Bitbucket descriptor', text: bitbucket(idMember(ARI)), expect: [] },
      { name: 'unknown product', text: UNKNOWN(idMember(ARI)), expect: [] },
      { name: 'Jira descriptor without the keys', text: JIRA(), expect: [] },
    ]);
  });

  describe('forge-value-template', () => {
    const SAYS = ['filled in when the descriptor is served', 'cannot be checked here'];
    runTable('forge-value-template', [
      {
        name: '{{…}} link',
        text: bitbucket(linkMember('{{forgeAppLink}}')),
        expect: [{ covers: '"{{forgeAppLink}}"', says: ['forgeAppLink is filled in', ...SAYS] }],
      },
      {
        name: '${…} in the ARI',
        text: bitbucket(idMember('ari:cloud:ecosystem::app/${FORGE_APP_ID}')),
        expect: [{ covers: '"ari:cloud:ecosystem::app/${FORGE_APP_ID}"', says: ['forgeAppId is filled in'] }],
      },
      {
        name: '<%= %> (ERB inside the string)',
        text: bitbucket(linkMember('<%= forge_link %>')),
        expect: [{ covers: '"<%= forge_link %>"' }],
      },
      { name: 'plain values', text: bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`), expect: [] },
    ]);

    it('an ACE descriptor with templated values: two notes, nothing malformed, nothing missing', () => {
      const text = fixture('ace-template-values.json');
      const found = findingsOf(text);
      assert.deepEqual(
        found.map((f) => [f.ruleId, f.severity, covered(text, f)]),
        [
          ['forge-value-template', 'info', '"{{forgeAppLink}}"'],
          ['forge-value-template', 'info', '"ari:cloud:ecosystem::app/{{forgeAppUuid}}"'],
        ],
      );
    });
  });

  describe('json-syntax', () => {
    const broken = bitbucket(linkMember(LINK)).replace('"name": "My app",', '"name": "My app"');
    runTable('json-syntax', [
      { name: 'off by default', text: broken, expect: [] },
      {
        name: 'reported when asked for',
        text: broken,
        settings: { reportSyntaxErrors: true },
        expect: [{ covers: '"baseUrl"', severity: 'error', says: ['JSON syntax error: comma expected.'] }],
      },
      { name: 'a clean file', text: bitbucket(), settings: { reportSyntaxErrors: true }, expect: [] },
      {
        name: 'comments and trailing commas are not errors',
        text: '{ // c\n  "key": "k", /* d */\n  "contexts": ["account",],\n}',
        settings: { reportSyntaxErrors: true },
        expect: [],
      },
      {
        name: 'a descriptor with {{…}} values and a real syntax error: still reported',
        text: fixture('ace-template-values.json').replace('"name": "ACE Bitbucket app",', '"name": "ACE Bitbucket app"'),
        settings: { reportSyntaxErrors: true },
        expect: [{ covers: '"baseUrl"', says: ['comma expected'] }],
      },
      {
        name: 'an unclosed comment running over {{…}} is a syntax error, not a template',
        text: '{\n  "key": "k", /* unclosed\n  "baseUrl": "{{localBaseUrl}}"\n}\n',
        settings: { reportSyntaxErrors: true },
        expect: [
          { covers: '/* unclosed\n  "baseUrl": "{{localBaseUrl}}"\n}\n', says: ['unexpected end of comment'] },
          { covers: '', says: ['property name expected'] },
          { covers: '', says: ['value expected'] },
          { covers: '', says: ['close brace expected'] },
        ],
      },
      {
        name: 'a Go template: not reported as syntax errors',
        text: fixture('go-define-wrapper.json'),
        settings: { reportSyntaxErrors: true },
        expect: [],
      },
      {
        name: 'an ERB template: not reported as syntax errors',
        text: fixture('erb-nested-quotes.json.erb'),
        settings: { reportSyntaxErrors: true },
        expect: [],
      },
    ]);
  });

  describe('unreadable inputs', () => {
    interface UnreadableCase {
      readonly name: string;
      readonly text: string;
      /** The descriptor-unreadable finding's range and a phrase of its message, or none. */
      readonly expect?: { readonly covers: string; readonly says: string };
      readonly settings?: Partial<AnalysisSettings>;
    }
    const TEMPLATE_SAYS = 'template (Go, ERB, Jinja…) that is not JSON until it is rendered';
    const CASES: readonly UnreadableCase[] = [
      { name: 'an empty file: nothing at all', text: '' },
      { name: 'whitespace only: nothing at all', text: ' \n\t\r\n ' },
      { name: 'a BOM only: nothing at all', text: '\uFEFF' },
      { name: 'a root array', text: '[{ "key": "k" }]\n', expect: { covers: '[{ "key": "k" }]', says: "this file's root is not" } },
      {
        name: 'a root string',
        text: '"atlassian-connect"',
        expect: { covers: '"atlassian-connect"', says: 'A Connect descriptor is a JSON object' },
      },
      { name: 'a root number', text: '42', expect: { covers: '42', says: 'is not, so it is not checked' } },
      { name: 'a Go {{define}} wrapper', text: fixture('go-define-wrapper.json'), expect: { covers: '{', says: TEMPLATE_SAYS } },
      {
        name: 'a Go {{define}} wrapper, syntax errors asked for',
        text: fixture('go-define-wrapper.json'),
        settings: { reportSyntaxErrors: true },
        expect: { covers: '{', says: TEMPLATE_SAYS },
      },
      { name: 'ERB with nested quotes', text: fixture('erb-nested-quotes.json.erb'), expect: { covers: '.', says: TEMPLATE_SAYS } },
      {
        name: 'Jinja {% if %} around a member',
        text: '{\n  "key": "k",\n  {% if debug %}"name": "dev",{% endif %}\n  "contexts": ["account"]\n}\n',
        expect: { covers: '{', says: TEMPLATE_SAYS },
      },
      {
        name: '15,000 levels of nesting',
        text: `{"a":${'['.repeat(15000)}${']'.repeat(15000)}}`,
        expect: { covers: '{', says: 'nested too deeply' },
      },
      { name: '15,000 unclosed objects', text: '{"a":'.repeat(15000), expect: { covers: '{', says: 'nested too deeply' } },
    ];
    for (const c of CASES) {
      it(c.name, () => {
        const found = findingsOf(c.text, undefined, options(c.settings));
        const unreadable = found.filter((f) => f.ruleId === 'descriptor-unreadable');
        if (!c.expect) {
          assert.deepEqual(found, []);
          return;
        }
        assert.equal(unreadable.length, 1, 'exactly one descriptor-unreadable finding');
        assert.equal(unreadable[0].severity, 'info');
        assert.equal(covered(c.text, unreadable[0]), c.expect.covers);
        assert.ok(unreadable[0].message.includes(c.expect.says), unreadable[0].message);
        assert.deepEqual(
          found.filter((f) => /-missing$/.test(f.ruleId)),
          [],
          'no missing-key finding',
        );
        assert.deepEqual(
          found.filter((f) => f.ruleId === 'json-syntax'),
          [],
          'no syntax errors reported twice',
        );
      });
    }

    it('the ERB template is still recognised as Bitbucket and its readable values are checked', () => {
      const text = fixture('erb-nested-quotes.json.erb').replace('"name": "Stars",', `"name": "Stars",\n    "forgeAppId": "${UUID}",`);
      const analysis = analyze(text);
      assert.equal(analysis.product.product, 'bitbucket');
      assert.deepEqual(analysis.findings.map((f) => f.ruleId).sort(), ['descriptor-unreadable', 'forge-app-id-invalid']);
    });

    it('a file over 10 MB: too large, answered fast', () => {
      const text = `{"key": "k", "contexts": ["account"], "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`;
      const started = Date.now();
      const found = findingsOf(text);
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.deepEqual(
        found.map((f) => [f.ruleId, f.severity, f.start, f.end]),
        [['descriptor-unreadable', 'info', 0, 1]],
      );
      assert.ok(found[0].message.includes('10.0 MB; descriptors over 10 MB are not checked'), found[0].message);
    });

    it("ranges never run past the end of the text (jsonc-parser's nodes can, after an unclosed comment)", () => {
      const text = '{\n  "key": "k",\n  "contexts": ["account"],\n  "forgeAppId": { /* unclosed }\n}\n';
      const finding = single(text, 'forge-app-id-invalid');
      assert.equal(finding.end, text.length);
      assert.equal(covered(text, finding), '{ /* unclosed }\n}\n');
    });

    it('a BOM before the object: read as usual', () => {
      const text = fixture('bom-bitbucket.json');
      assert.equal(text.charCodeAt(0), 0xfeff);
      const analysis = analyze(text);
      assert.equal(analysis.parsed.unreadable, undefined);
      assert.equal(analysis.product.product, 'bitbucket');
    });
  });
});

describe('forge-app-link-invalid with a licensed Forge app', () => {
  const descriptor = (link: string) => `{\n  "key": "my-app",\n  "contexts": ["account"],\n  "forgeAppLink": ${JSON.stringify(link)}\n}`;
  const licensed = {
    searched: true,
    reason: 'it is the nearest manifest.yml',
    matches: [
      {
        label: 'forge/manifest.yml',
        location: 'file:///w/forge/manifest.yml',
        appId: 'ari:cloud:ecosystem::app/70df33c7-2f7f-4148-b923-bf8c15d7e874',
        appIdUuid: '70df33c7-2f7f-4148-b923-bf8c15d7e874',
        licensingEnabled: true,
      },
    ],
  };
  const invalid = (text: string, manifests?: typeof licensed) =>
    analyze(text, { manifests }).findings.filter((f) => f.ruleId === 'forge-app-link-invalid');

  it("accepts a Marketplace link, which is where a licensed app's link comes from", () => {
    assert.deepEqual(invalid(descriptor('https://marketplace.atlassian.com/apps/1234/my-app'), licensed), []);
  });

  it('still reports a Marketplace link when the app is not licensed, and http on a licensed one', () => {
    assert.ok(invalid(descriptor('https://marketplace.atlassian.com/apps/1234/my-app')).some((f) => /developer console/.test(f.message)));
    assert.ok(invalid(descriptor('http://marketplace.atlassian.com/apps/1234/my-app'), licensed).some((f) => /https/.test(f.message)));
  });
});
