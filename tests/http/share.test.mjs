// Share: the public hub of the demo district "riverside" — recaps (with
// their languages, Open Graph tags, safe Markdown and cover images),
// questions and answers (the public form with its checks, honeypot, CSRF
// and hourly limit; moderation, merging, answers and the e-mail to the
// askers through a real SMTP listener), "you said, we did" actions, search
// (SQLite FTS5 or PostgreSQL tsvector), the Atom feed (validated against
// RFC 4287's RELAX NG schema) — and the staff side: report-back messages
// once per participant, recaps drafted, scheduled and published by form and
// API, roles, districts, CSRF and security headers.
//
// Expectations are computed from what the API says is stored (and a small
// model of the documented rules: what is visible when, who took part),
// never typed in as results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';

import { startServer, seedDemo, person, Jar, csrfFrom } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm, securityHeaderProblems, localDate, zonedInstant, isoSeconds } from '../lib/http.mjs';
import { startSmtp, decoded } from '../lib/smtp.mjs';
import { validateAtom } from '../lib/atom.mjs';

const SLUG = 'riverside';
const HUB = `/d/${SLUG}`;
const BASE = 'http://hub.riverside.test';
const TZ = 'America/Chicago';
const PG = process.env.CG_TEST_DB === 'postgres';
const STAFF = 'staff.share@riverside.example.org';
const FAC = 'fac.share@riverside.example.org';
const PARTNER = 'partner.share@riverside.example.org';
const OTHER = 'admin@other.example.org';

// The demo's recaps and questions (src/cmd/seed_demo.c), by what they are.
const RECAP_FAMILIES = 'devices-at-home-what-families-told-us';   // en + es, conversation 1
const RECAP_PLAN = 'how-laptops-will-go-home';                     // en only
const RECAP_ES = 'conversaciones-en-espanol';                      // es only
const FAMILIES_ES_TITLE = 'Computadoras en casa: lo que nos dijeron las familias';
const OPEN_QUESTION = 'When will the summer device policy be decided?';
const NEW_QUESTION = 'Can grandparents who are guardians come to the next session?';
const ANSWERED = 'Your question has been answered';

let smtp, srv, stopped = null;
let adminToken;
let staff, fac, partner, other;     // { jar, token }
let csrf, facCsrf, partnerCsrf, otherCsrf;
const S = {};                        // ids shared between tests, filled as they go

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { COMMONGROUND_SMTP_URL: smtp.url, COMMONGROUND_BASE_URL: BASE } });
  ({ token: adminToken } = await seedDemo(srv));
  staff = await person(srv, SLUG, STAFF, 'staff', PASSWORD);
  fac = await person(srv, SLUG, FAC, 'facilitator', PASSWORD);
  partner = await person(srv, SLUG, PARTNER, 'partner', PASSWORD);
  await srv.cli('district', 'add', '--slug', 'other', '--name', 'Other Valley Schools', '--timezone', TZ, '--languages', 'en,es');
  other = await person(srv, 'other', OTHER, 'admin', PASSWORD);
  csrf = csrfFrom((await get(srv, '/admin/share', staff.jar)).text);
  otherCsrf = csrfFrom((await get(srv, '/admin/share', other.jar)).text);
  facCsrf = csrfFrom((await get(srv, '/admin', fac.jar)).text);
  partnerCsrf = csrfFrom((await get(srv, '/admin', partner.jar)).text);
  assert.ok(csrf && otherCsrf && facCsrf && partnerCsrf, 'CSRF tokens found');

  // The other district: an initiative and a conversation of its own.
  let r = await api(srv, other.token, 'POST', '/api/v1/initiatives', { title: 'Other calendar', why: 'A fall break.', mode: 'cooperate' });
  assert.equal(r.status, 201, r.text);
  S.otherInitiative = r.json.id;
  r = await api(srv, other.token, 'POST', '/api/v1/conversations',
    { initiative_id: S.otherInitiative, title: 'Other calendar talk', managed_by: 'district', facilitator: 'Sam' });
  assert.equal(r.status, 201, r.text);
  S.otherConversation = r.json.id;

  // The demo's codes (the themes of its actions).
  r = await api(srv, adminToken, 'GET', '/api/v1/codes?initiative_id=1');
  assert.equal(r.status, 200, r.text);
  S.codes = r.json.codes;
  assert.ok(S.codes.length >= 2, 'the demo has two codes');

  // What the demo queued (registration confirmations, one answer) goes
  // out now, so that every message after this is one of ours.
  await runOutbox();
  S.mailMark = smtp.messages.length;
});

after(async () => {
  if (srv && !stopped) await srv.stop();
  if (smtp) await smtp.stop();
});

// ---- helpers ---------------------------------------------------------------

function unescapeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

/** Text of HTML without tags, entities decoded, white space folded. */
const textOf = (html) => unescapeHtml(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();

/** The alert of a page with an error, or null. */
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? textOf(m[1]) : null;
}

/** The inner HTML of the element that opens with `open` (up to its close tag). */
function section(html, open, close = '</section>') {
  const i = html.indexOf(open);
  if (i < 0) return null;
  const j = html.indexOf(close, i);
  return html.slice(i, j < 0 ? undefined : j);
}

/** The <html lang> of a page. */
const pageLang = (html) => (html.match(/<html lang="([^"]+)"/) || [])[1];

/** The content of <meta property|name="key"> in the head. */
function meta(html, key) {
  const head = html.split('</head>')[0];
  const m = head.match(new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`));
  return m ? unescapeHtml(m[1]) : null;
}

/** Runs the outbox job (as the minute job would) at instant ms. */
async function runOutbox(ms = Date.now() + 2000) {
  const out = await srv.cli('outbox', 'run', '--now', isoSeconds(ms));
  const m = /(\d+) queued, (\d+) skipped, (\d+) sent, (\d+) to retry, (\d+) failed, (\d+) waiting/.exec(out);
  assert.ok(m, `outbox run output: ${out}`);
  return { out: out.trim(), sent: Number(m[3]), failed: Number(m[5]) };
}

/** The messages the SMTP listener got for one address since the demo's, decoded. */
const mailTo = (addr) => smtp.messages.slice(S.mailMark).filter((m) => m.to.includes(addr)).map((m) => decoded(m));

/** The "your question has been answered" e-mails (English or Spanish) one address got. */
const answerMails = (addr) => mailTo(addr).filter((m) => /^(Your question has been answered|Su pregunta ha sido respondida)$/.test(m.headers.subject));

// Public questions come from a loopback address of their own, so that the
// hourly limit per address (five) is not shared between tests.
let ipNext = 1;
const freshIp = () => `127.0.77.${ipNext++}`;

/** A POST with node:http from a chosen local address: {status, headers, text}. */
function rawPost(path, body, { cookie = '', ip = '127.0.0.1', type = 'application/x-www-form-urlencoded' } = {}) {
  return new Promise((resolve, reject) => {
    const buf = Buffer.from(body);
    const headers = { 'content-type': type, 'content-length': buf.length };
    if (cookie) headers.cookie = cookie;
    const req = http.request({ host: '127.0.0.1', port: srv.port, path, method: 'POST', localAddress: ip, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(buf);
  });
}

/** The ask form of a district in a fresh jar (with a lang cookie when given). */
async function askForm({ slug = SLUG, lang } = {}) {
  const jar = new Jar();
  if (lang) jar.cookies.set('lang', lang);
  const { res, text } = await get(srv, `/d/${slug}/questions`, jar);
  assert.equal(res.status, 200);
  const token = csrfFrom(text);
  assert.ok(token, 'the questions page has a _csrf field');
  return { jar, csrf: token, slug };
}

/** Sends the public ask form: fields as the form names them. */
async function ask(fields, { ip = freshIp(), form, lang, slug = SLUG } = {}) {
  const f = form || await askForm({ lang, slug });
  const all = { _csrf: f.csrf, body: '', email: '', website: '', ...fields };
  for (const k of Object.keys(all)) if (all[k] === null) delete all[k];
  return rawPost(`/d/${f.slug}/questions`, new URLSearchParams(all).toString(), { cookie: f.jar.header(), ip });
}

/** Asks and expects the thank-you redirect; returns the stored question (API). */
async function asked(body, email = '', opts = {}) {
  const r = await ask({ body, email }, opts);
  assert.equal(r.status, 303, `asking "${body}": ${r.status} ${alertOf(r.text)}`);
  const q = (await questionsApi()).questions.find((x) => x.body === body);
  assert.ok(q, `"${body}" is stored`);
  return q;
}

async function questionsApi(query = '', token = adminToken) {
  const r = await api(srv, token, 'GET', `/api/v1/questions${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function question(id) {
  const r = await api(srv, adminToken, 'GET', `/api/v1/questions/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** A staff decision on a question through its form. */
function decide(id, fields, { jar = staff.jar, token = csrf } = {}) {
  const f = { ...fields };
  if (token !== null) f._csrf = token;
  return postForm(srv, `/admin/share/questions/${id}`, jar, f);
}

async function postsApi(token = adminToken) {
  const r = await api(srv, token, 'GET', '/api/v1/posts');
  assert.equal(r.status, 200, r.text);
  return r.json.posts;
}

async function actionsApi(query = '', token = adminToken) {
  const r = await api(srv, token, 'GET', `/api/v1/actions${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json.actions;
}

/** The recap form, every field the page has, with the staff's token. */
function recapForm(fields, { path = '/admin/share/recaps', jar = staff.jar, token = csrf } = {}) {
  const f = {
    title_en: '', summary_en: '', body_en: '', title_es: '', summary_es: '', body_es: '', initiative_id: '',
    conversation_id: '', slug: '', status: 'draft', publish_date: '', publish_time: '', ...fields,
  };
  if (token !== null) f._csrf = token;
  return postForm(srv, path, jar, f);
}

/** Saves a recap by form and expects the redirect; returns its id. */
async function savedRecap(fields, path) {
  const res = await recapForm(fields, path ? { path } : {});
  const html = res.status === 303 ? '' : await res.text();
  assert.equal(res.status, 303, `recap saved: ${res.status} ${alertOf(html)}`);
  const m = /^\/admin\/share\/recaps\/(\d+)\?saved=1$/.exec(res.headers.get('location') || '');
  assert.ok(m, `to the edit page, not ${res.headers.get('location')}`);
  return Number(m[1]);
}

/** A recap page: status, page, the article's language, its <html lang>. */
async function recapPage(slug, { jar, query = '', headers } = {}) {
  const { res, text } = await get(srv, `${HUB}/recaps/${slug}${query}`, jar, headers);
  const art = text.match(/<article class="recap" lang="([^"]+)"[^>]*>([\s\S]*?)<\/article>/);
  return { res, text, articleLang: art ? art[1] : null, article: art ? art[2] : '', htmlLang: pageLang(text) };
}

/** What the hub shows at now, by the documented rule: not a draft and
 *  publish_at reached; newest first. */
async function visiblePosts() {
  const now = Date.now();
  return (await postsApi()).filter((p) => p.status !== 'draft' && p.publish_at && Date.parse(p.publish_at) <= now)
    .sort((a, b) => Date.parse(b.publish_at) - Date.parse(a.publish_at) || b.id - a.id);
}

/** The feed: response, text and its entries. */
async function feed(jar, slug = SLUG) {
  const { res, text } = await get(srv, `/d/${slug}/feed.atom`, jar);
  const entries = [...text.matchAll(/<entry xml:lang="([^"]+)">([\s\S]*?)<\/entry>/g)].map((m) => ({
    lang: m[1],
    id: (m[2].match(/<id>([^<]*)<\/id>/) || [])[1],
    title: unescapeHtml((m[2].match(/<title>([^<]*)<\/title>/) || [])[1] || ''),
    links: [...m[2].matchAll(/<link rel="alternate" type="text\/html" href="([^"]*)"\/>/g)].map((x) => unescapeHtml(x[1])),
    content: unescapeHtml((m[2].match(/<content type="html">([\s\S]*?)<\/content>/) || [])[1] || ''),
  }));
  return { res, text, entries };
}

/** The slugs of the recap cards of a page (hub or list), in order. */
const recapSlugs = (html) => [...html.matchAll(/<a href="\/d\/riverside\/recaps\/([a-z0-9-]+)">/g)].map((m) => m[1]);

/** Search results: [{ href, title, marks, text }]. */
async function search(q, { jar, slug = SLUG, raw = false } = {}) {
  const { res, text } = await get(srv, `/d/${slug}/search?q=${raw ? q : encodeURIComponent(q)}`, jar);
  const results = section(text, '<h2>Results</h2>', '</main>') || '';
  const hits = [...results.matchAll(/<article class="card"[^>]*>([\s\S]*?)<\/article>/g)].map((m) => ({
    href: unescapeHtml((m[1].match(/<a href="([^"]+)">/) || [])[1] || ''),
    title: textOf((m[1].match(/<h3><a [^>]*>([\s\S]*?)<\/a><\/h3>/) || [])[1] || ''),
    marks: [...m[1].matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((x) => unescapeHtml(x[1])),
    html: m[1],
  }));
  return { res, text, hits, hrefs: hits.map((h) => h.href).sort() };
}

// A PNG of w×h pixels, made byte by byte (signature, IHDR, IDAT, IEND).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function png(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 2;   // truecolour
  const raw = Buffer.alloc(h * (1 + 3 * w), 0x7f);
  for (let y = 0; y < h; y++) raw[y * (1 + 3 * w)] = 0;   // filter byte
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads a cover image to recap id through the staff form. */
async function upload(id, bytes, { name = 'cover.png', type = 'image/png', alt = 'A picture', jar = staff.jar, token = csrf } = {}) {
  const form = new FormData();
  if (token !== null) form.append('_csrf', token);
  if (bytes !== null) form.append('image', new Blob([bytes], { type }), name);
  if (alt !== null) form.append('alt', alt);
  const res = await srv.fetch(`/admin/share/recaps/${id}/image`, { method: 'POST', headers: { cookie: jar.header() }, body: form });
  return { res, text: await res.text() };
}

/** Sessions of a conversation, from the API. */
async function sessionsOf(conversationId) {
  const r = await api(srv, adminToken, 'GET', `/api/v1/sessions?conversation_id=${conversationId}`);
  assert.equal(r.status, 200, r.text);
  return r.json.sessions;
}

/** Who took part in a conversation, by the documented rule: in each session
 *  that has ended, those checked in where people were checked in, else the
 *  confirmed registrants; only those with an e-mail address. */
async function participants(conversationId) {
  const out = [];
  for (const s of await sessionsOf(conversationId)) {
    if (Date.parse(s.ends_at) > Date.now()) continue;
    const regs = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${s.id}/registrations`)).json.registrations;
    const att = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${s.id}/attendees`)).json.attendees;
    const came = new Set(att.filter((a) => a.registration_id).map((a) => a.registration_id));
    for (const reg of regs)
      if ((att.length ? came.has(reg.id) : reg.status === 'confirmed') && reg.email) out.push({ email: reg.email, lang: reg.language });
  }
  return out;
}

/** The results messages (report-back) one address got for a conversation. */
const resultsTo = (addr, title) => mailTo(addr).filter((m) => m.headers.subject.includes(title) && /^(What we heard|Lo que escuchamos): /.test(m.headers.subject));

/** The approved and other quotes of the demo initiative (staff page). */
async function quotes() {
  const { res, text } = await get(srv, '/admin/understand/quotes?initiative=1', staff.jar);
  assert.equal(res.status, 200);
  return [...text.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)].map((m) => ({
    text: textOf((m[1].match(/<blockquote>([\s\S]*?)<\/blockquote>/) || [])[1] || ''),
    status: textOf((m[1].match(/<p class="meta">([\s\S]*?)<\/p>/) || [])[1] || '').split(' · ').pop(),
  }));
}

// ============================================================================
// The public hub, as the demo leaves it
// ============================================================================

test('the hub: upcoming sessions with Register links, the three newest recaps, answered questions, action counts and the initiative', async () => {
  const { res, text } = await get(srv, `${HUB}/`);
  assert.equal(res.status, 200);
  assert.deepEqual(securityHeaderProblems(res), []);
  assert.equal(pageLang(text), 'en');

  // Upcoming sessions: those open for registration that have not started.
  const upcoming = [];
  for (const c of (await api(srv, adminToken, 'GET', '/api/v1/conversations?initiative_id=1')).json.conversations)
    for (const s of await sessionsOf(c.id))
      if (s.registration_open && Date.parse(s.starts_at) > Date.now()) upcoming.push(s.id);
  const sec = section(text, '<h2 id="upcoming">');
  const register = [...sec.matchAll(/<a class="button" href="\/d\/riverside\/sessions\/(\d+)#register">Register<\/a>/g)].map((m) => Number(m[1]));
  assert.ok(upcoming.length >= 2, 'the demo has upcoming sessions');
  assert.deepEqual(register.sort((a, b) => a - b), upcoming.sort((a, b) => a - b), 'one Register link per upcoming session');
  for (const id of register) assert.equal((await get(srv, `${HUB}/sessions/${id}`)).res.status, 200, `session ${id} is public`);

  // Recaps: the three newest visible, newest first.
  const visible = (await visiblePosts()).map((p) => p.slug);
  assert.deepEqual(visible, [RECAP_ES, RECAP_PLAN, RECAP_FAMILIES], 'the demo\'s three recaps, newest first');
  assert.deepEqual(recapSlugs(section(text, '<h2 id="recent">')), visible.slice(0, 3));
  assert.match(text, /<article class="card" lang="es">\s*<h3><a href="\/d\/riverside\/recaps\/conversaciones-en-espanol">Conversaciones en español/,
    'a Spanish-only recap says its language to an English reader');

  // Answered questions: the three answered most recently; the count waiting.
  const qs = (await questionsApi()).questions;
  const answered = qs.filter((q) => q.status === 'published' && q.answered)
    .sort((a, b) => Date.parse(b.answered_at) - Date.parse(a.answered_at) || b.id - a.id);
  const waiting = qs.filter((q) => q.status === 'published' && !q.answered);
  const ans = section(text, '<h2 id="answers">');
  assert.deepEqual([...ans.matchAll(/<a href="\/d\/riverside\/questions\/(\d+)">/g)].map((m) => Number(m[1])),
    answered.slice(0, 3).map((q) => q.id));
  assert.match(textOf(ans), new RegExp(`Ask a question · ${waiting.length} waiting for an answer`));
  assert.ok(!text.includes(NEW_QUESTION), 'a question waiting for moderation is not on the hub');

  // Actions in counts.
  const acts = await actionsApi();
  const count = (st) => acts.filter((a) => a.status === st).length;
  const did = textOf(section(text, '<h2 id="did">'));
  assert.match(did, new RegExp(`${count('in_progress')} in progress ${count('planned')} planned ${count('done')} done`));
  assert.match(text, /<a href="\/d\/riverside\/actions">/);
  assert.match(textOf(section(text, '<h2 id="work">')), /One-to-one device rollout/);
  assert.match(text, /<a href="\/d\/riverside\/feed\.atom">/);
  for (const addr of ['lee.w@example.net', 'pat.nguyen@example.net']) assert.ok(!text.includes(addr), `${addr} is not shown`);
});

test('the hub in Spanish: from the lang cookie (/lang/es) or Accept-Language; each recap in Spanish when it has it', async () => {
  const jar = new Jar();
  const set = await get(srv, `/lang/es?next=${encodeURIComponent(`${HUB}/`)}`, jar);
  assert.equal(set.res.status, 303);
  assert.equal(set.res.headers.get('location'), `${HUB}/`);
  assert.equal(jar.cookies.get('lang'), 'es');
  const es = await get(srv, `${HUB}/`, jar);
  assert.equal(es.res.status, 200);
  assert.equal(pageLang(es.text), 'es');
  const recent = section(es.text, '<h2 id="recent">');
  assert.ok(recent.includes(FAMILIES_ES_TITLE), 'the families\' recap in its Spanish version');
  assert.match(recent, /<article class="card" lang="en">\s*<h3><a href="\/d\/riverside\/recaps\/how-laptops-will-go-home">How laptops/,
    'an English-only recap keeps English and says so');
  assert.match(recent, /<article class="card">\s*<h3><a href="\/d\/riverside\/recaps\/conversaciones-en-espanol">/);

  for (const al of ['es', 'es-MX,es;q=0.9,en;q=0.5']) {
    const r = await get(srv, `${HUB}/`, null, { 'accept-language': al });
    assert.equal(pageLang(r.text), 'es', `Accept-Language: ${al}`);
  }
  const en = await get(srv, `${HUB}/`, null, { 'accept-language': 'fr-FR,en;q=0.5' });
  assert.equal(pageLang(en.text), 'en');
  // The cookie wins over Accept-Language.
  const both = await get(srv, `${HUB}/`, jar, { 'accept-language': 'en' });
  assert.equal(pageLang(both.text), 'es');
});

test('the hub in Vietnamese, Chinese and Arabic: the interface in the language, Arabic right to left', async () => {
  const want = {
    vi: { dir: 'ltr', nav: 'Tiếng Việt' },
    'zh-Hans': { dir: 'ltr', nav: '简体中文' },
    ar: { dir: 'rtl', nav: 'العربية' },
  };
  const en = await get(srv, `${HUB}/`);
  for (const [tag, w] of Object.entries(want)) {
    const jar = new Jar();
    const set = await get(srv, `/lang/${tag}?next=${encodeURIComponent(`${HUB}/`)}`, jar);
    assert.equal(set.res.status, 303, tag);
    assert.equal(jar.cookies.get('lang'), tag);
    const page = await get(srv, `${HUB}/`, jar);
    assert.equal(page.res.status, 200);
    assert.equal(pageLang(page.text), tag);
    assert.match(page.text, new RegExp(`<html lang="${tag}" dir="${w.dir}">`));
    // The switch offers English in English, and not the page's own language.
    assert.match(page.text, /<a href="\/lang\/en\?next=[^"]*" lang="en" dir="ltr" hreflang="en">English<\/a>/);
    assert.ok(!page.text.includes(`hreflang="${tag}"`), `${tag} does not offer itself`);
    // The interface's words changed: the page's headings are not English.
    const headings = (t) => [...t.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    assert.ok(headings(page.text).length > 0);
    assert.notDeepEqual(headings(page.text), headings(en.text), `${tag}: headings translated`);
    // The English page offers the language by its own name.
    assert.ok(en.text.includes(`lang="${tag}" dir="${w.dir}" hreflang="${tag}">${w.nav}</a>`), tag);
  }
  const r = await get(srv, `${HUB}/`, null, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.equal(pageLang(r.text), 'zh-Hans');
  const ar = await get(srv, `${HUB}/`, null, { 'accept-language': 'ar-EG' });
  assert.match(ar.text, /<html lang="ar" dir="rtl">/);
  const none = await get(srv, '/lang/so');
  assert.equal(none.res.status, 404, 'a language without a catalog is not offered');
});

test('an unknown district answers 404 on every page of the hub', async () => {
  for (const p of ['/', '/recaps', `/recaps/${RECAP_PLAN}`, '/questions', '/questions/1', '/actions', '/search?q=hotspot', '/feed.atom', '/images/1']) {
    const { res } = await get(srv, `/d/no-such-district${p}`);
    assert.equal(res.status, 404, p);
    assert.deepEqual(securityHeaderProblems(res), [], p);
  }
});

test('the recaps list shows every visible recap, newest first, each with its summary', async () => {
  const { res, text } = await get(srv, `${HUB}/recaps`);
  assert.equal(res.status, 200);
  const visible = await visiblePosts();
  assert.deepEqual(recapSlugs(text), visible.map((p) => p.slug));
  for (const p of visible) {
    const t = p.texts.find((x) => x.lang === 'en') || p.texts[0];
    assert.ok(text.includes(t.title.replace(/'/g, '&#39;')), t.title);
    assert.ok(textOf(text).includes(t.summary), t.summary);
  }
  assert.match(text, /<a href="\/d\/riverside\/feed\.atom">/);
});

test('a recap is shown in ?lang, else the visitor\'s language, else English, else the language it has; <article lang> says which', async () => {
  const esJar = new Jar();
  esJar.cookies.set('lang', 'es');
  const cases = [
    // slug, options, <html lang>, <article lang>
    [RECAP_FAMILIES, {}, 'en', 'en'],
    [RECAP_FAMILIES, { query: '?lang=es' }, 'en', 'es'],
    [RECAP_FAMILIES, { headers: { 'accept-language': 'es' } }, 'es', 'es'],
    [RECAP_FAMILIES, { jar: esJar }, 'es', 'es'],
    [RECAP_FAMILIES, { jar: esJar, query: '?lang=en' }, 'es', 'en'],
    [RECAP_FAMILIES, { query: '?lang=fr' }, 'en', 'en'],
    [RECAP_PLAN, { query: '?lang=es' }, 'en', 'en'],
    [RECAP_PLAN, { jar: esJar }, 'es', 'en'],
    [RECAP_ES, {}, 'en', 'es'],
    [RECAP_ES, { query: '?lang=en' }, 'en', 'es'],
  ];
  const posts = await postsApi();
  for (const [slug, opts, html, art] of cases) {
    const p = await recapPage(slug, opts);
    const what = `${slug} ${JSON.stringify(opts.query || opts.headers || (opts.jar ? 'cookie es' : ''))}`;
    assert.equal(p.res.status, 200, what);
    assert.equal(p.htmlLang, html, `${what}: <html lang>`);
    assert.equal(p.articleLang, art, `${what}: <article lang>`);
    const t = posts.find((x) => x.slug === slug).texts.find((x) => x.lang === art);
    assert.equal(textOf((p.article.match(/<h1 id="recap-title">([\s\S]*?)<\/h1>/) || [])[1] || ''), t.title, `${what}: the title`);
  }
  // The other language is offered.
  const en = await recapPage(RECAP_FAMILIES);
  assert.match(en.text, /<a href="\/d\/riverside\/recaps\/devices-at-home-what-families-told-us\?lang=es" lang="es" hreflang="es">Español<\/a>/);
  const es = await recapPage(RECAP_FAMILIES, { query: '?lang=es' });
  assert.match(es.text, /<a href="\/d\/riverside\/recaps\/devices-at-home-what-families-told-us\?lang=en" lang="en" hreflang="en">English<\/a>/);
  assert.doesNotMatch((await recapPage(RECAP_PLAN)).text, /Also in:/);
  for (const bad of ['no-such-recap', 'How-Laptops-Will-Go-Home', 'how-laptops-will-go-home-']) assert.equal((await recapPage(bad)).res.status, 404, bad);
});

test('a recap\'s <head> carries Open Graph and Twitter tags: title, summary, absolute URL, type article', async () => {
  const posts = await postsApi();
  for (const [slug, query, lang] of [[RECAP_FAMILIES, '', 'en'], [RECAP_FAMILIES, '?lang=es', 'es'], [RECAP_ES, '', 'es']]) {
    const p = await recapPage(slug, { query });
    const t = posts.find((x) => x.slug === slug).texts.find((x) => x.lang === lang);
    assert.equal(meta(p.text, 'og:title'), t.title, `${slug}${query}: og:title`);
    assert.equal(meta(p.text, 'og:description'), t.summary, `${slug}${query}: og:description`);
    assert.equal(meta(p.text, 'og:url'), `${BASE}${HUB}/recaps/${slug}`, `${slug}${query}: og:url`);
    assert.equal(meta(p.text, 'og:type'), 'article');
    assert.equal(meta(p.text, 'og:locale'), lang === 'es' ? 'es_US' : 'en_US');
    assert.ok(meta(p.text, 'twitter:card'), 'twitter:card');
    assert.equal(meta(p.text, 'og:image'), null, 'no og:image without a cover');
    assert.ok(!p.text.split('</head>')[1].includes('og:title'), 'the tags are in <head>');
  }
});

test('the questions page: answered questions with their answers, the one waiting, the ask form; nothing new, merged or private', async () => {
  const { res, text } = await get(srv, `${HUB}/questions`);
  assert.equal(res.status, 200);
  const qs = (await questionsApi()).questions;
  const answered = qs.filter((q) => q.status === 'published' && q.answered);
  const shown = [...section(text, '<h2 id="answered">').matchAll(/<article class="card qa" id="q-(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(shown.sort((a, b) => a - b), answered.map((q) => q.id).sort((a, b) => a - b));
  for (const q of answered) assert.ok(textOf(text).includes(textOf(q.answer.replace(/\*\*/g, ''))), `the answer to ${q.id}`);
  const waiting = textOf(section(text, '<h2 id="waiting">'));
  assert.ok(waiting.includes(OPEN_QUESTION));
  for (const q of qs.filter((x) => x.status === 'new' || x.status === 'merged' || x.status === 'hidden'))
    assert.ok(!textOf(text).includes(q.body), `"${q.body}" (${q.status}) is not shown`);
  for (const q of qs.filter((x) => x.email)) assert.ok(!text.includes(q.email), `${q.email} is not shown`);
  const form = section(text, `<form method="post" action="${HUB}/questions"`, '</form>');
  assert.ok(form, 'the ask form posts to the questions page');
  for (const name of ['_csrf', 'body', 'email', 'website']) assert.match(form, new RegExp(`name="${name}"`), name);
});

test('one question: answered and waiting ones are public, a merged one redirects (303) to where it was merged, a new one is 404', async () => {
  const qs = (await questionsApi()).questions;
  const answered = qs.find((q) => q.status === 'published' && q.answered);
  let r = await get(srv, `${HUB}/questions/${answered.id}`);
  assert.equal(r.res.status, 200);
  assert.equal(textOf(r.text.match(/<h1 id="question">([\s\S]*?)<\/h1>/)[1]), answered.body);
  assert.match(r.text, /<h2>Our answer<\/h2>/);
  const open = qs.find((q) => q.body === OPEN_QUESTION);
  r = await get(srv, `${HUB}/questions/${open.id}`);
  assert.equal(r.res.status, 200);
  assert.match(r.text, /We have not answered this question yet\./);
  const merged = qs.find((q) => q.status === 'merged');
  assert.ok(merged && merged.merged_into, 'the demo has a merged question');
  r = await get(srv, `${HUB}/questions/${merged.id}`);
  assert.equal(r.res.status, 303);
  assert.equal(r.res.headers.get('location'), `${HUB}/questions/${merged.merged_into}`);
  const fresh = qs.find((q) => q.body === NEW_QUESTION);
  assert.equal(fresh.status, 'new');
  assert.equal((await get(srv, `${HUB}/questions/${fresh.id}`)).res.status, 404);
  for (const bad of ['0', '-1', 'abc', '999999', `${answered.id}x`]) assert.equal((await get(srv, `${HUB}/questions/${bad}`)).res.status, 404, bad);
  assert.equal((await get(srv, `/d/other/questions/${answered.id}`)).res.status, 404, 'under another district');
});

test('"you said, we did": actions grouped by theme with its public meaning and approved quotes; progress bars; "Why not:" for not doing', async () => {
  const { res, text } = await get(srv, `${HUB}/actions`);
  assert.equal(res.status, 200);
  const acts = await actionsApi();
  const themes = [...new Set(acts.map((a) => a.code_id))];
  const sections = [...text.matchAll(/<section class="theme" aria-labelledby="theme-(\d+)">([\s\S]*?)<\/section>/g)]
    .map((m) => ({ id: Number(m[1]), html: m[2] }));
  assert.deepEqual(sections.map((s) => s.id).sort(), themes.map((t) => t || 0).sort(), 'one section per theme with actions');
  const qs = await quotes();
  const approved = qs.filter((q) => q.status === 'approved').map((q) => q.text);
  assert.ok(approved.length >= 1, 'the demo has approved quotes');
  const shownQuotes = sections.flatMap((s) => [...s.html.matchAll(/<blockquote class="quote"><p>([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1])));
  assert.deepEqual([...shownQuotes].sort(), [...approved].sort(), 'exactly the approved quotes');
  for (const q of qs.filter((x) => x.status !== 'approved')) assert.ok(!textOf(text).includes(q.text), `"${q.text}" (${q.status}) is not public`);
  // The demo's public meanings of its two themes.
  assert.match(textOf(text), /Many families have no internet at home, or share one phone's data/);
  assert.match(textOf(text), /Students and parents want fair, clear rules on screen time/);
  for (const a of acts) {
    const s = sections.find((x) => x.id === a.code_id);
    const card = [...s.html.matchAll(/<article class="card action">([\s\S]*?)<\/article>/g)].map((m) => m[1])
      .find((h) => textOf(h.match(/<h3>([\s\S]*?)<\/h3>/)[1]).endsWith(a.title));
    assert.ok(card, `"${a.title}" under its theme`);
    const head = textOf(card.match(/<h3>([\s\S]*?)<\/h3>/)[1]);
    assert.equal(head, `${a.status === 'done' ? 'We did:' : a.status === 'not_doing' ? 'We will not:' : 'We will:'} ${a.title}`);
    if (a.status === 'not_doing') {
      assert.doesNotMatch(card, /<progress/);
      assert.ok(textOf(card).includes(`Why not: ${a.reason}`), `the reason for "${a.title}"`);
    } else {
      assert.match(card, new RegExp(`<progress max="100" value="${a.progress}"`), a.title);
      assert.doesNotMatch(card, /Why not:/);
    }
    if (a.owner) assert.ok(textOf(card).includes(`Responsible: ${a.owner}`));
  }
});

test('search: prefix matching, every word must match, <mark> around matches; published recaps and answered questions only', async () => {
  const qs = (await questionsApi()).questions;
  const qid = (body) => qs.find((q) => q.body === body).id;
  const hotspotDocs = [`${HUB}/questions/${qid('Can we get internet help if we live outside the city limits?')}`,
    `${HUB}/recaps/${RECAP_PLAN}?lang=en`, `${HUB}/recaps/${RECAP_FAMILIES}?lang=en`].sort();
  for (const q of ['hotspot', 'hotsp', 'HOTSPOTS', 'hotspot hotspot']) {
    const s = await search(q);
    assert.equal(s.res.status, 200, q);
    assert.deepEqual(s.hrefs, hotspotDocs, `"${q}" finds the documents about hotspots`);
    for (const h of s.hits) {
      assert.ok(h.marks.length >= 1, `"${q}": a match is marked in ${h.href}`);
      for (const m of h.marks) assert.match(m, /^hotspot/i, `"${q}": only matches are marked`);
    }
  }
  const viet = await search('Vietnam');
  assert.deepEqual(viet.hrefs, [`${HUB}/questions/${qid('Is there a way to talk to someone in Vietnamese?')}`]);
  assert.equal(viet.hits[0].title, 'Is there a way to talk to someone in Vietnamese?');
  const both = await search('internet home');
  assert.deepEqual(both.hrefs, [`${HUB}/recaps/${RECAP_FAMILIES}?lang=en`, `${HUB}/recaps/${RECAP_PLAN}?lang=en`].sort(),
    'documents holding both words');
  const es = await search('español');
  assert.deepEqual(es.hrefs, [`${HUB}/recaps/${RECAP_ES}?lang=es`, `${HUB}/recaps/${RECAP_FAMILIES}?lang=es`].sort());
  for (const word of ['grandparents', 'guardians']) assert.deepEqual((await search(word)).hits, [], `"${word}": a question waiting for moderation`);
  assert.deepEqual((await search('broken')).hits, [], 'a merged question is not searched');
  const empty = await search('');
  assert.equal(empty.res.status, 200);
  assert.doesNotMatch(empty.text, /<h2>Results<\/h2>/);
});

test('search finds Spanish words with their accents, and on SQLite without them too ("espanol" finds "español")', async () => {
  // SQLite's FTS5 tokenizer drops diacritics; PostgreSQL's spanish
  // configuration keeps them, so there the accented spelling is searched.
  const qs = (await questionsApi()).questions;
  const kinder = qs.find((q) => q.body.includes('kínder')).id;
  const espanol = PG ? 'español' : 'espanol';
  assert.deepEqual((await search(espanol)).hrefs, [`${HUB}/recaps/${RECAP_ES}?lang=es`, `${HUB}/recaps/${RECAP_FAMILIES}?lang=es`].sort());
  assert.deepEqual((await search(espanol.toUpperCase())).hrefs, [`${HUB}/recaps/${RECAP_ES}?lang=es`, `${HUB}/recaps/${RECAP_FAMILIES}?lang=es`].sort());
  const k = await search(PG ? 'kínder' : 'kinder');
  assert.deepEqual(k.hrefs, [`${HUB}/questions/${kinder}`]);
  assert.ok(k.hits[0].marks.some((m) => m.toLowerCase() === 'kínder'), `the accented word is marked: ${k.hits[0].marks}`);
});

test('search: FTS syntax in the query is taken as words, never as an error (200), and is shown back escaped', async () => {
  const queries = ['"', '"hotspot', 'hotspot"', '*', 'hot*', 'hotspot*', 'NEAR(', 'NEAR(hotspot internet)', 'NEAR(hotspot, 2)', '-',
    '-hotspot', 'hotspot -internet', ':', 'title:hotspot', 'hotspot:*', '^hotspot', 'hotspot OR internet', 'hotspot AND', 'NOT',
    '(', ')', '()', "'", "' OR 1=1 --", '\\', '{', '}', '+hotspot', '&', '|', '!', '<->', 'a & b | !c', 'hotspot <-> internet',
    '\u0301', 'e\u0301', '\u200b', 'x'.repeat(500), 'a b c d e f g h i j k l', '%', '_'];
  for (const q of queries) {
    for (const path of [`${HUB}/search`, `${HUB}/questions`]) {
      const { res, text } = await get(srv, `${path}?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${path}?q=${JSON.stringify(q)}: ${res.status}`);
      assert.doesNotMatch(text, /Something went wrong/, JSON.stringify(q));
      assert.deepEqual(securityHeaderProblems(res), []);
    }
  }
  // The words are still found.
  for (const q of ['"hotspot"', 'hotspot*', '-hotspot', '(hotspot)', '"hotspot" NEAR'])
    assert.ok((await search(q)).hits.length >= (q.includes('NEAR') ? 0 : 3), JSON.stringify(q));
  // The query comes back in the field, escaped.
  const x = await search('"><script>alert(1)</script>');
  assert.equal(x.res.status, 200);
  assert.doesNotMatch(x.text, /<script>alert/);
  assert.match(x.text, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('the questions page searches the answers with ?q=', async () => {
  const qs = (await questionsApi()).questions;
  const { res, text } = await get(srv, `${HUB}/questions?q=hotspot`);
  assert.equal(res.status, 200);
  const shown = [...section(text, '<h2 id="answered">').matchAll(/id="q-(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(shown, [qs.find((q) => q.body === 'Can we get internet help if we live outside the city limits?').id]);
  assert.match(text, /<h2 id="answered">Answers that match<\/h2>/);
  assert.match(text, /value="hotspot"/);
  const none = await get(srv, `${HUB}/questions?q=zzzqqqxxx`);
  assert.match(none.text, /No answer matches your search\./);
  assert.ok(textOf(none.text).includes(OPEN_QUESTION), 'the questions waiting are still listed');
});

test('the Atom feed: application/atom+xml, valid against RFC 4287, one entry per visible recap linking to its page', async () => {
  const f = await feed();
  assert.equal(f.res.status, 200);
  assert.match(f.res.headers.get('content-type'), /^application\/atom\+xml/);
  assert.deepEqual(securityHeaderProblems(f.res), []);
  const v = validateAtom(f.text);
  assert.ok(v.ok, v.errors);
  const visible = await visiblePosts();
  assert.deepEqual(f.entries.map((e) => e.links), visible.map((p) => [`${BASE}${HUB}/recaps/${p.slug}`]),
    'one alternate link per entry, to the recap, newest first');
  assert.equal(new Set(f.entries.map((e) => e.id)).size, f.entries.length, 'entry ids are unique');
  for (const [i, p] of visible.entries()) {
    const t = p.texts.find((x) => x.lang === 'en') || p.texts[0];
    assert.equal(f.entries[i].lang, t.lang);
    assert.equal(f.entries[i].title, t.title);
  }
  assert.match(f.text, /<author><name>Riverside Unified School District<\/name>/, 'the feed has an author (RFC 4287 4.1.1)');
  assert.match(f.text, new RegExp(`<link rel="self" type="application/atom\\+xml" href="${BASE}${HUB}/feed\\.atom"/>`));
  const es = new Jar();
  es.cookies.set('lang', 'es');
  const fes = await feed(es);
  assert.ok(validateAtom(fes.text).ok);
  assert.match(fes.text, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="es">/);
  assert.equal(fes.entries.find((e) => e.links[0].endsWith(RECAP_FAMILIES)).title, FAMILIES_ES_TITLE);
});

// ============================================================================
// Asking a question
// ============================================================================

test('a visitor\'s question: 303 to ?asked=1#ask, stored as new (e-mail normalised), and shown nowhere in public until published', async () => {
  const body = 'Will the laptops come with a protective sleeve for the bus ride?';
  const email = '  Quinn.Asker@Example.ORG ';
  const r = await ask({ body, email });
  assert.equal(r.status, 303, alertOf(r.text));
  assert.equal(r.headers.location, `${HUB}/questions?asked=1#ask`);
  const thanks = await get(srv, `${HUB}/questions?asked=1`);
  assert.match(thanks.text, /<p class="notice" role="status">Thank you! Your question has been received\./);
  const q = (await questionsApi('?status=new')).questions.find((x) => x.body === body);
  assert.ok(q, 'listed as new');
  assert.equal(q.email, email.trim().toLowerCase());
  assert.equal(q.lang, 'en');
  assert.equal(q.answered, false);
  S.sleeve = q;
  for (const p of [`${HUB}/`, `${HUB}/questions`, `${HUB}/search?q=sleeve`]) {
    const { text } = await get(srv, p);
    assert.ok(!text.includes('protective sleeve'), `not on ${p}`);
    assert.ok(!text.includes('quinn.asker'), `the address is not on ${p}`);
  }
  assert.equal((await get(srv, `${HUB}/questions/${q.id}`)).res.status, 404);
});

test('a question asked in Spanish is stored with lang "es"; its errors are in Spanish', async () => {
  const body = '¿Habrá computadoras para los estudiantes de primer grado el próximo año?';
  const q = await asked(body, 'tres.preguntas@example.org', { lang: 'es' });
  assert.equal(q.lang, 'es');
  S.spanish = q;
  const short = await ask({ body: 'Corta' }, { lang: 'es' });
  assert.equal(short.status, 422);
  assert.equal(pageLang(short.text), 'es');
  assert.match(alertOf(short.text), /demasiado corta/);
});

test('a question too short, empty, too long or with a bad e-mail answers 422 with the reason, keeps what was typed (escaped), stores nothing', async () => {
  const before = (await questionsApi()).questions.length;
  const ok = 'A question that is long enough to be asked';
  const cases = [
    [{ body: 'Too short' }, /Your question is too short: write at least 10 characters\./],
    [{ body: '' }, /Write your question\./],
    [{ body: '   \n\t  ' }, /Write your question\./],
    [{ body: 'x'.repeat(1001) }, /too long/],
    [{ body: ok, email: 'not-an-email' }, /Enter an e-mail address such as name@example\.org, or leave it empty\./],
    [{ body: ok, email: 'two@@example.org' }, /Enter an e-mail address/],
    [{ body: ok, email: 'name@localhost' }, /Enter an e-mail address/],
    [{ body: '<b>hi</b>', email: '' }, /too short/],
    [{ body: ok, email: '"><script>alert(1)</script>@x.org' }, /Enter an e-mail address/],
  ];
  for (const [fields, why] of cases) {
    const r = await ask(fields);
    assert.equal(r.status, 422, `${JSON.stringify(fields).slice(0, 80)} → ${r.status}`);
    assert.match(alertOf(r.text) || '', why, JSON.stringify(fields).slice(0, 80));
    assert.ok(csrfFrom(r.text), 'the form is shown again');
    assert.doesNotMatch(r.text, /<b>hi<\/b>|<script>alert/, 'what was typed is escaped');
    if (fields.body.trim() && fields.body.length < 1001)
      assert.ok(r.text.includes(`>${fields.body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</textarea>`), 'the question typed is kept');
    if (fields.email)
      assert.ok(r.text.includes(`value="${fields.email.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`), 'the address typed is kept');
  }
  assert.equal((await questionsApi()).questions.length, before, 'nothing stored');
});

test('the length of a question is counted in characters, not bytes (10 to 1,000)', async () => {
  const ten = '¿Qué hora?';                // 10 characters, 12 bytes
  assert.equal([...ten].length, 10);
  await asked(ten);
  const long = `¿${'é'.repeat(998)}?`;      // 1,000 characters, 2,000 bytes
  await asked(long);
  const tooLong = await ask({ body: `${long}é` });
  assert.equal(tooLong.status, 422);
  const nine = await ask({ body: '¿Qué hor?' });
  assert.equal(nine.status, 422);
});

test('a filled honeypot answers 303 to the thank-you page, and nothing is stored', async () => {
  const before = (await questionsApi()).questions.length;
  const r = await ask({ body: 'Buy cheap watches at our wonderful shop today', email: 'bot@spam.example.org', website: 'http://spam.example.org' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `${HUB}/questions?asked=1#ask`);
  const all = (await questionsApi()).questions;
  assert.equal(all.length, before);
  assert.ok(!all.some((q) => /watches/.test(q.body)));
});

test('a question without the form\'s CSRF token (missing, wrong, or without its cookie) answers 403 and nothing is stored', async () => {
  const before = (await questionsApi()).questions.length;
  const body = 'A question sent from another site, not from the form';
  const f = await askForm();
  assert.equal((await ask({ body, _csrf: null }, { form: f })).status, 403, 'no token');
  assert.equal((await ask({ body, _csrf: 'not-the-token' }, { form: f })).status, 403, 'a wrong token');
  const bare = await rawPost(`${HUB}/questions`, new URLSearchParams({ _csrf: f.csrf, body }).toString(), { ip: freshIp() });
  assert.equal(bare.status, 403, 'the token without its cookie');
  assert.equal((await questionsApi()).questions.length, before);
});

test('more than 5 questions in an hour from one address answer 429 with Retry-After; errors do not count; another address may still ask', async () => {
  const ip = freshIp();
  const before = (await questionsApi()).questions.length;
  assert.equal((await ask({ body: 'short' }, { ip })).status, 422, 'an error first (not counted)');
  assert.equal((await ask({ body: 'Buy cheap watches at our shop', website: 'x' }, { ip })).status, 303, 'a robot (not counted)');
  for (let i = 1; i <= 5; i++) {
    const r = await ask({ body: `Limit test question number ${i} about the buses` }, { ip });
    assert.equal(r.status, 303, `question ${i}: ${r.status} ${alertOf(r.text)}`);
  }
  const sixth = await ask({ body: 'Limit test question number 6 about the buses' }, { ip });
  assert.equal(sixth.status, 429);
  const retry = Number(sixth.headers['retry-after']);
  assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 3600, `Retry-After: ${sixth.headers['retry-after']}`);
  assert.match(alertOf(sixth.text) || '', /Too many questions/);
  assert.ok(sixth.text.includes('>Limit test question number 6 about the buses</textarea>'), 'what was typed is kept');
  const all = (await questionsApi()).questions;
  assert.equal(all.length, before + 5, 'five stored');
  assert.ok(!all.some((q) => q.body.includes('number 6')), 'the sixth is not stored');
  assert.equal((await ask({ body: 'Limit test question from a neighbour address' })).status, 303, 'another address');
});

// ============================================================================
// Moderation and answers
// ============================================================================

test('staff publish a new question: 303, then it is public as waiting for an answer, shown escaped', async () => {
  S.main = await asked('Will the <script>alert("q")</script> filter block games & apps at home?', 'Uno.Asker@example.org');
  const res = await decide(S.main.id, { decision: 'publish' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/share/questions?told=0#q-${S.main.id}`);
  assert.equal((await question(S.main.id)).status, 'published');
  const page = await get(srv, `${HUB}/questions`);
  const waiting = section(page.text, '<h2 id="waiting">');
  assert.ok(textOf(waiting).includes(S.main.body), 'listed as waiting');
  assert.ok(waiting.includes('&lt;script&gt;alert('), 'escaped');
  const one = await get(srv, `${HUB}/questions/${S.main.id}`);
  assert.equal(one.res.status, 200);
  assert.equal(textOf(one.text.match(/<h1 id="question">([\s\S]*?)<\/h1>/)[1]), S.main.body);
  for (const [where, html] of [['list', page.text], ['question', one.text], ['hub', (await get(srv, `${HUB}/`)).text],
    ['staff page', (await get(srv, '/admin/share/questions', staff.jar)).text]])
    assert.doesNotMatch(html, /<script>alert\("q"\)/, `${where}: the question's markup is not live`);
  const hub = await get(srv, `${HUB}/`);
  const waitingCount = (await questionsApi()).questions.filter((q) => q.status === 'published' && !q.answered).length;
  assert.match(textOf(hub.text), new RegExp(`${waitingCount} waiting for an answer`));
});

test('hiding needs a reason (422, nothing changes); a hidden question is 404 in public and its reason stays with staff', async () => {
  S.hidden = await asked('My neighbour Jane Roe at 14 Elm Street never returns the hotspot she borrowed', 'cuatro.asker@example.org');
  for (const reason of [undefined, '', '   ']) {
    const f = { decision: 'hide' };
    if (reason !== undefined) f.hidden_reason = reason;
    const res = await decide(S.hidden.id, f);
    const html = await res.text();
    assert.equal(res.status, 422, `reason ${JSON.stringify(reason)}`);
    assert.match(html, /The reason for hiding is required\./);
    assert.equal((await question(S.hidden.id)).status, 'new');
  }
  const reason = 'Names a neighbour and her address SECRET-REASON-7';
  const res = await decide(S.hidden.id, { decision: 'hide', hidden_reason: reason });
  assert.equal(res.status, 303);
  const q = await question(S.hidden.id);
  assert.equal(q.status, 'hidden');
  assert.equal(q.hidden_reason, reason);
  assert.equal((await get(srv, `${HUB}/questions/${S.hidden.id}`)).res.status, 404);
  const staffPage = await get(srv, '/admin/share/questions', staff.jar);
  assert.ok(textOf(staffPage.text).includes(reason), 'staff see why it was hidden');
});

test('merging: refused (422) into itself, a hidden, a merged, an unknown or another district\'s question; accepted into a published one, which the duplicate then redirects to', async () => {
  S.dup = await asked('Will the filter block games and apps when the laptop is at home?', 'dos.asker@example.org');
  const demoMerged = (await questionsApi('?status=merged')).questions[0];
  const o = await ask({ body: 'A question for the other district about its calendar' }, { slug: 'other' });
  assert.equal(o.status, 303);
  const otherQ = (await questionsApi('', other.token)).questions[0];
  assert.ok(otherQ, 'the other district has a question');
  for (const [what, into, why] of [['itself', S.dup.id, /cannot be merged into itself/], ['a hidden question', S.hidden.id, /not a merged or hidden one/],
    ['a merged question', demoMerged.id, /not a merged or hidden one/], ['an unknown question', 999999, /Choose the question/],
    ['another district\'s question', otherQ.id, /Choose the question/], ['nothing', '', /Choose the question/]]) {
    const res = await decide(S.dup.id, { decision: 'merge', into: String(into) });
    const html = await res.text();
    assert.equal(res.status, 422, `into ${what}`);
    assert.match(html, why, `into ${what}`);
  }
  const bogus = await decide(S.dup.id, { decision: 'delete' });
  assert.equal(bogus.status, 422, 'an unknown decision');
  let q = await question(S.dup.id);
  assert.equal(q.status, 'new', 'nothing changed');
  assert.equal((await api(srv, other.token, 'GET', `/api/v1/questions/${otherQ.id}`)).json.status, 'new');

  const res = await decide(S.dup.id, { decision: 'merge', into: String(S.main.id) });
  assert.equal(res.status, 303);
  q = await question(S.dup.id);
  assert.equal(q.status, 'merged');
  assert.equal(q.merged_into, S.main.id);
  const pub = await get(srv, `${HUB}/questions/${S.dup.id}`);
  assert.equal(pub.res.status, 303);
  assert.equal(pub.res.headers.get('location'), `${HUB}/questions/${S.main.id}`);
  assert.ok(!textOf((await get(srv, `${HUB}/questions`)).text).includes(S.dup.body), 'the duplicate is not listed');
});

test('answering by the staff form: 303 with the number told, rendered Markdown in safe mode, public, searchable, on the hub', async () => {
  const answer = '**Yes**: the Zorblax filter blocks games at home too.\n\n<script>alert(2)</script>\n\n'
    + '[Read the rules](javascript:alert(3)) or [the policy](https://example.org/policy).';
  const res = await decide(S.main.id, { decision: 'answer', answer });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/share/questions?told=2#q-${S.main.id}`, 'the asker and the asker of the merged duplicate');
  const q = await question(S.main.id);
  assert.equal(q.answered, true);
  assert.equal(q.answer, answer, 'stored as written');
  const one = await get(srv, `${HUB}/questions/${S.main.id}`);
  const prose = one.text.match(/<div class="prose">([\s\S]*?)<\/div>/)[1];
  assert.match(prose, /<strong>Yes<\/strong>: the Zorblax filter/);
  assert.match(prose, /<a href="https:\/\/example\.org\/policy">the policy<\/a>/);
  assert.doesNotMatch(prose, /<script|javascript:/i);
  assert.doesNotMatch(one.text, /<script>alert/);
  const list = await get(srv, `${HUB}/questions`);
  assert.match(section(list.text, '<h2 id="answered">'), new RegExp(`id="q-${S.main.id}"`));
  assert.ok(!textOf(section(list.text, '<h2 id="waiting">') || '').includes(S.main.body), 'no longer waiting');
  const hub = await get(srv, `${HUB}/`);
  assert.equal([...section(hub.text, '<h2 id="answers">').matchAll(/questions\/(\d+)"/g)][0][1], String(S.main.id), 'newest answer first on the hub');
  const s = await search('zorblax');
  assert.deepEqual(s.hrefs, [`${HUB}/questions/${S.main.id}`]);
  assert.equal(s.hits[0].title, S.main.body, 'the title is the question, escaped');
  assert.doesNotMatch(s.text, /<script>alert/);
  assert.ok(s.hits[0].marks.some((m) => /^zorblax$/i.test(m)));
  const empty = await decide(S.main.id, { decision: 'answer', answer: '  ' });
  assert.equal(empty.status, 422);
  assert.match(await empty.text(), /The answer is required\./);
});

test('the answer e-mail reaches the asker and the merged duplicate\'s asker exactly once, with the question, the answer and the link', async () => {
  await runOutbox();
  await smtp.waitFor(S.mailMark + 2, 5000);
  for (const [addr, q] of [['uno.asker@example.org', S.main], ['dos.asker@example.org', S.dup]]) {
    const mails = answerMails(addr);
    assert.equal(mails.length, 1, `${addr}: ${mails.length} answer e-mails`);
    const m = mails[0];
    assert.equal(m.headers.subject, ANSWERED);
    assert.ok(m.text.includes(`> ${q.body}`), `${addr}: the question asked:\n${m.text}`);
    assert.ok(m.text.includes('the Zorblax filter blocks games at home too'), `${addr}: the answer`);
    assert.ok(m.text.includes(`${BASE}${HUB}/questions/${S.main.id}`), `${addr}: the link to the answer`);
  }
  // Editing the answer tells nobody again.
  const res = await decide(S.main.id, { decision: 'answer', answer: '**Yes**: the Zorblax filter blocks games at home too, and apps.' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/share/questions?told=0#q-${S.main.id}`);
  await runOutbox();
  assert.equal(answerMails('uno.asker@example.org').length, 1);
  assert.equal(answerMails('dos.asker@example.org').length, 1);
  assert.match((await get(srv, `${HUB}/questions/${S.main.id}`)).text, /and apps\./, 'the new answer is public');
  assert.equal(answerMails('cuatro.asker@example.org').length, 0, 'the hidden question\'s asker is told nothing');
});

test('the API answers a question (Spanish asker): 200 with "notified", published, and one Spanish e-mail', async () => {
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${S.spanish.id}`, { answer: 'Sí: los grados 1 y 2 usan **tabletas** en la escuela.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.notified, 1);
  assert.equal(r.json.status, 'published');
  assert.equal(r.json.answered, true);
  assert.equal(r.json.email, 'tres.preguntas@example.org', 'staff see the address');
  await runOutbox();
  const mails = answerMails('tres.preguntas@example.org');
  assert.equal(mails.length, 1);
  assert.equal(mails[0].headers.subject, 'Su pregunta ha sido respondida');
  assert.match(mails[0].text, /Nuestra respuesta:/);
  assert.ok(mails[0].text.includes(`${BASE}${HUB}/questions/${S.spanish.id}`));
  const page = await get(srv, `${HUB}/questions/${S.spanish.id}`);
  assert.equal(page.res.status, 200);
  assert.match(page.text, /<article class="qa" aria-labelledby="question" lang="es">/, 'a Spanish question says so to an English reader');
});

test('the questions API: staff see e-mail and reasons; ?status filters; every refusal names its field; no change on errors', async () => {
  const all = await questionsApi();
  assert.ok(all.figures && typeof all.figures.asked === 'number');
  const main = all.questions.find((q) => q.id === S.main.id);
  assert.equal(main.email, 'uno.asker@example.org');
  assert.equal(all.questions.find((q) => q.id === S.hidden.id).hidden_reason, 'Names a neighbour and her address SECRET-REASON-7');
  for (const st of ['new', 'published', 'hidden', 'merged']) {
    const l = await questionsApi(`?status=${st}`);
    assert.deepEqual(l.questions.map((q) => q.id).sort(), all.questions.filter((q) => q.status === st).map((q) => q.id).sort(), st);
  }
  let r = await api(srv, adminToken, 'GET', '/api/v1/questions?status=answered');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'status');
  const target = S.sleeve.id;
  const cases = [
    [{ decision: 'publish', answer: 'Both at once.' }, 400, 'decision'],
    [{}, 400, 'decision'],
    [{ hidden_reason: 'only a reason' }, 400, 'decision'],
    [{ decision: 'hide' }, 400, 'hidden_reason'],
    [{ decision: 'hide', hidden_reason: '' }, 400, 'hidden_reason'],
    [{ decision: 'merge', into: target }, 400, 'into'],
    [{ decision: 'merge' }, 400, 'into'],
    [{ decision: 'merge', into: S.hidden.id }, 400, 'into'],
    [{ decision: 'merge', into: 'one' }, 400, 'into'],
    [{ decision: 'archive' }, 400, 'decision'],
    [{ decision: 5 }, 400, 'decision'],
    [{ answer: '' }, 400, 'answer'],
  ];
  for (const [body, status, field] of cases) {
    r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${target}`, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json?.error?.field, field, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.error.code && r.json.error.message, r.text);
  }
  r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${S.dup.id}`, { answer: 'An answer to a duplicate.' });
  assert.equal(r.status, 400, 'a merged question is answered where it was merged');
  assert.equal(r.json.error.field, 'answer');
  assert.equal((await question(target)).status, 'new', 'nothing changed');
  assert.equal((await question(S.dup.id)).answered, false);
  r = await api(srv, adminToken, 'PATCH', '/api/v1/questions/999999', { decision: 'publish' });
  assert.equal(r.status, 404);
  r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${target}`, 'not json');
  assert.equal(r.status, 400);
  r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${target}`, '{"decision":"publish"}', { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  assert.equal((await question(target)).status, 'new');
  // Publishing by the API.
  r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${target}`, { decision: 'publish' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'published');
  assert.equal(r.json.notified, 0);
  assert.equal((await get(srv, `${HUB}/questions/${target}`)).res.status, 200);
});

test('question figures: asked and answered move with the questions; the staff page shows the API\'s figures', async () => {
  const f0 = (await questionsApi()).figures;
  const q = S.battery = await asked('How long will the battery last on a school day?');
  const f1 = (await questionsApi()).figures;
  assert.equal(f1.asked, f0.asked + 1, 'a new question is asked');
  assert.equal(f1.answered, f0.answered);
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${q.id}`, { answer: 'About eight hours.' });
  assert.equal(r.status, 200);
  assert.equal(r.json.notified, 0, 'no address, nobody told');
  const f2 = (await questionsApi()).figures;
  assert.equal(f2.answered, f1.answered + 1);
  assert.ok(f2.median_seconds_to_answer >= 0);
  const page = await get(srv, '/admin/share', staff.jar);
  const qf = textOf(section(page.text, '<h2 id="qf">'));
  assert.ok(qf.includes(`${f2.asked} asked`), qf);
  assert.ok(qf.includes(`${f2.answered} answered`), qf);
  assert.match(qf, /Median time to answer:/);
  const waiting = (await questionsApi('?status=new')).questions.length;
  assert.match(textOf(page.text), new RegExp(`Questions · ${waiting} to moderate`));
});

test('hiding an answered question takes it out of search and the public pages; publishing it again brings it back', async () => {
  const id = S.battery.id;
  assert.deepEqual((await search('battery')).hrefs, [`${HUB}/questions/${id}`], 'answered: searchable');
  let r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${id}`, { decision: 'hide', hidden_reason: 'Answered elsewhere BATTERY-REASON' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'hidden');
  assert.equal(r.json.hidden_reason, 'Answered elsewhere BATTERY-REASON');
  assert.deepEqual((await search('battery')).hits, [], 'hidden: not searched');
  assert.equal((await get(srv, `${HUB}/questions/${id}`)).res.status, 404);
  const list = await get(srv, `${HUB}/questions`);
  assert.ok(!list.text.includes('battery last'), 'not listed');
  assert.ok(!(await get(srv, `${HUB}/questions?q=battery`)).text.includes('battery last'));
  r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${id}`, { decision: 'publish' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.hidden_reason, '', 'the reason goes with the decision');
  assert.equal(r.json.answered, true, 'the answer is kept');
  assert.deepEqual((await search('battery')).hrefs, [`${HUB}/questions/${id}`], 'published again: searchable');
  assert.equal((await get(srv, `${HUB}/questions/${id}`)).res.status, 200);
});

test('privacy: no asker\'s e-mail, no reason for hiding and no hidden or unmoderated question on any public page or the feed', async () => {
  const qs = (await questionsApi()).questions;
  const secrets = [...new Set(qs.flatMap((q) => [q.email, q.hidden_reason]).filter(Boolean))];
  const unpublished = qs.filter((q) => q.status === 'new' || q.status === 'hidden').map((q) => q.body);
  assert.ok(secrets.length >= 5 && unpublished.length >= 3);
  const es = new Jar();
  es.cookies.set('lang', 'es');
  const paths = [`${HUB}/`, `${HUB}/questions`, `${HUB}/recaps`, `${HUB}/actions`, `${HUB}/feed.atom`,
    `${HUB}/search?q=hotspot`, `${HUB}/search?q=neighbour`, `${HUB}/search?q=laptop`, `${HUB}/questions?q=filter`,
    ...qs.filter((q) => q.status === 'published').map((q) => `${HUB}/questions/${q.id}`)];
  for (const jar of [null, es]) {
    for (const p of paths) {
      const { res, text } = await get(srv, p, jar);
      assert.equal(res.status, 200, p);
      const plain = textOf(text);
      for (const s of secrets) assert.ok(!text.includes(s) && !plain.includes(s), `${p} shows "${s}"`);
      for (const b of unpublished) assert.ok(!plain.includes(b), `${p} shows the unpublished question "${b}"`);
    }
  }
});

// ============================================================================
// Actions
// ============================================================================

test('the action form refuses each invalid field with 422 and the reason, keeps what was typed, stores nothing', async () => {
  const before = (await actionsApi()).length;
  const base = { _csrf: csrf, initiative_id: '1', code_id: String(S.codes[0].id), title: 'Kept <title> & more', description: 'A description',
    owner: 'IT', due_on: '2027-05-01', status: 'planned', progress: '0', reason: '', note: '' };
  const cases = [
    [{ title: '' }, /What the district will do is required/],
    [{ title: 'Two\nlines' }, /must fit on one line/],
    [{ title: 'x'.repeat(201) }, /What the district will do/],
    [{ status: 'maybe' }, /Choose planned, in progress, done or not doing/],
    [{ status: '' }, /Choose planned, in progress, done or not doing/],
    [{ progress: '101' }, /Progress is a percentage from 0 to 100/],
    [{ progress: '-1' }, /Progress is a percentage/],
    [{ progress: 'half' }, /Progress is a percentage/],
    [{ due_on: '2027-02-30' }, /The due date must be a date such as/],
    [{ due_on: 'next week' }, /The due date must be a date/],
    [{ status: 'not_doing', reason: '' }, /The reason for not doing it is required/],
    [{ initiative_id: '', code_id: '' }, /Choose the initiative/],
    [{ initiative_id: String(S.otherInitiative), code_id: '' }, /Choose the initiative/],
    [{ code_id: '999999' }, /Choose one of the themes/],
    [{ owner: 'o'.repeat(201) }, /owner/i],
  ];
  for (const [over, why] of cases) {
    const res = await postForm(srv, '/admin/share/actions', staff.jar, { ...base, ...over });
    const html = await res.text();
    assert.equal(res.status, 422, `${JSON.stringify(over).slice(0, 60)}: ${res.status}`);
    assert.match(alertOf(html) || '', why, JSON.stringify(over).slice(0, 60));
    if (over.title === undefined) assert.ok(html.includes('value="Kept &lt;title&gt; &amp; more"'), 'the title typed is kept');
  }
  assert.equal((await actionsApi()).length, before, 'nothing stored');
});

test('an action added by form: 303 to its page; done forces progress 100; the note is a public update, escaped', async () => {
  const res = await postForm(srv, '/admin/share/actions', staff.jar, {
    _csrf: csrf, initiative_id: '1', code_id: String(S.codes[0].id), title: 'Loaner laptops <b>for repairs</b>',
    description: 'Families get a loaner while theirs is fixed.', owner: 'Technology Services', due_on: '2027-04-30',
    status: 'done', progress: '30', reason: '', note: 'The first <i>50</i> loaners went out.' });
  assert.equal(res.status, 303);
  const m = /^\/admin\/share\/actions\/(\d+)\?saved=1$/.exec(res.headers.get('location'));
  assert.ok(m, res.headers.get('location'));
  S.action = Number(m[1]);
  const a = (await api(srv, adminToken, 'GET', `/api/v1/actions/${S.action}`)).json;
  assert.equal(a.status, 'done');
  assert.equal(a.progress, 100, 'done means 100%');
  assert.equal(a.code_id, S.codes[0].id);
  assert.equal(a.updates.length, 1);
  assert.equal(a.updates[0].body, 'The first <i>50</i> loaners went out.');
  const page = await get(srv, `/admin/share/actions/${S.action}?saved=1`, staff.jar);
  assert.equal(page.res.status, 200);
  assert.match(page.text, /<p class="notice" role="status">Saved\.<\/p>/);
  const pub = await get(srv, `${HUB}/actions`);
  const card = [...pub.text.matchAll(/<article class="card action">([\s\S]*?)<\/article>/g)].map((x) => x[1]).find((h) => h.includes('Loaner laptops'));
  assert.ok(card, 'public');
  assert.ok(card.includes('We did: Loaner laptops &lt;b&gt;for repairs&lt;/b&gt;'));
  assert.match(card, /<progress max="100" value="100"/);
  assert.ok(card.includes('The first &lt;i&gt;50&lt;/i&gt; loaners went out.'), 'the note, escaped');
  assert.doesNotMatch(pub.text, /<b>for repairs|<i>50/);
  const theme = section(pub.text, `<section class="theme" aria-labelledby="theme-${S.codes[0].id}">`);
  assert.ok(theme.includes('Loaner laptops'), 'under its theme');
});

test('a change of status or progress, or a note, adds an update (newest first); saving without change or note adds none', async () => {
  const form = (over) => postForm(srv, `/admin/share/actions/${S.action}`, staff.jar, {
    _csrf: csrf, initiative_id: '1', code_id: String(S.codes[0].id), title: 'Loaner laptops <b>for repairs</b>',
    description: 'Families get a loaner while theirs is fixed.', owner: 'Technology Services', due_on: '2027-04-30',
    status: 'done', progress: '100', reason: '', note: '', ...over });
  const updates = async () => (await api(srv, adminToken, 'GET', `/api/v1/actions/${S.action}`)).json.updates;
  let res = await form({});
  assert.equal(res.status, 303);
  assert.equal((await updates()).length, 1, 'no change, no note: no update');
  res = await form({ status: 'in_progress', progress: '70' });
  assert.equal(res.status, 303);
  let u = await updates();
  assert.equal(u.length, 2, 'a change of status and progress');
  assert.equal(u[0].status, 'in_progress');
  assert.equal(u[0].progress, 70);
  res = await form({ status: 'in_progress', progress: '80' });
  assert.equal((await updates()).length, 3, 'a change of progress');
  res = await form({ status: 'in_progress', progress: '80', note: 'Twenty more loaners arrived.' });
  u = await updates();
  assert.equal(u.length, 4, 'a note alone');
  assert.equal(u[0].body, 'Twenty more loaners arrived.');
  const pub = await get(srv, `${HUB}/actions`);
  const card = [...pub.text.matchAll(/<article class="card action">([\s\S]*?)<\/article>/g)].map((x) => x[1]).find((h) => h.includes('Loaner laptops'));
  assert.ok(card.includes('We will: Loaner laptops'));
  assert.match(card, /<progress max="100" value="80"/);
  const notes = [...card.matchAll(/<li>[\s\S]*?<br>([\s\S]*?)<\/li>/g)].map((x) => unescapeHtml(x[1]));
  assert.deepEqual(notes, ['Twenty more loaners arrived.', 'The first <i>50</i> loaners went out.'], 'the notes, newest first');
});

test('an action the district will not do shows "We will not:" and "Why not:" with its reason, without a progress bar', async () => {
  const res = await postForm(srv, '/admin/share/actions', staff.jar, {
    _csrf: csrf, initiative_id: '1', code_id: String(S.codes[1].id), title: 'Unfiltered home internet',
    description: '', owner: '', due_on: '', status: 'not_doing', progress: '40', reason: 'Federal law requires a <filter> on school devices.', note: '' });
  assert.equal(res.status, 303);
  const pub = await get(srv, `${HUB}/actions`);
  const card = [...pub.text.matchAll(/<article class="card action">([\s\S]*?)<\/article>/g)].map((x) => x[1]).find((h) => h.includes('Unfiltered home internet'));
  assert.ok(card);
  assert.ok(textOf(card).includes('We will not: Unfiltered home internet'));
  assert.ok(card.includes('<strong>Why not:</strong> Federal law requires a &lt;filter&gt; on school devices.'));
  assert.doesNotMatch(card, /<progress/);
});

test('what a theme means to the public: saved by staff (303), shown escaped; too long 422; an unknown or another district\'s theme 404', async () => {
  const code = S.codes[1].id;
  let res = await postForm(srv, `/admin/share/themes/${code}`, staff.jar, { _csrf: csrf, public_description: 'Fair rules <em>written</em> with students & parents.' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/share/actions#themes');
  const pub = await get(srv, `${HUB}/actions`);
  const theme = section(pub.text, `<section class="theme" aria-labelledby="theme-${code}">`);
  assert.ok(theme.includes('<p>Fair rules &lt;em&gt;written&lt;/em&gt; with students &amp; parents.</p>'));
  res = await postForm(srv, `/admin/share/themes/${code}`, staff.jar, { _csrf: csrf, public_description: 'x'.repeat(2001) });
  assert.equal(res.status, 422);
  assert.match(alertOf(await res.text()), /at most 2000 characters/);
  assert.equal((await postForm(srv, '/admin/share/themes/999999', staff.jar, { _csrf: csrf, public_description: 'x' })).status, 404);
  assert.equal((await postForm(srv, `/admin/share/themes/${code}`, other.jar, { _csrf: otherCsrf, public_description: 'Taken over' })).status, 404);
  assert.ok(textOf((await get(srv, `${HUB}/actions`)).text).includes('Fair rules <em>written</em> with students & parents.'), 'unchanged');
});

test('the actions API: 201 with updates[]; refusals name their field (400); ?initiative_id filters; another district 404', async () => {
  let r = await api(srv, adminToken, 'POST', '/api/v1/actions',
    { initiative_id: 1, code_id: S.codes[1].id, title: 'Screen-time guide for parents', status: 'done', progress: 10, note: 'Printed and mailed.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.progress, 100);
  assert.equal(r.json.updates.length, 1);
  assert.equal(r.json.updates[0].body, 'Printed and mailed.');
  const id = r.json.id;
  const before = (await actionsApi()).length;
  const cases = [
    [{ initiative_id: 1, title: '' }, 'title'],
    [{ initiative_id: 1 }, 'title'],
    [{ initiative_id: 1, title: 'x', status: 'someday' }, 'status'],
    [{ initiative_id: 1, title: 'x', progress: 101 }, 'progress'],
    [{ initiative_id: 1, title: 'x', progress: '5' }, 'progress'],
    [{ initiative_id: 1, title: 'x', due_on: '2027-13-01' }, 'due_on'],
    [{ initiative_id: 1, title: 'x', status: 'not_doing' }, 'reason'],
    [{ initiative_id: 1, title: 'x', code_id: 999999 }, 'code_id'],
    [{ title: 'x' }, 'initiative_id'],
    [{ initiative_id: S.otherInitiative, title: 'x' }, 'initiative_id'],
    [{ initiative_id: 1, title: 5 }, 'title'],
    [{ initiative_id: 1, title: 'x', note: 'n'.repeat(4001) }, 'note'],
  ];
  for (const [body, field] of cases) {
    r = await api(srv, adminToken, 'POST', '/api/v1/actions', body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
    assert.equal(r.json?.error?.field, field, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
  }
  assert.equal((await actionsApi()).length, before, 'nothing stored');
  r = await api(srv, adminToken, 'PATCH', `/api/v1/actions/${id}`, { status: 'not_doing' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await api(srv, adminToken, 'PATCH', `/api/v1/actions/${id}`, { status: 'in_progress', progress: 50, note: 'Reprinting.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.updates.length, 2);
  assert.equal(r.json.updates[0].body, 'Reprinting.');
  const list = await actionsApi('?initiative_id=1');
  assert.ok(list.some((a) => a.id === id) && list.every((a) => a.initiative_id === 1));
  r = await api(srv, adminToken, 'GET', '/api/v1/actions?initiative_id=x');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'initiative_id');
  assert.deepEqual(await actionsApi('', other.token), [], 'the other district sees none');
  assert.equal((await api(srv, other.token, 'GET', `/api/v1/actions/${id}`)).status, 404);
  assert.equal((await api(srv, other.token, 'PATCH', `/api/v1/actions/${id}`, { title: 'Taken over' })).status, 404);
  assert.equal((await api(srv, adminToken, 'GET', `/api/v1/actions/${id}`)).json.title, 'Screen-time guide for parents');
});

// ============================================================================
// Recaps, by staff
// ============================================================================

test('the recap form refuses each invalid field with 422 (409 for a web address taken), keeps what was typed, stores nothing', async () => {
  const before = (await postsApi()).length;
  const t = 'Kept <title> & more';
  const cases = [
    [{}, 422, /Write the recap in at least one language/],
    [{ title_en: t }, 422, /The text is required/],
    [{ body_en: 'Text without a title.' }, 422, /The title is required/],
    [{ title_en: 'x'.repeat(201), body_en: 'b' }, 422, /title/i],
    [{ title_en: 'Two\r\nlines', body_en: 'b' }, 422, /^The title must be one line of text\.$/],
    [{ title_en: t, body_en: 'b', title_es: 'Dos\nlíneas', body_es: 'b' }, 422, /^The title must be one line of text\.$/],
    [{ title_en: t, body_en: 'b', summary_en: 's'.repeat(301) }, 422, /summary/i],
    [{ title_en: t, body_en: 'b', title_es: 'Título sin texto' }, 422, /The text is required/],
    [{ title_en: t, body_en: 'b', status: 'live' }, 422, /Choose draft, scheduled or published/],
    [{ title_en: t, body_en: 'b', status: '' }, 422, /Choose draft, scheduled or published/],
    [{ title_en: t, body_en: 'b', status: 'scheduled' }, 422, /Give the date and time the recap should appear/],
    [{ title_en: t, body_en: 'b', status: 'scheduled', publish_date: '2027-02-30' }, 422, /date/i],
    [{ title_en: t, body_en: 'b', status: 'scheduled', publish_date: 'tomorrow' }, 422, /date/i],
    [{ title_en: t, body_en: 'b', status: 'scheduled', publish_date: '2030-01-01', publish_time: '25:00' }, 422, /time/i],
    [{ title_en: t, body_en: 'b', slug: 'Not A Slug' }, 422, /web address/],
    [{ title_en: t, body_en: 'b', slug: '-dash-first' }, 422, /web address/],
    [{ title_en: t, body_en: 'b', slug: 'x'.repeat(81) }, 422, /web address/],
    [{ title_en: t, body_en: 'b', slug: RECAP_PLAN }, 409, /Another recap already has this web address/],
  ];
  for (const [fields, status, why] of cases) {
    const res = await recapForm(fields);
    const html = await res.text();
    assert.equal(res.status, status, `${JSON.stringify(fields).slice(0, 80)}: ${res.status} ${alertOf(html)}`);
    assert.match(alertOf(html) || '', why, JSON.stringify(fields).slice(0, 80));
    assert.ok(csrfFrom(html), 'the form is shown again');
    if (fields.title_en === t) assert.ok(html.includes('value="Kept &lt;title&gt; &amp; more"'), 'the title typed is kept, escaped');
  }
  assert.equal((await postsApi()).length, before, 'nothing stored');
});

test('"start from the public summary": the new recap form is filled with the initiative\'s title and public summary', async () => {
  const page = await get(srv, '/admin/share/recaps/new?initiative_id=1', staff.jar);
  assert.equal(page.res.status, 200);
  const summary = await api(srv, adminToken, 'GET', '/api/v1/reports/1?audience=public');
  assert.equal(summary.status, 200);
  assert.match(page.text, /<input id="title_en" name="title_en" maxlength="200" value="One-to-one device rollout">/);
  const body = unescapeHtml(page.text.match(/<textarea id="body_en" name="body_en" rows="14">([\s\S]*?)<\/textarea>/)[1]);
  assert.equal(body, summary.text);
  assert.match(page.text, /<option value="1" selected>One-to-one device rollout<\/option>/);
  const plain = await get(srv, '/admin/share/recaps/new', staff.jar);
  assert.match(plain.text, /<input id="title_en" name="title_en" maxlength="200" value="">/);
  for (const q of ['initiative_id=999999', `initiative_id=${S.otherInitiative}`, 'initiative_id=abc']) {
    const p = await get(srv, `/admin/share/recaps/new?${q}`, staff.jar);
    assert.equal(p.res.status, 200, q);
    assert.doesNotMatch(p.text, /Other calendar/, `${q}: nothing of another district`);
  }
});

test('a draft: slug made from the title (accents dropped); 404 in public, a preview with a notice for staff only; nowhere else', async () => {
  const id = await savedRecap({ title_en: 'Línea de ¡Acción! Días 2027', summary_en: 'A summary of the quokkaline plan.',
    body_en: 'The quokkaline plan, in **three** steps.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n'
      + '[bad](javascript:alert(3)) [fine](https://example.org/a)', status: 'draft' });
  S.draft = id;
  const p = (await postsApi()).find((x) => x.id === id);
  assert.equal(p.slug, 'linea-de-accion-dias-2027');
  assert.equal(p.status, 'draft');
  const edit = await get(srv, `/admin/share/recaps/${id}?saved=1`, staff.jar);
  assert.match(edit.text, /<p class="notice" role="status">Saved\./);
  assert.equal((await recapPage(p.slug)).res.status, 404, 'the public');
  assert.equal((await recapPage(p.slug, { jar: fac.jar })).res.status, 404, 'a facilitator');
  assert.equal((await recapPage(p.slug, { jar: other.jar })).res.status, 404, 'another district\'s admin');
  const prev = await recapPage(p.slug, { jar: staff.jar });
  assert.equal(prev.res.status, 200);
  assert.match(prev.text, /This recap is not published yet: only staff can see it\./);
  for (const [where, html] of [['preview', prev.article]]) {
    assert.match(html, /<strong>three<\/strong>/, where);
    assert.doesNotMatch(html, /<script|onerror|<img|javascript:/i, `${where}: safe mode`);
    assert.match(html, /<a href="https:\/\/example\.org\/a">fine<\/a>/);
  }
  assert.ok(!(await visiblePosts()).some((x) => x.id === id));
  assert.ok(!recapSlugs((await get(srv, `${HUB}/recaps`)).text).includes(p.slug), 'not listed');
  assert.ok(!recapSlugs((await get(srv, `${HUB}/`)).text).includes(p.slug), 'not on the hub');
  assert.ok(!(await feed()).entries.some((e) => e.links[0].endsWith(p.slug)), 'not in the feed');
  assert.deepEqual((await search('quokkaline')).hits, [], 'not searched');
  const list = await get(srv, '/admin/share/recaps', staff.jar);
  assert.match(list.text, new RegExp(`<a href="/admin/share/recaps/${id}">Línea de ¡Acción! Días 2027</a>`));
});

test('publishing the draft by form: public with safe Markdown, first on the hub and in the feed (still valid), searchable', async () => {
  const id = await savedRecap({ title_en: 'Línea de ¡Acción! Días 2027', summary_en: 'A summary of the quokkaline plan.',
    body_en: 'The quokkaline plan, in **three** steps.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(3)) [fine](https://example.org/a)',
    title_es: 'Plan quokkaline: los pasos', summary_es: '', body_es: 'El plan quokkaline en tres pasos.',
    slug: 'linea-de-accion-dias-2027', status: 'published' }, `/admin/share/recaps/${S.draft}`);
  assert.equal(id, S.draft);
  const p = await recapPage('linea-de-accion-dias-2027');
  assert.equal(p.res.status, 200);
  assert.doesNotMatch(p.text, /not published yet/);
  assert.match(p.article, /<strong>three<\/strong>/);
  assert.doesNotMatch(p.article, /<script|javascript:/i);
  assert.match(p.article, /raw HTML omitted/);
  assert.equal(meta(p.text, 'og:description'), 'A summary of the quokkaline plan.');
  const es = await recapPage('linea-de-accion-dias-2027', { query: '?lang=es' });
  assert.equal(es.articleLang, 'es');
  assert.equal(meta(es.text, 'og:description'), 'Riverside Unified School District', 'without a summary: the district\'s name');
  const hub = await get(srv, `${HUB}/`);
  assert.equal(recapSlugs(section(hub.text, '<h2 id="recent">'))[0], 'linea-de-accion-dias-2027');
  assert.equal(recapSlugs(section(hub.text, '<h2 id="recent">')).length, 3, 'three recaps on the hub');
  const f = await feed();
  const v = validateAtom(f.text);
  assert.ok(v.ok, v.errors);
  assert.deepEqual(f.entries[0].links, [`${BASE}${HUB}/recaps/linea-de-accion-dias-2027`]);
  assert.doesNotMatch(f.entries[0].content, /<script|javascript:/i, 'the feed\'s HTML is the safe rendering');
  const s = await search('quokkaline');
  assert.deepEqual(s.hrefs, [`${HUB}/recaps/linea-de-accion-dias-2027?lang=en`, `${HUB}/recaps/linea-de-accion-dias-2027?lang=es`].sort());
  const list = await get(srv, '/admin/share/recaps', staff.jar);
  const row = [...list.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((h) => h.includes(`/admin/share/recaps/${S.draft}"`));
  assert.ok(row.includes('<a href="/d/riverside/recaps/linea-de-accion-dias-2027">View</a>'), 'the staff list links to the public page');
  assert.match(textOf(row), /\ben es\b/, 'both languages');
});

test('a recap scheduled by form for a date and time in the district\'s zone stays hidden until then; the form shows that time back', async () => {
  const date = localDate(TZ, 30);
  const id = await savedRecap({ title_en: 'Wombatine schedule for the spring', body_en: 'The wombatine schedule.', status: 'scheduled',
    publish_date: date, publish_time: '09:15' });
  const p = (await postsApi()).find((x) => x.id === id);
  assert.equal(p.status, 'scheduled');
  assert.equal(Date.parse(p.publish_at), zonedInstant(TZ, date, '09:15'), 'publish_at is 09:15 in America/Chicago');
  const edit = await get(srv, `/admin/share/recaps/${id}`, staff.jar);
  assert.match(edit.text, new RegExp(`<input id="publish_date" name="publish_date" type="date" value="${date}">`));
  assert.match(edit.text, /<input id="publish_time" name="publish_time" type="time" value="09:15">/);
  assert.match(edit.text, /<input type="radio" name="status" value="scheduled" checked>/);
  assert.equal((await recapPage(p.slug)).res.status, 404);
  assert.equal((await recapPage(p.slug, { jar: staff.jar })).res.status, 200, 'staff preview');
  assert.deepEqual((await search('wombatine')).hits, []);
  assert.ok(!(await feed()).entries.some((e) => e.links[0].endsWith(p.slug)));
  const list = await get(srv, '/admin/share/recaps', staff.jar);
  const row = [...list.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((h) => h.includes(`/admin/share/recaps/${id}"`));
  assert.ok(row && !row.includes('>View</a>'), 'no public link while hidden');
});

test('a cover image: only real PNG/JPEG/GIF/WebP (422), alt text required (422), at most 5 MB (413); nothing kept on errors', async () => {
  const id = S.draft;
  const cases = [
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { name: 'cover.svg', type: 'image/svg+xml' }, 422,
      /This file is not a PNG, JPEG, GIF or WebP image/],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), { name: 'cover.png' }, 422, /This file is not a PNG, JPEG, GIF or WebP image/],
    [Buffer.from('Just some text renamed to look like a picture.\n'), { name: 'cover.png' }, 422, /This file is not a PNG, JPEG, GIF or WebP image/],
    [Buffer.from('GIF89a'), { name: 'cover.gif', type: 'image/gif' }, 422, /damaged|not a PNG/],
    [png(4, 3).subarray(0, 20), { name: 'cut.png' }, 422, /damaged/],
    [png(4, 3), { alt: '' }, 422, /A description of the image is required/],
    [png(4, 3), { alt: null }, 422, /A description of the image is required/],
    [Buffer.concat([png(4, 3), Buffer.alloc(5 * 1024 * 1024)]), { name: 'big.png' }, 413, /larger than 5 MB/],
    [null, {}, 422, /Choose an image file/],
    [Buffer.alloc(0), {}, 422, /Choose an image file/],
  ];
  for (const [bytes, opts, status, why] of cases) {
    const r = await upload(id, bytes, opts);
    assert.equal(r.res.status, status, `${opts.name || 'cover.png'} (${bytes ? bytes.length : 'no file'} bytes): ${r.res.status} ${alertOf(r.text)}`);
    assert.match(alertOf(r.text) || '', why, `${opts.name}: ${alertOf(r.text)}`);
  }
  assert.equal((await api(srv, adminToken, 'GET', `/api/v1/posts/${id}`)).json.image_id, 0, 'no cover set');
  assert.equal((await upload(999999, png(4, 3))).res.status, 404, 'an unknown recap');
  assert.equal((await upload(id, png(4, 3), { jar: other.jar, token: otherCsrf })).res.status, 404, 'another district');
  assert.equal((await api(srv, adminToken, 'GET', `/api/v1/posts/${id}`)).json.image_id, 0, 'still no cover');
});

test('a cover image uploaded: shown on the recap with its alt text and size, as og:image; served with ETag and a long Cache-Control, 304 when unchanged', async () => {
  const bytes = png(6, 4);
  const r = await upload(S.draft, bytes, { alt: 'Families at the "library" <evening>' });
  assert.equal(r.res.status, 303, alertOf(r.text));
  assert.equal(r.res.headers.get('location'), `/admin/share/recaps/${S.draft}?saved=1#image`);
  const post = (await api(srv, adminToken, 'GET', `/api/v1/posts/${S.draft}`)).json;
  assert.ok(post.image_id > 0);
  S.image = post.image_id;
  const src = `${HUB}/images/${S.image}`;
  const p = await recapPage(post.slug);
  assert.ok(p.article.includes(`<img class="cover" src="${src}" alt="Families at the &quot;library&quot; &lt;evening&gt;" width="6" height="4">`), p.article.slice(0, 400));
  assert.equal(meta(p.text, 'og:image'), `${BASE}${src}`);
  assert.equal(meta(p.text, 'og:image:alt'), 'Families at the "library" <evening>');
  const img = await srv.fetch(src);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), bytes, 'the bytes uploaded');
  const etag = img.headers.get('etag');
  assert.match(etag || '', /^"[^"]+"$/, 'a strong ETag');
  const cc = img.headers.get('cache-control') || '';
  assert.ok(Number((cc.match(/max-age=(\d+)/) || [])[1]) >= 30 * 86400, `long Cache-Control: ${cc}`);
  assert.deepEqual(securityHeaderProblems(img), []);
  const again = await srv.fetch(src, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await again.arrayBuffer()).byteLength, 0);
  assert.equal(again.headers.get('etag'), etag);
  const changed = await srv.fetch(src, { headers: { 'if-none-match': '"something-else"' } });
  assert.equal(changed.status, 200);
  for (const bad of [`/d/other/images/${S.image}`, `${HUB}/images/999999`, `${HUB}/images/abc`, `${HUB}/images/0`])
    assert.equal((await srv.fetch(bad)).status, 404, bad);
  const edit = await get(srv, `/admin/share/recaps/${S.draft}`, staff.jar);
  assert.ok(edit.text.includes(`<img class="thumb" src="${src}"`));
});

test('the posts API: 201 with its texts and URL; each refusal names its field (400, 409 for a slug taken); nothing stored', async () => {
  let r = await api(srv, adminToken, 'POST', '/api/v1/posts', { status: 'draft', texts: [{ lang: 'es', title: 'Solo en español', summary: 'Resumen', body: 'Texto.' }] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.slug, 'solo-en-espanol');
  assert.equal(r.json.url, `${BASE}${HUB}/recaps/solo-en-espanol`);
  assert.deepEqual(r.json.texts, [{ lang: 'es', title: 'Solo en español', summary: 'Resumen', body: 'Texto.' }]);
  assert.equal(r.json.publish_at, null);
  S.apiDraft = r.json.id;
  const before = (await postsApi()).length;
  const en = (over = {}) => [{ lang: 'en', title: 'API recap', summary: '', body: 'Body.', ...over }];
  const cases = [
    [{ status: 'draft' }, 400, 'texts'],
    [{ status: 'draft', texts: [] }, 400, 'texts'],
    [{ status: 'draft', texts: 'Body.' }, 400, 'texts'],
    [{ status: 'draft', texts: ['Body.'] }, 400, 'texts'],
    [{ status: 'draft', texts: [...en(), ...en()] }, 400, 'texts'],
    [{ status: 'draft', texts: en({ lang: 'fr' }) }, 400, /^lang/],
    [{ status: 'draft', texts: en({ title: '' }) }, 400, 'title_en'],
    [{ status: 'draft', texts: en({ body: '' }) }, 400, 'body_en'],
    [{ status: 'draft', texts: [{ lang: 'es', title: 'Título', body: '' }] }, 400, 'body_es'],
    [{ status: 'draft', texts: en({ title: 5 }) }, 400, 'title'],
    [{ status: 'live', texts: en() }, 400, 'status'],
    [{ status: 'scheduled', texts: en() }, 400, 'publish_at'],
    [{ status: 'scheduled', publish_at: 'next Tuesday', texts: en() }, 400, 'publish_at'],
    [{ status: 'draft', slug: 'Bad Slug', texts: en() }, 400, 'slug'],
    [{ status: 'draft', image_id: 999999, texts: en() }, 400, 'image_id'],
    [{ status: 'draft', initiative_id: 'one', texts: en() }, 400, 'initiative_id'],
    [{ status: 'draft', slug: RECAP_PLAN, texts: en() }, 409, 'slug'],
  ];
  for (const [body, status, field] of cases) {
    r = await api(srv, adminToken, 'POST', '/api/v1/posts', body);
    assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 90)}: ${r.text}`);
    if (field instanceof RegExp) assert.match(r.json?.error?.field || '', field, r.text);
    else assert.equal(r.json?.error?.field, field, `${JSON.stringify(body).slice(0, 90)}: ${r.text}`);
  }
  r = await api(srv, other.token, 'POST', '/api/v1/posts', { status: 'draft', image_id: S.image, texts: en() });
  assert.equal(r.status, 400, 'another district\'s image');
  assert.equal(r.json.error.field, 'image_id');
  assert.equal((await postsApi()).length, before, 'nothing stored');
  assert.equal((await postsApi(other.token)).length, 0);
  assert.equal((await api(srv, other.token, 'GET', `/api/v1/posts/${S.apiDraft}`)).status, 404);
  assert.equal((await api(srv, other.token, 'PATCH', `/api/v1/posts/${S.apiDraft}`, { status: 'published', texts: en() })).status, 404);
  assert.equal((await api(srv, adminToken, 'GET', `/api/v1/posts/${S.apiDraft}`)).json.status, 'draft');
});

test('scheduled posts appear only once their time has come: one in the past is public, one in the far future (scheduled or "published") is not', async () => {
  const mk = async (status, at, word) => {
    const r = await api(srv, adminToken, 'POST', '/api/v1/posts',
      { status, publish_at: at, texts: [{ lang: 'en', title: `The ${word} recap`, summary: `About ${word}.`, body: `Everything about the ${word} project.` }] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.publish_at, at);
    return r.json;
  };
  const past = await mk('scheduled', '2021-06-01T15:00:00Z', 'numbatine');
  const future = await mk('scheduled', '2099-01-01T00:00:00Z', 'bilbyline');
  const futurePub = await mk('published', '2098-06-01T00:00:00Z', 'quollish');
  S.future = future;
  const visible = async (p, word) => {
    const page = await recapPage(p.slug);
    const list = recapSlugs((await get(srv, `${HUB}/recaps`)).text);
    const f = await feed();
    assert.ok(validateAtom(f.text).ok);
    const s = await search(word);
    const flags = [page.res.status === 200, list.includes(p.slug), f.entries.some((e) => e.links[0].endsWith(`/recaps/${p.slug}`)),
      s.hits.some((h) => h.href.startsWith(`${HUB}/recaps/${p.slug}?`))];
    return flags;
  };
  assert.deepEqual(await visible(past, 'numbatine'), [true, true, true, true], 'past: page, list, feed, search');
  assert.deepEqual(await visible(future, 'bilbyline'), [false, false, false, false], 'future (scheduled)');
  assert.deepEqual(await visible(futurePub, 'quollish'), [false, false, false, false], 'future ("published")');
  assert.equal((await recapPage(future.slug)).res.status, 404);
  assert.equal((await recapPage(future.slug, { jar: staff.jar })).res.status, 200, 'staff preview');
  assert.ok(!recapSlugs((await get(srv, `${HUB}/`)).text).includes(future.slug));
  // Its time comes (moved to a minute ago): it appears everywhere.
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/posts/${future.id}`,
    { publish_at: isoSeconds(Date.now() - 60000), texts: [{ lang: 'en', title: 'The bilbyline recap', summary: 'About bilbyline.', body: 'Everything about the bilbyline project.' }] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await visible(future, 'bilbyline'), [true, true, true, true], 'after its time');
});

test('the feed follows what is published: new entries, valid every time; titles with & and < escaped', async () => {
  const f0 = await feed();
  const r = await api(srv, adminToken, 'POST', '/api/v1/posts',
    { status: 'published', texts: [{ lang: 'en', title: 'Q&A <update> "night" & more', summary: 'Fish & <chips>', body: 'Tom & Jerry <3 **bold**' }] });
  assert.equal(r.status, 201, r.text);
  S.qa = r.json;
  const f1 = await feed();
  const v = validateAtom(f1.text);
  assert.ok(v.ok, v.errors);
  assert.equal(f1.entries.length, f0.entries.length + 1);
  assert.deepEqual(f1.entries[0].links, [`${BASE}${HUB}/recaps/${r.json.slug}`]);
  assert.equal(f1.entries[0].title, 'Q&A <update> "night" & more');
  assert.match(f1.entries[0].content, /<strong>bold<\/strong>/);
  assert.deepEqual(f1.entries.map((e) => e.links[0]), (await visiblePosts()).slice(0, 20).map((p) => `${BASE}${HUB}/recaps/${p.slug}`));
  const page = await recapPage(r.json.slug);
  assert.equal(meta(page.text, 'og:title'), 'Q&A <update> "night" & more');
  assert.ok(page.text.includes('<meta property="og:title" content="Q&amp;A &lt;update&gt; &quot;night&quot; &amp; more">'));
});

test('editing a published recap changes its page, the feed and search; set back to draft, it leaves them all', async () => {
  const { id, slug } = S.qa;
  assert.deepEqual((await search('jerry')).hrefs, [`${HUB}/recaps/${slug}?lang=en`]);
  const text = (body) => [{ lang: 'en', title: 'Q&A <update> "night" & more', summary: 'Fish & <chips>', body }];
  let r = await api(srv, adminToken, 'PATCH', `/api/v1/posts/${id}`, { texts: text('Now about the dunnartish trail.') });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual((await search('jerry')).hits, [], 'the old words are gone from the index');
  assert.deepEqual((await search('dunnartish')).hrefs, [`${HUB}/recaps/${slug}?lang=en`]);
  assert.match((await recapPage(slug)).article, /dunnartish trail/);
  let f = await feed();
  assert.match(f.entries.find((e) => e.links[0].endsWith(`/recaps/${slug}`)).content, /dunnartish/);
  r = await api(srv, adminToken, 'PATCH', `/api/v1/posts/${id}`, { status: 'draft', texts: text('Now about the dunnartish trail.') });
  assert.equal(r.status, 200, r.text);
  assert.equal((await recapPage(slug)).res.status, 404);
  assert.deepEqual((await search('dunnartish')).hits, []);
  f = await feed();
  assert.ok(validateAtom(f.text).ok);
  assert.ok(!f.entries.some((e) => e.links[0].endsWith(`/recaps/${slug}`)));
  assert.ok(!recapSlugs((await get(srv, `${HUB}/recaps`)).text).includes(slug));
  assert.ok(!recapSlugs((await get(srv, `${HUB}/`)).text).includes(slug));
});

// ============================================================================
// Report-back
// ============================================================================

test('the share page: conversations held with results sent and recap published; the dashboard lists those not yet reported back', async () => {
  const { res, text } = await get(srv, '/admin/share', staff.jar);
  assert.equal(res.status, 200);
  const rows = [...section(text, '<tbody>', '</tbody>').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => ({
    id: Number(m[1].match(/conversations\/(\d+)"/)[1]), cells: [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((x) => x[1]), html: m[1] }));
  const convs = (await api(srv, adminToken, 'GET', '/api/v1/conversations?initiative_id=1')).json.conversations;
  const held = [];
  for (const c of convs) if ((await sessionsOf(c.id)).some((s) => Date.parse(s.ends_at) <= Date.now())) held.push(c.id);
  assert.deepEqual(rows.map((r) => r.id).sort(), held.sort(), 'every conversation held');
  const withRecap = new Set((await visiblePosts()).map((p) => p.conversation_id).filter(Boolean));
  S.unreported = rows.filter((r) => !withRecap.has(r.id)).map((r) => r.id);
  for (const r of rows) {
    assert.match(r.cells[1], /Not yet/, `conversation ${r.id}: results not sent yet`);
    if (withRecap.has(r.id)) assert.doesNotMatch(r.cells[2], /Not yet/, `conversation ${r.id}: its recap is published`);
    else assert.match(r.cells[2], /Not yet/);
    assert.match(r.html, new RegExp(`<form method="post" action="/admin/share/conversations/${r.id}/report-back"`));
  }
  assert.ok(S.unreported.length >= 1, 'a conversation held without a recap');
  assert.match(textOf(text), new RegExp(`${rows.length - S.unreported.length} of ${rows.length} conversations held have shared`));
  const dash = await get(srv, '/admin', staff.jar);
  const pending = section(dash.text, '<h2 id="unreported">');
  assert.deepEqual([...pending.matchAll(/conversations\/(\d+)"/g)].map((m) => Number(m[1])).sort(), [...S.unreported].sort());
});

test('sending results: one "results" message per participant (checked in), once even when sent twice; the conversation is then reported back', async () => {
  const conv = S.unreported[0];
  const title = (await api(srv, adminToken, 'GET', `/api/v1/conversations/${conv}`)).json.title;
  const who = await participants(conv);
  assert.ok(who.length >= 3, `participants: ${JSON.stringify(who)}`);
  let res = await postForm(srv, `/admin/share/conversations/${conv}/report-back`, staff.jar, { _csrf: csrf });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/share?sent=${who.length}`);
  const page = await get(srv, res.headers.get('location'), staff.jar);
  assert.match(textOf(page.text), new RegExp(`Messages queued: ${who.length}`));
  res = await postForm(srv, `/admin/share/conversations/${conv}/report-back`, staff.jar, { _csrf: csrf });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/share?sent=0', 'sent again: nobody twice');
  await runOutbox();
  await runOutbox();
  for (const p of who) {
    const mails = resultsTo(p.email, title);
    assert.equal(mails.length, 1, `${p.email}: ${mails.length} results messages`);
    assert.match(mails[0].text, new RegExp(`${BASE.replace(/\./g, '\\.')}/d/riverside/recaps(\\s|$)`), `${p.email}: the link to the recaps`);
    if (p.lang === 'es') assert.match(mails[0].headers.subject, /^Lo que escuchamos: /);
  }
  // Nobody else: registrants who did not come, people of other sessions.
  const everyone = new Set(who.map((p) => p.email));
  const strays = smtp.messages.slice(S.mailMark).filter((m) => decoded(m).headers.subject.includes(title) && !m.to.some((t) => everyone.has(t)));
  assert.deepEqual(strays.map((m) => m.to), [], 'results only to participants');
  const share = await get(srv, '/admin/share', staff.jar);
  const row = [...section(share.text, '<tbody>', '</tbody>').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((h) => h.includes(`conversations/${conv}"`));
  assert.doesNotMatch([...row.matchAll(/<td>([\s\S]*?)<\/td>/g)][1][1], /Not yet/, 'results sent: a date');
  assert.doesNotMatch(row, /report-back"/, 'no button any more');
  const dash = await get(srv, '/admin', staff.jar);
  assert.ok(!section(dash.text, '<h2 id="unreported">').includes(`conversations/${conv}"`), 'off the dashboard\'s list');
});

test('results of a conversation with a published recap link to that recap; those who registered but did not come get nothing', async () => {
  const conv = (await visiblePosts()).find((p) => p.slug === RECAP_FAMILIES).conversation_id;
  const title = (await api(srv, adminToken, 'GET', `/api/v1/conversations/${conv}`)).json.title;
  const who = await participants(conv);
  const res = await postForm(srv, `/admin/share/conversations/${conv}/report-back`, staff.jar, { _csrf: csrf });
  assert.equal(res.headers.get('location'), `/admin/share?sent=${who.length}`);
  await runOutbox();
  for (const p of who) {
    const mails = resultsTo(p.email, title);
    assert.equal(mails.length, 1, p.email);
    assert.ok(mails[0].text.includes(`${BASE}${HUB}/recaps/${RECAP_FAMILIES}`), `${p.email}: the link to the recap:\n${mails[0].text}`);
  }
  // Registered for a session that ended, not checked in.
  const noShows = [];
  for (const s of await sessionsOf(conv)) {
    if (Date.parse(s.ends_at) > Date.now()) continue;
    const att = (await api(srv, adminToken, 'GET', `/api/v1/sessions/${s.id}/attendees`)).json.attendees;
    const came = new Set(att.map((a) => a.registration_id));
    for (const r of (await api(srv, adminToken, 'GET', `/api/v1/sessions/${s.id}/registrations`)).json.registrations)
      if (!came.has(r.id) && r.email) noShows.push(r.email);
  }
  assert.ok(noShows.length >= 1, 'the demo has someone who did not come');
  for (const e of noShows) assert.equal(resultsTo(e, title).length, 0, `${e} did not come`);
  const dash = await get(srv, '/admin', staff.jar);
  assert.match(dash.text, /Every conversation held has shared its results with the people who took part\./);
});

test('report-back: an unknown or another district\'s conversation is 404, without the token 403, and nothing is queued', async () => {
  const n = smtp.messages.length;
  assert.equal((await postForm(srv, '/admin/share/conversations/999999/report-back', staff.jar, { _csrf: csrf })).status, 404);
  assert.equal((await postForm(srv, `/admin/share/conversations/${S.otherConversation}/report-back`, staff.jar, { _csrf: csrf })).status, 404);
  assert.equal((await postForm(srv, '/admin/share/conversations/1/report-back', other.jar, { _csrf: otherCsrf })).status, 404);
  assert.equal((await postForm(srv, '/admin/share/conversations/1/report-back', staff.jar, {})).status, 403);
  assert.equal((await postForm(srv, '/admin/share/conversations/1/report-back', fac.jar, { _csrf: facCsrf })).status, 403);
  const run = await runOutbox();
  assert.equal(run.sent, 0, run.out);
  assert.equal(smtp.messages.length, n);
});

// ============================================================================
// Who may do what
// ============================================================================

test('facilitators and partners get 403 on every staff page and form of Share and its API; anonymous visitors are sent to sign in', async () => {
  const pages = ['/admin/share', '/admin/share/recaps', '/admin/share/recaps/new', `/admin/share/recaps/${S.draft}`,
    '/admin/share/questions', '/admin/share/actions', `/admin/share/actions/${S.action}`];
  for (const p of pages) {
    for (const [who, jar] of [['facilitator', fac.jar], ['partner', partner.jar]]) {
      const { res } = await get(srv, p, jar);
      assert.equal(res.status, 403, `${who} GET ${p}`);
      assert.deepEqual(securityHeaderProblems(res), []);
    }
    const { res } = await get(srv, p);
    assert.equal(res.status, 303, `anonymous GET ${p}`);
    assert.equal(res.headers.get('location'), `/signin?next=${encodeURIComponent(p)}`);
  }
  const postsBefore = JSON.stringify(await postsApi());
  const questionsBefore = JSON.stringify((await questionsApi()).questions);
  const actionsBefore = JSON.stringify(await actionsApi());
  const forms = [
    ['/admin/share/recaps', { title_en: 'By a facilitator', body_en: 'x', status: 'published' }],
    [`/admin/share/recaps/${S.draft}`, { title_en: 'By a facilitator', body_en: 'x', status: 'draft', slug: 'linea-de-accion-dias-2027' }],
    [`/admin/share/questions/${S.sleeve.id}`, { decision: 'hide', hidden_reason: 'x' }],
    ['/admin/share/actions', { initiative_id: '1', title: 'By a facilitator', status: 'planned' }],
    [`/admin/share/actions/${S.action}`, { initiative_id: '1', title: 'By a facilitator', status: 'planned' }],
    [`/admin/share/themes/${S.codes[0].id}`, { public_description: 'By a facilitator' }],
    ['/admin/share/conversations/1/report-back', {}],
  ];
  for (const [path, f] of forms) {
    for (const [who, jar, token] of [['facilitator', fac.jar, facCsrf], ['partner', partner.jar, partnerCsrf]])
      assert.equal((await postForm(srv, path, jar, { ...f, _csrf: token })).status, 403, `${who} POST ${path}`);
    const anon = await postForm(srv, path, new Jar(), f);
    assert.ok([401, 403].includes(anon.status) || (anon.status === 303 && /^\/signin/.test(anon.headers.get('location'))),
      `anonymous POST ${path}: ${anon.status}`);
  }
  for (const [who, jar, token] of [['facilitator', fac.jar, facCsrf], ['partner', partner.jar, partnerCsrf]])
    assert.equal((await upload(S.draft, png(2, 2), { jar, token })).res.status, 403, `${who} uploads`);
  for (const token of [fac.token, partner.token]) {
    for (const [m, p, b] of [['GET', '/api/v1/posts'], ['POST', '/api/v1/posts', { status: 'draft', texts: [{ lang: 'en', title: 'x', body: 'x' }] }],
      ['GET', '/api/v1/questions'], ['PATCH', `/api/v1/questions/${S.sleeve.id}`, { decision: 'hide', hidden_reason: 'x' }],
      ['GET', '/api/v1/actions'], ['POST', '/api/v1/actions', { initiative_id: 1, title: 'x' }]])
      assert.equal((await api(srv, token, m, p, b)).status, 403, `${m} ${p}`);
  }
  for (const [m, p] of [['GET', '/api/v1/posts'], ['GET', '/api/v1/questions'], ['GET', '/api/v1/actions']])
    assert.equal((await api(srv, null, m, p)).status, 401, `no token: ${p}`);
  assert.equal(JSON.stringify(await postsApi()), postsBefore);
  assert.equal(JSON.stringify((await questionsApi()).questions), questionsBefore);
  assert.equal(JSON.stringify(await actionsApi()), actionsBefore);
});

test('another district: 404 on this district\'s recaps, questions and actions (pages, forms, API), and its own hub shows none of them', async () => {
  const draftBefore = (await api(srv, adminToken, 'GET', `/api/v1/posts/${S.draft}`)).json;
  for (const p of [`/admin/share/recaps/${S.draft}`, `/admin/share/actions/${S.action}`])
    assert.equal((await get(srv, p, other.jar)).res.status, 404, `GET ${p}`);
  assert.equal((await recapForm({ title_en: 'Taken', body_en: 'x', status: 'published', slug: 'taken' }, { path: `/admin/share/recaps/${S.draft}`, jar: other.jar, token: otherCsrf })).status, 404);
  assert.equal((await decide(S.sleeve.id, { decision: 'hide', hidden_reason: 'x' }, { jar: other.jar, token: otherCsrf })).status, 404);
  assert.equal((await decide(S.sleeve.id, { decision: 'answer', answer: 'x' }, { jar: other.jar, token: otherCsrf })).status, 404);
  assert.equal((await postForm(srv, `/admin/share/actions/${S.action}`, other.jar, { _csrf: otherCsrf, initiative_id: String(S.otherInitiative), title: 'Taken', status: 'planned' })).status, 404);
  for (const [m, p, b] of [['GET', `/api/v1/posts/${S.draft}`], ['PATCH', `/api/v1/posts/${S.draft}`, { status: 'draft', texts: [{ lang: 'en', title: 'x', body: 'x' }] }],
    ['GET', `/api/v1/questions/${S.sleeve.id}`], ['PATCH', `/api/v1/questions/${S.sleeve.id}`, { answer: 'x' }],
    ['GET', `/api/v1/actions/${S.action}`], ['PATCH', `/api/v1/actions/${S.action}`, { title: 'x' }]])
    assert.equal((await api(srv, other.token, m, p, b)).status, 404, `${m} ${p}`);
  assert.ok(!(await questionsApi('', other.token)).questions.some((q) => q.id === S.sleeve.id), 'riverside\'s questions are not listed');
  assert.equal((await question(S.sleeve.id)).status, 'published', 'unchanged');
  assert.equal((await api(srv, adminToken, 'GET', `/api/v1/actions/${S.action}`)).json.title, 'Loaner laptops <b>for repairs</b>');
  assert.deepEqual((await api(srv, adminToken, 'GET', `/api/v1/posts/${S.draft}`)).json, draftBefore, 'the recap is unchanged');
  // The other district's public hub.
  const hub = await get(srv, '/d/other/');
  assert.equal(hub.res.status, 200);
  assert.match(hub.text, /No recaps have been published yet\./);
  assert.doesNotMatch(hub.text, /riverside|hotspot|laptop/i);
  for (const p of [`/recaps/${RECAP_PLAN}`, `/recaps/linea-de-accion-dias-2027`, `/questions/${S.main.id}`, `/images/${S.image}`])
    assert.equal((await get(srv, `/d/other${p}`)).res.status, 404, p);
  assert.deepEqual((await search('hotspot', { slug: 'other' })).hits, []);
  assert.deepEqual((await search('zorblax', { slug: 'other' })).hits, []);
  const of = await feed(null, 'other');
  assert.ok(validateAtom(of.text).ok, 'an empty feed is valid too');
  assert.equal(of.entries.length, 0);
  assert.match((await get(srv, '/d/other/actions')).text, /Actions will appear here once the district has decided them\./);
  assert.doesNotMatch((await get(srv, '/d/other/questions')).text, /Zorblax|laptop/i);
});

test('every staff form of Share needs the CSRF token (403 without, or with a wrong one), and nothing changes', async () => {
  const postsBefore = JSON.stringify(await postsApi());
  const questionsBefore = JSON.stringify((await questionsApi()).questions);
  const actionsBefore = JSON.stringify(await actionsApi());
  const mails = smtp.messages.length;
  const forms = [
    ['/admin/share/recaps', { title_en: 'Forged', body_en: 'x', status: 'published' }],
    [`/admin/share/recaps/${S.draft}`, { title_en: 'Forged', body_en: 'x', status: 'draft', slug: 'linea-de-accion-dias-2027' }],
    [`/admin/share/questions/${S.sleeve.id}`, { decision: 'hide', hidden_reason: 'forged' }],
    [`/admin/share/questions/${S.sleeve.id}`, { decision: 'answer', answer: 'Forged answer' }],
    ['/admin/share/actions', { initiative_id: '1', title: 'Forged', status: 'planned', progress: '0' }],
    [`/admin/share/actions/${S.action}`, { initiative_id: '1', title: 'Forged', status: 'planned', progress: '0' }],
    [`/admin/share/themes/${S.codes[0].id}`, { public_description: 'Forged' }],
    ['/admin/share/conversations/2/report-back', {}],
  ];
  for (const [path, f] of forms) {
    assert.equal((await postForm(srv, path, staff.jar, f)).status, 403, `${path} without a token`);
    assert.equal((await postForm(srv, path, staff.jar, { ...f, _csrf: 'forged-token' })).status, 403, `${path} with a wrong token`);
    assert.equal((await postForm(srv, path, staff.jar, { ...f, _csrf: otherCsrf })).status, 403, `${path} with another session's token`);
  }
  assert.equal((await upload(S.draft, png(2, 2), { token: null })).res.status, 403, 'upload without a token');
  assert.equal((await upload(S.draft, png(2, 2), { token: 'forged' })).res.status, 403, 'upload with a wrong token');
  assert.equal(JSON.stringify(await postsApi()), postsBefore);
  assert.equal(JSON.stringify((await questionsApi()).questions), questionsBefore);
  assert.equal(JSON.stringify(await actionsApi()), actionsBefore);
  await runOutbox();
  assert.equal(smtp.messages.length, mails, 'no message sent');
});

test('security headers on every page of the hub, the feed, images, staff pages, the API and errors', async () => {
  const paths = [`${HUB}/`, `${HUB}/recaps`, `${HUB}/recaps/${RECAP_FAMILIES}`, `${HUB}/recaps/no-such`, `${HUB}/questions`,
    `${HUB}/questions?q=hotspot`, `${HUB}/questions/${S.main.id}`, `${HUB}/questions/${S.dup.id}`, `${HUB}/questions/999999`,
    `${HUB}/actions`, `${HUB}/search?q=hotspot`, `${HUB}/search?q=%22`, `${HUB}/feed.atom`, `${HUB}/images/${S.image}`, `${HUB}/images/999999`];
  for (const p of paths) {
    const { res } = await get(srv, p);
    assert.deepEqual(securityHeaderProblems(res), [], p);
  }
  for (const p of ['/admin/share', '/admin/share/recaps', `/admin/share/recaps/${S.draft}`, '/admin/share/recaps/new', '/admin/share/questions',
    '/admin/share/actions', `/admin/share/actions/${S.action}`, '/admin/share/recaps/999999']) {
    const { res } = await get(srv, p, staff.jar);
    assert.deepEqual(securityHeaderProblems(res), [], p);
  }
  for (const p of ['/api/v1/posts', `/api/v1/posts/${S.draft}`, '/api/v1/questions', '/api/v1/actions', '/api/v1/posts/999999']) {
    const r = await api(srv, adminToken, 'GET', p);
    assert.deepEqual(securityHeaderProblems(r.res), [], p);
  }
  const ask422 = await ask({ body: 'short' });
  const h = new Headers(Object.entries(ask422.headers).map(([k, v]) => [k, String(v)]));
  assert.deepEqual(securityHeaderProblems({ headers: h }), [], 'the 422 of the ask form');
  const img304 = await srv.fetch(`${HUB}/images/${S.image}`, { headers: { 'if-none-match': `"${'0'.repeat(64)}"` } });
  assert.deepEqual(securityHeaderProblems(img304), []);
});

// ============================================================================
// Cases that once failed: each guards against its bug coming back
// ============================================================================

test('PATCH /api/v1/posts/{id} with a status alone (no texts) publishes the post, keeping its texts', async () => {
  // The texts not named in a PATCH stay, and count as the post's languages.
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/posts/${S.apiDraft}`, { status: 'published' });
  assert.equal(r.status, 200, `PATCH {"status":"published"} → ${r.status} ${r.text}`);
  assert.equal(r.json.status, 'published');
  assert.deepEqual(r.json.texts.map((t) => t.title), ['Solo en español']);
  assert.equal((await recapPage('solo-en-espanol')).res.status, 200);
  const s = await api(srv, adminToken, 'PATCH', `/api/v1/posts/${S.apiDraft}`, { slug: 'solo-en-espanol-2' });
  assert.equal(s.status, 200, `PATCH {"slug"} → ${s.status} ${s.text}`);
  const stored = (await api(srv, adminToken, 'GET', `/api/v1/posts/${S.apiDraft}`)).json;
  assert.deepEqual([stored.slug, stored.status], ['solo-en-espanol-2', 'published'], 'the new slug is stored, the status kept');
});

test('a recap tied to an unknown initiative or conversation is refused naming that field, not as "web address taken" (409 slug)', async () => {
  const postsBefore = JSON.stringify(await postsApi());
  const problems = [];
  for (const field of ['conversation_id', 'initiative_id']) {
    const r = await api(srv, adminToken, 'POST', '/api/v1/posts',
      { status: 'draft', [field]: 999999, texts: [{ lang: 'en', title: `Tied to a missing ${field}`, body: 'x' }] });
    if (r.status !== 400 || r.json?.error?.field !== field)
      problems.push(`API ${field}=999999: ${r.status} ${r.text.trim()}`);
    const res = await recapForm({ title_en: `Form tied to a missing ${field}`, body_en: 'x', [field]: '999999' });
    const html = await res.text();
    if (res.status !== 422 || /web address/.test(alertOf(html) || ''))
      problems.push(`form ${field}=999999: ${res.status} "${alertOf(html)}"`);
  }
  assert.deepEqual(problems, []);
  assert.equal(JSON.stringify(await postsApi()), postsBefore, 'no recap is stored');
});

test('a recap of another district cannot be tied to this district\'s conversation (it marked it "recap published")', async () => {
  // Another district's admin posts a recap naming riverside's conversation:
  // refused, and riverside's report-back table is not touched.
  const conv = (await api(srv, adminToken, 'GET', '/api/v1/conversations?initiative_id=1')).json.conversations.find((c) => c.id !== 1) || { id: 2 };
  const r = await api(srv, other.token, 'POST', '/api/v1/posts',
    { status: 'published', conversation_id: conv.id, initiative_id: 1, texts: [{ lang: 'en', title: 'Not riverside\'s recap', body: 'x' }] });
  const share = await get(srv, '/admin/share', staff.jar);
  const row = [...section(share.text, '<tbody>', '</tbody>').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((h) => h.includes(`conversations/${conv.id}"`));
  const recapCell = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)][2][1];
  if (r.status === 201) {   // undo, so that nothing after this depends on it
    await api(srv, other.token, 'PATCH', `/api/v1/posts/${r.json.id}`,
      { status: 'draft', conversation_id: 0, initiative_id: 0, texts: [{ lang: 'en', title: 'Not riverside\'s recap', body: 'x' }] });
  }
  assert.equal(r.status, 400, `the other district's POST /api/v1/posts with riverside's conversation_id ${conv.id}: ${r.status} ${r.text.slice(0, 200)}`);
  assert.match(recapCell, /Not yet/, 'riverside\'s report-back shows a recap published by another district');
});

test('changing an action\'s initiative (API PATCH or form) is stored, not only echoed back', async () => {
  const ini = await api(srv, adminToken, 'POST', '/api/v1/initiatives', { title: 'Later school start times', why: 'Teenagers sleep late.', mode: 'cooperate' });
  assert.equal(ini.status, 201, ini.text);
  const code = await postForm(srv, '/admin/understand/codes', staff.jar,
    { _csrf: csrf, initiative: String(ini.json.id), name: 'Sleep', description: '', colour: '#cfe0f5', parent_id: '' });
  assert.equal(code.status, 303);
  const codeId = Number(code.headers.get('location').match(/code=(\d+)/)[1]);
  const created = await api(srv, adminToken, 'POST', '/api/v1/actions', { initiative_id: 1, title: 'Move the first bell to 8:30' });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/actions/${id}`, { initiative_id: ini.json.id, code_id: codeId });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.initiative_id, ini.json.id, 'the answer says it moved');
  const stored = (await api(srv, adminToken, 'GET', `/api/v1/actions/${id}`)).json;
  const problems = [];
  if (stored.initiative_id !== ini.json.id)
    problems.push(`API: PATCH answered initiative_id ${ini.json.id}, GET says ${stored.initiative_id} (code_id ${stored.code_id} is a code of initiative ${ini.json.id})`);
  if (!(await actionsApi(`?initiative_id=${ini.json.id}`)).some((a) => a.id === id)) problems.push('not listed under its new initiative');
  // The same through the form.
  const back = await postForm(srv, `/admin/share/actions/${S.action}`, staff.jar, { _csrf: csrf, initiative_id: String(ini.json.id), code_id: '',
    title: 'Loaner laptops <b>for repairs</b>', description: '', owner: '', due_on: '', status: 'in_progress', progress: '80', reason: '', note: '' });
  assert.equal(back.status, 303);
  const viaForm = (await api(srv, adminToken, 'GET', `/api/v1/actions/${S.action}`)).json;
  if (viaForm.initiative_id !== ini.json.id) problems.push(`form: initiative_id ${ini.json.id} sent, ${viaForm.initiative_id} stored`);
  assert.deepEqual(problems, []);
});

test('answering a hidden question through the API does not make it public', async () => {
  // A question hidden because it names a neighbour and her address must not
  // become public by being answered (nor its asker be e-mailed a link).
  const id = S.hidden.id;
  assert.equal((await question(id)).status, 'hidden');
  const r = await api(srv, adminToken, 'PATCH', `/api/v1/questions/${id}`, { answer: 'We have asked the family to return it.' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, "answer");
  const after = await question(id);
  const page = await get(srv, `${HUB}/questions/${id}`);
  const problems = [];
  if (after.status !== 'hidden') problems.push(`PATCH {"answer"} → ${r.status}; the question is now "${after.status}", hidden_reason "${after.hidden_reason}"`);
  if (page.res.status !== 404) problems.push(`GET ${HUB}/questions/${id} → ${page.res.status}: "${textOf(page.text.match(/<h1 id="question">([\s\S]*?)<\/h1>/)?.[1] || '')}"`);
  if ((await search('neighbour')).hits.length) problems.push('it is found by search');
  assert.deepEqual(problems, []);
});

test('the posts, questions and actions API read through the declared fields: a line break in a title, a wrong status, a wrong type', async () => {
  const before = (await api(srv, adminToken, 'GET', '/api/v1/posts')).json.posts.length;
  let r = await api(srv, adminToken, 'POST', '/api/v1/posts', { slug: 'two-lines', status: 'draft',
    texts: [{ lang: 'en', title: 'First line\r\nSecond line', summary: 'S.', body: 'B.' }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'title');
  r = await api(srv, adminToken, 'POST', '/api/v1/posts', { slug: 'wrong-type', status: 'draft', image_id: 'one',
    texts: [{ lang: 'en', title: 'Fine', summary: 'S.', body: 'B.' }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'image_id');
  assert.equal((await api(srv, adminToken, 'GET', '/api/v1/posts')).json.posts.length, before, 'nothing stored');
  r = await api(srv, adminToken, 'GET', '/api/v1/actions?initiative_id=0');
  assert.equal(r.status, 400, `an initiative id of 0: ${r.text}`);
  assert.equal(r.json.error.field, 'initiative_id');
  r = await api(srv, adminToken, 'GET', '/api/v1/questions?status=lost');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'status');
  r = await api(srv, adminToken, 'PATCH', '/api/v1/questions/1', { decision: 'publish', into: 'two' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'into');
  r = await api(srv, adminToken, 'POST', '/api/v1/actions', { title: 'A plan', note: 42 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'note');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
