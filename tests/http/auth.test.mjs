// Sign-in, sign-out, sessions, throttling and the audit of sign-ins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, get, postForm, anonymousForm } from '../lib/http.mjs';

const ADMIN = 'admin@north.example.org';
const STAFF = 'staff@north.example.org';
const LOCKED = 'locked@north.example.org';
const GONE = 'gone@north.example.org';
const DISTRICT = 'North Valley Schools';

let srv;
let stopped = null;

before(async () => {
  srv = await startServer();
  await srv.cli('district', 'add', '--slug', 'north', '--name', DISTRICT);
  await srv.addUser('north', ADMIN, 'admin', PASSWORD);
  await srv.addUser('north', STAFF, 'staff', PASSWORD);
  await srv.addUser('north', LOCKED, 'staff', PASSWORD);
  await srv.addUser('north', GONE, 'staff', PASSWORD);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

/** Posts the sign-in form as a fresh visitor; returns the response and jar. */
async function attempt(email, password, extra = {}) {
  const { jar, csrf } = await anonymousForm(srv);
  assert.ok(csrf, 'the sign-in page has a _csrf field');
  const res = await postForm(srv, '/signin', jar, { _csrf: csrf, email, password, ...extra });
  return { res, jar };
}

function sessionCookie(res) {
  return res.headers.getSetCookie().find((c) => c.startsWith('cg_session='));
}

test('the sign-in page has a CSRF field and sets a cg_csrf cookie', async () => {
  const res = await srv.fetch('/signin');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  const html = await res.text();
  const token = csrfFrom(html);
  assert.ok(token && token.length > 20, `a hidden _csrf field with a long token: ${token}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cg_csrf='));
  assert.ok(cookie, `a cg_csrf cookie among ${JSON.stringify(res.headers.getSetCookie())}`);
  assert.equal(cookie.split(';')[0], `cg_csrf=${token}`, 'the field holds the cookie\'s token');
  assert.match(html, /name="email"/);
  assert.match(html, /name="password"[^>]*type="password"|type="password"[^>]*name="password"/);
});

test('the right password answers 303 to /admin with a HttpOnly, SameSite=Lax, Path=/ session cookie, not Secure on http', async () => {
  const { res } = await attempt(ADMIN, PASSWORD, { next: '/admin' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin');
  const c = sessionCookie(res);
  assert.ok(c, `a cg_session cookie among ${JSON.stringify(res.headers.getSetCookie())}`);
  assert.match(c, /^cg_session=[^;]{20,};/, 'a long token');
  assert.match(c, /;\s*HttpOnly(;|$)/i);
  assert.match(c, /;\s*SameSite=Lax(;|$)/i);
  assert.match(c, /;\s*Path=\/(;|$)/i);
  assert.doesNotMatch(c, /;\s*Secure(;|$)/i, 'no Secure flag on a plain http base URL');
});

test('with an https base URL the session cookie is Secure', async () => {
  const tls = await startServer({ baseUrl: 'https://engage.example.org' });
  try {
    await tls.cli('district', 'add', '--slug', 'north', '--name', DISTRICT);
    await tls.addUser('north', ADMIN, 'admin', PASSWORD);
    const jar = new Jar();
    const page = jar.take(await tls.fetch('/signin'));
    const csrf = csrfFrom(await page.text());
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith('cg_csrf='));
    assert.match(csrfCookie || '', /;\s*Secure(;|$)/i, `the CSRF cookie is Secure too: ${csrfCookie}`);
    const res = await tls.fetch('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body: new URLSearchParams({ _csrf: csrf, email: ADMIN, password: PASSWORD }).toString(),
    });
    assert.equal(res.status, 303);
    const c = sessionCookie(res);
    assert.ok(c, 'a session cookie');
    assert.match(c, /;\s*Secure(;|$)/i, `Secure on https: ${c}`);
    assert.match(c, /;\s*HttpOnly(;|$)/i);
  } finally {
    const st = await tls.stop();
    assert.equal(st.code, 0, `the https server exits cleanly (${JSON.stringify(st)}):\n${tls.log().slice(-3000)}`);
  }
});

test('the dashboard with a session shows the district name', async () => {
  const jar = await signIn(srv, ADMIN, PASSWORD);
  const { res, text } = await get(srv, '/admin', jar);
  assert.equal(res.status, 200);
  assert.ok(text.includes(DISTRICT), 'the district name is on the dashboard');
  assert.ok(text.includes(ADMIN), 'the signed-in address is shown');
});

test('/admin without a session redirects to /signin?next=%2Fadmin', async () => {
  const res = await srv.fetch('/admin');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/signin?next=%2Fadmin');
  const bogus = await srv.fetch('/admin', { headers: { cookie: 'cg_session=not-a-real-session-token-at-all' } });
  assert.equal(bogus.status, 303, 'a made-up session token opens nothing');
});

test('a wrong password answers 401 and says the address or password is not right', async () => {
  const { res, jar } = await attempt(ADMIN, 'not the password at all');
  assert.equal(res.status, 401);
  assert.equal(sessionCookie(res), undefined, 'no session cookie');
  const html = await res.text();
  assert.match(html, /The e-mail address or the password is not right\./);
  assert.ok(csrfFrom(html), 'the form is shown again with a CSRF field');
  assert.equal(jar.cookies.has('cg_session'), false);
});

test('an unknown e-mail answers 401 with the same message', async () => {
  const { res } = await attempt('nobody@north.example.org', PASSWORD);
  assert.equal(res.status, 401);
  assert.equal(sessionCookie(res), undefined);
  assert.match(await res.text(), /The e-mail address or the password is not right\./);
});

test('POST /signin without _csrf answers 403', async () => {
  const { jar } = await anonymousForm(srv);
  const res = await postForm(srv, '/signin', jar, { email: ADMIN, password: PASSWORD });
  assert.equal(res.status, 403);
  assert.equal(sessionCookie(res), undefined);
  // Nor with no cookie at all.
  const bare = await srv.fetch('/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: ADMIN, password: PASSWORD }).toString(),
  });
  assert.equal(bare.status, 403);
  assert.equal(sessionCookie(bare), undefined, 'no session without a cookie either');
});

test('POST /signin with the _csrf of another visitor answers 403', async () => {
  const other = await anonymousForm(srv);
  const mine = await anonymousForm(srv);
  assert.notEqual(other.csrf, mine.csrf, 'two visitors get two tokens');
  const res = await postForm(srv, '/signin', mine.jar, { _csrf: other.csrf, email: ADMIN, password: PASSWORD });
  assert.equal(res.status, 403);
  assert.equal(sessionCookie(res), undefined);
});

test('sign-out answers 303 and the old session cookie no longer opens /admin', async () => {
  const jar = await signIn(srv, STAFF, PASSWORD);
  const old = jar.header();
  const { res: dash, text } = await get(srv, '/admin', jar);
  assert.equal(dash.status, 200);
  const csrf = csrfFrom(text);
  assert.ok(csrf, 'the admin page has a sign-out form with a CSRF field');
  const out = await postForm(srv, '/signout', jar, { _csrf: csrf });
  assert.equal(out.status, 303);
  const cleared = out.headers.getSetCookie().find((c) => c.startsWith('cg_session='));
  assert.ok(cleared && /max-age=0/i.test(cleared), `the cookie is cleared: ${cleared}`);
  const again = await srv.fetch('/admin', { headers: { cookie: old } });
  assert.equal(again.status, 303, 'the old cookie is dead on the server too');
  assert.match(again.headers.get('location'), /^\/signin/);
});

test('after 5 failures for one address the 6th attempt, even with the right password, answers 429 with Retry-After', async () => {
  for (let i = 1; i <= 5; i++) {
    const { res } = await attempt(LOCKED, `wrong password number ${i}`);
    assert.equal(res.status, 401, `failure ${i} answers 401`);
  }
  const { res } = await attempt(LOCKED, PASSWORD);
  assert.equal(res.status, 429);
  const ra = res.headers.get('retry-after');
  assert.ok(ra && /^\d+$/.test(ra) && Number(ra) > 0, `Retry-After in seconds: ${ra}`);
  assert.equal(sessionCookie(res), undefined, 'no session while throttled');
  // Another address is not affected.
  const { res: other } = await attempt(ADMIN, PASSWORD);
  assert.equal(other.status, 303, 'the throttle is per address');
  assert.ok(sessionCookie(other), 'the other address gets a session');
});

test('a disabled user cannot sign in and their existing session stops working', async () => {
  const jar = await signIn(srv, GONE, PASSWORD);
  assert.equal((await get(srv, '/admin', jar)).res.status, 200, 'works before');
  await srv.cli('user', 'disable', '--email', GONE);
  const { res } = await get(srv, '/admin', jar);
  assert.equal(res.status, 303, 'the old session no longer opens /admin');
  assert.match(res.headers.get('location'), /^\/signin/);
  const { res: again } = await attempt(GONE, PASSWORD);
  assert.equal(again.status, 401);
  assert.equal(sessionCookie(again), undefined);
});

test('next cannot send people to another site', async () => {
  for (const next of ['//evil.example', '//evil.example/admin', '/\\evil.example', 'https://evil.example/', '/\t/evil.example']) {
    const { res } = await attempt(ADMIN, PASSWORD, { next });
    assert.equal(res.status, 303, `sign-in with next=${JSON.stringify(next)}`);
    const loc = res.headers.get('location');
    // Resolved the way a browser does (WHATWG URL drops tabs and newlines).
    assert.equal(new URL(loc, srv.url).origin, srv.url, `next=${JSON.stringify(next)} sends the browser to ${JSON.stringify(loc)} = ${new URL(loc, srv.url).href}`);
    assert.equal(loc, '/admin', `next=${JSON.stringify(next)} goes to /admin`);
  }
  const { res } = await attempt(ADMIN, PASSWORD, { next: '/admin/plan' });
  assert.equal(res.headers.get('location'), '/admin/plan', 'a local next is followed');
  // The sign-in page does not echo a foreign next into its form either.
  const page = await (await srv.fetch('/signin?next=%2F%2Fevil.example')).text();
  assert.doesNotMatch(page, /name="next" value="\/\/evil/);
});

test('the audit log lists signin and signin.failed', async () => {
  const jar = await signIn(srv, ADMIN, PASSWORD);
  const { res, text } = await get(srv, '/admin/audit', jar);
  assert.equal(res.status, 200);
  const actions = [...text.matchAll(/<td>([a-z.]+)<\/td>/g)].map((m) => m[1]);
  assert.ok(actions.includes('signin'), `"signin" among ${JSON.stringify(actions)}`);
  assert.ok(actions.includes('signin.failed'), `"signin.failed" among ${JSON.stringify(actions)}`);
  assert.ok(text.includes(LOCKED), 'the failed address is recorded');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
