/**
 * The README's CI and editor examples, run: every YAML block parses (with the yaml package), and
 * every command a Bitbucket Pipelines step or a GitHub Actions step names is run as the CI
 * service would run it, in a copy of examples/ as the repository, with the installed package (the
 * tarball, since `npx connect-forge-lint@<version>` would fetch the published one). The upload
 * goes to a stand-in for the Pipelines proxy on 127.0.0.1; the Neovim command starts the server.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { PROXY_VARIABLE } from '../../server/src/cli/codeInsightsUpload';
import { ROOT, VERSION, temporaryWorkspaces } from './harness';
import { InstalledPackage, installedPackage, removeInstalledPackage } from './installedPackage';
import { answerOk, standInProxy } from './pipelinesProxy';
import { LspClient } from '../support/lspClient';
import { validSarif } from '../support/sarifSchema';
import { parseXml } from '../support/xml';
import { startServedServers } from '../support/servedServers';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const COMMIT = '5e4d3c2b1a0f9e8d7c6b5a493f2c1e0a9b8d7c6f';
/** Where the example app is served: examples/connect-app's baseUrl. */
const PRODUCTION = 'pr-insights.acme.example.com';

interface CodeBlock {
  readonly language: string;
  readonly text: string;
}

function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1], text: match[2] }));
}

function parseYaml(text: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  assert.deepEqual(document.errors.map(String), [], 'the YAML parses');
  assert.deepEqual(document.warnings.map(String), []);
  return document.toJS() as unknown;
}

interface PipelinesStep {
  readonly name: string;
  readonly script: readonly string[];
}

/** Every step of a bitbucket-pipelines.yml, wherever it sits (default, branches, pull requests). */
function pipelinesSteps(value: unknown): PipelinesStep[] {
  if (Array.isArray(value)) return value.flatMap(pipelinesSteps);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.step === 'object' && record.step !== null) {
    const step = record.step as { name: unknown; script: unknown };
    assert.equal(typeof step.name, 'string');
    assert.ok(Array.isArray(step.script) && step.script.every((line) => typeof line === 'string'), 'a script is a list of command lines');
    return [{ name: step.name as string, script: step.script as string[] }];
  }
  return Object.values(record).flatMap(pipelinesSteps);
}

interface ActionsStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}

interface Ran {
  readonly line: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command line with bash, as both CI services do; `npx connect-forge-lint@<version>` runs the installed bin. */
function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  const npx = /\bnpx connect-forge-lint@(\S+)/.exec(line);
  if (npx) assert.equal(npx[1], VERSION, `the README names connect-forge-lint@${npx[1]}; the package is ${VERSION}`);
  const command = line.replace(/\bnpx connect-forge-lint@\S+/g, 'connect-forge-lint');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ line, code, stdout, stderr }));
  });
}

const EXAMPLE = path.join(ROOT, 'examples', 'connect-app', 'atlassian-connect.json');
const EXAMPLE_DISPLAY = 'connect-app/atlassian-connect.json';

/**
 * For the served check after deployment: the example descriptor as the repository has it once the
 * link was added and its other findings fixed (so that only what production serves can fail the
 * step), and as production still serves it, deployed before the link was added.
 */
function linkedExample(): { readonly linked: string; readonly deployedBefore: string } {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown> & { vendor: Record<string, unknown> };
  const uuid = String(example.forgeAppId);
  // forgeAppId the ARI instead of a bare UUID, and no copy of it in "vendor": the example's two fixable findings fixed.
  delete example.vendor.forgeAppId;
  const fixed = { ...example, forgeAppId: `ari:cloud:ecosystem::app/${uuid}` };
  const link = `https://developer.atlassian.com/console/install/${uuid}?signature=e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa&product=bitbucket`;
  const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return { linked: text({ key: example.key, forgeAppLink: link, ...fixed }), deployedBefore: text(fixed) };
}

/** A copy of examples/ as the repository a pipeline checks out, with the tarball in tools/ for the example that commits it. */
function repository(pkg: InstalledPackage, workspace: () => string): string {
  const repo = path.join(workspace(), 'repo');
  cpSync(path.join(ROOT, 'examples'), repo, { recursive: true });
  mkdirSync(path.join(repo, 'tools'));
  copyFileSync(pkg.tarball, path.join(repo, 'tools', path.basename(pkg.tarball)));
  return repo;
}

describe("the README's CI and editor examples", function () {
  this.timeout(120000);
  let pkg: InstalledPackage;
  const blocks = codeBlocks(README);
  const yamlBlocks = blocks.filter((block) => block.language === 'yaml');
  const pipelines = yamlBlocks.filter((block) => block.text.startsWith('# bitbucket-pipelines.yml\n'));
  const actions = yamlBlocks.filter((block) => block.text.startsWith('# .github/workflows/'));

  before(() => {
    pkg = installedPackage();
  });

  const workspace = temporaryWorkspaces();
  after(removeInstalledPackage);

  it('has Pipelines and Actions examples, and every YAML block parses', () => {
    assert.equal(yamlBlocks.length, pipelines.length + actions.length, 'each YAML block says which file it is');
    assert.ok(pipelines.length >= 2 && actions.length >= 1);
    for (const block of yamlBlocks) parseYaml(block.text);
    const lines = pipelines.flatMap((block) => pipelinesSteps(parseYaml(block.text)).flatMap((step) => step.script));
    assert.ok(lines.some((line) => line.includes('--format junit --output-file test-results/connect-forge-lint.xml')));
    assert.ok(lines.some((line) => line.includes('--code-insights-upload')));
    assert.ok(
      lines.some((line) => line.includes('--served')),
      'a step that checks the served descriptor after deployment',
    );
  });

  for (const [index, block] of pipelines.entries()) {
    it(`runs Pipelines example ${index + 1}: each step's script in a copy of examples/`, async () => {
      const config = parseYaml(block.text) as { image: string };
      assert.match(config.image, /^node:(\d+)/);
      assert.ok(Number(/^node:(\d+)/.exec(config.image)?.[1]) >= 20, 'an image with Node 20 or later');
      const repo = repository(pkg, workspace);
      const proxy = await standInProxy(answerOk);
      const prefix = path.join(repo, '..', 'step-prefix');
      // What a Pipelines step has, with a global prefix of its own and the proxy stand-in.
      const env: NodeJS.ProcessEnv = {
        ...pkg.env,
        PATH: `${path.join(prefix, 'bin')}${path.delimiter}${pkg.env.PATH}`,
        npm_config_prefix: prefix,
        npm_config_offline: 'true',
        npm_config_cache: path.join(repo, '..', 'npm-cache'),
        BITBUCKET_CLONE_DIR: repo,
        BITBUCKET_REPO_FULL_NAME: 'acme/pr-insights',
        BITBUCKET_COMMIT: COMMIT,
        [PROXY_VARIABLE]: proxy.url,
      };
      try {
        for (const step of pipelinesSteps(config)) {
          if (step.script.some((line) => line.includes('--served'))) {
            await runServedStep(step, env);
            continue;
          }
          const ran = await runStep(step, repo, env);
          const last = ran.at(-1) as Ran;
          assert.equal(last.code, 1, `the examples have warnings, so the step fails: ${last.stderr}`);
          assert.match(
            last.stdout,
            /^connect-app\/atlassian-connect\.json:3:18 {2}warning {2}forgeAppId is a bare UUID/m,
            'the log shows the findings',
          );
          if (last.line.includes('--output-file test-results/connect-forge-lint.xml')) {
            const xml = parseXml(readFileSync(path.join(repo, 'test-results', 'connect-forge-lint.xml'), 'utf8'));
            assert.equal(xml.attributes.failures, '3');
          }
          if (last.line.includes('--code-insights-upload')) {
            assert.deepEqual(
              proxy.received.map((r) => r.method),
              ['DELETE', 'PUT', 'POST'],
            );
            assert.equal(
              proxy.received[1].url,
              `http://api.bitbucket.org/2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint`,
            );
            const annotations = JSON.parse(proxy.received[2].body) as { path: string }[];
            assert.deepEqual(
              annotations.map((a) => a.path),
              Array(3).fill('connect-app/atlassian-connect.json'),
            );
          }
        }
      } finally {
        await proxy.close();
      }
    });
  }

  /** Runs a step's script line by line, as Pipelines does: every line but the last must succeed. */
  async function runStep(step: PipelinesStep, repo: string, env: NodeJS.ProcessEnv): Promise<Ran[]> {
    const ran: Ran[] = [];
    for (const line of step.script) {
      const result = await runLine(line, repo, env);
      ran.push(result);
      if (result.code !== 0) break;
    }
    assert.equal(ran.length, step.script.length, `every line but the last succeeds: ${JSON.stringify(ran, null, 2)}`);
    return ran;
  }

  /**
   * The step after deployment, in a repository whose descriptor has the link and nothing else to
   * report: it fails because production still serves the descriptor deployed before the link, and
   * passes once production serves the repository's. Production is reached through an HTTPS proxy
   * that tunnels its host name to a server on 127.0.0.1.
   */
  async function runServedStep(step: PipelinesStep, env: NodeJS.ProcessEnv): Promise<void> {
    const { linked, deployedBefore } = linkedExample();
    const served = `https://${PRODUCTION}/atlassian-connect.json`;
    for (const production of [deployedBefore, linked]) {
      const repo = repository(pkg, workspace);
      writeFileSync(path.join(repo, EXAMPLE_DISPLAY), linked);
      const servers = await startServedServers({ hostNames: [PRODUCTION], routes: { '/atlassian-connect.json': production } });
      try {
        const ran = await runStep(step, repo, {
          ...env,
          BITBUCKET_CLONE_DIR: repo,
          HTTPS_PROXY: servers.proxy.origin,
          NODE_EXTRA_CA_CERTS: servers.certificateFile,
        });
        const last = ran.at(-1) as Ran;
        assert.deepEqual(servers.proxy.tunnels, [`${PRODUCTION}:443`]);
        assert.doesNotMatch(last.stdout, /^connect-app\//m, 'nothing to report in the repository');
        if (production === deployedBefore) {
          assert.equal(last.code, 1, `production lacks the link, so the step fails: ${last.stderr}`);
          const lines = last.stdout.split('\n');
          assert.ok(
            lines.includes(
              `${served}:2:3  warning  The served descriptor has no forgeAppLink, but ${EXAMPLE_DISPLAY} has one. Deploy ${EXAMPLE_DISPLAY} before you update the installations (served at ${served}).  served-descriptor-differs`,
            ),
            last.stdout,
          );
          assert.match(last.stdout, /✖ 2 problems \(0 errors, 2 warnings, 0 info\)/);
        } else {
          assert.equal(last.code, 0, `production serves the link, so the step passes: ${last.stdout}${last.stderr}`);
          assert.equal(
            last.stdout,
            `✔ ${served} serves the same key, forgeAppLink and forgeAppId as ${EXAMPLE_DISPLAY}; no problems in either.\n`,
          );
        }
      } finally {
        await servers.close();
      }
    }
  }

  for (const [index, block] of actions.entries()) {
    it(`runs GitHub Actions example ${index + 1}: each run step in a copy of examples/, SARIF valid for the upload`, async () => {
      const workflow = parseYaml(block.text) as { jobs: Record<string, { steps: ActionsStep[] }> };
      const repo = repository(pkg, workspace);
      const env: NodeJS.ProcessEnv = { ...pkg.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repo };
      for (const job of Object.values(workflow.jobs)) {
        let failed = false;
        for (const step of job.steps) {
          if (step.uses) {
            const action = step.uses.replace(/@.*$/, '');
            if (action === 'actions/setup-node') assert.ok(Number(step.with?.['node-version']) >= 20);
            if (action === 'github/codeql-action/upload-sarif') {
              assert.equal(step.if, 'always()', 'uploads also after the check failed');
              const file = path.join(repo, String(step.with?.sarif_file));
              assert.ok(existsSync(file), `${String(step.with?.sarif_file)} was written by an earlier step`);
              const log = validSarif<{
                runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
              }>(readFileSync(file, 'utf8'));
              assert.deepEqual(
                log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
                Array(3).fill('connect-app/atlassian-connect.json'),
              );
            }
            continue;
          }
          assert.ok(step.run, 'a step uses an action or runs a command');
          if (failed && step.if !== 'always()') continue;
          const result = await runLine(step.run, repo, env);
          if (result.code !== 0) failed = true;
          if (step.run.includes('--format github')) {
            assert.equal(result.code, 1);
            const commands = result.stdout.split('\n').filter((line) => line.startsWith('::warning '));
            assert.equal(commands.length, 3);
            for (const command of commands) assert.match(command, /^::warning file=connect-app\/atlassian-connect\.json,line=\d+,col=\d+,/);
          }
        }
        assert.ok(failed, 'the check fails on the examples');
      }
    });
  }

  it("starts the language server with the Neovim example's command", async () => {
    const lua = blocks.find((block) => block.language === 'lua');
    assert.ok(lua);
    const cmd = /cmd = \{ ([^}]*) \}/
      .exec(lua.text)?.[1]
      .split(',')
      .map((part) => part.trim().replace(/^'(.*)'$/, '$1'));
    assert.deepEqual(cmd, ['connect-forge-language-server', '--stdio']);
    const client = await LspClient.start({
      serverPath: path.join(pkg.bin, cmd[0]),
      rootUri: pathToFileURL(path.join(ROOT, 'examples')).href,
    });
    try {
      assert.equal(client.initializeResult?.serverInfo?.name, 'connect-forge-link');
    } finally {
      await client.dispose();
    }
  });

  it("prints what the README's console example shows", async () => {
    const block = blocks.find((b) => b.language === 'console' && b.text.startsWith('$ connect-forge-lint examples/\n'));
    assert.ok(block);
    const shown = block.text.split('\n').slice(1);
    const expected = shown.slice(
      0,
      shown.findIndex((line) => line.startsWith('$ ')),
    );
    const folder = workspace();
    cpSync(path.join(ROOT, 'examples'), path.join(folder, 'examples'), { recursive: true });
    const result = await runLine('connect-forge-lint examples/', folder, pkg.env);
    const actual = result.stdout.trimEnd().split('\n');
    assert.equal(result.code, 1);
    // The README shortens long messages with "…": the start must be the CLI's to the letter.
    assert.equal(actual.length, expected.length + 1, 'the fix hint follows the summary');
    for (const [index, line] of expected.entries()) {
      const [head, tail] = line.split(' …  ');
      if (tail === undefined) assert.equal(actual[index], line);
      else assert.ok(actual[index].startsWith(head) && actual[index].endsWith(`  ${tail}`), `${actual[index]}\n  is not\n${line}`);
    }
  });

  it('installs the tarball as the README says, and names the current version everywhere', async () => {
    const mentioned = [...README.matchAll(/connect-forge-lint(?:@|-)(\d+\.\d+\.\d+)/g)].map((match) => match[1]);
    assert.ok(mentioned.length > 5);
    assert.deepEqual([...new Set(mentioned)], [VERSION]);
    const sh = blocks.filter((block) => block.language === 'sh').flatMap((block) => block.text.split('\n'));
    const install = sh.find((line) => line.startsWith('npm install --global ./connect-forge-lint-'));
    assert.ok(install);
    const folder = workspace();
    copyFileSync(pkg.tarball, path.join(folder, path.basename(pkg.tarball)));
    const prefix = path.join(folder, 'prefix');
    const result = await runLine(install, folder, {
      ...pkg.env,
      npm_config_prefix: prefix,
      npm_config_offline: 'true',
      npm_config_cache: path.join(folder, 'cache'),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(path.join(prefix, 'bin', 'connect-forge-lint')));
    assert.ok(existsSync(path.join(prefix, 'bin', 'connect-forge-language-server')));
  });
});
