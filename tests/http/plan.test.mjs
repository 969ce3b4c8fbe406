// Planning through the staff pages: stakeholder groups, conversations and
// their sessions, the checks on what staff type, the planning checklist,
// the public hub listing open sessions, and who may use these pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm, localDate } from '../lib/http.mjs';

const TZ = 'America/Chicago';
const NORTH_ADMIN = 'admin@north.example.org';
const SOUTH_ADMIN = 'admin@south.example.org';
const NORTH_FAC = 'facilitator@north.example.org';

let srv;
let stopped = null;
let north, south;          // { jar, token, initiative }
const ids = {};            // shared between tests, filled as they go

async function district(slug, name, admin) {
  await srv.cli('district', 'add', '--slug', slug, '--name', name, '--timezone', TZ, '--languages', 'en,es');
  await srv.addUser(slug, admin, 'admin', PASSWORD);
  const jar = await signIn(srv, admin, PASSWORD);
  const token = (await srv.cli('token', 'create', '--email', admin)).trim();
  const r = await api(srv, token, 'POST', '/api/v1/initiatives',
    { title: `${name} school start times`, why: 'Families asked for later starts.', mode: 'cooperate' });
  assert.equal(r.status, 201, `initiative created: ${r.text}`);
  assert.ok(r.json && r.json.id, `an id: ${r.text}`);
  return { jar, token, initiative: r.json.id };
}

before(async () => {
  srv = await startServer();
  north = await district('north', 'North Valley Schools', NORTH_ADMIN);
  south = await district('south', 'South Shore Schools', SOUTH_ADMIN);
  await srv.addUser('north', NORTH_FAC, 'facilitator', PASSWORD);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

/** POSTs a staff form with the CSRF token of the page at csrfPath. */
function staffPost(who, path, fields, csrfPath) {
  return postForm(srv, path, who.jar, fields, { csrfFromPath: csrfPath });
}

/** The text of the alert on a page with an error, or null. */
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? m[1].trim() : null;
}

/** The group ids and names offered in the conversation form of an initiative. */
async function groupOptions(who) {
  const { res, text } = await get(srv, `/admin/plan/initiatives/${who.initiative}`, who.jar);
  assert.equal(res.status, 200);
  const sel = text.match(/<select id="c-group" name="group_id">([\s\S]*?)<\/select>/);
  assert.ok(sel, 'the conversation form has a group select');
  return [...sel[1].matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({ id: m[1], name: m[2] }));
}

/** The checklist items on a conversation page. */
async function checklist(cid) {
  const { res, text } = await get(srv, `/admin/plan/conversations/${cid}`, north.jar);
  assert.equal(res.status, 200);
  const sec = text.match(/<h2 id="check">[\s\S]*?<\/section>/);
  assert.ok(sec, 'the page has a planning checklist');
  return [...sec[0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].trim());
}

/** The fields of the session form; a value of undefined leaves a field out. */
function sessionFields(over = {}) {
  const f = {
    date: localDate(TZ, 20), start_time: '18:00', end_time: '19:30', format: 'in_person',
    venue_name: 'Lincoln Branch Library', venue_address: '100 Main Street', wheelchair_access: '1', transit_access: '1',
    join_url: '', language: 'en', interpretation: 'es', childcare: '1', capacity: '30', reserved_seats: '0',
    registration_open: '1', ...over,
  };
  for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
  return f;
}

async function addConversation(who, fields) {
  return staffPost(who, `/admin/plan/initiatives/${who.initiative}/conversations`,
    { objective: '', managed_by: 'district', partner_name: '', facilitator: '', ...fields },
    `/admin/plan/initiatives/${who.initiative}`);
}

async function addSession(who, cid, over) {
  return staffPost(who, `/admin/plan/conversations/${cid}/sessions`, sessionFields(over), `/admin/plan/conversations/${cid}`);
}

/** The session ids a page links to, in page order. */
function sessionLinks(html, slug) {
  return [...html.matchAll(new RegExp(`href="/d/${slug}/sessions/(\\d+)"`, 'g'))].map((m) => m[1]);
}

/** Registers one person through the public form; returns the response. */
async function register(slug, sid, fields) {
  const jar = new Jar();
  const { res: page, text } = await get(srv, `/d/${slug}/sessions/${sid}`, jar);
  assert.equal(page.status, 200);
  return postForm(srv, `/d/${slug}/sessions/${sid}`, jar,
    { _csrf: csrfFrom(text), language: 'en', website: '', ...fields });
}

test('a stakeholder group added through the form answers 303 and is listed; a bad kind answers 422', async () => {
  const res = await staffPost(north, '/admin/plan/groups',
    { name: 'Families of English learners', kind: 'families', description: 'Parents and guardians of EL students' },
    '/admin/plan/groups');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/plan/groups');
  const { text } = await get(srv, '/admin/plan/groups', north.jar);
  assert.match(text, /<strong>Families of English learners<\/strong>/);

  const bad = await staffPost(north, '/admin/plan/groups', { name: 'Nobody', kind: 'aliens', description: '' }, '/admin/plan/groups');
  assert.equal(bad.status, 422);
  assert.match(alertOf(await bad.text()) || '', /kind of group/);
  assert.doesNotMatch((await get(srv, '/admin/plan/groups', north.jar)).text, /<strong>Nobody<\/strong>/);

  const groups = await groupOptions(north);
  const fam = groups.find((g) => g.name === 'Families of English learners');
  assert.ok(fam, `the group is offered on the initiative page: ${JSON.stringify(groups)}`);
  ids.group = fam.id;

  // South gets a group of its own, used below to try crossing districts.
  const s = await staffPost(south, '/admin/plan/groups', { name: 'South students', kind: 'students', description: '' }, '/admin/plan/groups');
  assert.equal(s.status, 303);
  ids.southGroup = (await groupOptions(south)).find((g) => g.name === 'South students').id;
  assert.ok(!(await groupOptions(north)).some((g) => g.id === ids.southGroup), 'north is not offered south\'s group');
});

test('a conversation created through the form answers 303 to its page', async () => {
  const res = await addConversation(north, { title: 'Start times: families', group_id: ids.group, objective: 'Hear from families' });
  assert.equal(res.status, 303);
  const loc = res.headers.get('location');
  const m = /^\/admin\/plan\/conversations\/(\d+)$/.exec(loc || '');
  assert.ok(m, `Location: ${loc}`);
  ids.conv = m[1];
  const { res: page, text } = await get(srv, loc, north.jar);
  assert.equal(page.status, 200);
  assert.match(text, /<h1>Start times: families<\/h1>/);
  assert.match(text, new RegExp(`<option value="${ids.group}" selected>Families of English learners</option>`));
  const init = await get(srv, `/admin/plan/initiatives/${north.initiative}`, north.jar);
  assert.match(init.text, new RegExp(`href="/admin/plan/conversations/${ids.conv}"`), 'listed on its initiative');
});

test('the conversation form refuses a group of another district, on create and on save', async () => {
  const res = await addConversation(north, { title: 'Crossing districts', group_id: ids.southGroup });
  assert.ok(res.status >= 400 && res.status < 500, `refused with a 4xx, got ${res.status}`);
  const init = await get(srv, `/admin/plan/initiatives/${north.initiative}`, north.jar);
  assert.doesNotMatch(init.text, /Crossing districts/, 'no conversation was created');

  const save = await staffPost(north, `/admin/plan/conversations/${ids.conv}`,
    { title: 'Start times: families', group_id: ids.southGroup, managed_by: 'district', status: 'planning', compensation_kind: 'none' },
    `/admin/plan/conversations/${ids.conv}`);
  assert.equal(save.status, 422);
  assert.match(alertOf(await save.text()) || '', /group/i);
  const { text } = await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar);
  assert.match(text, new RegExp(`<option value="${ids.group}" selected>`), 'the group is unchanged');
});

test('the checklist names a missing facilitator, and no longer once one is saved', async () => {
  const before = await checklist(ids.conv);
  assert.ok(before.some((i) => /facilitator/i.test(i)), `an item about the facilitator: ${JSON.stringify(before)}`);
  assert.ok(!before.some((i) => /group/i.test(i)), `the group is chosen: ${JSON.stringify(before)}`);
  const res = await staffPost(north, `/admin/plan/conversations/${ids.conv}`,
    { title: 'Start times: families', group_id: ids.group, objective: 'Hear from families', managed_by: 'district',
      partner_name: '', facilitator: 'María López', compensation_kind: 'none', status: 'planning' },
    `/admin/plan/conversations/${ids.conv}`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/plan/conversations/${ids.conv}`);
  const afterList = await checklist(ids.conv);
  assert.ok(!afterList.some((i) => /facilitator/i.test(i)), `checklist: ${JSON.stringify(afterList)}`);
  const { text } = await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar);
  assert.match(text, /name="facilitator" maxlength="200" value="María López"/);
});

test('a session created through the form answers 303 to its page and shows on the conversation', async () => {
  const date = localDate(TZ, 20);
  const res = await addSession(north, ids.conv, { date });
  assert.equal(res.status, 303);
  const loc = res.headers.get('location');
  const m = /^\/admin\/plan\/sessions\/(\d+)$/.exec(loc || '');
  assert.ok(m, `Location: ${loc}`);
  ids.session = m[1];
  const { res: page, text } = await get(srv, loc, north.jar);
  assert.equal(page.status, 200);
  assert.match(text, new RegExp(`name="date" type="date" required value="${date}"`));
  assert.match(text, /name="start_time" type="time" required value="18:00"/);
  assert.match(text, /name="end_time" type="time" required value="19:30"/);
  assert.match(text, /Nobody has registered yet\./);
  const conv = await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar);
  assert.match(conv.text, new RegExp(`href="/admin/plan/sessions/${ids.session}"`));
  const items = await checklist(ids.conv);
  assert.ok(!items.some((i) => /no session/i.test(i)), `checklist: ${JSON.stringify(items)}`);
  const pub = await srv.fetch(`/d/north/sessions/${ids.session}`);
  assert.equal(pub.status, 200);
  assert.match(await pub.text(), /Lincoln Branch Library/);
});

test('a session that ends before it starts answers 422 naming the problem, and nothing is added', async () => {
  const countBefore = sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length;
  const res = await addSession(north, ids.conv, { start_time: '19:00', end_time: '18:00' });
  assert.equal(res.status, 422);
  const html = await res.text();
  const alert = alertOf(html) || '';
  assert.match(alert, /\bend/i, `the alert names the end time: ${alert}`);
  assert.match(alert, /start/i, `the alert names the start: ${alert}`);
  assert.ok(csrfFrom(html), 'the form is shown again');
  const after = sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length;
  assert.equal(after, countBefore, 'no session was added');
});

function sessionLinksAdmin(html) {
  return [...html.matchAll(/href="\/admin\/plan\/sessions\/(\d+)"/g)].map((m) => m[1]);
}

test('a virtual session without a join link answers 422; with an https link it is created', async () => {
  const countBefore = sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length;
  const res = await addSession(north, ids.conv, { format: 'virtual', venue_name: '', venue_address: '', join_url: '', date: localDate(TZ, 25) });
  assert.equal(res.status, 422);
  assert.match(alertOf(await res.text()) || '', /join link/i);
  const mid = sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length;
  assert.equal(mid, countBefore, 'no session was added');

  const js = await addSession(north, ids.conv, { format: 'virtual', venue_name: '', venue_address: '', join_url: 'javascript:alert(1)', date: localDate(TZ, 25) });
  assert.equal(js.status, 422, 'a join link that is not http(s) is refused');
  assert.equal(sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length, countBefore,
    'still no session added');

  const ok = await addSession(north, ids.conv, { format: 'virtual', venue_name: '', venue_address: '', join_url: 'https://meet.example.org/north-start-times', date: localDate(TZ, 25) });
  assert.equal(ok.status, 303);
  ids.virtual = /(\d+)$/.exec(ok.headers.get('location'))[1];
  assert.equal(sessionLinksAdmin((await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar)).text).length, countBefore + 1,
    'the session is added');
  assert.match((await get(srv, `/admin/plan/sessions/${ids.virtual}`, north.jar)).text, /https:\/\/meet\.example\.org\/north-start-times/,
    'with its join link');
});

test('capacity below the confirmed registrations answers 422 on update; at the count it is saved', async () => {
  for (const [name, email] of [['Ana Ruiz', 'ana@families.example.org'], ['Ben Okafor', 'ben@families.example.org']]) {
    const r = await register('north', ids.session, { name, email });
    assert.equal(r.status, 303, `${name} registers`);
  }
  const path = `/admin/plan/sessions/${ids.session}`;
  const res = await staffPost(north, path, sessionFields({ capacity: '1' }), path);
  assert.equal(res.status, 422);
  const alert = alertOf(await res.text()) || '';
  assert.match(alert, /capacity/i, `the alert names the capacity: ${alert}`);
  assert.match(alert, /\b2\b/, `the alert gives the 2 people registered: ${alert}`);
  const { text } = await get(srv, path, north.jar);
  assert.match(text, /name="capacity" type="number" min="1" max="10000" required value="30"/, 'the capacity is unchanged');

  const ok = await staffPost(north, path, sessionFields({ capacity: '2' }), path);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `${path}?saved=1`);
  const after = await get(srv, path, north.jar);
  assert.match(after.text, /value="2"/);
  assert.match(after.text, /Registrations \(2 \/ 2\)/);
});

test('the hub lists open sessions of its district soonest first, never another district\'s', async () => {
  // A sooner session in the same conversation, and a session in south.
  const sooner = await addSession(north, ids.conv, { date: localDate(TZ, 10), venue_name: 'Roosevelt Community Center' });
  assert.equal(sooner.status, 303);
  ids.sooner = /(\d+)$/.exec(sooner.headers.get('location'))[1];
  const closed = await addSession(north, ids.conv, { date: localDate(TZ, 12), registration_open: undefined });
  assert.equal(closed.status, 303);
  ids.closed = /(\d+)$/.exec(closed.headers.get('location'))[1];

  const sc = await addConversation(south, { title: 'South only conversation', group_id: ids.southGroup });
  assert.equal(sc.status, 303);
  const scid = /(\d+)$/.exec(sc.headers.get('location'))[1];
  const ss = await addSession(south, scid, { date: localDate(TZ, 5), venue_name: 'South Shore Gym' });
  assert.equal(ss.status, 303);
  ids.southSession = /(\d+)$/.exec(ss.headers.get('location'))[1];

  const hub = await srv.fetch('/d/north/');
  assert.equal(hub.status, 200);
  const html = await hub.text();
  const listed = sessionLinks(html, 'north');
  assert.deepEqual(listed, [ids.sooner, ids.session, ids.virtual],
    `open sessions, soonest first (sooner ${ids.sooner}, main ${ids.session}, virtual ${ids.virtual}; closed ${ids.closed})`);
  assert.match(html, /Start times: families/);
  assert.doesNotMatch(html, /South only conversation|South Shore Gym/);
  assert.ok(!html.includes(`/sessions/${ids.southSession}"`), 'no link to south\'s session');

  const southHub = await (await srv.fetch('/d/south/')).text();
  assert.deepEqual(sessionLinks(southHub, 'south'), [ids.southSession]);
  assert.doesNotMatch(southHub, /Start times: families/);

  // Nor does another district's address open it.
  assert.equal((await srv.fetch(`/d/north/sessions/${ids.southSession}`)).status, 404);
  assert.equal((await srv.fetch(`/d/south/sessions/${ids.session}`)).status, 404);
});

test('staff of another district get 404 on this district\'s conversation and session pages', async () => {
  for (const path of [`/admin/plan/conversations/${ids.conv}`, `/admin/plan/sessions/${ids.session}`]) {
    const { res } = await get(srv, path, south.jar);
    assert.equal(res.status, 404, `${path} for south's admin`);
  }
  const res = await staffPost(south, `/admin/plan/sessions/${ids.session}`, sessionFields({ capacity: '500' }), '/admin/plan/groups');
  assert.equal(res.status, 404, 'south cannot save north\'s session');
  const { text } = await get(srv, `/admin/plan/sessions/${ids.session}`, north.jar);
  assert.match(text, /Registrations \(2 \/ 2\)/);
});

test('a facilitator gets 403 on the planning pages and forms', async () => {
  const fac = { jar: await signIn(srv, NORTH_FAC, PASSWORD) };
  const dash = await get(srv, '/admin', fac.jar);
  assert.equal(dash.res.status, 200, 'the facilitator can open the dashboard');
  const csrf = csrfFrom(dash.text);
  assert.ok(csrf, 'the dashboard carries a CSRF token');
  for (const path of ['/admin/plan', '/admin/plan/groups', `/admin/plan/initiatives/${north.initiative}`,
    `/admin/plan/conversations/${ids.conv}`, `/admin/plan/sessions/${ids.session}`, '/admin/invite']) {
    const { res } = await get(srv, path, fac.jar);
    assert.equal(res.status, 403, `GET ${path}`);
  }
  const posts = [
    ['/admin/plan/groups', { name: 'Facilitator group', kind: 'community', description: '' }],
    [`/admin/plan/initiatives/${north.initiative}/conversations`, { title: 'Facilitator conversation', managed_by: 'district' }],
    [`/admin/plan/conversations/${ids.conv}`, { title: 'Renamed by facilitator', managed_by: 'district', status: 'planning', compensation_kind: 'none' }],
    [`/admin/plan/conversations/${ids.conv}/sessions`, sessionFields({ venue_name: 'Facilitator venue' })],
    [`/admin/plan/sessions/${ids.session}`, sessionFields({ capacity: '99' })],
  ];
  for (const [path, fields] of posts) {
    const res = await postForm(srv, path, fac.jar, { _csrf: csrf, ...fields });
    assert.equal(res.status, 403, `POST ${path}`);
  }
  const groups = await get(srv, '/admin/plan/groups', north.jar);
  assert.doesNotMatch(groups.text, /Facilitator group/);
  const conv = await get(srv, `/admin/plan/conversations/${ids.conv}`, north.jar);
  assert.doesNotMatch(conv.text, /Renamed by facilitator/);
  const sess = await get(srv, `/admin/plan/sessions/${ids.session}`, north.jar);
  assert.match(sess.text, /Registrations \(2 \/ 2\)/);
  assert.doesNotMatch((await get(srv, '/admin/plan/initiatives/' + north.initiative, north.jar)).text, /Facilitator conversation/);
});

test('a venue with a line break answers 422 on the form and 400 in the API, naming the venue; nothing is stored', async () => {
  const listed = async () => (await api(srv, north.token, 'GET', `/api/v1/sessions?conversation_id=${ids.conv}`)).json.sessions;
  const before = await listed();
  for (const venue of ['Library\r\nBcc: everyone@example.org', 'Library\nRoom 2', 'Library\rRoom 2']) {
    const res = await addSession(north, ids.conv, { venue_name: venue, date: localDate(TZ, 30) });
    assert.equal(res.status, 422, JSON.stringify(venue));
    const html = await res.text();
    assert.match(alertOf(html) || '', /^The venue must be one line of text\.$/);
    assert.ok(csrfFrom(html), 'the form is shown again');
    const r = await api(srv, north.token, 'POST', '/api/v1/sessions', {
      conversation_id: Number(ids.conv), starts_at: '2027-03-04T18:00:00.000Z', ends_at: '2027-03-04T19:30:00.000Z',
      format: 'in_person', venue_name: venue, capacity: 10 });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'venue_name');
  }
  // Nor through an update: the session keeps its venue.
  const one = before[0];
  const p = await api(srv, north.token, 'PATCH', `/api/v1/sessions/${one.id}`, { venue_name: 'Hall\r\nX' });
  assert.equal(p.status, 400);
  assert.equal(p.json.error.field, 'venue_name');
  const after = await listed();
  assert.equal(after.length, before.length, 'no session was added');
  assert.equal(after.find((x) => x.id === one.id).venue_name, one.venue_name, 'the venue is as it was');
  assert.ok(after.every((x) => !/[\r\n]/.test(x.venue_name)));
});

test('API times are read as toISOString() writes them, with milliseconds or an offset, and answered in UTC', async () => {
  const start = new Date(Date.now() + 40 * 86400e3);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 5400e3);
  const utc = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // The end as a clock six hours behind UTC would write it.
  const behind = new Date(end.getTime() - 6 * 3600e3).toISOString().replace(/\.\d{3}Z$/, '-06:00');
  const r = await api(srv, north.token, 'POST', '/api/v1/sessions', {
    conversation_id: Number(ids.conv), starts_at: start.toISOString(), ends_at: behind,
    format: 'in_person', venue_name: 'Lincoln Branch Library', capacity: 12 });
  assert.equal(r.status, 201, r.text);
  assert.match(start.toISOString(), /\.000Z$/, 'sent with milliseconds');
  assert.equal(r.json.starts_at, utc(start));
  assert.equal(r.json.ends_at, utc(end));
  const back = await api(srv, north.token, 'GET', `/api/v1/sessions/${r.json.id}`);
  assert.equal(back.json.starts_at, utc(start));
  assert.equal(back.json.ends_at, utc(end));
  assert.match(back.json.created_at || utc(start), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // An update with an offset moves it; the answer is in UTC again.
  const later = new Date(start.getTime() + 3600e3);
  const ahead = new Date(later.getTime() + 2 * 3600e3).toISOString().replace(/Z$/, '+02:00');
  const p = await api(srv, north.token, 'PATCH', `/api/v1/sessions/${r.json.id}`, { starts_at: ahead, ends_at: utc(new Date(later.getTime() + 3600e3)) });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.starts_at, utc(later));
  ids.apiSession = r.json.id;
});

test('an invalid ends_at answers 400 naming "ends_at", the member sent; the session is unchanged', async () => {
  const before = (await api(srv, north.token, 'GET', `/api/v1/sessions/${ids.apiSession}`)).json;
  for (const bad of ['2027-03-04T19:30', '2027-03-04 19:30:00', 'tomorrow', '2027-02-30T19:30:00Z', '2027-03-04T19:30:00+25:00', 1796407200, null]) {
    const r = await api(srv, north.token, 'PATCH', `/api/v1/sessions/${ids.apiSession}`, { ends_at: bad });
    assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.text}`);
    assert.equal(r.json.error.field, 'ends_at', JSON.stringify(bad));
  }
  // Well formed but before the start: the rule names the member too.
  const early = await api(srv, north.token, 'PATCH', `/api/v1/sessions/${ids.apiSession}`, { ends_at: '2000-01-01T00:00:00Z' });
  assert.equal(early.status, 400);
  assert.equal(early.json.error.field, 'ends_at');
  const after = (await api(srv, north.token, 'GET', `/api/v1/sessions/${ids.apiSession}`)).json;
  assert.equal(after.ends_at, before.ends_at);
});

test('the lists of the API read their query through declared fields, each refusal naming its parameter', async () => {
  for (const [path, field] of [['/api/v1/sessions', 'conversation_id'], ['/api/v1/sessions?conversation_id=abc', 'conversation_id'],
    ['/api/v1/sessions?conversation_id=-2', 'conversation_id'], ['/api/v1/conversations?initiative_id=1.5', 'initiative_id'],
    ['/api/v1/surveys', 'session_id'], ['/api/v1/surveys?session_id=x', 'session_id'],
    ['/api/v1/surveys?initiative_id=0x1', 'initiative_id']]) {
    const r = await api(srv, north.token, 'GET', path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, field, path);
  }
  const ok = await api(srv, north.token, 'GET', `/api/v1/conversations?initiative_id=${north.initiative}`);
  assert.equal(ok.status, 200, ok.text);
});

test('the baseline form reads through its table: a dimension, a category on one line and a share, each refusal naming its field', async () => {
  const send = (fields) => postForm(srv, '/admin/plan/baseline', north.jar, fields, { csrfFromPath: '/admin/plan/baseline' });
  const listed = async () => (await get(srv, '/admin/plan/baseline', north.jar)).text;
  for (const [fields, field] of [[{ dimension: 'shoe_size', category: 'Large', share: '10' }, 'dimension'],
    [{ dimension: 'language', category: 'Tagalog\r\nInjected', share: '10' }, 'category'],
    [{ dimension: 'language', category: 'Tagalog', share: 'ten' }, 'share'],
    [{ dimension: 'language', category: 'Tagalog', share: '101' }, 'share']]) {
    const res = await send(fields);
    const html = await res.text();
    assert.equal(res.status, 422, JSON.stringify(fields));
    assert.match(html, new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-describedby|role="alert"`), `the refusal is shown: ${field}`);
  }
  assert.doesNotMatch(await listed(), /Tagalog/, 'nothing refused was stored');
  const ok = await send({ dimension: 'language', category: 'Tagalog', share: '12,5%' });
  assert.equal(ok.status, 303);
  assert.match(await listed(), /Tagalog: 12\.50%/, 'the share is read as a percentage');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
