// The check for names before anything leaves the team (the demo district
// "riverside"): the words redaction was unsure of marked on the quotes and
// summary pages and in the API; approving a quote or the public summary
// refused while any waits, on the page and in the API (409, field "text");
// replacing words by hand (the quote, the excerpt it was cut from with its
// codings, the CSV, the .qdpx, the API); "keep: not a name" recorded per
// object, and asked again when the text gains the word anew; what
// redaction recognises now in stored text; the audit log without the
// words; other districts, roles and CSRF; the page's promise in English
// and Spanish.
//
// The server is build/asan/commonground-doubts: the program with
// tests/fake/doubts.c in front of redact_run, which adds "hope" and "grace"
// as doubts wherever they stand as words, so that these tests do not lean
// on the judgement of the real finder of names (which changes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { BIN, startServer, csrfFrom, signIn, seedDemo, person } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKE = join(root, 'build', 'asan', 'commonground-doubts');

const STAFF = 'staff.review@riverside.example.org';
const STAFF_ES = 'staff.revision@riverside.example.org';
const FAC = 'fac.review@riverside.example.org';
const OTHER = 'admin@other-review.example.org';
const QUOTES = '/admin/understand/quotes?initiative=1';
const PUBLIC = '/admin/understand/summary?initiative=1&audience=public';
const PROMISE = 'Common Ground replaced the names it recognised and marked the words it was unsure about. '
  + 'It cannot promise to find every name: read the text before you approve it.';
const PROMISE_ES = 'Common Ground reemplazó los nombres que reconoció y marcó las palabras de las que no estaba seguro. '
  + 'No puede prometer que encuentre todos los nombres: lea el texto antes de aprobarlo.';

// What Camila Reyes (P2 of the students' session, agreed to be quoted) said.
const SAID = 'We sat with hope at lunch; grace drove us home, thanks to tonio okafor.';
const LATER = 'the charger came from okafor when mine broke.';

let srv, adminJar, staffToken, adminToken, otherToken, facToken;
let jar, esJar, facJar, otherJar, csrf, esCsrf, facCsrf, otherCsrf;
let code1, students;
const ids = {};

before(async () => {
  assert.ok(existsSync(FAKE), `${FAKE} is built by make unit`);
  srv = await startServer({ bin: FAKE });
  const demo = await seedDemo(srv);
  adminToken = demo.token;
  adminJar = await signIn(srv, demo.email, demo.password);
  ({ jar, token: staffToken } = await person(srv, 'riverside', STAFF, 'staff', PASSWORD));
  ({ jar: esJar } = await person(srv, 'riverside', STAFF_ES, 'staff', PASSWORD));
  ({ jar: facJar, token: facToken } = await person(srv, 'riverside', FAC, 'facilitator', PASSWORD));
  await srv.cli('district', 'add', '--slug', 'other-review', '--name', 'Other Review District');
  ({ jar: otherJar, token: otherToken } = await person(srv, 'other-review', OTHER, 'admin', PASSWORD));
  csrf = csrfFrom((await get(srv, QUOTES, jar)).text);
  await get(srv, '/lang/es', esJar);
  esCsrf = csrfFrom((await get(srv, QUOTES, esJar)).text);
  facCsrf = csrfFrom((await get(srv, '/admin', facJar)).text);
  otherCsrf = csrfFrom((await get(srv, '/admin', otherJar)).text);
  assert.ok(csrf && esCsrf && facCsrf && otherCsrf, 'CSRF tokens');

  const c = await api(srv, adminToken, 'GET', '/api/v1/codes?initiative_id=1');
  assert.equal(c.status, 200, c.text);
  code1 = c.json.codes[0].id;
  // The students' session: the one with Camila's demo note.
  const convs = await api(srv, adminToken, 'GET', '/api/v1/conversations?initiative_id=1');
  for (const cv of convs.json.conversations) {
    const s = await api(srv, adminToken, 'GET', `/api/v1/sessions?conversation_id=${cv.id}`);
    for (const x of s.json.sessions) {
      const n = await api(srv, adminToken, 'GET', `/api/v1/sessions/${x.id}/notes`);
      if (n.json.notes.some((o) => o.text.startsWith('My phone screen is too small'))) students = x.id;
    }
  }
  assert.ok(students, 'the students\' session');
  ids.note = await addNote(SAID);
  ids.quote = await proposeWhole(ids.note);
  // Two codings of the note: the whole of it, and the words after the names.
  ids.codingWhole = await code(ids.note, '');
  ids.codingPart = await code(ids.note, 'drove us home');
});

after(async () => {
  if (srv) await srv.stop();
});

// ---- helpers ----

const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (html) => unescapeHtml(html.replace(/<[^>]*>/g, ''));
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? textOf(m[1]).trim() : null;
}

async function addNote(text) {
  const r = await api(srv, adminToken, 'POST', `/api/v1/sessions/${students}/notes`,
    { client_id: `review-${Math.random().toString(36).slice(2)}`, question: 1, speaker: 'P2', kind: 'quote', text });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

/** Proposes a whole note as a quote from the codebook form; its id. */
async function proposeWhole(noteId) {
  const res = await postForm(srv, '/admin/understand/codings', jar, { _csrf: csrf, initiative: '1', code_id: String(code1),
    kind: 'note', excerpt_id: String(noteId), quote: '', do: 'quote' });
  assert.equal(res.status, 303, alertOf(await res.text()) || '');
  const qs = await api(srv, staffToken, 'GET', '/api/v1/quotes?initiative_id=1');
  assert.equal(qs.status, 200, qs.text);
  const q = qs.json.quotes.find((x) => x.kind === 'note' && x.excerpt_id === noteId);
  assert.ok(q, 'the quote is listed');
  return q.id;
}

async function code(noteId, quote) {
  const r = await api(srv, adminToken, 'POST', '/api/v1/codings',
    { initiative_id: 1, code_id: code1, kind: 'note', excerpt_id: noteId, quote });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  return r.json.id;
}

const quote = async (id = ids.quote, token = staffToken) => api(srv, token, 'GET', `/api/v1/quotes/${id}`);

/** The card of quote id on the quotes page (the whole card's HTML). */
function card(html, id) {
  const i = html.indexOf(`id="q-${id}"`);
  assert.ok(i >= 0, `quote ${id} has a card`);
  const start = html.lastIndexOf('<li class="card">', i);
  const end = html.indexOf('</li>', i);
  return html.slice(start, end);
}

function review(id, fields, { as = jar, token = csrf } = {}) {
  const f = { ...fields };
  if (token !== null) f._csrf = token;
  return postForm(srv, `/admin/understand/quotes/${id}/review`, as, f);
}

function decide(id, action, { as = jar, token = csrf } = {}) {
  const f = { action };
  if (token !== null) f._csrf = token;
  return postForm(srv, `/admin/understand/quotes/${id}`, as, f);
}

async function noteText(id) {
  const n = await api(srv, adminToken, 'GET', `/api/v1/sessions/${students}/notes`);
  return n.json.notes.find((x) => x.id === id).text;
}

async function auditDetails() {
  const { res, text } = await get(srv, '/admin/audit', adminJar);
  assert.equal(res.status, 200);
  return [...text.matchAll(/<tr><td>[\s\S]*?<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)]
    .map((m) => ({ actor: unescapeHtml(m[1]), action: unescapeHtml(m[2]), detail: unescapeHtml(m[3]) }));
}

// ---- quotes ----

test('the doubtful words of a quote are marked on the page, with the promise, and listed in the API', async () => {
  const { res, text } = await get(srv, QUOTES, jar);
  assert.equal(res.status, 200);
  assert.ok(text.includes(PROMISE), 'the page says what the check does and does not promise');
  const c = card(text, ids.quote);
  for (const w of ['hope', 'grace'])
    assert.ok(c.includes(`<mark class="doubt">${w}<span class="visually-hidden"> (possibly a name)</span></mark>`),
      `${w} is marked, with its label for screen readers`);
  assert.doesNotMatch(c, /<mark class="doubt">tonio/, 'only what redaction doubts is marked');
  assert.match(textOf(c), /Words waiting for review: 2/);
  // The form: one choice per word, no JavaScript needed.
  assert.ok(c.includes(`action="/admin/understand/quotes/${ids.quote}/review"`));
  assert.ok(c.includes('<input type="hidden" name="word_1" value="hope">'));
  assert.ok(c.includes('<input type="hidden" name="word_2" value="grace">'));
  assert.match(c, /<input type="radio" name="choice_1" value="replace"> Replace with \[NAME\]/);
  assert.match(c, /<input type="radio" name="choice_1" value="keep"> Keep: not a name/);
  assert.match(c, /<label for="also-\d+">Replace these words too<\/label>/);
  assert.match(c, /<details id="q-\d+" class="review" open>/, 'open while words wait');
  const q = await quote();
  assert.equal(q.status, 200, q.text);
  assert.equal(q.json.text, SAID);
  assert.equal(q.json.status, 'proposed');
  assert.equal(q.json.review.pending, 2);
  assert.deepEqual(q.json.review.words.map((w) => [w.word, w.count, w.kept]), [['hope', 1, false], ['grace', 1, false]]);
  assert.deepEqual(q.json.review.doubts.map((d) => SAID.slice(d.start, d.end)), ['hope', 'grace']);
  const list = await api(srv, staffToken, 'GET', '/api/v1/quotes?initiative_id=1');
  assert.equal(list.json.quotes.find((x) => x.id === ids.quote).review.pending, 2);
  // The demo's quotes have nothing to review.
  assert.ok(list.json.quotes.filter((x) => x.id !== ids.quote).every((x) => x.review.pending === 0));
});

test('the page and its promise in Spanish', async () => {
  const { res, text } = await get(srv, QUOTES, esJar);
  assert.equal(res.status, 200);
  assert.ok(text.includes(PROMISE_ES), 'the promise in Spanish');
  const c = card(text, ids.quote);
  assert.ok(c.includes('<span class="visually-hidden"> (posiblemente un nombre)</span>'));
  assert.match(c, /Reemplazar por \[NAME\]/);
  assert.match(c, /Conservar: no es un nombre/);
});

test('approving a quote while words wait is refused with the count, on the page and in the API; nothing changes', async () => {
  const res = await decide(ids.quote, 'approve');
  const html = await res.text();
  assert.equal(res.status, 409);
  assert.equal(alertOf(html), 'Words waiting for review: 2. Replace or keep each one before you approve the quote.');
  assert.match(card(html, ids.quote), /<details id="q-\d+" class="review" open>/);
  assert.equal((await quote()).json.status, 'proposed');
  const es = await postForm(srv, `/admin/understand/quotes/${ids.quote}`, esJar, { _csrf: esCsrf, action: 'approve' });
  assert.equal(es.status, 409);
  assert.match(alertOf(await es.text()), /^Palabras por revisar: 2\./);
  const a = await api(srv, staffToken, 'PATCH', `/api/v1/quotes/${ids.quote}`, { action: 'approve' });
  assert.equal(a.status, 409, a.text);
  assert.equal(a.json.error.field, 'text');
  assert.equal(a.json.error.code, 'conflict');
  assert.equal(a.json.error.message, '2 words wait for review: replace or keep each one before approving.');
  assert.equal((await quote()).json.status, 'proposed', 'still proposed');
  assert.ok(!(await auditDetails()).some((x) => x.action === 'quote.decide' && x.detail.startsWith(`quote ${ids.quote} `)));
});

test('a review that names a word no longer marked, or words not in the text, is refused and changes nothing', async () => {
  let res = await review(ids.quote, { word_1: 'okafor', choice_1: 'replace' });
  let html = await res.text();
  assert.equal(res.status, 422);
  assert.match(alertOf(html), /no longer marked/);
  res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace', also: 'tonio okafors' });
  html = await res.text();
  assert.equal(res.status, 422);
  assert.match(alertOf(html), /not in the text: copy them exactly/);
  res = await review(ids.quote, { word_1: 'hope', choice_1: 'maybe' });
  assert.equal(res.status, 422);
  res = await review(ids.quote, { also: ' ;, ' });
  assert.equal(res.status, 422);
  const api1 = await api(srv, staffToken, 'POST', `/api/v1/quotes/${ids.quote}/review`, { words: [{ word: 'okafor', choice: 'keep' }] });
  assert.equal(api1.status, 400, api1.text);
  assert.equal(api1.json.error.field, 'words');
  const api2 = await api(srv, staffToken, 'POST', `/api/v1/quotes/${ids.quote}/review`, { also: 'okafor said' });
  assert.equal(api2.status, 400, api2.text);
  assert.equal(api2.json.error.field, 'also');
  const api3 = await api(srv, staffToken, 'POST', `/api/v1/quotes/${ids.quote}/review`, { words: 'hope' });
  assert.equal(api3.status, 400);
  assert.equal(api3.json.error.field, 'words');
  assert.equal((await quote()).json.text, SAID);
  assert.equal(await noteText(ids.note), SAID);
});

test('CSRF, roles and other districts are refused, and change nothing', async () => {
  let res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace' }, { token: null });
  assert.equal(res.status, 403, 'no CSRF token');
  res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace' }, { token: 'not-the-token' });
  assert.equal(res.status, 403, 'a wrong CSRF token');
  res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace' }, { as: facJar, token: facCsrf });
  assert.equal(res.status, 403, 'a facilitator');
  res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace' }, { as: otherJar, token: otherCsrf });
  assert.equal(res.status, 404, 'another district\'s staff');
  res = await postForm(srv, '/admin/understand/summary/review', otherJar, { _csrf: otherCsrf, initiative: '1', also: 'Riverside' });
  assert.equal(res.status, 404, 'another district\'s summary');
  res = await postForm(srv, '/admin/understand/summary/review', jar, { initiative: '1', also: 'Riverside' });
  assert.equal(res.status, 403, 'the summary review without CSRF');
  for (const [method, path, body] of [['GET', `/api/v1/quotes/${ids.quote}`], ['PATCH', `/api/v1/quotes/${ids.quote}`, { action: 'reject' }],
    ['POST', `/api/v1/quotes/${ids.quote}/review`, { words: [{ word: 'hope', choice: 'replace' }] }],
    ['GET', '/api/v1/quotes?initiative_id=1'], ['GET', '/api/v1/reports/1/review'],
    ['POST', '/api/v1/reports/1/review', { also: 'Riverside' }], ['POST', '/api/v1/reports/1/approval']]) {
    const o = await api(srv, otherToken, method, path, body);
    assert.equal(o.status, 404, `${method} ${path} as another district: ${o.text}`);
    const f = await api(srv, facToken, method, path, body);
    assert.equal(f.status, 403, `${method} ${path} as a facilitator`);
    const n = await api(srv, null, method, path, body);
    assert.equal(n.status, 401, `${method} ${path} without a token`);
  }
  const q = await quote();
  assert.equal(q.json.text, SAID);
  assert.equal(q.json.status, 'proposed');
  assert.equal(await noteText(ids.note), SAID);
});

test('replacing by hand changes the quote, the note it was cut from, its codings, the CSV, the .qdpx and the API', async () => {
  const before = await get(srv, '/admin/understand/codings.csv?initiative=1', jar);
  assert.ok(before.text.includes('drove us home'));
  const res = await review(ids.quote, { word_1: 'hope', choice_1: 'replace', word_2: 'grace', choice_2: '', also: 'tonio okafor' });
  assert.equal(res.status, 303, alertOf(await res.text()) || '');
  assert.equal(res.headers.get('location'), `/admin/understand/quotes?initiative=1&done=reviewed#q-${ids.quote}`);
  const want = 'We sat with [NAME] at lunch; grace drove us home, thanks to [NAME].';
  const q = await quote();
  assert.equal(q.json.text, want);
  assert.equal(q.json.review.pending, 1, 'grace still waits');
  assert.equal(await noteText(ids.note), want, 'the note it was cut from');
  // The codings cover the same words at their new places.
  const codes = await api(srv, adminToken, 'GET', '/api/v1/codes?initiative_id=1');
  const spans = codes.json.codes.flatMap((c) => c.codings).filter((x) => x.kind === 'note' && x.excerpt_id === ids.note);
  const part = spans.find((x) => x.id === ids.codingPart), whole = spans.find((x) => x.id === ids.codingWhole);
  assert.equal([...want].slice(part.start, part.end).join(''), 'drove us home');
  assert.deepEqual([whole.start, whole.end], [0, [...want].length]);
  const csv = await get(srv, '/admin/understand/codings.csv?initiative=1', jar);
  assert.equal(csv.res.status, 200);
  assert.ok(csv.text.includes(`,${want},`) || csv.text.includes(`"${want}"`), 'the whole note in the CSV, redacted');
  assert.ok(csv.text.includes(',drove us home,'), 'the coded words, still the same');
  assert.ok(!/hope at lunch|okafor/.test(csv.text), 'nothing of the words replaced');
  // The REFI-QDA project's sources.
  const x = await srv.fetch('/api/v1/initiatives/1/qdpx', { headers: { authorization: `Bearer ${adminToken}` } });
  assert.equal(x.status, 200);
  const dir = join(srv.dir, 'qdpx');
  const file = join(srv.dir, 'review.qdpx');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, Buffer.from(await x.arrayBuffer()));
  await run('unzip', ['-o', '-q', file, '-d', dir]);
  const { stdout } = await run('sh', ['-c', `cat "${dir}"/Sources/*.txt`]);
  assert.ok(stdout.includes(want), 'the .qdpx source holds the redacted note');
  assert.ok(!stdout.includes('okafor'));
  // The page marks what is still doubtful.
  const page = await get(srv, `${QUOTES}&done=reviewed`, jar);
  assert.match(page.text, /The review is saved/);
  const c = card(page.text, ids.quote);
  assert.ok(c.includes('<mark class="doubt">grace<span class="visually-hidden"> (possibly a name)</span></mark>'));
  assert.ok(!c.includes('<mark class="doubt">hope'));
});

test('"keep: not a name" is recorded for the quote and unblocks its approval', async () => {
  const res = await review(ids.quote, { word_1: 'grace', choice_1: 'keep' });
  assert.equal(res.status, 303, alertOf(await res.text()) || '');
  const q = await quote();
  assert.equal(q.json.review.pending, 0);
  assert.deepEqual(q.json.review.words.map((w) => [w.word, w.kept]), [['grace', true]]);
  const c = card((await get(srv, QUOTES, jar)).text, ids.quote);
  assert.ok(c.includes('<mark class="doubt kept">grace<span class="visually-hidden"> (kept: not a name)</span></mark>'));
  assert.match(c, /value="keep" checked/);
  assert.match(c, /<details id="q-\d+" class="review">/, 'closed once nothing waits');
  const ok = await decide(ids.quote, 'approve');
  assert.equal(ok.status, 303);
  assert.equal((await quote()).json.status, 'approved');
  // An approved quote stays in the fresh public draft as redacted.
  await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'public', action: 'draft' });
  const md = await api(srv, staffToken, 'GET', '/api/v1/reports/1?audience=public');
  assert.ok(md.text.includes('We sat with \\[NAME\\] at lunch; grace drove us home, thanks to \\[NAME\\].'), md.text);
});

test('replacing words of an approved quote reaches the saved summaries that show it', async () => {
  const r = await api(srv, staffToken, 'POST', `/api/v1/quotes/${ids.quote}/review`, { words: [{ word: 'grace', choice: 'replace' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.text, 'We sat with [NAME] at lunch; [NAME] drove us home, thanks to [NAME].');
  assert.equal(r.json.status, 'approved');
  const md = await api(srv, staffToken, 'GET', '/api/v1/reports/1?audience=public');
  assert.ok(md.text.includes('We sat with \\[NAME\\] at lunch; \\[NAME\\] drove us home, thanks to \\[NAME\\].'));
  assert.ok(!md.text.includes('grace drove'));
});

test('what redaction recognises now in stored text waits for review too, and the review replaces it', async () => {
  const note = await addNote(LATER);
  const id = await proposeWhole(note);
  assert.equal((await quote(id)).json.review.pending, 0, 'nobody of that name was known');
  // Dele Okafor walks in after his name was written down.
  const w = await api(srv, adminToken, 'POST', `/api/v1/sessions/${students}/attendees`,
    { name: 'Dele Okafor', consent_record: true, consent_quote: false });
  assert.equal(w.status, 201, w.text);
  const q = await quote(id);
  assert.equal(q.json.review.recognised, 1);
  assert.equal(q.json.review.pending, 1);
  assert.equal(q.json.review.text, 'the charger came from [NAME] when mine broke.');
  const a = await api(srv, staffToken, 'PATCH', `/api/v1/quotes/${id}`, { action: 'approve' });
  assert.equal(a.status, 409);
  assert.equal(a.json.error.message, '1 word waits for review: replace it or keep it before approving.');
  const res = await review(id, {});
  assert.equal(res.status, 303);
  assert.equal((await quote(id)).json.text, 'the charger came from [NAME] when mine broke.');
  assert.equal(await noteText(note), 'the charger came from [NAME] when mine broke.');
  assert.equal((await api(srv, staffToken, 'PATCH', `/api/v1/quotes/${id}`, { action: 'approve' })).status, 200);
  assert.equal((await quote(id)).json.status, 'approved');
});

test('the audit log says who reviewed which quote and how many spans, never the words', async () => {
  const rows = (await auditDetails()).filter((x) => x.action === 'redaction.review');
  const mine = rows.filter((x) => x.detail.startsWith(`quote ${ids.quote}:`));
  assert.deepEqual(mine.map((x) => x.detail).reverse(), [
    `quote ${ids.quote}: 2 spans replaced, 0 words kept, 2 records changed`,
    `quote ${ids.quote}: 0 spans replaced, 1 words kept, 0 records changed`,
    `quote ${ids.quote}: 1 spans replaced, 0 words kept, 3 records changed`,
  ]);
  assert.ok(mine.every((x) => x.actor === STAFF));
  for (const x of rows) assert.doesNotMatch(x.detail, /hope|grace|okafor|tonio|Dele/i);
  assert.ok((await auditDetails()).some((x) => x.action === 'quote.decide' && x.detail === `quote ${ids.quote} approved`));
});

// ---- the public summary ----

async function saveSummary(markdown, as = jar, token = csrf) {
  const res = await postForm(srv, '/admin/understand/summary', as, { _csrf: token, initiative: '1', audience: 'public', markdown, action: 'save' });
  assert.equal(res.status, 303);
}

test('the public summary marks its doubtful words; approval waits for them, on the page and in the API', async () => {
  await saveSummary('# What we heard\n\nhope and grace ran the sessions with tonio okafor.\n');
  const page = await get(srv, PUBLIC, jar);
  assert.equal(page.res.status, 200);
  assert.ok(page.text.includes(PROMISE));
  assert.match(page.text, /Not approved for sharing yet\./);
  assert.match(page.text, /<div class="marked-text"># What we heard\n\n<mark class="doubt">hope<span class="visually-hidden"> \(possibly a name\)<\/span><\/mark> and <mark class="doubt">grace/);
  assert.ok(page.text.includes('action="/admin/understand/summary/review"'));
  let res = await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'public', action: 'approve' });
  assert.equal(res.status, 409);
  assert.equal(alertOf(await res.text()), 'Words waiting for review: 2. Replace or keep each one before you approve the summary.');
  const a = await api(srv, staffToken, 'POST', '/api/v1/reports/1/approval');
  assert.equal(a.status, 409, a.text);
  assert.equal(a.json.error.field, 'text');
  assert.match(a.json.error.message, /^2 words wait for review/);
  assert.equal((await api(srv, staffToken, 'GET', '/api/v1/reports/1?audience=public')).res.headers.get('x-summary-approved'), 'no');
  // The internal summary has no check and cannot be approved.
  const internal = await get(srv, '/admin/understand/summary?initiative=1&audience=internal', jar);
  assert.doesNotMatch(internal.text, /Check for names before sharing/);
  res = await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'internal', action: 'approve' });
  assert.equal(res.status, 422);
  assert.doesNotMatch((await get(srv, '/admin/understand/summary?initiative=1&audience=internal', jar)).text, /Approved for sharing on /);
  assert.equal((await api(srv, staffToken, 'GET', '/api/v1/reports/1/review')).json.approved, false);
});

test('the summary reviewed by hand, kept words recorded, approved; the word asks again when the text gains it anew', async () => {
  let res = await postForm(srv, '/admin/understand/summary/review', jar,
    { _csrf: csrf, initiative: '1', word_1: 'hope', choice_1: 'replace', word_2: 'grace', choice_2: 'keep', also: 'tonio okafor' });
  assert.equal(res.status, 303, alertOf(await res.text()) || '');
  assert.equal(res.headers.get('location'), '/admin/understand/summary?initiative=1&audience=public&done=reviewed#check');
  const md = await api(srv, staffToken, 'GET', '/api/v1/reports/1?audience=public');
  assert.equal(md.text, '# What we heard\n\n[NAME] and grace ran the sessions with [NAME].\n');
  let rv = await api(srv, staffToken, 'GET', '/api/v1/reports/1/review');
  assert.equal(rv.status, 200, rv.text);
  assert.equal(rv.json.review.pending, 0);
  assert.equal(rv.json.approved, false);
  res = await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'public', action: 'approve' });
  assert.equal(res.status, 303);
  const page = await get(srv, `${PUBLIC}&done=approved`, jar);
  assert.match(page.text, /The public summary is approved for sharing\./);
  assert.match(page.text, /Approved for sharing on /);
  assert.equal((await api(srv, staffToken, 'GET', '/api/v1/reports/1?audience=public')).res.headers.get('x-summary-approved'), 'yes');
  // Saved again with grace a second time: asked again, and no longer approved.
  await saveSummary('# What we heard\n\n[NAME] and grace ran the sessions with [NAME]; we sat with grace at lunch.\n');
  rv = await api(srv, staffToken, 'GET', '/api/v1/reports/1/review');
  assert.equal(rv.json.approved, false);
  assert.equal(rv.json.review.pending, 1);
  assert.deepEqual(rv.json.review.words.map((w) => [w.word, w.count, w.kept]), [['grace', 2, false]]);
  // The API keeps it and approves.
  const k = await api(srv, staffToken, 'POST', '/api/v1/reports/1/review', { words: [{ word: 'grace', choice: 'keep' }] });
  assert.equal(k.status, 200, k.text);
  assert.equal(k.json.review.pending, 0);
  const ok = await api(srv, staffToken, 'POST', '/api/v1/reports/1/approval');
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.approved, true);
  assert.match(ok.json.approved_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const rows = (await auditDetails()).filter((x) => x.action === 'redaction.review' && x.detail.startsWith('summary 1:'));
  assert.deepEqual(rows.map((x) => x.detail).reverse(), ['summary 1: 2 spans replaced, 1 words kept, 1 records changed',
    'summary 1: 0 spans replaced, 1 words kept, 0 records changed']);
  assert.ok((await auditDetails()).some((x) => x.action === 'summary.approve'));
});

test('pages of the check are well formed for a phone: labels for every field, no script needed', async () => {
  for (const path of [QUOTES, PUBLIC]) {
    const { text } = await get(srv, path, jar);
    for (const [, id] of text.matchAll(/<input id="([^"]+)"/g)) assert.ok(text.includes(`for="${id}"`), `${path}: #${id} has a label`);
    for (const [tag] of text.matchAll(/<input type="radio"[^>]*>/g)) {
      const at = text.indexOf(tag);
      assert.equal(text.lastIndexOf('<label class="choice">', at) > text.lastIndexOf('</label>', at), true, `${path}: ${tag} is inside its label`);
    }
  }
});

// ---- the real finder ----

test('with the program itself (the real finder of names), "Grace, thank you for lunch." marks Grace and waits', async () => {
  const real = await startServer({ bin: BIN });
  try {
    const d = await seedDemo(real);
    const j = await signIn(real, d.email, d.password);
    const t = await get(real, QUOTES, j);
    const token = csrfFrom(t.text);
    const n = await api(real, d.token, 'POST', `/api/v1/sessions/${students}/notes`,
      { client_id: 'review-real-1', question: 1, speaker: 'P2', kind: 'quote', text: 'Grace, thank you for lunch.' });
    assert.equal(n.status, 201, n.text);
    const res = await postForm(real, '/admin/understand/codings', j, { _csrf: token, initiative: '1', code_id: String(code1),
      kind: 'note', excerpt_id: String(n.json.id), quote: '', do: 'quote' });
    assert.equal(res.status, 303);
    const q = (await api(real, d.token, 'GET', '/api/v1/quotes?initiative_id=1')).json.quotes.find((x) => x.excerpt_id === n.json.id);
    assert.deepEqual(q.review.words.map((w) => w.word), ['Grace']);
    const page = await get(real, QUOTES, j);
    assert.ok(card(page.text, q.id).includes('<mark class="doubt">Grace<span class="visually-hidden"> (possibly a name)</span></mark>'));
    const a = await api(real, d.token, 'PATCH', `/api/v1/quotes/${q.id}`, { action: 'approve' });
    assert.equal(a.status, 409, a.text);
    assert.equal(a.json.error.field, 'text');
  } finally {
    await real.stop();
  }
});
