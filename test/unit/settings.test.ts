/** The settings' vocabulary is written once (core/settings.ts): package.json and the server agree with it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS,
  DEFAULT_TIMEOUT_MS,
  PRODUCT_SETTINGS,
  RULES,
  SEVERITY_ALIASES,
  SEVERITY_SETTINGS,
  toSeveritySetting,
  ruleDocs,
} from '../../server/src/core';
import { RULES_SETTING, rulesSetting } from '../../scripts/rulesSetting';
import { DEFAULT_SERVER_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

interface Property {
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly default?: unknown;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, Property>>;
  readonly additionalProperties?: unknown;
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

  it('package.json declares every rule id with its severities, description and default, and no other (npx tsx scripts/rulesSetting.ts --write)', () => {
    const rules = properties[RULES_SETTING];
    assert.deepEqual(properties[RULES_SETTING] as unknown, rulesSetting(), 'connectForgeLink.rules is out of date');
    assert.deepEqual(
      Object.keys(rules.properties ?? {}),
      RULES.map((rule) => rule.id),
    );
    for (const rule of RULES) {
      const declared = rules.properties?.[rule.id];
      // Every value the Settings editor accepts is one the server honours, the "information" alias included.
      assert.deepEqual(declared?.enum, [...SEVERITY_SETTINGS, ...Object.keys(SEVERITY_ALIASES)]);
      for (const value of declared?.enum ?? []) assert.ok(toSeveritySetting(value), `${rule.id}: "${value}" is honoured`);
      assert.equal(declared?.default, rule.defaultSeverity);
      assert.equal(declared?.enumDescriptions?.length, declared?.enum?.length);
      assert.ok(declared?.markdownDescription?.startsWith(ruleDocs(rule).description), rule.id);
    }
    // What makes VS Code flag an id that is not a rule's, and the Settings editor offer the ids.
    assert.equal(rules.additionalProperties, false);
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
