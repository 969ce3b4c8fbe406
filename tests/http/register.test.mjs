// Public registration and the messages it sets off, with a real SMTP
// listener: confirmations with a calendar file, the waitlist, cancelling,
// reminders before and on the day (driven by `outbox run --now`), a session
// that moves, robots and typos, and deliveries that fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { startSmtp, decoded } from '../lib/smtp.mjs';
import { PASSWORD, get, postForm, api, localDate, localParts, zonedInstant, isoSeconds } from '../lib/http.mjs';

const TZ = 'America/Chicago';
const ADMIN = 'admin@north.example.org';
const BASE = 'http://engage.north.test';
const HOUR = 3600 * 1000;
const TITLE = 'Start times listening session';

let smtp, srv, plain;
let stopped = null;
let admin;                 // { jar, token, initiative, conv }
const S = {};              // session ids and starts, by scenario

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { COMMONGROUND_SMTP_URL: smtp.url, COMMONGROUND_BASE_URL: BASE } });
  admin = await setup(srv);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
  if (plain) await plain.stop();
  if (smtp) await smtp.stop();
});

/** North with an admin, an initiative and one conversation. */
async function setup(s) {
  await s.cli('district', 'add', '--slug', 'north', '--name', 'North Valley Schools', '--timezone', TZ, '--languages', 'en,es');
  await s.addUser('north', ADMIN, 'admin', PASSWORD);
  const jar = await signIn(s, ADMIN, PASSWORD);
  const token = (await s.cli('token', 'create', '--email', ADMIN)).trim();
  const r = await api(s, token, 'POST', '/api/v1/initiatives', { title: 'School start times', why: 'Families asked.', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  const c = await postForm(s, `/admin/plan/initiatives/${r.json.id}/conversations`, jar,
    { title: 'Start times listening session', objective: 'Hear from families', managed_by: 'district', facilitator: 'María López' },
    { csrfFromPath: `/admin/plan/initiatives/${r.json.id}` });
  assert.equal(c.status, 303);
  return { jar, token, initiative: r.json.id, conv: /(\d+)$/.exec(c.headers.get('location'))[1] };
}

/** Adds a session through the staff form; returns its id. */
async function addSession(s, over = {}) {
  const f = {
    date: localDate(TZ, 20), start_time: '18:00', end_time: '19:30', format: 'in_person',
    venue_name: 'Lincoln Branch Library', venue_address: '100 Main Street', wheelchair_access: '1', transit_access: '1',
    join_url: '', language: 'en', interpretation: 'es', childcare: '1', capacity: '30', reserved_seats: '0',
    registration_open: '1', ...over,
  };
  const res = await postForm(s, `/admin/plan/conversations/${admin.conv}/sessions`, admin.jar, f,
    { csrfFromPath: `/admin/plan/conversations/${admin.conv}` });
  assert.equal(res.status, 303, `session created: ${res.status} ${res.status === 422 ? await res.text() : ''}`);
  return /^\/admin\/plan\/sessions\/(\d+)$/.exec(res.headers.get('location'))[1];
}

/** Registers one person through the public form; returns the response, the
 *  visitor's jar and the manage path (when the answer went there). */
async function register(s, sid, fields) {
  const jar = new Jar();
  const { res: page, text } = await get(s, `/d/north/sessions/${sid}`, jar);
  assert.equal(page.status, 200);
  const csrf = csrfFrom(text);
  assert.ok(csrf, 'the session page has a _csrf field');
  const res = await postForm(s, `/d/north/sessions/${sid}`, jar, { _csrf: csrf, language: 'en', website: '', ...fields });
  const loc = res.headers.get('location') || '';
  const m = /^(\/d\/north\/r\/[^?]+)\?new=1$/.exec(loc);
  return { res, jar, loc, manage: m ? m[1] : null };
}

/** Registers and expects a 303 to the manage page. */
async function registered(s, sid, fields) {
  const r = await register(s, sid, fields);
  assert.equal(r.res.status, 303, `${fields.email} registers: ${r.res.status}`);
  assert.ok(r.manage, `to the manage page, not ${r.loc}`);
  return r;
}

/** Posts an action on the private page with the visitor's jar. */
async function manageAction(s, r, fields) {
  const { text } = await get(s, r.manage, r.jar);
  return postForm(s, r.manage, r.jar, { _csrf: csrfFrom(text), ...fields });
}

/** Runs the outbox job at instant ms; returns the counts it printed. */
async function runOutbox(s, ms) {
  const out = await s.cli('outbox', 'run', '--now', isoSeconds(ms));
  const m = /(\d+) queued, (\d+) skipped, (\d+) sent, (\d+) to retry, (\d+) failed, (\d+) waiting/.exec(out);
  assert.ok(m, `outbox run output: ${out}`);
  const [queued, skipped, sent, retried, failed, waiting] = m.slice(1).map(Number);
  return { out: out.trim(), queued, skipped, sent, retried, failed, waiting };
}

/** A moment a little after the server's clock, for messages just queued. */
const soon = () => Date.now() + 2000;

/** The messages the SMTP listener got for one address, decoded. */
function mailTo(addr) {
  return smtp.messages.filter((m) => m.to.includes(addr)).map((m) => ({ ...decoded(m), raw: m.data }));
}

/** What an English message is, read from its subject (wording may change;
 *  every subject names the conversation). */
function kindOf(subject) {
  if (!subject.includes(TITLE)) return `other: ${subject}`;
  if (/cancel/i.test(subject)) return 'cancelled';
  if (/waitlist|waiting list/i.test(subject)) return 'waitlist';
  if (/tomorrow/i.test(subject)) return 'day_before';
  if (/^today\b/i.test(subject)) return 'day_of';
  if (/chang|moved|update/i.test(subject)) return 'update';
  if (/thank/i.test(subject)) return 'thank_you';
  if (/registered|confirmed|your seat/i.test(subject)) return 'confirmation';
  return `other: ${subject}`;
}

/** The kinds of the e-mails one address got, in order. */
function kindsTo(addr) {
  return mailTo(addr).map((m) => kindOf(m.headers.subject));
}

function strip(html) {
  return html.replace(/<[^>]*>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
}

/** The rows of the staff outbox page. */
async function outboxRows(s = srv, jar = admin.jar) {
  const { res, text } = await get(s, '/admin/invite', jar);
  assert.equal(res.status, 200);
  const body = (text.match(/<tbody>([\s\S]*?)<\/tbody>/) || [, ''])[1];
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const tds = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => x[1]);
    return {
      kind: strip(tds[1] || ''), to: strip(tds[2] || ''), subject: strip(tds[3] || ''), state: strip(tds[4] || ''),
      id: ((tds[3] || '').match(/messages\/(\d+)/) || [])[1],
    };
  });
  return { rows, text };
}

/** The e-mail addresses listed on the staff page of a session. */
async function listedEmails(sid) {
  const { res, text } = await get(srv, `/admin/plan/sessions/${sid}`, admin.jar);
  assert.equal(res.status, 200);
  const body = (text.match(/<tbody>([\s\S]*?)<\/tbody>/) || [, ''])[1];
  return [...body.matchAll(/<tr><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1].trim());
}

/** The value of a property line of the VEVENT in an iCalendar text
 *  (unfolded; a VTIMEZONE has DTSTART lines of its own). */
function icsProp(ics, name) {
  const un = ics.replace(/\r?\n[ \t]/g, '');
  const ev = /^BEGIN:VEVENT\r?$([\s\S]*?)^END:VEVENT\r?$/m.exec(un);
  if (!ev) return null;
  return icsLine(ev[1], name);
}

function icsLine(un, name) {
  const m = new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'm').exec(un);
  return m ? m[1].trim() : null;
}

/** Checks an invite.ics attachment; returns its text. */
function checkInvite(mail, uid, label) {
  const ics = mail.attachments.find((a) => a.filename === 'invite.ics');
  assert.ok(ics, `${label}: an invite.ics attachment among ${JSON.stringify(mail.attachments.map((a) => a.filename))}`);
  assert.equal(ics.type, 'text/calendar', `${label}: its type`);
  const t = ics.content;
  assert.match(t, /^BEGIN:VCALENDAR\r?\n/, `${label}: BEGIN:VCALENDAR`);
  assert.match(t, /^DTSTART;TZID=America\/Chicago:\d{8}T\d{6}\r?$/m, `${label}: DTSTART with the district's zone`);
  assert.match(t, /^BEGIN:VALARM\r?$/m, `${label}: a VALARM`);
  assert.equal(icsProp(t, 'UID'), uid, `${label}: the session's UID`);
  return t;
}

/** The UID of a session's public calendar file. */
async function sessionUid(sid) {
  const res = await srv.fetch(`/d/north/sessions/${sid}.ics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/calendar/);
  const t = await res.text();
  const uid = icsProp(t, 'UID');
  assert.ok(uid, `a UID in ${t}`);
  return { uid, text: t };
}

test('registering answers 303 to the private page, which says the seat is confirmed', async () => {
  S.main = await addSession(srv, { date: localDate(TZ, 20) });
  const r = await registered(srv, S.main, {
    name: 'Ana Ruiz', email: 'ana@families.example.org', need_childcare: '1', consent_record: '1',
  });
  S.ana = r;
  const { res, text } = await get(srv, r.manage, r.jar);
  assert.equal(res.status, 200);
  assert.match(text, /Your seat is confirmed\./);
  assert.match(res.headers.get('cache-control') || '', /no-store/);
  assert.match(text, /value="ana@families\.example\.org"/);
});

test('the same e-mail again answers 409 and the staff page still lists it once', async () => {
  for (const email of ['ana@families.example.org', ' ANA@Families.Example.org ']) {
    const r = await register(srv, S.main, { name: 'Ana again', email });
    assert.equal(r.res.status, 409, `registering ${JSON.stringify(email)} again`);
    assert.match(await r.res.text(), /already registered/);
  }
  const emails = await listedEmails(S.main);
  assert.deepEqual(emails.filter((e) => e === 'ana@families.example.org'), ['ana@families.example.org'], `listed: ${JSON.stringify(emails)}`);
  assert.equal(emails.length, 1);
});

test('after outbox run the English confirmation arrives with invite.ics (VCALENDAR, TZID, VALARM, the session UID)', async () => {
  S.beto = await registered(srv, S.main, { name: 'Beto Salas', email: 'beto@familias.example.org', language: 'es' });
  S.confirmAt = soon();
  const run = await runOutbox(srv, S.confirmAt);
  assert.equal(run.sent, 2, `two confirmations sent: ${run.out}`);
  await smtp.waitFor(2, 5000);
  const { uid } = await sessionUid(S.main);
  S.mainUid = uid;
  const [en] = mailTo('ana@families.example.org');
  assert.ok(en, 'Ana got a message');
  assert.equal(kindOf(en.headers.subject), 'confirmation', `subject: ${en.headers.subject}`);
  assert.ok(en.text.includes(TITLE), `the body names the conversation: ${en.text}`);
  assert.match(en.text, new RegExp(`${BASE.replace(/\./g, '\\.')}/d/north/r/`), 'the private link uses the base URL');
  assert.ok(en.text.includes(BASE + S.ana.manage), `the link is Ana's own: ${S.ana.manage}`);
  checkInvite(en, uid, 'English confirmation');
});

test('the Spanish registrant\'s confirmation is in Spanish, with the same calendar file', async () => {
  const en = mailTo('ana@families.example.org')[0];
  const es = mailTo('beto@familias.example.org')[0];
  assert.ok(es, 'Beto got a message');
  checkInvite(es, S.mainUid, 'Spanish confirmation');
  assert.equal(es.headers['content-language'], 'es', 'Content-Language: es');
  assert.notEqual(es.headers.subject, en.headers.subject,
    `the Spanish subject differs from the English one (both are ${JSON.stringify(en.headers.subject)})`);
  const firstLine = (t) => t.split('\n').find((l) => l.trim()) || '';
  assert.notEqual(firstLine(es.text), firstLine(en.text).replace('Ana Ruiz', 'Beto Salas'),
    `the body is not the English one: ${es.text}`);
});

test('a second outbox run at the same instant sends nothing more', async () => {
  const n = smtp.messages.length;
  const run = await runOutbox(srv, S.confirmAt);
  assert.equal(run.sent, 0, run.out);
  assert.equal(run.queued, 0, run.out);
  assert.equal(smtp.messages.length, n, 'no new e-mail');
  assert.equal(mailTo('ana@families.example.org').length, 1);
});

test('a 451 on delivery leaves the message pending with the error shown; it goes out after the retry delay', async () => {
  await registered(srv, S.main, { name: 'Kim Tran', email: 'kim@families.example.org' });
  const t = soon();
  smtp.failNext(451);
  const run = await runOutbox(srv, t);
  assert.equal(run.retried, 1, `one to retry: ${run.out}`);
  assert.equal(mailTo('kim@families.example.org').length, 0);
  let { rows } = await outboxRows();
  let kim = rows.find((r) => r.to === 'kim@families.example.org');
  assert.ok(kim, 'Kim\'s message is in the outbox');
  assert.match(kim.state, /^pending/, `state: ${kim.state}`);
  assert.match(kim.state, /451/, `the error is shown: ${kim.state}`);
  const page = await get(srv, `/admin/invite/messages/${kim.id}`, admin.jar);
  assert.equal(page.res.status, 200);
  assert.match(page.text, /451/);

  const early = await runOutbox(srv, t + 30 * 1000);
  assert.equal(mailTo('kim@families.example.org').length, 0, `not before the retry delay: ${early.out}`);
  const later = await runOutbox(srv, t + 2 * 60 * 1000);
  assert.equal(later.sent, 1, later.out);
  assert.equal(mailTo('kim@families.example.org').length, 1, 'delivered after the delay');
  ({ rows } = await outboxRows());
  kim = rows.find((r) => r.to === 'kim@families.example.org');
  assert.match(kim.state, /^sent/, `state: ${kim.state}`);
});

test('a 550 on delivery ends the message failed, and no later run sends it', async () => {
  await registered(srv, S.main, { name: 'Lee Park', email: 'lee@families.example.org' });
  const t = soon();
  smtp.failNext(550);
  const run = await runOutbox(srv, t);
  assert.equal(run.failed, 1, `one failed: ${run.out}`);
  const { rows } = await outboxRows();
  const lee = rows.find((r) => r.to === 'lee@families.example.org');
  assert.ok(lee, 'Lee\'s message is in the outbox');
  assert.match(lee.state, /^failed/, `state: ${lee.state}`);
  assert.match(lee.state, /550/, `the error is shown: ${lee.state}`);
  await runOutbox(srv, t + 60 * 60 * 1000);
  assert.equal(mailTo('lee@families.example.org').length, 0, 'never delivered');
});

test('capacity 1: the second person is waitlisted; when the first cancels, the seat and a confirmation go to the second', async () => {
  S.small = await addSession(srv, { date: localDate(TZ, 21), capacity: '1' });
  const carla = await registered(srv, S.small, { name: 'Carla Diaz', email: 'carla@families.example.org' });
  const dan = await registered(srv, S.small, { name: 'Dan Moreau', email: 'dan@families.example.org' });
  let page = await get(srv, dan.manage, dan.jar);
  assert.match(page.text, /You are on the waitlist\./);
  await runOutbox(srv, soon());
  const [cc] = mailTo('carla@families.example.org');
  const [dw] = mailTo('dan@families.example.org');
  assert.ok(cc && dw, 'both got a first message');
  assert.equal(kindOf(cc.headers.subject), 'confirmation', `subject: ${cc.headers.subject}`);
  assert.equal(kindOf(dw.headers.subject), 'waitlist', `subject: ${dw.headers.subject}`);
  assert.match(dw.text, /waitlist/);
  assert.equal(dw.attachments.length, 0, 'no calendar file without a seat');

  const res = await manageAction(srv, carla, { action: 'cancel' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `${carla.manage}?saved=1`);
  page = await get(srv, carla.manage, carla.jar);
  assert.match(page.text, /Your registration is cancelled\./);
  page = await get(srv, dan.manage, dan.jar);
  assert.match(page.text, /Your seat is confirmed\./);

  await runOutbox(srv, soon());
  const carlaMail = mailTo('carla@families.example.org');
  const danMail = mailTo('dan@families.example.org');
  assert.deepEqual(kindsTo('carla@families.example.org'), ['confirmation', 'cancelled'],
    JSON.stringify(carlaMail.map((m) => m.headers.subject)));
  assert.deepEqual(kindsTo('dan@families.example.org'), ['waitlist', 'confirmation'],
    JSON.stringify(danMail.map((m) => m.headers.subject)));
  checkInvite(danMail[1], (await sessionUid(S.small)).uid, 'Dan\'s confirmation');
  assert.deepEqual(await listedEmails(S.small), ['carla@families.example.org', 'dan@families.example.org']);
});

/** The status line of a registrant's private page. */
async function seatOf(r) {
  const { text } = await get(srv, r.manage, r.jar);
  if (/Your seat is confirmed\./.test(text)) return 'confirmed';
  if (/You are on the waitlist\./.test(text)) return 'waitlisted';
  if (/Your registration is cancelled\./.test(text)) return 'cancelled';
  return `unknown: ${strip(text).slice(0, 200)}`;
}

test('capacity 2 with three waiting: the last seat is given, then the waitlist; a waitlisted person who cancels frees nothing; seats go in the order people joined', async () => {
  const sid = await addSession(srv, { date: localDate(TZ, 22), capacity: '2' });
  const p = [];
  for (const n of ['Ada', 'Bo', 'Cy', 'Di', 'Ed'])
    p.push(await registered(srv, sid, { name: `${n} Tester`, email: `${n.toLowerCase()}.seats@families.example.org` }));
  const seats = async () => Promise.all(p.map(seatOf));
  assert.deepEqual(await seats(), ['confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted'],
    'full - 1 takes the last seat; at full the rest wait');
  // Di, waiting, cancels: nobody moves.
  assert.equal((await manageAction(srv, p[3], { action: 'cancel' })).status, 303);
  assert.deepEqual(await seats(), ['confirmed', 'confirmed', 'waitlisted', 'cancelled', 'waitlisted']);
  // Ada cancels: Cy, the first waiting, gets the seat.
  assert.equal((await manageAction(srv, p[0], { action: 'cancel' })).status, 303);
  assert.deepEqual(await seats(), ['cancelled', 'confirmed', 'confirmed', 'cancelled', 'waitlisted']);
  // Bo cancels: Ed gets it, not Di who left.
  assert.equal((await manageAction(srv, p[1], { action: 'cancel' })).status, 303);
  assert.deepEqual(await seats(), ['cancelled', 'cancelled', 'confirmed', 'cancelled', 'confirmed']);
});

test('capacity 3 with 1 reserved for invited people: two people without a code get seats, the third waits', async () => {
  const sid = await addSession(srv, { date: localDate(TZ, 23), capacity: '3', reserved_seats: '1' });
  const p = [];
  for (const n of ['Fay', 'Gus', 'Hal'])
    p.push(await registered(srv, sid, { name: `${n} Tester`, email: `${n.toLowerCase()}.reserved@families.example.org` }));
  assert.deepEqual(await Promise.all(p.map(seatOf)), ['confirmed', 'confirmed', 'waitlisted']);
});

/** Registers from a chosen local address (node:http), with the page's
 *  form and cookie; returns the status and headers. */
async function registerFrom(ip, sid, fields) {
  const jar = new Jar();
  const { text } = await get(srv, `/d/north/sessions/${sid}`, jar);
  const body = Buffer.from(new URLSearchParams({ _csrf: csrfFrom(text), language: 'en', website: '', ...fields }).toString());
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, path: `/d/north/sessions/${sid}`, method: 'POST', localAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, cookie: jar.header() },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('20 registrations in an hour from one address are taken; the 21st answers 429 with Retry-After and is not stored; errors do not count', async () => {
  const REGISTER_PER_HOUR = 20;   // h_register.c
  const sid = await addSession(srv, { date: localDate(TZ, 24), capacity: '100' });
  const ip = '127.0.66.1';
  assert.equal((await registerFrom(ip, sid, { name: 'No Mail', email: 'not-an-address' })).status, 422, 'an error (not counted)');
  for (let i = 1; i <= REGISTER_PER_HOUR; i++) {
    const r = await registerFrom(ip, sid, { name: `Flood Person ${i}`, email: `flood${i}@families.example.org` });
    assert.equal(r.status, 303, `registration ${i} of ${REGISTER_PER_HOUR}: ${r.status}`);
  }
  const over = await registerFrom(ip, sid, { name: 'Flood Person 21', email: 'flood21@families.example.org' });
  assert.equal(over.status, 429);
  assert.equal(over.headers['retry-after'], '3600');
  assert.match(over.text, /Too many registrations/);
  const listed = await listedEmails(sid);
  assert.equal(listed.length, REGISTER_PER_HOUR);
  assert.ok(!listed.includes('flood21@families.example.org'), 'the 21st is not stored');
  const other = await registerFrom('127.0.66.2', sid, { name: 'Neighbour', email: 'neighbour@families.example.org' });
  assert.equal(other.status, 303, 'another address may still register');
  assert.ok((await listedEmails(sid)).includes('neighbour@families.example.org'), 'and is stored');
});

test('moving a session sends each confirmed registrant an update whose calendar has SEQUENCE:1', async () => {
  const date = localDate(TZ, 22);
  S.moved = await addSession(srv, { date, capacity: '2' });
  await registered(srv, S.moved, { name: 'Hal Berg', email: 'hal@families.example.org' });
  await registered(srv, S.moved, { name: 'Ida Chen', email: 'ida@families.example.org', language: 'es' });
  await registered(srv, S.moved, { name: 'Jo Quinn', email: 'jo@families.example.org' });
  await runOutbox(srv, soon());
  const before = (await sessionUid(S.moved)).text;
  assert.match(before, /^SEQUENCE:0\r?$/m);

  const path = `/admin/plan/sessions/${S.moved}`;
  const res = await postForm(srv, path, admin.jar, {
    date, start_time: '18:30', end_time: '20:00', format: 'in_person', venue_name: 'Lincoln Branch Library',
    venue_address: '100 Main Street', wheelchair_access: '1', transit_access: '1', join_url: '', language: 'en',
    interpretation: 'es', childcare: '1', capacity: '2', reserved_seats: '0', registration_open: '1',
  }, { csrfFromPath: path });
  assert.equal(res.status, 303);
  const run = await runOutbox(srv, soon());
  assert.equal(run.sent, 2, `two updates: ${run.out}`);
  const { uid, text: after } = await sessionUid(S.moved);
  assert.match(after, /^SEQUENCE:1\r?$/m, 'the public calendar file has the new sequence');
  const want = `${date.replace(/-/g, '')}T183000`;
  for (const who of ['hal@families.example.org', 'ida@families.example.org']) {
    const mails = mailTo(who);
    assert.equal(mails.length, 2, `${who}: a confirmation and an update`);
    const upd = mails[1];
    const ics = checkInvite(upd, uid, `${who}'s update`);
    assert.match(ics, /^SEQUENCE:1\r?$/m, `${who}: SEQUENCE:1`);
    assert.equal(icsProp(ics, 'DTSTART'), want, `${who}: the new start`);
  }
  assert.deepEqual(kindsTo('hal@families.example.org'), ['confirmation', 'update'],
    JSON.stringify(mailTo('hal@families.example.org').map((m) => m.headers.subject)));
  const jo = mailTo('jo@families.example.org');
  assert.deepEqual(kindsTo('jo@families.example.org'), ['waitlist'],
    'the waitlisted person gets no update');
});

test('a filled honeypot answers 303 but keeps nothing', async () => {
  const r = await register(srv, S.main, { name: 'Robot', email: 'robot@spam.example.org', website: 'http://spam.example.org' });
  assert.equal(r.res.status, 303);
  assert.ok(!r.manage, `not sent to a private page: ${r.loc}`);
  assert.ok(!(await listedEmails(S.main)).includes('robot@spam.example.org'), 'no registration');
  await runOutbox(srv, soon());
  assert.equal(mailTo('robot@spam.example.org').length, 0);
  const { rows } = await outboxRows();
  assert.ok(!rows.some((x) => x.to === 'robot@spam.example.org'), 'no message queued');
});

test('a malformed e-mail answers 422 naming the problem, and nothing is stored', async () => {
  const r = await register(srv, S.main, { name: 'Maria Typo', email: 'maria.families.example.org' });
  assert.equal(r.res.status, 422);
  const html = await r.res.text();
  const alert = (html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/) || [])[1] || '';
  assert.match(alert, /e-mail address/i, `the alert names the e-mail: ${alert}`);
  S.typoHtml = html;
  const emails = await listedEmails(S.main);
  assert.ok(!emails.some((e) => e.includes('maria')), `not stored: ${JSON.stringify(emails)}`);
  const { text } = await get(srv, `/admin/plan/sessions/${S.main}`, admin.jar);
  assert.doesNotMatch(text, /Maria Typo/);
});

test('the form answered with 422 keeps what the person typed', async () => {
  const html = S.typoHtml;
  assert.ok(html, 'the previous test got the 422 page');
  assert.match(html, /<input id="name" name="name"[^>]*value="Maria Typo"/, 'the name is shown again');
  assert.match(html, /<input id="email" name="email"[^>]*value="maria\.families\.example\.org"/, 'the e-mail is shown again');
});

test('a name with a line break answers 422 naming the name, and nothing is stored', async () => {
  const r = await register(srv, S.main, { name: 'Nora\r\nBcc: all@example.org', email: 'nora.break@families.example.org' });
  assert.equal(r.res.status, 422);
  const html = await r.res.text();
  const alert = (html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/) || [])[1] || '';
  assert.equal(alert, 'Your name must be one line of text.');
  const emails = await listedEmails(S.main);
  assert.ok(!emails.includes('nora.break@families.example.org'), `not stored: ${JSON.stringify(emails)}`);
});

test('a Spanish visitor is told in Spanish what is wrong with the name, and nothing is stored', async () => {
  const jar = new Jar();
  jar.cookies.set('lang', 'es');
  const { text } = await get(srv, `/d/north/sessions/${S.main}`, jar);
  const res = await postForm(srv, `/d/north/sessions/${S.main}`, jar,
    { _csrf: csrfFrom(text), language: 'es', website: '', name: 'Nora\nLópez', email: 'nora.es@families.example.org' });
  assert.equal(res.status, 422);
  const html = await res.text();
  const alert = (html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/) || [])[1] || '';
  assert.equal(alert, 'Su nombre: debe ser una sola línea de texto.');
  assert.ok(!(await listedEmails(S.main)).includes('nora.es@families.example.org'), 'not stored');
});

test('registering less than a day ahead: no day_before reminder (shown skipped), but day_of arrives at start−2h', async () => {
  // A start 10 to 17 hours from now, at a local time well inside one day.
  let t = Math.ceil((Date.now() + 10 * HOUR) / (5 * 60 * 1000)) * (5 * 60 * 1000);
  for (;;) {
    const h = Number(localParts(TZ, t).time.slice(0, 2));
    if (h >= 4 && h <= 21) break;
    t += HOUR / 2;
  }
  const start = localParts(TZ, t);
  const end = localParts(TZ, t + HOUR);
  S.soonSession = await addSession(srv, { date: start.date, start_time: start.time, end_time: end.time, capacity: '10' });
  assert.equal(zonedInstant(TZ, start.date, start.time), t);
  await registered(srv, S.soonSession, { name: 'Gina Lowe', email: 'gina@families.example.org' });
  const r1 = await runOutbox(srv, soon());
  assert.deepEqual(kindsTo('gina@families.example.org'), ['confirmation'], r1.out);
  const { rows } = await outboxRows();
  const db = rows.find((x) => x.to === 'gina@families.example.org' && x.kind === 'day_before');
  assert.ok(db, `a day_before row for Gina among ${JSON.stringify(rows.filter((x) => x.to.startsWith('gina')))}`);
  assert.match(db.state, /^skipped/, `state: ${db.state}`);

  await runOutbox(srv, t - 2 * HOUR);
  const subjects = mailTo('gina@families.example.org').map((m) => m.headers.subject);
  assert.deepEqual(kindsTo('gina@families.example.org'), ['confirmation', 'day_of'], JSON.stringify(subjects));
  const dayOf = mailTo('gina@families.example.org')[1];
  assert.match(dayOf.text, /today/i);
});

test('day_before arrives at start−23h for a person registered earlier; a cancelled registration gets no reminders', async () => {
  const date = localDate(TZ, 2);
  S.dayBefore = await addSession(srv, { date, capacity: '10' });
  const start = zonedInstant(TZ, date, '18:00');
  const ics = (await sessionUid(S.dayBefore)).text;
  assert.equal(icsProp(ics, 'DTSTART'), `${date.replace(/-/g, '')}T180000`, 'the calendar agrees on the start');
  await registered(srv, S.dayBefore, { name: 'Erin Vogel', email: 'erin@families.example.org' });
  const finn = await registered(srv, S.dayBefore, { name: 'Finn Ode', email: 'finn@families.example.org' });
  assert.equal((await manageAction(srv, finn, { action: 'cancel' })).status, 303);
  await runOutbox(srv, soon());

  await runOutbox(srv, start - 23 * HOUR);
  const erin = mailTo('erin@families.example.org').map((m) => m.headers.subject);
  assert.deepEqual(kindsTo('erin@families.example.org'), ['confirmation', 'day_before'], JSON.stringify(erin));
  assert.match(mailTo('erin@families.example.org')[1].text, /tomorrow/);

  await runOutbox(srv, start - 2 * HOUR);
  assert.deepEqual(kindsTo('erin@families.example.org'), ['confirmation', 'day_before', 'day_of']);

  assert.deepEqual(kindsTo('finn@families.example.org'), ['confirmation', 'cancelled'],
    'no reminder for a cancelled registration');
  const { rows } = await outboxRows();
  const skipped = rows.filter((x) => x.to === 'finn@families.example.org' && /^skipped/.test(x.state));
  assert.deepEqual(skipped.map((x) => x.kind).sort(), ['day_before', 'day_of'], JSON.stringify(rows.filter((x) => x.to.startsWith('finn'))));
  assert.ok(skipped.every((x) => /cancelled/.test(x.state)), JSON.stringify(skipped));
});

test('without COMMONGROUND_SMTP_URL messages wait in the outbox and the staff page shows their subjects', async () => {
  plain = await startServer({ env: { COMMONGROUND_SMTP_URL: '', COMMONGROUND_BASE_URL: BASE } });
  const saved = admin;
  try {
    admin = await setup(plain);
    const sid = await addSession(plain, { date: localDate(TZ, 20) });
    await registered(plain, sid, { name: 'Nora Ali', email: 'nora@families.example.org' });
    const before = smtp.messages.length;
    const run = await runOutbox(plain, soon());
    assert.equal(run.sent, 0, run.out);
    assert.equal(run.waiting, 1, `one waiting for SMTP: ${run.out}`);
    assert.equal(smtp.messages.length, before, 'nothing reached the SMTP listener');
    const { rows, text } = await outboxRows(plain, admin.jar);
    assert.match(text, /No mail server is configured/);
    const nora = rows.find((x) => x.to === 'nora@families.example.org');
    assert.ok(nora, `Nora's message is listed: ${JSON.stringify(rows)}`);
    assert.equal(kindOf(nora.subject), 'confirmation', `subject shown: ${nora.subject}`);
    assert.match(nora.state, /^pending/);
    const msg = await get(plain, `/admin/invite/messages/${nora.id}`, admin.jar);
    assert.equal(msg.res.status, 200);
    assert.match(msg.text, /<pre class="mail">[^<]*Start times listening session/, 'the body is shown');
    assert.match(msg.text, /invite\.ics/);
  } finally {
    admin = saved;
  }
});

test('the servers stop cleanly (no sanitizer reports)', async () => {
  if (plain) {
    const p = await plain.stop();
    plain = null;
    assert.equal(p.code, 0, `server without SMTP: exit ${JSON.stringify(p)}`);
  }
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
