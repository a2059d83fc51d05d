/**
 * The CI options through the CLI's run(): --format for each report, --output-file (the report in
 * the file, the text on stdout, a file that cannot be written) and --code-insights-upload against
 * a stand-in for the Pipelines proxy on 127.0.0.1, whose failure exits 2 and never hides the
 * findings.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROXY_VARIABLE } from '../../server/src/cli/codeInsightsUpload';
import { CodeInsightsDocument } from '../../server/src/cli/formats/codeInsights';
import { JsonReport, Run, VERSION, cli, temporaryWorkspaces } from './harness';
import { answerOk, standInProxy } from './pipelinesProxy';
import { validSarif } from '../support/sarifSchema';
import { parseXml } from '../support/xml';

const COMMIT = '0a9b8d7c6f5e4d3c2b1a0f9e8d7c6b5a493f2c1e';
const PIPELINES = { BITBUCKET_REPO_FULL_NAME: 'acme/pr-insights', BITBUCKET_COMMIT: COMMIT };

/** What a SARIF log's invocation says of the exit. */
function invocation(sarif: string): { exitCode: number; executionSuccessful: boolean } {
  const log = validSarif<{ runs: { invocations: { exitCode: number; executionSuccessful: boolean }[] }[] }>(sarif);
  const { exitCode, executionSuccessful } = log.runs[0].invocations[0];
  return { exitCode, executionSuccessful };
}

describe('CLI: the CI reports (--format, --output-file, --code-insights-upload)', () => {
  const workspace = temporaryWorkspaces();

  it('prints each report on stdout with the exit code of the check', async () => {
    const cwd = workspace('warnings', 'clean');
    const junit = await cli(['--format', 'junit', '.'], { cwd });
    assert.equal(junit.code, 1);
    assert.equal(parseXml(junit.stdout).attributes.failures, '2');
    const sarif = await cli(['-f', 'sarif', '.'], { cwd });
    assert.equal(sarif.code, 1);
    const log = validSarif<{ runs: { results: unknown[]; invocations: { exitCode: number }[] }[] }>(sarif.stdout);
    assert.equal(log.runs[0].results.length, 2);
    assert.equal(log.runs[0].invocations[0].exitCode, 1, 'the invocation records the exit code');
    const insights = await cli(['--format=code-insights', '.'], { cwd });
    const document = JSON.parse(insights.stdout) as { report: { result: string }; annotations: unknown[] };
    assert.deepEqual([insights.code, document.report.result, document.annotations.length], [1, 'FAILED', 2]);
    const github = await cli(['--format', 'github', '--max-warnings', '-1', '.'], { cwd });
    assert.equal(github.code, 0);
    assert.equal(github.stdout.split('\n').filter((line) => line.startsWith('::warning file=warnings/atlassian-connect.json,')).length, 2);
    for (const run of [junit, sarif, insights, github]) assert.equal(run.stderr, '');
  });

  it('counts the descriptors checked as the text report does, not the manifests matched to them', async () => {
    const cwd = workspace('served-app');
    const json = JSON.parse((await cli(['--format', 'json', '.'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(
      json.files.map((file) => file.path),
      ['served-app/atlassian-connect.json', 'served-app/forge/manifest.yml'],
      'the fixture has a matched manifest, checked and reported',
    );
    const text = await cli(['.'], { cwd });
    assert.equal(text.stdout, '✔ No problems in 1 descriptor.\n');
    const github = await cli(['--format', 'github', '.'], { cwd });
    assert.equal(github.stdout, text.stdout, 'the summary line, and no command');
    const insights = JSON.parse((await cli(['--format', 'code-insights', '.'], { cwd })).stdout) as CodeInsightsDocument;
    assert.equal(insights.report.details, `connect-forge-lint ${VERSION} checked 1 Connect descriptor: 0 errors, 0 warnings, 0 info.`);
    assert.deepEqual(insights.report.data[0], { title: 'Descriptors checked', type: 'NUMBER', value: 1 });
    for (const run of [text, github]) assert.equal(run.code, 0);
  });

  it('keeps --quiet: only errors are reported', async () => {
    const cwd = workspace('broken-syntax');
    const log = validSarif<{ runs: { results: { ruleId: string }[] }[] }>(
      (await cli(['--quiet', '--format', 'sarif', '.'], { cwd })).stdout,
    );
    assert.deepEqual(
      log.runs[0].results.map((r) => r.ruleId),
      ['json-syntax'],
    );
  });

  it('--output-file writes the report (making its folder) and shows the text report on stdout', async () => {
    const cwd = workspace('warnings');
    const text = await cli(['.'], { cwd });
    const run = await cli(['--format', 'junit', '--output-file', 'test-results/connect-forge-lint.xml', '.'], { cwd });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, text.stdout, 'the log still shows the findings');
    assert.equal(run.stderr, '');
    const written = readFileSync(path.join(cwd, 'test-results', 'connect-forge-lint.xml'), 'utf8');
    assert.equal(written, (await cli(['--format', 'junit', '.'], { cwd })).stdout);

    const plain = await cli(['-o', 'out/report.txt', '.'], { cwd });
    assert.equal(plain.stdout, '', 'a text report in a file is not printed twice');
    assert.equal(readFileSync(path.join(cwd, 'out', 'report.txt'), 'utf8'), text.stdout);
  });

  it('2 when the report cannot be written, with the report on stdout instead, recording exit code 2', async () => {
    const cwd = workspace('warnings');
    const run = await cli(['--format', 'sarif', '--output-file', 'warnings/atlassian-connect.json/report.sarif', '.'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "connect-forge-lint: cannot write 'warnings/atlassian-connect.json/report.sarif': a part of the path is not a folder\n",
    );
    assert.deepEqual(invocation(run.stdout), { exitCode: 2, executionSuccessful: false });
    const json = await cli(['--format', 'json', '-o', 'warnings/atlassian-connect.json/report.json', '.'], { cwd });
    assert.deepEqual([json.code, (JSON.parse(json.stdout) as JsonReport).summary.exitCode], [2, 2]);
  });

  it('2 when writing fails after the file was opened (a full disk), the report on stdout recording it', async function () {
    // /dev/full opens, and every write to it fails with ENOSPC.
    if (!existsSync('/dev/full')) this.skip();
    const cwd = workspace('clean');
    const run = await cli(['--format', 'sarif', '--output-file', '/dev/full', '.'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "connect-forge-lint: cannot write '/dev/full': no space left on the device\n");
    assert.deepEqual(invocation(run.stdout), { exitCode: 2, executionSuccessful: false });
    const log = validSarif<{ runs: { invocations: { exitCodeDescription: string }[] }[] }>(run.stdout);
    assert.match(log.runs[0].invocations[0].exitCodeDescription, /a report that cannot be written or uploaded/);
    assert.equal((await cli(['--format', 'sarif', '.'], { cwd })).code, 0, 'clean otherwise');
  });

  it('--output-file keeps the previous report until the new one is finished, then replaces it whole', async () => {
    const cwd = workspace('warnings');
    const file = path.join(cwd, 'test-results', 'connect-forge-lint.xml');
    const previous = `<?xml version="1.0"?>\n<testsuites name="previous run">${'<testsuite name="old"/>'.repeat(100)}</testsuites>\n`;
    mkdirSync(path.dirname(file));
    writeFileSync(file, previous);
    // A proxy that never answers holds the run in its upload, after the file was checked and before the report is made.
    const proxy = await standInProxy(() => undefined);
    let run: Promise<Run> | undefined;
    try {
      run = cli(['--code-insights-upload', '-f', 'junit', '-o', 'test-results/connect-forge-lint.xml', '.'], {
        cwd,
        env: { ...PIPELINES, [PROXY_VARIABLE]: proxy.url },
      });
      for (const started = Date.now(); proxy.received.length === 0;) {
        assert.ok(Date.now() - started < 10000, 'the upload reached the proxy');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(readFileSync(file, 'utf8'), previous, 'a run stopped here (killed, or failing) leaves the previous report');
    } finally {
      await proxy.close();
    }
    // The proxy gone, the upload fails and the run ends: its report replaces the previous one, whole.
    const ended = await run;
    assert.equal(ended.code, 2);
    assert.match(ended.stderr, /cannot upload to Code Insights: DELETE .* failed/);
    const written = readFileSync(file, 'utf8');
    assert.equal(parseXml(written).attributes.failures, '2');
    assert.ok(!written.includes('previous run'));
    assert.deepEqual(readdirSync(path.dirname(file)), ['connect-forge-lint.xml'], 'no temporary file left beside it');

    const clean = await cli(['--format', 'junit', '--max-warnings', '-1', '-o', 'test-results/connect-forge-lint.xml', '.'], { cwd });
    assert.equal(clean.code, 0);
    assert.equal(readFileSync(file, 'utf8'), (await cli(['--format', 'junit', '--max-warnings', '-1', '.'], { cwd })).stdout);
  });

  it('a report that cannot be written fails the Code Insights report put on the commit too', async () => {
    const cwd = workspace('clean');
    const proxy = await standInProxy(answerOk);
    try {
      const run = await cli(['--code-insights-upload', '-f', 'junit', '-o', 'clean/atlassian-connect.json/r.xml', '.'], {
        cwd,
        env: { ...PIPELINES, [PROXY_VARIABLE]: proxy.url },
      });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        "connect-forge-lint: cannot write 'clean/atlassian-connect.json/r.xml': a part of the path is not a folder\n" +
          'connect-forge-lint: Code Insights: put the report "Connect → Forge link" (FAILED) with 0 annotations on the commit.\n',
      );
      const put = proxy.received.find((request) => request.method === 'PUT');
      assert.equal((JSON.parse(put?.body ?? '{}') as { result?: string }).result, 'FAILED');
    } finally {
      await proxy.close();
    }
  });

  it('--code-insights-upload puts the report on the commit through the proxy, and says so', async () => {
    const cwd = workspace('warnings');
    const proxy = await standInProxy(({ method }) => ({ status: method === 'DELETE' ? 404 : 200 }));
    try {
      const run = await cli(['--code-insights-upload', '.'], {
        cwd,
        env: { ...PIPELINES, BITBUCKET_CLONE_DIR: cwd, [PROXY_VARIABLE]: proxy.url },
      });
      assert.equal(run.code, 1, 'the findings decide the exit code');
      assert.equal(run.stdout, (await cli(['.'], { cwd })).stdout);
      assert.equal(
        run.stderr,
        'connect-forge-lint: Code Insights: put the report "Connect → Forge link" (FAILED) with 2 annotations on the commit.\n',
      );
      const report = `http://api.bitbucket.org/2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint`;
      assert.deepEqual(
        proxy.received.map((r) => [r.method, r.url]),
        [
          ['DELETE', report],
          ['PUT', report],
          ['POST', `${report}/annotations`],
        ],
      );
      const annotations = JSON.parse(proxy.received[2].body) as { path: string; line: number; title: string }[];
      assert.deepEqual(
        annotations.map((a) => [a.path, a.line, a.title]),
        [
          ['warnings/atlassian-connect.json', 2, 'forge-app-link-missing'],
          ['warnings/atlassian-connect.json', 3, 'forge-app-id-invalid'],
        ],
      );
    } finally {
      await proxy.close();
    }
  });

  it('a failed upload is reported and exits 2, after the findings (in the chosen format and in the file)', async () => {
    const cwd = workspace('warnings');
    const proxy = await standInProxy((request) =>
      request.method === 'PUT' ? { status: 401, body: '{"error": {"message": "nope"}}' } : answerOk(request),
    );
    try {
      const run = await cli(['--code-insights-upload', '-f', 'junit', '-o', 'test-results/r.xml', '.'], {
        cwd,
        env: { ...PIPELINES, [PROXY_VARIABLE]: proxy.url },
      });
      assert.equal(run.code, 2);
      assert.match(run.stdout, /forge-app-id-invalid/);
      assert.ok(existsSync(path.join(cwd, 'test-results', 'r.xml')));
      assert.equal(
        run.stderr,
        `connect-forge-lint: cannot upload to Code Insights: PUT /2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint failed: 401 Unauthorized: {"error": {"message": "nope"}}\n`,
      );
      const sarif = await cli(['--code-insights-upload', '-f', 'sarif', '-o', 'r.sarif', '.'], {
        cwd,
        env: { ...PIPELINES, [PROXY_VARIABLE]: proxy.url },
      });
      assert.equal(sarif.code, 2);
      assert.deepEqual(invocation(readFileSync(path.join(cwd, 'r.sarif'), 'utf8')), { exitCode: 2, executionSuccessful: false });
    } finally {
      await proxy.close();
    }
    const outside = await cli(['--code-insights-upload', '--format', 'json', '.'], { cwd });
    assert.equal(outside.code, 2);
    const json = JSON.parse(outside.stdout) as JsonReport;
    assert.equal(json.summary.warnings, 2, 'the findings are printed all the same');
    assert.equal(json.summary.exitCode, 2, 'with the exit code of the process');
    assert.equal(
      outside.stderr,
      'connect-forge-lint: cannot upload to Code Insights: --code-insights-upload works inside a Bitbucket Pipelines step, but BITBUCKET_REPO_FULL_NAME and BITBUCKET_COMMIT are not set\n',
    );
  });
});
