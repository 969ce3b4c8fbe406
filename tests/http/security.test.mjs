// Security headers, static caching, HTML escaping, roles and CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm, securityHeaderProblems, setupDistrict } from '../lib/http.mjs';

const XSS_TITLE = '<script>alert(1)</script>';
const XSS_WHY = '"><img src=x onerror=alert(2)>';

let srv;
let stopped = null;
let north;

before(async () => {
  srv = await startServer();
  north = await setupDistrict(srv, 'north', 'North Valley Schools', 'admin@north.example.org');
  await srv.addUser('north', 'staff@north.example.org', 'staff', PASSWORD);
  await srv.addUser('north', 'facilitator@north.example.org', 'facilitator', PASSWORD);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

test('every kind of answer carries CSP with frame-ancestors \'none\', nosniff and Referrer-Policy', async () => {
  const cases = [
    ['public page', () => srv.fetch('/d/north/')],
    ['sign-in page', () => srv.fetch('/signin')],
    ['admin page', () => srv.fetch('/admin', { headers: { cookie: north.jar.header() } })],
    ['redirect', () => srv.fetch('/admin')],
    ['API', () => srv.fetch('/api/v1/district', { headers: { authorization: `Bearer ${north.token}` } })],
    ['API 401', () => srv.fetch('/api/v1/district')],
    ['404', () => srv.fetch('/no/such/page')],
    ['405', () => srv.fetch('/healthz', { method: 'PUT' })],
    ['static file', () => srv.fetch('/static/style.css')],
    ['healthz', () => srv.fetch('/healthz')],
  ];
  const expected = { 'admin page': 200, 'public page': 200, 'API': 200, 'static file': 200, '404': 404 };
  for (const [name, go] of cases) {
    const res = await go();
    await res.arrayBuffer();
    if (expected[name]) assert.equal(res.status, expected[name], `${name} status`);
    assert.deepEqual(securityHeaderProblems(res), [], `${name} (${res.status})`);
  }
});

test('a static file has an ETag and Cache-Control, and If-None-Match answers 304', async () => {
  const res = await srv.fetch('/static/style.css');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/css/);
  const body = await res.text();
  assert.ok(body.length > 0, 'the stylesheet has content');
  const etag = res.headers.get('etag');
  assert.ok(etag && /^(W\/)?"[^"]+"$/.test(etag), `a quoted ETag: ${etag}`);
  const cc = res.headers.get('cache-control');
  assert.ok(cc && /max-age=\d+/.test(cc), `Cache-Control with max-age: ${cc}`);
  const again = await srv.fetch('/static/style.css', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await again.text()).length, 0, 'a 304 has no body');
  assert.equal(again.headers.get('etag'), etag, 'the 304 repeats the ETag');
  assert.deepEqual(securityHeaderProblems(again), [], '304 headers');
  const stale = await srv.fetch('/static/style.css', { headers: { 'if-none-match': '"not-the-etag"' } });
  assert.equal(stale.status, 200, 'another ETag gets the file');
  await stale.arrayBuffer();
  const missing = await srv.fetch('/static/nope.css');
  assert.equal(missing.status, 404);
});

test('an initiative titled <script> shows escaped on the public hub and on /admin/plan', async () => {
  const made = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: XSS_TITLE, why: XSS_WHY, mode: 'cooperate' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.title, XSS_TITLE, 'the API stores the text as given');
  for (const [where, jar] of [['/d/north/', null], ['/admin/plan', north.jar], ['/admin', north.jar]]) {
    const { res, text } = await get(srv, where, jar);
    assert.equal(res.status, 200, where);
    assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${where} shows the title escaped`);
    assert.ok(!text.includes(XSS_TITLE), `${where} never holds the raw <script>`);
    assert.ok(!text.includes('<img src=x'), `${where} never holds the raw <img>`);
  }
  const { text: one } = await get(srv, `/admin/plan/initiatives/${made.json.id}`, north.jar);
  assert.ok(!one.includes(XSS_TITLE) && !one.includes('<img src=x'), 'the edit page escapes title and why too');
  assert.ok(one.includes('&lt;script&gt;'), 'the edit page shows the title');
});

test('a facilitator gets 403 on /admin/users, /admin/settings and /admin/plan', async () => {
  const jar = await signIn(srv, 'facilitator@north.example.org', PASSWORD);
  assert.equal((await get(srv, '/admin', jar)).res.status, 200, 'the dashboard is open to every role');
  for (const path of ['/admin/users', '/admin/settings', '/admin/plan', '/admin/audit']) {
    const { res } = await get(srv, path, jar);
    assert.equal(res.status, 403, path);
  }
});

test('a staff user gets 403 on /admin/users but 200 on /admin/plan', async () => {
  const jar = await signIn(srv, 'staff@north.example.org', PASSWORD);
  const users = await get(srv, '/admin/users', jar);
  assert.equal(users.res.status, 403);
  assert.ok(!users.text.includes('admin@north.example.org'), 'the 403 page lists nobody');
  assert.equal((await get(srv, '/admin/settings', jar)).res.status, 403);
  const plan = await get(srv, '/admin/plan', jar);
  assert.equal(plan.res.status, 200);
  // Nor can staff add an admin by posting the form with their own valid token.
  const csrf = csrfFrom(plan.text);
  assert.ok(csrf, 'the plan page has a CSRF token');
  const res = await postForm(srv, '/admin/users', jar, {
    _csrf: csrf, email: 'sneaky@north.example.org', name: 'Sneaky', role: 'admin', password: 'long enough password',
  });
  assert.equal(res.status, 403);
  const list = await api(srv, north.token, 'GET', '/api/v1/users');
  assert.ok(!list.text.includes('sneaky@'), 'no account was made');
  // And the API refuses the user list to staff.
  const staffToken = (await srv.cli('token', 'create', '--email', 'staff@north.example.org')).trim();
  assert.equal((await api(srv, staffToken, 'GET', '/api/v1/users')).status, 403);
  assert.equal((await api(srv, staffToken, 'GET', '/api/v1/initiatives')).status, 200);
});

test('POST /admin/settings without _csrf answers 403; with it 303 and the change is saved', async () => {
  const { text } = await get(srv, '/admin/settings', north.jar);
  const csrf = csrfFrom(text);
  assert.ok(csrf, 'the settings form has a CSRF token');
  const fields = { name: 'North Valley Unified', timezone: 'America/Denver', languages: 'en,es' };
  const without = await postForm(srv, '/admin/settings', north.jar, fields);
  assert.equal(without.status, 403);
  const wrong = await postForm(srv, '/admin/settings', north.jar, { ...fields, _csrf: csrf.slice(0, -2) + (csrf.endsWith('AA') ? 'BB' : 'AA') });
  assert.equal(wrong.status, 403, 'a wrong token');
  let d = await api(srv, north.token, 'GET', '/api/v1/district');
  assert.equal(d.json.name, 'North Valley Schools', 'nothing changed yet');
  const ok = await postForm(srv, '/admin/settings', north.jar, { ...fields, _csrf: csrf });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location') || '', /^\/admin\/settings/);
  d = await api(srv, north.token, 'GET', '/api/v1/district');
  assert.equal(d.json.name, 'North Valley Unified');
  assert.equal(d.json.timezone, 'America/Denver');
  const page = await get(srv, '/admin/settings', north.jar);
  assert.ok(page.text.includes('value="North Valley Unified"'), 'the form shows the saved name');
});

test('the language switch does not redirect to another site', async () => {
  for (const next of ['//evil.example/', '/\\evil.example', 'https://evil.example/', '%2F%2Fevil.example', '/\t/evil.example']) {
    const res = await srv.fetch(`/lang/es?next=${encodeURIComponent(next)}`);
    assert.equal(res.status, 303, JSON.stringify(next));
    const loc = res.headers.get('location') || '';
    // Resolved the way a browser does (WHATWG URL drops tabs and newlines).
    const where = new URL(loc, srv.url);
    assert.equal(where.origin, srv.url, `next=${JSON.stringify(next)} sent the browser to ${JSON.stringify(loc)} = ${where.href}`);
  }
  const res = await srv.fetch('/lang/es?next=%2Fd%2Fnorth%2F');
  assert.equal(res.headers.get('location'), '/d/north/');
  assert.ok(res.headers.getSetCookie().some((c) => /^lang=es;/.test(c)), 'the choice is remembered');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
