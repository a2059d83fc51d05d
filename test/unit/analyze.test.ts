/** The analysis itself, beyond any one rule: rules that throw, kinds of document, what it keeps. */
import * as assert from 'node:assert/strict';
import {
  APP_ARI_PREFIX,
  DEFAULT_SETTINGS,
  NearMiss,
  NestedKey,
  RULES,
  Rule,
  analyze,
  analyzeManifest,
  documentKindsOf,
} from '../../server/src/core';
import { LINK, UUID, bitbucket, idMember, linkMember, options } from '../support/core';
import { forgeManifest } from '../support/ruleTable';

const throwing = (thrown: unknown, onUnreadable = false): Rule => ({
  id: 'test-throws',
  defaultSeverity: 'error',
  onUnreadable,
  checks: {
    descriptor() {
      throw thrown;
    },
    manifest() {
      throw thrown;
    },
  },
});

describe('analysis', () => {
  describe('a rule that throws', () => {
    it('is reported in failures and the other findings are still returned', () => {
      const analysis = analyze(bitbucket(idMember(UUID)), { rules: [throwing(new Error('boom')), ...RULES] });
      assert.deepEqual(analysis.failures, [{ ruleId: 'test-throws', error: 'boom' }]);
      const ids = analysis.findings.map((f) => f.ruleId);
      assert.ok(
        ids.includes('forge-app-id-invalid') && ids.includes('forge-app-link-missing'),
        `the other rules still report: ${ids.join(', ')}`,
      );
    });

    it('a thrown non-Error is reported as text', () => {
      const analysis = analyze(bitbucket(), { rules: [throwing('plain string'), ...RULES] });
      assert.deepEqual(analysis.failures, [{ ruleId: 'test-throws', error: 'plain string' }]);
    });

    it('runs on unreadable files only when it says so', () => {
      assert.deepEqual(analyze('[]', { rules: [throwing(new Error('x'))] }).failures, []);
      assert.deepEqual(analyze('[]', { rules: [throwing(new Error('x'), true)] }).failures, [{ ruleId: 'test-throws', error: 'x' }]);
    });

    it('is skipped when its severity is off', () => {
      assert.deepEqual(
        analyze(bitbucket(), { rules: [throwing(new Error('x'))], settings: options({ rules: { 'test-throws': 'off' } }).settings })
          .failures,
        [],
      );
    });

    it('in a manifest: reported in failures, the other findings still returned, skipped when off', () => {
      const text = forgeManifest(`id: ${APP_ARI_PREFIX}${UUID.toUpperCase()}`);
      const analysis = analyzeManifest(text, { rules: [throwing(new Error('boom')), ...RULES] });
      assert.deepEqual(analysis.failures, [{ ruleId: 'test-throws', error: 'boom' }]);
      assert.deepEqual(
        analysis.findings.map((f) => f.ruleId),
        ['manifest-app-id'],
      );
      const off = { ...DEFAULT_SETTINGS, rules: { 'test-throws': 'off' as const } };
      assert.deepEqual(analyzeManifest(text, { rules: [throwing(new Error('x'))], settings: off }).failures, []);
    });
  });

  describe('kinds of document', () => {
    it('every rule reads a descriptor, a manifest, both, or a served descriptor; only manifest-file-name reads two kinds', () => {
      for (const rule of RULES) assert.ok(documentKindsOf(rule).length > 0, rule.id);
      assert.deepEqual(
        RULES.filter((rule) => documentKindsOf(rule).includes('manifest')).map((rule) => rule.id),
        ['manifest-file-name', 'manifest-app-id'],
      );
      assert.deepEqual(
        RULES.filter((rule) => documentKindsOf(rule).length === 2).map((rule) => rule.id),
        ['manifest-file-name'],
      );
      assert.deepEqual(
        RULES.filter((rule) => documentKindsOf(rule).includes('served')).map((rule) => rule.id),
        ['served-descriptor-differs', 'served-descriptor-not-json'],
      );
    });

    it('a descriptor is checked by descriptor rules only, a manifest by manifest rules only', () => {
      const fail = (): never => {
        throw new Error('checked');
      };
      const descriptorOnly: Rule = { ...throwing(undefined), checks: { descriptor: fail } };
      const manifestOnly: Rule = { ...throwing(undefined), checks: { manifest: fail } };
      assert.deepEqual(analyze(bitbucket(), { rules: [manifestOnly] }).failures, []);
      assert.deepEqual(analyzeManifest(forgeManifest(), { rules: [descriptorOnly] }).failures, []);
      assert.equal(analyze(bitbucket(), { rules: [descriptorOnly] }).failures.length, 1);
      assert.equal(analyzeManifest(forgeManifest(), { rules: [manifestOnly] }).failures.length, 1);
    });

    it('a manifest analysis keeps the manifest as read and the file name it was checked as', () => {
      const text = forgeManifest(`id: ${APP_ARI_PREFIX}${UUID}`);
      const analysis = analyzeManifest(text, { fileName: 'C:\\apps\\forge\\manifest.yml' });
      assert.equal(analysis.fileName, 'manifest.yml');
      assert.equal(analysis.manifest.status, 'ok');
      assert.equal(analysis.manifest.appId?.uuid, UUID);
      assert.deepEqual(analysis.findings, []);
      assert.equal(analyzeManifest(text).fileName, 'manifest.yml', 'manifest.yml when no name is given');
    });
  });

  describe('what an analysis keeps', () => {
    it('the two keys Bitbucket reads and their checks, for hover, completion and code actions', () => {
      const consoleHosts = ['developer.example.com'];
      const link = LINK.replace('developer.atlassian.com', 'developer.example.com');
      const analysis = analyze(bitbucket(`${linkMember(link)}\n${idMember(UUID)}`), options({ consoleHosts }));
      assert.equal(analysis.link?.valueNode?.value, link);
      assert.equal(analysis.appId?.valueNode?.value, UUID);
      assert.equal(analysis.linkCheck?.uuid, UUID);
      assert.deepEqual(analysis.linkCheck?.problems, [], 'checked with the console hosts of the settings');
      assert.equal(analysis.appIdCheck?.uuid, UUID);
      assert.deepEqual(
        analysis.appIdCheck?.problems.map((p) => p.kind),
        ['bare-uuid'],
      );
    });

    it('nothing for keys that are absent or not strings', () => {
      const analysis = analyze(bitbucket('"forgeAppId": 42,'));
      assert.equal(analysis.link, undefined);
      assert.equal(analysis.linkCheck, undefined);
      assert.equal(analysis.appId?.valueNode?.value, 42);
      assert.equal(analysis.appIdCheck, undefined);
    });

    it('facts several rules ask for are computed once per analysis, on the context', () => {
      const seen: { nested: readonly NestedKey[]; misses: readonly NearMiss[] }[] = [];
      const asking: Rule = {
        id: 'test-asks',
        defaultSeverity: 'info',
        checks: {
          descriptor(context) {
            seen.push({ nested: context.nestedForgeKeys(), misses: context.nearMisses() });
            seen.push({ nested: context.nestedForgeKeys(), misses: context.nearMisses() });
            return [];
          },
        },
      };
      const text = bitbucket('"forge_app_link": "x",').replace('"modules": {', '"modules": {\n    "forgeAppId": "y",');
      analyze(text, { rules: [asking] });
      analyze(text, { rules: [asking] });
      assert.equal(seen.length, 4);
      assert.deepEqual(
        seen[0].nested.map((n) => [n.key, n.path.join('.')]),
        [['forgeAppId', 'modules']],
      );
      assert.deepEqual(
        seen[0].misses.map((m) => [m.property.name, m.key, m.certain]),
        [['forge_app_link', 'forgeAppLink', true]],
      );
      assert.equal(seen[1].nested, seen[0].nested, 'the same result within one analysis');
      assert.equal(seen[1].misses, seen[0].misses);
      assert.notEqual(seen[2].nested, seen[0].nested, 'a new analysis finds them again');
    });
  });
});
