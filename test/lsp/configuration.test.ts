/** Settings pulled with workspace/configuration, pushed changes, and initializationOptions.settings. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, MessageType } from 'vscode-languageserver-protocol/node';
import { LspClient, coveredText, has, lacks, messageOf, oneWithCode, withCode } from '../support/lspClient';
import { LINK, bitbucketDescriptor, memoryUri } from '../support/lspFixtures';

const BROKEN = '{\n  "key": "my-app"\n  "name": "My app",\n  "contexts": ["account"]\n}\n';

describe('LSP: configuration pulled from the client', () => {
  let client: LspClient;
  const uri = memoryUri('config/pull/atlassian-connect.json');

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  it('re-checks open descriptors with the new settings after didChangeConfiguration', async () => {
    const opened = await client.openAndWait(uri, bitbucketDescriptor());
    assert.equal(oneWithCode(opened.diagnostics, 'forge-app-link-missing').severity, DiagnosticSeverity.Warning);

    const requestsBefore = client.configurationRequests.length;
    client.settings = { rules: { 'forge-app-link-missing': 'off' } };
    let since = client.mark();
    await client.changeConfiguration();
    const off = await client.diagnostics(uri, { since });
    assert.equal(off.version, 1, 'the same version, checked again');
    assert.deepEqual(off.diagnostics, []);
    assert.ok(client.configurationRequests.length > requestsBefore, 'the settings were pulled again');
    assert.ok(
      client.configurationRequests.slice(requestsBefore).every((item) => item.section === 'connectForgeLink' && item.scopeUri === uri),
    );

    client.settings = { rules: { 'forge-app-link-missing': 'error' } };
    since = client.mark();
    await client.changeConfiguration();
    const error = await client.diagnostics(uri, { since });
    assert.equal(oneWithCode(error.diagnostics, 'forge-app-link-missing').severity, DiagnosticSeverity.Error);

    client.settings = { product: 'jira' };
    since = client.mark();
    await client.changeConfiguration();
    const jira = await client.diagnostics(uri, { since });
    assert.deepEqual(jira.diagnostics, [], 'a Jira descriptor is not asked for forgeAppLink');
  });

  it('says why a key is unused when the product is forced by the setting', async () => {
    client.settings = { product: 'jira' };
    const linked = memoryUri('config/pull/linked/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(linked, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const unused = oneWithCode(diagnostics, 'forge-key-unused');
    assert.match(messageOf(unused), /The setting connectForgeLink\.product says so\./);
  });

  it('does not report JSON syntax errors by default', async () => {
    client.settings = {};
    const broken = memoryUri('config/pull/broken/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(broken, BROKEN);
    assert.deepEqual(withCode(diagnostics, 'json-syntax'), []);
  });

  it('reports them when reportSyntaxErrors is set', async () => {
    client.settings = { reportSyntaxErrors: true };
    const since = client.mark();
    await client.changeConfiguration();
    const broken = memoryUri('config/pull/broken/atlassian-connect.json');
    const { diagnostics } = await client.diagnostics(broken, { since, where: has('json-syntax') });
    const syntax = oneWithCode(diagnostics, 'json-syntax');
    assert.equal(syntax.severity, DiagnosticSeverity.Error);
    assert.match(messageOf(syntax), /comma expected/i);
    assert.equal(coveredText(client.document(broken), syntax.range), '"name"');
  });
});

describe('LSP: settings that have no effect', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: { rules: { 'forge-app-id-missng': 'off', 'forge-app-link-missing': 'warn' } } });
  });

  after(async () => {
    await client?.dispose();
  });

  const warnings = () => client.logs.filter((log) => log.type === MessageType.Warning).map((log) => log.message);

  it("logs a rule id that is no rule's once, with the id it most likely means, however often the settings are read", async () => {
    await client.openAndWait(memoryUri('config/unknown/a/atlassian-connect.json'), bitbucketDescriptor());
    await client.openAndWait(memoryUri('config/unknown/b/atlassian-connect.json'), bitbucketDescriptor());
    const since = client.mark();
    await client.changeConfiguration();
    await client.diagnostics(memoryUri('config/unknown/a/atlassian-connect.json'), { since });
    assert.ok(client.configurationRequests.length >= 3, 'the settings were read for each document and again after the change');
    const unknown = warnings().filter((message) => message.includes('"forge-app-id-missng"'));
    assert.equal(unknown.length, 1, JSON.stringify(warnings()));
    assert.match(
      unknown[0],
      /^connectForgeLink\.rules: "forge-app-id-missng" is not a rule id, so it has no effect\. Did you mean "forge-app-id-missing"\?/,
    );
  });

  it('logs a severity that is none once, and the rule keeps its own', async () => {
    const { diagnostics } = await client.openAndWait(memoryUri('config/unknown/c/atlassian-connect.json'), bitbucketDescriptor());
    assert.equal(oneWithCode(diagnostics, 'forge-app-link-missing').severity, DiagnosticSeverity.Warning);
    assert.deepEqual(
      warnings().filter((message) => message.includes('"warn"')),
      [
        'connectForgeLink.rules: "warn" for "forge-app-link-missing" is not a severity (off, hint, info, warning, error), so the rule keeps its own.',
      ],
    );
  });
});

describe('LSP: a client without workspace/configuration', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({
      configuration: false,
      initializationOptions: { settings: { reportSyntaxErrors: true, rules: { 'forge-app-link-missing': 'error' } } },
    });
  });

  after(async () => {
    await client?.dispose();
  });

  it('honours the settings from initializationOptions', async () => {
    const uri = memoryUri('config/init/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, bitbucketDescriptor());
    assert.equal(oneWithCode(diagnostics, 'forge-app-link-missing').severity, DiagnosticSeverity.Error);
    assert.deepEqual(client.configurationRequests, [], 'never asked for workspace/configuration');
    assert.ok(!client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('reports json-syntax errors for broken JSON when reportSyntaxErrors is set there', async () => {
    const uri = memoryUri('config/init/broken/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, BROKEN);
    const syntax = oneWithCode(diagnostics, 'json-syntax');
    assert.equal(syntax.severity, DiagnosticSeverity.Error);
    assert.equal(syntax.source, 'connect-forge-link');
    assert.match(messageOf(syntax), /JSON syntax error/);
    assert.equal(coveredText(client.document(uri), syntax.range), '"name"');
  });

  it('takes settings pushed with didChangeConfiguration, keeping the others', async () => {
    const uri = memoryUri('config/init/atlassian-connect.json');
    const since = client.mark();
    await client.changeConfiguration({ connectForgeLink: { rules: { 'forge-app-link-missing': 'off' } } });
    const { diagnostics } = await client.diagnostics(uri, { since, where: lacks('forge-app-link-missing') });
    assert.deepEqual(diagnostics, []);
    const broken = memoryUri('config/init/broken/atlassian-connect.json');
    const republished = await client.diagnostics(broken, { since });
    assert.equal(withCode(republished.diagnostics, 'json-syntax').length, 1, 'reportSyntaxErrors is still on');
  });
});
