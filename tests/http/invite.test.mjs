// Targeted invitations: a contact list imported from CSV (with a report of
// the rows it could not take, and nothing taken from an unusable file),
// personal invitation codes that hold the reserved seats, and the planning
// API used to set the session up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

let srv, jar, token;
let stopped = null;
const ids = {};

before(async () => {
  srv = await startServer();
  await srv.cli('district', 'add', '--slug', 'east', '--name', 'East Bay Schools', '--timezone', 'America/Chicago',
    '--languages', 'en,es');
  await srv.addUser('east', 'admin@east.example.org', 'admin', PASSWORD);
  jar = await signIn(srv, 'admin@east.example.org', PASSWORD);
  token = (await srv.cli('token', 'create', '--email', 'admin@east.example.org')).trim();
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

/** Uploads a file as multipart/form-data to a staff page with its CSRF token. */
async function upload(path, bytes, name = 'contacts.csv') {
  const { text } = await get(srv, path, jar);
  const form = new FormData();
  form.append('_csrf', csrfFrom(text));
  form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  const res = await srv.fetch(path, { method: 'POST', headers: { cookie: jar.header() }, body: form });
  return { res, text: await res.text() };
}

async function contactCount() {
  const { text } = await get(srv, '/admin/invite/contacts', jar);
  const m = text.match(/People \((\d+)\)/);
  assert.ok(m, 'the contacts page shows a count');
  return Number(m[1]);
}

test('the planning API sets up a group, a conversation and a session; bad fields are named', async () => {
  let r = await api(srv, token, 'POST', '/api/v1/groups', { name: 'Families', kind: 'families' });
  assert.equal(r.status, 201, r.text);
  ids.group = r.json.id;
  r = await api(srv, token, 'POST', '/api/v1/groups', { name: 'Pirates', kind: 'pirates' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'kind');
  r = await api(srv, token, 'POST', '/api/v1/initiatives', { title: 'Later start times', why: 'Sleep.', mode: 'cooperate' });
  ids.initiative = r.json.id;
  r = await api(srv, token, 'POST', '/api/v1/conversations',
    { initiative_id: ids.initiative, group_id: ids.group, title: 'Start times with families', facilitator: 'Ana' });
  assert.equal(r.status, 201, r.text);
  ids.conversation = r.json.id;
  const start = new Date(Date.now() + 4 * 86400e3);
  start.setUTCMinutes(0, 0, 0);
  const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  r = await api(srv, token, 'POST', '/api/v1/sessions', {
    conversation_id: ids.conversation, starts_at: iso(start), ends_at: iso(new Date(start.getTime() - 3600e3)),
    format: 'in_person', venue_name: 'Library', capacity: 3, reserved_seats: 2, registration_open: true });
  assert.equal(r.status, 400, 'the end before the start is refused');
  assert.equal(r.json.error.field, 'ends_at', 'the member sent is named');
  r = await api(srv, token, 'POST', '/api/v1/sessions', {
    conversation_id: ids.conversation, starts_at: iso(start), ends_at: iso(new Date(start.getTime() + 5400e3)),
    format: 'in_person', venue_name: 'Library', capacity: 3, reserved_seats: 2, registration_open: true });
  assert.equal(r.status, 201, r.text);
  ids.session = r.json.id;
  r = await api(srv, token, 'PATCH', `/api/v1/sessions/${ids.session}`, { capacity: 'many' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'capacity');
  r = await api(srv, token, 'GET', `/api/v1/sessions?conversation_id=${ids.conversation}`);
  assert.equal(r.json.sessions.length, 1);
  assert.equal(r.json.sessions[0].reserved_seats, 2);
  assert.equal(r.json.sessions[0].capacity, 3, 'the refused capacity is not stored');
  r = await api(srv, token, 'GET', '/api/v1/groups');
  assert.deepEqual(r.json.groups.map((g) => [g.name, g.kind]), [['Families', 'families']], 'the group stored, not the refused one');
  r = await api(srv, token, 'GET', `/api/v1/conversations?initiative_id=${ids.initiative}`);
  assert.deepEqual(r.json.conversations.map((c) => [c.id, c.title, c.group_id]),
    [[ids.conversation, 'Start times with families', ids.group]]);
});

test('a CSV with a BOM and CRLF imports its good rows and lists the others by line', async () => {
  const csv = '\ufeffname,email,phone,language,group\r\n' +
    'Rosa Díaz,rosa@example.org,,es,Families\r\n' +
    '"Lee, Ann",ann@example.org,512-555-0188,en,\r\n' +
    'Bad Address,not-an-address,,en,\r\n' +
    'Too,few\r\n' +
    'Nobody Group,ng@example.org,,en,Astronauts\r\n' +
    '"Multi\nLine",ml@example.org,,en,families\r\n';
  const { res, text } = await upload('/admin/invite/contacts', csv);
  assert.equal(res.status, 200, text.slice(0, 300));
  assert.match(text, /Imported: 3 new, 0 updated, 3 rows not imported/);
  assert.match(text, /line 4: Enter an e-mail address/);
  assert.match(text, /line 5: 2 fields, the header has 5/);
  assert.match(text, /line 6: There is no stakeholder group called &quot;Astronauts&quot;/);
  assert.ok(text.indexOf('line 4') < text.indexOf('line 5') && text.indexOf('line 5') < text.indexOf('line 6'),
    'the report is in file order');
  assert.equal(await contactCount(), 3);
  // The same file again updates instead of duplicating.
  const again = await upload('/admin/invite/contacts', csv);
  assert.match(again.text, /Imported: 0 new, 3 updated/);
  assert.equal(await contactCount(), 3);
});

test('an unusable file is refused whole and imports nothing', async () => {
  const before = await contactCount();
  const cases = [
    ['nombre,correo\r\nX,x@example.org\r\n', /must name the columns/],
    ['name,email\r\nGood,good@example.org\r\n"Never closed,bad@example.org\r\n', /line 3/],
    [Buffer.from('name,email\r\nOk,ok@example.org\r\nBad \xff byte,b@example.org\r\n', 'latin1'), /UTF-8/i],
    ['', /./],
  ];
  for (const [body, re] of cases) {
    const { res, text } = await upload('/admin/invite/contacts', body);
    assert.equal(res.status, 422, `status for ${JSON.stringify(String(body).slice(0, 30))}`);
    const alert = text.match(/<p class="alert" role="alert">([\s\S]*?)<\/p>/);
    assert.ok(alert, 'an alert explains');
    assert.match(alert[1], re);
  }
  assert.equal(await contactCount(), before, 'nothing was imported');
});

test('a name a spreadsheet wrapped over two lines is imported on one line', async () => {
  const { text } = await get(srv, '/admin/invite/contacts', jar);
  assert.match(text, />Multi Line</, 'the line break became a space');
  assert.doesNotMatch(text, /Multi\r?\nLine/);
});

test('inviting a group that is not a number answers 422 naming group_id and invites nobody', async () => {
  const { text } = await get(srv, `/admin/plan/sessions/${ids.session}`, jar);
  for (const group_id of ['abc', '-3', '999999']) {
    const res = await postForm(srv, `/admin/plan/sessions/${ids.session}/invite`, jar, { _csrf: csrfFrom(text), group_id });
    assert.equal(res.status, 422, group_id);
    assert.match(await res.text(), /Choose one of the district&#39;s groups\.|Choose one of the district's groups\./, group_id);
  }
  const r = await api(srv, token, 'GET', '/api/v1/messages');
  assert.equal(r.json.messages.filter((m) => m.kind === 'invitation').length, 0, 'nobody invited');
});

test('inviting queues one personal invitation per contact with an address, never twice', async () => {
  const { text } = await get(srv, `/admin/plan/sessions/${ids.session}`, jar);
  let res = await postForm(srv, `/admin/plan/sessions/${ids.session}/invite`, jar, { _csrf: csrfFrom(text), group_id: '' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /invited=3$/);
  res = await postForm(srv, `/admin/plan/sessions/${ids.session}/invite`, jar, { _csrf: csrfFrom(text), group_id: '' });
  assert.match(res.headers.get('location'), /invited=0$/, 'nobody is invited twice');
  const r = await api(srv, token, 'GET', '/api/v1/messages');
  const invitations = r.json.messages.filter((m) => m.kind === 'invitation');
  assert.equal(invitations.length, 3);
  const rosa = invitations.find((m) => m.to === 'rosa@example.org');
  assert.ok(rosa, 'Rosa is invited');
  assert.equal(rosa.lang, 'es');
  const code = rosa.body.match(/\?code=([a-z0-9]+)/);
  assert.ok(code, `the message carries a personal link: ${rosa.body}`);
  ids.code = code[1];
  ids.annCode = invitations.find((m) => m.to === 'ann@example.org').body.match(/\?code=([a-z0-9]+)/)[1];
});

async function register(fields, query = '') {
  const j = new Jar();
  const { text } = await get(srv, `/d/east/sessions/${ids.session}${query}`, j);
  const res = await postForm(srv, `/d/east/sessions/${ids.session}`, j, { _csrf: csrfFrom(text), language: 'en', ...fields });
  return { res, text: res.status === 303 ? '' : await res.text(), page: text };
}

test('open registrations cannot take the reserved seats; an invitation code can', async () => {
  // Capacity 3, 2 reserved: one open seat.
  let r = await register({ name: 'Open One', email: 'open1@example.org' });
  assert.equal(r.res.status, 303);
  let page = await get(srv, r.res.headers.get('location'), new Jar());
  assert.match(page.text, /Your seat is confirmed/);
  r = await register({ name: 'Open Two', email: 'open2@example.org' });
  page = await get(srv, r.res.headers.get('location'), new Jar());
  assert.match(page.text, /waitlist/, 'the second open registrant waits');
  // The invitation link fills in the person and holds a seat.
  const j = new Jar();
  const { text } = await get(srv, `/d/east/sessions/${ids.session}?code=${ids.code}`, j);
  assert.match(text, /A seat is held for you/);
  assert.match(text, /value="Rosa Díaz"/);
  const res = await postForm(srv, `/d/east/sessions/${ids.session}`, j,
    { _csrf: csrfFrom(text), code: ids.code, name: 'Rosa Díaz', email: 'rosa@example.org', language: 'es' });
  assert.equal(res.status, 303);
  page = await get(srv, res.headers.get('location'), new Jar());
  assert.match(page.text, /Your seat is confirmed/);
  const regs = await api(srv, token, 'GET', `/api/v1/sessions/${ids.session}/registrations`);
  const rosa = regs.json.registrations.find((x) => x.email === 'rosa@example.org');
  assert.equal(rosa.invited, true);
  assert.equal(rosa.status, 'confirmed');
});

test('a code of another session or a made-up code is refused and nothing is stored', async () => {
  const r = await register({ code: 'zzzzzzzzzz', name: 'Faker', email: 'faker@example.org' });
  assert.equal(r.res.status, 422);
  assert.match(r.text, /invitation code does not belong to this session/);
  const regs = await api(srv, token, 'GET', `/api/v1/sessions/${ids.session}/registrations`);
  assert.equal(regs.json.registrations.filter((x) => x.email === 'faker@example.org').length, 0);
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0);
});
