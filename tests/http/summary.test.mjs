// Summaries and quotes (the demo district "riverside"): the internal and
// the public summary of an initiative through GET /api/v1/reports/{id}
// (Markdown or HTML rendered by cmark in safe mode), small counts hidden
// and only approved quotes in public; proposing quotes from the codebook
// form (only word-for-word words of participants who agreed to be quoted,
// redacted), approving and rejecting them; the summary page (saved
// Markdown, preview, save, fresh draft, empty text refused); stored text
// escaped in the drafted Markdown; roles, districts and CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer, csrfFrom, signIn, seedDemo, person } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

const STAFF = 'staff.summary@riverside.example.org';
const FAC = 'fac.summary@riverside.example.org';
const OTHER = 'admin@other.example.org';
const QUOTES = '/admin/understand/quotes?initiative=1';
const QUOTES_DONE = '/admin/understand/quotes?initiative=1&done=1';
const SECTIONS = ['Why we asked', 'Conversations held', 'Who took part', 'What we heard', 'Common ground',
  'Where groups differ', 'What happens next'];
// The first colour of src/domain/codebook.c.
const BLUE = '#cfe0f5';

// A transcript of the families' Saturday session (its conversation's
// facilitator is James Carter): a registrant who agreed to be quoted, two
// who did not (one of them checked in by the tests), one nobody knows.
const VTT = `WEBVTT

1
00:00:01.000 --> 00:00:04.000
James Carter: Welcome, everyone. Thank you for coming this morning.

2
00:00:04.500 --> 00:00:12.000
Guadalupe Sánchez: I am Guadalupe Sánchez and my two boys need the laptop for homework every night.

3
00:00:12.500 --> 00:00:18.000
María Fernanda López: We would need the instructions for the laptop in Spanish, please.

4
00:00:18.500 --> 00:00:24.000
Pedro Ramírez: The bus does not stop near the library on Sundays.

5
00:00:24.500 --> 00:00:30.000
Nadie Conocido: I only came to listen today, thank you.
`;

let srv;
let stopped = null;
let adminToken, staffToken, facToken, otherToken;
let jar, facJar, otherJar;
let csrf, facCsrf, otherCsrf;
let code1, code2;          // the demo's two codes
let otherInitiative;
const ids = {};            // filled as the tests go

before(async () => {
  srv = await startServer();
  ({ token: adminToken } = await seedDemo(srv));
  ({ jar, token: staffToken } = await person(srv, 'riverside', STAFF, 'staff', PASSWORD));
  ({ jar: facJar, token: facToken } = await person(srv, 'riverside', FAC, 'facilitator', PASSWORD));
  await srv.cli('district', 'add', '--slug', 'other', '--name', 'Other District');
  ({ jar: otherJar, token: otherToken } = await person(srv, 'other', OTHER, 'admin', PASSWORD));
  const io = await api(srv, otherToken, 'POST', '/api/v1/initiatives',
    { title: 'Other district calendar', why: 'A fall break.', mode: 'cooperate' });
  assert.equal(io.status, 201, io.text);
  otherInitiative = io.json.id;

  csrf = csrfFrom((await get(srv, '/admin/understand/codebook?initiative=1', jar)).text);
  facCsrf = csrfFrom((await get(srv, '/admin', facJar)).text);
  otherCsrf = csrfFrom((await get(srv, `/admin/understand/codebook?initiative=${otherInitiative}`, otherJar)).text);
  assert.ok(csrf && facCsrf && otherCsrf, 'CSRF tokens found');

  const c = await api(srv, adminToken, 'GET', '/api/v1/codes?initiative_id=1');
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.codes.length, 2, 'the demo starts with two codes');
  [code1, code2] = c.json.codes.map((x) => x.id);

  // The sessions of the demo initiative, by what they are.
  const convs = await api(srv, adminToken, 'GET', '/api/v1/conversations?initiative_id=1');
  assert.equal(convs.status, 200, convs.text);
  const sessions = [];
  for (const cv of convs.json.conversations) {
    const s = await api(srv, adminToken, 'GET', `/api/v1/sessions?conversation_id=${cv.id}`);
    assert.equal(s.status, 200, s.text);
    sessions.push(...s.json.sessions);
  }
  ids.notes = new Map();     // demo note text → { id, session, speaker, kind }
  for (const s of sessions) {
    const n = await api(srv, adminToken, 'GET', `/api/v1/sessions/${s.id}/notes`);
    assert.equal(n.status, 200, n.text);
    for (const x of n.json.notes) ids.notes.set(x.text, { id: x.id, session: s.id, speaker: x.speaker, kind: x.kind });
  }
  const saturday = sessions.filter((s) => /Iglesia San Jos/.test(s.venue_name));
  assert.equal(saturday.length, 1, 'the families\' Saturday session at Iglesia San José');
  ids.saturday = saturday[0].id;
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

// ---- helpers ----

function unescapeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

/** Text of HTML without tags, entities decoded. */
const textOf = (html) => unescapeHtml(html.replace(/<[^>]*>/g, ''));

/** The alert of a page with an error, or null. */
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? textOf(m[1]).trim() : null;
}

/** What report_escape (src/domain/report.c) makes of plain text. */
function mdEscape(s) {
  return s.replace(/[\\`*_[\]<>!|~&]/g, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#+\-=])/, '\\$1');
}

/** Markdown backslash escapes undone. */
const mdUnescape = (s) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** GET /api/v1/reports/1 (or another); returns the api() answer. */
function report(query = 'audience=public', { id = 1, token = adminToken } = {}) {
  return api(srv, token, 'GET', `/api/v1/reports/${id}?${query}`);
}

/** The text of the blockquotes (quotes, not attributions) of a summary in Markdown. */
function mdQuotes(md) {
  return md.split('\n').filter((l) => l.startsWith('> ') && !l.startsWith('> — '))
    .map((l) => mdUnescape(l.slice(2).replace(/\s+$/, '')));
}

/** The "## " sections of a summary in Markdown, in order. */
const mdSections = (md) => [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);

/** One section's body (up to the next "## "). */
function mdSection(md, name) {
  const i = md.indexOf(`\n## ${name}\n`);
  assert.ok(i >= 0, `section "${name}" in:\n${md}`);
  const rest = md.slice(i + name.length + 5);
  const j = rest.indexOf('\n## ');
  return j < 0 ? rest : rest.slice(0, j);
}

/** The quotes page: [{ id (null when no form), text, attribution, status }]. */
async function quotesPage(as = jar) {
  const { res, text } = await get(srv, QUOTES, as);
  assert.equal(res.status, 200, `quotes page: ${res.status}`);
  return [...text.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)].map((m) => {
    const body = m[1];
    const meta = textOf(body.match(/<p class="meta">([\s\S]*?)<\/p>/)[1]).split(' · ');
    const id = body.match(/action="\/admin\/understand\/quotes\/(\d+)"/);
    return { id: id ? Number(id[1]) : null, text: textOf(body.match(/<blockquote>([\s\S]*?)<\/blockquote>/)[1]),
      attribution: meta[0].trim(), status: meta[1].trim() };
  });
}

/** Excerpts of the codebook page: "kind/id" → text, and the list. */
async function excerpts() {
  const { res, text } = await get(srv, '/admin/understand/codebook?initiative=1', jar);
  assert.equal(res.status, 200);
  const list = [...text.matchAll(/<li id="x-(note|segment|survey)-(\d+)">[\s\S]*?<p class="excerpt">([\s\S]*?)<\/p>/g)]
    .map((m) => ({ kind: m[1], id: Number(m[2]), text: textOf(m[3]) }));
  return list;
}

/** Proposes a quote through the codebook form (do=quote). */
function propose(kind, excerptId, quote = '', { code = code1, token = csrf, as = jar, initiative = 1 } = {}) {
  const f = { initiative: String(initiative), code_id: String(code), kind, excerpt_id: String(excerptId), quote, do: 'quote' };
  if (token !== null) f._csrf = token;
  return postForm(srv, '/admin/understand/codings', as, f);
}

/** Asserts a proposal answered 303 to the quotes page. */
async function proposed(res, what) {
  assert.equal(res.status, 303, `${what}: ${res.status} ${res.status === 303 ? '' : alertOf(await res.text())}`);
  assert.equal(res.headers.get('location'), QUOTES_DONE);
}

/** Asserts a proposal was refused with 422 (or status) and an alert matching re. */
async function refused(res, re, what, status = 422) {
  const html = await res.text();
  assert.equal(res.status, status, `${what}: ${res.status} ${alertOf(html)}`);
  assert.match(alertOf(html) || '', re, `${what}: the alert says why`);
}

/** POSTs the summary form. */
function saveSummary(fields, { token = csrf, as = jar } = {}) {
  const f = { initiative: '1', audience: 'public', ...fields };
  if (token !== null) f._csrf = token;
  return postForm(srv, '/admin/understand/summary', as, f);
}

/** Starts the summary of an audience again from a fresh draft. */
async function freshDraft(audience, initiative = 1) {
  const res = await saveSummary({ action: 'draft', audience, initiative: String(initiative) });
  assert.equal(res.status, 303, `fresh ${audience} draft`);
  assert.equal(res.headers.get('location'),
    `/admin/understand/summary?initiative=${initiative}&audience=${audience}&done=1`);
}

/** Decides a quote through its form. */
function decide(id, action, { token = csrf, as = jar } = {}) {
  const f = { action };
  if (token !== null) f._csrf = token;
  return postForm(srv, `/admin/understand/quotes/${id}`, as, f);
}

/** The summary page: status, textarea text, preview HTML, the whole page. */
async function summaryPage(query, as = jar) {
  const { res, text } = await get(srv, `/admin/understand/summary?${query}`, as);
  const ta = text.match(/<textarea id="s-md" name="markdown" rows="18">([\s\S]*?)<\/textarea>/);
  const art = text.match(/<article class="summary" aria-labelledby="preview">([\s\S]*?)<\/article>/);
  return { res, text, markdown: ta ? unescapeHtml(ta[1]) : null, preview: art ? art[1] : null };
}

/** Adds a note through the JSON API (admin token). */
async function addNote(session, speaker, kind, text) {
  const r = await api(srv, adminToken, 'POST', `/api/v1/sessions/${session}/notes`,
    { client_id: `summary-${speaker}-${Math.random().toString(36).slice(2)}`, question: 1, speaker, kind, text });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// ---- the demo's reports ----

test('the demo\'s public summary is saved Markdown with every section, in order', async () => {
  const r = await report('audience=public');
  assert.equal(r.status, 200, r.text);
  assert.match(r.res.headers.get('content-type'), /^text\/markdown; charset=utf-8/);
  assert.equal(r.res.headers.get('x-summary-saved'), 'yes');
  assert.match(r.text, /^# One-to-one device rollout: what we heard\n/);
  const got = mdSections(r.text).filter((s) => SECTIONS.includes(s));
  assert.deepEqual(got, SECTIONS);
  assert.doesNotMatch(r.text, /waiting for approval/);
  assert.doesNotMatch(r.text, /Data behind it/, 'the internal data note stays internal');
  const internal = await report('audience=internal');
  assert.equal(internal.status, 200);
  assert.equal(internal.res.headers.get('x-summary-saved'), 'yes');
  assert.match(internal.text, /^# One-to-one device rollout: internal summary\n/);
  assert.deepEqual(mdSections(internal.text).filter((s) => SECTIONS.includes(s)), SECTIONS);
  // No audience: the internal one.
  const dflt = await report('');
  assert.equal(dflt.status, 200);
  assert.equal(dflt.text, internal.text);
  assert.equal((await report('audience=public&format=md')).text, r.text);
});

test('the public summary never shows a count under 5; the internal one shows every count', async () => {
  const staff = await api(srv, adminToken, 'GET', '/api/v1/initiatives/1/representation');
  assert.equal(staff.status, 200, staff.text);
  const pub = await report('audience=public');
  const internal = await report('audience=internal');
  /** "Label" → Map(category → value text) from the "Who took part" list. */
  const rows = (md) => {
    const out = new Map();
    for (const m of mdSection(md, 'Who took part').matchAll(/^- \*\*(.+?)\*\*: (.*)$/gm)) {
      const cats = new Map();
      for (const part of m[2].split('; ')) {
        const v = part.match(/^(.*?) (not shown|\d+%)(?: \(community \d+%\))?(, under-represented)?$/);
        assert.ok(v, `a row reads "category value (community N%)": "${part}"`);
        cats.set(mdUnescape(v[1]), v[2]);
      }
      out.set(mdUnescape(m[1]), cats);
    }
    return out;
  };
  const P = rows(pub.text), I = rows(internal.text);
  let small = 0;
  for (const dim of staff.json.dimensions) {
    const p = P.get(dim.label), i = I.get(dim.label);
    assert.ok(p && i, `"${dim.label}" is listed in both`);
    for (const row of dim.rows) {
      assert.equal(i.get(row.category), row.share_pct, `internal: ${dim.label} / ${row.category}`);
      const shown = p.get(row.category);
      assert.ok(shown, `public lists ${dim.label} / ${row.category}`);
      if (row.count >= 1 && row.count <= 4) {
        small++;
        assert.equal(shown, 'not shown', `public: ${dim.label} / ${row.category} (${row.count} people)`);
      } else if (shown !== 'not shown') {
        assert.equal(shown, row.share_pct, `public: ${dim.label} / ${row.category}`);
      }
    }
  }
  assert.ok(small >= 3, `the demo has small counts to hide (${small})`);
  assert.doesNotMatch(mdSection(internal.text, 'Who took part'), /not shown/);
  assert.match(mdSection(pub.text, 'Who took part'), /groups of fewer than 5 people are not shown/);
  const people = staff.json.people;
  assert.ok(people >= 5);
  assert.match(mdSection(pub.text, 'Conversations held'), new RegExp(`^2 conversation sessions between .*; ${people} people took part\\.$`, 'm'));
  assert.match(mdSection(internal.text, 'Who took part'), /Black or African American 6% \(community 14%\), under-represented/);
});

test('only approved quotes are in the public summary; the internal one counts those waiting', async () => {
  const qs = await quotesPage();
  const approved = qs.filter((q) => q.status === 'approved').map((q) => q.text);
  const waiting = qs.filter((q) => q.status === 'proposed').map((q) => q.text);
  assert.equal(approved.length, 2, JSON.stringify(qs));
  assert.equal(waiting.length, 1, JSON.stringify(qs));
  const pub = await report('audience=public');
  assert.deepEqual(mdQuotes(pub.text).sort(), [...approved].sort());
  for (const q of approved) assert.ok(pub.text.includes(`> ${mdEscape(q)}  \n> — High school students`), q);
  assert.ok(!pub.text.includes(waiting[0]), 'the quote waiting for approval is not public');
  const internal = await report('audience=internal');
  assert.deepEqual(mdQuotes(internal.text).sort(), [...approved].sort());
  assert.match(internal.text, /^\*1 quote is waiting for approval\.\*$/m);
});

test('format=html is the Markdown rendered by cmark', async () => {
  const r = await report('audience=public&format=html');
  assert.equal(r.status, 200);
  assert.match(r.res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.equal(r.res.headers.get('x-summary-saved'), 'yes');
  assert.match(r.text, /^<h1>One-to-one device rollout: what we heard<\/h1>\n<p><em>Riverside Unified School District<\/em><\/p>\n/);
  for (const s of SECTIONS) assert.ok(r.text.includes(`<h2>${s}</h2>`), s);
  assert.match(r.text, /<blockquote>\n<p>Give us hotspots that actually work, not ones that die after a month\.<br \/>\n— High school students<\/p>\n<\/blockquote>/);
  assert.match(r.text, /<li><strong>Race or ethnicity<\/strong>: /);
  assert.doesNotMatch(r.text, /^#|\*\*/m, 'no Markdown left');
  const internal = await report('audience=internal&format=html');
  assert.match(internal.text, /<p><em>1 quote is waiting for approval\.<\/em><\/p>/);
});

test('a wrong audience or format answers 400 naming the field; other districts, roles and ids are refused', async () => {
  for (const [q, field] of [['audience=x', 'audience'], ['audience=PUBLIC', 'audience'], ['format=pdf', 'format'],
    ['audience=public&format=markdown', 'format']]) {
    const r = await report(q);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.error.field, field, q);
  }
  assert.equal((await report('audience=public', { token: otherToken })).status, 404, 'another district');
  assert.equal((await report('audience=public', { id: otherInitiative })).status, 404, 'another district\'s initiative');
  assert.equal((await report('audience=public', { id: 999 })).status, 404, 'no such initiative');
  assert.equal((await report('audience=public', { token: facToken })).status, 403, 'a facilitator');
  assert.equal((await report('audience=public', { token: null })).status, 401, 'no token');
  const staff = await report('audience=public', { token: staffToken });
  assert.equal(staff.status, 200, 'staff may read it');
});

// ---- proposing quotes ----

test('a word-for-word note of an attendee who agreed is proposed; the same words again answer 409', async () => {
  const n = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  assert.ok(n && n.kind === 'quote' && n.speaker === 'P2', 'Camila Reyes (P2, agreed) said it word for word');
  const before = (await quotesPage()).length;
  await proposed(await propose('note', n.id, 'My phone screen is too small'), 'part of P2\'s quote');
  let qs = await quotesPage();
  assert.equal(qs.length, before + 1);
  const q = qs.find((x) => x.text === 'My phone screen is too small');
  assert.ok(q, JSON.stringify(qs));
  assert.equal(q.status, 'proposed');
  assert.equal(q.attribution, 'High school students');
  ids.phoneQuote = q.id;
  // The same words, with or without spaces around them.
  await refused(await propose('note', n.id, 'My phone screen is too small'), /already proposed/, 'the same words', 409);
  await refused(await propose('note', n.id, '  My phone screen is too small \n'), /already proposed/, 'padded', 409);
  // The whole note was proposed by the demo already (empty quote: all of it).
  await refused(await propose('note', n.id, ''), /already proposed/, 'the whole note again', 409);
  const s = ids.notes.get('Give us hotspots that actually work, not ones that die after a month.');
  assert.equal(s.speaker, 'P4', 'Sofia Navarro (P4, agreed)');
  await proposed(await propose('note', s.id, 'hotspots that actually work', { code: code2 }), 'part of P4\'s quote');
  qs = await quotesPage();
  assert.equal(qs.length, before + 2, 'nothing added by the refused ones');
  ids.hotspotQuote = qs.find((x) => x.text === 'hotspots that actually work').id;
});

test('notes in the note-taker\'s words, speakers who did not agree and survey comments are not quoted', async () => {
  const before = (await quotesPage()).length;
  const own = ids.notes.get('Several families share one device; a laptop per student would free the phone for work.');
  assert.equal(own.kind, 'note');
  await refused(await propose('note', own.id), /word-for-word/, 'a note in the note-taker\'s words');
  const fac = ids.notes.get('Group agreed that internet access matters more than the device itself.');
  assert.equal(fac.speaker, 'F');
  await refused(await propose('note', fac.id), /word-for-word/, 'the facilitator\'s note about the room');
  // Daniel Kim (P5 at the families' evening) did not agree to be quoted.
  const daniel = ids.notes.get('If the internet is not fixed first, the laptop is just a heavy notebook.');
  assert.deepEqual([daniel.kind, daniel.speaker], ['quote', 'P5']);
  await refused(await propose('note', daniel.id), /did not agree to be quoted/, 'Daniel Kim\'s words');
  await refused(await propose('note', daniel.id, 'heavy notebook'), /did not agree to be quoted/, 'part of them');
  // Survey comments.
  const xs = await excerpts();
  const survey = xs.find((x) => x.kind === 'survey' && x.text === 'Felt like they actually listened.');
  assert.ok(survey, 'a survey comment of the students\' session');
  await refused(await propose('survey', survey.id), /Survey comments/, 'a survey comment');
  // A transcript segment of Aisha Bello (checked in, did not agree).
  const aisha = xs.find((x) => x.kind === 'segment' && x.text.startsWith('Internet first.'));
  assert.ok(aisha, 'Aisha Bello\'s segment');
  await refused(await propose('segment', aisha.id, 'Internet first.'), /did not agree to be quoted/, 'Aisha Bello\'s words');
  // No such excerpt, wrong kind.
  await refused(await propose('note', 99999), /no such excerpt/i, 'an unknown note');
  await refused(await propose('segment', own.id), /no such excerpt/i, 'a note id as a segment');
  await refused(await propose('speech', own.id), /note, a segment or a survey/, 'an unknown kind');
  // Words that are not in the note.
  const camila = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  await refused(await propose('note', camila.id, 'My tablet screen'), /copied exactly/, 'words not in the note');
  assert.equal((await quotesPage()).length, before, 'nothing was added');
});

test('attendees checked in at the session: without consent to quote refused, with it accepted and redacted', async () => {
  const sid = ids.saturday;
  const regs = await api(srv, adminToken, 'GET', `/api/v1/sessions/${sid}/registrations`);
  assert.equal(regs.status, 200, regs.text);
  const pedro = regs.json.registrations.find((x) => x.name === 'Pedro Ramírez');
  assert.ok(pedro && pedro.consent_quote === false, 'Pedro Ramírez registered without agreeing to be quoted');
  // Pedro is checked in from the registrant list; his consent confirmed at the door, to be recorded only.
  let res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees`, jar, { _csrf: csrf, registration_id: String(pedro.id) });
  assert.equal(res.status, 303, 'check-in');
  let as = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${sid}/attendees`)).json.attendees;
  const p = as.find((a) => a.name === 'Pedro Ramírez');
  res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees/${p.id}`, jar, { _csrf: csrf, consent_record: '1' });
  assert.equal(res.status, 303, 'consent confirmed');
  // A walk-in who did not agree, one who did.
  res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees`, jar, { _csrf: csrf, name: 'Walter Noquote', consent_record: '1' });
  assert.equal(res.status, 303);
  res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees`, jar,
    { _csrf: csrf, name: 'Wendy Quotable', consent_record: '1', consent_quote: '1' });
  assert.equal(res.status, 303);
  as = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${sid}/attendees`)).json.attendees;
  const code = (name) => as.find((a) => a.name === name).code;
  assert.deepEqual([code('Pedro Ramírez'), code('Walter Noquote'), code('Wendy Quotable')], ['P1', 'P2', 'P3']);
  assert.deepEqual(as.map((a) => [a.consent_quote, a.consent_confirmed]), [[false, true], [false, true], [true, true]]);

  const before = (await quotesPage()).length;
  const n1 = await addNote(sid, 'P1', 'quote', 'The bus does not come on Saturday mornings.');
  await refused(await propose('note', n1.id), /did not agree to be quoted/, 'Pedro Ramírez (registrant, no consent)');
  const n2 = await addNote(sid, 'P2', 'quote', 'We need a help line that answers in Spanish.');
  await refused(await propose('note', n2.id), /did not agree to be quoted/, 'a walk-in who did not agree');
  const nf = await addNote(sid, 'F', 'quote', 'Let us hear from everyone before we move on.');
  await refused(await propose('note', nf.id), /not the facilitator/, 'the facilitator\'s own words');
  // Wendy agreed; her words name a registrant and a phone number.
  const n3 = await addNote(sid, 'P3', 'quote', 'Guadalupe Sánchez told me the hotspot line 512-555-0177 never answers.');
  assert.equal(n3.text, '[NAME] told me the hotspot line [PHONE] never answers.', 'the note is stored redacted');
  await refused(await propose('note', n3.id, 'Guadalupe Sánchez told me'), /copied exactly/, 'words with the name');
  await proposed(await propose('note', n3.id), 'Wendy\'s words');
  const qs = await quotesPage();
  assert.equal(qs.length, before + 1);
  const q = qs.find((x) => x.text.includes('never answers'));
  assert.equal(q.text, '[NAME] told me the hotspot line [PHONE] never answers.');
  assert.equal(q.attribution, 'Families of elementary students');
  assert.equal(q.status, 'proposed');
  ids.wendyQuote = q.id;
  ids.wendyText = q.text;
  ids.wendyCode = code('Wendy Quotable');
});

test('a registrant who agreed when registering is quoted only once the consent is confirmed at the door', async () => {
  const sid = ids.saturday;
  const regs = await api(srv, adminToken, 'GET', `/api/v1/sessions/${sid}/registrations`);
  const jorge = regs.json.registrations.find((x) => x.name === 'Jorge Herrera');
  assert.ok(jorge && jorge.consent_quote === true, 'Jorge Herrera agreed to be quoted when he registered');
  let res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees`, jar, { _csrf: csrf, registration_id: String(jorge.id) });
  assert.equal(res.status, 303);
  const as = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${sid}/attendees`)).json.attendees;
  const a = as.find((x) => x.name === 'Jorge Herrera');
  assert.deepEqual([a.code, a.consent_quote, a.consent_confirmed], ['P4', true, false]);
  const n = await addNote(sid, a.code, 'quote', 'My daughter would use the laptop for her reading app.');
  await refused(await propose('note', n.id), /not confirmed/, 'consent not confirmed yet');
  res = await postForm(srv, `/admin/capture/sessions/${sid}/attendees/${a.id}`, jar,
    { _csrf: csrf, consent_record: '1', consent_quote: '1' });
  assert.equal(res.status, 303);
  await proposed(await propose('note', n.id), 'consent confirmed');
  assert.ok((await quotesPage()).some((q) => q.text === 'My daughter would use the laptop for her reading app.'));
});

test('a quote with Markdown and HTML in it is escaped on the quotes page and in the public summary', async () => {
  const n = await addNote(ids.saturday, ids.wendyCode, 'quote', 'Rules <b>for everyone</b> & *fair* [really](http://x)');
  assert.equal(n.text, 'Rules <b>for everyone</b> & *fair* [really](http://x)');
  await proposed(await propose('note', n.id), 'a quote with markup');
  const { text } = await get(srv, QUOTES, jar);
  assert.ok(text.includes('<blockquote>Rules &lt;b&gt;for everyone&lt;/b&gt; &amp; *fair* [really](http://x)</blockquote>'));
  const q = (await quotesPage()).find((x) => x.text === n.text);
  assert.equal((await decide(q.id, 'approve')).status, 303);
  await freshDraft('public');
  const md = (await report('audience=public')).text;
  assert.ok(md.includes('> Rules \\<b\\>for everyone\\</b\\> \\& \\*fair\\* \\[really\\](http://x)  \n> — Families of elementary students'), md);
  const h = (await report('audience=public&format=html')).text;
  assert.ok(h.includes('<p>Rules &lt;b&gt;for everyone&lt;/b&gt; &amp; *fair* [really](http://x)<br />'), h);
  assert.doesNotMatch(h, /<b>|<em>fair|href="http:\/\/x"/);
  assert.equal((await decide(q.id, 'reject')).status, 303);
  await freshDraft('public');
  assert.ok(!(await report('audience=public')).text.includes('for everyone'));
});

test('transcript segments: a registrant who agreed is quoted, others are not; the text is redacted', async () => {
  const sid = ids.saturday;
  const t = await api(srv, adminToken, 'POST', `/api/v1/sessions/${sid}/transcripts?format=vtt`, VTT, { 'content-type': 'text/vtt' });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.json.segments, 5);
  const xs = await excerpts();
  const seg = (start) => {
    const x = xs.find((y) => y.kind === 'segment' && y.text.startsWith(start));
    assert.ok(x, `the segment "${start}…" is an excerpt`);
    return x;
  };
  assert.ok(!xs.some((x) => x.kind === 'segment' && x.text.startsWith('Welcome, everyone. Thank you for coming this morning')),
    'the facilitator\'s turns are not excerpts');
  const before = (await quotesPage()).length;
  const lupe = seg('I am [NAME] and my two boys');
  assert.doesNotMatch(lupe.text, /Guadalupe|Sánchez/);
  await proposed(await propose('segment', lupe.id, 'my two boys need the laptop for homework every night'),
    'Guadalupe Sánchez (registrant, agreed)');
  await refused(await propose('segment', lupe.id, 'my two boys need the laptop for homework every night'),
    /already proposed/, 'the same words', 409);
  await proposed(await propose('segment', lupe.id), 'all of her turn');
  await refused(await propose('segment', seg('We would need the instructions').id), /did not agree to be quoted/,
    'María Fernanda López (registrant, did not agree)');
  await refused(await propose('segment', seg('The bus does not stop near the library').id), /did not agree to be quoted/,
    'Pedro Ramírez (checked in, did not agree)');
  await refused(await propose('segment', seg('I only came to listen today').id), /no record of this speaker/,
    'a speaker nobody registered or checked in');
  const qs = await quotesPage();
  assert.equal(qs.length, before + 2);
  const whole = qs.find((x) => x.text.startsWith('I am [NAME]'));
  assert.ok(whole, JSON.stringify(qs.map((x) => x.text)));
  assert.equal(whole.text, lupe.text, 'the quote is the redacted text');
  assert.ok(qs.every((x) => !/Guadalupe|Sánchez|512-555/.test(x.text)), 'no names or numbers in any quote');
  ids.lupeQuote = qs.find((x) => x.text === 'my two boys need the laptop for homework every night').id;
});

test('the internal draft counts the quotes waiting; the public draft still shows only approved ones', async () => {
  const qs = await quotesPage();
  const waiting = qs.filter((q) => q.status === 'proposed').length;
  const approved = qs.filter((q) => q.status === 'approved').map((q) => q.text);
  assert.ok(waiting >= 5, `quotes waiting: ${waiting}`);
  await freshDraft('internal');
  const internal = await report('audience=internal');
  assert.equal(internal.res.headers.get('x-summary-saved'), 'yes');
  assert.match(internal.text, new RegExp(`^\\*${waiting} quotes are waiting for approval\\.\\*$`, 'm'));
  assert.deepEqual(mdQuotes(internal.text).sort(), [...approved].sort());
  await freshDraft('public');
  const pub = await report('audience=public');
  assert.doesNotMatch(pub.text, /waiting for approval/);
  assert.deepEqual(mdQuotes(pub.text).sort(), [...approved].sort());
});

// ---- approving and rejecting ----

test('approving a quote puts it in the public summary; rejecting takes it out again', async () => {
  let res = await decide(ids.wendyQuote, 'approve');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), QUOTES_DONE);
  let q = (await quotesPage()).find((x) => x.id === ids.wendyQuote);
  assert.equal(q.status, 'approved');
  await freshDraft('public');
  let pub = await report('audience=public');
  assert.ok(mdQuotes(pub.text).includes(ids.wendyText), `approved and public:\n${pub.text}`);
  assert.ok(pub.text.includes(`> ${mdEscape(ids.wendyText)}  \n> — Families of elementary students`),
    'escaped, with the group it came from');
  const html = await report('audience=public&format=html');
  assert.ok(html.text.includes('<p>[NAME] told me the hotspot line [PHONE] never answers.<br />\n— Families of elementary students</p>'));
  // The same quote under the first code only.
  const what = mdSection(pub.text, 'What we heard');
  const second = what.indexOf('\n### ', what.indexOf('\n### ') + 1);
  assert.ok(what.indexOf(mdEscape(ids.wendyText)) < second, 'under the code it was proposed with');

  res = await decide(ids.wendyQuote, 'reject');
  assert.equal(res.status, 303);
  q = (await quotesPage()).find((x) => x.text === ids.wendyText);
  assert.equal(q.status, 'rejected');
  assert.equal(q.id, null, 'a rejected quote has no buttons');
  await freshDraft('public');
  pub = await report('audience=public');
  assert.ok(!pub.text.includes('never answers'), 'gone from the public summary');
  const approved = (await quotesPage()).filter((x) => x.status === 'approved').map((x) => x.text);
  assert.deepEqual(mdQuotes(pub.text).sort(), approved.sort());
});

test('an unknown action answers 400; a quote of no one or of another district 404; nothing changes', async () => {
  let res = await decide(ids.lupeQuote, 'other');
  assert.equal(res.status, 400);
  res = await decide(ids.lupeQuote, '');
  assert.equal(res.status, 400);
  assert.equal((await quotesPage()).find((x) => x.id === ids.lupeQuote).status, 'proposed');
  res = await decide(999999, 'approve');
  assert.equal(res.status, 404);
  // Another district's admin cannot decide riverside's quote.
  res = await decide(ids.lupeQuote, 'approve', { token: otherCsrf, as: otherJar });
  assert.equal(res.status, 404);
  assert.equal((await quotesPage()).find((x) => x.id === ids.lupeQuote).status, 'proposed');
  // Nor list them, nor propose into riverside's initiative.
  assert.equal((await get(srv, QUOTES, otherJar)).res.status, 404);
  const camila = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  res = await propose('note', camila.id, 'so I write them in the library', { token: otherCsrf, as: otherJar });
  assert.equal(res.status, 404);
  assert.ok(!(await quotesPage()).some((x) => x.text === 'so I write them in the library'));
});

// ---- the summary page ----

test('the summary page shows the saved Markdown in its textarea and its HTML preview', async () => {
  const api1 = await report('audience=public');
  const html = await report('audience=public&format=html');
  const p = await summaryPage('initiative=1&audience=public');
  assert.equal(p.res.status, 200);
  assert.equal(p.markdown, api1.text, 'the textarea holds the saved Markdown');
  assert.equal(p.preview, html.text, 'the preview is the same HTML as format=html');
  assert.match(p.text, /<a href="\/admin\/understand\/summary\?initiative=1&amp;audience=public" aria-current="page">Public<\/a>/);
  assert.match(p.text, /<input type="hidden" name="audience" value="public">/);
  assert.doesNotMatch(p.text, /This is a fresh draft/);
  const i = await summaryPage('initiative=1&audience=internal');
  assert.equal(i.markdown, (await report('audience=internal')).text);
  assert.match(i.text, /<input type="hidden" name="audience" value="internal">/);
  // No audience: the internal one.
  assert.equal((await summaryPage('initiative=1')).markdown, i.markdown);
  assert.equal((await summaryPage('initiative=999')).res.status, 404);
  // The address's values go through the same table as the form's.
  assert.equal((await summaryPage('initiative=abc')).res.status, 400, 'an initiative that is not a number');
  assert.equal((await summaryPage('initiative=1&audience=everyone')).res.status, 400, 'an unknown audience');
});

test('saving new Markdown: 303, then the API returns exactly that Markdown', async () => {
  const internalBefore = (await report('audience=internal')).text;
  const md = '# Devices at home: what we heard\n\nWe met **22 people** in two sessions.\n\n## What we heard\n\n- Internet first\n- Clear rules\n\n> “A laptop is a heavy notebook without internet.”\n';
  const res = await saveSummary({ action: 'save', markdown: md });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/understand/summary?initiative=1&audience=public&done=1');
  const r = await report('audience=public');
  assert.equal(r.text, md);
  assert.equal(r.res.headers.get('x-summary-saved'), 'yes');
  const h = await report('audience=public&format=html');
  assert.equal(h.text, '<h1>Devices at home: what we heard</h1>\n<p>We met <strong>22 people</strong> in two sessions.</p>\n'
    + '<h2>What we heard</h2>\n<ul>\n<li>Internet first</li>\n<li>Clear rules</li>\n</ul>\n'
    + '<blockquote>\n<p>“A laptop is a heavy notebook without internet.”</p>\n</blockquote>\n');
  const p = await summaryPage('initiative=1&audience=public&done=1');
  assert.equal(p.markdown, md);
  assert.equal(p.preview, h.text);
  assert.match(p.text, /<p class="notice" role="status">Saved\.<\/p>/);
  assert.equal((await report('audience=internal')).text, internalBefore, 'the internal summary is another one');
});

test('raw HTML and javascript: links in the Markdown are not rendered (cmark safe mode)', async () => {
  const md = '# Notes\n\n<script>alert(1)</script>\n\nA picture <img src=x onerror=alert(1)> inline.\n\n'
    + '<img src=x onerror=alert(2)>\n\n[link](javascript:alert(1)) [upper](JavaScript:alert(3)) '
    + '[entity](jav&#x61;script:alert(4)) [fine](https://example.org/a)\n\n<div onclick="alert(5)">div</div>\n\n'
    + '</textarea><b>after</b>\n';
  const res = await saveSummary({ action: 'save', markdown: md });
  assert.equal(res.status, 303);
  assert.equal((await report('audience=public')).text, md, 'stored as written');
  const h = (await report('audience=public&format=html')).text;
  const p = await summaryPage('initiative=1&audience=public');
  assert.equal(p.markdown, md, 'the textarea holds it, escaped (</textarea> does not close it)');
  assert.equal(p.preview, h);
  for (const [where, html] of [['format=html', h], ['page preview', p.preview]]) {
    assert.doesNotMatch(html, /<script/i, `${where}: no script element`);
    assert.doesNotMatch(html, /onerror|onclick/i, `${where}: no event handler attributes`);
    assert.doesNotMatch(html, /<img|<div|<b>/i, `${where}: no raw HTML elements`);
    assert.doesNotMatch(html, /javascript:/i, `${where}: no javascript: href`);
    assert.match(html, /<h1>Notes<\/h1>/, `${where}: the Markdown is rendered`);
    assert.match(html, /<a href="https:\/\/example\.org\/a">fine<\/a>/, `${where}: a safe link stays`);
    assert.match(html, /<a href="">link<\/a>/, `${where}: the unsafe link loses its href`);
    assert.match(html, /raw HTML omitted/, `${where}: cmark says what it left out`);
  }
  // The rest of the page: one textarea, closed once, nothing of the Markdown as markup.
  assert.equal(p.text.split('</textarea>').length, 2);
  assert.doesNotMatch(p.text, /<script>alert|<img src=x|<b>after/);
});

test('a fresh draft replaces the saved Markdown; it stays "saved"', async () => {
  await freshDraft('public');
  const r = await report('audience=public');
  assert.equal(r.res.headers.get('x-summary-saved'), 'yes');
  assert.match(r.text, /^# One-to-one device rollout: what we heard\n/);
  assert.match(r.text, /\n## What we heard\n/);
  assert.doesNotMatch(r.text, /alert\(/);
  const p = await summaryPage('initiative=1&audience=public&done=1');
  assert.equal(p.markdown, r.text);
  assert.doesNotMatch(p.text, /This is a fresh draft/);
});

test('empty Markdown answers 422 and keeps the saved summary', async () => {
  const before = (await report('audience=public')).text;
  for (const markdown of ['', '   \n\t ']) {
    const res = await saveSummary({ action: 'save', markdown });
    const html = await res.text();
    assert.equal(res.status, 422, JSON.stringify(markdown));
    assert.match(alertOf(html) || '', /summary is required/i);
    assert.ok(csrfFrom(html), 'the form is shown again');
  }
  // No action: a save.
  const res = await saveSummary({ markdown: '' });
  assert.equal(res.status, 422);
  assert.equal((await report('audience=public')).text, before);
});

test('a new initiative without a saved summary shows a fresh draft (X-Summary-Saved: draft)', async () => {
  const r = await api(srv, adminToken, 'POST', '/api/v1/initiatives',
    { title: 'Later school start times', why: 'Teenagers sleep late.', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  for (const audience of ['public', 'internal']) {
    const rep = await report(`audience=${audience}`, { id });
    assert.equal(rep.status, 200, rep.text);
    assert.equal(rep.res.headers.get('x-summary-saved'), 'draft', audience);
    assert.match(rep.text, new RegExp(`^# Later school start times: ${audience === 'public' ? 'what we heard' : 'internal summary'}\\n`));
    assert.match(mdSection(rep.text, 'Why we asked'), /Teenagers sleep late\./);
    assert.match(mdSection(rep.text, 'Conversations held'), /No conversation has been held yet\./);
    assert.match(mdSection(rep.text, 'What we heard'), /Nothing has been coded yet\./);
    assert.deepEqual(mdQuotes(rep.text), []);
    const p = await summaryPage(`initiative=${id}&audience=${audience}`);
    assert.equal(p.res.status, 200);
    assert.match(p.text, /This is a fresh draft from what is stored/);
    assert.equal(p.markdown, rep.text);
  }
  // Saving one makes it "yes", the other stays a draft.
  await freshDraft('public', id);
  assert.equal((await report('audience=public', { id })).res.headers.get('x-summary-saved'), 'yes');
  assert.equal((await report('audience=internal', { id })).res.headers.get('x-summary-saved'), 'draft');
});

// ---- stored text is escaped in the draft ----

test('a code name with Markdown and HTML in it is escaped in the drafted Markdown and shown literally', async () => {
  const name = '*Fair* [rules](http://x) <b>';
  const description = '1. not a list\n# not a heading\n> not a quote\n<i>x</i> & &amp; `code`';
  const res = await postForm(srv, '/admin/understand/codes', jar,
    { _csrf: csrf, initiative: '1', name, description, colour: BLUE, parent_id: '' });
  assert.equal(res.status, 303, `adding the code: ${res.status}`);
  await freshDraft('internal');
  const md = (await report('audience=internal')).text;
  assert.ok(md.includes('\n### \\*Fair\\* \\[rules\\](http://x) \\<b\\>\n'), md);
  assert.ok(md.includes('1\\. not a list  \n\\# not a heading  \n\\> not a quote  \n\\<i\\>x\\</i\\> \\& \\&amp; \\`code\\`\n'), md);
  const h = (await report('audience=internal&format=html')).text;
  assert.ok(h.includes('<h3>*Fair* [rules](http://x) &lt;b&gt;</h3>'), h);
  assert.ok(h.includes('<p>1. not a list<br />\n# not a heading<br />\n&gt; not a quote<br />\n&lt;i&gt;x&lt;/i&gt; &amp; &amp;amp; `code`</p>'), h);
  assert.doesNotMatch(h, /<em>Fair|<a href="http:\/\/x"|<b>|<i>|<ol|<h1>not|<code>/);
  const p = await summaryPage('initiative=1&audience=internal');
  assert.equal(p.preview, h, 'the page preview shows it the same way');
});

// ---- who may do what ----

test('every POST needs the CSRF token (403 without, or with a wrong one), and nothing changes', async () => {
  const quotesBefore = await quotesPage();
  const mdBefore = (await report('audience=public')).text;
  const camila = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  for (const token of [null, 'not-the-token']) {
    let res = await propose('note', camila.id, 'write a real essay', { token });
    assert.equal(res.status, 403, `propose, token ${token}`);
    res = await decide(ids.lupeQuote, 'approve', { token });
    assert.equal(res.status, 403, `decide, token ${token}`);
    res = await saveSummary({ action: 'save', markdown: '# Forged' }, { token });
    assert.equal(res.status, 403, `save, token ${token}`);
    res = await saveSummary({ action: 'draft' }, { token });
    assert.equal(res.status, 403, `draft, token ${token}`);
  }
  assert.deepEqual(await quotesPage(), quotesBefore);
  assert.equal((await report('audience=public')).text, mdBefore);
});

test('a facilitator gets 403 on the pages and forms; another district 404 on this initiative', async () => {
  assert.equal((await get(srv, '/admin/understand/summary?initiative=1', facJar)).res.status, 403);
  assert.equal((await get(srv, QUOTES, facJar)).res.status, 403);
  let res = await saveSummary({ action: 'save', markdown: '# Facilitator' }, { token: facCsrf, as: facJar });
  assert.equal(res.status, 403);
  res = await decide(ids.lupeQuote, 'approve', { token: facCsrf, as: facJar });
  assert.equal(res.status, 403);
  const camila = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  res = await propose('note', camila.id, 'a real essay', { token: facCsrf, as: facJar });
  assert.equal(res.status, 403);
  const before = (await report('audience=public')).text;
  assert.equal((await get(srv, '/admin/understand/summary?initiative=1', otherJar)).res.status, 404);
  res = await saveSummary({ action: 'save', markdown: '# Other district' }, { token: otherCsrf, as: otherJar });
  assert.equal(res.status, 404);
  res = await saveSummary({ action: 'draft' }, { token: otherCsrf, as: otherJar });
  assert.equal(res.status, 404);
  assert.equal((await report('audience=public')).text, before);
  assert.equal((await quotesPage()).find((x) => x.id === ids.lupeQuote).status, 'proposed');
  // The other district's own initiative has its own (draft) summary.
  const o = await report('audience=public', { id: otherInitiative, token: otherToken });
  assert.equal(o.status, 200);
  assert.equal(o.res.headers.get('x-summary-saved'), 'draft');
  assert.doesNotMatch(o.text, /Riverside|device/i);
});

// ---- bugs found while writing these tests (they fail until fixed) ----

test('BUG: withdrawing an approved quote takes it out of the saved public summary', async () => {
  // The quotes page promises "Only approved quotes appear in the public
  // summary" and offers "Withdraw" on approved quotes; the demo (like any
  // district that saved its summary) serves the saved Markdown.
  let res = await decide(ids.hotspotQuote, 'approve');
  assert.equal(res.status, 303);
  await freshDraft('public');
  assert.ok(mdQuotes((await report('audience=public')).text).includes('hotspots that actually work'), 'approved and public');
  res = await decide(ids.hotspotQuote, 'reject');
  assert.equal(res.status, 303);
  assert.equal((await quotesPage()).find((x) => x.text === 'hotspots that actually work').status, 'rejected');
  const pub = await report('audience=public');
  const approved = (await quotesPage()).filter((x) => x.status === 'approved').map((x) => x.text);
  assert.deepEqual(mdQuotes(pub.text).sort(), approved.sort(),
    'the public summary served by GET /api/v1/reports/1 still holds the withdrawn quote');
});

test('BUG: a trailing " #" of a code name survives in its heading', async () => {
  const name = 'Grade 5 #';
  const res = await postForm(srv, '/admin/understand/codes', jar,
    { _csrf: csrf, initiative: '1', name, description: '', colour: BLUE, parent_id: '' });
  assert.equal(res.status, 303);
  await freshDraft('internal');
  const h = (await report('audience=internal&format=html')).text;
  assert.ok(h.includes('<li>Grade 5 #</li>') || h.includes('<h3>Grade 5'), 'the code is in the draft');
  assert.ok(h.includes('<h3>Grade 5 #</h3>'), `the heading reads "${(h.match(/<h3>Grade 5[^<]*<\/h3>/) || ['?'])[0]}"`);
});

test('BUG: a quote is proposed only under one of this initiative\'s codes (422 otherwise, as for codings)', async () => {
  const other = await postForm(srv, '/admin/understand/codes', otherJar,
    { _csrf: otherCsrf, initiative: String(otherInitiative), name: 'Other district code', description: '', colour: BLUE, parent_id: '' });
  assert.equal(other.status, 303);
  const otherCode = Number(other.headers.get('location').match(/code=(\d+)/)[1]);
  const camila = ids.notes.get('My phone screen is too small to write a real essay, so I write them in the library.');
  const before = (await quotesPage()).length;
  const problems = [];
  for (const [what, code, words] of [['no code', '', 'write a real essay'], ['an unknown code', '999999', 'so I write them'],
    ['another district\'s code', String(otherCode), 'in the library']]) {
    const res = await propose('note', camila.id, words, { code });
    const alert = res.status === 303 ? '' : alertOf(await res.text());
    if (res.status !== 422 || !/this initiative's codes/.test(alert || ''))
      problems.push(`${what}: ${res.status}${alert ? ` "${alert}"` : ` ${res.headers.get('location')}`}`);
  }
  // The coding form refuses the same codes.
  const coding = await postForm(srv, '/admin/understand/codings', jar,
    { _csrf: csrf, initiative: '1', code_id: String(otherCode), kind: 'note', excerpt_id: String(camila.id), quote: 'in the library' });
  assert.equal(coding.status, 422, 'coding under another district\'s code');
  const theirs = (await api(srv, otherToken, 'GET', `/api/v1/codes?initiative_id=${otherInitiative}`)).json.codes;
  assert.deepEqual(theirs.find((c) => c.id === otherCode).codings, [], 'no coding under the other district\'s code');
  assert.deepEqual(problems, [], `quotes proposed without one of this initiative's codes (now ${(await quotesPage()).length - before} added)`);
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
