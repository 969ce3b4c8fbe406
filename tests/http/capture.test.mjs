// Capture: a transcript uploaded for a session becomes speaker-coded,
// redacted segments, with the participation balance; a broken file is
// refused with its line and nothing is kept; another district sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { PASSWORD, api, get } from '../lib/http.mjs';

let srv, tokenN, tokenS, jarN;
let stopped = null;
const ids = {};

const VTT = `WEBVTT

1
00:00:01.000 --> 00:00:04.000
Ana Reyes: Welcome, everyone. Let's start with introductions.

2
00:00:04.500 --> 00:00:09.000
Rosa Martinez: I'm Rosa. My daughter Sofia takes the bus every day and we have no internet at home.

3
00:00:09.500 --> 00:00:14.000
Tom Nguyen: You can write to me at tom.nguyen@example.net or call 512-555-0199 about the hotspot program.

4
00:00:14.500 --> 00:00:18.000
Rosa Martinez: We live at 1200 E Main St, near the library.

5
00:00:18.500 --> 00:00:20.000
Ana Reyes: Thank you both.
`;

before(async () => {
  srv = await startServer();
  for (const slug of ['north', 'south']) {
    await srv.cli('district', 'add', '--slug', slug, '--name', `${slug} schools`, '--timezone', 'America/Chicago');
    await srv.addUser(slug, `admin@${slug}.example.org`, 'admin', PASSWORD);
  }
  tokenN = (await srv.cli('token', 'create', '--email', 'admin@north.example.org')).trim();
  tokenS = (await srv.cli('token', 'create', '--email', 'admin@south.example.org')).trim();
  jarN = await signIn(srv, 'admin@north.example.org', PASSWORD);
  let r = await api(srv, tokenN, 'POST', '/api/v1/initiatives', { title: 'Devices', why: '', mode: 'cooperate' });
  r = await api(srv, tokenN, 'POST', '/api/v1/conversations',
    { initiative_id: r.json.id, title: 'Devices at home', facilitator: 'Ana Reyes' });
  ids.conversation = r.json.id;
  const start = new Date(Date.now() + 2 * 86400e3);
  start.setUTCMinutes(0, 0, 0);
  const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  r = await api(srv, tokenN, 'POST', '/api/v1/sessions', {
    conversation_id: ids.conversation, starts_at: iso(start), ends_at: iso(new Date(start.getTime() + 5400e3)),
    format: 'in_person', venue_name: 'Library', capacity: 10, registration_open: true });
  assert.equal(r.status, 201, r.text);
  ids.session = r.json.id;
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

test('a WebVTT transcript is imported: speakers become codes, the facilitator F', async () => {
  const r = await api(srv, tokenN, 'POST', `/api/v1/sessions/${ids.session}/transcripts?filename=zoom.vtt`, VTT,
    { 'content-type': 'text/vtt' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.format, 'vtt');
  assert.equal(r.json.segments, 5);
  assert.equal(r.json.speakers, 3);
  assert.ok(r.json.redacted >= 4, `personal details replaced: ${r.json.redacted}`);
});

test('the stored text holds no names, e-mail, phone or street address', async () => {
  const { res, text } = await get(srv, `/admin/plan/sessions/${ids.session}/transcript`, jarN);
  assert.equal(res.status, 200);
  const segs = text.slice(text.indexOf('id="segs"'));
  for (const secret of ['Rosa', 'Tom Nguyen', 'tom.nguyen@example.net', '512-555-0199', '1200 E Main St', 'Ana Reyes']) {
    assert.ok(!segs.includes(secret), `"${secret}" does not appear in the segments`);
  }
  assert.match(segs, /\[EMAIL\]/);
  assert.match(segs, /\[PHONE\]/);
  assert.match(segs, /\[ADDRESS\]/);
  assert.match(segs, /<strong>F<\/strong> Welcome, everyone/);
  assert.match(segs, /<strong>P1<\/strong>/);
  assert.match(text, /<svg[^>]*role="img"/, 'the balance chart is drawn');
});

test('participation counts turns and words per code, the facilitator apart', async () => {
  const r = await api(srv, tokenN, 'GET', `/api/v1/sessions/${ids.session}/participation`);
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.json.speakers.map((s) => [s.code, s]));
  assert.equal(by.F.turns, 2);
  assert.equal(by.P1.turns, 2);
  assert.equal(by.P2.turns, 1);
  assert.equal(r.json.turns, 5);
  assert.equal(r.json.loudest, 'P1');
  assert.ok(r.json.balance > 0 && r.json.balance < 1, `balance ${r.json.balance}`);
  assert.ok(r.json.facilitator_share > 0 && r.json.facilitator_share < 0.5);
});

test('a broken file is refused with its line number, and nothing is kept', async () => {
  const broken = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAna Reyes: Hi.\n\n2\n00:00:0x.000 -> later\nRosa: text\n';
  const r = await api(srv, tokenN, 'POST', `/api/v1/sessions/${ids.session}/transcripts`, broken,
    { 'content-type': 'text/vtt' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'file');
  assert.match(r.json.error.message, /line 8/);
  const p = await api(srv, tokenN, 'GET', `/api/v1/sessions/${ids.session}/participation`);
  assert.equal(p.json.turns, 5, 'still only the first transcript');
});

test('another district cannot upload to or read this session', async () => {
  let r = await api(srv, tokenS, 'POST', `/api/v1/sessions/${ids.session}/transcripts`, VTT, { 'content-type': 'text/vtt' });
  assert.equal(r.status, 404);
  r = await api(srv, tokenS, 'GET', `/api/v1/sessions/${ids.session}/participation`);
  assert.equal(r.status, 404);
  const p = await api(srv, tokenN, 'GET', `/api/v1/sessions/${ids.session}/participation`);
  assert.equal(p.json.turns, 5, 'the session still holds only its own transcript');
});

test('staff can upload through the page, and a missing file is explained', async () => {
  const { text } = await get(srv, `/admin/plan/sessions/${ids.session}/transcript`, jarN);
  const form = new FormData();
  form.append('_csrf', csrfFrom(text));
  form.append('file', new Blob(['Ana Reyes: Hello.\nRosa Martinez: Hola, gracias.\n'], { type: 'text/plain' }), 'meet.txt');
  let res = await srv.fetch(`/admin/plan/sessions/${ids.session}/transcript`,
    { method: 'POST', headers: { cookie: jarN.header() }, body: form });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Transcript imported: 2 segments, 2 speakers/);
  const kept = (await api(srv, tokenN, 'GET', `/api/v1/sessions/${ids.session}/participation`)).json;
  const empty = new FormData();
  empty.append('_csrf', csrfFrom(text));
  res = await srv.fetch(`/admin/plan/sessions/${ids.session}/transcript`,
    { method: 'POST', headers: { cookie: jarN.header() }, body: empty });
  assert.equal(res.status, 422);
  const now = (await api(srv, tokenN, 'GET', `/api/v1/sessions/${ids.session}/participation`)).json;
  assert.deepEqual(now, kept, 'a missing file changes nothing');
});

test('the command line imports too, and refuses a broken file with exit status 2', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const good = join(srv.dir, 'good.srt');
  writeFileSync(good, '1\n00:00:01,000 --> 00:00:02,000\nAna Reyes: Hello.\n\n2\n00:00:02,500 --> 00:00:04,000\nRosa: Hi.\n');
  const out = await srv.cli('import', 'transcript', '--session', String(ids.session), good);
  assert.match(out, /imported: srt, 2 segments, 2 speakers/);
  const bad = join(srv.dir, 'bad.srt');
  writeFileSync(bad, '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\nnot a timing line\nHi\n');
  await assert.rejects(srv.cli('import', 'transcript', '--session', String(ids.session), bad),
    (err) => err.code === 2 && /line 6/.test(err.stderr));
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0);
});
