// The district-boundary sweep: every route of the route table, as every
// kind of person of two districts loaded with the same story, with the ids
// of both.  Nothing of one district may show to the other, and nothing of
// it may change when the other aims at its records.
//
// Needs no upkeep: the routes come from `commonground routes`, the tables
// and their rows from the database, the two districts from `seed-demo
// --district` (every name, e-mail, title and slug of a district so loaded
// carries its word, so one word finds anything of it).  A route parameter
// with no entry in PARAMS below, or a table with district_id that the demo
// leaves empty in either district, fails the sweep.  docs/internals/testing.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { BIN, Jar, csrfFrom, seedDemo, signIn, startServer } from '../lib/server.mjs';
import { PASSWORD, get } from '../lib/http.mjs';

const run = promisify(execFile);

// What a route parameter stands for.  By name first; {id}-style ones by the
// path segment before them (/admin/plan/sessions/{id} → sessions).
//   table: the ids of that table's rows;  column: another column of it;
//   tokens: registration links found in the district's messages;
//   own: the requesting district's own value (not a record to cross);
//   fixed: a constant (not district data).
const PARAMS = {
  byName: {
    slug: { own: (d) => d.slug },
    post: { table: 'posts', column: 'slug' },
    token: { tokens: true },
    file: { fixed: 'style.css' },
    code: { fixed: 'es' },
    area: { fixed: 'capture' },
  },
  bySegment: {
    users: 'users', initiatives: 'initiatives', conversations: 'conversations', sessions: 'sessions',
    messages: 'messages', codes: 'codes', quotes: 'quotes', recaps: 'posts', posts: 'posts',
    questions: 'questions', actions: 'actions', themes: 'codes', images: 'images', reports: 'initiatives',
    attendees: 'attendees',
  },
};

// Query parameters that name a record, as the pages' links use them; links
// with another query parameter fail the sweep unless it is in NOT_RECORDS.
const QUERY = {
  initiative: { table: 'initiatives' }, initiative_id: { table: 'initiatives' }, session: { table: 'sessions' },
  session_id: { table: 'sessions' }, conversation_id: { table: 'conversations' }, code: { table: 'codes' },
  r: { tokens: true },
};
const NOT_RECORDS = new Set(['saved', 'done', 'sent', 'told', 'added', 'invited', 'asked', 'thanks', 'new', 'lang',
  'next', 'v', 'k', 'q', 'format', 'audience', 'view', 'status', 'kind', 'group', 'question', 'filename']);

// Routes that act on the asker's own sign-in, not on records.
const SELF = new Set(['POST /signin', 'POST /signout']);

const ROLES = ['admin', 'staff', 'facilitator', 'partner'];
const DISTRICTS = [
  { slug: 'alderbrook', name: 'Alderbrook Unified School District', word: 'alderbrook' },
  { slug: 'birchmoor', name: 'Birchmoor Public Schools', word: 'birchmoor' },
];

let srv, routes, tables, pg;
const other = (d) => DISTRICTS[1 - DISTRICTS.indexOf(d)];

// ---- the database, read beside the server ----------------------------------

/** The rows of each query, with one client process for all of them. */
async function sqlMany(queries) {
  if (!queries.length) return [];
  if (pg) {
    // jsonb prints on one line: one line per query.
    const args = [srv.db, '-v', 'ON_ERROR_STOP=1', '-XAtq'];
    for (const q of queries) args.push('-c', `SELECT coalesce(jsonb_agg(q), '[]') FROM (${q}) q`);
    const { stdout } = await run('psql', args, { maxBuffer: 1 << 28 });
    return stdout.trim().split('\n').map((l) => JSON.parse(l));
  }
  // sqlite3 prints nothing for no rows: a marker row before each result.
  const script = queries.map((q, i) => `SELECT 'sweep-${i}' AS sweep_marker; ${q};`).join('\n');
  // The server may be writing: wait for its lock as the server does.
  const { stdout } = await run('sqlite3', ['-cmd', '.timeout 5000', '-json', srv.db.replace(/^sqlite:/, ''), script],
    { maxBuffer: 1 << 28 });
  const parts = stdout.split(/^\[\{"sweep_marker":"sweep-\d+"\}\]$/m).slice(1);
  return parts.map((p) => (p.trim() ? JSON.parse(p) : []));
}

const sql = async (query) => (await sqlMany([query]))[0];

async function districtTables() {
  const rows = pg
    ? await sql("SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'district_id' ORDER BY 1")
    : await sql("SELECT m.name AS t FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'district_id' ORDER BY 1");
  const cols = await sqlMany(rows.map(({ t }) => (pg
    ? `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'`
    : `SELECT name AS c FROM pragma_table_info('${t}')`)));
  return rows.map(({ t }, i) => ({ name: t, cols: cols[i].map((r) => r.c) }));
}

/** Every row of district d in every table (and its districts row), each
 *  table's rows in a canonical order, for before/after comparison. */
async function dump(d) {
  const canon = (rows) => rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
  const rows = await sqlMany([`SELECT * FROM districts WHERE id = ${d.id}`, ...tables.map((t) =>
    // Not PostgreSQL's generated search vector.
    `SELECT ${t.cols.filter((c) => c !== 'tsv').join(', ')} FROM ${t.name} WHERE district_id = ${d.id}`)]);
  const out = { districts: canon(rows[0]) };
  tables.forEach((t, i) => (out[t.name] = canon(rows[i + 1])));
  return out;
}

/** The values a parameter takes in district d (all of them). */
async function values(d, spec) {
  if (spec.fixed) return [spec.fixed];
  if (spec.own) return [spec.own(d)];
  if (spec.tokens) {
    const rows = await sql(`SELECT body FROM messages WHERE district_id = ${d.id}`);
    const re = new RegExp(`/d/${d.slug}/r/([A-Za-z0-9_.~-]+)`, 'g');
    return [...new Set(rows.flatMap((r) => [...r.body.matchAll(re)].map((m) => m[1])))];
  }
  const col = spec.column || 'id';
  return (await sql(`SELECT ${col} AS v FROM ${spec.table} WHERE district_id = ${d.id} ORDER BY id`)).map((r) => String(r.v));
}

/** Runs the tasks (functions returning promises), n at a time. */
async function pool(tasks, n) {
  let next = 0;
  const worker = async () => { while (next < tasks.length) await tasks[next++](); };
  await Promise.all(Array.from({ length: n }, worker));
}

/** First, middle and last: enough to cross a handler, few enough to be fast. */
const spread = (xs) => [...new Set([xs[0], xs[Math.floor(xs.length / 2)], xs[xs.length - 1]])].filter((x) => x !== undefined);

// ---- the route table --------------------------------------------------------

const segmentSpecs = {};
function paramSpecs(pattern) {
  const segs = pattern.split('/');
  const specs = [];
  segs.forEach((s, i) => {
    const m = s.match(/^\{(\w+)\}$/);
    if (!m) return;
    let spec = PARAMS.byName[m[1]];
    const table = PARAMS.bySegment[segs[i - 1]];
    if (!spec && table) spec = segmentSpecs[table] ||= { table };
    specs.push({ name: m[1], index: i, spec });
  });
  return specs;
}

const crosses = (spec) => spec && !spec.fixed && !spec.own;

function fill(pattern, assignment) {
  const segs = pattern.split('/');
  for (const [i, v] of Object.entries(assignment)) segs[i] = encodeURIComponent(v);
  return segs.join('/');
}

/** Concrete paths for route rt asked by district d: { own: [...], cross: [...] }.
 *  cross holds every mix of d's and the other district's values in which at
 *  least one record parameter is the other's. */
function paths(rt, d) {
  const specs = paramSpecs(rt.pattern);
  const cross = [], base = {};
  // A parameter without an entry in PARAMS fails its own test above.
  if (specs.some((p) => !p.spec)) return { own: [], cross };
  for (const p of specs) base[p.index] = d.values.get(p.spec)[0];
  const own = specs.every((p) => d.values.get(p.spec).length) ? [fill(rt.pattern, base)] : [];
  const recs = specs.filter((p) => crosses(p.spec));
  for (let mask = 1; mask < 1 << recs.length; mask++) {
    const choices = recs.map((p, k) => (mask & (1 << k) ? spread(other(d).values.get(p.spec)) : [base[p.index]]));
    const combos = choices.reduce((acc, xs) => acc.flatMap((a) => xs.map((x) => [...a, x])), [[]]);
    for (const c of combos) {
      const as = { ...base };
      recs.forEach((p, k) => (as[p.index] = c[k]));
      if (Object.values(as).every((x) => x !== undefined)) cross.push(fill(rt.pattern, as));
    }
  }
  return { own, cross };
}

// ---- people -----------------------------------------------------------------

async function loadDistrict(d) {
  const { email: admin, password, token } = await seedDemo(srv, { district: d.slug, name: d.name });
  [d.id] = (await sql(`SELECT id FROM districts WHERE slug = '${d.slug}'`)).map((r) => r.id);
  d.jars = {};
  d.tokens = {};
  d.csrf = {};
  const users = await sqlMany(ROLES.map((role) =>
    `SELECT email FROM users WHERE district_id = ${d.id} AND role = '${role}' ORDER BY id LIMIT 1`));
  await Promise.all(ROLES.map(async (role, i) => {
    const [u] = users[i];
    assert.ok(u, `the demo gives ${d.slug} a ${role}`);
    let pw = password;
    if (u.email !== admin) {
      pw = PASSWORD;
      await srv.cliStdin(`${pw}\n`, 'user', 'set-password', '--email', u.email, '--password-stdin');
    }
    d.jars[role] = await signIn(srv, u.email, pw);
    d.csrf[role] = csrfFrom((await get(srv, '/admin', d.jars[role])).text);
    assert.ok(d.csrf[role], `${role} of ${d.slug} has a CSRF token`);
    d.tokens[role] = u.email === admin ? token : (await srv.cli('token', 'create', '--email', u.email)).trim();
  }));
  // An anonymous visitor with the CSRF cookie public forms carry.
  d.queries = new Map();
  d.anon = new Jar();
  d.anonCsrf = csrfFrom((await get(srv, '/signin', d.anon)).text);
}

async function collectValues(d) {
  d.values = new Map();
  const specs = [...new Set(routes.flatMap((rt) => paramSpecs(rt.pattern).map((p) => p.spec)).filter(Boolean))];
  for (const spec of specs) d.values.set(spec, await values(d, spec));
  d.first = {};
  const withId = tables.filter((t) => t.cols.includes('id'));
  const firsts = await sqlMany(withId.map((t) => `SELECT min(id) AS v FROM ${t.name} WHERE district_id = ${d.id}`));
  withId.forEach((t, i) => (d.first[t.name] = Number(firsts[i][0]?.v)));
  // The addresses of d's records as links would show them: every route
  // with one record parameter, filled with each of d's values.
  d.links = [];
  for (const rt of routes) {
    const specs = paramSpecs(rt.pattern);
    const recs = specs.filter((p) => crosses(p.spec));
    if (recs.length !== 1 || specs.some((p) => !p.spec)) continue;
    for (const v of d.values.get(recs[0].spec)) {
      const as = {};
      for (const p of specs) as[p.index] = p === recs[0] ? v : d.values.get(p.spec)[0];
      d.links.push(fill(rt.pattern, as));
    }
  }
  d.links = [...new Set(d.links)];
}

/** What of district o a response shows: its word (names, e-mails, titles,
 *  slugs all carry it) or a link to one of its records. */
function traces(text, o, asked) {
  const found = [];
  // A page may name the address it was asked for (a 404's language links).
  if (asked) for (const a of [asked, encodeURIComponent(asked)]) text = text.split(a).join('');
  const lower = text.toLowerCase();
  const at = lower.indexOf(o.word);
  if (at >= 0) found.push(`"${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}"`);
  for (const l of o.links) {
    let i = text.indexOf(l);
    while (i >= 0) {
      if (!/[0-9A-Za-z_-]/.test(text[i + l.length] || '')) { found.push(`link ${l}`); break; }
      i = text.indexOf(l, i + 1);
    }
  }
  return found;
}

/** The identities that ask route rt in district d: [label, request options]. */
function askers(rt, d) {
  if (rt.flags.includes('api')) return ROLES.map((r) => [`${r} token`, { token: d.tokens[r] }]);
  const jars = ROLES.map((r) => [`${r}`, { jar: d.jars[r], csrf: d.csrf[r] }]);
  if (!rt.flags.includes('login') && rt.role === 'none') return [['anonymous', { jar: d.anon, csrf: d.anonCsrf }], ...jars];
  return jars;
}

async function ask(method, path, who, body) {
  const headers = {};
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (who.jar && who.jar.cookies.size) headers.cookie = who.jar.header();
  const opts = { method, headers };
  if (body !== undefined) {
    if (body instanceof FormData) opts.body = body;
    else if (body instanceof Blob) { headers['content-type'] = body.type; opts.body = body; }
    else if (who.token) { headers['content-type'] = 'application/json'; opts.body = JSON.stringify(body); }
    else { headers['content-type'] = 'application/x-www-form-urlencoded'; opts.body = new URLSearchParams(body).toString(); }
  }
  const res = await srv.fetch(path, opts);
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: buf.toString('utf8') };
}

// The fields the product's forms and API calls use, every kind of record
// reference filled with the other district's first id of that table.
function plausibleFields(d) {
  const o = other(d);
  const id = (t) => o.first[t] ?? 1;
  return {
    title: 'Sweep title', name: 'Sweep name', why: 'Sweep why', mode: 'cooperate', body: 'Sweep body',
    text: 'Sweep note', summary: 'Sweep summary', markdown: 'Sweep markdown', description: 'Sweep description',
    objective: 'Sweep objective', answer: 'Sweep answer', reason: 'Sweep reason', note: 'Sweep note',
    email: 'sweep@sweep.example.org', role: 'staff', status: 'published', action: 'approve', audience: 'internal',
    format: 'virtual', date: '2031-05-01', start: '18:00', end: '19:00', capacity: 10, language: 'en', lang: 'en',
    kind: 'note', progress: 50, alt: 'Sweep picture', question: 1, speaker_code: 'P1', client_id: 'sweep-1',
    consent_record: true, consent_quote: true, code: 'P1', slug: 'sweep-post', k: 4, theme: 1, span_start: 0, span_end: 4,
    initiative_id: id('initiatives'), conversation_id: id('conversations'), session_id: id('sessions'),
    group_id: id('stakeholder_groups'), code_id: id('codes'), parent_id: id('codes'), into: id('codes'),
    merged_into: id('questions'), excerpt_kind: 'note', excerpt_id: id('notes'), registration_id: id('registrations'),
    user_id: id('users'), user_ids: id('users'), protocol_id: id('protocols'), contact_id: id('contacts'),
    attendee_id: id('attendees'), question_id: id('questions'), post_id: id('posts'), image_id: id('images'),
  };
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** A file for an upload field, by what the field accepts. */
function fileFor(accept = '') {
  if (/image/.test(accept)) return [new Blob([GIF], { type: 'image/gif' }), 'sweep.gif'];
  if (/csv/.test(accept)) return [new Blob(['name,email\nSweep Person,sweep.person@sweep.example.org\n'], { type: 'text/csv' }), 'sweep.csv'];
  return [new Blob(['WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nSweep: a line\n'], { type: 'text/vtt' }), 'sweep.vtt'];
}

/** fields as route rt takes them: JSON for the API, urlencoded for a form,
 *  multipart with files (by field name: what it accepts) for an upload. */
function encode(rt, who, fields, files = { file: '', image: 'image/*' }) {
  if (who.token && !rt.flags.includes('upload')) return fields;
  if (who.token) return fileFor()[0];   // the API takes the file as the body
  const text = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  if (who.csrf) text._csrf = who.csrf;
  if (!rt.flags.includes('upload')) return text;
  const form = new FormData();
  for (const [k, v] of Object.entries(text)) form.append(k, v);
  for (const [name, accept] of Object.entries(files)) form.append(name, ...fileFor(accept));
  return form;
}

/** The forms on a page that post to path, as the browser would send them
 *  ({ fields, files: {name: accept} }). */
function formsTo(html, path) {
  const out = [];
  const attr = (tag, name) => (tag.match(new RegExp(`\\b${name}="([^"]*)"`)) || [])[1];
  const unescape = (v) => (v || '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [f] of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const action = attr(f.match(/^<form\b[^>]*>/)[0], 'action');
    if (action === undefined || unescape(action).split('?')[0] !== path) continue;
    const fields = {}, files = {}, radios = {};
    for (const [tag] of f.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(tag, 'name'), type = attr(tag, 'type') || 'text';
      if (!name || type === 'submit') continue;
      if (type === 'file') { files[name] = attr(tag, 'accept') || ''; continue; }
      if (type === 'radio' && !(name in radios)) radios[name] = unescape(attr(tag, 'value'));
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
      const v = unescape(attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
      // An empty field a person would fill, filled as they might.
      fields[name] = v === '' && BY_TYPE[type] ? BY_TYPE[type] : v;
    }
    for (const [name, v] of Object.entries(radios)) if (!(name in fields)) fields[name] = v;
    for (const [, open, body] of f.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
      if (attr(open, 'name')) fields[attr(open, 'name')] = unescape(body);
    for (const [, open, body] of f.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const opts = [...body.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]);
      const chosen = opts.find((o) => /\bselected\b/.test(o)) || opts.find((o) => attr(o, 'value')) || opts[0];
      if (attr(open, 'name') && chosen !== undefined) fields[attr(open, 'name')] = unescape(attr(chosen, 'value'));
    }
    // A submit button's own name and value, as the browser sends the one pressed.
    const button = f.match(/<button\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/);
    if (button) fields[button[1]] = unescape(button[2]);
    out.push({ fields, files });
  }
  return out;
}

const BY_TYPE = {
  time: '18:00', date: '2031-05-01', 'datetime-local': '2031-05-01T18:00', email: 'sweep.person@sweep.example.org',
  url: 'https://sweep.example.org/j/1', number: '1', tel: '555-0100',
};

const EDITED = ['title', 'name', 'body', 'answer', 'description', 'text'];

/** The bodies to send to route rt: the plausible fields; then, from the
 *  asker's own record, the forms that post to ownPath as its page shows
 *  them (empty fields filled from the plausible ones) or the record as the
 *  API reads it back, with its text edited — so that validation passes
 *  and only the record aimed at differs. */
async function bodies(rt, d, who, ownPath) {
  const plain = plausibleFields(d);
  const out = [encode(rt, who, plain)];
  if (!ownPath) return out;
  if (who.token) {
    if (rt.flags.includes('upload')) return out;
    const r = await ask('GET', ownPath, who);
    let obj = null;
    try { obj = JSON.parse(r.text); } catch {}
    if (r.status === 200 && obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const fields = Object.fromEntries(Object.entries(obj).filter(([k, v]) => k !== 'id' && typeof v !== 'object'));
      for (const k of EDITED) if (typeof fields[k] === 'string') fields[k] = `${fields[k]} (sweep)`;
      out.push(fields, { title: 'Sweep title' });
    }
    return out;
  }
  // The forms are on the page of the same address, or of one above it.
  for (let page = ownPath; page.lastIndexOf('/') > 0; page = page.slice(0, page.lastIndexOf('/'))) {
    const r = await ask('GET', page, who);
    const forms = r.status === 200 ? formsTo(r.text, ownPath) : [];
    for (const { fields, files } of forms) {
      const f = { ...fields };
      for (const [k, v] of Object.entries(f)) if (v === '' && plain[k] !== undefined && !/_id$/.test(k)) f[k] = plain[k];
      for (const k of EDITED) if (typeof f[k] === 'string' && f[k]) f[k] = `${f[k]} (sweep)`;
      out.push(encode(rt, who, f, files));
    }
    if (forms.length) break;
  }
  return out;
}

/** Asks, and notes in problems what the answer shows of the other
 *  district, and a status that refused() does not accept (when given). */
async function probe(problems, d, label, w, method, path, body, refused) {
  const r = await ask(method, path, w, body);
  if (method === 'GET' && !refused) noteLinks(d, label, w, r.text);
  const o = other(d);
  const what = `${method} ${path} as ${d.slug} ${label} (${r.status})`;
  if (refused && !refused(r.status)) problems.push(`${what}: ${o.slug}'s record, not refused`);
  const t = traces(r.text, o, path);
  if (t.length) problems.push(`${what} shows ${o.slug}: ${t.slice(0, 3).join('; ')}`);
}

/** The query parameters of the district's own links, by the GET route they
 *  lead to: d.queries holds [label, asker, path, names]. */
function noteLinks(d, label, w, html) {
  for (const [, href] of html.matchAll(/(?:href|action)="(\/[^"#]*\?[^"#]*)"/g)) {
    const [path, query] = href.replace(/&amp;/g, '&').split('?');
    const names = [...new URLSearchParams(query).keys()];
    if (!routes.some((rt) => rt.method === 'GET' && matches(rt.pattern, path))) continue;
    const key = `${label} ${path} ${names.sort().join(',')}`;
    if (!d.queries.has(key)) d.queries.set(key, [label, w, path, names]);
  }
}

function matches(pattern, path) {
  const p = pattern.split('/'), s = path.split('/');
  return p.length === s.length && p.every((seg, i) => (/^\{\w+\}$/.test(seg) ? s[i] !== '' : seg === s[i]));
}

const is4xx = (st) => st >= 400 && st <= 499;
const is404 = (st) => st === 404 || st === 403;

// ---- the sweep --------------------------------------------------------------

before(async () => {
  pg = process.env.CG_TEST_DB === 'postgres';
  srv = await startServer();
  routes = JSON.parse((await run(BIN, ['routes'])).stdout);
  // PostgreSQL loads both at once; SQLite has one writer at a time.
  if (pg) await Promise.all(DISTRICTS.map(loadDistrict));
  else for (const d of DISTRICTS) await loadDistrict(d);
  tables = await districtTables();
  for (const d of DISTRICTS) await collectValues(d);
});

after(async () => {
  if (srv) {
    const st = await srv.stop();
    assert.equal(st.code, 0, `the server exits cleanly: ${JSON.stringify(st)}`);
  }
});

test('both districts have rows in every table that has a district_id', async () => {
  assert.ok(tables.length >= 30, `${tables.length} tables with district_id`);
  const empty = [];
  const counts = await sqlMany(tables.map((t) => `SELECT district_id AS d, count(*) AS n FROM ${t.name} GROUP BY district_id`));
  for (const [i, t] of tables.entries()) {
    const rows = counts[i];
    for (const d of DISTRICTS)
      if (!rows.some((r) => Number(r.d) === d.id && Number(r.n) > 0)) empty.push(`${t.name} (${d.slug})`);
  }
  assert.deepEqual(empty, [], 'seed-demo --district leaves these tables empty; give the demo data for them');
});

// Text the two districts share by design: the baseline's categories and the
// answers that name them, and what the product itself writes.
const SHARED = new Set(['baseline_shares.category', 'survey_answers.category', 'messages.subject', 'messages.note']);

test('the two districts share no name, e-mail, title or text', async () => {
  const [a, b] = DISTRICTS;
  const cols = tables.flatMap((t) => t.cols.filter((c) => c !== 'district_id' && c !== 'tsv' && !SHARED.has(`${t.name}.${c}`)).map((c) => [t.name, c]));
  const shared = await sqlMany(cols.map(([t, c]) =>
    `SELECT DISTINCT CAST(x.${c} AS TEXT) AS v FROM ${t} x JOIN ${t} y ON CAST(y.${c} AS TEXT) = CAST(x.${c} AS TEXT)
      WHERE x.district_id = ${a.id} AND y.district_id = ${b.id} AND (CAST(x.${c} AS TEXT) LIKE '% %' OR CAST(x.${c} AS TEXT) LIKE '%@%')`));
  const found = cols.flatMap(([t, c], i) => shared[i].map((r) => `${t}.${c}: "${String(r.v).slice(0, 80)}"`));
  assert.deepEqual(found, [], 'seed-demo --district must give each district its own text (src/cmd/seed_demo.c), or the column is listed in SHARED');
});

test('every route parameter says what it stands for, and the demo has values for it', (t) => {
  const withRecord = routes.filter((rt) => paramSpecs(rt.pattern).some((p) => crosses(p.spec)));
  t.diagnostic(`${routes.length} routes: ${routes.filter((rt) => rt.method === 'GET').length} GET, `
    + `${withRecord.length} with a record in the path; not aimed at the other district: ${[...SELF].join(', ')}`);
  const missing = [];
  for (const rt of routes)
    for (const p of paramSpecs(rt.pattern)) {
      if (!p.spec) { missing.push(`${rt.method} ${rt.pattern}: {${p.name}} has no entry in PARAMS`); continue; }
      for (const d of DISTRICTS)
        if (!d.values.get(p.spec).length) missing.push(`${rt.method} ${rt.pattern}: no value of {${p.name}} in ${d.slug}`);
    }
  assert.deepEqual(missing, []);
});

test('calls that change data, aimed at the other district\'s records, answer 4xx and change nothing of it', async (t) => {
  const problems = [];
  let n = 0;
  for (const d of DISTRICTS) {
    const o = other(d);
    const beforeDump = await dump(o);
    for (const rt of routes) {
      if (rt.method === 'GET' || SELF.has(`${rt.method} ${rt.pattern}`)) continue;
      const { own, cross } = paths(rt, d);
      // With no record in the path, the other district's ids go in the body only.
      const targets = paramSpecs(rt.pattern).some((p) => crosses(p.spec)) ? cross : own;
      const who = askers(rt, d).filter(([label]) => /^(anonymous|admin|facilitator)/.test(label));
      for (const [label, w] of who) {
        const sends = await bodies(rt, d, w, own[0]);
        for (const path of targets)
          for (const body of sends) {
            await probe(problems, d, label, w, rt.method, path, body, targets === cross ? is4xx : null);
            n++;
          }
      }
    }
    const afterDump = await dump(o);
    for (const t of Object.keys(beforeDump)) {
      const gone = beforeDump[t].filter((r) => !afterDump[t].includes(r));
      const added = afterDump[t].filter((r) => !beforeDump[t].includes(r));
      if (gone.length || added.length)
        problems.push(`${o.slug}.${t} changed by ${d.slug}: ${gone.length} rows before, ${added.length} after, e.g. ${(added[0] || gone[0]).slice(0, 300)}`);
    }
  }
  t.diagnostic(`${n} requests`);
  assert.ok(n > 100, `${n} requests`);
  assert.deepEqual(problems, []);
});

test('GET of every route, as everyone of each district: nothing of the other, and its ids are 404', async (t) => {
  const problems = [];
  const tasks = [];
  for (const d of DISTRICTS)
    for (const rt of routes) {
      if (rt.method !== 'GET') continue;
      const { own, cross } = paths(rt, d);
      for (const [label, w] of askers(rt, d)) {
        for (const path of own) tasks.push(() => probe(problems, d, label, w, 'GET', path));
        for (const path of cross) tasks.push(() => probe(problems, d, label, w, 'GET', path, undefined, is404));
      }
    }
  // Reads change nothing, so they may overlap.
  await pool(tasks, 4);
  t.diagnostic(`${tasks.length} requests`);
  assert.ok(tasks.length > 500, `${tasks.length} requests`);
  problems.sort();
  assert.deepEqual(problems, []);
});

test('query parameters naming a record, with the other district\'s: nothing of it', async (t) => {
  const problems = [], unknown = new Set(), tasks = [];
  const queryValues = new Map();
  for (const d of DISTRICTS)
    for (const [name, spec] of Object.entries(QUERY)) queryValues.set(`${d.slug} ${name}`, spread(await values(d, spec)));
  for (const d of DISTRICTS) {
    const o = other(d);
    // The pages' own links, and every API list with each parameter.
    const asked = [...d.queries.values()];
    for (const rt of routes)
      if (rt.method === 'GET' && rt.flags.includes('api') && !rt.pattern.includes('{'))
        asked.push(['admin token', { token: d.tokens.admin }, rt.pattern, Object.keys(QUERY)]);
    for (const [label, w, path, names] of asked)
      for (const name of names) {
        if (NOT_RECORDS.has(name)) continue;
        if (!QUERY[name]) { unknown.add(`${path}?${name}=`); continue; }
        for (const v of queryValues.get(`${o.slug} ${name}`))
          tasks.push(() => probe(problems, d, label, w, 'GET', `${path}?${name}=${encodeURIComponent(v)}`));
      }
  }
  await pool(tasks, 4);
  assert.deepEqual([...unknown], [], 'links with a query parameter that is neither in QUERY nor in NOT_RECORDS');
  t.diagnostic(`${tasks.length} requests`);
  assert.ok(tasks.length > 50, `${tasks.length} requests`);
  assert.deepEqual(problems.sort(), []);
});

// Last, as it changes the districts' own records: the bodies the sweep sends
// are ones a route takes for the asker's own record, or a refused cross
// call would prove nothing.
test('the bodies sent across are accepted for the district\'s own records', async (t) => {
  const refused = [];
  let tried = 0;
  const d = DISTRICTS[0];
  for (const rt of routes) {
    if (rt.method === 'GET' || SELF.has(`${rt.method} ${rt.pattern}`)) continue;
    if (!paramSpecs(rt.pattern).some((p) => crosses(p.spec))) continue;
    const { own } = paths(rt, d);
    const [label, w] = askers(rt, d).find(([l]) => /^admin/.test(l));
    const sends = await bodies(rt, d, w, own[0]);
    let last = null;
    for (const body of sends) {
      last = await ask(rt.method, own[0], w, body);
      if (last.status < 400) break;
    }
    tried++;
    if (last.status >= 400) {
      const why = last.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').match(/[^.]{0,30}(?:required|must|Choose|Give|Enter|not)[^.]{0,60}/);
      refused.push(`${rt.method} ${own[0]} (${label}): ${last.status} ${why ? why[0].trim() : ''}`);
    }
  }
  t.diagnostic(`${tried - refused.length} of ${tried} accepted; refused: ${refused.join('; ')}`);
  assert.ok(tried - refused.length >= 0.8 * tried, `most bodies are accepted; refused: ${refused.join('; ')}`);
});

test('no row of one district refers to a row of the other', async () => {
  const fks = pg
    ? await sql(`SELECT kcu.table_name AS t, kcu.column_name AS c, ccu.table_name AS ft
                   FROM information_schema.table_constraints tc
                   JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
                   JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
                  WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`)
    : await sql(`SELECT m.name AS t, f."from" AS c, f."table" AS ft FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`);
  const withDistrict = new Set(tables.map((t) => t.name));
  const refs = fks.filter(({ t, c, ft }) => c !== 'district_id' && withDistrict.has(t) && withDistrict.has(ft));
  const counts = await sqlMany(refs.map(({ t, c, ft }) =>
    `SELECT count(*) AS n FROM ${t} x JOIN ${ft} y ON y.id = x.${c} WHERE x.district_id <> y.district_id`));
  const problems = refs.flatMap(({ t, c, ft }, i) =>
    (Number(counts[i][0].n) ? [`${t}.${c}: ${counts[i][0].n} rows refer to ${ft} of another district`] : []));
  assert.ok(refs.length >= 20, `${refs.length} references checked`);
  assert.deepEqual(problems, []);
});
