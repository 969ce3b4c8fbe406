// The end-of-session survey and who took part: the public survey form
// (one question per dimension of the community baseline), anonymous answers
// and answers tied to a registration's private link (once per link), the
// checks on what is sent, the redacted comment, the thank-you message that
// carries the survey link (real SMTP listener, `outbox run --now`), the
// staff API, and the representation report — staff view, public view with
// small counts hidden, the staff page and the public "taking part" page.
//
// Expectations are computed from the data the tests send, with a small
// model of the documented rules (src/domain/representation.h): never typed
// in as results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, Jar, csrfFrom, signIn } from '../lib/server.mjs';
import { startSmtp, decoded } from '../lib/smtp.mjs';
import { PASSWORD, get, postForm, api, localDate, zonedInstant, isoSeconds } from '../lib/http.mjs';

const TZ = 'America/Chicago';
const ADMIN = 'admin@north.example.org';
const SOUTH_ADMIN = 'admin@south.example.org';
const FAC = 'facilitator@north.example.org';
const STAFF = 'priya@north.example.org';
const STAFF_NAME = 'Priya Raman';
const FACILITATOR_NAME = 'María López';
const BASE = 'http://engage.north.test';
const HOUR = 3600 * 1000;
const TITLE = 'Start times listening session';
const INITIATIVE = 'School start times';
const SURVEY_PER_HOUR = 60;   // h_survey.c

// The community baseline, in percent.  Dimensions of the survey are exactly
// the ones listed here; gender is deliberately absent.
const BASELINE = {
  race_ethnicity: { 'Hispanic or Latino': 50, White: 30, 'Black or African American': 20 },
  language: { English: 60, Spanish: 30, Vietnamese: 10 },
};
const [RA, RB, RC] = Object.keys(BASELINE.race_ethnicity);
const REG_LANG = { en: 'English', es: 'Spanish' };   // capture.c language_category

let smtp, srv, stopped = null;
let north, south;          // { jar, token }
let facToken;
const S = {};              // ids, tokens and jars shared between tests, filled as they go
let surveysStored = 0;     // answers stored from 127.0.0.1 so far (the hourly limit counts them)

// What the representation must be built from, filled as answers are sent
// and people take part: per dimension, category → people.
const counted = { race_ethnicity: {}, language: {} };
let anonymousAnswers = 0;
const participants = [];   // registrations (or walk-ins) that count as having taken part

function tally(dim, cat) {
  if (cat) counted[dim][cat] = (counted[dim][cat] || 0) + 1;
}

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { COMMONGROUND_SMTP_URL: smtp.url, COMMONGROUND_BASE_URL: BASE } });
  north = await district('north', 'North Valley Schools', ADMIN);
  south = await district('south', 'South Shore Schools', SOUTH_ADMIN);
  // A member of staff with a name (redacted from comments) and a facilitator.
  await srv.cliStdin(`${PASSWORD}\n`, 'user', 'add', '--district', 'north', '--email', STAFF, '--role', 'staff',
    '--name', STAFF_NAME, '--password-stdin');
  await srv.addUser('north', FAC, 'facilitator', PASSWORD);
  facToken = (await srv.cli('token', 'create', '--email', FAC)).trim();

  // The baseline, one share at a time through the staff form.
  for (const [dimension, cats] of Object.entries(BASELINE)) {
    for (const [category, share] of Object.entries(cats)) {
      const res = await postForm(srv, '/admin/plan/baseline', north.jar, { dimension, category, share: String(share) },
        { csrfFromPath: '/admin/plan/baseline' });
      assert.equal(res.status, 303, `baseline ${dimension}/${category}: ${res.status}`);
    }
  }
  const page = await get(srv, '/admin/plan/baseline', north.jar);
  for (const [dimension, cats] of Object.entries(BASELINE))
    for (const [category, share] of Object.entries(cats))
      assert.ok(page.text.includes(`${category}: ${share}.00%`), `baseline page lists ${dimension}/${category}`);

  // North: one initiative, one conversation, three sessions.
  let r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title: INITIATIVE, why: 'Families asked.', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  S.initiative = r.json.id;
  r = await api(srv, north.token, 'POST', '/api/v1/conversations',
    { initiative_id: S.initiative, title: TITLE, objective: 'Hear from families', managed_by: 'district', facilitator: FACILITATOR_NAME });
  assert.equal(r.status, 201, r.text);
  S.conv = r.json.id;
  // main: 20 days ahead, for anonymous answers and the thank-you message.
  S.main = await addSession(north.token, S.conv, localDate(TZ, 20), '18:00', '19:30');
  // ended: registered while in the future, then moved into the past.
  S.ended = await addSession(north.token, S.conv, localDate(TZ, 15), '18:00', '19:30');
  // checkin: in the future, with people checked in.
  S.checkin = await addSession(north.token, S.conv, localDate(TZ, 10), '18:00', '19:30');

  // South: a session of its own.
  r = await api(srv, south.token, 'POST', '/api/v1/initiatives', { title: 'South calendar', why: 'x', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  S.southInitiative = r.json.id;
  r = await api(srv, south.token, 'POST', '/api/v1/conversations',
    { initiative_id: S.southInitiative, title: 'South conversation', managed_by: 'district' });
  assert.equal(r.status, 201, r.text);
  S.southSession = await addSession(south.token, r.json.id, localDate(TZ, 20), '18:00', '19:30');
});

after(async () => {
  if (srv && !stopped) await srv.stop();
  if (smtp) await smtp.stop();
});

// ---- helpers -------------------------------------------------------------

async function district(slug, name, admin) {
  await srv.cli('district', 'add', '--slug', slug, '--name', name, '--timezone', TZ, '--languages', 'en,es');
  await srv.addUser(slug, admin, 'admin', PASSWORD);
  const jar = await signIn(srv, admin, PASSWORD);
  const token = (await srv.cli('token', 'create', '--email', admin)).trim();
  return { jar, token };
}

/** A session through the API at local date/time in TZ; returns its id. */
async function addSession(token, conv, date, start, end) {
  const r = await api(srv, token, 'POST', '/api/v1/sessions', {
    conversation_id: conv, starts_at: isoSeconds(zonedInstant(TZ, date, start)), ends_at: isoSeconds(zonedInstant(TZ, date, end)),
    format: 'in_person', venue_name: 'Lincoln Branch Library', venue_address: '100 Main Street', capacity: 30,
    registration_open: true,
  });
  assert.equal(r.status, 201, `session created: ${r.text}`);
  return r.json.id;
}

/** Registers through the public form; returns the private path and token. */
async function registered(sid, fields) {
  const jar = new Jar();
  const { res: page, text } = await get(srv, `/d/north/sessions/${sid}`, jar);
  assert.equal(page.status, 200);
  const res = await postForm(srv, `/d/north/sessions/${sid}`, jar,
    { _csrf: csrfFrom(text), language: 'en', website: '', ...fields });
  assert.equal(res.status, 303, `${fields.email} registers: ${res.status}`);
  const loc = res.headers.get('location') || '';
  const m = /^\/d\/north\/r\/([^/?]+)\?new=1$/.exec(loc);
  assert.ok(m, `to the private page, not ${loc}`);
  const regs = await api(srv, north.token, 'GET', `/api/v1/sessions/${sid}/registrations`);
  const reg = regs.json.registrations.find((x) => x.email === fields.email);
  assert.ok(reg, `${fields.email} is listed`);
  return { manage: `/d/north/r/${m[1]}`, token: m[1], id: reg.id, lang: fields.language || 'en', name: fields.name, jar };
}

/** Registers for a session of south; returns the private link's token. */
async function registeredSouth(sid, fields) {
  const jar = new Jar();
  const { text } = await get(srv, `/d/south/sessions/${sid}`, jar);
  const res = await postForm(srv, `/d/south/sessions/${sid}`, jar, { _csrf: csrfFrom(text), language: 'en', website: '', ...fields });
  const m = /^\/d\/south\/r\/([^/?]+)\?new=1$/.exec(res.headers.get('location') || '');
  assert.ok(m, `registered with south: ${res.status} ${res.headers.get('location')}`);
  return m[1];
}

const surveyPath = (sid, slug = 'north') => `/d/${slug}/sessions/${sid}/survey`;

/** GETs the survey form (with ?r=token when given) in a fresh jar. */
async function surveyForm(sid, token, slug = 'north') {
  const jar = new Jar();
  const path = surveyPath(sid, slug) + (token ? `?r=${encodeURIComponent(token)}` : '');
  const { res, text } = await get(srv, path, jar);
  return { res, text, jar, csrf: csrfFrom(text), slug };
}

/** Answers the survey: fields as the form names them (a_<dimension>,
 *  rating, comment, website, r).  Reuses form (a jar and _csrf) when given. */
async function answer(sid, fields, form) {
  const f = form || await surveyForm(sid, fields.r);
  assert.ok(f.csrf, `the survey page has a _csrf field (status ${f.res && f.res.status})`);
  const res = await postForm(srv, surveyPath(sid, f.slug || 'north'), f.jar, { _csrf: f.csrf, website: '', comment: '', ...fields });
  if (res.status === 303 && !fields.website) surveysStored++;
  return res;
}

/** A new initiative of north with one conversation and one session
 *  `days` ahead; returns { iid, sid }. */
async function initiativeWithSession(title, days) {
  let r = await api(srv, north.token, 'POST', '/api/v1/initiatives', { title, why: 'x', mode: 'cooperate' });
  assert.equal(r.status, 201);
  const iid = r.json.id;
  r = await api(srv, north.token, 'POST', '/api/v1/conversations', { initiative_id: iid, title: `${title} conversation`, managed_by: 'district' });
  assert.equal(r.status, 201);
  return { iid, sid: await addSession(north.token, r.json.id, localDate(TZ, days), '18:00', '19:00') };
}

/** The surveys the API lists for a query. */
async function surveys(query, token = north.token) {
  const r = await api(srv, token, 'GET', `/api/v1/surveys?${query}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.surveys), r.text);
  return r.json.surveys;
}

/** radio name → its values, in page order. */
function radios(html) {
  const out = {};
  for (const m of html.matchAll(/<input\b[^>]*\btype="radio"[^>]*>/g)) {
    const name = (/\bname="([^"]*)"/.exec(m[0]) || [])[1];
    const value = (/\bvalue="([^"]*)"/.exec(m[0]) || [])[1];
    (out[name] ||= []).push(value);
  }
  return out;
}

function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? m[1].trim() : null;
}

function unescape(s) {
  return s.replace(/<[^>]*>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
}

async function runOutbox(ms) {
  const out = await srv.cli('outbox', 'run', '--now', isoSeconds(ms));
  const m = /(\d+) queued, (\d+) skipped, (\d+) sent, (\d+) to retry, (\d+) failed, (\d+) waiting/.exec(out);
  assert.ok(m, `outbox run output: ${out}`);
  return { out: out.trim(), sent: Number(m[3]) };
}

function mailTo(addr) {
  return smtp.messages.filter((m) => m.to.includes(addr)).map((m) => decoded(m));
}

/** The representation through the API. */
async function representation(view) {
  const q = view ? `?view=${view}` : '';
  const r = await api(srv, north.token, 'GET', `/api/v1/initiatives/${S.initiative}/representation${q}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

function dimOf(rep, name) {
  const d = rep.dimensions.find((x) => x.dimension === name);
  assert.ok(d, `dimension ${name} in ${JSON.stringify(rep.dimensions.map((x) => x.dimension))}`);
  return d;
}

/**
 * The documented rules (representation.h), on the counts this file sent:
 * rows of one dimension in baseline order (share desc, then category),
 * each { category, count, under, hidden }, and known.
 */
function model(dim, publicView, counts = counted[dim]) {
  const base = BASELINE[dim];
  const cats = Object.keys(base).sort((a, b) => base[b] - base[a] || (a < b ? -1 : 1));
  for (const c of Object.keys(counts)) if (!cats.includes(c)) cats.push(c);
  const rows = cats.map((c) => ({ category: c, count: counts[c] || 0, bp: c in base ? Math.round(base[c] * 100) : -1 }));
  const known = rows.reduce((s, r) => s + r.count, 0);
  const under = (n, bp) => known > 0 && bp >= 500 && n * 12500 < bp * known;
  if (!publicView)
    return { known, rows: rows.map((r) => ({ category: r.category, count: r.count, under: under(r.count, r.bp), hidden: false })) };
  for (const r of rows) r.hidden = r.count > 0 && r.count < 5;
  let knownShown = true;
  if (rows.filter((r) => r.hidden).length === 1) {
    const shown = rows.filter((r) => !r.hidden);
    const nonzero = shown.filter((r) => r.count > 0);
    const other = nonzero.length ? nonzero.reduce((m, r) => (r.count < m.count ? r : m)) : shown[0];
    if (other) other.hidden = true;
    else knownShown = false;
  }
  const visible = rows.filter((r) => !r.hidden).reduce((s, r) => s + r.count, 0);
  return {
    known: knownShown ? known : null,
    rows: rows.map((r) => ({
      category: r.category,
      count: r.hidden ? null : r.count,
      under: r.hidden ? knownShown && under(known - visible, r.bp) : under(r.count, r.bp),
      hidden: r.hidden,
    })),
  };
}

/** The rows of one dimension of the API answer, as the model has them. */
function apiRows(d) {
  return d.rows.map((r) => ({ category: r.category, count: r.count, under: r.under, hidden: r.hidden }));
}

/** The people the report must count: anonymous answers and participants. */
const expectedPeople = () => anonymousAnswers + participants.length;

// ---- the form ------------------------------------------------------------

test('the survey form asks one question per baseline dimension, offering exactly its categories and "prefer not to say"', async () => {
  const { res, text, csrf } = await surveyForm(S.main);
  assert.equal(res.status, 200);
  assert.ok(csrf, 'a _csrf field');
  assert.match(res.headers.get('cache-control') || '', /no-store/);
  assert.ok(text.includes(TITLE), 'the page names the conversation');
  assert.match(text, new RegExp(`<form method="post" action="${surveyPath(S.main).replace(/\//g, '\\/')}"`));
  const rs = radios(text);
  const dims = Object.keys(rs).filter((n) => n.startsWith('a_')).sort();
  assert.deepEqual(dims, Object.keys(BASELINE).map((d) => `a_${d}`).sort(), 'a question for each baseline dimension, and no other');
  for (const [dim, cats] of Object.entries(BASELINE))
    assert.deepEqual([...rs[`a_${dim}`]].sort(), [...Object.keys(cats), ''].sort(), `the choices of ${dim}`);
  assert.deepEqual([...rs.rating].sort(), ['1', '2', '3', '4', '5']);
  assert.match(text, /<textarea id="comment" name="comment"/);
  assert.match(text, /<input id="website" name="website"/, 'the honeypot field');
  assert.doesNotMatch(text, /name="r"/, 'no token field without ?r=');
});

test('anonymous answers are each accepted with 303 to ?thanks=1, and the API lists them with their answers', async () => {
  // Race: A×6, B×3, C×1; language given by five of them.
  const plan = [
    [RA, 'English', 5], [RA, 'English', 4], [RA, 'English', 5], [RA, 'English', 3], [RA, '', 4],
    [RA, '', 5], [RB, 'Vietnamese', 2], [RB, '', 4], [RB, '', 5], [RC, '', 4],
  ];
  const before = (await surveys(`session_id=${S.main}`)).length;
  const sent = [];
  for (const [race, lang, rating] of plan) {
    const res = await answer(S.main, { a_race_ethnicity: race, a_language: lang, rating: String(rating) });
    assert.equal(res.status, 303, `answer ${race}/${lang}`);
    assert.equal(res.headers.get('location'), `${surveyPath(S.main)}?thanks=1`);
    tally('race_ethnicity', race);
    tally('language', lang);
    anonymousAnswers++;
    const answers = { race_ethnicity: race };
    if (lang) answers.language = lang;
    sent.push({ rating, answers });
  }
  const thanks = await get(srv, `${surveyPath(S.main)}?thanks=1`);
  assert.equal(thanks.res.status, 200);
  assert.match(thanks.text, /<p class="notice" role="status">Thank you!/);
  assert.doesNotMatch(thanks.text, /<form method="post" action="[^"]*survey"/, 'no form on the thank-you page');

  const list = await surveys(`session_id=${S.main}`);
  assert.equal(list.length, before + plan.length, 'every answer is stored');
  const key = (x) => JSON.stringify([x.rating, Object.entries(x.answers).sort()]);
  assert.deepEqual(list.map(key).sort(), sent.map(key).sort(), 'ratings and answers as sent ("prefer not to say" left out)');
  for (const s of list) {
    assert.equal(s.anonymous, true);
    assert.equal(s.session_id, S.main);
    assert.equal(s.lang, 'en');
    assert.equal(typeof s.id, 'number');
    assert.match(s.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
});

test('the comment is stored redacted: registrants, staff and the facilitator as [NAME], e-mail and phone replaced', async () => {
  S.gina = await registered(S.main, { name: 'Gina Lowe', email: 'gina@families.example.org' });
  S.hal = await registered(S.main, { name: 'Hal Berg', email: 'hal@familias.example.org', language: 'es' });
  const comment = `Gina Lowe and ${STAFF_NAME} listened well, and ${FACILITATOR_NAME} too. Write to me at pat.q@example.com or call 312-555-0142.`;
  const res = await answer(S.main, { comment });   // no rating given
  assert.equal(res.status, 303);
  anonymousAnswers++;
  const list = await surveys(`session_id=${S.main}`);
  const mine = list.filter((s) => /listened well/.test(s.comment));
  assert.equal(mine.length, 1, `one stored comment: ${JSON.stringify(list.map((s) => s.comment))}`);
  const stored = mine[0].comment;
  for (const gone of ['Gina', 'Lowe', 'Priya', 'Raman', 'María', 'López', 'pat.q@example.com', '555-0142', '0142'])
    assert.ok(!stored.includes(gone), `"${gone}" is not in the stored comment: ${stored}`);
  assert.equal((stored.match(/\[NAME\]/g) || []).length, 3, `three names replaced: ${stored}`);
  assert.match(stored, /\[EMAIL\]/, stored);
  assert.match(stored, /\[PHONE\]/, stored);
  assert.match(stored, /listened well, and \[NAME\] too\./, `the rest is kept: ${stored}`);
  assert.deepEqual(mine[0].answers, {}, 'no dimension answered');
  assert.equal(mine[0].rating, null, 'no rating given: null');
});

test('a category not in the baseline, a rating out of 1..5 or a comment too long answers 422 with the form again, and nothing is stored', async () => {
  const before = (await surveys(`session_id=${S.main}`)).length;
  const cases = [
    [{ a_race_ethnicity: 'Martian', rating: '3', comment: 'Kept text 1' }, /answers offered/i],
    [{ a_language: 'english', rating: '3', comment: 'Kept text 2' }, /answers offered/i],
    [{ a_race_ethnicity: RA, rating: '9', comment: 'Kept text 3' }, /rating/i],
    [{ a_race_ethnicity: RA, rating: '0', comment: 'Kept text 4' }, /rating/i],
    [{ rating: 'five', comment: 'Kept text 5' }, /rating/i],
    [{ rating: '2', comment: 'x'.repeat(4001) }, /comment/i],
  ];
  for (const [fields, why] of cases) {
    const res = await answer(S.main, fields);
    assert.equal(res.status, 422, `${JSON.stringify(fields)} → ${res.status}`);
    const html = await res.text();
    assert.match(alertOf(html) || '', why, `the alert for ${JSON.stringify(fields)}: ${alertOf(html)}`);
    assert.ok(csrfFrom(html), 'the form is shown again');
    assert.ok(html.includes(`>${fields.comment}</textarea>`), 'the comment typed is kept');
  }
  // What was typed comes back escaped.
  const xss = await answer(S.main, { rating: '7', comment: '</textarea><script>alert(1)</script>' });
  assert.equal(xss.status, 422);
  const xhtml = await xss.text();
  assert.doesNotMatch(xhtml, /<script>alert/);
  assert.match(xhtml, /&lt;\/textarea&gt;&lt;script&gt;/);
  // A comment that is not UTF-8 (the form layer refuses it).
  const f = await surveyForm(S.main);
  const raw = await srv.fetch(surveyPath(S.main), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.jar.header() },
    body: `_csrf=${encodeURIComponent(f.csrf)}&rating=3&comment=caf%E9`,
  });
  assert.equal(raw.status, 400, 'a form that is not valid UTF-8 is refused before the handler (form.c)');
  assert.equal((await surveys(`session_id=${S.main}`)).length, before, 'nothing stored');
});

test('a Spanish visitor is told what is wrong in Spanish, the field named in their words; nothing is stored', async () => {
  const before = (await surveys(`session_id=${S.main}`)).length;
  const jar = new Jar();
  jar.cookies.set('lang', 'es');
  const { text } = await get(srv, surveyPath(S.main), jar);
  const form = { jar, csrf: csrfFrom(text), slug: 'north' };
  // A right-to-left override hides what a comment says when it is shown.
  const res = await answer(S.main, { rating: '4', comment: 'Todo bien \u202eolam' }, form);
  assert.equal(res.status, 422);
  const alert = alertOf(await res.text()) || '';
  assert.equal(alert, 'Su comentario: no puede contener caracteres de control.');
  const high = await answer(S.main, { rating: '9', comment: 'Bien' }, form);
  assert.equal(high.status, 422);
  assert.match(alertOf(await high.text()) || '', /^Elija una calificación del 1 al 5/, 'a sentence of the table, in Spanish');
  assert.equal((await surveys(`session_id=${S.main}`)).length, before, 'nothing stored');
});

test('a comment the form allows (no longer than the textarea\'s maxlength, in characters) is not refused as too long', async () => {
  const f = await surveyForm(S.main);
  const max = Number((/<textarea id="comment" name="comment"[^>]*maxlength="(\d+)"/.exec(f.text) || [])[1]);
  assert.ok(max > 0, 'the textarea has a maxlength');
  // Spanish with accents: 3/4 of the limit in characters, 1.5 times it in bytes.
  const comment = 'Opinión: ' + 'é'.repeat(Math.floor(max * 0.75));
  assert.ok(comment.length <= max, `${comment.length} characters, within maxlength ${max}`);
  const res = await answer(S.main, { rating: '4', comment }, f);
  if (res.status === 303) anonymousAnswers++;
  const html = res.status === 303 ? '' : await res.text();
  assert.equal(res.status, 303, `a ${comment.length}-character comment: ${res.status} ${alertOf(html)}`);
  const stored = (await surveys(`session_id=${S.main}`)).filter((s) => s.comment === comment);
  assert.equal(stored.length, 1, 'the whole comment is stored');
});

test('a visitor reading in Spanish gets the questions in Spanish with the same values; the answer is stored with lang "es"', async () => {
  const jar = new Jar();
  const set = await get(srv, `/lang/es?next=${encodeURIComponent(surveyPath(S.main))}`, jar);
  assert.equal(set.res.status, 303);
  const { res, text } = await get(srv, surveyPath(S.main), jar);
  assert.equal(res.status, 200);
  assert.match(text, /Prefiero no decirlo/);
  const rs = radios(text);
  for (const [dim, cats] of Object.entries(BASELINE))
    assert.deepEqual([...rs[`a_${dim}`]].sort(), [...Object.keys(cats), ''].sort(), `the values of ${dim} are the baseline's`);
  const before = await surveys(`session_id=${S.main}`);
  const post = await answer(S.main, { rating: '5', comment: 'Muy bien' }, { jar, csrf: csrfFrom(text), res });
  assert.equal(post.status, 303);
  anonymousAnswers++;
  const after = await surveys(`session_id=${S.main}`);
  assert.equal(after.length, before.length + 1);
  const mine = after.find((x) => x.comment === 'Muy bien');
  assert.ok(mine);
  assert.equal(mine.lang, 'es');
  assert.equal(mine.rating, 5);
});

test('a filled honeypot answers 303 to the thank-you page but nothing is stored', async () => {
  const before = (await surveys(`session_id=${S.main}`)).length;
  const res = await answer(S.main, { a_race_ethnicity: RC, rating: '1', comment: 'robot text', website: 'http://spam.example.org' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `${surveyPath(S.main)}?thanks=1`);
  const list = await surveys(`session_id=${S.main}`);
  assert.equal(list.length, before, 'nothing stored');
  assert.ok(!list.some((s) => /robot/.test(s.comment)));
});

test('an answer without the form\'s CSRF token answers 403 and nothing is stored', async () => {
  const before = (await surveys(`session_id=${S.main}`)).length;
  const res = await postForm(srv, surveyPath(S.main), new Jar(), { a_race_ethnicity: RA, rating: '4' });
  assert.equal(res.status, 403);
  assert.equal((await surveys(`session_id=${S.main}`)).length, before);
});

test('a survey of an unknown session, or of another district\'s session, answers 404', async () => {
  assert.equal((await surveyForm(999999)).res.status, 404);
  assert.equal((await surveyForm(S.southSession, null, 'north')).res.status, 404, 'south\'s session under north');
  assert.equal((await surveyForm(S.main, null, 'south')).res.status, 404, 'north\'s session under south');
  assert.equal((await surveyForm(S.southSession, null, 'south')).res.status, 200, 'south\'s own');
});

// ---- answers tied to a registration --------------------------------------

test('a token that is not genuine, or of another session\'s or district\'s registration, answers 404 on the form and on POST', async () => {
  S.ana = await registered(S.ended, { name: 'Ana Ruiz', email: 'ana@families.example.org' });
  const southReg = await registeredSouth(S.southSession, { name: 'Sam South', email: 'sam@south.example.org' });
  const anon = await surveyForm(S.main);
  const before = (await surveys(`session_id=${S.main}`)).length;
  const forged = S.gina.token.slice(0, -2) + (S.gina.token.endsWith('AA') ? 'BB' : 'AA');
  for (const [label, token] of [['garbage', 'not-a-token'], ['altered', forged], ['another session\'s', S.ana.token], ['another district\'s', southReg]]) {
    const page = await surveyForm(S.main, token);
    assert.equal(page.res.status, 404, `GET with a ${label} token`);
    assert.match(page.text, /not valid/);
    const res = await answer(S.main, { r: token, a_race_ethnicity: RA, rating: '4' }, anon);
    assert.equal(res.status, 404, `POST with a ${label} token`);
  }
  assert.equal((await surveys(`session_id=${S.main}`)).length, before, 'nothing stored');
});

test('after the session, the thank-you message carries the survey link with the registrant\'s own token, and the link opens the form', async () => {
  const date = localDate(TZ, 20);
  const end = zonedInstant(TZ, date, '19:30');
  await runOutbox(Date.now() + 2000);
  const run = await runOutbox(end + 2 * HOUR + 60 * 1000);
  assert.ok(run.sent >= 2, run.out);
  await smtp.waitFor(1, 5000);
  for (const who of [S.gina, S.hal]) {
    const addr = who === S.gina ? 'gina@families.example.org' : 'hal@familias.example.org';
    const thanks = mailTo(addr).filter((m) => /\/survey\?r=/.test(m.text));
    assert.equal(thanks.length, 1, `one thank-you for ${addr}: ${JSON.stringify(mailTo(addr).map((m) => m.headers.subject))}`);
    const link = `${BASE}${surveyPath(S.main)}?r=${who.token}`;
    assert.ok(thanks[0].text.includes(link), `${addr}: the body has ${link}:\n${thanks[0].text}`);
    const page = await surveyForm(S.main, who.token);
    assert.equal(page.res.status, 200, `the link of ${addr} works`);
    assert.ok(page.text.includes(`<input type="hidden" name="r" value="${who.token}">`), 'the token travels in the form');
    assert.equal(page.res.headers.get('referrer-policy'), 'no-referrer');
    assert.match(page.res.headers.get('cache-control') || '', /no-store/);
    assert.ok(page.csrf);
  }
  const es = mailTo('hal@familias.example.org').find((m) => /survey\?r=/.test(m.text));
  assert.match(es.text, /Cuéntenos cómo le fue/, `the Spanish thank-you is in Spanish: ${es.text}`);
  const en = mailTo('gina@families.example.org').find((m) => /survey\?r=/.test(m.text));
  assert.match(en.headers.subject, /^Thank you for joining/);
  assert.ok(en.headers.subject.includes(TITLE));
});

test('an answer with the token counts once: 303, then 409 "already been answered", and the link\'s page says so', async () => {
  const before = (await surveys(`session_id=${S.main}`)).filter((s) => !s.anonymous).length;
  // The link opened in two tabs: both forms are shown, the second sent fails.
  const tab1 = await surveyForm(S.main, S.gina.token);
  const tab2 = await surveyForm(S.main, S.gina.token);
  const first = await answer(S.main, { r: S.gina.token, rating: '4', comment: 'Good evening' }, tab1);
  assert.equal(first.status, 303);
  assert.equal(first.headers.get('location'), `${surveyPath(S.main)}?thanks=1`);

  const again = await answer(S.main, { r: S.gina.token, a_race_ethnicity: RA, rating: '1', comment: 'Second try' }, tab2);
  assert.equal(again.status, 409);
  assert.match(await again.text(), /already been answered/);

  const page = await surveyForm(S.main, S.gina.token);
  assert.equal(page.res.status, 200);
  assert.match(page.text, /already been answered/);
  assert.doesNotMatch(page.text, /<textarea/, 'no form to answer again');
  assert.doesNotMatch(page.text, /Gina|Lowe|gina@/, 'the page does not name the person');

  const list = (await surveys(`session_id=${S.main}`)).filter((s) => !s.anonymous);
  assert.equal(list.length, before + 1, 'one answer stored for the link');
  const g = list.find((s) => s.comment === 'Good evening');
  assert.ok(g, JSON.stringify(list));
  assert.equal(g.rating, 4);
  assert.deepEqual(g.answers, {});
  assert.ok(!list.some((s) => s.comment === 'Second try'));
  const raw = await api(srv, north.token, 'GET', `/api/v1/surveys?session_id=${S.main}`);
  assert.doesNotMatch(raw.text, /Gina|gina@|registration_id/, 'answers are kept apart from names');
});

test('two answers sent at once with one token: one is stored (303), the other answers 409', async () => {
  const before = (await surveys(`session_id=${S.main}`)).filter((s) => !s.anonymous).length;
  const forms = await Promise.all([surveyForm(S.main, S.hal.token), surveyForm(S.main, S.hal.token)]);
  const results = await Promise.all(forms.map((f, i) => answer(S.main, { r: S.hal.token, rating: String(i + 2), comment: `race ${i}` }, f)));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [303, 409], `statuses: ${statuses}`);
  const after = (await surveys(`session_id=${S.main}`)).filter((s) => !s.anonymous).length;
  assert.equal(after, before + 1, 'exactly one answer stored for Hal\'s link');
});

// ---- the API -------------------------------------------------------------

test('GET /api/v1/surveys: 400 without session_id or initiative_id; by initiative lists every session\'s answers; another district and a facilitator see none', async () => {
  const none = await api(srv, north.token, 'GET', '/api/v1/surveys');
  assert.equal(none.status, 400);
  assert.ok(['session_id', 'initiative_id'].includes(none.json?.error?.field), none.text);
  assert.match(none.json.error.message, /session_id/);
  assert.match(none.json.error.message, /initiative_id/);
  const bad = await api(srv, north.token, 'GET', '/api/v1/surveys?session_id=abc');
  assert.equal(bad.status, 400);
  assert.equal(bad.json?.error?.field, 'session_id', bad.text);
  const badI = await api(srv, north.token, 'GET', '/api/v1/surveys?initiative_id=0');
  assert.equal(badI.status, 400);
  assert.equal(badI.json?.error?.field, 'initiative_id', badI.text);

  // Beto answers the survey of the other session with his link.
  S.beto = await registered(S.ended, { name: 'Beto Salas', email: 'beto@familias.example.org', language: 'es' });
  const res = await answer(S.ended, { r: S.beto.token, a_language: 'English', rating: '5' });
  assert.equal(res.status, 303);
  tally('language', 'English');

  const main = await surveys(`session_id=${S.main}`);
  const ended = await surveys(`session_id=${S.ended}`);
  const all = await surveys(`initiative_id=${S.initiative}`);
  assert.equal(ended.length, 1);
  assert.equal(ended[0].anonymous, false);
  assert.deepEqual(ended[0].answers, { language: 'English' });
  assert.equal(all.length, main.length + ended.length, 'the initiative has both sessions\' answers');
  assert.deepEqual(all.map((s) => s.id).sort((a, b) => a - b), [...main, ...ended].map((s) => s.id).sort((a, b) => a - b));

  assert.deepEqual(await surveys(`session_id=${S.main}`, south.token), [], 'south sees none of north\'s answers');
  assert.deepEqual(await surveys(`initiative_id=${S.initiative}`, south.token), []);
  const fac = await api(srv, facToken, 'GET', `/api/v1/surveys?session_id=${S.main}`);
  assert.equal(fac.status, 403, 'a facilitator may not read survey answers');
  const anon = await api(srv, null, 'GET', `/api/v1/surveys?session_id=${S.main}`);
  assert.equal(anon.status, 401);
});

test('GET /api/v1/surveys with a valid session_id and a malformed initiative_id names initiative_id as the bad field', async () => {
  const r = await api(srv, north.token, 'GET', `/api/v1/surveys?session_id=${S.main}&initiative_id=abc`);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json?.error?.field, 'initiative_id', `the malformed parameter is initiative_id: ${r.text}`);
});

// ---- representation ------------------------------------------------------

test('participants: a session that has ended counts its confirmed registrants by registration language unless their own answer gives one; with check-ins only those checked in count', async () => {
  // Carla (es) registers for the session that will have ended; Beto (es)
  // answered "English" in his survey; Ana (en) did not answer.
  S.carla = await registered(S.ended, { name: 'Carla Diaz', email: 'carla@familias.example.org', language: 'es' });
  // Carla answers with her link but prefers not to say her language.
  const ans = await answer(S.ended, { r: S.carla.token, a_language: '', a_race_ethnicity: '', rating: '4' });
  assert.equal(ans.status, 303);
  // Fay (es) registers and cancels: she does not count.
  const fay = S.fay = await registered(S.ended, { name: 'Fay Nunez', email: 'fay@familias.example.org', language: 'es' });
  const mp = await get(srv, fay.manage, fay.jar);
  const cancel = await postForm(srv, fay.manage, fay.jar, { _csrf: csrfFrom(mp.text), action: 'cancel' });
  assert.equal(cancel.status, 303);
  assert.match((await get(srv, fay.manage, fay.jar)).text, /cancelled/);
  // Check-ins: Dan (es) checked in, Eve (en) registered but not checked in,
  // and a walk-in (no language).
  S.dan = await registered(S.checkin, { name: 'Dan Moreau', email: 'dan@familias.example.org', language: 'es' });
  S.eve = await registered(S.checkin, { name: 'Eve Adams', email: 'eve@families.example.org', language: 'en' });

  // Before: the ended session has not ended yet and nobody is checked in.
  let rep = await representation();
  assert.equal(rep.people, expectedPeople(), `only anonymous answers count yet: ${JSON.stringify(rep)}`);
  assert.deepEqual(apiRows(dimOf(rep, 'language')), model('language', false).rows, 'future registrants are not counted');

  // The session moves into the past (PATCH with UTC times).
  const now = Date.now();
  const moved = await api(srv, north.token, 'PATCH', `/api/v1/sessions/${S.ended}`,
    { starts_at: isoSeconds(now - 3 * HOUR), ends_at: isoSeconds(now - 2 * HOUR) });
  assert.equal(moved.status, 200, moved.text);
  for (const who of [S.ana, S.beto, S.carla]) {   // not Fay, who cancelled
    participants.push(who);
    if (who !== S.beto) tally('language', REG_LANG[who.lang]);   // Beto's language came from his answer
  }

  // Check in Dan through the staff form, and a walk-in.
  const path = `/admin/capture/sessions/${S.checkin}`;
  let res = await postForm(srv, `${path}/attendees`, north.jar, { registration_id: String(S.dan.id) }, { csrfFromPath: path });
  assert.equal(res.status, 303, `check-in: ${res.status}`);
  res = await postForm(srv, `${path}/attendees`, north.jar, { name: 'Walk In Neighbor' }, { csrfFromPath: path });
  assert.equal(res.status, 303, `walk-in: ${res.status}`);
  participants.push(S.dan, { name: 'Walk In Neighbor' });
  tally('language', REG_LANG[S.dan.lang]);

  rep = await representation();
  assert.equal(rep.initiative_id, S.initiative);
  assert.equal(rep.view, 'staff');
  assert.equal(rep.people, expectedPeople(),
    `people: ${anonymousAnswers} anonymous answers + ${participants.length} participants (Beto once; Eve, Fay, Gina and Hal not)`);
  const lang = dimOf(rep, 'language');
  const want = model('language', false);
  assert.deepEqual(apiRows(lang), want.rows, `language rows: counted ${JSON.stringify(counted.language)}`);
  assert.equal(lang.known, want.known);
  // Spelled out: Spanish is Carla + Dan (not Beto, Fay or Hal).
  assert.equal(lang.rows.find((r) => r.category === 'Spanish').count, 2);
});

test('a cancelled registration\'s link cannot answer; where people were checked in, only they get the thank-you', async () => {
  const page = await surveyForm(S.ended, S.fay.token);
  assert.equal(page.res.status, 404);
  assert.match(page.text, /cancelled/);
  const before = (await surveys(`session_id=${S.ended}`)).length;
  const f = await surveyForm(S.ended);   // a form, then the cancelled token posted with it
  const res = await postForm(srv, surveyPath(S.ended), f.jar, { _csrf: f.csrf, website: '', r: S.fay.token, rating: '5' });
  assert.equal(res.status, 404);
  assert.equal((await surveys(`session_id=${S.ended}`)).length, before, 'nothing stored');

  // S.checkin ends in ten days; two hours later the thank-yous are due.
  const end = zonedInstant(TZ, localDate(TZ, 10), '19:30');
  await runOutbox(end + 2 * HOUR + 60 * 1000);
  const msgs = (await api(srv, north.token, 'GET', '/api/v1/messages')).json.messages
    .filter((m) => m.kind === 'thank_you' && (m.registration_id === S.dan.id || m.registration_id === S.eve.id));
  const dan = msgs.find((m) => m.registration_id === S.dan.id);
  const eve = msgs.find((m) => m.registration_id === S.eve.id);
  assert.ok(dan && dan.state !== 'skipped', `Dan, checked in, is thanked: ${JSON.stringify(dan)}`);
  assert.ok(eve, 'a decision is recorded for Eve');
  assert.equal(eve.state, 'skipped');
  assert.equal(eve.note, 'did not check in');
});

test('staff view: counts, shares and the under-represented flag follow count×12500 < share_bp×known', async () => {
  const rep = await representation('staff');
  for (const dim of Object.keys(BASELINE)) {
    const d = dimOf(rep, dim);
    const want = model(dim, false);
    assert.deepEqual(apiRows(d), want.rows, `${dim}: ${JSON.stringify(d.rows)}`);
    assert.equal(d.known, want.known, `${dim} known`);
    assert.equal(d.under, want.rows.filter((r) => r.under).length, `${dim}: the number of rows flagged`);
    for (const r of d.rows) {
      const bp = Math.round(BASELINE[dim][r.category] * 100);
      assert.ok(Math.abs(r.baseline - bp / 10000) < 1e-9, `${dim}/${r.category} baseline ${r.baseline}`);
      assert.ok(Math.abs(r.share - r.count / d.known) < 1e-9, `${dim}/${r.category} share ${r.share}`);
      assert.ok(Math.abs(r.ratio - r.share / r.baseline) < 1e-9, `${dim}/${r.category} ratio ${r.ratio}`);
      assert.equal(r.hidden, false);
    }
  }
  assert.equal(dimOf(rep, 'race_ethnicity').label, 'Race or ethnicity');
  // The case the data was built for: C is 1 of 10 against 20% of the community.
  const race = dimOf(rep, 'race_ethnicity');
  assert.equal(race.known, 10);
  const c = race.rows.find((r) => r.category === RC);
  assert.equal(c.count, 1);
  assert.equal(c.under, true, '1×12500 < 2000×10');
  assert.equal(race.rows.find((r) => r.category === RB).under, false, '3×12500 ≥ 3000×10');
});

test('public view: counts from 1 to 4 are hidden, and one more row when a single one would be; known is kept', async () => {
  const rep = await representation('public');
  assert.equal(rep.view, 'public');
  for (const dim of Object.keys(BASELINE)) {
    const d = dimOf(rep, dim);
    const want = model(dim, true);
    assert.deepEqual(apiRows(d), want.rows, `${dim}: ${JSON.stringify(d.rows)}`);
    assert.equal(d.known, want.known, `${dim} known`);
    for (const r of d.rows) {
      assert.ok(r.count === null || r.count === 0 || r.count >= 5, `${dim}/${r.category}: no count from 1 to 4 (${r.count})`);
      assert.equal(r.hidden, r.count === null);
      if (r.hidden) assert.equal(r.share, null, `${dim}/${r.category}: no share when hidden`);
    }
    assert.notEqual(d.rows.filter((r) => r.hidden).length, 1, `${dim}: never a single hidden row`);
  }
  const race = dimOf(rep, 'race_ethnicity');
  const row = (cat) => race.rows.find((r) => r.category === cat);
  assert.equal(row(RA).count, 6);
  assert.equal(row(RB).count, null, 'B (3) hidden');
  assert.equal(row(RC).count, null, 'C (1) hidden');
  assert.equal(row(RB).hidden, true);
  assert.equal(row(RC).hidden, true);
});

test('view=other answers 400 naming view; another district and a facilitator cannot read the report', async () => {
  const r = await api(srv, north.token, 'GET', `/api/v1/initiatives/${S.initiative}/representation?view=other`);
  assert.equal(r.status, 400);
  assert.equal(r.json?.error?.field, 'view', r.text);
  const dflt = await representation();
  const staff = await representation('staff');
  assert.deepEqual(dflt, staff, 'staff is the default view');
  const s = await api(srv, south.token, 'GET', `/api/v1/initiatives/${S.initiative}/representation`);
  assert.equal(s.status, 404, 'south: 404');
  const f = await api(srv, facToken, 'GET', `/api/v1/initiatives/${S.initiative}/representation`);
  assert.equal(f.status, 403, 'facilitator: 403');
  const page = await get(srv, `/admin/plan/initiatives/${S.initiative}/representation`, south.jar);
  assert.equal(page.res.status, 404, 'south: the staff page is 404');
  assert.equal((await get(srv, `/admin/plan/initiatives/${S.initiative}/representation`)).res.status, 303,
    'signed out: sent to sign in');
});

/** The rows of each dimension section of the staff page. */
function staffPageRows(html) {
  const out = {};
  for (const m of html.matchAll(/<section class="card" aria-labelledby="dim-([a-z_]+)">([\s\S]*?)<\/section>/g)) {
    const body = (m[2].match(/<tbody>([\s\S]*?)<\/tbody>/) || [, ''])[1];
    out[m[1]] = {
      heading: unescape((m[2].match(/<h2[^>]*>([\s\S]*?)<\/h2>/) || [, ''])[1]),
      rows: [...body.matchAll(/<tr( class="under")?>([\s\S]*?)<\/tr>/g)].map((t) => {
        const tds = [...t[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => x[1]);
        return {
          classUnder: !!t[1], flagged: /under-represented/.test(tds[0] || ''),
          category: unescape((tds[0] || '').replace(/<strong[\s\S]*<\/strong>/, '')),
          count: unescape(tds[1] || ''), share: unescape(tds[2] || ''), baseline: unescape(tds[3] || ''),
        };
      }),
    };
  }
  return out;
}

test('the staff page shows each count, share and baseline, and flags the under-represented rows', async () => {
  const { res, text } = await get(srv, `/admin/plan/initiatives/${S.initiative}/representation`, north.jar);
  assert.equal(res.status, 200);
  assert.match(text, /under-represented/);
  assert.ok(text.includes(`People counted: ${expectedPeople()}`), `People counted: ${expectedPeople()}`);
  assert.match(text, /href="\/d\/north\/taking-part"/);
  const page = staffPageRows(text);
  for (const dim of Object.keys(BASELINE)) {
    assert.ok(page[dim], `a section for ${dim}: ${Object.keys(page)}`);
    const want = model(dim, false);
    assert.deepEqual(page[dim].rows.map((r) => r.category), want.rows.map((r) => r.category), `${dim} categories`);
    for (const w of want.rows) {
      const r = page[dim].rows.find((x) => x.category === w.category);
      assert.equal(r.count, String(w.count), `${dim}/${w.category} count`);
      assert.equal(r.share, `${Math.round((w.count / want.known) * 100)}%`, `${dim}/${w.category} share`);
      assert.equal(r.baseline, `${BASELINE[dim][w.category]}%`, `${dim}/${w.category} baseline`);
      assert.equal(r.flagged, w.under, `${dim}/${w.category} flag`);
      assert.equal(r.classUnder, w.under, `${dim}/${w.category} row class`);
    }
    const n = want.rows.filter((r) => r.under).length;
    if (n) assert.match(page[dim].heading, new RegExp(`${n} under-represented`), `${dim} heading: ${page[dim].heading}`);
    else assert.doesNotMatch(page[dim].heading, /under-represented/);
  }
});

/** The public page's rows of one initiative, per dimension label. */
function publicPageRows(html, title) {
  const sec = [...html.matchAll(/<section class="card">([\s\S]*?)<\/section>/g)].find((m) => m[1].includes(`<h2>${title}</h2>`));
  assert.ok(sec, `a section for ${title}`);
  const out = { text: sec[1], people: (sec[1].match(/People counted: (\d+)/) || [])[1] || null, dims: {} };
  for (const part of sec[1].split(/<h3>/).slice(1)) {
    const label = unescape(part.slice(0, part.indexOf('</h3>')));
    const body = (part.match(/<tbody>([\s\S]*?)<\/tbody>/) || [, ''])[1];
    const desc = unescape((part.match(/<desc[^>]*>([\s\S]*?)<\/desc>/) || [, ''])[1]);
    out.dims[label] = {
      desc,
      rows: [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((t) => {
        const tds = [...t[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => x[1]);
        return {
          category: unescape((tds[0] || '').replace(/<strong[\s\S]*<\/strong>/, '')), flagged: /under-represented/.test(tds[0] || ''),
          participants: unescape(tds[1] || ''), community: unescape(tds[2] || ''),
        };
      }),
    };
  }
  return out;
}

test('the public "taking part" page needs no sign-in and never shows a count under 5: hidden rows read "not shown"', async () => {
  const res = await srv.fetch('/d/north/taking-part');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /not shown/);
  const sec = publicPageRows(html, INITIATIVE);
  assert.equal(sec.people, String(expectedPeople()), 'people counted (at least 5) is shown');
  const pub = await representation('public');
  const labels = { race_ethnicity: 'Race or ethnicity', language: 'Language spoken at home' };
  for (const dim of Object.keys(BASELINE)) {
    const d = sec.dims[labels[dim]];
    assert.ok(d, `a table for ${labels[dim]}: ${Object.keys(sec.dims)}`);
    const want = model(dim, true);
    const staff = model(dim, false);
    for (const w of want.rows) {
      const r = d.rows.find((x) => x.category === w.category);
      assert.ok(r, `${dim}/${w.category} listed`);
      assert.equal(r.community, `${BASELINE[dim][w.category]}%`);
      assert.equal(r.flagged, w.under, `${dim}/${w.category}: flagged as in the public view`);
      if (w.hidden) {
        assert.equal(r.participants, 'not shown', `${dim}/${w.category}`);
        // Neither its count nor its share appears anywhere in its row or chart.
        const real = staff.rows.find((x) => x.category === w.category);
        const share = `${Math.round((real.count / staff.known) * 100)}%`;
        assert.ok(!d.desc.includes(`${w.category}: ${share}`), `the chart does not give ${w.category}'s share: ${d.desc}`);
        assert.ok(d.desc.includes(`${w.category}: –`), `the chart shows a dash for ${w.category}: ${d.desc}`);
      } else {
        assert.equal(r.participants, `${Math.round((w.count / pub.dimensions.find((x) => x.dimension === dim).known) * 100)}%`,
          `${dim}/${w.category} share`);
      }
    }
  }
  // Spelled out for the race dimension: C has one answer, B three.
  const race = sec.dims['Race or ethnicity'];
  const cRow = race.rows.find((r) => r.category === RC);
  const bRow = race.rows.find((r) => r.category === RB);
  assert.equal(cRow.participants, 'not shown');
  assert.equal(bRow.participants, 'not shown');
  assert.equal(cRow.flagged, false, 'the public page does not flag what it cannot show');
  assert.equal(race.rows.find((r) => r.category === RA).participants, '60%');
  assert.doesNotMatch(sec.text, /<td>[1-4]<\/td>/, 'no small count in any cell');
  assert.equal((await srv.fetch('/d/nowhere/taking-part')).status, 404);
  assert.doesNotMatch(html, /South calendar/, 'no initiative of another district');
});

test('south\'s public page lists only its own initiative, and a total of fewer than 5 people is not shown', async () => {
  for (let i = 0; i < 2; i++) assert.equal((await answer(S.southSession, { rating: '4' }, await surveyForm(S.southSession, null, 'south'))).status, 303);
  const html = await (await srv.fetch('/d/south/taking-part')).text();
  const sec = publicPageRows(html, 'South calendar');
  assert.equal(sec.people, null, `2 people: the total is not shown: ${sec.text}`);
  assert.doesNotMatch(html, new RegExp(INITIATIVE));
});

test('one answer among zero rows: the public view hides it and a zero row with it; the public page shows no total', async () => {
  const title = 'Few answers';
  const { iid, sid } = await initiativeWithSession(title, 25);
  assert.equal((await answer(sid, { a_race_ethnicity: RB, rating: '3' })).status, 303);
  const counts = { [RB]: 1 };
  for (const view of ['staff', 'public']) {
    const rep = await api(srv, north.token, 'GET', `/api/v1/initiatives/${iid}/representation?view=${view}`);
    assert.equal(rep.status, 200, rep.text);
    assert.equal(rep.json.people, 1);
    const race = dimOf(rep.json, 'race_ethnicity');
    const want = model('race_ethnicity', view === 'public', counts);
    assert.deepEqual(apiRows(race), want.rows, `${view}: ${JSON.stringify(race.rows)}`);
    assert.equal(race.known, want.known, `${view} known`);
    if (view === 'public') {
      assert.equal(race.rows.filter((x) => x.hidden).length, 2, 'the answer and one zero row are hidden');
      assert.equal(race.rows.find((x) => x.category === RB).count, null);
    }
    const lang = dimOf(rep.json, 'language');
    assert.equal(lang.known, 0);
    assert.ok(lang.rows.every((x) => x.count === 0 && !x.under && !x.hidden && x.share === null), JSON.stringify(lang.rows));
  }
  const sec = publicPageRows(await (await srv.fetch('/d/north/taking-part')).text(), title);
  assert.equal(sec.people, null, 'a total of 1 is not shown');
  const rows = sec.dims['Race or ethnicity'].rows;
  assert.equal(rows.find((x) => x.category === RB).participants, 'not shown');
  assert.equal(rows.filter((x) => x.participants === 'not shown').length, 2);
  assert.ok(!rows.some((x) => x.participants === '100%'), 'the only answer\'s share is not shown');
});

test('at the threshold: 4 is hidden and 5 shown; a lone 4 takes the 5 with it, not the 6; two 4s leave the 5 shown', async () => {
  const title = 'Threshold edges';
  const { iid, sid } = await initiativeWithSession(title, 26);
  // 15 answers: race 6 / 5 / 4; language 5 / 4 / 4 and two who say nothing.
  const race = [...Array(6).fill(RA), ...Array(5).fill(RB), ...Array(4).fill(RC)];
  const lang = [...Array(5).fill('English'), ...Array(4).fill('Spanish'), ...Array(4).fill('Vietnamese'), '', ''];
  const counts = { race_ethnicity: {}, language: {} };
  const form = await surveyForm(sid);
  for (let i = 0; i < race.length; i++) {
    const res = await answer(sid, { a_race_ethnicity: race[i], a_language: lang[i], rating: '4' }, form);
    assert.equal(res.status, 303, `answer ${i + 1}: ${res.status}`);
    counts.race_ethnicity[race[i]] = (counts.race_ethnicity[race[i]] || 0) + 1;
    if (lang[i]) counts.language[lang[i]] = (counts.language[lang[i]] || 0) + 1;
  }
  const rep = await api(srv, north.token, 'GET', `/api/v1/initiatives/${iid}/representation?view=public`);
  assert.equal(rep.status, 200, rep.text);
  for (const dim of Object.keys(BASELINE)) {
    const d = dimOf(rep.json, dim);
    const want = model(dim, true, counts[dim]);
    assert.deepEqual(apiRows(d), want.rows, `${dim}: ${JSON.stringify(d.rows)}`);
    assert.equal(d.known, want.known, `${dim} known`);
  }
  const rrow = (cat) => dimOf(rep.json, 'race_ethnicity').rows.find((x) => x.category === cat);
  assert.equal(rrow(RA).count, 6, 'the 6 is shown');
  assert.equal(rrow(RB).count, null, 'the 5 goes with the lone 4');
  assert.equal(rrow(RC).count, null, 'the 4 is hidden');
  const lrow = (cat) => dimOf(rep.json, 'language').rows.find((x) => x.category === cat);
  assert.equal(lrow('English').count, 5, 'a 5 beside two hidden rows is shown');
  assert.equal(lrow('Spanish').count, null);
  assert.equal(lrow('Vietnamese').count, null);
  assert.equal(dimOf(rep.json, 'language').known, 13);

  const sec = publicPageRows(await (await srv.fetch('/d/north/taking-part')).text(), title);
  assert.equal(sec.people, '15');
  const prow = (label, cat) => sec.dims[label].rows.find((x) => x.category === cat).participants;
  assert.equal(prow('Race or ethnicity', RA), '40%');
  assert.equal(prow('Race or ethnicity', RB), 'not shown');
  assert.equal(prow('Race or ethnicity', RC), 'not shown');
  assert.equal(prow('Language spoken at home', 'English'), `${Math.round((5 / 13) * 100)}%`);
  assert.equal(prow('Language spoken at home', 'Spanish'), 'not shown');
  assert.equal(prow('Language spoken at home', 'Vietnamese'), 'not shown');
});

test('after 60 answers in an hour from one address the next answers 429 with Retry-After, and is not stored', async () => {
  // A second initiative, so that the flood stays out of the first report.
  const { sid } = await initiativeWithSession('Flood check', 30);
  const left = SURVEY_PER_HOUR - surveysStored;
  assert.ok(left > 0 && left < SURVEY_PER_HOUR, `answers stored so far: ${surveysStored}`);
  const form = await surveyForm(sid);
  for (let i = 0; i < left; i++) {
    const res = await answer(sid, { rating: '3', comment: `flood ${i}` }, form);
    assert.equal(res.status, 303, `answer ${i + 1} of the ${left} left in the hour (${surveysStored} stored before)`);
  }
  const res = await answer(sid, { rating: '3', comment: 'one too many' }, form);
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('retry-after'), '3600');
  assert.match(alertOf(await res.text()) || '', /Too many answers/);
  const list = await surveys(`session_id=${sid}`);
  assert.equal(list.length, left);
  assert.ok(!list.some((s) => s.comment === 'one too many'));
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
