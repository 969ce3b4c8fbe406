// Error answers: 404, 405, 413, 400 on malformed input, JSON API errors, and
// a barrage of odd raw requests that must never bring the server down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { startServer } from '../lib/server.mjs';
import { api, anonymousForm, headersOf, rawRequest, securityHeaderProblems, setupDistrict } from '../lib/http.mjs';

let srv;
let stopped = null;
let north;

before(async () => {
  srv = await startServer();
  north = await setupDistrict(srv, 'north', 'North Valley Schools', 'admin@north.example.org', { signin: false });
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

/** The {"error": {"code", "message", "field"}} shape; returns the error object. */
function apiError(r, status) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(r.status), `status ${r.status} is one of ${statuses}: ${r.text}`);
  assert.match(r.res.headers.get('content-type') || '', /^application\/json/);
  assert.ok(r.json && typeof r.json.error === 'object' && r.json.error, `an error object: ${r.text}`);
  const e = r.json.error;
  for (const k of ['code', 'message', 'field']) assert.ok(k in e, `error.${k} is present: ${r.text}`);
  assert.equal(typeof e.code, 'string');
  assert.ok(typeof e.message === 'string' && e.message.length > 0, 'a message for people');
  return e;
}

test('/healthz answers 200 ok', async () => {
  const res = await srv.fetch('/healthz');
  assert.equal(res.status, 200);
  assert.equal((await res.text()).trim(), 'ok');
});

test('an unknown path answers a 404 HTML page with the security headers', async () => {
  const res = await srv.fetch('/no/such/page');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') || '', /^text\/html/);
  const html = await res.text();
  assert.match(html, /<html[^>]* lang="/, 'a whole page');
  assert.match(html, /nothing at this address/i);
  assert.deepEqual(securityHeaderProblems(res), []);
});

test('DELETE /healthz answers 405 with an Allow header naming GET', async () => {
  const res = await srv.fetch('/healthz', { method: 'DELETE' });
  assert.equal(res.status, 405);
  const allow = res.headers.get('allow') || '';
  assert.ok(allow.split(/,\s*/).includes('GET'), `Allow: ${allow}`);
  assert.ok(!allow.split(/,\s*/).includes('DELETE'), `Allow: ${allow}`);
});

test('a 2 MiB form body to /signin answers 413 with the security headers', async () => {
  const body = 'email=' + 'a'.repeat(2 * 1024 * 1024);
  const head =
    `POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  // The server reads and discards a body of a few MiB, then answers.
  const r = await rawRequest(srv.port, [head, body], { timeout: 5000, untilResponse: true });
  assert.equal(r.status, 413, `status line of ${JSON.stringify(r.data.slice(0, 200))} (${r.error})`);
  assert.deepEqual(securityHeaderProblems(new Response(null, { headers: headersOf(r.data) })), [], '413 headers');
});

test('a client that sends the whole 2 MiB body gets the 413 answer, not a reset', async () => {
  // Bodies up to 64 MiB are read and thrown away before the 413, so a
  // client still writing reads the answer instead of a reset connection.
  const body = 'email=' + 'a'.repeat(2 * 1024 * 1024);
  const got = [];
  for (let i = 0; i < 4; i++) {
    try {
      const res = await srv.fetch('/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
        body,
      });
      await res.arrayBuffer();
      got.push(res.status);
    } catch (e) {
      got.push(e.cause?.code || e.message);
    }
  }
  assert.deepEqual(got, [413, 413, 413, 413], `answers: ${JSON.stringify(got)}`);
  assert.equal((await srv.fetch('/healthz')).status, 200);
});

test('a 2 MiB chunked form body (no Content-Length) answers 413 too', async () => {
  const chunk = 'a'.repeat(64 * 1024);
  const parts = [
    'POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
    '6\r\nemail=\r\n',
  ];
  for (let i = 0; i < 32; i++) parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  parts.push('0\r\n\r\n');
  const r = await rawRequest(srv.port, parts, { timeout: 8000, untilResponse: true });
  assert.equal(r.status, 413, `status line of ${JSON.stringify(r.data.slice(0, 200))} (${r.error})`);
});

test('a request with both Content-Length and Transfer-Encoding answers 400', async () => {
  const head =
    'POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    'Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\na=b&c\r\n0\r\n\r\n';
  const r = await rawRequest(srv.port, [head], { timeout: 5000, untilResponse: true });
  assert.equal(r.status, 400, `status line of ${JSON.stringify(r.data.slice(0, 200))} (${r.error})`);
});

test('a malformed query string answers 400', async () => {
  const res = await srv.fetch('/signin?a=%zz');
  assert.equal(res.status, 400);
  assert.deepEqual(securityHeaderProblems(res), []);
});

/** The session cookies an answer sets: a refused sign-in sets none. */
const sessionCookies = (res) => res.headers.getSetCookie().filter((c) => c.startsWith('cg_session='));

test('a malformed urlencoded body answers 400', async () => {
  const { jar, csrf } = await anonymousForm(srv);
  // The second holds the right credentials besides the broken escape: a
  // parser that skipped the bad pair would sign in.
  for (const body of ['email=%zz',
    `${new URLSearchParams({ _csrf: csrf, email: north.email, password: north.password })}&next=%zz`]) {
    const res = await srv.fetch('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body,
    });
    assert.equal(res.status, 400, body);
    assert.deepEqual(sessionCookies(res), [], 'no session is made');
  }
});

test('a multipart body with a broken boundary answers 400', async () => {
  const { jar, csrf } = await anonymousForm(srv);
  const cases = [
    // The body never uses the declared boundary.
    ['multipart/form-data; boundary=abc123', `--other\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--other--\r\n`],
    // No boundary parameter at all.
    ['multipart/form-data', `--abc\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--abc--\r\n`],
    // The closing delimiter is missing.
    ['multipart/form-data; boundary=abc123', `--abc123\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`],
    // A boundary longer than RFC 2046 allows.
    [`multipart/form-data; boundary=${'b'.repeat(200)}`, `--${'b'.repeat(200)}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--${'b'.repeat(200)}--\r\n`],
  ];
  for (const [ct, body] of cases) {
    const res = await srv.fetch('/signin', { method: 'POST', headers: { 'content-type': ct, cookie: jar.header() }, body });
    assert.equal(res.status, 400, `${ct} with ${JSON.stringify(body.slice(0, 60))}`);
  }
});

test('NUL bytes and invalid UTF-8 in a path answer 404 or 400, never 5xx', async () => {
  for (const path of ['/d/%ff/', '/d/%00/', '/d/%c3%28/', '/d/%ed%a0%80/', '/admin/users/%00', '/static/%2e%2e%2fMakefile',
    '/static/..%2f..%2fMakefile', '/d/north%00/', '/api/v1/initiatives/%ff']) {
    const res = await srv.fetch(path);
    assert.ok([400, 401, 404].includes(res.status) || (res.status === 303 && path.startsWith('/admin')),
      `${path} answered ${res.status}`);
    assert.ok(res.status < 500, `${path} answered ${res.status}`);
    const text = await res.text();
    assert.doesNotMatch(text, /^(CC|CFLAGS|\.PHONY)/m, `${path} does not leak files`);
  }
});

test('a JSON API POST with invalid JSON answers 400 with an error object', async () => {
  const r = await api(srv, north.token, 'POST', '/api/v1/initiatives', '{"title": "x",');
  const e = apiError(r, 400);
  assert.equal(e.code, 'bad_request');
  const arr = await api(srv, north.token, 'POST', '/api/v1/initiatives', '["title"]');
  apiError(arr, 400);
});

test('a JSON API POST with a wrong field type answers 400 naming "title"', async () => {
  const r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: 5 });
  const e = apiError(r, 400);
  assert.equal(e.field, 'title');
  const list = await api(srv, north.token, 'GET', '/api/v1/initiatives');
  assert.equal(list.status, 200);
  assert.equal(list.json.initiatives.length, 0, 'nothing was created');
});

test('a JSON API POST without a title answers 400 or 422 naming "title"', async () => {
  const r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { why: 'no title given' });
  const e = apiError(r, [400, 422]);
  assert.equal(e.field, 'title');
  const blank = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: '   ' });
  assert.equal(apiError(blank, [400, 422]).field, 'title');
});

test('a JSON API POST sent as a form answers 415 with an error object', async () => {
  const r = await api(srv, north.token, 'POST', '/api/v1/initiatives', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
  apiError(r, [400, 415]);
});

test('a barrage of ~50 odd raw requests does not bring the server down', async () => {
  const junk = () => randomBytes(40).toString('latin1');
  const auth = `Authorization: Bearer ${north.token}\r\n`;
  const withBody = (head, body) => `${head}Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`;
  const cut = (raw) => ({ raw, incomplete: true });   // sent, then the client goes away
  const requests = [
    'GARBAGE\r\n\r\n',
    cut('\r\n\r\n'),
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n',
    `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`,
    `GET /${'a'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /signin HTTP/1.1\r\nHost: x\r\nCookie: ${'cg_csrf=x; '.repeat(3000)}\r\n\r\n`,
    'GET /signin HTTP/1.1\r\nHost: x\r\nCookie: cg_session=\xff\xfe; cg_csrf="\r\n\r\n',
    'GET /signin HTTP/1.1\r\nHost: x\r\nCookie: ;;;==;=;a=\r\n\r\n',
    'GET /signin HTTP/1.1\r\nHost: x\r\nAccept-Language: ,,;;es-;q=,en\xff\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n',
    'POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 20\r\n\r\nabc',
    'POST /signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzzzz\r\n\r\n',
    'POST /signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
    withBody('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=\r\n', '----'),
    withBody('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary="unterminated\r\n', '--un'),
    withBody('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n',
      '--b\r\nContent-Disposition: form-data; name="f"; filename="\xff\r\n\r\n\x00\x00\r\n--b\r\n\r\n--b--'),
    withBody('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n', '%%%%&&&=='),
    withBody('POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\n', '{}'),
    withBody(`POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'t'.repeat(5000)}\r\n`, '{}'),
    withBody(`POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '{"title":"\xff\xfe"}'),
    withBody(`POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '{"title":"\\u0000x"}'),
    withBody(`POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '{"title":"a","title":"b"}'),
    withBody(`POST /api/v1/initiatives HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '['.repeat(20000)),
    withBody(`PATCH /api/v1/initiatives/99999999999999999999 HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '{}'),
    withBody(`PATCH /api/v1/initiatives/-1 HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\n`, '{}'),
    'GET /d/%%%/ HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /d/%/ HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /lang/%ff?next=%ff HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /signin?next=%ff%fe&next=&&&=== HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET //// HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /admin/users/ HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
    'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET http://evil.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\tfolded: header\r\n\r\n',
    'GET /healthz HTTP/1.1\nHost: x\n\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nX: \x00\x01\x02\r\n\r\n',
    cut('GET /healthz HTTP/1.1\r\nHost: x\r\n'),
    cut('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nemail=a'),
    cut('GE'),
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE GARBAGE\r\n\r\n',
  ];
  for (let i = 0; requests.length < 52; i++) {
    requests.push(i % 2 ? `GET /${junk()} HTTP/1.1\r\nHost: x\r\n\r\n` : `GET /healthz HTTP/1.1\r\n${junk()}: ${junk()}\r\n\r\n`);
  }
  const send = async (q) => {
    const { raw, incomplete } = typeof q === 'string' ? { raw: q, incomplete: false } : q;
    const r = await rawRequest(srv.port, Buffer.from(raw, 'latin1'),
      incomplete ? { timeout: 300, endAfterWrite: true } : { timeout: 2000, untilResponse: true });
    return { req: JSON.stringify(raw.slice(0, 90)), status: r.status, error: r.error };
  };
  // In batches of ten at once, so that some arrive together.
  const results = [];
  for (let i = 0; i < requests.length; i += 10) results.push(...(await Promise.all(requests.slice(i, i + 10).map(send))));
  if (process.env.CG_DEBUG_BARRAGE) console.error(results);
  const fiveHundreds = results.filter((x) => x.status && x.status >= 500 && x.status !== 505);
  assert.deepEqual(fiveHundreds, [], 'no 5xx for odd requests (505 for an unknown HTTP version is fine)');
  // Still alive and still answering.
  const res = await srv.fetch('/healthz');
  assert.equal(res.status, 200, 'healthz after the barrage');
  assert.equal((await res.text()).trim(), 'ok');
  const page = await srv.fetch('/signin');
  assert.equal(page.status, 200, 'pages after the barrage');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
