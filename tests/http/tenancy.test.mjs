// Districts never see each other's records, through pages or the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm, setupDistrict } from '../lib/http.mjs';

const NORTH_ADMIN = 'admin@north.example.org';
const NORTH_STAFF = 'staff@north.example.org';
const SOUTH_ADMIN = 'admin@south.example.org';
const NORTH_TITLE = 'North calendar change';

let srv;
let stopped = null;
let north, south;
let initiativeId;
let northStaffId;

before(async () => {
  srv = await startServer();
  north = await setupDistrict(srv, 'north', 'North Valley Schools', NORTH_ADMIN);
  south = await setupDistrict(srv, 'south', 'South Ridge Schools', SOUTH_ADMIN);
  await srv.addUser('north', NORTH_STAFF, 'staff', PASSWORD);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

test('POST /api/v1/initiatives creates (201) in the token\'s district', async () => {
  const r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: NORTH_TITLE, why: 'Start later.', mode: 'collaborate' });
  assert.equal(r.status, 201, r.text);
  assert.ok(Number.isInteger(r.json.id) && r.json.id > 0, `an id: ${r.text}`);
  assert.equal(r.json.title, NORTH_TITLE);
  assert.equal(r.json.mode, 'collaborate');
  initiativeId = r.json.id;
  const got = await api(srv, north.token, 'GET', `/api/v1/initiatives/${initiativeId}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.title, NORTH_TITLE);
});

test('the south admin gets 404 for north\'s initiative page, and cannot post to it', async () => {
  const { res, text } = await get(srv, `/admin/plan/initiatives/${initiativeId}`, south.jar);
  assert.equal(res.status, 404);
  assert.ok(!text.includes(NORTH_TITLE), 'the 404 page does not show the title');
  const csrf = csrfFrom((await get(srv, '/admin/plan', south.jar)).text);
  assert.ok(csrf);
  const post = await postForm(srv, `/admin/plan/initiatives/${initiativeId}`, south.jar, {
    _csrf: csrf, title: 'Taken over by south', why: '', mode: 'cooperate',
  });
  assert.equal(post.status, 404);
  const after = await api(srv, north.token, 'GET', `/api/v1/initiatives/${initiativeId}`);
  assert.equal(after.json.title, NORTH_TITLE, 'north\'s initiative is unchanged');
  // North's own admin does see it.
  assert.equal((await get(srv, `/admin/plan/initiatives/${initiativeId}`, north.jar)).res.status, 200);
});

test('south\'s API token gets 404 for GET and PATCH of north\'s initiative', async () => {
  const g = await api(srv, south.token, 'GET', `/api/v1/initiatives/${initiativeId}`);
  assert.equal(g.status, 404);
  assert.equal(g.json?.error?.code, 'not_found', g.text);
  assert.ok(!g.text.includes(NORTH_TITLE));
  const p = await api(srv, south.token, 'PATCH', `/api/v1/initiatives/${initiativeId}`, { title: 'Taken over by south' });
  assert.equal(p.status, 404);
  const list = await api(srv, south.token, 'GET', '/api/v1/initiatives');
  assert.equal(list.status, 200);
  assert.ok(!list.text.includes(NORTH_TITLE), 'south\'s list does not hold north\'s initiative');
  const after = await api(srv, north.token, 'GET', `/api/v1/initiatives/${initiativeId}`);
  assert.equal(after.json.title, NORTH_TITLE, 'north\'s initiative is unchanged');
});

test('south\'s user lists never show north\'s addresses', async () => {
  const northUsers = await api(srv, north.token, 'GET', '/api/v1/users');
  assert.equal(northUsers.status, 200);
  const staff = northUsers.json.users.find((u) => u.email === NORTH_STAFF);
  assert.ok(staff, 'north sees its own staff');
  northStaffId = staff.id;
  const page = await get(srv, '/admin/users', south.jar);
  assert.equal(page.res.status, 200);
  assert.ok(page.text.includes(SOUTH_ADMIN), 'south sees its own admin');
  assert.ok(!/@north\.example\.org/.test(page.text), 'no north address on /admin/users');
  const list = await api(srv, south.token, 'GET', '/api/v1/users');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.users.map((u) => u.email), [SOUTH_ADMIN]);
});

test('the south admin gets 404 for north\'s user page and for posting to it', async () => {
  const { res, text } = await get(srv, `/admin/users/${northStaffId}`, south.jar);
  assert.equal(res.status, 404);
  assert.ok(!text.includes(NORTH_STAFF));
  const csrf = csrfFrom((await get(srv, '/admin/users', south.jar)).text);
  for (const fields of [{ action: 'disable' }, { action: 'password', password: 'south owns you now' }, { action: 'save', name: 'X', role: 'admin' }]) {
    const post = await postForm(srv, `/admin/users/${northStaffId}`, south.jar, { _csrf: csrf, ...fields });
    assert.equal(post.status, 404, `action=${fields.action}`);
  }
  // North's staff still signs in with the old password, still as staff.
  const jar = await signIn(srv, NORTH_STAFF, PASSWORD);
  const users = await api(srv, north.token, 'GET', '/api/v1/users');
  const staff = users.json.users.find((u) => u.email === NORTH_STAFF);
  assert.equal(staff.disabled, false);
  assert.equal(staff.role, 'staff');
  assert.equal((await get(srv, '/admin', jar)).res.status, 200);
});

test('the API without a token answers 401 JSON with WWW-Authenticate: Bearer', async () => {
  for (const [method, path] of [['GET', '/api/v1/district'], ['GET', '/api/v1/initiatives'], ['POST', '/api/v1/initiatives']]) {
    const r = await api(srv, null, method, path, method === 'POST' ? { title: 'anonymous' } : undefined);
    assert.equal(r.status, 401, `${method} ${path}`);
    assert.match(r.res.headers.get('www-authenticate') || '', /^Bearer\b/);
    assert.match(r.res.headers.get('content-type') || '', /^application\/json/);
    assert.equal(r.json?.error?.code, 'unauthorized', r.text);
  }
  const garbage = await api(srv, 'cgt_not_a_real_token', 'GET', '/api/v1/district');
  assert.equal(garbage.status, 401);
  // A session cookie is not an API credential.
  const withCookie = await srv.fetch('/api/v1/district', { headers: { cookie: north.jar.header() } });
  assert.equal(withCookie.status, 401);
});

test('a revoked token answers 401', async () => {
  const token = (await srv.cli('token', 'create', '--email', NORTH_ADMIN)).trim();
  assert.equal((await api(srv, token, 'GET', '/api/v1/district')).status, 200, 'works before');
  await srv.cli('token', 'revoke', '--token', token);
  const r = await api(srv, token, 'GET', '/api/v1/district');
  assert.equal(r.status, 401);
  assert.match(r.res.headers.get('www-authenticate') || '', /^Bearer\b/);
  assert.equal((await api(srv, north.token, 'GET', '/api/v1/district')).status, 200, 'other tokens still work');
});

test('GET /api/v1/district returns the token\'s own district', async () => {
  const n = await api(srv, north.token, 'GET', '/api/v1/district');
  assert.equal(n.status, 200);
  assert.equal(n.json.slug, 'north');
  assert.equal(n.json.name, 'North Valley Schools');
  const s = await api(srv, south.token, 'GET', '/api/v1/district');
  assert.equal(s.json.slug, 'south');
  assert.notEqual(n.json.id, s.json.id);
});

test('PATCH updates (200) and the change shows on north\'s hub but not on south\'s', async () => {
  const title = 'North calendar: later start times';
  const r = await api(srv, north.token, 'PATCH', `/api/v1/initiatives/${initiativeId}`, { title });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, title);
  assert.equal(r.json.mode, 'collaborate', 'fields not sent are kept');
  assert.equal(r.json.why, 'Start later.');
  const got = await api(srv, north.token, 'GET', `/api/v1/initiatives/${initiativeId}`);
  assert.equal(got.json.title, title);
  const hubN = await get(srv, '/d/north/');
  assert.equal(hubN.res.status, 200);
  assert.ok(hubN.text.includes(title), 'north\'s hub shows the new title');
  assert.ok(!hubN.text.includes(`>${NORTH_TITLE}<`), 'and not the old one');
  const hubS = await get(srv, '/d/south/');
  assert.equal(hubS.res.status, 200);
  assert.ok(hubS.text.includes('South Ridge Schools'));
  assert.ok(!hubS.text.includes('North calendar'), 'south\'s hub does not show it');
});

test('/d/nosuch/ answers 404', async () => {
  const res = await srv.fetch('/d/nosuch/');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') || '', /^text\/html/);
  const bare = await srv.fetch('/d/nosuch');
  assert.equal(bare.status, 404, '/d/nosuch without the slash too');
  const ok = await srv.fetch('/d/north');
  assert.equal(ok.status, 303, '/d/north redirects');
  assert.equal(ok.headers.get('location'), '/d/north/');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
