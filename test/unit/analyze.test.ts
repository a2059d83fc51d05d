/** The analysis itself, beyond any one rule: what it keeps for the server and the rules. */
import * as assert from 'node:assert/strict';
import { NearMiss, NestedKey, Rule, analyze } from '../../server/src/core';
import { LINK, UUID, bitbucket, options } from '../support/core';

describe('analysis', () => {
  describe('what an analysis keeps', () => {
    it('the two keys Bitbucket reads and their checks, for hover, completion and code actions', () => {
      const consoleHosts = ['developer.example.com'];
      const link = LINK.replace('developer.atlassian.com', 'developer.example.com');
      const analysis = analyze(bitbucket(`"forgeAppLink": "${link}",\n"forgeAppId": "${UUID}",`), options({ consoleHosts }));
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
        description: 'asks for the stray keys twice',
        fix: '',
        check(context) {
          seen.push({ nested: context.nestedForgeKeys(), misses: context.nearMisses() });
          seen.push({ nested: context.nestedForgeKeys(), misses: context.nearMisses() });
          return [];
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
