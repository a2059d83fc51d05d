/**
 * A handler that throws does not take the connection down; the next request is answered.
 *
 * In the core, a rule that throws is simulated with a test-only rule passed through
 * `AnalysisOptions.rules` (the analysis's own seam: production code has no test hook). In the
 * server, handlers are made to fail for real, the way a buggy or hostile client makes them fail:
 * requests whose parameters break the handler (a diagnostic without a range, a hover without a
 * position) and a didOpen whose text is not a string. No environment variable or test-only code
 * path is needed for any of it.
 */
import * as assert from 'node:assert/strict';
import { CodeActionRequest, DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { RULES, Rule, analyze, fixAll } from '../../server/src/core';
import { LspClient, assertStillServing, oneWithCode } from '../support/lspClient';
import { LINK, bitbucketDescriptor, memoryUri } from '../support/lspFixtures';

const THROWING_RULE: Rule = {
  id: 'test-throws',
  defaultSeverity: 'error',
  checks: {
    descriptor() {
      throw new Error('boom from a test rule');
    },
  },
};

describe('robustness: a handler that throws', function () {
  this.timeout(30_000);

  describe('in the core', () => {
    const text = bitbucketDescriptor([`"forgeAppLink": "${LINK.replace('&', '&amp;')}",`]);

    it("reports the failing rule and still returns every other rule's findings", () => {
      const analysis = analyze(text, { rules: [THROWING_RULE, ...RULES] });
      assert.deepEqual(analysis.failures, [{ ruleId: 'test-throws', error: 'boom from a test rule' }]);
      assert.deepEqual(
        analysis.findings.map((f) => f.ruleId),
        analyze(text).findings.map((f) => f.ruleId),
      );
      assert.ok(analysis.findings.some((f) => f.ruleId === 'forge-app-link-invalid'));
    });

    it("fix-all still applies the other rules' fixes", () => {
      const fixed = fixAll(text, { rules: [...RULES, THROWING_RULE] });
      assert.equal(fixed.text, fixAll(text).text);
      assert.ok(fixed.text.includes(LINK));
    });
  });

  describe('in the server', () => {
    let client: LspClient;
    const healthy = memoryUri('handler/healthy/atlassian-connect.json');

    before(async () => {
      client = await LspClient.start();
      await client.openAndWait(healthy, bitbucketDescriptor([`"forgeAppLink": "${LINK.replace('&', '&amp;')}",`]));
    });

    after(async () => {
      await client?.dispose();
    });

    function errorsLogged(pattern: RegExp): boolean {
      return client.logs.some((log) => log.type === 1 && pattern.test(log.message));
    }

    it('answers a code action request whose diagnostic has no range with an empty list, logs why, and answers the next request', async () => {
      const request = client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: healthy },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        // A diagnostic of ours without data or range: the handler reads its range and throws.
        context: { diagnostics: [{ source: 'connect-forge-link', code: 'forge-app-link-invalid', message: 'x' } as never] },
      });
      assert.deepEqual(await request, []);
      await client.until(() => errorsLogged(/^code actions failed: TypeError/), 'the failure is logged');
      await assertStillServing(client, healthy);
      // And the same request, well formed, gets its fix.
      const published = await client.diagnostics(healthy, { version: 1 });
      const diagnostic = oneWithCode(published.diagnostics, 'forge-app-link-invalid');
      const actions = await client.codeActions(healthy, diagnostic.range, [diagnostic]);
      assert.ok(actions && actions.length > 0, 'the fix is offered');
    });

    it('answers a hover request without a position with null, logs why, and answers the next request', async () => {
      const answer = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: healthy }, position: null as never });
      assert.equal(answer, null);
      await client.until(() => errorsLogged(/^hover failed: TypeError/), 'the failure is logged');
      await assertStillServing(client, healthy);
    });

    it('survives a didOpen whose text is not a string (the check fails, the connection does not)', async () => {
      const uri = memoryUri('handler/not-text/atlassian-connect.json');
      const before = client.logs.length;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'json', version: 1, text: null as never },
      });
      await client.until(() => client.logs.slice(before).some((log) => log.type === 1), 'the failure is logged');
      await assertStillServing(client, healthy);
      // A well-formed document opened afterwards is checked as usual.
      const next = memoryUri('handler/after/atlassian-connect.json');
      const { diagnostics } = await client.openAndWait(next, bitbucketDescriptor());
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['forge-app-link-missing'],
      );
    });
  });
});
