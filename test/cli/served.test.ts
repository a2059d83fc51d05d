/**
 * --served against real servers on 127.0.0.1 (test/support/servedServers.ts): every case of
 * issue 12, with the output and exit code users see. The run is in process (run()) except where
 * the process's own environment matters: NODE_EXTRA_CA_CERTS is read when Node starts, so the
 * cases that trust the test's certificate run the bundle as a process.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE, FIXTURES, JsonReport, Run, VERSION, cli, processEnv, temporaryWorkspaces } from './harness';
import { CodeInsightsDocument } from '../../server/src/cli/formats/codeInsights';
import { descendants, parseXml } from '../support/xml';
import { validSarif } from '../support/sarifSchema';
import {
  LARGE_BYTES,
  MISNAMED_HOST,
  PATHS,
  SERVED_ARI,
  SERVED_LINK,
  ServedServers,
  localLookup,
  servedDescriptor,
  startServedServers,
} from '../support/servedServers';

const APP = 'served-app/atlassian-connect.json';

/** Runs the bundle as a process without blocking this one (whose servers must keep answering). */
function spawnBundle(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: FIXTURES, env: processEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('CLI --served', function () {
  let servers: ServedServers;
  before(async () => {
    servers = await startServedServers();
  });
  after(() => servers.close());

  const http = (pathname: string) => `${servers.http.origin}${pathname}`;
  const https = (pathname: string) => `${servers.https.origin}${pathname}`;
  /** The check of the served-app fixture against a URL, in process. */
  const served = (url: string, ...more: string[]) => cli(['--served', url, ...more, APP], { cwd: FIXTURES, lookup: localLookup });
  const lastRequest = (server: { requests: { url: string; headers: Record<string, unknown> }[] }) =>
    server.requests[server.requests.length - 1];

  /** A failed fetch: exit code 2, the reason on stderr after the usual prefix, the local descriptor still checked. */
  async function assertFailure(url: string, reason: RegExp, ...more: string[]): Promise<Run> {
    const run = await served(url, ...more);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^connect-forge-lint: cannot check the served descriptor: /m);
    assert.match(run.stderr, reason);
    assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n', 'the local descriptor is still checked');
    return run;
  }

  describe('what is served', () => {
    it('a clean descriptor that agrees with the local one: one line, exit 0', async () => {
      const run = await served(http(PATHS.clean));
      assert.equal(
        run.stdout,
        `✔ ${http(PATHS.clean)} serves the same key, forgeAppLink and forgeAppId as ${APP}; no problems in either.\n`,
      );
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
    });

    it('one without forgeAppLink: deploy before updating the installations, under the URL, exit 1', async () => {
      const url = http(PATHS.noLink);
      const run = await served(url);
      assert.equal(run.code, 1);
      const lines = run.stdout.split('\n');
      assert.ok(
        lines.includes(
          `${url}:2:3  warning  The served descriptor has no forgeAppLink, but ${APP} has one. Deploy ${APP} before you update the installations (served at ${url}).  served-descriptor-differs`,
        ),
        run.stdout,
      );
      assert.ok(lines.some((line) => line.startsWith(`${url}:2:3  warning  No forgeAppLink: admins will not see "Get the Forge app".`)));
      assert.match(run.stdout, /✖ 2 problems \(0 errors, 2 warnings, 0 info\)/);
    });

    it("one whose forgeAppId differs: from the local descriptor's and from the manifest's app.id, each a finding", async () => {
      const url = http(PATHS.otherId);
      const run = await served(url);
      assert.equal(run.code, 1);
      const rules = run.stdout
        .split('\n')
        .filter((line) => line.startsWith(url))
        .map((line) => line.split('  ').pop());
      assert.deepEqual(rules.sort(), ['forge-app-id-manifest-mismatch', 'forge-ids-mismatch', 'served-descriptor-differs']);
      assert.match(run.stdout, new RegExp(`The served forgeAppId differs from ${APP}'s. ${url} serves "ari:cloud:ecosystem::app/f29fdb13`));
      assert.match(run.stdout, /The Forge app's manifest is served-app\/forge\/manifest\.yml with /);
    });

    it('an atlassian-connect-express template rendered: the local templates are not compared, the served values are checked', async () => {
      const url = http(PATHS.ace);
      const run = await cli(['--served', url, 'served-ace/atlassian-connect.json'], { cwd: FIXTURES });
      assert.equal(run.code, 0, run.stdout);
      assert.equal(
        run.stdout,
        `✔ ${url} serves the same forgeAppLink and forgeAppId as served-ace/atlassian-connect.json (key: a template there); no problems in either.\n`,
      );
      assert.match(run.stderr, /note: key is a template in served-ace\/atlassian-connect\.json: the served value was checked instead/);
    });

    it('JSON5 with comments: checked, and the comment is a finding (Bitbucket reads JSON)', async () => {
      const url = http(PATHS.json5);
      const run = await served(url);
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        new RegExp(
          `^${url}:2:3  warning  The served descriptor has a comment, which JSON does not allow\\. .*serve JSON from ${url}.*  served-descriptor-not-json$`,
          'm',
        ),
      );
      assert.doesNotMatch(run.stdout, /served-descriptor-differs/);
    });

    it('gzip, deflate and br bodies are decoded', async () => {
      for (const pathname of [PATHS.gzip, PATHS.deflate, PATHS.brotli]) {
        const run = await served(http(pathname));
        assert.equal(run.code, 0, `${pathname}: ${run.stderr}`);
        assert.match(run.stdout, /^✔ .* serves the same key, forgeAppLink and forgeAppId/);
        assert.equal(lastRequest(servers.http).headers['accept-encoding'], 'gzip, deflate, br');
      }
    });

    it('an HTML page with status 200 (a login page) is named as one', async () => {
      await assertFailure(http(PATHS.html), /served an HTML page \("Sign in to Acme"\), not JSON: a login page or a proxy's error page\?/);
    });

    it('statuses 404 and 500 with their text', async () => {
      await assertFailure(http(PATHS.notFound), /answered HTTP 404 Not Found: nothing is served there\. Is the path right\?/);
      await assertFailure(http(PATHS.serverError), /answered HTTP 500 Internal Server Error: the app \(or a proxy in front of it\) failed/);
    });

    it('an empty body', async () => {
      await assertFailure(http(PATHS.empty), /answered with an empty body: no descriptor is served there/);
    });

    it('invalid JSON, with its position', async () => {
      const run = await assertFailure(http(PATHS.invalid), /did not serve valid JSON: comma expected at line 3, column 18/);
      assert.doesNotMatch(run.stderr, /JSON5/, 'nothing there is JSON5');
    });

    it('JSON5 beyond comments (unquoted keys, single quotes): its position, and that it looks like JSON5, which Bitbucket cannot read', async () => {
      await assertFailure(
        http(PATHS.json5Syntax),
        /did not serve valid JSON: invalid symbol at line 3, column 3: it looks like JSON5 \(an unquoted key, key\), and Bitbucket reads the descriptor as JSON\. Serve JSON/,
      );
    });

    it('a body labelled gzip that is not: the compressed body is broken', async () => {
      await assertFailure(
        http(PATHS.badGzip),
        new RegExp(
          `the response from ${http(PATHS.badGzip)} says it is compressed \\(Content-Encoding: gzip\\), but the compressed body is broken \\(incorrect header check\\)`,
        ),
      );
    });

    it('a 6 MB body is cut at 5 MB, streamed or declared', async () => {
      await assertFailure(http(PATHS.large), /is larger than any descriptor \(over 5 MB; at most 5 MB is read\)/);
      await assertFailure(http(PATHS.largeDeclared), new RegExp(`larger than any descriptor \\(${(LARGE_BYTES / 1048576).toFixed(1)} MB;`));
    });
  });

  describe('redirects and time', () => {
    it('a chain of redirects is followed, and the final URL is the one reported', async () => {
      const run = await served(http(PATHS.chain));
      assert.equal(run.code, 0);
      assert.match(run.stderr, new RegExp(`note: ${http(PATHS.chain)} redirected to ${http(PATHS.clean)} \\(3 redirects\\)`));
      assert.match(run.stdout, new RegExp(`^✔ ${http(PATHS.clean)} serves`));
    });

    it('five redirects are followed, a sixth is not', async () => {
      assert.equal((await served(http('/redirect/5'))).code, 0);
      await assertFailure(http(PATHS.tooMany), /more than 5 redirects, stopped at .*\/atlassian-connect\.json/);
    });

    it('a redirect loop is named as one', async () => {
      await assertFailure(http(PATHS.loop), new RegExp(`redirect loop: ${http('/loop/a')} → ${http('/loop/b')} → ${http('/loop/a')}`));
    });

    it('a redirect to a blocked port says that a redirect led there', async () => {
      await assertFailure(
        http(PATHS.toBlockedPort),
        new RegExp(
          `${http(PATHS.toBlockedPort)} redirects to http://127\\.0\\.0\\.1:1/atlassian-connect\\.json: port 1 is not fetched, as it belongs to another protocol`,
        ),
      );
    });

    it('a body that stalls after the headers is said to have stalled, not that the app did not answer', async () => {
      const run = await assertFailure(
        http(PATHS.stalled),
        /answered HTTP 200 OK, but its body stalled: not complete within 0\.5 s \(timeout\).*--timeout <seconds> \(now 0\.5 s\)/,
        '--timeout',
        '0.5',
      );
      assert.doesNotMatch(run.stderr, /did not answer/);
    });

    it('a slow server times out, with the option that waits longer', async () => {
      await assertFailure(
        http(PATHS.slow),
        /did not answer within 0\.5 s \(timeout\).*--timeout <seconds> \(now 0\.5 s\)/,
        '--timeout',
        '0.5',
      );
    });
  });

  describe('connections', () => {
    it('a refused port: is the app running?', async () => {
      await assertFailure(
        `http://127.0.0.1:${servers.refusedPort}/atlassian-connect.json`,
        /connection refused by 127\.0\.0\.1:\d+: is the app running\?/,
      );
    });

    it('a host name that does not resolve', async () => {
      await assertFailure(
        'https://acme.invalid/atlassian-connect.json',
        /the host name acme\.invalid was not found \(DNS\): is it spelled right\?/,
      );
    });

    it('plain http to another machine is refused unless --allow-http', async () => {
      const port = new URL(servers.http.origin).port;
      const url = `http://acme.test:${port}${PATHS.clean}`;
      await assertFailure(url, /is plain http: and not on this machine; a production app is served over https; pass --allow-http/);
      const before = servers.http.requests.length;
      await served(url).catch(() => undefined);
      assert.equal(servers.http.requests.length, before, 'nothing was requested');
      const allowed = await served(url, '--allow-http');
      assert.equal(allowed.code, 0, allowed.stderr);
    });

    it('a redirect from plain http on this machine to plain http elsewhere is refused unless --allow-http', async () => {
      const refused = await assertFailure(
        http(PATHS.toOtherHost),
        /redirects to http:\/\/served\.test:\d+\/atlassian-connect\.json, which is not fetched: .*plain http: and not on this machine/,
      );
      assert.match(refused.stderr, /pass --allow-http to fetch it anyway/);
      const allowed = await served(http(PATHS.toOtherHost), '--allow-http');
      assert.equal(allowed.code, 0, allowed.stderr);
    });

    it('a redirect from https to plain http elsewhere is refused too', async () => {
      const run = await spawnBundle(['--served', https(PATHS.toHttp), APP], { NODE_EXTRA_CA_CERTS: servers.certificateFile });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /redirects to http:\/\/acme\.example\.com\/atlassian-connect\.json, which is not fetched: .* plain http:/);
    });

    it('only http: and https: URLs', async () => {
      const run = await cli(['--served', 'ftp://acme.example.com/atlassian-connect.json', APP], { cwd: FIXTURES });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /ftp: URLs are not fetched, only http: and https: ones/);
      const bare = await cli(['--served', 'localhost:3000', APP], { cwd: FIXTURES });
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /did you mean http:\/\/localhost:3000\?/);
    });

    it('a self-signed certificate says so and points at NODE_EXTRA_CA_CERTS', async () => {
      await assertFailure(
        https(PATHS.clean),
        /the TLS certificate of 127\.0\.0\.1:\d+ is self-signed, so it is not trusted.*NODE_EXTRA_CA_CERTS/,
      );
    });

    it('a certificate for another host name says which names it is for', async () => {
      const run = await spawnBundle(['--served', `https://${MISNAMED_HOST}${PATHS.clean}`, APP], {
        NODE_EXTRA_CA_CERTS: servers.certificateFile,
        // The test's proxy tunnels the name to the HTTPS server, whose certificate is for 127.0.0.1 and localhost.
        HTTPS_PROXY: servers.proxy.origin,
      });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /the TLS certificate of misnamed\.test is for another host name: it is for 127\.0\.0\.1 and localhost/);
    });

    it('with the certificate in NODE_EXTRA_CA_CERTS, https works', async () => {
      const run = await spawnBundle(['--served', https(PATHS.clean), APP], { NODE_EXTRA_CA_CERTS: servers.certificateFile });
      assert.equal(run.stderr, '');
      assert.equal(
        run.stdout,
        `✔ ${https(PATHS.clean)} serves the same key, forgeAppLink and forgeAppId as ${APP}; no problems in either.\n`,
      );
      assert.equal(run.code, 0);
    });
  });

  describe('proxies', () => {
    it('HTTP_PROXY carries http requests, NO_PROXY keeps a host off it', async () => {
      const url = http(PATHS.clean);
      const host = new URL(url).host;
      const before = servers.proxy.requests.length;
      const run = await cli(['--served', url, APP], { cwd: FIXTURES, env: { HTTP_PROXY: servers.proxy.origin } });
      assert.equal(run.code, 0, run.stderr);
      const carried = servers.proxy.requests.slice(before).map((r) => `${r.method} ${r.url}`);
      assert.ok(carried.includes(`CONNECT ${host}`) || carried.includes(`GET ${url}`), carried.join(', '));

      const bypassed = servers.proxy.requests.length;
      const direct = await cli(['--served', url, APP], { cwd: FIXTURES, env: { HTTP_PROXY: servers.proxy.origin, NO_PROXY: '127.0.0.1' } });
      assert.equal(direct.code, 0, direct.stderr);
      assert.equal(servers.proxy.requests.length, bypassed, 'NO_PROXY: the proxy saw nothing');
    });

    it('HTTPS_PROXY tunnels https with CONNECT', async () => {
      const before = servers.proxy.tunnels.length;
      const run = await spawnBundle(['--served', https(PATHS.clean), APP], {
        NODE_EXTRA_CA_CERTS: servers.certificateFile,
        HTTPS_PROXY: servers.proxy.origin,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(servers.proxy.tunnels.slice(before), [new URL(servers.https.origin).host]);
    });

    it('NO_PROXY keeps a host off HTTPS_PROXY too', async () => {
      const before = servers.proxy.requests.length;
      const run = await spawnBundle(['--served', https(PATHS.clean), APP], {
        NODE_EXTRA_CA_CERTS: servers.certificateFile,
        HTTPS_PROXY: servers.proxy.origin,
        NO_PROXY: '127.0.0.1',
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(servers.proxy.requests.length, before, 'the proxy saw nothing');
    });

    it('https_proxy is read before HTTPS_PROXY, and a failure names the variable as it was spelled', async () => {
      const down = `http://127.0.0.1:${servers.refusedPort}`;
      const before = servers.proxy.requests.length;
      const run = await cli(['--served', https(PATHS.clean), APP], {
        cwd: FIXTURES,
        env: { https_proxy: down, HTTPS_PROXY: servers.proxy.origin },
      });
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        new RegExp(`connection refused by 127\\.0\\.0\\.1:${servers.refusedPort} on the way to .*: is the proxy running\\?`),
      );
      assert.match(run.stderr, new RegExp(`\\(proxies: https_proxy=${down}/?\\)`));
      assert.doesNotMatch(run.stderr, /HTTPS_PROXY=/);
      assert.equal(servers.proxy.requests.length, before, 'HTTPS_PROXY was not used');
    });

    it("this machine's proxy variables do not reach a spawned run: only the test's", async () => {
      const down = `http://127.0.0.1:${servers.refusedPort}`;
      const machine = { https_proxy: down, http_proxy: down, all_proxy: down, no_proxy: '*' };
      const saved = Object.fromEntries(Object.keys(machine).map((name) => [name, process.env[name]]));
      Object.assign(process.env, machine);
      try {
        const before = servers.proxy.tunnels.length;
        const run = await spawnBundle(['--served', https(PATHS.clean), APP], {
          NODE_EXTRA_CA_CERTS: servers.certificateFile,
          HTTPS_PROXY: servers.proxy.origin,
        });
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(servers.proxy.tunnels.slice(before), [new URL(servers.https.origin).host], "through the test's proxy");
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    });

    it('a proxy that is down: the failure names the proxy variables', async () => {
      const proxy = `http://127.0.0.1:${servers.refusedPort}`;
      const run = await cli(['--served', http(PATHS.clean), APP], { cwd: FIXTURES, env: { HTTP_PROXY: proxy } });
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        new RegExp(`connection refused by 127\\.0\\.0\\.1:${servers.refusedPort} on the way to .*: is the proxy running\\?`),
      );
      assert.match(run.stderr, new RegExp(`\\(proxies: HTTP_PROXY=${proxy}/?\\)`));
    });
  });

  describe('what is sent', () => {
    it('a User-Agent with the tool and its version; no cookie, no credentials', async () => {
      const port = new URL(servers.http.origin).port;
      const run = await served(`http://me:secret@127.0.0.1:${port}${PATHS.cookie}`);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /note: the user name and password in the URL were removed: credentials are never sent/);
      const [first, second] = servers.http.requests.slice(-2);
      assert.equal(first.url, PATHS.cookie);
      assert.equal(second.url, PATHS.clean);
      for (const request of [first, second]) {
        assert.equal(request.headers.authorization, undefined);
        assert.equal(request.headers.cookie, undefined, 'the cookie set by the redirect is not sent back');
        assert.match(String(request.headers['user-agent']), new RegExp(`^connect-forge-lint/${VERSION.replace(/\./g, '\\.')} `));
      }
    });
  });

  describe('which URL and which local descriptor', () => {
    const workspace = temporaryWorkspaces();

    it("without a URL: the local descriptor's baseUrl + /atlassian-connect.json", async () => {
      const folder = workspace();
      writeFileSync(
        path.join(folder, 'atlassian-connect.json'),
        servedDescriptor({ key: 'acme-served', forgeAppLink: SERVED_LINK, forgeAppId: SERVED_ARI, baseUrl: servers.http.origin }),
      );
      const run = await cli(['--served'], { cwd: folder });
      assert.equal(run.stderr, '');
      assert.equal(
        run.stdout,
        `✔ ${http(PATHS.clean)} serves the same key, forgeAppLink and forgeAppId as atlassian-connect.json; no problems in either.\n`,
      );
      assert.equal(run.code, 0);
    });

    it('without a URL, a templated baseUrl: which URL to pass, and the usual local ones', async () => {
      const run = await cli(['--served', '--', 'served-ace/atlassian-connect.json'], { cwd: FIXTURES });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /baseUrl is a template \("\{\{localBaseUrl\}\}"\)/);
      assert.match(
        run.stderr,
        /atlassian-connect-express http:\/\/localhost:3000\/atlassian-connect\.json, Spring Boot http:\/\/localhost:8080\/atlassian-connect\.json/,
      );
      assert.equal(run.stdout, '');
    });

    it('several descriptors: the one with the served key is compared, and the output says which', async () => {
      const run = await cli(['--served', http(PATHS.clean), 'served-two'], { cwd: FIXTURES });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /note: compared with served-two\/a\/atlassian-connect\.json, whose key is the served key "acme-served"/);
      assert.match(run.stdout, /as served-two\/a\/atlassian-connect\.json; no problems in either/);
    });

    it('several descriptors and none has the served key: asks for one', async () => {
      const run = await cli(['--served', http(PATHS.ace), 'served-two'], { cwd: FIXTURES });
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /cannot tell which local descriptor to compare with: 2 were found .* none of them has the served key "acme-served-dev"; name the one/,
      );
    });

    it('several descriptors without a URL: asks for one', async () => {
      const run = await cli(['--served', 'served-two'], { cwd: FIXTURES });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--served without a URL takes the local descriptor's baseUrl, but 2 descriptors were found/);
    });

    it('no local descriptor: the served one is checked alone', async () => {
      const folder = workspace();
      const run = await cli(['--served', http(PATHS.clean)], { cwd: folder });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `✔ No problems in the descriptor served at ${http(PATHS.clean)}.\n`);
      assert.match(run.stderr, /note: no local descriptor was found: the served descriptor is checked but not compared/);
    });
  });

  describe('output formats', () => {
    it('json: the served descriptor is a file entry under its final URL, with where it came from', async () => {
      const run = await served(http(PATHS.chain), '--format', 'json');
      assert.equal(run.code, 0);
      const report = JSON.parse(run.stdout) as JsonReport & {
        files: { served?: { url: string; finalUrl: string; redirects: string[] } }[];
      };
      const entry = report.files.find((file) => file.path === http(PATHS.clean));
      assert.ok(entry, run.stdout);
      assert.deepEqual(entry.served?.redirects, [http('/redirect/3'), http('/redirect/2'), http('/redirect/1')]);
      assert.equal(entry.served?.url, http(PATHS.chain));
    });

    it('json: findings of the served descriptor with their positions in the served text', async () => {
      const run = await served(http(PATHS.noLink), '--format', 'json');
      const report = JSON.parse(run.stdout) as JsonReport;
      const entry = report.files.find((file) => file.path === http(PATHS.noLink));
      assert.deepEqual(entry?.findings.map((f) => [f.rule, f.range.start.line, f.fixable]).sort(), [
        ['forge-app-link-missing', 2, false],
        ['served-descriptor-differs', 2, false],
      ]);
      assert.equal(report.summary.exitCode, 1);
    });
  });

  describe('the CI formats name the served descriptor by its URL', () => {
    const url = () => http(PATHS.noLink);
    const formatted = async (format: string) => {
      const run = await served(url(), '--format', format);
      assert.equal(run.code, 1, run.stderr);
      return run.stdout;
    };

    it('junit: a testsuite named by the URL, the comparison a failing testcase', async () => {
      const root = parseXml(await formatted('junit'));
      const suite = descendants(root).find((e) => e.name === 'testsuite' && e.attributes.name === url());
      assert.ok(suite, 'a testsuite for the URL');
      const differs = descendants(suite).find((e) => e.name === 'testcase' && e.attributes.name === 'served-descriptor-differs');
      assert.ok(differs && descendants(differs).some((e) => e.name === 'failure'), 'served-descriptor-differs fails');
    });

    it('sarif: valid, with the URL as the artifact', async () => {
      const log = validSarif<{
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      }>(await formatted('sarif'));
      const result = log.runs[0].results.find((r) => r.ruleId === 'served-descriptor-differs');
      assert.equal(result?.locations[0].physicalLocation.artifactLocation.uri, url());
    });

    it('code-insights: the URL and line in the summary (no file of the repository to annotate)', async () => {
      const document = JSON.parse(await formatted('code-insights')) as { annotations: { title: string; summary: string; path?: string }[] };
      const annotation = document.annotations.find((a) => a.title === 'served-descriptor-differs');
      assert.ok(annotation, 'an annotation for the comparison');
      assert.equal(annotation.path, undefined);
      assert.ok(annotation.summary.startsWith(`${url()}:2: The served descriptor has no forgeAppLink`), annotation.summary);
    });

    it('github: the URL and position in the message', async () => {
      const lines = (await formatted('github')).split('\n');
      assert.ok(
        lines.some(
          (line) =>
            line.startsWith('::warning title=served-descriptor-differs') &&
            line.includes(`::${url()}:2:3: The served descriptor has no forgeAppLink`),
        ),
        lines.join('\n'),
      );
    });

    it('the served descriptor and the matched manifest are not counted as descriptors checked', async () => {
      const clean = http(PATHS.clean);
      const json = JSON.parse((await served(clean, '--format', 'json')).stdout) as JsonReport;
      assert.deepEqual(
        json.files.map((file) => file.path),
        [APP, 'served-app/forge/manifest.yml', clean],
      );
      const github = await served(clean, '--format', 'github');
      assert.equal(github.stdout, '✔ No problems in 1 descriptor.\n');
      const insights = await served(clean, '--format', 'code-insights');
      const { report } = JSON.parse(insights.stdout) as CodeInsightsDocument;
      assert.equal(
        report.details,
        `connect-forge-lint ${VERSION} checked 1 Connect descriptor and the descriptor served at ${clean}: 0 errors, 0 warnings, 0 info.`,
      );
      assert.deepEqual(report.data[0], { title: 'Descriptors checked', type: 'NUMBER', value: 1 });
      for (const run of [github, insights]) assert.equal(run.code, 0, run.stderr);
    });

    it('a served descriptor that cannot be fetched is an error under its URL', async () => {
      const run = await served(http(PATHS.notFound), '--format', 'sarif');
      assert.equal(run.code, 2);
      const log = validSarif<{
        runs: {
          invocations: {
            toolExecutionNotifications: {
              level: string;
              message: { text: string };
              locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
            }[];
          }[];
        }[];
      }>(run.stdout);
      const failure = log.runs[0].invocations[0].toolExecutionNotifications.find((n) => n.message.text.includes('HTTP 404'));
      assert.equal(failure?.level, 'error');
      assert.equal(failure?.locations[0].physicalLocation.artifactLocation.uri, http(PATHS.notFound));
    });
  });

  describe('the served rules are configured like every rule', () => {
    it('--rule served-descriptor-differs=off leaves the comparison out; =error makes it an error', async () => {
      const url = http(PATHS.noLink);
      const off = await served(url, '--rule', 'served-descriptor-differs=off');
      assert.equal(off.code, 1, 'forge-app-link-missing still fails the run');
      assert.doesNotMatch(off.stdout, /served-descriptor-differs/);
      assert.match(off.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 info\)/);

      const error = await served(url, '--rule', 'served-descriptor-differs=error');
      assert.equal(error.code, 1);
      assert.match(
        error.stdout,
        new RegExp(`^${url}:2:3  error    The served descriptor has no forgeAppLink, .*  served-descriptor-differs$`, 'm'),
      );
      assert.match(error.stdout, /✖ 2 problems \(1 error, 1 warning, 0 info\)/);
    });

    it('--rule served-descriptor-not-json=off: a comment in the served JSON5 is no finding', async () => {
      const run = await served(http(PATHS.json5), '--rule', 'served-descriptor-not-json=off');
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /^✔ .* serves the same key, forgeAppLink and forgeAppId/);
    });
  });

  describe('the command line', () => {
    it('--served followed by an option takes no value; --served=<url> does', async () => {
      const run = await cli(['--served=' + http(PATHS.clean), '--quiet', APP], { cwd: FIXTURES });
      assert.equal(run.code, 0, run.stderr);
      const noUrl = await cli(['--served', '--quiet', 'served-ace'], { cwd: FIXTURES });
      assert.equal(noUrl.code, 2);
      assert.match(noUrl.stderr, /--served needs a URL: served-ace\/atlassian-connect\.json's baseUrl is a template/);
    });

    it('--timeout takes seconds', async () => {
      for (const bad of ['0', 'abc', '-1', '601']) {
        const run = await cli(['--served', http(PATHS.clean), '--timeout', bad, APP], { cwd: FIXTURES });
        assert.equal(run.code, 2, bad);
        assert.match(run.stderr, /--timeout must be a number of seconds above 0 and at most 600/);
      }
    });
  });
});
