/**
 * What goes into the .vsix: exactly the two bundles the extension runs, the manifest and docs, the
 * schema, the grammar, the walkthrough and the icon (vsce's own file listing with .vscodeignore,
 * as `vsce ls --no-dependencies` prints it), and every file package.json points at is among them.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import picomatch from 'picomatch';
import { TEMPLATE_ACTIVATION_GLOB, TEMPLATE_ACTIVATION_STEMS, TEMPLATE_SUFFIXES } from '../../server/src/core';

const ROOT = path.join(__dirname, '..', '..');

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string };
  completionEvents?: string[];
}
interface Manifest {
  name: string;
  publisher: string;
  icon: string;
  main: string;
  activationEvents: string[];
  capabilities: {
    untrustedWorkspaces: { supported: boolean | string };
    virtualWorkspaces: { supported: boolean | string; description?: string };
  };
  contributes: {
    commands: { command: string; title: string }[];
    jsonValidation: { fileMatch: string | string[]; url: string }[];
    grammars: { scopeName: string; path: string; injectTo?: string[] }[];
    walkthroughs: { id: string; title: string; steps: WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const relative = (file: string) => path.posix.normalize(file.replace(/^\.\//, ''));

function mediaFiles(): string[] {
  return manifest.contributes.walkthroughs.flatMap((w) =>
    w.steps.flatMap((step) => {
      const { markdown, image, svg } = step.media;
      const images = typeof image === 'string' ? [image] : Object.values(image ?? {});
      return [markdown, svg, ...images].filter((file): file is string => typeof file === 'string').map(relative);
    }),
  );
}

function present(files: readonly string[]): string[] {
  return files.filter((file) => existsSync(path.join(ROOT, file)));
}

describe('extension package', function () {
  this.timeout(30000);
  let packaged: string[];

  before(async () => {
    packaged = (await listFiles({ cwd: ROOT, packageManager: PackageManager.None })).map((file) => file.split(path.sep).join('/')).sort();
  });

  it('holds exactly the bundles, the manifest and docs, the schema, the grammar, the walkthrough and the icon', () => {
    const expected = [
      ...present(['client/out/extension.js', 'client/out/servedCheck.js', 'server/out/server.js']),
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'schemas/bitbucket-connect-descriptor.schema.json',
      'syntaxes/forge-link.injection.tmLanguage.json',
      ...mediaFiles(),
      'images/icon.png',
    ].sort();
    assert.deepEqual(packaged, expected);
  });

  it("leaves out the README's screenshots, which vsce links to the repository", () => {
    assert.deepEqual(
      packaged.filter((file) => file.startsWith('docs/')),
      [],
    );
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
    assert.ok(images.length > 0, 'the README shows pictures');
    for (const image of images) {
      assert.ok(!image.startsWith('http'), `${image}: relative, so that vsce rewrites it to the repository (package.json "repository")`);
      assert.ok(existsSync(path.join(ROOT, image)), `${image} exists in the repository`);
    }
  });

  it('leaves out dependencies, sources, source maps, tests and build state, and the CLI (the npm package has it)', () => {
    assert.ok(!packaged.includes('server/out/cli.js'), 'the checker ships in the connect-forge-lint package, not in the .vsix');
    for (const file of packaged) {
      assert.doesNotMatch(file, /(^|\/)node_modules\//, file);
      assert.doesNotMatch(file, /\.(ts|map|tsbuildinfo|vsix|svg)$/, file);
      assert.doesNotMatch(file, /^(test|scripts|bench|examples|\.ci|\.vscode-test|client\/src|server\/src)\//, file);
    }
  });

  it('contains every file package.json points at', () => {
    const referenced = [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.jsonValidation.map((v) => v.url),
      ...manifest.contributes.grammars.map((g) => g.path),
      ...mediaFiles(),
    ].map(relative);
    for (const file of referenced) {
      assert.ok(existsSync(path.join(ROOT, file)), `${file} does not exist (the bundles are built by npm install)`);
      assert.ok(packaged.includes(file), `${file} is not packaged`);
    }
  });

  it('packages only the walkthrough files the walkthrough uses', () => {
    const used = new Set(mediaFiles());
    for (const name of readdirSync(path.join(ROOT, 'walkthrough')))
      assert.ok(used.has(`walkthrough/${name}`), `walkthrough/${name} is not used by any step`);
  });

  it('has a 128×128 PNG icon', () => {
    const png = readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  it('validates atlassian-connect.json with the bundled schema and injects the grammar into JSON and JSONC', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: 'atlassian-connect.json', url: './schemas/bitbucket-connect-descriptor.schema.json' },
    ]);
    const grammar = manifest.contributes.grammars.find((g) => g.path === './syntaxes/forge-link.injection.tmLanguage.json');
    assert.ok(grammar);
    assert.deepEqual(grammar.injectTo, ['source.json', 'source.json.comments']);
    const file = JSON.parse(readFileSync(path.join(ROOT, grammar.path), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(file.scopeName, grammar.scopeName);
    assert.match(file.injectionSelector, /^L:/);
  });

  it('activates in workspaces holding a file named as descriptors are (and on its own commands), not in any JSON project', () => {
    // The templates named as real descriptors are (the core's one glob of them), not every template.
    assert.deepEqual(manifest.activationEvents, [
      'workspaceContains:**/atlassian-connect.json',
      'workspaceContains:**/connect.json',
      `workspaceContains:${TEMPLATE_ACTIVATION_GLOB}`,
    ]);
    const globs = manifest.activationEvents.map((event) => {
      assert.match(event, /^workspaceContains:\*\*\//, 'only workspaceContains, no onLanguage (every JSON project) or *');
      return picomatch(event.slice('workspaceContains:'.length), { dot: true });
    });
    const activates = (file: string) => globs.some((matches) => matches(file));
    // The names of the corpus's Bitbucket descriptors, and templates of them.
    for (const file of [
      'atlassian-connect.json',
      'static/atlassian-connect.json',
      'connect-app/connect.json',
      'app/views/bitbucket/descriptor.json.erb',
      'app/views/bitbucket/manifest.json.erb',
      'templates/atlassian-connect.json.hbs',
      'connect.json.j2',
      'atlassian-connect.template.json',
    ])
      assert.ok(activates(file), file);
    for (const suffix of TEMPLATE_SUFFIXES)
      for (const stem of TEMPLATE_ACTIVATION_STEMS) assert.ok(activates(`views/${stem}${suffix}`), `${stem}${suffix}`);
    // Plain JSON files named otherwise would activate it in every JSON project: they are checked
    // once it is active (README: Which files are descriptors).
    for (const file of [
      'package.json',
      'tsconfig.json',
      'config/descriptor.json',
      'templates/descriptor.json',
      'examples/connect-inspector-descriptor.json',
      'public/manifest.json',
      'connect.jsonc',
      // Templates of other tools: CloudFormation, Terraform, Ansible, a Rails view.
      'cdk.out/MyStack.template.json',
      'infra/policy.json.tpl',
      'roles/web/templates/config.json.j2',
      'app/views/users/index.json.erb',
    ])
      assert.ok(!activates(file), file);
  });

  it('declares what it can do where', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.virtualWorkspaces.description);
  });

  describe('walkthrough', () => {
    const walkthrough = manifest.contributes.walkthroughs[0];
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));

    it('is the one the Open Walkthrough command opens', () => {
      const source = readFileSync(path.join(ROOT, 'client', 'src', 'commands', 'openWalkthrough.ts'), 'utf8');
      assert.ok(
        source.includes(`'${manifest.publisher}.${manifest.name}#${walkthrough.id}'`),
        'WALKTHROUGH_ID in openWalkthrough.ts differs from package.json',
      );
      assert.ok(commands.has('connectForgeLink.openWalkthrough'));
    });

    it('has a title that fits where VS Code lists walkthroughs (it cut 29 characters and more)', () => {
      assert.ok(walkthrough.title.length <= 28, walkthrough.title);
    });

    it('completes the steps the descriptor shows done by the context keys the client sets, and no other', () => {
      const source = readFileSync(path.join(ROOT, 'client', 'src', 'walkthroughProgress.ts'), 'utf8');
      const declared = source.slice(source.indexOf('WALKTHROUGH_CONTEXT_KEYS'), source.indexOf('} as const'));
      const clientKeys = new Set([...declared.matchAll(/'(connectForgeLink\.[A-Za-z]+)'/g)].map((match) => match[1]));
      const used = walkthrough.steps.flatMap((step) =>
        (step.completionEvents ?? []).filter((event) => event.startsWith('onContext:')).map((event) => event.slice('onContext:'.length)),
      );
      assert.deepEqual(new Set(used), clientKeys);
      const keysOf = (id: string) => walkthrough.steps.find((step) => step.id === id)?.completionEvents ?? [];
      assert.ok(keysOf('addForgeAppLink').includes('onContext:connectForgeLink.linkValid'));
      assert.ok(keysOf('addForgeAppId').includes('onContext:connectForgeLink.appIdAgrees'));
      // Running a command proves nothing (it may be cancelled, or set a wrong value).
      for (const step of walkthrough.steps) assert.ok(!(step.completionEvents ?? []).some((e) => e.startsWith('onCommand:')), step.id);
    });

    it('ties every step to an event: what the descriptor shows done, or its link opened', () => {
      for (const step of walkthrough.steps) {
        assert.ok(step.completionEvents && step.completionEvents.length > 0, step.id);
        for (const event of step.completionEvents) {
          const [kind, ...rest] = event.split(':');
          const target = rest.join(':');
          if (kind === 'onContext') continue;
          if (kind === 'onCommand') {
            assert.ok(commands.has(target), `${step.id}: ${target} is not a contributed command`);
            assert.ok(step.description.includes(`(command:${target})`), `${step.id} has no button for ${target}`);
          } else {
            assert.equal(kind, 'onLink', event);
            assert.ok(step.description.includes(`(${target})`), `${step.id} has no button for ${target}`);
          }
        }
      }
    });
  });
});

describe('client bundle', function () {
  this.timeout(60000);
  let inputs: string[];
  let onDemandInputs: string[];
  let serverInputs: string[];
  let dir: string;

  before(() => {
    // Built as `npm run package` builds it (scripts/bundle.mjs --production), into a folder of its own.
    dir = mkdtempSync(path.join(os.tmpdir(), 'cfl-bundle-'));
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--production', '--metafile', '--outdir', dir], { cwd: ROOT });
    // What ended up in a bundle: esbuild reads more (the core's index) than tree shaking keeps.
    const kept = (bundle: string) => {
      const meta = JSON.parse(readFileSync(path.join(dir, `${bundle}.meta.json`), 'utf8')) as {
        outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
      };
      return Object.values(meta.outputs)
        .flatMap((output) => Object.entries(output.inputs))
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file.split(path.sep).join('/'));
    };
    inputs = kept('client/out/extension.js');
    onDemandInputs = kept('client/out/servedCheck.js');
    serverInputs = kept('server/out/server.js');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is thin: no parser, no manifest reading or matching, no edits; the server does those', () => {
    assert.ok(
      inputs.some((input) => input.includes('node_modules/vscode-languageclient/')),
      'it starts the language client',
    );
    const heavy = [...inputs, ...onDemandInputs].filter(
      (input) =>
        /node_modules\/(yaml|jsonc-parser|picomatch|vscode-uri)\//.test(input) ||
        /server\/src\/(lsp|workspace|cli)\//.test(input) ||
        /server\/src\/core\/(manifest|manifestMatching|manifestContext|analyze|descriptor|edits|product|rules\/.*)\.ts$/.test(input),
    );
    assert.deepEqual(heavy, []);
  });

  it("loads the served-descriptor check on its first run: its fetch (VS Code's own does the requests) is in a bundle of its own, without undici or the analysis", () => {
    assert.deepEqual(
      inputs.filter((input) => /served/i.test(input)),
      ['client/src/commands/registerCheckServed.ts'],
      'activation reads none of the check',
    );
    assert.ok(!inputs.some((input) => input.endsWith('fetchServed.ts')));
    assert.ok(onDemandInputs.some((input) => input.endsWith('server/src/core/served/fetchServed.ts')));
    assert.ok(onDemandInputs.some((input) => input.endsWith('client/src/commands/checkServedDescriptor.ts')));
    assert.deepEqual(
      onDemandInputs.filter((input) => /node_modules\/|served\/(analyzeServed|placeServed)\.ts$/.test(input)),
      [],
      'VS Code supplies vscode; nothing else from node_modules',
    );
  });

  it("leaves undici (the CLI's proxy-aware fetch) out of the extension's server too: the server never fetches", () => {
    assert.deepEqual(
      serverInputs.filter((input) => /node_modules\/undici\/|served\/fetchServed\.ts$|cli\/servedFetch\.ts$/.test(input)),
      [],
    );
  });
});
