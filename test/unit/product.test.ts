import * as assert from 'node:assert/strict';
import { Product, ProductSetting, detectProduct, parseDescriptor } from '../../server/src/core';
import { corpusFiles, corpusText, requireCorpus } from '../support/corpus';

/**
 * The product of every corpus descriptor, decided by reading each file (INDEX.tsv's guess in
 * brackets where we differ from it). `jira-or-confluence` is right where the content names both
 * products or neither: the Forge keys are ignored either way.
 */
const CORPUS_PRODUCTS: Readonly<Record<string, Product>> = {
  '409454933__webRTC-H5__atlassian-connect.json': 'jira', // generalPages at system.top.navigation.bar; read/write scopes
  'AUAaAas12__behave-github__atlassian-connect.json': 'jira', // jiraIssueTabPanels, jiraDashboardItems, webSections
  'Aradhana628__Confluence_ServiceNow__atlassian-connect.json': 'confluence', // page_updated webhook only
  'Avkar-Yazilim__atlassian-connect-express-template__atlassian-connect.json': 'bitbucket', // contexts, repoPages, org.bitbucket.*
  'Binary-Eater__hipchat-stackoverflow-bot__atlassian-connect.json': 'hipchat', // capabilities
  'GorillaStack__serverless-hipchat-connect__atlassian-connect.json': 'hipchat', // capabilities, hipchat.* locations
  'JBarna__slack-saver__atlassian-connect.json': 'jira-or-confluence', // [jira] the ACE template: one page for Jira, one for Confluence
  'Jexoio__ace-boilerplate__api__atlassian-connect.json': 'jira', // jira:issue_updated, apiVersion
  'Joeento__fightfour-hipchat__atlassian-connect.json': 'hipchat',
  'KumarVariable__bb-descriptor__static__atlassian-connect.json': 'bitbucket', // contexts, pullrequest:* webhooks
  'Mermaid-Chart__confluence-mermaid-chart-plugin-v2__atlassian-connect.json': 'confluence', // dynamicContentMacros
  'Mermaid-Chart__jira-plugin__atlassian-connect.json': 'jira', // jiraIssueContents
  'Perxcel__confluence-tools__src__main__resources__atlassian-connect.json': 'jira-or-confluence', // [unknown] no modules, but read/write are Jira/Confluence scopes
  'Sanofi-IADC__konviw-slides__atlassian-connect.template.json': 'confluence', // staticContentMacros
  'Seitenbau__schaetzle__src__main__resources__atlassian-connect.json': 'jira-or-confluence', // [jira] pages at a Jira and a Confluence location
  'atlassian-labs__connect-security-req-tester__examples__connect-inspector-descriptor.json': 'jira-or-confluence', // [jira] Jira and Confluence webhooks side by side
  'atlassian__github-for-jira__static__atlassian-connect.json': 'jira-or-confluence', // [jira] apiVersion + READ/WRITE/ADMIN only: the content cannot tell
  'bitovi__jira-timeline-report__public__atlassian-connect.json': 'jira', // jiraProjectPages
  'c9__open-bitbucket-in-cloud9__connect.json': 'bitbucket', // old style: oauthConsumer, webItem, contexts
  'dpalmerCB__devoptics-connect__src__main__resources__atlassian-connect.json': 'jira-or-confluence', // [jira] READ + ACT_AS_USER only
  'fluendo__django-atlassian__templates__atlassian-connect.json': 'jira', // jiraIssueFields…
  'jfrog__bitbucket-bintray-plugin__atlassian-connect.json': 'bitbucket', // repoPage, oauthConsumer
  'kybosha__hiphop__templates__atlassian-connect.json': 'hipchat', // capabilities.hipchatApiConsumer only
  'pawelniewie__bitbucket-rails-add-on__part-2__app__views__bitbucket__descriptor.json.erb': 'bitbucket', // ERB breaks the JSON, but contexts + scopes are read
  'pawelniewie__stars-for-bitbucket__app__views__bitbucket__descriptor.json.erb': 'bitbucket',
  'praneetb__triggers__templates__atlassian-connect.json': 'jira', // jira:issue_* webhooks
  // Wrapped in Go's {{define "config"}}…{{end}}: read with the wrapper's tags set aside.
  'rberrelleza__autoarchive__static__atlassian-connect.json': 'hipchat',
  'rostilos__CodeCrow__bitbucket-app__atlassian-connect.json': 'bitbucket', // contexts, pullrequest:write scopes
  'shubham-chegg__django-atlassian__static__atlassian-connect.json': 'jira', // apiVersion, system.top.navigation.bar
  'structurizr__atlassian-confluence-cloud__src__atlassian-connect.json': 'confluence', // dynamicContentMacros
  'tundraray__atlassian-connect-bitbucket__atlassian-connect.json': 'bitbucket', // no contexts: pullrequest scope + org.bitbucket.* location
};

function detect(text: string, setting: ProductSetting = 'auto') {
  return detectProduct(parseDescriptor(text).root, setting);
}

interface MarkerCase {
  readonly name: string;
  readonly text: string;
  readonly product: Product;
  /** A phrase of the evidence given for the decision. */
  readonly evidence?: string;
  readonly setting?: ProductSetting;
}

const modules = (body: string) => `{ "key": "k", "modules": ${body} }`;

const MARKER_CASES: readonly MarkerCase[] = [
  { name: 'contexts', text: '{ "key": "k", "contexts": ["account"] }', product: 'bitbucket', evidence: 'it declares "contexts"' },
  {
    name: 'org.bitbucket.* location',
    text: modules('{ "webPanels": [{ "key": "p", "location": "org.bitbucket.repository.overview.informationPanel", "url": "/p" }] }'),
    product: 'bitbucket',
    evidence: 'the location "org.bitbucket.repository.overview.informationPanel"',
  },
  {
    name: 'Bitbucket scopes',
    text: '{ "key": "k", "scopes": ["account", "repository:write"] }',
    product: 'bitbucket',
    evidence: 'its scopes include "repository:write"',
  },
  { name: 'repoPages module', text: modules('{ "repoPages": [] }'), product: 'bitbucket', evidence: 'it has "repoPages" modules' },
  { name: 'singular v1 module name (webItem)', text: modules('{ "webItem": {} }'), product: 'bitbucket', evidence: '"webItem" modules' },
  {
    name: 'pullrequest: webhook event',
    text: modules('{ "webhooks": [{ "event": "pullrequest:created", "url": "/hook" }] }'),
    product: 'bitbucket',
    evidence: 'it subscribes to "pullrequest:created"',
  },
  {
    name: 'Bitbucket URL context variable',
    text: modules('{ "webItems": [{ "url": "/x?repo={repository.uuid}" }] }'),
    product: 'bitbucket',
    evidence: 'Bitbucket context variables',
  },
  { name: 'apiVersion', text: '{ "key": "k", "apiVersion": 1 }', product: 'jira-or-confluence', evidence: 'it declares "apiVersion"' },
  {
    name: 'enableLicensing',
    text: '{ "key": "k", "enableLicensing": true }',
    product: 'jira-or-confluence',
    evidence: '"enableLicensing"',
  },
  { name: 'READ scope', text: '{ "key": "k", "scopes": ["READ"] }', product: 'jira-or-confluence', evidence: 'its scopes include "READ"' },
  { name: 'read scope in lower case (vocabulary, not case)', text: '{ "key": "k", "scopes": ["read"] }', product: 'jira-or-confluence' },
  { name: 'jira module', text: modules('{ "jiraIssueGlances": [] }'), product: 'jira', evidence: 'it has "jiraIssueGlances" modules' },
  {
    name: 'jira: webhook event',
    text: modules('{ "webhooks": [{ "event": "jira:issue_created", "url": "/h" }] }'),
    product: 'jira',
    evidence: '"jira:issue_created"',
  },
  { name: 'Jira location', text: modules('{ "webPanels": [{ "location": "atl.jira.view.issue.right.context" }] }'), product: 'jira' },
  {
    name: 'Confluence macro',
    text: modules('{ "dynamicContentMacros": [] }'),
    product: 'confluence',
    evidence: 'it has "dynamicContentMacros" modules',
  },
  { name: 'Confluence webhook event', text: modules('{ "webhooks": [{ "event": "page_created", "url": "/h" }] }'), product: 'confluence' },
  { name: 'Confluence context variable', text: modules('{ "generalPages": [{ "url": "/p?id={page.id}" }] }'), product: 'confluence' },
  {
    name: 'Jira and Confluence markers together',
    text: modules('{ "webhooks": [{ "event": "jira:issue_created" }, { "event": "page_created" }, { "event": "blog_created" }] }'),
    product: 'jira-or-confluence',
  },
  {
    name: 'HipChat capabilities',
    text: '{ "key": "k", "capabilities": { "hipchatApiConsumer": { "scopes": ["send_notification"] } } }',
    product: 'hipchat',
    evidence: '"capabilities" (HipChat)',
  },
  {
    name: 'HipChat "webhook" capability is not a Bitbucket scope',
    text: '{ "key": "k", "capabilities": { "webhook": [{ "event": "room_message" }] } }',
    product: 'hipchat',
  },
  {
    name: 'no markers',
    text: '{ "key": "k", "name": "n", "baseUrl": "{{localBaseUrl}}", "lifecycle": { "installed": "/i" } }',
    product: 'unknown',
  },
  { name: 'an empty object', text: '{}', product: 'unknown' },
  {
    name: 'forced bitbucket over Jira content',
    text: modules('{ "jiraIssueGlances": [] }'),
    product: 'bitbucket',
    setting: 'bitbucket',
    evidence: 'the setting connectForgeLink.product is "bitbucket"',
  },
  { name: 'forced jira over Bitbucket content', text: '{ "key": "k", "contexts": ["account"] }', product: 'jira', setting: 'jira' },
  { name: 'forced confluence', text: '{}', product: 'confluence', setting: 'confluence' },
  {
    name: 'Bitbucket wins over a stray Atlassian marker',
    text: '{ "key": "k", "contexts": ["account"], "scopes": ["repository", "READ"] }',
    product: 'bitbucket',
  },
];

describe('product detection', () => {
  describe('the corpus of real descriptors', () => {
    it('lists every file of the corpus', function () {
      requireCorpus(this, 'descriptors');
      const files = corpusFiles('descriptors');
      assert.deepEqual(files, Object.keys(CORPUS_PRODUCTS).sort(), 'every corpus file has an expectation and every expectation a file');
    });

    for (const [file, product] of Object.entries(CORPUS_PRODUCTS)) {
      it(`${file} → ${product}`, function () {
        requireCorpus(this, 'descriptors');
        const detection = detect(corpusText('descriptors', file));
        assert.equal(detection.product, product, `evidence: ${detection.evidence.join('; ')}`);
        assert.equal(detection.forced, false);
        if (product !== 'unknown') assert.ok(detection.evidence.length > 0, 'gives its evidence');
      });
    }
  });

  describe('markers', () => {
    for (const c of MARKER_CASES) {
      it(c.name, () => {
        const detection = detect(c.text, c.setting);
        assert.equal(detection.product, c.product, `evidence: ${detection.evidence.join('; ')}`);
        assert.equal(detection.forced, c.setting !== undefined && c.setting !== 'auto');
        if (c.evidence)
          assert.ok(
            detection.evidence.some((e) => e.includes(c.evidence as string)),
            `evidence ${JSON.stringify(detection.evidence)} mentions ${c.evidence}`,
          );
      });
    }

    it('an unreadable file is unknown unless forced', () => {
      assert.equal(detectProduct(undefined).product, 'unknown');
      assert.equal(detectProduct(undefined, 'bitbucket').product, 'bitbucket');
    });
  });
});
