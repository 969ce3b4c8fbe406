// `commonground redact --all`: redaction run again over what is stored (the
// demo district "riverside"), and the district's own words kept.  A note, a
// transcript segment, a survey comment and an approved quote name Thandeka
// Mokoena before she is checked in; `--dry-run` writes nothing, the real run
// replaces her name in all four (the quote goes back to proposed and leaves
// the saved summary, the coding of the note moves with its words), and a
// second run changes nothing.  A school of the district ("Lincoln
// Elementary", a session's venue) survives in a note while the person
// whose family name it shares does not.  Speakers' display names lose
// their pronouns.  Runs on SQLite, and on PostgreSQL with
// CG_TEST_DB=postgres (tests/run.sh runs both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { BIN, startServer, csrfFrom, signIn, seedDemo } from '../lib/server.mjs';
import { api, get, postForm } from '../lib/http.mjs';

const QUOTES = '/admin/understand/quotes?initiative=1';
// In lower case, as captions write it: a name no list knows, which only the
// people present (once she is one of them) tell redaction about.
const NOTE = 'thandeka mokoena and I share the bus wifi, and it drops at the bridge.';
const CODED = 'it drops at the bridge';
const VTT = `WEBVTT

1
00:00:01.000 --> 00:00:05.000
Jordan Ellis (he/him): thandeka mokoena told me the laptops overheat on the bus.

2
00:00:05.500 --> 00:00:09.000
Maya Lin (she/her): Her brother says the same, and he uses his at home.

3
00:00:09.500 --> 00:00:12.000
Ana Reyes (Host): Thank you both, that helps a lot.
`;
const COMMENT = 'thandeka mokoena showed me where the survey was.';

let srv, token, jar, csrf, code1;
const ids = {};

/** Runs the program on the test database; resolves {code, stdout, stderr}. */
function cg(...args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, [...args, '--db', srv.db]);
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end('');
  });
}

/** "kind: N of M changed, P placeholders added…" of a run's output, by kind. */
function tallies(stdout) {
  const out = {};
  for (const m of stdout.matchAll(/^ {2}([a-z ]+): (\d+) of (\d+) changed, (\d+) placeholders? added(.*)$/gm))
    out[m[1]] = { changed: Number(m[2]), seen: Number(m[3]), placeholders: Number(m[4]), rest: m[5] };
  return out;
}

const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
const textOf = (html) => unescapeHtml(html.replace(/<[^>]*>/g, ''));

/** The quotes page: [{ id, text, status }]. */
async function quotes() {
  const { res, text } = await get(srv, QUOTES, jar);
  assert.equal(res.status, 200);
  return [...text.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)].map((m) => {
    const id = m[1].match(/action="\/admin\/understand\/quotes\/(\d+)"/);
    const meta = textOf(m[1].match(/<p class="meta">([\s\S]*?)<\/p>/)[1]).split(' · ');
    return { id: id ? Number(id[1]) : null, text: textOf(m[1].match(/<blockquote>([\s\S]*?)<\/blockquote>/)[1]),
      status: meta[1].trim() };
  });
}

/** The excerpts of the codebook page: "kind:id" → text. */
async function excerpts() {
  const { res, text } = await get(srv, '/admin/understand/codebook?initiative=1', jar);
  assert.equal(res.status, 200);
  return new Map([...text.matchAll(/<li id="x-(note|segment|survey)-(\d+)">[\s\S]*?<p class="excerpt">([\s\S]*?)<\/p>/g)]
    .map((m) => [`${m[1]}:${m[2]}`, textOf(m[3])]));
}

async function noteText(id) {
  const r = await api(srv, token, 'GET', `/api/v1/sessions/${ids.held}/notes`);
  assert.equal(r.status, 200, r.text);
  const n = r.json.notes.find((x) => x.id === id);
  assert.ok(n, `note ${id}`);
  return n.text;
}

async function coding() {
  const r = await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1');
  assert.equal(r.status, 200, r.text);
  const c = r.json.codes.flatMap((x) => x.codings).find((x) => x.id === ids.coding);
  assert.ok(c, 'the coding is still there');
  return c;
}

async function comment() {
  const r = await api(srv, token, 'GET', `/api/v1/surveys?session_id=${ids.held}`);
  assert.equal(r.status, 200, r.text);
  return r.json.surveys.find((s) => s.id === ids.survey).comment;
}

async function savedPublicSummary() {
  const r = await api(srv, token, 'GET', '/api/v1/reports/1?audience=public');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.res.headers.get('x-summary-saved'), 'yes');
  return r.text;
}

/** Everything the run may change, as the product shows it. */
async function snapshot() {
  const xs = await excerpts();
  return {
    note: await noteText(ids.note),
    coding: await coding(),
    segment: xs.get(`segment:${ids.segment}`),
    survey: await comment(),
    quote: (await quotes()).find((q) => q.id === ids.quote),
    summary: await savedPublicSummary(),
  };
}

before(async () => {
  srv = await startServer();
  const admin = await seedDemo(srv);
  token = admin.token;
  jar = await signIn(srv, admin.email, admin.password);
  csrf = csrfFrom((await get(srv, '/admin/understand/codebook?initiative=1', jar)).text);
  assert.ok(csrf);
  const c = await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1');
  code1 = c.json.codes[0].id;
  // The students' session held ten days ago: the one with the demo's notes
  // on hotspots.
  const convs = await api(srv, token, 'GET', '/api/v1/conversations?initiative_id=1');
  for (const cv of convs.json.conversations) {
    ids.conversation ??= cv.id;
    const ss = await api(srv, token, 'GET', `/api/v1/sessions?conversation_id=${cv.id}`);
    for (const s of ss.json.sessions) {
      const n = await api(srv, token, 'GET', `/api/v1/sessions/${s.id}/notes`);
      if (n.json.notes.some((x) => x.text.startsWith('Give us hotspots'))) ids.held = s.id;
    }
  }
  assert.ok(ids.held, 'the demo has the students\' held session');
});

after(async () => {
  if (srv) await srv.stop();
});

test('on the demo data a run finds nothing more to redact, and reports each kind', async () => {
  const r = await cg('redact', '--all', '--dry-run');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^riverside \(dry run: nothing is written\)$/m);
  const t = tallies(r.stdout);
  assert.deepEqual(Object.keys(t), ['notes', 'transcript segments', 'survey comments', 'quotes']);
  for (const [kind, v] of Object.entries(t)) {
    assert.equal(v.changed, 0, `${kind}: ${r.stdout}`);
    assert.ok(v.seen > 0, `${kind} were read`);
  }
  // stderr is not a terminal here: one line per kind, no progress bar.
  assert.equal(r.stderr.trim().split('\n').length, 4, r.stderr);
  assert.doesNotMatch(r.stderr, /\r|#/);
});

test('text stored before a person was known is redacted by the next run, not by a dry run', async () => {
  // A note, a transcript and a survey comment that name Thandeka, before she is checked in.
  let r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/notes`,
    { client_id: 'rerun-zanele', question: 2, speaker: 'P1', kind: 'quote', text: NOTE });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.text, NOTE, 'nobody called Thandeka is known yet');
  ids.note = r.json.id;
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/transcripts?format=vtt&filename=bus.vtt`, VTT,
    { 'content-type': 'text/vtt' });
  assert.equal(r.status, 201, r.text);
  const form = await get(srv, `/d/riverside/sessions/${ids.held}/survey`, null);
  assert.equal(form.res.status, 200);
  const cookie = form.res.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
  const sent = await srv.fetch(`/d/riverside/sessions/${ids.held}/survey`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrfFrom(form.text), website: '', rating: '4', comment: COMMENT }).toString(),
  });
  assert.equal(sent.status, 303, await sent.text());
  r = await api(srv, token, 'GET', `/api/v1/surveys?session_id=${ids.held}`);
  ids.survey = r.json.surveys.find((s) => s.comment === COMMENT)?.id;
  assert.ok(ids.survey, 'the comment is stored as written');

  const xs = await excerpts();
  const seg = [...xs].find(([k, v]) => k.startsWith('segment:') && v.includes('laptops overheat'));
  assert.ok(seg, 'the segment is an excerpt');
  ids.segment = Number(seg[0].split(':')[1]);
  assert.equal(seg[1], 'thandeka mokoena told me the laptops overheat on the bus.');
  // The speakers' pronouns are not names: "Her" and "his" stay.
  assert.ok([...xs.values()].includes('Her brother says the same, and he uses his at home.'),
    [...xs.values()].filter((v) => /brother/.test(v)).join(' | '));
  // "Ana Reyes (Host)" is the conversation's facilitator (F): her turns are not excerpts.
  assert.ok(![...xs.values()].some((v) => v.includes('that helps a lot')), 'the facilitator\'s turn is no excerpt');

  // Coded, proposed as a quote, approved, and in the saved public summary.
  r = await api(srv, token, 'POST', '/api/v1/codings',
    { initiative_id: 1, code_id: code1, kind: 'note', excerpt_id: ids.note, quote: CODED });
  assert.equal(r.status, 201, r.text);
  ids.coding = r.json.id;
  assert.equal(NOTE.slice(r.json.start, r.json.end), CODED);
  let res = await postForm(srv, '/admin/understand/codings', jar, { _csrf: csrf, initiative: '1', code_id: String(code1),
    kind: 'note', excerpt_id: String(ids.note), quote: '', do: 'quote' });
  assert.equal(res.status, 303, textOf(await res.text()).slice(0, 300));
  const q = (await quotes()).find((x) => x.text === NOTE);
  assert.ok(q, 'the quote is proposed');
  ids.quote = q.id;
  res = await postForm(srv, `/admin/understand/quotes/${q.id}`, jar, { _csrf: csrf, action: 'approve' });
  assert.equal(res.status, 303);
  res = await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'public', action: 'draft' });
  assert.equal(res.status, 303);

  // Now she walks in.
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/attendees`, { name: 'Thandeka Mokoena' });
  assert.equal(r.status, 201, r.text);

  const before = await snapshot();
  assert.equal(before.note, NOTE);
  assert.equal(before.quote.status, 'approved');
  assert.ok(before.summary.includes('thandeka mokoena and I share the bus wifi'), 'the quote is in the saved summary');

  const dry = await cg('redact', '--all', '--dry-run', '--district', 'riverside');
  assert.equal(dry.code, 0, dry.stderr);
  let t = tallies(dry.stdout);
  assert.equal(t.notes.changed, 1, dry.stdout);
  assert.equal(t['transcript segments'].changed, 1, dry.stdout);
  assert.equal(t['survey comments'].changed, 1, dry.stdout);
  assert.equal(t.quotes.changed, 1, dry.stdout);
  assert.match(t.quotes.rest, /1 approved quote back to proposed/);
  assert.match(t.notes.rest, /1 coding moved with the text/);
  assert.deepEqual(await snapshot(), before, 'a dry run writes nothing');

  const run = await cg('redact', '--all');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^riverside$/m);
  t = tallies(run.stdout);
  for (const kind of ['notes', 'transcript segments', 'survey comments', 'quotes']) {
    assert.equal(t[kind].changed, 1, `${kind}: ${run.stdout}`);
    assert.equal(t[kind].placeholders, 1, `${kind}: ${run.stdout}`);
  }
  assert.match(t.quotes.rest, /1 approved quote back to proposed; 1 saved summary without it/);

  const now = await snapshot();
  const REDACTED = '[NAME] and I share the bus wifi, and it drops at the bridge.';
  assert.equal(now.note, REDACTED);
  assert.equal(REDACTED.slice(now.coding.start, now.coding.end), CODED, 'the coding keeps its words');
  assert.equal(now.segment, '[NAME] told me the laptops overheat on the bus.');
  assert.equal(now.survey, '[NAME] showed me where the survey was.');
  assert.equal(now.quote.text, REDACTED);
  assert.equal(now.quote.status, 'proposed', 'approved for other words, the quote waits again');
  assert.ok(!now.summary.toLowerCase().includes('thandeka'), 'the saved summary no longer quotes her');
  assert.ok((await excerpts()).get(`note:${ids.note}`) === REDACTED);

  // The run is in the audit log, by the command line, with its counts.
  const audit = await get(srv, '/admin/audit', jar);
  assert.equal(audit.res.status, 200);
  const rows = [...audit.text.matchAll(/<tr><td><time[^>]*>[^<]*<\/time><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)]
    .map((m) => m.slice(1).map(unescapeHtml)).filter(([, action]) => action === 'redact.rerun');
  assert.equal(rows.length, 1, 'the real run is logged, the dry runs are not');
  assert.equal(rows[0][0], 'command line');
  assert.match(rows[0][2], /notes 1\/\d+ changed, 1 placeholders, 1 codings moved; transcript segments 1\/\d+ changed/);

  const again = await cg('redact', '--all');
  assert.equal(again.code, 0, again.stderr);
  t = tallies(again.stdout);
  assert.equal(Object.keys(t).length, 4);
  for (const [kind, v] of Object.entries(t)) assert.equal(v.changed, 0, `second run, ${kind}: ${again.stdout}`);
  assert.deepEqual(await snapshot(), now, 'a second run changes nothing');
});

test('a school of the district survives in a note; the person who shares its name does not', async () => {
  const start = Date.now() + 30 * 86400e3;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let r = await api(srv, token, 'POST', '/api/v1/sessions', { conversation_id: ids.conversation, starts_at: iso(start),
    ends_at: iso(start + 5400e3), format: 'in_person', venue_name: 'Lincoln Elementary, Room 4', capacity: 10 });
  assert.equal(r.status, 201, r.text);
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/attendees`, { name: 'Maya Lincoln' });
  assert.equal(r.status, 201, r.text);
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/notes`, { client_id: 'rerun-lincoln', question: 1,
    speaker: 'F', kind: 'note', text: 'Maya Lincoln said the buses to Lincoln Elementary run late; ask Ms. Lincoln.' });
  assert.equal(r.status, 201, r.text);
  const WANT = '[NAME] said the buses to Lincoln Elementary run late; ask Ms. [NAME].';
  assert.equal(r.json.text, WANT);
  // The district's name and its partner survive too.
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/attendees`, { name: 'Familia Riverside' });
  assert.equal(r.status, 201, r.text);
  r = await api(srv, token, 'POST', `/api/v1/sessions/${ids.held}/notes`, { client_id: 'rerun-familia', question: 1,
    speaker: 'F', kind: 'note', text: 'Familia said La Familia Community Center and Riverside Unified School District help.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.text, '[NAME] said La Familia Community Center and Riverside Unified School District help.');

  const run = await cg('redact', '--all');
  assert.equal(run.code, 0, run.stderr);
  const t = tallies(run.stdout);
  for (const [kind, v] of Object.entries(t)) assert.equal(v.changed, 0, `${kind}: ${run.stdout}`);
  assert.equal(await noteText(r.json.id), '[NAME] said La Familia Community Center and Riverside Unified School District help.');
});

test('bad usage answers 2; an unknown district 1', async () => {
  for (const [args, re] of [
    [['redact'], /give --text .* or --all/],
    [['redact', '--all', '--text'], /give --text .* or --all/],
    [['redact', '--all', '--json'], /go with --text/],
    [['redact', '--text', '--dry-run'], /go with --all/],
  ]) {
    const r = await cg(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  const r = await cg('redact', '--all', '--district', 'nowhere');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no district has the short name nowhere/);
  const h = await new Promise((resolve) => {
    const p = spawn(BIN, ['redact', '--help']);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', () => resolve(out));
  });
  assert.match(h, /commonground redact --all \[--dry-run\] \[--district SLUG\] \[--db URL\]/);
});
