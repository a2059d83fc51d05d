/** Which documents are checked, what is published for them, and how diagnostics follow edits. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf, coveredText, has, oneWithCode } from '../support/lspClient';
import { ARI, LINK, UUID, bitbucketDescriptor, jiraDescriptor, memoryUri } from '../support/lspFixtures';
import { settledOn } from '../support/serverMessages';

describe('LSP: diagnostics', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  it('warns on a Bitbucket descriptor without forgeAppLink, on the name of its "key" (not the brace the cursor opens on)', async () => {
    const uri = memoryUri('bitbucket/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, bitbucketDescriptor());
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    assert.equal(missing.severity, DiagnosticSeverity.Warning);
    assert.equal(missing.source, 'connect-forge-link');
    assert.equal(missing.codeDescription?.href, 'https://github.com/connect-forge-link/connect-forge-link#rule-forge-app-link-missing');
    // The problem first, in about 80 characters (what the Problems panel and the status bar show), then the how-to.
    assert.match(messageOf(missing), /^No forgeAppLink: admins will not see "Get the Forge app"\. /);
    assert.match(messageOf(missing), /developer console/);
    assert.match(messageOf(missing), /Distribution/);
    assert.equal(coveredText(client.document(uri), missing.range), '"key"');
    assert.deepEqual(missing.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } });
    // The settings were pulled for this document, in our section.
    assert.ok(
      client.configurationRequests.some((item) => item.scopeUri === uri && item.section === 'connectForgeLink'),
      JSON.stringify(client.configurationRequests),
    );
  });

  it('checks an opened document once, not again when the editor reports the open as a change', async () => {
    const uri = memoryUri('once/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor());
    // A second check would come one debounce (150 ms) after the open: proving an absence takes waiting past it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(client.publicationsFor(uri).length, 1);
  });

  it('puts every root finding where the eye goes: the first member\'s name without "key", the object when it is empty', async () => {
    const withoutKey = memoryUri('anchor/no-key/atlassian-connect.json');
    const text = '{\n  "name": "A",\n  "contexts": ["account"]\n}\n';
    const missing = oneWithCode((await client.openAndWait(withoutKey, text)).diagnostics, 'forge-app-link-missing');
    assert.equal(coveredText(client.document(withoutKey), missing.range), '"name"');
    const empty = memoryUri('anchor/empty/atlassian-connect.json');
    const note = oneWithCode((await client.openAndWait(empty, '{\n}\n')).diagnostics, 'forge-app-link-missing');
    assert.equal(coveredText(client.document(empty), note.range), '{\n}');
  });

  it('asks nothing of a Jira descriptor', async () => {
    const uri = memoryUri('jira/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, jiraDescriptor());
    assert.deepEqual(diagnostics, []);
  });

  it('notes that only Bitbucket reads forgeAppLink on a Jira descriptor that has one', async () => {
    const uri = memoryUri('jira-with-link/atlassian-connect.json');
    const text = jiraDescriptor().replace('"key": "my-jira-app",', `"key": "my-jira-app",\n  "forgeAppLink": "${LINK}",`);
    const { diagnostics } = await client.openAndWait(uri, text);
    const unused = oneWithCode(diagnostics, 'forge-key-unused');
    assert.equal(unused.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(unused), /Only Bitbucket Cloud reads forgeAppLink/);
    assert.equal(coveredText(client.document(uri), unused.range), '"forgeAppLink"');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  });

  it('checks a JSON file with another name when its content is a descriptor, and publishes nothing for other JSON files', async () => {
    const uri = memoryUri('other/connect-app/connect.json');
    const { diagnostics } = await client.openAndWait(uri, bitbucketDescriptor());
    assert.ok(has('forge-app-link-missing')(diagnostics), JSON.stringify(diagnostics));
    const config = memoryUri('other/package.json');
    await client.open(
      config,
      '{\n  "name": "connect-app",\n  "version": "1.0.0",\n  "dependencies": { "atlassian-connect-express": "^8.0.0" }\n}\n',
    );
    await settledOn(client, config);
    assert.deepEqual(client.publicationsFor(config), []);
  });

  it('checks a descriptor template (descriptor.json.erb) read with its tags set aside', async () => {
    const uri = memoryUri('other/app/views/bitbucket/descriptor.json.erb');
    const template = bitbucketDescriptor().replace('"my-app"', '"my-app<%= "-" + Rails.env unless Rails.env.production? %>"');
    const { diagnostics } = await client.openAndWait(uri, template, 'erb');
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    assert.match(messageOf(missing), /template/);
  });

  it('decides per version: a JSON file becomes a descriptor when an edit makes its content one', async () => {
    const uri = memoryUri('other/becomes/settings.json');
    await client.open(uri, '{\n  "name": "not yet"\n}\n');
    await settledOn(client, uri);
    assert.deepEqual(client.publicationsFor(uri), []);
    const version = await client.replace(uri, 0, client.text(uri).length, bitbucketDescriptor());
    const { diagnostics } = await client.diagnostics(uri, { version });
    assert.ok(has('forge-app-link-missing')(diagnostics), JSON.stringify(diagnostics));
  });

  it('follows the latest version only through several incremental edits', async () => {
    const uri = memoryUri('edits/atlassian-connect.json');
    const first = await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    assert.deepEqual(first.diagnostics, [], 'a valid link: nothing to say');
    const since = client.mark();
    const keyEnd = client.text(uri).indexOf('"my-app",') + '"my-app",'.length;
    await client.replace(uri, keyEnd, keyEnd, '\n  "forgeAppId": "x",');
    const valueStart = client.text(uri).indexOf('"x"') + 1;
    await client.replace(uri, valueStart, valueStart + 1, UUID.toUpperCase());
    await client.replace(uri, valueStart, valueStart + UUID.length, UUID);
    const latest = client.document(uri).version;
    assert.equal(latest, 4);
    const { diagnostics } = await client.diagnostics(uri, { version: latest, since });
    const published = client
      .publicationsFor(uri)
      .filter((p) => p.sequence >= since)
      .map((p) => p.version);
    assert.deepEqual(published, [4], 'the intermediate versions are never published');
    const invalid = oneWithCode(diagnostics, 'forge-app-id-invalid');
    assert.equal(invalid.severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(invalid), /bare UUID/);
    assert.equal(coveredText(client.document(uri), invalid.range), UUID);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  });

  it('updates after a later edit fixes the value, and clears when the document is closed', async () => {
    const uri = memoryUri('edits2/atlassian-connect.json');
    const opened = await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${UUID}",`]));
    assert.ok(has('forge-app-id-invalid')(opened.diagnostics));
    const start = client.text(uri).indexOf(`"forgeAppId": "${UUID}"`) + '"forgeAppId": "'.length;
    const version = await client.replace(uri, start, start + UUID.length, ARI);
    const fixed = await client.diagnostics(uri, { version });
    assert.deepEqual(fixed.diagnostics, []);
    const since = client.mark();
    await client.close(uri);
    const closed = await client.diagnostics(uri, { since });
    assert.deepEqual(closed.diagnostics, []);
  });

  it('checks a document closed and reopened with other text at version 1 afresh', async () => {
    const uri = memoryUri('reopened/atlassian-connect.json');
    // The first open's settings arrive only after the document was closed and reopened.
    const release = client.holdConfiguration();
    const since = client.mark();
    await client.open(uri, bitbucketDescriptor());
    await client.close(uri);
    await client.open(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    await client.until(
      () => client.configurationRequests.filter((item) => item.scopeUri === uri).length >= 2,
      'both opens asked for settings',
    );
    release();
    // The reopened document's own check (valid link: nothing to say) is the last word, and its
    // analysis answers requests: a hover on the link it has.
    const document = client.document(uri);
    const hover = await client.hover(uri, document.positionAt(document.getText().indexOf('console/install')));
    assert.ok(hover && JSON.stringify(hover.contents).includes('Signed: yes'), JSON.stringify(hover));
    const reopened = await client.diagnostics(uri, { version: 1, since, where: (d) => d.length === 0 });
    const later = client.publicationsFor(uri).filter((p) => p.sequence > reopened.sequence);
    assert.deepEqual(
      later.map((p) => p.diagnostics),
      [],
      'no stale diagnostics of the closed text came after',
    );
    const stale = client.publicationsFor(uri).filter((p) => p.sequence >= since && p.diagnostics.length > 0);
    assert.deepEqual(
      stale.map((p) => p.diagnostics.map((d) => d.code)),
      [],
      'the closed text was never reported for the reopened document',
    );
  });
});

/** A Bitbucket descriptor (its contexts say so) with too little else for the content test: one only by a glob. */
const GLOB_ONLY = '{\n  "key": "my-app",\n  "name": "My app",\n  "baseUrl": "https://example.com",\n  "contexts": ["account"]\n}\n';

describe('LSP: descriptorGlobs', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: { descriptorGlobs: ['**/descriptor/*.json'] } });
  });

  after(async () => {
    await client?.dispose();
  });

  it('checks a file matching a glob from the settings, whatever its content says', async () => {
    const uri = memoryUri('globbed/descriptor/connect.json');
    const { diagnostics } = await client.openAndWait(uri, GLOB_ONLY);
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    assert.equal(missing.severity, DiagnosticSeverity.Warning);
  });

  it('still ignores files that match no glob and are not descriptors by their content', async () => {
    const uri = memoryUri('globbed/elsewhere/connect.json');
    await client.open(uri, GLOB_ONLY);
    await settledOn(client, uri);
    assert.deepEqual(client.publicationsFor(uri), []);
  });

  it('still checks atlassian-connect.json anywhere', async () => {
    const uri = memoryUri('globbed/elsewhere/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, bitbucketDescriptor());
    assert.ok(has('forge-app-link-missing')(diagnostics));
  });
});
