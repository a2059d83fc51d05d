import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { corpusFiles, corpusText, requireCorpus } from '../support/corpus';
import {
  describeManifestProblem,
  isForgeManifestName,
  MANIFEST_FILE_NAME,
  readManifest,
  type ManifestErrorCode,
  type ManifestStatus,
} from '../../server/src/core/manifest';

const UUID = '406d303d-0393-4ec4-ad7c-1435be94583a';
const ARI = `ari:cloud:ecosystem::app/${UUID}`;

/** A minimal manifest around an `app.id` line written as given. */
function withId(idLine: string, extra = ''): string {
  return `modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  ${idLine}\n  runtime:\n    name: nodejs22.x\n${extra}`;
}

describe('manifest: readManifest', () => {
  describe('valid app.id', () => {
    const cases: { name: string; text: string; written: string }[] = [
      { name: 'plain scalar', text: withId(`id: ${ARI}`), written: ARI },
      { name: 'double-quoted', text: withId(`id: "${ARI}"`), written: `"${ARI}"` },
      { name: 'single-quoted', text: withId(`id: '${ARI}'`), written: `'${ARI}'` },
      { name: 'end-of-line comment', text: withId(`id: ${ARI} # registered by forge`), written: ARI },
      { name: 'comments around', text: `# top\napp:\n  # the id\n  id: "${ARI}"  # eol\n# end\n`, written: `"${ARI}"` },
      { name: 'CRLF line endings', text: withId(`id: ${ARI}`).replace(/\n/g, '\r\n'), written: ARI },
      { name: 'CRLF, quoted', text: `app:\r\n  id: "${ARI}"\r\n  runtime:\r\n    name: nodejs22.x\r\n`, written: `"${ARI}"` },
      { name: 'BOM at the start', text: `\uFEFF${withId(`id: ${ARI}`)}`, written: ARI },
      { name: 'document start marker', text: `---\napp:\n  id: ${ARI}\n`, written: ARI },
      { name: 'flow mapping', text: `app: {id: '${ARI}', runtime: {name: nodejs22.x}}\n`, written: `'${ARI}'` },
      { name: 'app before modules, no final newline', text: `app:\n  id: ${ARI}`, written: ARI },
      { name: 'trailing space after a plain scalar is not part of the value', text: withId(`id: ${ARI} `), written: ARI },
      { name: 'app behind a YAML alias', text: `base: &app\n  id: ${ARI}\napp: *app\n`, written: ARI },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const info = readManifest(c.text);
        assert.equal(info.status, 'ok', JSON.stringify(info.errors));
        assert.deepEqual(info.errors, []);
        assert.ok(info.appId);
        assert.equal(info.appId.value, ARI);
        assert.equal(info.appId.raw, ARI);
        assert.equal(info.appId.uuid, UUID);
        assert.deepEqual(info.appId.problems, []);
        assert.equal(c.text.slice(info.appId.start, info.appId.end), c.written);
        assert.equal(describeManifestProblem(info), undefined);
      });
    }
  });

  describe('${VAR} interpolation (defaults only, as the Forge CLI without a shell value)', () => {
    it('resolves a whole-value variable from its declared default', () => {
      const text = withId('id: ${APP_ID}', `environment:\n  variables:\n    - key: APP_ID\n      default: "${ARI}"\n`);
      const info = readManifest(text);
      assert.equal(info.status, 'ok');
      assert.equal(info.appId?.value, ARI);
      assert.equal(info.appId?.raw, '${APP_ID}');
      assert.equal(info.appId?.uuid, UUID);
      assert.deepEqual(info.appId?.variables, [{ name: 'APP_ID', declared: true, value: ARI }]);
      assert.equal(text.slice(info.appId.start, info.appId.end), '${APP_ID}');
      assert.deepEqual(
        info.environmentVariables.map((v) => [v.name, v.default]),
        [['APP_ID', ARI]],
      );
    });

    it('resolves a partial `ari:cloud:ecosystem::app/${ID}`', () => {
      const text = `app:\n  id: ari:cloud:ecosystem::app/\${FORGE_APP_ID}\nenvironment:\n  variables:\n    - key: FORGE_APP_ID\n      default: ${UUID}\n    - OTHER\n`;
      const info = readManifest(text);
      assert.equal(info.status, 'ok');
      assert.equal(info.appId?.value, ARI);
      assert.equal(info.appId?.raw, 'ari:cloud:ecosystem::app/${FORGE_APP_ID}');
      assert.deepEqual(info.appId?.unresolved, []);
      assert.deepEqual(
        info.environmentVariables.map((v) => v.name),
        ['FORGE_APP_ID', 'OTHER'],
      );
    });

    it('leaves an undeclared variable literal: unresolved, and says it is not declared', () => {
      const info = readManifest(withId('id: ${JIRA_APP_ID}'));
      assert.equal(info.status, 'unresolved');
      assert.equal(info.appId?.value, '${JIRA_APP_ID}');
      assert.equal(info.appId?.uuid, undefined);
      assert.deepEqual(info.appId?.unresolved, ['JIRA_APP_ID']);
      assert.deepEqual(info.appId?.variables, [{ name: 'JIRA_APP_ID', declared: false }]);
      assert.equal(info.errors[0].code, 'app-id-unresolved');
      assert.match(info.errors[0].message, /\$\{JIRA_APP_ID\}/);
      assert.match(info.errors[0].message, /does not declare/);
      assert.match(describeManifestProblem(info) ?? '', /JIRA_APP_ID/);
    });

    it('undeclared even when another variable is declared', () => {
      const text = withId('id: ari:cloud:ecosystem::app/${ID}', 'environment:\n  variables:\n    - key: OTHER\n      default: x\n');
      const info = readManifest(text);
      assert.equal(info.status, 'unresolved');
      assert.equal(info.appId?.value, 'ari:cloud:ecosystem::app/${ID}');
      assert.match(info.errors[0].message, /\$\{ID\}.*does not declare/);
    });

    const noDefault: { name: string; declaration: string }[] = [
      { name: 'declared as a bare name', declaration: '    - APP_ID\n' },
      { name: 'declared as {key} without default', declaration: '    - key: APP_ID\n' },
      { name: 'declared with a null default', declaration: '    - key: APP_ID\n      default:\n' },
    ];
    for (const c of noDefault) {
      it(`a variable ${c.name} stays unresolved, never a placeholder ARI`, () => {
        const info = readManifest(withId('id: "ari:cloud:ecosystem::app/${APP_ID}"', `environment:\n  variables:\n${c.declaration}`));
        assert.equal(info.status, 'unresolved');
        assert.equal(info.appId?.uuid, undefined);
        assert.deepEqual(info.appId?.variables, [{ name: 'APP_ID', declared: true }]);
        assert.equal(info.errors.length, 1);
        assert.equal(info.errors[0].code, 'app-id-unresolved');
        assert.match(info.errors[0].message, /\$\{APP_ID\}, which has no default in environment\.variables\. /);
        assert.match(info.errors[0].message, /cannot be checked/);
      });
    }

    it('a number default is spliced in as its text', () => {
      const info = readManifest(
        'app:\n  id: x\n  connect:\n    key: app-${N}\nenvironment:\n  variables:\n    - key: N\n      default: 42\n',
      );
      assert.equal(info.connectKey?.value, 'app-42');
    });

    it('does not substitute recursively: a default containing ${…} stays unresolved', () => {
      const info = readManifest(withId('id: ${A}', 'environment:\n  variables:\n    - key: A\n      default: ${B}\n'));
      assert.equal(info.appId?.value, '${B}');
      assert.notEqual(info.status, 'ok');
    });
  });

  describe('app.connect.key and app.licensing', () => {
    it('reads app.connect.key with its range', () => {
      const text = withId(`id: ${ARI}\n  connect:\n    key: "bitovi.status-report"\n    remote: connect`);
      const info = readManifest(text);
      assert.equal(info.status, 'ok');
      assert.equal(info.connectKey?.value, 'bitovi.status-report');
      assert.equal(text.slice(info.connectKey.start, info.connectKey.end), '"bitovi.status-report"');
    });

    it('interpolates app.connect.key like any string', () => {
      const text = withId(
        `id: ${ARI}\n  connect:\n    key: \${CONNECT_KEY}`,
        'environment:\n  variables:\n    - key: CONNECT_KEY\n      default: com.example.app\n',
      );
      const info = readManifest(text);
      assert.equal(info.connectKey?.value, 'com.example.app');
      assert.equal(info.connectKey?.raw, '${CONNECT_KEY}');
    });

    it('has no connectKey when app.connect is absent or not a string', () => {
      assert.equal(readManifest(withId(`id: ${ARI}`)).connectKey, undefined);
      assert.equal(readManifest(withId(`id: ${ARI}\n  connect:\n    key: [a]`)).connectKey, undefined);
    });

    const licensing: { text: string; enabled: boolean | undefined }[] = [
      { text: withId(`id: ${ARI}\n  licensing:\n    enabled: true`), enabled: true },
      { text: withId(`id: ${ARI}\n  licensing:\n    enabled: false`), enabled: false },
      { text: withId(`id: ${ARI}\n  licensing:\n    enabled: "true"`), enabled: undefined },
      { text: withId(`id: ${ARI}`), enabled: undefined },
    ];
    licensing.forEach((c, i) => {
      it(`licensing case ${i + 1}: enabled = ${String(c.enabled)}`, () => {
        const info = readManifest(c.text);
        assert.equal(info.licensingEnabled, c.enabled);
        if (c.text.includes('licensing:')) {
          assert.ok(info.licensingRange);
          assert.equal(c.text.slice(info.licensingRange.start, info.licensingRange.end), 'licensing');
        } else {
          assert.equal(info.licensingRange, undefined);
        }
      });
    });
  });

  describe('modules as a product hint', () => {
    it('detects bitbucket:* modules and lists products in order', () => {
      const text = `modules:\n  function:\n    - key: f\n  bitbucket:mergeCheck:\n    - key: m\n  jira:issuePanel:\n    - key: p\n  bitbucket:repoSettingsMenuPage:\n    - key: s\n  jiraServiceManagement:portalSubheader:\n    - key: j\napp:\n  id: ${ARI}\n`;
      const info = readManifest(text);
      assert.deepEqual(info.modules.types, [
        'function',
        'bitbucket:mergeCheck',
        'jira:issuePanel',
        'bitbucket:repoSettingsMenuPage',
        'jiraServiceManagement:portalSubheader',
      ]);
      assert.deepEqual(info.modules.products, ['bitbucket', 'jira', 'jiraServiceManagement']);
      assert.equal(info.modules.bitbucket, true);
    });

    it('is not fooled by Bitbucket remotes and providers without a bitbucket:* module', () => {
      const text = `modules:\n  macro:\n    - key: viewer\n  function:\n    - key: resolver\napp:\n  id: ${ARI}\nremotes:\n  - key: bitbucket\n    baseUrl: https://bitbucket.org\n`;
      const info = readManifest(text);
      assert.deepEqual(info.modules.products, []);
      assert.equal(info.modules.bitbucket, false);
    });

    it('reports modules even when app.id is missing', () => {
      const info = readManifest('modules:\n  confluence:globalPage:\n    - key: g\n');
      assert.equal(info.status, 'no-app-id');
      assert.deepEqual(info.modules.products, ['confluence']);
    });
  });

  describe('nesting far beyond any manifest', () => {
    const cases: [string, string][] = [
      ['a compact sequence 100,000 levels deep', `${'- '.repeat(100000)}x\n`],
      ['flow brackets 100,000 levels deep', `app:\n  id: ${'['.repeat(100000)}\n`],
      [
        'block mappings 600 levels deep',
        `app:\n  id: x\n${Array.from({ length: 600 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n')}\n`,
      ],
    ];
    for (const [name, text] of cases) {
      it(`says ${name} is nested too deeply, without parsing it`, () => {
        const info = readManifest(text);
        assert.equal(info.status, 'unreadable');
        assert.equal(info.errors[0].code, 'too-deep');
        assert.match(info.errors[0].message, /nested too deeply to be a Forge manifest, so it was not read \(line \d+, column \d+\)/);
      });
    }

    it('reads a manifest with brackets inside quoted strings and comments as usual', () => {
      const info = readManifest(
        'app:\n  id: "ari:cloud:ecosystem::app/70df33c7-2f7f-4148-b923-bf8c15d7e874" # [[[ {{{\n  description: "[x] {y}"\n',
      );
      assert.equal(info.status, 'ok');
    });
  });

  describe('bad input', () => {
    const cases: {
      name: string;
      text: string;
      status: ManifestStatus;
      code: ManifestErrorCode;
      message: RegExp;
      line?: number;
      column?: number;
      at?: string;
    }[] = [
      {
        name: 'unterminated quote',
        text: 'app:\n  id: "ari:cloud\n',
        status: 'unreadable',
        code: 'yaml-syntax',
        message: /^manifest\.yml is not valid YAML \(line 3, column 1\)\. Missing closing "quote\.$/,
        line: 3,
        column: 1,
      },
      {
        name: 'tab indentation',
        text: 'app:\n\tid: x\n',
        status: 'unreadable',
        code: 'yaml-syntax',
        message: /line 2, column 1\)\. Tabs are not allowed as indentation/,
        line: 2,
        column: 1,
      },
      {
        name: 'duplicate key (the CLI refuses it too)',
        text: `app:\n  id: ${ARI}\n  id: ${ARI}\n`,
        status: 'unreadable',
        code: 'yaml-syntax',
        message: /line 3, column 3\)\. Map keys must be unique/,
        line: 3,
        column: 3,
      },
      {
        name: 'CRLF syntax error keeps the line count right',
        text: 'a: 1\r\nb: 2\r\napp:\r\n  id: [x\r\n',
        status: 'unreadable',
        code: 'yaml-syntax',
        message: /^manifest\.yml is not valid YAML \(line 5,/,
      },
      {
        name: 'two YAML documents',
        text: `app:\n  id: ${ARI}\n---\napp:\n  id: ${ARI}\n`,
        status: 'unreadable',
        code: 'multiple-documents',
        message: /more than one YAML document, which the Forge CLI refuses\. Another starts at line 3/,
        line: 3,
        column: 1,
      },
      {
        name: 'no app section',
        text: 'modules:\n  function:\n    - key: f\n',
        status: 'no-app-id',
        code: 'no-app',
        message: /has no app section.*Run forge register/,
      },
      {
        name: 'app is a string',
        text: 'app: my-app\n',
        status: 'no-app-id',
        code: 'no-app',
        message: /app key that is not a mapping/,
        at: 'my-app',
      },
      { name: 'app is empty', text: 'app:\nmodules: {}\n', status: 'no-app-id', code: 'no-app', message: /not a mapping.*forge register/ },
      {
        name: 'no app.id',
        text: 'app:\n  runtime:\n    name: nodejs22.x\n',
        status: 'no-app-id',
        code: 'no-app-id',
        message: /^manifest\.yml has no app\.id\. Run forge register/,
        at: 'app',
      },
      {
        name: 'empty app.id',
        text: 'app:\n  id:\n  runtime: {}\n',
        status: 'no-app-id',
        code: 'no-app-id',
        message: /app\.id in manifest\.yml is empty\. Run forge register/,
      },
      { name: 'empty quoted app.id', text: 'app:\n  id: ""\n', status: 'no-app-id', code: 'no-app-id', message: /is empty/, at: '""' },
      {
        name: 'app.id is a number',
        text: 'app:\n  id: 12345\n',
        status: 'invalid-app-id',
        code: 'app-id-not-string',
        message: /app\.id in manifest\.yml is not a string/,
        at: '12345',
      },
      {
        name: 'app.id is a list',
        text: 'app:\n  id: [a, b]\n',
        status: 'invalid-app-id',
        code: 'app-id-not-string',
        message: /not a string/,
        at: '[a, b]',
      },
      {
        name: 'app.id is a made-up placeholder',
        text: 'app:\n  id: REPLACE_WITH_FORGE_APP_ID\n',
        status: 'invalid-app-id',
        code: 'app-id-invalid',
        message: /is "REPLACE_WITH_FORGE_APP_ID", not an app ARI/,
        at: 'REPLACE_WITH_FORGE_APP_ID',
      },
      {
        name: 'app.id is a {{template}}',
        text: 'app:\n  id: "{{APP_ID}}"\n',
        status: 'invalid-app-id',
        code: 'app-id-invalid',
        message: /template placeholder.*fills in only \$\{NAME\} variables/,
        at: '"{{APP_ID}}"',
      },
      {
        name: 'app.id is the nil UUID',
        text: 'app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n',
        status: 'invalid-app-id',
        code: 'app-id-invalid',
        message: /all-zero placeholder/,
      },
      {
        name: 'app.id with a bad UUID',
        text: 'app:\n  id: ari:cloud:ecosystem::app/not-a-uuid\n',
        status: 'invalid-app-id',
        code: 'app-id-invalid',
        message: /does not end in a valid Forge app UUID/,
        at: 'not-a-uuid',
      },
      { name: 'empty file', text: '', status: 'unreadable', code: 'empty', message: /^manifest\.yml is empty/ },
      { name: 'blank lines only', text: '\n  \r\n\n', status: 'unreadable', code: 'empty', message: /is empty/ },
      { name: 'comments only', text: '# app:\n#   id: x\n', status: 'unreadable', code: 'empty', message: /is empty/ },
      { name: 'document marker only', text: '---\n', status: 'unreadable', code: 'empty', message: /is empty/ },
      { name: 'BOM only', text: '\uFEFF', status: 'unreadable', code: 'empty', message: /is empty/ },
      {
        name: 'scalar root',
        text: 'just some text\n',
        status: 'unreadable',
        code: 'not-a-mapping',
        message: /is a single value, not a mapping with an app section/,
        at: 'just some text',
      },
      { name: 'null root', text: 'null\n', status: 'unreadable', code: 'not-a-mapping', message: /single value/ },
      {
        name: 'sequence root',
        text: '- app:\n    id: x\n',
        status: 'unreadable',
        code: 'not-a-mapping',
        message: /is a list, not a mapping/,
      },
      {
        name: 'not UTF-8 (U+FFFD from decoding)',
        text: `app:\n  id: ${ARI}\n  description: caf\uFFFD\n`,
        status: 'unreadable',
        code: 'not-utf8',
        message: /not valid UTF-8 \(line 3, column 19\)/,
        line: 3,
        column: 19,
        at: '\uFFFD',
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const info = readManifest(c.text);
        assert.equal(info.status, c.status, JSON.stringify(info.errors));
        const first = info.errors[0];
        assert.ok(first, 'an error explains the status');
        assert.equal(first.code, c.code);
        assert.match(first.message, c.message);
        assert.ok(!first.message.includes('\n'), 'messages are one line');
        assert.equal(describeManifestProblem(info), first.message);
        if (c.line !== undefined) assert.equal(first.line, c.line);
        if (c.column !== undefined) assert.equal(first.column, c.column);
        if (c.at !== undefined) assert.equal(c.text.slice(first.start, first.end), c.at);
        assert.ok(first.start >= 0 && first.start <= first.end && first.end <= c.text.length);
        if (c.status === 'unreadable') assert.equal(info.appId, undefined);
      });
    }

    it('finishes an alias bomb quickly and reports it', function () {
      this.timeout(2000);
      let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      let previous = 'a';
      for (let i = 0; i < 15; i++) {
        const name = `b${i}`;
        text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
        previous = name;
      }
      text += `app:\n  id: ${ARI}\n`;
      const info = readManifest(text);
      assert.equal(info.status, 'unreadable');
      assert.equal(info.errors[0].code, 'alias-limit');
      assert.match(info.errors[0].message, /expands YAML aliases too many times, which the Forge CLI refuses\..*\(limit 100\)/);
      assert.equal(text.slice(info.errors[0].start, info.errors[0].end), '*a');
    });

    it('rejects a 2 MB text without parsing it', () => {
      // Also broken YAML: a parse would add a syntax error.
      const text = `app: [\n${'x'.repeat(2 * 1024 * 1024)}`;
      const info = readManifest(text);
      assert.equal(info.status, 'unreadable');
      assert.deepEqual(
        info.errors.map((e) => e.code),
        ['too-large'],
      );
      assert.match(info.errors[0].message, /too large to be a Forge manifest, so it was not read\. It has more than 1048576 bytes/);
    });

    it('counts UTF-8 bytes, not characters, against maxBytes', () => {
      const text = `app:\n  id: ${ARI}\n  description: ${'é'.repeat(60)}\n`;
      const bytes = Buffer.byteLength(text, 'utf8');
      assert.equal(bytes, text.length + 60);
      assert.equal(readManifest(text, { maxBytes: text.length }).errors[0]?.code, 'too-large');
      assert.equal(readManifest(text, { maxBytes: bytes - 1 }).errors[0]?.code, 'too-large');
      assert.equal(readManifest(text, { maxBytes: bytes }).status, 'ok');
      // A surrogate pair is 2 UTF-16 units but 4 bytes.
      const emoji = `app:\n  id: ${ARI}\n  description: ${'🎬'.repeat(40)}\n`;
      const emojiBytes = Buffer.byteLength(emoji, 'utf8');
      assert.equal(emojiBytes, emoji.length + 80);
      assert.equal(readManifest(emoji, { maxBytes: emojiBytes - 1 }).errors[0]?.code, 'too-large');
      assert.equal(readManifest(emoji, { maxBytes: emojiBytes }).status, 'ok');
    });

    it('reports several YAML errors, each with a position', () => {
      const info = readManifest('app:\n id: x\n  bad: [\n');
      assert.ok(info.errors.length >= 2);
      for (const e of info.errors) {
        assert.equal(e.code, 'yaml-syntax');
        assert.match(e.message, /^manifest\.yml is not valid YAML \(line \d+, column \d+\)\. /);
        assert.ok((e.line ?? 0) >= 1 && (e.column ?? 0) >= 1);
      }
    });
  });

  describe('app.id problems located in the document', () => {
    it('trailing space inside quotes: whitespace problem with a replacement', () => {
      const text = withId(`id: "${ARI} "`);
      const info = readManifest(text);
      assert.equal(info.status, 'invalid-app-id');
      assert.equal(info.appId?.uuid, undefined);
      const problem = info.appId?.problems[0];
      assert.equal(problem?.kind, 'whitespace');
      assert.equal(problem.replacement, ARI);
      // The span is the value inside the quotes, so the replacement keeps them.
      assert.equal(text.slice(problem.start, problem.end), `${ARI} `);
      assert.match(problem.message, /has spaces inside its quotes/);
      assert.equal(info.errors[0].code, 'app-id-invalid');
      assert.equal(info.errors[0].kind, 'whitespace');
      assert.equal(info.errors[0].replacement, ARI);
    });

    it('upper-case plain ARI: span inside the value, lower-case replacement', () => {
      const upper = `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`;
      const text = withId(`id: ${upper}`);
      const info = readManifest(text);
      assert.equal(info.status, 'invalid-app-id');
      const problem = info.appId?.problems[0];
      assert.equal(problem?.kind, 'upper-case');
      assert.equal(problem.replacement, ARI);
      assert.equal(text.slice(problem.start, problem.end), upper);
      assert.match(problem.message, /must be lower case/);
    });

    it('bare UUID: asks for the full ARI', () => {
      const text = withId(`id: '${UUID}'`);
      const problem = readManifest(text).appId?.problems[0];
      assert.equal(problem?.kind, 'bare-uuid');
      assert.equal(problem.replacement, ARI);
      assert.equal(text.slice(problem.start, problem.end), UUID);
    });

    it('a value with escapes is located as the whole scalar, with a YAML-quoted replacement', () => {
      const text = withId(`id: "\\x20${ARI}"`);
      const info = readManifest(text);
      const problem = info.appId?.problems[0];
      assert.equal(problem?.kind, 'whitespace');
      assert.equal(text.slice(problem.start, problem.end), `"\\x20${ARI}"`);
      assert.equal(problem.replacement, JSON.stringify(ARI));
    });

    it('a bad value built from a default has no replacement (fix the default instead)', () => {
      const text = withId('id: ${ID}', `environment:\n  variables:\n    - key: ID\n      default: ${UUID}\n`);
      const info = readManifest(text);
      assert.equal(info.status, 'invalid-app-id');
      const problem = info.appId?.problems[0];
      assert.equal(problem?.kind, 'bare-uuid');
      assert.equal(problem.replacement, undefined);
      assert.equal(text.slice(problem.start, problem.end), '${ID}');
    });
  });

  it('never throws', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'app:',
          '\n',
          '  id: ',
          ARI,
          '${X}',
          '"',
          "'",
          '&a ',
          '*a',
          '- ',
          '[',
          ']',
          '{',
          '}',
          ':',
          '#',
          '\t',
          '---\n',
          '\r\n',
          '\uFEFF',
          '\uFFFD',
          'environment:\n  variables:\n    - X\n',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const info = readManifest(text);
        assert.equal(info.status === 'ok', info.errors.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  describe('file names and helpers', () => {
    it('knows the one file name the Forge CLI reads', () => {
      assert.equal(MANIFEST_FILE_NAME, 'manifest.yml');
      const names: [string, boolean][] = [
        ['manifest.yml', true],
        ['/repo/app/manifest.yml', true],
        ['C:\\repo\\manifest.yml', true],
        ['manifest.yaml', false],
        ['Manifest.yml', false],
        ['manifest.template.yml', false],
        ['manifest.base.yml', false],
        ['my-manifest.yml', false],
      ];
      for (const [name, expected] of names) assert.equal(isForgeManifestName(name), expected, name);
    });
  });

  describe('corpus of real manifests', () => {
    /** Expected status per file, written by reading them; files not listed must be 'ok'. */
    const expected: Record<string, ManifestStatus> = {
      'Lumiprax__audit-policy-guard__manifest.template.yml': 'invalid-app-id', // "__FORGE_APP_ID__"
      'rdersley__nuvriqo-portal-plus__manifest.template.yml': 'invalid-app-id', // REPLACE_WITH_FORGE_APP_ID
      'jopnelli__forge-events__manifest.base.yml': 'no-app-id', // base file, app.id lives in per-developer overlays
    };
    const bitbucket = new Set([
      'Eulo-Labs__bitbucket-enterprise-mcp__manifest.yml',
      'ONLYOFFICE__onlyoffice-bitbucket-cloud__manifest.yml',
      'ttn-aditya__merge-commit-regex-checker-bitbucket-cloud__manifest.yml',
    ]);

    it('reads every file without throwing, with the expected status', function () {
      requireCorpus(this, 'manifests');
      const files = corpusFiles('manifests').filter((f) => f.endsWith('.yml'));
      assert.ok(files.length > 0);
      for (const file of files) {
        const info = readManifest(corpusText('manifests', file));
        assert.equal(info.status, expected[file] ?? 'ok', `${file}: ${describeManifestProblem(info) ?? ''}`);
        assert.equal(info.modules.bitbucket, bitbucket.has(file), `${file}: bitbucket modules`);
      }
    });

    it("resolves ONLYOFFICE's app.id from its environment.variables default", function () {
      requireCorpus(this, 'manifests');
      const info = readManifest(corpusText('manifests', 'ONLYOFFICE__onlyoffice-bitbucket-cloud__manifest.yml'));
      assert.equal(info.appId?.raw, 'ari:cloud:ecosystem::app/${FORGE_APP_ID}');
      assert.equal(info.appId?.uuid, '855aea4e-e3c0-438f-82bc-d7ade1a9bae2');
    });

    it("reads bitovi's connect key and licensing under heavy comments", function () {
      requireCorpus(this, 'manifests');
      const info = readManifest(corpusText('manifests', 'bitovi__jira-timeline-report__manifest.yml'));
      assert.equal(info.connectKey?.value, 'bitovi.status-report');
      assert.equal(info.licensingEnabled, true);
    });
  });
});
