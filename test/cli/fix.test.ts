/** --fix and --fix-dry-run: what is written, what is kept, what is refused; and the bundled examples/. */
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ARI, JsonReport, ROOT, UUID, bytes, cli, temporaryWorkspaces } from './harness';

describe('CLI: --fix', () => {
  const workspace = temporaryWorkspaces();

  it('applies the safe fixes and keeps tabs, CRLF line endings and the BOM', async () => {
    const cwd = workspace('fixable-tabs-crlf-bom');
    const file = path.join(cwd, 'fixable-tabs-crlf-bom', 'atlassian-connect.json');
    const before = readFileSync(file, 'utf8');
    assert.ok(before.startsWith('\ufeff{\r\n\t"key"'), 'the fixture has a BOM, CRLF and tabs (check git did not convert it)');
    const run = await cli(['--fix', '.'], { cwd });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^Fixed fixable-tabs-crlf-bom\/atlassian-connect\.json \(1 fix\):\n {2}- /);
    assert.match(run.stdout, /✔ No problems in 1 descriptor\./);
    const after = readFileSync(file, 'utf8');
    assert.equal(after, before.replace('"4C7AE21B-150A-440C-9912-C85B4C492E93"', JSON.stringify(ARI)), 'only the value changed');
    assert.ok(after.startsWith('\ufeff'), 'BOM kept');
    assert.equal(after.split('\r\n').length, before.split('\r\n').length, 'CRLF kept');
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const cwd = workspace('warnings');
    const file = path.join(cwd, 'warnings', 'atlassian-connect.json');
    const first = await cli(['--fix', '.'], { cwd });
    assert.match(first.stdout, /^Fixed warnings\/atlassian-connect\.json/);
    assert.equal(first.code, 1, 'the missing install link needs a human');
    assert.match(first.stdout, /forge-app-link-missing/);
    assert.doesNotMatch(first.stdout, /forge-app-id-invalid/);
    const fixed = bytes(file);
    const modified = statSync(file).mtimeMs;
    const second = await cli(['--fix', '.'], { cwd });
    assert.match(second.stdout, /^No fixes to apply: no file was changed\.\n/);
    assert.deepEqual(bytes(file), fixed);
    assert.equal(statSync(file).mtimeMs, modified, 'not even rewritten');
  });

  it('refuses a file that does not parse and leaves its bytes alone', async () => {
    const cwd = workspace('broken-syntax');
    const file = path.join(cwd, 'broken-syntax', 'atlassian-connect.json');
    const before = bytes(file);
    const run = await cli(['--fix', '.'], { cwd });
    assert.deepEqual(bytes(file), before);
    assert.match(run.stdout, /^Not fixed broken-syntax\/atlassian-connect\.json: it does not parse as JSON, so it is not fixed\.$/m);
    assert.match(run.stdout, /No fixes to apply: no file was changed\./);
    assert.equal(run.code, 1);
  });

  it('reports what was fixed in the JSON format', async () => {
    const cwd = workspace('warnings');
    const report = JSON.parse((await cli(['--fix', '--format', 'json', '.'], { cwd })).stdout) as JsonReport;
    assert.equal(report.files[0].fix?.written, true);
    assert.equal(report.files[0].fix?.applied.length, 1);
    assert.deepEqual(
      report.files[0].findings.map((f) => f.rule),
      ['forge-app-link-missing'],
    );
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const cwd = workspace('warnings');
    const file = path.join(cwd, 'warnings', 'atlassian-connect.json');
    const before = bytes(file);
    const run = await cli(['--fix-dry-run', '.'], { cwd });
    assert.deepEqual(bytes(file), before);
    assert.ok(
      run.stdout.startsWith(
        [
          '--- a/warnings/atlassian-connect.json',
          '+++ b/warnings/atlassian-connect.json',
          '@@ -1,6 +1,6 @@',
          ' {',
          '   "key": "bare-uuid-no-link",',
          `-  "forgeAppId": "${UUID}",`,
          `+  "forgeAppId": "${ARI}",`,
          '   "name": "Bare UUID, no install link",',
          '   "baseUrl": "https://warnings.example.com",',
          '   "scopes": ["account", "repository"],',
          'Dry run: 1 file would change; nothing was written.',
          '',
        ].join('\n'),
      ),
      run.stdout,
    );
    // The findings are those of the file as it is on disk.
    assert.match(run.stdout, /forge-app-id-invalid/);
    assert.equal(run.code, 1);
    const json = JSON.parse((await cli(['--fix-dry-run', '--format', 'json', '.'], { cwd })).stdout) as JsonReport;
    assert.equal(json.files[0].fix?.written, false);
    assert.match(json.files[0].fix?.diff ?? '', /^\+ {2}"forgeAppId": "ari:cloud/m);
    assert.deepEqual(bytes(file), before);
  });

  it('--fix-dry-run shows a moved value over several lines re-indented to the root (issue 15 §2)', async () => {
    // The descriptor: a link object nested in a web item.
    const cwd = workspace('nested-multi-line');
    const run = await cli(['--fix-dry-run', '.'], { cwd });
    const diff = run.stdout.slice(0, run.stdout.indexOf('Dry run:'));
    assert.equal(
      diff,
      [
        '--- a/nested-multi-line/atlassian-connect.json',
        '+++ b/nested-multi-line/atlassian-connect.json',
        '@@ -1,12 +1,12 @@',
        ' {',
        '   "key": "my-app",',
        '+  "forgeAppLink": {',
        '+    "url": "x"',
        '+  },',
        '   "contexts": ["account"],',
        '   "modules": {',
        '     "webItems": [',
        '       {',
        '-        "forgeAppLink": {',
        '-          "url": "x"',
        '-        },',
        '         "key": "w"',
        '       }',
        '     ]',
        '',
      ].join('\n'),
    );
  });
});

describe('CLI: the bundled examples/', () => {
  const workspace = temporaryWorkspaces();

  it("prints the example's findings and exits 1; after --fix only the install link is left", async () => {
    const cwd = workspace();
    cpSync(path.join(ROOT, 'examples'), path.join(cwd, 'examples'), { recursive: true });
    const run = await cli(['examples/'], { cwd });
    assert.equal(run.code, 1);
    for (const rule of ['forge-app-link-missing', 'forge-app-id-invalid', 'forge-key-nested'])
      assert.match(run.stdout, new RegExp(`  ${rule}$`, 'm'));
    const fixed = await cli(['--fix', 'examples/'], { cwd });
    assert.match(fixed.stdout, /^Fixed examples\/connect-app\/atlassian-connect\.json/);
    const left = JSON.parse((await cli(['--format', 'json', 'examples/'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(left.files[0].manifests, ['examples/forge-app/manifest.yml']);
    assert.deepEqual(
      left.files[0].findings.map((f) => f.rule),
      ['forge-app-link-missing'],
    );
    assert.ok(
      readFileSync(path.join(cwd, 'examples', 'connect-app', 'atlassian-connect.json'), 'utf8').includes(
        `"forgeAppId": "ari:cloud:ecosystem::app/`,
      ),
    );
  });
});
