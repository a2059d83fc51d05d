/** The settings' vocabulary is written once (core/settings.ts): package.json and the server agree with it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, DEFAULT_TIMEOUT_MS, PRODUCT_SETTINGS, SEVERITY_SETTINGS, toSeveritySetting } from '../../server/src/core';
import { DEFAULT_SERVER_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

interface Property {
  readonly enum?: readonly string[];
  readonly default?: unknown;
  readonly additionalProperties?: { readonly enum?: readonly string[] };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;

describe('settings vocabulary', () => {
  it("package.json's product enum and default are the core's", () => {
    assert.deepEqual(properties['connectForgeLink.product'].enum, PRODUCT_SETTINGS);
    assert.equal(properties['connectForgeLink.product'].default, DEFAULT_SETTINGS.product);
  });

  it("package.json's rule severities are the core's", () => {
    assert.deepEqual(properties['connectForgeLink.rules'].additionalProperties?.enum, SEVERITY_SETTINGS);
  });

  it('the other defaults in package.json are the server defaults', () => {
    assert.deepEqual(properties['connectForgeLink.descriptorGlobs'].default, DEFAULT_SERVER_SETTINGS.descriptorGlobs);
    assert.deepEqual(properties['connectForgeLink.consoleHosts'].default, DEFAULT_SERVER_SETTINGS.consoleHosts);
    assert.equal(properties['connectForgeLink.reportSyntaxErrors'].default, DEFAULT_SERVER_SETTINGS.reportSyntaxErrors);
    assert.equal(properties['connectForgeLink.workspaceDiagnostics'].default, DEFAULT_SERVER_SETTINGS.workspaceDiagnostics);
    assert.equal(
      properties['connectForgeLink.servedTimeout'].default,
      DEFAULT_TIMEOUT_MS / 1000,
      "the served check's timeout, as the CLI's",
    );
  });

  it('reads "information" as info, and nothing else that is not a severity', () => {
    assert.equal(toSeveritySetting('information'), 'info');
    for (const severity of SEVERITY_SETTINGS) assert.equal(toSeveritySetting(severity), severity);
    for (const wrong of ['Info', 'warn', '', 1, null, undefined]) assert.equal(toSeveritySetting(wrong), undefined);
  });

  it('normalizeSettings keeps what is valid and drops what is not', () => {
    const settings = normalizeSettings({ product: 'jira', rules: { a: 'information', b: 'loud', c: 'off' }, consoleHosts: ['x', 3] });
    assert.equal(settings.product, 'jira');
    assert.deepEqual(settings.rules, { a: 'info', c: 'off' });
    assert.deepEqual(settings.consoleHosts, ['x']);
    assert.equal(normalizeSettings({ product: 'bamboo' }).product, DEFAULT_SERVER_SETTINGS.product);
  });
});
