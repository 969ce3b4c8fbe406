// Small helpers shared by the HTTP black-box tests, on top of server.mjs.
//
//   const { jar } = await setupDistrict(srv, 'north', 'North', 'a@north.example.org');
//   const page = await get(srv, '/admin', jar);            // { res, text }
//   const res = await postForm(srv, '/admin/settings', jar, { name: 'X', ... });
//   const r = await api(srv, token, 'POST', '/api/v1/initiatives', { title: 'T' });
//   const raw = await rawRequest(srv.port, 'GET / HTTP/1.1\r\n\r\n');
import { connect } from 'node:net';

import { Jar, csrfFrom, signIn } from './server.mjs';

export const PASSWORD = 'correct horse battery staple';

/** The headers every answer must carry, checked by the security tests. */
export function securityHeaderProblems(res) {
  const problems = [];
  const csp = res.headers.get('content-security-policy') || '';
  if (!/frame-ancestors 'none'/.test(csp)) problems.push(`Content-Security-Policy without frame-ancestors 'none': "${csp}"`);
  if ((res.headers.get('x-content-type-options') || '').toLowerCase() !== 'nosniff')
    problems.push(`X-Content-Type-Options is "${res.headers.get('x-content-type-options')}"`);
  if (!res.headers.get('referrer-policy')) problems.push('no Referrer-Policy');
  return problems;
}

/** GET with the jar's cookies; returns the response and its text. */
export async function get(srv, path, jar, headers = {}) {
  const h = { ...headers };
  if (jar && jar.cookies.size) h.cookie = jar.header();
  const res = await srv.fetch(path, { headers: h });
  if (jar) jar.take(res);
  return { res, text: await res.text() };
}

/** POSTs a urlencoded form with the jar's cookies.  Pass _csrf in fields
 *  yourself, or csrfFrom: a path whose page holds the token. */
export async function postForm(srv, path, jar, fields, { csrfFromPath } = {}) {
  const f = { ...fields };
  if (csrfFromPath) {
    const { text } = await get(srv, csrfFromPath, jar);
    f._csrf = csrfFrom(text);
    if (!f._csrf) throw new Error(`no _csrf field on ${csrfFromPath}`);
  }
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (jar && jar.cookies.size) headers.cookie = jar.header();
  const res = await srv.fetch(path, { method: 'POST', headers, body: new URLSearchParams(f).toString() });
  if (jar) jar.take(res);
  return res;
}

/** A JSON API call with a bearer token; body is sent as JSON unless it is a string. */
export async function api(srv, token, method, path, body, headers = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  const opts = { method, headers: h };
  if (body !== undefined) {
    h['content-type'] = h['content-type'] || 'application/json';
    opts.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await srv.fetch(path, opts);
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch {}
  return { res, status: res.status, text, json };
}

/** A district with one admin; returns the admin's signed-in jar and an API token. */
export async function setupDistrict(srv, slug, name, email, { password = PASSWORD, signin = true, token = true } = {}) {
  await srv.cli('district', 'add', '--slug', slug, '--name', name);
  await srv.addUser(slug, email, 'admin', password);
  const out = { email, password };
  if (signin) out.jar = await signIn(srv, email, password);
  if (token) out.token = (await srv.cli('token', 'create', '--email', email)).trim();
  return out;
}

/** A fresh jar holding only an anonymous CSRF cookie, and the token of its form. */
export async function anonymousForm(srv, path = '/signin') {
  const jar = new Jar();
  const { res, text } = await get(srv, path, jar);
  return { jar, res, text, csrf: csrfFrom(text) };
}

/**
 * Sends raw bytes on a new connection and collects what comes back until
 * the server closes, the deadline passes, or (with untilResponse) a whole
 * response head arrives.  Never throws on resets: `error` says what
 * happened.  `chunks` may be an array of strings/Buffers written in turn.
 */
export function rawRequest(port, chunks, { timeout = 3000, endAfterWrite = false, untilResponse = false } = {}) {
  return new Promise((resolve) => {
    const parts = Array.isArray(chunks) ? chunks : [chunks];
    const sock = connect(port, '127.0.0.1');
    const got = [];
    let error = null, done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const data = Buffer.concat(got).toString('latin1');
      const m = data.match(/^HTTP\/1\.[01] (\d{3})/);
      resolve({ data, status: m ? Number(m[1]) : null, error });
    };
    const timer = setTimeout(() => { error = error || 'timeout'; finish(); }, timeout);
    sock.on('data', (d) => {
      got.push(d);
      if (untilResponse && Buffer.concat(got).includes('\r\n\r\n')) finish();
    });
    sock.on('error', (e) => { error = e.code || String(e); });
    sock.on('close', finish);
    sock.on('connect', async () => {
      try {
        for (const p of parts) {
          if (sock.destroyed) break;
          if (!sock.write(p)) await new Promise((r) => sock.once('drain', r).once('close', r));
        }
        if (endAfterWrite && !sock.destroyed) sock.end();
      } catch (e) {
        error = e.code || String(e);
      }
    });
  });
}

/** The value of a response header inside a raw response. */
export function rawHeader(data, name) {
  const head = data.split('\r\n\r\n')[0];
  const re = new RegExp(`^${name}:\\s*(.*)$`, 'im');
  const m = head.match(re);
  return m ? m[1].trim() : null;
}

/** The head of a raw response as a Headers object. */
export function headersOf(data) {
  const h = new Headers();
  for (const line of data.split('\r\n\r\n')[0].split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) h.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return h;
}

// ---- time in a district's zone (for sessions and `outbox run --now`) ----

/** The local date (YYYY-MM-DD) and time (HH:MM) of instant ms in zone tz. */
export function localParts(tz, ms) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The local date (YYYY-MM-DD) in zone tz, days after the instant ms (default now). */
export function localDate(tz, days = 0, ms = Date.now()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(ms + days * 86400000));
}

/** The instant (ms) of local date "YYYY-MM-DD" and time "HH:MM" in zone tz. */
export function zonedInstant(tz, date, time) {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const want = Date.UTC(y, mo - 1, d, h, mi);
  let t = want;
  for (let i = 0; i < 3; i++) {
    const p = localParts(tz, t);
    const [py, pmo, pd] = p.date.split('-').map(Number);
    const [ph, pmi] = p.time.split(':').map(Number);
    t += want - Date.UTC(py, pmo - 1, pd, ph, pmi);
  }
  return t;
}

/** An instant as the ISO 8601 UTC text `outbox run --now` takes (whole seconds). */
export function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
