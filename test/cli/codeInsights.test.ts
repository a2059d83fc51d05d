/**
 * --format code-insights and the upload: the report and annotations as the Reports API takes
 * them, within its limits, and every request of the upload as a stand-in for the Pipelines proxy
 * (an HTTP server of the test's own on 127.0.0.1) receives it: method, absolute URL, headers,
 * body, batches.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileReport, position } from '../../server/src/cli/format';
import { CodeInsightsDocument, codeInsights } from '../../server/src/cli/formats/codeInsights';
import { reportRoot } from '../../server/src/cli/formats/report';
import { UploadError, pipelinesStep, reportPath, uploadCodeInsights } from '../../server/src/cli/codeInsightsUpload';
import { VERSION, temporaryWorkspaces } from './harness';
import { answerOk, standInProxy } from './pipelinesProxy';
import { checkedReports, manyNestedKeys, runOf } from './reports';

const COMMIT = '3f2c1e0a9b8d7c6f5e4d3c2b1a0f9e8d7c6b5a49';
const STEP_ENV = { BITBUCKET_REPO_FULL_NAME: 'acme/pr-insights', BITBUCKET_COMMIT: COMMIT };
const REPORT_URL = `http://api.bitbucket.org/2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint`;

describe('--format code-insights', () => {
  const workspace = temporaryWorkspaces();

  it('makes a BUG report with the result and figures, and an annotation per finding', async () => {
    const cwd = workspace('warnings', 'clean');
    const reports = await checkedReports(cwd, ['.']);
    const { report, annotations } = codeInsights(runOf(reports, cwd));
    assert.deepEqual(report, {
      title: 'Connect → Forge link',
      details: `connect-forge-lint ${VERSION} checked 2 Connect descriptors: 0 errors, 2 warnings, 0 info.`,
      report_type: 'BUG',
      reporter: 'connect-forge-lint',
      link: 'https://github.com/connect-forge-link/connect-forge-link',
      result: 'FAILED',
      data: [
        { title: 'Descriptors checked', type: 'NUMBER', value: 2 },
        { title: 'Errors', type: 'NUMBER', value: 0 },
        { title: 'Warnings', type: 'NUMBER', value: 2 },
      ],
    });
    const warnings = reports.find((r) => r.path === 'warnings/atlassian-connect.json') as FileReport;
    assert.deepEqual(
      annotations.map(({ external_id: _, ...rest }) => rest),
      warnings.findings.map((finding) => ({
        annotation_type: 'BUG',
        title: finding.ruleId,
        summary: finding.message,
        severity: 'MEDIUM',
        path: 'warnings/atlassian-connect.json',
        line: position(warnings.text, finding.start).line,
        result: 'FAILED',
        link: `https://github.com/connect-forge-link/connect-forge-link#rule-${finding.ruleId}`,
      })),
    );
    const ids = annotations.map((a) => a.external_id);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    for (const id of ids) assert.match(id, /^connect-forge-lint-[0-9a-f]{20}$/);
    assert.deepEqual(
      codeInsights(runOf(await checkedReports(cwd, ['.']), cwd)).annotations.map((a) => a.external_id),
      ids,
      'stable across runs',
    );
    const passed = codeInsights(runOf(reports, cwd, { maxWarnings: -1 }));
    assert.equal(passed.report.result, 'PASSED', 'warnings within --max-warnings pass');
    assert.ok(passed.annotations.every((a) => a.result === undefined && a.severity === 'MEDIUM'));
  });

  it('rates errors HIGH and info LOW (a code smell), and names files relative to the clone (BITBUCKET_CLONE_DIR)', async () => {
    const cwd = workspace('broken-syntax', 'warnings');
    const root = reportRoot({ BITBUCKET_CLONE_DIR: cwd }, path.join(cwd, 'broken-syntax'));
    const broken = codeInsights(runOf(await checkedReports(path.join(cwd, 'broken-syntax'), ['.']), root)).annotations;
    assert.deepEqual(
      broken.map((a) => [a.title, a.severity, a.annotation_type, a.path, a.line]),
      [
        ['json-syntax', 'HIGH', 'BUG', 'broken-syntax/atlassian-connect.json', 4],
        ['forge-app-id-invalid', 'MEDIUM', 'BUG', 'broken-syntax/atlassian-connect.json', 3],
      ],
      'the most severe first',
    );
    const jira = codeInsights(runOf(await checkedReports(cwd, ['--product', 'jira', 'warnings']), cwd)).annotations;
    assert.deepEqual(
      jira.map((a) => [a.title, a.severity, a.annotation_type, a.result]),
      [['forge-key-unused', 'LOW', 'CODE_SMELL', undefined]],
    );
  });

  it('keeps summaries within 450 characters (the whole message in details) and a report within 1,000 annotations', async () => {
    const cwd = workspace('broken-syntax');
    mkdirSync(path.join(cwd, 'many'));
    writeFileSync(path.join(cwd, 'many', 'atlassian-connect.json'), manyNestedKeys(1100));
    const reports = await checkedReports(cwd, ['many', 'broken-syntax']);
    assert.equal(reports[0].findings.filter((f) => f.ruleId === 'forge-key-nested').length, 1100);
    const long = 'x'.repeat(600);
    const withLong = reports.map((report) =>
      report.path.startsWith('broken')
        ? { ...report, findings: report.findings.map((f) => ({ ...f, message: `${f.message} ${long}` })) }
        : report,
    );
    const { report, annotations } = codeInsights(runOf(withLong, cwd));
    assert.equal(annotations.length, 1000);
    assert.deepEqual(
      annotations.slice(0, 2).map((a) => [a.severity, a.path]),
      [
        ['HIGH', 'broken-syntax/atlassian-connect.json'],
        ['MEDIUM', 'many/atlassian-connect.json'],
      ],
      'the error first, though its file came second',
    );
    const total = reports.reduce((sum, r) => sum + r.findings.length, 0);
    assert.match(report.details, new RegExp(` ${total - 1000} more findings are not annotated \\(a report holds at most 1000\\)`));
    for (const annotation of annotations) assert.ok(annotation.summary.length <= 450, `${annotation.summary.length}`);
    const cut = annotations.find((a) => a.title === 'json-syntax');
    assert.ok(cut?.summary.endsWith('…'));
    assert.equal(cut?.details, `JSON syntax error: comma expected. ${long}`);
    assert.equal(new Set(annotations.map((a) => a.external_id)).size, annotations.length);
  });

  it('annotates a served descriptor on the report, its URL in the summary', async () => {
    const cwd = workspace('warnings');
    const [report] = await checkedReports(cwd, ['.']);
    const url = 'https://app.example.com/atlassian-connect.json';
    const { annotations } = codeInsights(runOf([{ ...report, path: url, source: { kind: 'url', url } }], cwd));
    for (const annotation of annotations) {
      assert.equal(annotation.path, undefined);
      assert.equal(annotation.line, undefined);
      assert.match(annotation.summary, /^https:\/\/app\.example\.com\/atlassian-connect\.json:\d+: /);
    }
  });
});

describe('--code-insights-upload (the upload)', function () {
  this.timeout(10000);
  const workspace = temporaryWorkspaces();
  let document: CodeInsightsDocument;

  before(async () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, 'many'));
    writeFileSync(path.join(cwd, 'many', 'atlassian-connect.json'), manyNestedKeys(249));
    document = codeInsights(runOf(await checkedReports(cwd, ['many']), cwd));
    assert.equal(document.annotations.length, 250, '249 nested keys and no forgeAppLink');
  });

  it('deletes the old report, PUTs the report and POSTs the annotations 100 at a time, through the proxy', async () => {
    const proxy = await standInProxy(answerOk);
    try {
      await uploadCodeInsights(document, pipelinesStep(STEP_ENV), { proxy: proxy.url, userAgent: `connect-forge-lint/${VERSION}` });
    } finally {
      await proxy.close();
    }
    assert.deepEqual(
      proxy.received.map((r) => [r.method, r.url]),
      [
        ['DELETE', REPORT_URL],
        ['PUT', REPORT_URL],
        ['POST', `${REPORT_URL}/annotations`],
        ['POST', `${REPORT_URL}/annotations`],
        ['POST', `${REPORT_URL}/annotations`],
      ],
      'absolute URLs, as a proxy is asked',
    );
    for (const request of proxy.received) {
      assert.equal(request.headers.host, 'api.bitbucket.org');
      assert.equal(request.headers['user-agent'], `connect-forge-lint/${VERSION}`);
      assert.equal(request.headers.accept, 'application/json');
      assert.equal(request.headers.authorization, undefined, 'the proxy authenticates, not the CLI');
      if (request.method === 'DELETE') {
        assert.equal(request.body, '');
      } else {
        assert.equal(request.headers['content-type'], 'application/json');
        assert.equal(request.headers['content-length'], String(Buffer.byteLength(request.body)));
      }
    }
    assert.deepEqual(JSON.parse(proxy.received[1].body), document.report);
    const batches = proxy.received.slice(2).map((r) => JSON.parse(r.body) as unknown[]);
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [100, 100, 50],
    );
    assert.deepEqual(batches.flat(), document.annotations, 'every annotation once, in order');
  });

  it('says which request failed and how, and stops there', async () => {
    const proxy = await standInProxy((request) =>
      request.method === 'PUT' ? { status: 403, body: '{"error": {"message": "Forbidden for this step"}}' } : answerOk(request),
    );
    try {
      await assert.rejects(
        uploadCodeInsights(document, pipelinesStep(STEP_ENV), { proxy: proxy.url, userAgent: 'test' }),
        (error: Error) => {
          assert.ok(error instanceof UploadError);
          assert.equal(
            error.message,
            `PUT /2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint failed: 403 Forbidden: {"error": {"message": "Forbidden for this step"}}`,
          );
          return true;
        },
      );
    } finally {
      await proxy.close();
    }
    assert.deepEqual(
      proxy.received.map((r) => r.method),
      ['DELETE', 'PUT'],
    );
  });

  it('names a proxy that is not there and one that does not answer', async () => {
    const proxy = await standInProxy(() => undefined);
    const refused = await standInProxy(answerOk);
    await refused.close();
    try {
      await assert.rejects(uploadCodeInsights(document, pipelinesStep(STEP_ENV), { proxy: refused.url, userAgent: 'test' }), {
        message: `DELETE /2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint failed: cannot reach the Pipelines proxy at ${refused.url} (ECONNREFUSED): the upload works inside a Bitbucket Pipelines step`,
      });
      await assert.rejects(uploadCodeInsights(document, pipelinesStep(STEP_ENV), { proxy: proxy.url, userAgent: 'test', timeoutMs: 300 }), {
        message: `DELETE /2.0/repositories/acme/pr-insights/commit/${COMMIT}/reports/connect-forge-lint failed: no answer from the Pipelines proxy at ${proxy.url} within 0.3 s`,
      });
    } finally {
      await proxy.close();
    }
  });

  it('needs the Pipelines variables, and encodes what they name', () => {
    assert.throws(() => pipelinesStep({}), {
      message:
        '--code-insights-upload works inside a Bitbucket Pipelines step, but BITBUCKET_REPO_FULL_NAME and BITBUCKET_COMMIT are not set',
    });
    assert.throws(() => pipelinesStep({ BITBUCKET_REPO_FULL_NAME: 'acme/repo' }), /but BITBUCKET_COMMIT is not set$/);
    assert.throws(
      () => pipelinesStep({ ...STEP_ENV, BITBUCKET_REPO_FULL_NAME: 'acme' }),
      /must be <workspace>\/<repository> \(got 'acme'\)/,
    );
    assert.throws(() => pipelinesStep({ ...STEP_ENV, BITBUCKET_COMMIT: 'main; rm -rf' }), /BITBUCKET_COMMIT is not a commit hash/);
    const step = pipelinesStep({ ...STEP_ENV, BITBUCKET_REPO_FULL_NAME: '{0b7c}/my repo' });
    assert.deepEqual(step, { workspace: '{0b7c}', repoSlug: 'my repo', commit: COMMIT });
    assert.equal(reportPath(step), `/2.0/repositories/%7B0b7c%7D/my%20repo/commit/${COMMIT}/reports/connect-forge-lint`);
  });
});
