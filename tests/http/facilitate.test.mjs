// Running a session: staff hand a conversation to its team; facilitators
// and partners then reach that conversation's sessions only, check people
// in (registrants and walk-ins, codes P1, P2… in order), confirm consent
// and the stipend, and take live notes (form, JSON resend with client ids,
// API), redacted before they are stored; the participation balance is
// computed from the notes when there is no transcript.  Every form needs
// its CSRF token; another district sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

const TZ = 'America/Chicago';
const NORTH_ADMIN = 'admin@north.example.org';
const SOUTH_ADMIN = 'admin@south.example.org';
const FAC_ON = 'nadia@north.example.org';        // facilitator, on the team
const FAC_OFF = 'omar@north.example.org';        // facilitator, not on it
const PARTNER_ON = 'partner@families.example.org';
const PARTNER_OFF = 'other@partners.example.org';
const RUNNER = PARTNER_ON;                        // runs the sessions in the form tests
const FAC_ON_NAME = 'Nadia Whitfield';
const QUESTIONS = ['What helps your child learn at home?', 'What gets in the way?', 'What should the district try first?'];

const VTT = `WEBVTT

1
00:00:01.000 --> 00:00:04.000
Ana Reyes: Welcome, everyone.

2
00:00:04.500 --> 00:00:09.000
Carla Diaz: We have one tablet for three children.

3
00:00:09.500 --> 00:00:12.000
Ana Reyes: Thank you.
`;

let srv;
let stopped = null;
const north = {}, south = {};   // { jar, token, csrf }
const who = {};                 // email → { jar, token, csrf, id }
const ids = {};                 // shared between tests, filled as they go

// ---- helpers ----

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** POSTs a urlencoded form; fields may be an object or [name, value] pairs
 *  (for repeated names).  No _csrf is added. */
async function post(jar, path, fields, headers = {}) {
  const h = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
  if (jar && jar.cookies.size) h.cookie = jar.header();
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString();
  const res = await srv.fetch(path, { method: 'POST', headers: h, body });
  if (jar) jar.take(res);
  return res;
}

/** POSTs a note form in JSON mode (the page's script resending a note). */
async function postNoteJson(p, sid, fields) {
  const res = await post(p.jar, `/admin/capture/sessions/${sid}/notes`, { _csrf: p.csrf, ...fields },
    { accept: 'application/json' });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch {}
  return { res, status: res.status, text, json };
}

/** The text of the alert on a page with an error, or null. */
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? m[1].trim() : null;
}

/** What an error page says (for assertion messages). */
function alertOrLead(html) {
  const m = html.match(/<p class="(?:alert|lead)"[^>]*>([\s\S]*?)<\/p>/);
  return m ? m[1].trim() : html.slice(0, 200);
}

/** The session ids the Capture list links to. */
function runLinks(html) {
  return [...html.matchAll(/href="\/admin\/capture\/sessions\/(\d+)"/g)].map((m) => m[1]);
}

/** The labels of the area navigation of an admin page. */
function navLabels(html) {
  const nav = html.match(/<nav class="areas"[\s\S]*?<\/nav>/);
  assert.ok(nav, 'the page has the area navigation');
  return [...nav[0].matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: m[1], label: m[2].trim() }));
}

/** The attendees of a session through the API (staff token). */
async function attendees(sid, token = north.token) {
  const r = await api(srv, token, 'GET', `/api/v1/sessions/${sid}/attendees`);
  assert.equal(r.status, 200, r.text);
  return r.json.attendees;
}

/** The notes of a session through the API (staff token). */
async function notes(sid, token = north.token) {
  const r = await api(srv, token, 'GET', `/api/v1/sessions/${sid}/notes`);
  assert.equal(r.status, 200, r.text);
  return r.json.notes;
}

/** Registers one person through the public form, as an anonymous visitor. */
async function register(sid, fields) {
  const jar = new Jar();
  const { res: page, text } = await get(srv, `/d/north/sessions/${sid}`, jar);
  assert.equal(page.status, 200, `the public page of session ${sid}`);
  const res = await postForm(srv, `/d/north/sessions/${sid}`, jar,
    { _csrf: csrfFrom(text), language: 'en', website: '', ...fields });
  assert.equal(res.status, 303, `${fields.name} registers for ${sid}: ${res.status}`);
}

/** The registration id of the person named in a session (staff API). */
async function registrationId(sid, name) {
  const r = await api(srv, north.token, 'GET', `/api/v1/sessions/${sid}/registrations`);
  assert.equal(r.status, 200, r.text);
  const reg = r.json.registrations.find((x) => x.name === name);
  assert.ok(reg, `${name} among ${JSON.stringify(r.json.registrations.map((x) => x.name))}`);
  return reg.id;
}

async function addSession(cid, startMs, token = north.token) {
  const r = await api(srv, token, 'POST', '/api/v1/sessions', {
    conversation_id: Number(cid), starts_at: iso(startMs), ends_at: iso(startMs + 5400e3),
    format: 'in_person', venue_name: 'Eastside Library', capacity: 20, registration_open: true });
  assert.equal(r.status, 201, r.text);
  return String(r.json.id);
}

async function person(email, role, name) {
  await srv.cliStdin(`${PASSWORD}\n`, 'user', 'add', '--district', 'north', '--email', email, '--role', role,
    '--name', name, '--password-stdin');
  const p = { jar: await signIn(srv, email, PASSWORD), token: (await srv.cli('token', 'create', '--email', email)).trim() };
  const { text } = await get(srv, '/admin', p.jar);
  p.csrf = csrfFrom(text);
  assert.ok(p.csrf, `${email} has a CSRF token`);
  who[email] = p;
  return p;
}

before(async () => {
  srv = await startServer();
  for (const [slug, admin, d] of [['north', NORTH_ADMIN, north], ['south', SOUTH_ADMIN, south]]) {
    await srv.cli('district', 'add', '--slug', slug, '--name', `${slug} schools`, '--timezone', TZ);
    await srv.addUser(slug, admin, 'admin', PASSWORD);
    d.jar = await signIn(srv, admin, PASSWORD);
    d.token = (await srv.cli('token', 'create', '--email', admin)).trim();
    d.csrf = csrfFrom((await get(srv, '/admin', d.jar)).text);
  }
  await person(FAC_ON, 'facilitator', FAC_ON_NAME);
  await person(FAC_OFF, 'facilitator', 'Omar Haddad');
  await person(PARTNER_ON, 'partner', 'Grace Partner');
  await person(PARTNER_OFF, 'partner', 'Otto Outsider');
  const users = await api(srv, north.token, 'GET', '/api/v1/users');
  assert.equal(users.status, 200, users.text);
  for (const u of users.json.users) if (who[u.email]) who[u.email].id = String(u.id);

  let r = await api(srv, north.token, 'POST', '/api/v1/groups', { name: 'Families of English learners', kind: 'families', description: '' });
  assert.equal(r.status, 201, r.text);
  ids.group = String(r.json.id);

  const proto = await postForm(srv, '/admin/plan/protocols', north.jar,
    { name: 'Devices at home', framing: 'Why we are here.', introductions: 'Names and one word.', questions: QUESTIONS.join('\n'), closing: 'What happens next.' },
    { csrfFromPath: '/admin/plan/protocols' });
  assert.equal(proto.status, 303);

  r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: 'Devices', why: 'Homework needs devices.', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  ids.initiative = r.json.id;
  r = await api(srv, north.token, 'POST', '/api/v1/conversations', {
    initiative_id: ids.initiative, group_id: Number(ids.group), title: 'Devices at home', facilitator: 'Ana Reyes',
    compensation_kind: 'stipend', compensation_cents: 2500 });
  assert.equal(r.status, 201, r.text);
  ids.convA = String(r.json.id);
  r = await api(srv, north.token, 'POST', '/api/v1/conversations', { initiative_id: ids.initiative, title: 'Bus routes' });
  assert.equal(r.status, 201, r.text);
  ids.convB = String(r.json.id);

  // The protocol is chosen on the conversation form.
  const conv = await get(srv, `/admin/plan/conversations/${ids.convA}`, north.jar);
  const sel = conv.text.match(/<select id="c-proto" name="protocol_id">([\s\S]*?)<\/select>/);
  assert.ok(sel, 'the conversation form offers protocols');
  const opt = /<option value="(\d+)"[^>]*>Devices at home<\/option>/.exec(sel[1]);
  assert.ok(opt, `the protocol is offered: ${sel[1]}`);
  ids.protocol = opt[1];
  const save = await post(north.jar, `/admin/plan/conversations/${ids.convA}`, {
    _csrf: north.csrf, title: 'Devices at home', objective: '', group_id: ids.group, protocol_id: ids.protocol,
    managed_by: 'district', partner_name: '', facilitator: 'Ana Reyes', compensation_kind: 'stipend',
    compensation_amount: '25', status: 'planning' });
  assert.equal(save.status, 303, `the protocol is chosen: ${save.status}`);

  const start = Math.floor((Date.now() + 2 * 86400e3) / 3600e3) * 3600e3;
  ids.a1 = await addSession(ids.convA, start);
  ids.a2 = await addSession(ids.convA, start + 86400e3);
  ids.a3 = await addSession(ids.convA, start + 2 * 86400e3);
  ids.fac = await addSession(ids.convA, start + 3 * 86400e3);
  ids.b1 = await addSession(ids.convB, start);
  ids.recent = await addSession(ids.convA, Date.now() - 10 * 86400e3);   // ended 10 days ago
  ids.old = await addSession(ids.convA, Date.now() - 40 * 86400e3);      // ended 40 days ago
  r = await api(srv, south.token, 'POST', '/api/v1/conversations', { initiative_id: (await api(srv, south.token, 'POST',
    '/api/v1/initiatives', { title: 'South devices', why: '', mode: 'cooperate' })).json.id, title: 'South only' });
  assert.equal(r.status, 201, r.text);
  ids.s1 = await addSession(String(r.json.id), start, south.token);

  await register(ids.a1, { name: 'Rosa Martinez', email: 'rosa@families.example.org' });
  await register(ids.a1, { name: 'Ben Okafor', email: 'ben@families.example.org', consent_record: '1' });
  await register(ids.a2, { name: 'Carla Diaz', email: 'carla@families.example.org' });
  ids.rosa = await registrationId(ids.a1, 'Rosa Martinez');
  ids.ben = await registrationId(ids.a1, 'Ben Okafor');
  ids.carla = await registrationId(ids.a2, 'Carla Diaz');
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

// ---- the team ----

test('staff hand a conversation to a facilitator and a partner with the team form', async () => {
  const res = await post(north.jar, `/admin/plan/conversations/${ids.convA}/team`,
    [['_csrf', north.csrf], ['user_id', who[FAC_ON].id], ['user_id', who[PARTNER_ON].id]]);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/plan/conversations/${ids.convA}?saved=team#team`);
  const { text } = await get(srv, `/admin/plan/conversations/${ids.convA}`, north.jar);
  const team = text.match(/<h2 id="team">[\s\S]*?<\/form>/);
  assert.ok(team, 'the conversation page has the team form');
  for (const [email, on] of [[FAC_ON, true], [PARTNER_ON, true], [FAC_OFF, false], [PARTNER_OFF, false]]) {
    const box = new RegExp(`<input type="checkbox" name="user_id" value="${who[email].id}"( checked)?>`).exec(team[0]);
    assert.ok(box, `${email} is offered`);
    assert.equal(Boolean(box[1]), on, `${email} ${on ? 'is' : 'is not'} ticked`);
  }
  assert.doesNotMatch(team[0], new RegExp(NORTH_ADMIN), 'staff are not offered: they see everything anyway');
});

test('a facilitator cannot change a team (403)', async () => {
  const p = who[FAC_OFF];
  const res = await post(p.jar, `/admin/plan/conversations/${ids.convA}/team`,
    [['_csrf', p.csrf], ['user_id', p.id]]);
  assert.equal(res.status, 403);
  const { text } = await get(srv, `/admin/plan/conversations/${ids.convA}`, north.jar);
  assert.match(text, new RegExp(`name="user_id" value="${p.id}">`), 'still not on the team');
});

test('the Capture list: staff see every recent session, a partner only the team\'s', async () => {
  const staff = await get(srv, '/admin/capture', north.jar);
  assert.equal(staff.res.status, 200);
  const listed = runLinks(staff.text);
  for (const s of [ids.a1, ids.a2, ids.a3, ids.b1, ids.recent]) assert.ok(listed.includes(s), `staff see ${s}: ${listed}`);
  assert.ok(!listed.includes(ids.old), 'a session that ended 40 days ago is no longer listed');
  assert.ok(!listed.includes(ids.s1), 'no session of another district');

  const { res, text } = await get(srv, '/admin/capture', who[PARTNER_ON].jar);
  assert.equal(res.status, 200);
  const mine = runLinks(text);
  for (const s of [ids.a1, ids.a2, ids.a3, ids.recent]) assert.ok(mine.includes(s), `the partner sees ${s}: ${mine}`);
  assert.ok(!mine.includes(ids.b1), 'not a conversation that was not handed over');
  assert.ok(!mine.includes(ids.old), 'not a session that ended 40 days ago');
  assert.ok(!mine.includes(ids.s1), 'not another district');

  const off = await get(srv, '/admin/capture', who[PARTNER_OFF].jar);
  assert.equal(off.res.status, 200);
  assert.deepEqual(runLinks(off.text), [], 'nothing handed to this partner');
  assert.match(off.text, /No sessions have been handed to you yet/);
});

test('the phone view opens for staff and a partner on the team; 404 for others and for another district', async () => {
  for (const [label, jar] of [['staff', north.jar], ['partner on the team', who[PARTNER_ON].jar]]) {
    const { res, text } = await get(srv, `/admin/capture/sessions/${ids.a1}`, jar);
    assert.equal(res.status, 200, label);
    assert.match(text, /<h1>Devices at home<\/h1>/, label);
    for (const q of QUESTIONS) assert.ok(text.includes(`<li>${q}</li>`), `${label}: question "${q}" on the page`);
    const waiting = text.match(/<h3 id="expected">[\s\S]*?<\/ul>/);
    assert.ok(waiting && /Rosa Martinez/.test(waiting[0]) && /Ben Okafor/.test(waiting[0]), `${label}: both registrants are expected`);
  }
  const cases = [
    ['partner not on the team', who[PARTNER_OFF].jar, ids.a1],
    ['partner, conversation not handed over', who[PARTNER_ON].jar, ids.b1],
    ['another district\'s staff', south.jar, ids.a1],
    ['staff, another district\'s session', north.jar, ids.s1],
    ['partner, another district\'s session', who[PARTNER_ON].jar, ids.s1],
  ];
  for (const [label, jar, sid] of cases) {
    const { res, text } = await get(srv, `/admin/capture/sessions/${sid}`, jar);
    assert.equal(res.status, 404, label);
    assert.doesNotMatch(text, /Rosa Martinez|Ben Okafor/, `${label}: no names leak`);
  }
});

test('facilitators and partners see only Capture in the navigation, and staff pages answer 403', async () => {
  for (const email of [FAC_ON, PARTNER_ON]) {
    const { res, text } = await get(srv, '/admin', who[email].jar);
    assert.equal(res.status, 200, email);
    const nav = navLabels(text);
    assert.deepEqual(nav.filter((x) => x.label !== 'Dashboard').map((x) => `${x.label} ${x.href}`), ['Capture /admin/capture'],
      `${email}: ${JSON.stringify(nav)}`);
    for (const path of ['/admin/plan', '/admin/plan/groups', `/admin/plan/conversations/${ids.convA}`,
      `/admin/plan/sessions/${ids.a1}`, '/admin/invite', '/admin/users',
      '/admin/strategy', '/admin/partners', '/admin/network']) {
      assert.equal((await get(srv, path, who[email].jar)).res.status, 403, `${email}: GET ${path}`);
    }
    const r = await api(srv, who[email].token, 'GET', `/api/v1/sessions/${ids.a1}/registrations`);
    assert.equal(r.status, 403, `${email}: the registrations API`);
  }
  const staffNav = navLabels((await get(srv, '/admin', north.jar)).text).map((x) => x.label);
  assert.ok(staffNav.includes('Plan') && staffNav.includes('Capture'), `staff nav: ${staffNav}`);
  assert.equal((await get(srv, '/admin/strategy', north.jar)).res.status, 200, 'staff open an area to come');
});

// ---- facilitators (the role the phone view is for) ----

test('a facilitator on the team opens the Capture list and the phone view (the Capture link works)', async () => {
  const p = who[FAC_ON];
  const list = await get(srv, '/admin/capture', p.jar);
  assert.equal(list.res.status, 200, `GET /admin/capture as a facilitator: ${alertOrLead(list.text)}`);
  const mine = runLinks(list.text);
  assert.ok(mine.includes(ids.a1) && mine.includes(ids.fac), `the team's sessions are listed: ${mine}`);
  assert.ok(!mine.includes(ids.b1), 'not a conversation that was not handed over');
  const view = await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar);
  assert.equal(view.res.status, 200, `GET the phone view as a facilitator: ${alertOrLead(view.text)}`);
  assert.match(view.text, /<h1>Devices at home<\/h1>/);
});

test('a facilitator on the team checks in, confirms consent, takes notes and uploads a transcript', async () => {
  const p = who[FAC_ON];
  const sid = ids.fac;
  let res = await post(p.jar, `/admin/capture/sessions/${sid}/attendees`, { _csrf: p.csrf, name: 'Walker Fac', consent_record: '1' });
  assert.equal(res.status, 303, 'walk-in check-in by the facilitator');
  const as = await attendees(sid);
  assert.equal(as.length, 1, 'one attendee');
  res = await post(p.jar, `/admin/capture/sessions/${sid}/attendees/${as[0].id}`, { _csrf: p.csrf, consent_record: '1', stipend: '1' });
  assert.equal(res.status, 303, 'consent and stipend by the facilitator');
  const a = (await attendees(sid))[0];
  assert.deepEqual([a.name, a.consent_record, a.stipend], ['Walker Fac', true, true], 'the check-in and its consent are stored');
  res = await post(p.jar, `/admin/capture/sessions/${sid}/notes`,
    { _csrf: p.csrf, client_id: 'fac-form', question: '1', speaker: 'P1', kind: 'note', text: 'Noted by the facilitator.' });
  assert.equal(res.status, 303, 'a note from the form');
  const j = await postNoteJson(p, sid, { client_id: 'fac-json', question: '0', speaker: 'F', kind: 'note', text: 'Resent by the script.' });
  assert.equal(j.status, 201, 'a note in JSON mode');
  const r = await api(srv, p.token, 'GET', `/api/v1/sessions/${sid}/notes`);
  assert.equal(r.status, 200, 'the notes API with a facilitator\'s token');
  assert.deepEqual(r.json.notes.filter((n) => /^fac-/.test(n.client_id)).map((n) => [n.client_id, n.text]).sort(),
    [['fac-form', 'Noted by the facilitator.'], ['fac-json', 'Resent by the script.']], 'both notes are stored');
  const t = await api(srv, p.token, 'POST', `/api/v1/sessions/${sid}/transcripts?format=vtt`, VTT, { 'content-type': 'text/vtt' });
  assert.equal(t.status, 201, 'a transcript from a facilitator on the team');
  const page = await get(srv, `/admin/plan/sessions/${sid}/transcript`, p.jar);
  assert.equal(page.res.status, 200, 'the transcript page');
  assert.match(page.text, /Welcome, everyone/, 'the page shows the stored transcript');
});

test('a facilitator not on the team finds nothing: an empty list, and 404 for the team\'s sessions', async () => {
  const p = who[FAC_OFF];
  const list = await get(srv, '/admin/capture', p.jar);
  assert.equal(list.res.status, 200, 'the Capture list opens');
  assert.deepEqual(runLinks(list.text), []);
  assert.equal((await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar)).res.status, 404, 'the phone view');
  const n = await postNoteJson(p, ids.a1, { client_id: 'off-1', question: '0', speaker: 'F', kind: 'note', text: 'Not mine.' });
  assert.equal(n.status, 404, 'a note');
  for (const path of [`/api/v1/sessions/${ids.a1}/notes`, `/api/v1/sessions/${ids.a1}/attendees`, `/api/v1/sessions/${ids.a1}/participation`]) {
    assert.equal((await api(srv, p.token, 'GET', path)).status, 404, `GET ${path}`);
  }
  assert.ok(!(await notes(ids.a1)).some((x) => x.client_id === 'off-1'));
});

// ---- check-in ----

test('a registrant and a walk-in are checked in as P1 and P2, in that order', async () => {
  const p = who[RUNNER];
  let res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { _csrf: p.csrf, registration_id: String(ids.rosa) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/capture/sessions/${ids.a1}?done=checkin#checkin`);
  res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/attendees`,
    { _csrf: p.csrf, name: 'Dolores Huerta', group_id: ids.group, consent_record: '1' });
  assert.equal(res.status, 303);

  const as = await attendees(ids.a1);
  assert.equal(as.length, 2, JSON.stringify(as));
  assert.equal(as[0].code, 'P1');
  assert.equal(as[0].name, 'Rosa Martinez');
  assert.equal(as[0].registration_id, ids.rosa);
  assert.equal(as[0].walk_in, false);
  assert.equal(as[0].consent_confirmed, false, 'a registrant\'s consent is still to confirm at the door');
  assert.equal(as[1].code, 'P2');
  assert.equal(as[1].name, 'Dolores Huerta');
  assert.equal(as[1].walk_in, true);
  assert.equal(as[1].consent_record, true);
  assert.equal(as[1].consent_quote, false);
  assert.equal(as[1].consent_confirmed, true, 'consent asked at the door is confirmed');
  ids.rosaAttendee = as[0].id;
  ids.dolores = as[1].id;

  const { text } = await get(srv, `/admin/capture/sessions/${ids.a1}?done=checkin`, p.jar);
  assert.match(text, /<span class="code">P1<\/span> Rosa Martinez/);
  assert.match(text, /<span class="code">P2<\/span> Dolores Huerta <span class="meta">\(walk-in\)<\/span>/);
  assert.match(text, /Check-in \(2\)/);
  const waiting = (text.match(/<h3 id="expected">[\s\S]*?<\/ul>/) || [''])[0];
  assert.doesNotMatch(waiting, /Rosa Martinez/, 'Rosa is no longer expected');
  assert.match(waiting, /Ben Okafor/, 'Ben still is');
  // The speaker list of the note form offers the codes.
  const speakers = (text.match(/<select id="n-speaker" name="speaker">([\s\S]*?)<\/select>/) || [, ''])[1];
  assert.deepEqual([...speakers.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]), ['', 'F', 'P1', 'P2']);
});

test('checking the same registrant in twice answers 409 with a message, and adds nobody', async () => {
  const p = who[RUNNER];
  const res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { _csrf: p.csrf, registration_id: String(ids.rosa) });
  assert.equal(res.status, 409);
  assert.match(alertOf(await res.text()) || '', /already checked in/i);
  const r = await api(srv, north.token, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { registration_id: ids.rosa });
  assert.equal(r.status, 409, `the API too: ${r.text}`);
  assert.equal((await attendees(ids.a1)).length, 2);
});

test('a registration of another session answers 422; an empty walk-in name answers 422 naming the name', async () => {
  const p = who[RUNNER];
  let res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { _csrf: p.csrf, registration_id: String(ids.carla) });
  assert.equal(res.status, 422);
  assert.match(alertOf(await res.text()) || '', /did not register for this session/i);

  res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { _csrf: p.csrf, name: '   ', group_id: '' });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(alertOf(html) || '', /name/i, `the alert names the name: ${alertOf(html)}`);
  assert.ok(csrfFrom(html), 'the page is shown again with its forms');
  assert.equal((await attendees(ids.a1)).length, 2, 'nobody was added');
});

test('consent and the stipend are confirmed per attendee', async () => {
  const p = who[RUNNER];
  const path = `/admin/capture/sessions/${ids.a1}/attendees/${ids.rosaAttendee}`;
  let res = await post(p.jar, path, { _csrf: p.csrf, consent_record: '1', consent_quote: '1', stipend: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/capture/sessions/${ids.a1}?done=consent#a-${ids.rosaAttendee}`);
  let rosa = (await attendees(ids.a1)).find((a) => a.id === ids.rosaAttendee);
  assert.deepEqual([rosa.consent_confirmed, rosa.consent_record, rosa.consent_quote, rosa.stipend], [true, true, true, true]);

  res = await post(p.jar, path, { _csrf: p.csrf, consent_record: '1' });
  assert.equal(res.status, 303);
  rosa = (await attendees(ids.a1)).find((a) => a.id === ids.rosaAttendee);
  assert.deepEqual([rosa.consent_confirmed, rosa.consent_record, rosa.consent_quote, rosa.stipend], [true, true, false, false]);

  const { text } = await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar);
  const li = text.match(new RegExp(`<li id="a-${ids.rosaAttendee}"[\\s\\S]*?</li>`));
  assert.ok(li, 'Rosa has her row');
  assert.match(li[0], /name="consent_record" value="1" checked/);
  assert.doesNotMatch(li[0], /name="consent_quote" value="1" checked/);
  assert.match(li[0], /name="stipend" value="1">/, 'the stipend box is offered (the conversation pays one), unticked');
  assert.match(li[0], /consent confirmed/);

  // An attendee id of this session under another session's address: 404.
  res = await post(p.jar, `/admin/capture/sessions/${ids.a2}/attendees/${ids.rosaAttendee}`, { _csrf: p.csrf, stipend: '1' });
  assert.equal(res.status, 404);
  rosa = (await attendees(ids.a1)).find((a) => a.id === ids.rosaAttendee);
  assert.equal(rosa.stipend, false, 'unchanged');
});

// ---- notes ----

test('a note from the form answers 303 and is listed on the page', async () => {
  const p = who[RUNNER];
  const res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/notes`,
    { _csrf: p.csrf, client_id: 'form-1', question: '1', speaker: 'P1', kind: 'note', text: 'We share one laptop between three kids.' });
  assert.equal(res.status, 303);
  // Back to the form, with the same question chosen for the next note.
  assert.equal(res.headers.get('location'), `/admin/capture/sessions/${ids.a1}?done=note&q=1#notes`);
  const { text } = await get(srv, res.headers.get('location').replace(/#.*/, ''), p.jar);
  assert.match(text, /<option value="1" selected>1\. /);
  assert.match(text, /<span class="code">P1<\/span> <span class="meta">Q1<\/span> We share one laptop between three kids\./);
  assert.match(text, /Notes \(1\)/);
  const ns = await notes(ids.a1);
  assert.equal(ns.length, 1);
  assert.equal(ns[0].client_id, 'form-1');
  assert.equal(ns[0].question, 1);
  assert.equal(ns[0].speaker, 'P1');
  assert.equal(ns[0].kind, 'note');
  assert.equal(ns[0].words, 7);
});

test('in JSON mode a note answers 201, the same client id again 200 with the stored note, and it is kept once', async () => {
  const p = who[RUNNER];
  const first = await postNoteJson(p, ids.a1,
    { client_id: 'c-0f1e2d3c', question: '2', speaker: 'P2', kind: 'quote', text: 'The hotspot saved my semester.', taken_at: String(Math.floor(Date.now() / 1000) - 60) });
  assert.equal(first.status, 201, first.text);
  assert.match(first.res.headers.get('content-type') || '', /^application\/json/);
  assert.equal(first.json.client_id, 'c-0f1e2d3c');
  assert.equal(first.json.speaker, 'P2');
  assert.equal(first.json.kind, 'quote');
  assert.equal(first.json.quote, true);
  assert.equal(first.json.question, 2);
  assert.equal(first.json.text, 'The hotspot saved my semester.');

  // The connection dropped before the answer: the script sends it again.
  const again = await postNoteJson(p, ids.a1,
    { client_id: 'c-0f1e2d3c', question: '2', speaker: 'P2', kind: 'quote', text: 'The hotspot saved my semester!!' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.id, first.json.id);
  assert.equal(again.json.text, 'The hotspot saved my semester.', 'the stored note, not the resent text');

  const ns = (await notes(ids.a1)).filter((n) => n.client_id === 'c-0f1e2d3c');
  assert.equal(ns.length, 1, 'stored once');
});

test('names of registrants, attendees and staff, e-mails and phone numbers are replaced before storing', async () => {
  const p = who[RUNNER];
  const said = `Ben Okafor asked Rosa to call 512-555-0199 or write ben.okafor@example.net; ${FAC_ON_NAME.split(' ')[0]} agreed.`;
  const r = await postNoteJson(p, ids.a1, { client_id: 'c-redact', question: '0', speaker: 'P2', kind: 'note', text: said });
  assert.equal(r.status, 201, r.text);
  const stored = (await notes(ids.a1)).find((n) => n.client_id === 'c-redact');
  assert.ok(stored, 'the note is stored');
  for (const secret of ['Ben', 'Okafor', 'Rosa', 'Nadia', '512-555-0199', '555-0199', 'ben.okafor@example.net']) {
    assert.ok(!stored.text.includes(secret), `"${secret}" is not in the stored text: ${stored.text}`);
  }
  assert.match(stored.text, /\[NAME\]/);
  assert.match(stored.text, /\[PHONE\]/);
  assert.match(stored.text, /\[EMAIL\]/);
  assert.match(stored.text, /agreed\.$/, `the rest of the text is kept: ${stored.text}`);
  assert.ok(stored.redacted >= 5, `placeholders counted: ${stored.redacted}`);
  assert.equal(r.json.text, stored.text, 'the answer carries the redacted text');
  const { text } = await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar);
  const list = (text.match(/<ol class="notes"[\s\S]*?<\/ol>/) || [''])[0];
  assert.doesNotMatch(list, /Okafor|512-555-0199|ben\.okafor/);
  assert.match(list, /personal details replaced/);
});

test('a bad note in JSON mode answers 400 "invalid" naming the field, as the API does, and nothing is stored', async () => {
  const p = who[RUNNER];
  const before = (await notes(ids.a1)).length;
  const ok = { question: '1', speaker: 'P1', kind: 'note', text: 'Fine text.' };
  const cases = [
    ['unknown speaker code', { client_id: 'bad-1', ...ok, speaker: 'P99' }, 'speaker'],
    ['a quote without a speaker', { client_id: 'bad-2', ...ok, speaker: '', kind: 'quote' }, 'speaker'],
    ['question out of range', { client_id: 'bad-3', ...ok, question: String(QUESTIONS.length + 1) }, 'question'],
    ['question not a number', { client_id: 'bad-4', ...ok, question: 'two' }, 'question'],
    ['empty text', { client_id: 'bad-5', ...ok, text: '  ' }, 'text'],
    ['bad client id', { client_id: 'a b', ...ok }, 'client_id'],
    ['empty client id', { client_id: '', ...ok }, 'client_id'],
    ['unknown kind', { client_id: 'bad-6', ...ok, kind: 'rant' }, 'kind'],
  ];
  const problems = [];
  for (const [label, fields, field] of cases) {
    const r = await postNoteJson(p, ids.a1, fields);
    assert.match(r.res.headers.get('content-type') || '', /^application\/json/, `${label}: JSON`);
    assert.ok(r.json && r.json.error, `${label}: an error object: ${r.text}`);
    assert.equal(r.json.error.field, field, `${label}: the field`);
    assert.ok(r.json.error.message, `${label}: a message`);
    if (r.status !== 400 || r.json.error.code !== 'invalid') problems.push(`${label}: ${r.status} (code "${r.json.error.code}")`);
  }
  assert.equal((await notes(ids.a1)).length, before, 'nothing stored');
  assert.deepEqual(problems, [], 'each refusal answers 400 "invalid"');
});

test('a question number on a conversation without a protocol is refused', async () => {
  const r = await postNoteJson(north, ids.b1, { client_id: 'noproto', question: '1', speaker: 'F', kind: 'note', text: 'Hello.' });
  assert.equal(r.json && r.json.error && r.json.error.field, 'question', r.text);
  const ok = await postNoteJson(north, ids.b1, { client_id: 'noproto', question: '0', speaker: 'F', kind: 'note', text: 'Hello.' });
  assert.equal(ok.status, 201, ok.text);
  const stored = (await notes(ids.b1)).filter((n) => n.client_id === 'noproto');
  assert.deepEqual(stored.map((n) => [n.speaker, n.text]), [['F', 'Hello.']], 'the note without a question is stored once');
});

test('without JavaScript a refused note re-renders the page with 422 and keeps what was typed', async () => {
  const p = who[RUNNER];
  const typed = 'Keep this sentence: buses <arrive> late & "often".';
  const res = await post(p.jar, `/admin/capture/sessions/${ids.a1}/notes`,
    { _csrf: p.csrf, client_id: 'nojs-1', question: '2', speaker: 'P99', kind: 'note', text: typed });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(alertOf(html) || '', /speaker code/i);
  const area = html.match(/<textarea id="n-text"[^>]*>([\s\S]*?)<\/textarea>/);
  assert.ok(area, 'the note form is shown');
  assert.equal(area[1], 'Keep this sentence: buses &lt;arrive&gt; late &amp; &quot;often&quot;.', 'the text is kept, escaped');
  assert.match(area[0], /aria-describedby="run-error"/);
  assert.match(html, /name="client_id" value="nojs-1"/, 'the same client id, so a retry cannot store it twice');
  assert.match(html, /<option value="2" selected>2\. /, 'the question stays chosen');
  assert.ok(!(await notes(ids.a1)).some((n) => n.client_id === 'nojs-1'), 'nothing stored');

  const empty = await post(p.jar, `/admin/capture/sessions/${ids.a1}/notes`,
    { _csrf: p.csrf, client_id: 'nojs-2', question: '0', speaker: '', kind: 'note', text: '' });
  assert.equal(empty.status, 422);
  assert.match(alertOf(await empty.text()) || '', /note is required/i);
});

// ---- API ----

test('the API: a partner on the team adds and reads notes and attendees', async () => {
  const t = who[PARTNER_ON].token;
  let r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { registration_id: ids.ben });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'P3');
  assert.equal(r.json.name, 'Ben Okafor');
  assert.equal(r.json.consent_record, true, 'consent given when registering is carried over');
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`,
    { name: 'Walk In Two', group_id: Number(ids.group), consent_record: true, consent_quote: false });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'P4');
  assert.equal(r.json.walk_in, true);
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { name: '' });
  assert.ok([400, 422].includes(r.status), `an empty name is refused: ${r.status}`);
  assert.equal(r.json.error.field, 'name');
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { registration_id: ids.carla });
  assert.ok([400, 422].includes(r.status), `another session's registration is refused: ${r.status}`);
  assert.equal(r.json.error.field, 'registration_id');
  r = await api(srv, t, 'GET', `/api/v1/sessions/${ids.a1}/attendees`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.attendees.map((a) => a.code), ['P1', 'P2', 'P3', 'P4']);

  const note = { client_id: 'api-1', question: 3, speaker: 'P3', kind: 'quote', text: 'Give every family a hotspot.' };
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/notes`, note);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(r.json.speaker, 'P3');
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/notes`, { ...note, text: 'changed' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, id);
  assert.equal(r.json.text, 'Give every family a hotspot.');
  r = await api(srv, t, 'GET', `/api/v1/sessions/${ids.a1}/notes`);
  assert.equal(r.status, 200);
  assert.equal(r.json.notes.filter((n) => n.client_id === 'api-1').length, 1);

  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/notes`, { ...note, client_id: 'api-2', speaker: 'P99' });
  assert.ok([400, 422].includes(r.status), `unknown speaker: ${r.status}`);
  assert.equal(r.json.error.field, 'speaker');
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/notes`,
    { ...note, client_id: 'api-3', taken_at: Math.floor(Date.now() / 1000) + 86400 });
  assert.ok([400, 422].includes(r.status), `a note from the future: ${r.status}`);
  assert.equal(r.json.error.field, 'taken_at');
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/notes`, { ...note, client_id: 'api-4', question: 'two' });
  assert.equal(r.status, 400, 'a wrong type');
  assert.equal(r.json.error.field, 'question');
  assert.ok(!(await notes(ids.a1)).some((n) => /^api-[234]$/.test(n.client_id)), 'no refused note stored');
});

test('check-in errors name the field the request used (group_id, registration_id)', async () => {
  const t = who[PARTNER_ON].token;
  const before = (await attendees(ids.a1)).length;
  const g = await api(srv, south.token, 'POST', '/api/v1/groups', { name: 'South families', kind: 'families', description: '' });
  assert.equal(g.status, 201, g.text);
  let r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { name: 'Cross Group', group_id: g.json.id });
  assert.ok([400, 422].includes(r.status), `another district's group is refused: ${r.status}`);
  const problems = [];
  if (r.json.error.field !== 'group_id') problems.push(`another district's group: field "${r.json.error.field}"`);
  r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a1}/attendees`, { registration_id: ids.rosa });
  assert.equal(r.status, 409, r.text);
  if (r.json.error.field !== 'registration_id') problems.push(`checked in twice: field "${r.json.error.field}"`);
  assert.equal((await attendees(ids.a1)).length, before, 'nobody was added');
  assert.deepEqual(problems, []);
});

test('the API: a partner off the team or the conversation, and another district, get 404', async () => {
  const note = { client_id: 'intruder', question: 0, speaker: 'F', kind: 'note', text: 'Should not be here.' };
  for (const [label, token, sid] of [
    ['partner not on the team', who[PARTNER_OFF].token, ids.a1],
    ['partner on the team, other conversation', who[PARTNER_ON].token, ids.b1],
    ['another district\'s admin', south.token, ids.a1],
    ['staff, another district\'s session', north.token, ids.s1],
  ]) {
    for (const [method, path, body] of [
      ['GET', `/api/v1/sessions/${sid}/notes`],
      ['POST', `/api/v1/sessions/${sid}/notes`, note],
      ['GET', `/api/v1/sessions/${sid}/attendees`],
      ['POST', `/api/v1/sessions/${sid}/attendees`, { name: 'Intruder' }],
      ['GET', `/api/v1/sessions/${sid}/participation`],
    ]) {
      const r = await api(srv, token, method, path, body);
      assert.equal(r.status, 404, `${label}: ${method} ${path}`);
      assert.doesNotMatch(r.text, /Rosa|Dolores|hotspot/);
    }
  }
  assert.ok(!(await notes(ids.a1)).some((n) => n.client_id === 'intruder'));
  assert.ok(!(await attendees(ids.a1)).some((a) => a.name === 'Intruder'));
});

// ---- participation ----

test('participation from live notes: turns per code, room notes are no one\'s turn, the silent listed', async () => {
  const t = who[PARTNER_ON].token;
  for (const name of ['Walker One', 'Walker Two', 'Walker Three']) {
    const r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a3}/attendees`, { name });
    assert.equal(r.status, 201, r.text);
  }
  const said = [
    ['F', 'Let us begin with introductions'],        // 5 words
    ['P1', 'I agree with that'],                     // 4
    ['P2', 'Our hotspot never works'],               // 4
    ['', 'Everyone laughed here'],                   // the room
    ['P1', 'Buses are late'],                        // 3
  ];
  let i = 0;
  for (const [speaker, text] of said) {
    const r = await api(srv, t, 'POST', `/api/v1/sessions/${ids.a3}/notes`,
      { client_id: `p-${i}`, question: 0, speaker, kind: 'note', text, taken_at: Math.floor(Date.now() / 1000) - 600 + i++ });
    assert.equal(r.status, 201, r.text);
  }
  const r = await api(srv, t, 'GET', `/api/v1/sessions/${ids.a3}/participation`);
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  const by = Object.fromEntries(p.speakers.map((s) => [s.code, s]));
  assert.deepEqual(p.speakers.map((s) => s.code), ['F', 'P1', 'P2', 'P3']);
  assert.equal(by.F.turns, 1);
  assert.equal(by.P1.turns, 2);
  assert.equal(by.P1.words, 7);
  assert.equal(by.P2.turns, 1);
  assert.equal(by.P3.turns, 0);
  assert.equal(p.turns, 4, 'the note about the room is nobody\'s turn');
  assert.equal(p.words, 16);
  assert.equal(p.loudest, 'P1');
  assert.deepEqual(p.silent, ['P3']);
  assert.ok(Math.abs(p.facilitator_share - 5 / 16) < 1e-9, `facilitator share ${p.facilitator_share}`);
  assert.ok(p.balance > 0 && p.balance < 1, `balance ${p.balance}`);
});

// ---- transcripts ----

test('a partner on the team may upload a transcript; a partner not on it gets 404', async () => {
  let r = await api(srv, who[PARTNER_OFF].token, 'POST', `/api/v1/sessions/${ids.a2}/transcripts?format=vtt`, VTT,
    { 'content-type': 'text/vtt' });
  assert.equal(r.status, 404, r.text);
  r = await api(srv, who[PARTNER_ON].token, 'POST', `/api/v1/sessions/${ids.a2}/transcripts?format=vtt`, VTT,
    { 'content-type': 'text/vtt' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.segments, 3);
  assert.equal(r.json.speakers, 2);

  assert.equal((await get(srv, `/admin/plan/sessions/${ids.a2}/transcript`, who[PARTNER_OFF].jar)).res.status, 404);
  assert.equal((await get(srv, `/admin/plan/sessions/${ids.b1}/transcript`, who[PARTNER_ON].jar)).res.status, 404);
  const { res, text } = await get(srv, `/admin/plan/sessions/${ids.a2}/transcript`, who[PARTNER_ON].jar);
  assert.equal(res.status, 200);
  assert.doesNotMatch(text.slice(text.indexOf('id="segs"')), /Carla|Diaz/, 'the registrant\'s name is replaced');
  assert.match(text, /<strong>F<\/strong> Welcome, everyone/);

  // The page's own form works for the partner too, and not for one off the team.
  const form = () => {
    const f = new FormData();
    f.append('_csrf', who[PARTNER_ON].csrf);
    f.append('file', new Blob(['Ana Reyes: Hello.\nCarla Diaz: Hola.\n'], { type: 'text/plain' }), 'meet.txt');
    return f;
  };
  let up = await srv.fetch(`/admin/plan/sessions/${ids.a2}/transcript`,
    { method: 'POST', headers: { cookie: who[PARTNER_ON].jar.header() }, body: form() });
  assert.equal(up.status, 200);
  assert.match(await up.text(), /Transcript imported: 2 segments, 2 speakers/);
  const f2 = form();
  f2.set('_csrf', who[PARTNER_OFF].csrf);
  up = await srv.fetch(`/admin/plan/sessions/${ids.a2}/transcript`,
    { method: 'POST', headers: { cookie: who[PARTNER_OFF].jar.header() }, body: f2 });
  assert.equal(up.status, 404);

  // With a transcript, participation comes from it, not from notes.
  const n = await api(srv, who[PARTNER_ON].token, 'POST', `/api/v1/sessions/${ids.a2}/notes`,
    { client_id: 'a2-note', question: 0, speaker: 'F', kind: 'note', text: 'A note beside the transcript.' });
  assert.equal(n.status, 201, n.text);
  const p = await api(srv, who[PARTNER_ON].token, 'GET', `/api/v1/sessions/${ids.a2}/participation`);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.turns, 5, 'the segments of both transcripts');
});

// ---- CSRF, taking someone off the team ----

test('every form needs _csrf: without it (or with a wrong one) 403, and nothing changes', async () => {
  const p = who[RUNNER];
  const aBefore = (await attendees(ids.a1)).length;
  const forms = [
    [p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { name: 'No Token' }],
    [p.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { registration_id: String(ids.ben) }],
    [p.jar, `/admin/capture/sessions/${ids.a1}/attendees/${ids.dolores}`, { stipend: '1', consent_quote: '1' }],
    [p.jar, `/admin/capture/sessions/${ids.a1}/notes`, { client_id: 'csrf-1', question: '0', speaker: 'F', kind: 'note', text: 'No token.' }],
    [north.jar, `/admin/plan/conversations/${ids.convA}/team`, { user_id: who[FAC_OFF].id }],
  ];
  for (const [jar, path, fields] of forms) {
    let res = await post(jar, path, fields);
    assert.equal(res.status, 403, `POST ${path} without _csrf`);
    res = await post(jar, path, { ...fields, _csrf: 'x'.repeat(43) });
    assert.equal(res.status, 403, `POST ${path} with a wrong _csrf`);
    const json = await post(jar, path, fields, { accept: 'application/json' });
    assert.equal(json.status, 403, `POST ${path} without _csrf in JSON mode`);
  }
  const as = await attendees(ids.a1);
  assert.equal(as.length, aBefore);
  const dolores = as.find((a) => a.id === ids.dolores);
  assert.equal(dolores.stipend, false);
  assert.equal(dolores.consent_quote, false);
  assert.ok(!(await notes(ids.a1)).some((n) => n.client_id === 'csrf-1'));
  const conv = await get(srv, `/admin/plan/conversations/${ids.convA}`, north.jar);
  assert.match(conv.text, new RegExp(`name="user_id" value="${who[FAC_OFF].id}">`), 'the team is unchanged');
  assert.equal((await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar)).res.status, 200);
});

test('another district cannot check in or take notes at this district\'s sessions', async () => {
  let res = await post(south.jar, `/admin/capture/sessions/${ids.a1}/attendees`, { _csrf: south.csrf, name: 'South Walker' });
  assert.equal(res.status, 404);
  res = await post(south.jar, `/admin/capture/sessions/${ids.a1}/attendees/${ids.dolores}`, { _csrf: south.csrf, stipend: '1' });
  assert.equal(res.status, 404);
  const r = await postNoteJson(south, ids.a1, { client_id: 'south-1', question: '0', speaker: 'F', kind: 'note', text: 'From south.' });
  assert.equal(r.status, 404);
  res = await post(south.jar, `/admin/plan/conversations/${ids.convA}/team`, [['_csrf', south.csrf], ['user_id', who[FAC_OFF].id]]);
  assert.equal(res.status, 404, 'nor hand over its conversation');
  assert.ok(!(await attendees(ids.a1)).some((a) => a.name === 'South Walker'));
  assert.ok(!(await notes(ids.a1)).some((n) => n.client_id === 'south-1'));
  assert.equal((await attendees(ids.a1)).find((a) => a.id === ids.dolores).stipend, false);
});

test('taking someone off the team takes their access away', async () => {
  const res = await post(north.jar, `/admin/plan/conversations/${ids.convA}/team`,
    [['_csrf', north.csrf], ['user_id', who[FAC_ON].id]]);
  assert.equal(res.status, 303);
  const p = who[PARTNER_ON];
  assert.equal((await get(srv, `/admin/capture/sessions/${ids.a1}`, p.jar)).res.status, 404, 'the phone view');
  assert.deepEqual(runLinks((await get(srv, '/admin/capture', p.jar)).text), [], 'the list');
  const n = await postNoteJson(p, ids.a1, { client_id: 'gone-1', question: '0', speaker: 'F', kind: 'note', text: 'Late note.' });
  assert.equal(n.status, 404, 'a late note');
  assert.equal((await api(srv, p.token, 'GET', `/api/v1/sessions/${ids.a1}/notes`)).status, 404, 'the API');
  assert.equal((await api(srv, p.token, 'POST', `/api/v1/sessions/${ids.a2}/transcripts?format=vtt`, VTT,
    { 'content-type': 'text/vtt' })).status, 404, 'a transcript');
  assert.ok(!(await notes(ids.a1)).some((x) => x.client_id === 'gone-1'));
  const { text } = await get(srv, `/admin/plan/conversations/${ids.convA}`, north.jar);
  assert.match(text, new RegExp(`name="user_id" value="${who[FAC_ON].id}" checked>`), 'the facilitator stays');
  assert.match(text, new RegExp(`name="user_id" value="${p.id}">`), 'the partner is off');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, `exit ${JSON.stringify(stopped)}:\n${srv.log().slice(-4000)}`);
});
