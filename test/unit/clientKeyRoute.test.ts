/** Where a Forge app's source calls the Addon API for its Connect installation's clientKey. */
import * as assert from 'node:assert/strict';
import { clientKeyCalls, findClientKeyRoutes } from '../../server/src/core';

interface RouteCase {
  readonly name: string;
  readonly text: string;
  /** The text each route found covers, with the key it names when written out. */
  readonly found: readonly (readonly [string, string?])[];
}

const ROUTE = '/2.0/addon/{addon-key}/client-key';

const CASES: readonly RouteCase[] = [
  {
    name: "Atlassian's example, the key from a variable",
    text: 'const res = await api.asApp().requestBitbucket(route`/2.0/addon/${addonKey}/client-key`);\n',
    found: [['/2.0/addon/${addonKey}/client-key']],
  },
  {
    name: 'the key written out',
    text: 'await api.asApp().requestBitbucket(route`/2.0/addon/stars-for-bitbucket/client-key`);\n',
    found: [['/2.0/addon/stars-for-bitbucket/client-key', 'stars-for-bitbucket']],
  },
  {
    name: 'a dotted key in single quotes, and another in double quotes',
    text: 'fetchPath(\'/2.0/addon/com.example.stars/client-key\');\nconst p = "/2.0/addon/com.example.other/client-key";\n',
    found: [
      ['/2.0/addon/com.example.stars/client-key', 'com.example.stars'],
      ['/2.0/addon/com.example.other/client-key', 'com.example.other'],
    ],
  },
  { name: 'the placeholder copied from the docs', text: `route\`${ROUTE}\``, found: [[ROUTE]] },
  {
    name: 'with a query string',
    text: 'route`/2.0/addon/my-app/client-key?fields=key`',
    found: [['/2.0/addon/my-app/client-key', 'my-app']],
  },
  { name: 'in a line comment', text: `// GET ${ROUTE}\n// route\`/2.0/addon/my-app/client-key\`\n`, found: [] },
  { name: 'in a comment block', text: `/**\n * Calls route\`/2.0/addon/my-app/client-key\`\n */\n`, found: [] },
  { name: 'after code on the same line, in a comment', text: 'go(); // route`/2.0/addon/my-app/client-key`\n', found: [] },
  { name: 'not in a string (prose)', text: 'The route /2.0/addon/my-app/client-key answers 404.\n', found: [] },
  { name: 'another Addon API route', text: 'route`/2.0/addon/my-app/linkers`', found: [] },
  { name: 'no route at all', text: 'export const handler = () => 1;\n', found: [] },
];

describe('the client-key route in Forge source', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const routes = findClientKeyRoutes(c.text);
      assert.deepEqual(
        routes.map((route) => [c.text.slice(route.start, route.end), ...(route.addonKey !== undefined ? [route.addonKey] : [])]),
        c.found.map((found) => [...found]),
      );
    });
  }

  it('gives each call its line and columns (0-based, UTF-16), with CRLF counted as editors do', () => {
    const text = '// ✓ résumé\r\nconst key = "x";\r\n  await api.asApp().requestBitbucket(route`/2.0/addon/my-app/client-key`);\r\n';
    const [call] = clientKeyCalls(text, 'src/index.js', 'file:///w/src/index.js');
    assert.deepEqual(call, {
      label: 'src/index.js',
      location: 'file:///w/src/index.js',
      range: { start: { line: 2, character: 43 }, end: { line: 2, character: 71 } },
      addonKey: 'my-app',
    });
  });
});
