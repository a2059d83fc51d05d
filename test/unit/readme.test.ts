import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, TEMPLATE_ACTIVATION_STEMS, TEMPLATE_SUFFIXES, ruleDocs } from '../../server/src/core';
import { rulesTable } from '../../scripts/rulesTable';

describe('README', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('holds the rule table generated from the rules (run `npx tsx scripts/rulesTable.ts` to refresh it)', () => {
    assert.ok(readme.includes(rulesTable()), "the README's rule table is out of date");
  });

  it('gives every rule a unique id, a description and a row anchor that diagnostics link to', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)+$/);
      assert.ok(ruleDocs(rule).description.length > 20, rule.id);
      assert.ok(readme.includes(`<a id="rule-${rule.id}"></a>`), rule.id);
    }
  });

  it('names every template stem and suffix that starts the extension (package.json activates on each)', () => {
    const start = readme.indexOf('VS Code starts the extension only in a workspace');
    const paragraph = readme.slice(start, readme.indexOf('\n\n', start));
    assert.ok(start >= 0, 'the paragraph on activation');
    for (const suffix of TEMPLATE_SUFFIXES) assert.ok(paragraph.includes(`\`${suffix}\``), suffix);
    for (const stem of TEMPLATE_ACTIVATION_STEMS) assert.ok(paragraph.includes(`\`${stem}\``), stem);
    for (const name of ['atlassian-connect.json', 'connect.json']) assert.ok(paragraph.includes(`\`${name}\``), name);
  });

  it('documents every setting the extension contributes', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> }; commands: { title: string }[] };
    };
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), setting);
    for (const command of manifest.contributes.commands) assert.ok(readme.includes(command.title), command.title);
  });
});
