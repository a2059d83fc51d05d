/**
 * The served-descriptor check's pure parts (which URLs, the URL from baseUrl, naming failures,
 * analysing a served text) and fetchServed with Node's global fetch, the one VS Code's extension
 * host hands the command, against the real servers of test/support/servedServers.ts.
 */
import * as assert from 'node:assert/strict';
import {
  FetchFunction,
  analyze,
  analyzeServed,
  checkServedUrl,
  describeNetworkError,
  fetchServed,
  isLoopbackHost,
  linePosition,
  offsetAt,
  placeOnLocal,
  servedUrlFromBaseUrl,
} from '../../server/src/core';
import { ARI, LINK, bitbucket, idMember, linkMember } from '../support/core';
import { workspaceManifests, forgeManifest } from '../support/ruleTable';
import { CLEAN, PATHS, ServedServers, localLookup, startServedServers } from '../support/servedServers';
import { createCliFetch } from '../../server/src/cli/servedFetch';

describe('served descriptors', () => {
  describe('which URLs are fetched', () => {
    it('loopback hosts', () => {
      for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '[::ffff:7f00:1]', 'LOCALHOST'])
        assert.equal(isLoopbackHost(host), true, host);
      for (const host of ['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '[::2]', '127.0.0.1.nip.io', '[::ffff:a00:1]'])
        assert.equal(isLoopbackHost(host), false, host);
    });

    it('http: and https: only; plain http only to this machine unless allowed', () => {
      assert.equal(checkServedUrl('https://app.example.com/atlassian-connect.json', { allowHttp: false }).ok, true);
      assert.equal(checkServedUrl('http://localhost:3000/atlassian-connect.json', { allowHttp: false }).ok, true);
      assert.equal(checkServedUrl('http://[::1]:3000/', { allowHttp: false }).ok, true);
      const plain = checkServedUrl('http://app.example.com/', { allowHttp: false });
      assert.ok(!plain.ok && plain.kind === 'plain-http');
      assert.equal(checkServedUrl('http://app.example.com/', { allowHttp: true }).ok, true);
      // The editor's yes is for the host whose URL was confirmed, not for any host a redirect names.
      const confirmed = { allowHttp: false, httpHosts: ['app.example.com:8080'] };
      assert.equal(checkServedUrl('http://app.example.com:8080/other', confirmed).ok, true);
      for (const elsewhere of ['http://app.example.com/', 'http://10.0.0.5:8080/', 'http://other.example.com:8080/']) {
        const refusedElsewhere = checkServedUrl(elsewhere, confirmed);
        assert.ok(!refusedElsewhere.ok && refusedElsewhere.kind === 'plain-http', elsewhere);
      }
      for (const [url, kind] of [
        ['file:///etc/passwd', 'scheme'],
        ['javascript:alert(1)', 'scheme'],
        ['data:application/json,{}', 'scheme'],
        ['not a url', 'not-a-url'],
      ] as const) {
        const checked = checkServedUrl(url, { allowHttp: true });
        assert.ok(!checked.ok && checked.kind === kind, url);
      }
    });

    it('says what was probably meant', () => {
      const port = checkServedUrl('localhost:3000', { allowHttp: false });
      assert.ok(!port.ok && port.message.includes('did you mean http://localhost:3000?'), JSON.stringify(port));
      const loopback = checkServedUrl('127.0.0.1:3000/atlassian-connect.json', { allowHttp: false });
      assert.ok(
        !loopback.ok && loopback.message.includes('did you mean http://127.0.0.1:3000/atlassian-connect.json?'),
        JSON.stringify(loopback),
      );
      const host = checkServedUrl('app.example.com/atlassian-connect.json', { allowHttp: false });
      assert.ok(!host.ok && host.message.includes('did you mean https://app.example.com/atlassian-connect.json?'));
    });

    it('a user name and password are removed, and that is said', () => {
      const checked = checkServedUrl('https://me:secret@app.example.com/atlassian-connect.json', { allowHttp: false });
      assert.ok(checked.ok);
      assert.equal(checked.url.href, 'https://app.example.com/atlassian-connect.json');
      assert.match(checked.notes[0], /the user name and password in the URL were removed: credentials are never sent/);
    });
  });

  describe('the URL from baseUrl', () => {
    it('a literal https baseUrl (and http on this machine), with or without a path or slash', () => {
      assert.deepEqual(servedUrlFromBaseUrl('https://app.example.com', 'a.json'), {
        ok: true,
        url: 'https://app.example.com/atlassian-connect.json',
      });
      assert.deepEqual(servedUrlFromBaseUrl('https://app.example.com/connect/', 'a.json'), {
        ok: true,
        url: 'https://app.example.com/connect/atlassian-connect.json',
      });
      assert.deepEqual(servedUrlFromBaseUrl('http://localhost:3000', 'a.json'), {
        ok: true,
        url: 'http://localhost:3000/atlassian-connect.json',
      });
    });

    it('a template, none, or plain http elsewhere: which URL to pass, and the usual local ones', () => {
      for (const [value, says] of [
        ['{{localBaseUrl}}', 'is a template ("{{localBaseUrl}}")'],
        ['${addon.base-url}', 'is a template'],
        [undefined, 'has no baseUrl'],
        [42, 'is not a string'],
        ['http://app.example.com', 'is not an https URL'],
        ['app', 'is not a URL'],
      ] as const) {
        const derived = servedUrlFromBaseUrl(value, 'atlassian-connect.json');
        assert.ok(!derived.ok, String(value));
        assert.ok(derived.message.includes(says), derived.message);
        assert.match(
          derived.message,
          /atlassian-connect-express http:\/\/localhost:3000\/atlassian-connect\.json, Spring Boot http:\/\/localhost:8080\/atlassian-connect\.json/,
        );
      }
    });
  });

  describe('naming network failures', () => {
    const url = new URL('https://app.example.com/atlassian-connect.json');
    const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
    const system = (code: string, message = code) => Object.assign(new Error(message), { code });

    it('by the code in the cause chain, happy-eyeballs attempts included', () => {
      const cases: [unknown, string, RegExp][] = [
        [fetchFailed(system('ECONNREFUSED')), 'refused', /connection refused by app\.example\.com: is the app running\?/],
        [fetchFailed(Object.assign(new AggregateError([system('ECONNREFUSED')]), { code: undefined })), 'refused', /is the app running/],
        [fetchFailed(system('ENOTFOUND')), 'dns', /the host name app\.example\.com was not found \(DNS\)/],
        [fetchFailed(system('EAI_AGAIN')), 'dns', /could not be looked up \(DNS failed\): is the network up\?/],
        [fetchFailed(system('DEPTH_ZERO_SELF_SIGNED_CERT')), 'tls-self-signed', /self-signed.*NODE_EXTRA_CA_CERTS/],
        [fetchFailed(system('SELF_SIGNED_CERT_IN_CHAIN')), 'tls-self-signed', /self-signed/],
        [fetchFailed(system('UNABLE_TO_VERIFY_LEAF_SIGNATURE')), 'tls-untrusted', /a CA that is not trusted.*NODE_EXTRA_CA_CERTS/],
        [fetchFailed(system('CERT_HAS_EXPIRED')), 'tls', /has expired/],
        [fetchFailed(system('ERR_TLS_CERT_ALTNAME_INVALID')), 'tls', /is for another host name$/],
        [
          fetchFailed(
            Object.assign(system('ERR_TLS_CERT_ALTNAME_INVALID'), {
              cert: { subjectaltname: 'DNS:www.example.com, DNS:example.com, IP Address:10.0.0.1', subject: { CN: 'www.example.com' } },
            }),
          ),
          'tls',
          /the TLS certificate of app\.example\.com is for another host name: it is for www\.example\.com, example\.com and 10\.0\.0\.1$/,
        ],
        [
          fetchFailed(Object.assign(system('ERR_TLS_CERT_ALTNAME_INVALID'), { cert: { subject: { CN: 'old.example.com' } } })),
          'tls',
          /is for another host name: it is for old\.example\.com$/,
        ],
        [fetchFailed(system('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number')), 'tls', /does it speak https\? Try http:\/\//],
        [fetchFailed(system('UND_ERR_CONNECT_TIMEOUT')), 'timeout', /connecting to app\.example\.com timed out/],
        [fetchFailed(system('ECONNRESET')), 'connection', /closed the connection before the response was complete/],
        [
          fetchFailed(new Error('something new')),
          'connection',
          /fetching https:\/\/app\.example\.com\/atlassian-connect\.json failed: something new/,
        ],
        ['a string thrown', 'connection', /failed: a string thrown/],
        [fetchFailed(new Error('bad port')), 'connection', /port 443 is not fetched, as it belongs to another protocol/],
      ];
      for (const [error, kind, message] of cases) {
        const named = describeNetworkError(error, url);
        assert.equal(named.kind, kind, JSON.stringify(named));
        assert.match(named.message, message);
      }
    });
  });

  describe('analysing a served text', () => {
    const local = (text: string) => ({ label: 'atlassian-connect.json', location: '/w/connect/atlassian-connect.json', text });
    const URL_ = 'https://app.example.com/atlassian-connect.json';

    it('an empty body, an HTML page, text that is not JSON, JSON that is not an object: failures, not findings', () => {
      for (const [text, contentType, kind, says] of [
        ['', undefined, 'empty', 'answered with an empty body'],
        ['\uFEFF  \n', undefined, 'empty', 'empty body'],
        ['<!DOCTYPE html><html><title>Proxy error</title></html>', 'text/html', 'html', 'served an HTML page ("Proxy error"), not JSON'],
        ['<html><body>Login</body></html>', undefined, 'html', 'served an HTML page, not JSON'],
        ['{ "key": "a" "b": 1 }', 'application/json', 'invalid-json', 'did not serve valid JSON: comma expected at line 1, column 14'],
        ['{ "key": \'a\' }', undefined, 'invalid-json', 'did not serve valid JSON'],
        ['[1, 2]', undefined, 'invalid-json', 'JSON that is not an object'],
      ] as const) {
        const result = analyzeServed(text, { url: URL_, contentType, local: local(bitbucket()) });
        assert.ok(!result.ok, text);
        assert.equal(result.kind, kind, text);
        assert.ok(result.message.includes(says), result.message);
      }
    });

    it('JSON5 syntax where JSON stops is named as JSON5 (a look at the place, not a JSON5 parser), and JSON mistakes are not', () => {
      const named = (text: string) => {
        const result = analyzeServed(text, { url: URL_ });
        assert.ok(!result.ok && result.kind === 'invalid-json', text);
        return /it looks like JSON5 \(([^)]*)\), and Bitbucket reads the descriptor as JSON/.exec(result.message)?.[1];
      };
      assert.equal(named('{\n  key: "a"\n}'), 'an unquoted key, key');
      assert.equal(named('{ "key": \'a\' }'), 'a string in single quotes');
      for (const number of ['0x1F', '.5', '+1', 'Infinity', 'NaN'])
        assert.equal(named(`{ "key": "a", "n": ${number} }`), 'a JSON5 number', number);
      for (const text of ['{ "key": "a" "b": 1 }', '{ "key": a }', '{ "key": "a", }x', '{ "key" "a" }'])
        assert.equal(named(text), undefined, text);
    });

    it('JSON served as text/html is still read as JSON', () => {
      const result = analyzeServed(bitbucket(), { url: URL_, contentType: 'text/html' });
      assert.ok(result.ok);
    });

    it("runs every descriptor rule on the served text, with the local descriptor's manifests, and offers no fix", () => {
      const manifests = workspaceManifests({ 'forge/manifest.yml': forgeManifest(`id: ${ARI}`) });
      const localText = bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`);
      const localAnalysis = analyze(localText, { manifests });
      assert.equal(localAnalysis.manifests.matches.length, 1);
      // The served forgeAppId is a bare UUID: a fixable finding locally, none when served.
      const servedText = bitbucket(`${linkMember(LINK)}\n${idMember(ARI.replace('ari:cloud:ecosystem::app/', ''))}`);
      assert.ok(
        analyze(servedText).findings.some((f) => f.fixes.length > 0),
        'fixable as a local file',
      );
      const result = analyzeServed(servedText, { url: URL_, local: { ...local(localText), analysis: localAnalysis } });
      assert.ok(result.ok);
      assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ['forge-app-id-invalid', 'served-descriptor-differs']);
      assert.ok(result.findings.every((f) => f.fixes.length === 0 && f.inputFix === undefined));
      assert.equal(result.analysis.manifests.matches[0]?.label, 'forge/manifest.yml', "the local descriptor's match");
    });
  });

  describe('placing served findings on the local descriptor', () => {
    const URL_ = 'https://app.example.com/atlassian-connect.json';
    const place = (servedText: string, localText: string) => {
      const location = '/w/atlassian-connect.json';
      const localAnalysis = analyze(localText);
      const result = analyzeServed(servedText, {
        url: URL_,
        local: { label: 'atlassian-connect.json', location, text: localText, analysis: localAnalysis },
      });
      assert.ok(result.ok);
      return placeOnLocal(result.findings, servedText, URL_, { text: localText, parsed: localAnalysis.parsed, location });
    };

    it("a comparison's finding sits where the local file has the key, and names the served line", () => {
      const localText = bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`);
      const placed = place(bitbucket(idMember(ARI)), localText);
      const differs = placed.find((f) => f.ruleId === 'served-descriptor-differs');
      assert.ok(differs);
      assert.equal(localText.slice(differs.start, differs.end), `"forgeAppLink": ${JSON.stringify(LINK)}`);
      assert.match(
        differs.message,
        /^The served descriptor has no forgeAppLink.*\(served at https:\/\/app\.example\.com\/atlassian-connect\.json\)\. \(line 2 there\)$/,
      );
      assert.deepEqual(differs.related, [], 'no related place in the served text or the local file itself');
    });

    it("a descriptor rule's finding sits on the local node of the same path, or its nearest ancestor, and says where it was served", () => {
      const localText = bitbucket(`${linkMember(LINK)}\n${idMember(ARI)}`);
      const servedText = bitbucket(
        `${linkMember(LINK)}\n${idMember(ARI.toUpperCase().replace('ARI:CLOUD:ECOSYSTEM::APP/', 'ari:cloud:ecosystem::app/'))}`,
      );
      const invalid = place(servedText, localText).find((f) => f.ruleId === 'forge-app-id-invalid');
      assert.ok(invalid, 'the served id is flagged');
      assert.equal(localText.slice(invalid.start, invalid.end), `"forgeAppId": ${JSON.stringify(ARI)}`);
      assert.match(invalid.message, /^Served at https:\/\/app\.example\.com\/atlassian-connect\.json \(line 4\): /);
      assert.ok(invalid.fixes.length === 0 && invalid.unnecessary === undefined);
    });

    it('a finding on a key the local file lacks goes to the root', () => {
      const localText = bitbucket();
      const placed = place(bitbucket(idMember('not-an-ari')), localText);
      const invalid = placed.find((f) => f.ruleId === 'forge-app-id-invalid');
      assert.ok(invalid);
      assert.equal(localText.slice(invalid.start, invalid.end), '"key"', 'on the name of "key", as root findings are');
    });

    it('offsetAt is linePosition turned around, for LF, CRLF and lone CR', () => {
      for (const text of ['a\nbc\n', 'a\r\nbc\r\n', 'a\rbc\r', '', 'x']) {
        for (let offset = 0; offset <= text.length; offset++) {
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
          assert.equal(offsetAt(text, linePosition(text, offset)), offset, `${JSON.stringify(text)} @${offset}`);
        }
      }
      assert.equal(offsetAt('ab\ncd', { line: 0, character: 99 }), 2, 'clamped to the line');
      assert.equal(offsetAt('ab', { line: 5, character: 0 }), 2, 'clamped to the text');
    });
  });

  describe("fetchServed with Node's global fetch (as in VS Code's extension host)", function () {
    let servers: ServedServers;
    before(async () => {
      servers = await startServedServers();
    });
    after(() => servers.close());
    const globalFetch: FetchFunction = (url, init) => fetch(url, init);
    const get = (pathname: string, timeoutMs?: number) =>
      fetchServed(`${servers.http.origin}${pathname}`, { fetch: globalFetch, userAgent: 'test/1', allowHttp: false, timeoutMs });

    it('decodes gzip and br, and follows redirects to the final URL', async () => {
      for (const pathname of [PATHS.gzip, PATHS.brotli, PATHS.chain]) {
        const result = await get(pathname);
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(result.text, CLEAN);
      }
      const chained = await get(PATHS.chain);
      assert.ok(chained.ok);
      assert.equal(chained.finalUrl, `${servers.http.origin}${PATHS.clean}`);
      assert.equal(chained.redirects.length, 3);
    });

    it('stops at 5 MB, at a loop and at the timeout', async () => {
      const large = await get(PATHS.large);
      assert.ok(!large.ok && large.kind === 'too-large');
      const loop = await get(PATHS.loop);
      assert.ok(!loop.ok && loop.kind === 'redirect-loop');
      const slow = await get(PATHS.slow, 300);
      assert.ok(!slow.ok && slow.kind === 'timeout', JSON.stringify(slow));
    });

    it('names a body that is not what its Content-Encoding says, and a body that stalls after the headers', async () => {
      const broken = await get(PATHS.badGzip);
      assert.ok(!broken.ok && broken.kind === 'encoding', JSON.stringify(broken));
      assert.match(
        broken.message,
        /says it is compressed \(Content-Encoding: gzip\), but the compressed body is broken \(incorrect header check\)/,
      );
      const stalled = await get(PATHS.stalled, 300);
      assert.ok(!stalled.ok && stalled.kind === 'timeout', JSON.stringify(stalled));
      assert.match(stalled.message, /answered HTTP 200 OK, but its body stalled: not complete within 0\.3 s \(timeout\)/);
    });

    it('plain http to another machine, also by a redirect from this one, only when allowed (the CLI and the editor decide alike)', async () => {
      const network = createCliFetch({}, localLookup);
      try {
        const options = { fetch: network.fetch, userAgent: 't' };
        const before = servers.http.requests.length;
        const refused = await fetchServed(`${servers.http.origin}${PATHS.toOtherHost}`, { ...options, allowHttp: false });
        assert.ok(!refused.ok && refused.kind === 'plain-http', JSON.stringify(refused));
        assert.match(
          refused.message,
          /redirects to http:\/\/served\.test:\d+\/atlassian-connect\.json, which is not fetched: .*plain http: and not on this machine/,
        );
        assert.deepEqual(
          servers.http.requests.slice(before).map((r) => r.url),
          [PATHS.toOtherHost],
          'the redirect was not followed',
        );
        // A yes for this machine's URL (the editor's) is no yes for the other host the redirect names.
        const confirmedHere = await fetchServed(`${servers.http.origin}${PATHS.toOtherHost}`, {
          ...options,
          allowHttp: false,
          httpHosts: [new URL(servers.http.origin).host],
        });
        assert.ok(!confirmedHere.ok && confirmedHere.kind === 'plain-http', JSON.stringify(confirmedHere));
        const allowed = await fetchServed(`${servers.http.origin}${PATHS.toOtherHost}`, { ...options, allowHttp: true });
        assert.ok(allowed.ok, JSON.stringify(allowed));
        assert.match(allowed.finalUrl, /^http:\/\/served\.test:\d+\/atlassian-connect\.json$/);
        assert.equal(servers.http.requests.at(-1)?.headers.host, new URL(allowed.finalUrl).host);
      } finally {
        await network.close();
      }
    });

    it('names a refused connection and a self-signed certificate', async () => {
      const refused = await fetchServed(`http://127.0.0.1:${servers.refusedPort}/`, {
        fetch: globalFetch,
        userAgent: 't',
        allowHttp: false,
      });
      assert.ok(!refused.ok && refused.kind === 'refused', JSON.stringify(refused));
      const tls = await fetchServed(`${servers.https.origin}${PATHS.clean}`, { fetch: globalFetch, userAgent: 't', allowHttp: false });
      assert.ok(!tls.ok && tls.kind === 'tls-self-signed', JSON.stringify(tls));
    });

    it('a fetch function that throws synchronously or rejects oddly is a named failure, not a crash', async () => {
      const throwing: FetchFunction = () => {
        throw new Error('no network here');
      };
      const result = await fetchServed('https://app.example.com/', { fetch: throwing, userAgent: 't', allowHttp: false });
      assert.ok(!result.ok && result.kind === 'connection' && result.message.includes('no network here'));
    });
  });
});
