// Transcripts as meeting tools export them, read back: SBV (YouTube, Google)
// is detected and imported as its own format from the API, the page and the
// command line; GET /api/v1/sessions/{id}/transcripts gives each transcript
// with its redacted, speaker-coded segments a page at a time; only those who
// may open the session read it, and another district gets 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get } from '../lib/http.mjs';

let srv, stopped = null;
const north = {}, south = {};
const who = {};   // role label → { token, id }
const ids = {};

const MEET_SBV = `0:00:01.000,0:00:04.000
Ana Reyes: Welcome, everyone.

0:00:04.500,0:00:09.000
Rosa Martinez: My daughter takes the bus; write to rosa.m@example.net.

0:00:09.500,0:00:12.000
and call 512-555-0199 &mdash; any evening.

0:00:12.500,0:00:14.000
Ana Reyes: Thank you, Rosa.
`;

const YOUTUBE_SBV = `0:00:00.000,0:00:02.000
>> ANA REYES: Next question.

0:00:02.000,0:00:05.500
>> Buses come late&hellip; every day.

0:00:05.500,0:00:08.000
>> TOM NGUYEN: We&rsquo;ll look at route 12.
`;

const YOUTUBE_VTT = `WEBVTT
Kind: captions
Language: en

00:00:10.000 --> 00:00:12.000 align:start position:0%
 
the<00:00:10.300><c> hotspot</c><00:00:10.800><c> died</c>

00:00:12.000 --> 00:00:14.000 align:start position:0%
in November
 
`;

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function upload(token, sid, body, query) {
  return api(srv, token, 'POST', `/api/v1/sessions/${sid}/transcripts?${query}`, body, { 'content-type': 'text/plain' });
}

async function read(token, sid, query = '') {
  return api(srv, token, 'GET', `/api/v1/sessions/${sid}/transcripts${query}`);
}

/** Every segment of a session, following next from the first page. */
async function walk(sid, first) {
  const pages = [];
  for (let path = `/api/v1/sessions/${sid}/transcripts${first}`; path;) {
    const r = await api(srv, north.token, 'GET', path);
    assert.equal(r.status, 200, r.text);
    pages.push(r.json);
    path = r.json.next;
    assert.ok(pages.length < 1000, 'the pages end');
  }
  return pages;
}

const flat = (pages) => pages.flatMap((p) => p.transcripts.flatMap((t) => t.segments.map((g) => ({ t: t.id, ...g }))));

before(async () => {
  srv = await startServer();
  for (const [slug, d] of [['north', north], ['south', south]]) {
    await srv.cli('district', 'add', '--slug', slug, '--name', `${slug} schools`, '--timezone', 'America/Chicago');
    await srv.addUser(slug, `admin@${slug}.example.org`, 'admin', PASSWORD);
    d.token = (await srv.cli('token', 'create', '--email', `admin@${slug}.example.org`)).trim();
  }
  north.jar = await signIn(srv, 'admin@north.example.org', PASSWORD);
  for (const [label, role] of [['facilitator on', 'facilitator'], ['facilitator off', 'facilitator'],
    ['partner on', 'partner'], ['staff', 'staff']]) {
    const email = `${label.replace(/ /g, '.')}@north.example.org`;
    await srv.addUser('north', email, role, PASSWORD);
    who[label] = { email, token: (await srv.cli('token', 'create', '--email', email)).trim() };
  }
  const users = (await api(srv, north.token, 'GET', '/api/v1/users')).json.users;
  for (const p of Object.values(who)) p.id = String(users.find((u) => u.email === p.email).id);

  let r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: 'Buses', why: '', mode: 'cooperate' });
  r = await api(srv, north.token, 'POST', '/api/v1/conversations',
    { initiative_id: r.json.id, title: 'Bus routes', facilitator: 'Ana Reyes' });
  assert.equal(r.status, 201, r.text);
  ids.conversation = r.json.id;
  const start = Math.floor((Date.now() + 2 * 86400e3) / 3600e3) * 3600e3;
  for (const k of ['a', 'big', 'empty']) {
    r = await api(srv, north.token, 'POST', '/api/v1/sessions', {
      conversation_id: ids.conversation, starts_at: iso(start), ends_at: iso(start + 5400e3),
      format: 'in_person', venue_name: 'Library', capacity: 10, registration_open: true });
    assert.equal(r.status, 201, r.text);
    ids[k] = r.json.id;
  }
  // The conversation is handed to one facilitator and the partner.
  const { text } = await get(srv, `/admin/plan/conversations/${ids.conversation}`, north.jar);
  const body = new URLSearchParams([['_csrf', csrfFrom(text)], ['user_id', who['facilitator on'].id],
    ['user_id', who['partner on'].id]]);
  const res = await srv.fetch(`/admin/plan/conversations/${ids.conversation}/team`, { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: north.jar.header() }, body });
  assert.equal(res.status, 303);
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

test('an SBV file is found to be SBV and imported as such: no timing line is kept as text', async () => {
  const r = await upload(north.token, ids.a, MEET_SBV, 'filename=meet.sbv');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.format, 'sbv');
  assert.equal(r.json.segments, 4);
  assert.equal(r.json.speakers, 2);
  ids.meet = r.json.transcript_id;
});

test('GET …/transcripts gives each transcript and its segments: codes, times, the stored redacted text', async () => {
  const r = await read(north.token, ids.a);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.session_id, ids.a);
  assert.equal(r.json.next, null);
  assert.equal(r.json.transcripts.length, 1);
  const [t] = r.json.transcripts;
  assert.equal(t.id, ids.meet);
  assert.equal(t.format, 'sbv');
  assert.equal(t.filename, 'meet.sbv');
  assert.match(t.uploaded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(t.uploaded_at) - Date.now()) < 600e3, `uploaded just now: ${t.uploaded_at}`);
  assert.equal(t.segment_count, 4);
  assert.deepEqual(t.segments.map((g) => [g.seq, g.speaker, g.start_ms, g.end_ms]),
    [[1, 'F', 1000, 4000], [2, 'P1', 4500, 9000], [3, 'P1', 9500, 12000], [4, 'F', 12500, 14000]]);
  assert.equal(t.segments[0].text, 'Welcome, everyone.');
  assert.match(t.segments[1].text, /^My daughter takes the bus; write to \[EMAIL\]\.$/);
  assert.match(t.segments[2].text, /^and call \[PHONE\] — any evening\.$/);
  for (const g of t.segments) {
    assert.doesNotMatch(g.text, /Rosa|Reyes|0:00:/, `stored redacted, without timings: ${g.text}`);
    assert.deepEqual(Object.keys(g).sort(), ['end_ms', 'seq', 'speaker', 'start_ms', 'text']);
  }
});

test('YouTube SBV with format=sbv, YouTube WebVTT with lines of one space, and plain text without times', async () => {
  let r = await upload(north.token, ids.a, YOUTUBE_SBV, 'format=sbv&filename=youtube.sbv');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.format, 'sbv');
  r = await upload(north.token, ids.a, YOUTUBE_VTT, 'filename=youtube.vtt');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.format, 'vtt');
  assert.equal(r.json.segments, 2);
  r = await upload(north.token, ids.a, 'Bus meeting, notes by hand\n\nAna Reyes: Hello.\nCarla Diaz: Hi.\n',
    'format=txt&filename=notes.txt');
  assert.equal(r.status, 201, r.text);

  r = await read(north.token, ids.a);
  assert.equal(r.status, 200, r.text);
  const ts = r.json.transcripts;
  assert.deepEqual(ts.map((t) => [t.format, t.filename, t.segments.length]),
    [['sbv', 'meet.sbv', 4], ['sbv', 'youtube.sbv', 3], ['vtt', 'youtube.vtt', 2], ['text', 'notes.txt', 3]]);
  assert.deepEqual(ts.map((t) => t.id), [...ts.map((t) => t.id)].sort((x, y) => x - y), 'oldest first');
  // ">>" alone: a speaker the file does not name; ">> NAME:" a speaker.
  assert.deepEqual(ts[1].segments.map((g) => [g.speaker, g.text]),
    [['F', 'Next question.'], [null, 'Buses come late… every day.'], ['P1', 'We’ll look at route 12.']]);
  assert.deepEqual(ts[2].segments.map((g) => [g.start_ms, g.end_ms, g.text]),
    [[10000, 12000, 'the hotspot died'], [12000, 14000, 'in November']]);
  // Plain text: no times, and the title line has no speaker.
  assert.deepEqual(ts[3].segments.map((g) => [g.seq, g.speaker, g.start_ms, g.end_ms]),
    [[1, null, null, null], [2, 'F', null, null], [3, 'P1', null, null]]);
});

test('pages: limit and the next cursor read every segment once, in order, across transcripts', async () => {
  const all = flat([(await read(north.token, ids.a)).json]);
  assert.equal(all.length, 12);
  const pages = await walk(ids.a, '?limit=5');
  assert.deepEqual(pages.map((p) => flat([p]).length), [5, 5, 2]);
  assert.deepEqual(flat(pages), all);
  // A page names only the transcripts it holds segments of, each once.
  assert.deepEqual(pages[1].transcripts.map((t) => t.filename), ['youtube.sbv', 'youtube.vtt', 'notes.txt']);
  const last = pages[0].transcripts.at(-1);
  assert.equal(pages[0].next,
    `/api/v1/sessions/${ids.a}/transcripts?after_transcript=${last.id}&after_seq=${last.segments.at(-1).seq}&limit=5`);
  // The end: exactly the rest is no further page; past it nothing.
  const tail = await read(north.token, ids.a, `?after_transcript=${all[9].t}&after_seq=${all[9].seq}&limit=2`);
  assert.equal(flat([tail.json]).length, 2);
  assert.equal(tail.json.next, null);
  const past = await read(north.token, ids.a, `?after_transcript=${all[11].t}&after_seq=${all[11].seq}`);
  assert.deepEqual(past.json.transcripts, []);
  assert.equal(past.json.next, null);
  // A session without transcripts.
  const none = await read(north.token, ids.empty);
  assert.equal(none.status, 200);
  assert.deepEqual(none.json, { session_id: ids.empty, transcripts: [], next: null });
});

test('without a limit a page holds 500 segments; at most 1000 may be asked for', async () => {
  let sbv = '';
  for (let i = 0; i < 1001; i++) sbv += `0:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000,0:59:59.000\nTurn ${i + 1}.\n\n`;
  const r = await upload(north.token, ids.big, sbv, 'filename=long.sbv');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.segments, 1001);
  const pages = await walk(ids.big, '');
  assert.deepEqual(pages.map((p) => flat([p]).length), [500, 500, 1]);
  assert.deepEqual(flat(pages).map((g) => g.seq), Array.from({ length: 1001 }, (_, i) => i + 1));
  assert.equal(flat([(await read(north.token, ids.big, '?limit=1000')).json]).length, 1000);
});

test('bad paging parameters are refused, naming the parameter', async () => {
  for (const [q, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=many', 'limit'],
    ['after_seq=-1', 'after_seq'], ['after_transcript=x', 'after_transcript']]) {
    const r = await read(north.token, ids.a, `?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.error.field, field, q);
  }
  const r = await read(north.token, ids.a, '?limit=0');
  assert.match(r.json.error.message, /between 1 and 1,000/);
});

test('a damaged SBV is refused with its line, and an unknown format by name; nothing is kept', async () => {
  const before = (await read(north.token, ids.a)).json;
  let r = await upload(north.token, ids.a, '0:00:01.000,0:00:02.000\nHi.\n\n0:00:03.000;0:00:04.000\nThere.\n', 'format=sbv');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'file');
  assert.equal(r.json.error.message, 'line 4: the timing line must look like 0:01:02.500,0:01:05.000');
  r = await upload(north.token, ids.a, '0:00:01.000,0:00:02.000\nHi.\n\nStray text.\n', '');
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.message, /^line 4: expected a timing line like 0:01:02\.500,0:01:05\.000/);
  r = await upload(north.token, ids.a, MEET_SBV, 'format=ass');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'format');
  assert.equal(r.json.error.message, 'The format is vtt, srt, sbv or txt.');
  assert.deepEqual((await read(north.token, ids.a)).json, before);
});

test('who reads: staff and the team; not a facilitator off the team, nor another district (404), nor no token', async () => {
  for (const label of ['staff', 'facilitator on', 'partner on']) {
    const r = await read(who[label].token, ids.a, '?limit=1');
    assert.equal(r.status, 200, `${label}: ${r.text}`);
    assert.equal(r.json.transcripts[0].segments.length, 1);
  }
  let r = await read(who['facilitator off'].token, ids.a);
  assert.equal(r.status, 404, r.text);
  r = await read(south.token, ids.a);
  assert.equal(r.status, 404, r.text);
  assert.doesNotMatch(r.text, /Welcome|sbv|meet/);
  r = await read(south.token, 999999);
  assert.equal(r.status, 404);
  r = await read(null, ids.a);
  assert.equal(r.status, 401);
});

test('the import page offers SBV and takes it with format=sbv', async () => {
  const { res, text } = await get(srv, `/admin/plan/sessions/${ids.empty}/transcript`, north.jar);
  assert.equal(res.status, 200);
  assert.match(text, /accept="[^"]*\.sbv/);
  assert.match(text, /<option value="sbv">SBV \(\.sbv\)<\/option>/);
  const form = new FormData();
  form.append('_csrf', csrfFrom(text));
  form.append('format', 'sbv');
  form.append('file', new Blob([YOUTUBE_SBV], { type: 'text/plain' }), 'captions.sbv');
  const up = await srv.fetch(`/admin/plan/sessions/${ids.empty}/transcript`,
    { method: 'POST', headers: { cookie: north.jar.header() }, body: form });
  assert.equal(up.status, 200);
  assert.match(await up.text(), /Transcript imported: 3 segments, 2 speakers/);
  const r = await read(north.token, ids.empty);
  assert.equal(r.json.transcripts[0].format, 'sbv');
  assert.equal(r.json.transcripts[0].filename, 'captions.sbv');
});

test('the command line imports SBV with --format sbv, and refuses a damaged one with its line', async () => {
  const good = join(srv.dir, 'captions.sbv');
  writeFileSync(good, MEET_SBV);
  const out = await srv.cli('import', 'transcript', '--session', String(ids.big), '--format', 'sbv', good);
  assert.match(out, /imported: sbv, 4 segments, 2 speakers/);
  const bad = join(srv.dir, 'bad.sbv');
  writeFileSync(bad, '0:00:01.000,0:00:02.000\nHi.\n\n0:00:61.000,0:01:02.000\nThere.\n');
  await assert.rejects(srv.cli('import', 'transcript', '--session', String(ids.big), bad),
    (err) => err.code === 2 && /line 4: 0:00:61\.000 is not a time/.test(err.stderr));
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
