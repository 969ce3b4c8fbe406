// The codebook of an initiative (the demo district "riverside"): the codes
// the demo starts with and how far its two coders agree (Cohen's kappa,
// computed here from the API and compared with the page), accepting a
// suggested theme, confirming suggestions, adding, editing, nesting and
// merging codes, coding spans by hand (character offsets, not bytes)
// through the form and the API, the excerpt filters and highlights, and who
// may do any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer, csrfFrom, signIn, seedDemo, person } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

// The eight colours of src/domain/codebook.c, in order (mark class cN).
const COLOURS = ['#cfe0f5', '#d4edda', '#fde2c8', '#f8d7e3', '#e5dbf5', '#fff3bf', '#d5f0ef', '#e9ecef'];
const STAFF = 'staff.coder@riverside.example.org';
const FAC = 'fac.coder@riverside.example.org';
const OTHER = 'admin@other.example.org';
const CB = '/admin/understand/codebook?initiative=1';

let srv;
let stopped = null;
let adminToken, staffToken, facToken, otherToken;
let jar, facJar, otherJar;
let csrf, facCsrf, otherCsrf;
let users;                 // id → name, riverside
let staffId;
let initiative2;           // a second initiative of riverside
let otherInitiative;       // an initiative of the other district
const ids = {};            // shared between tests, filled as they go

before(async () => {
  srv = await startServer();
  ({ token: adminToken } = await seedDemo(srv));
  ({ jar, token: staffToken } = await person(srv, 'riverside', STAFF, 'staff', PASSWORD));
  ({ jar: facJar, token: facToken } = await person(srv, 'riverside', FAC, 'facilitator', PASSWORD));
  await srv.cli('district', 'add', '--slug', 'other', '--name', 'Other District');
  ({ jar: otherJar, token: otherToken } = await person(srv, 'other', OTHER, 'admin', PASSWORD));

  const u = await api(srv, adminToken, 'GET', '/api/v1/users');
  assert.equal(u.status, 200, u.text);
  users = new Map(u.json.users.map((x) => [x.id, x.name]));
  staffId = u.json.users.find((x) => x.email === STAFF).id;

  const i2 = await api(srv, adminToken, 'POST', '/api/v1/initiatives',
    { title: 'Later school start times', why: 'Teenagers sleep late.', mode: 'cooperate' });
  assert.equal(i2.status, 201, i2.text);
  initiative2 = i2.json.id;
  const io = await api(srv, otherToken, 'POST', '/api/v1/initiatives',
    { title: 'Other district calendar', why: 'A fall break.', mode: 'cooperate' });
  assert.equal(io.status, 201, io.text);
  otherInitiative = io.json.id;

  const page = await get(srv, CB, jar);
  assert.equal(page.res.status, 200);
  csrf = csrfFrom(page.text);
  facCsrf = csrfFrom((await get(srv, '/admin', facJar)).text);
  otherCsrf = csrfFrom((await get(srv, `/admin/understand/codebook?initiative=${otherInitiative}`, otherJar)).text);
  assert.ok(csrf && facCsrf && otherCsrf, 'CSRF tokens found');
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

// ---- helpers ----

/** GET /api/v1/codes for an initiative (the demo one unless told). */
async function codes(initiative = 1, token = adminToken) {
  const r = await api(srv, token, 'GET', `/api/v1/codes?initiative_id=${initiative}`);
  assert.equal(r.status, 200, r.text);
  return r.json.codes;
}

const byId = (list, id) => list.find((c) => c.id === id);
const allCodings = (list) => list.flatMap((c) => c.codings.map((g) => ({ ...g, code_id: c.id })));
const key = (g) => `${g.kind}/${g.excerpt_id}/${g.start}/${g.end}/${g.coder_id}`;

/** The staff user's form POST, with the CSRF token unless told otherwise. */
function post(path, fields, { token = csrf, as = jar } = {}) {
  const f = { ...fields };
  if (token !== null) f._csrf = token;
  return postForm(srv, path, as, f);
}

/** The code id of a redirect to the codebook (code=ID). */
function codeFromLocation(res) {
  const loc = res.headers.get('location') || '';
  const m = loc.match(/\/admin\/understand\/codebook\?initiative=(\d+)(?:&done=1)?&code=(\d+)$/);
  assert.ok(m, `redirect to the codebook with code=: "${loc}"`);
  return Number(m[2]);
}

/** Adds a code through the form; returns its id. */
async function addCode(name, { initiative = 1, colour = COLOURS[0], parent_id = '', description = '' } = {}) {
  const res = await post('/admin/understand/codes', { initiative: String(initiative), name, description, colour, parent_id });
  assert.equal(res.status, 303, `adding "${name}": ${res.status} ${res.status === 303 ? '' : await res.text()}`);
  return codeFromLocation(res);
}

/** Codes an excerpt through the form (quote empty: all of it). */
async function codeIt(code_id, kind, excerpt_id, quote = '', initiative = 1) {
  const res = await post('/admin/understand/codings',
    { initiative: String(initiative), code_id: String(code_id), kind, excerpt_id: String(excerpt_id), quote });
  return res;
}

function unescapeHtml(s) {
  return s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The alert of a page with an error, or null. */
function alertOf(html) {
  const m = html.match(/<p class="alert" role="alert"[^>]*>([\s\S]*?)<\/p>/);
  return m ? unescapeHtml(m[1].trim()) : null;
}

/** The codebook page parsed: codes (id → {name, meta, child, swatch}), excerpts in order, the count line. */
async function codebook(query = '') {
  const { res, text } = await get(srv, `${CB}${query}`, jar);
  assert.equal(res.status, 200, `codebook${query}: ${res.status}`);
  const list = new Map();
  for (const m of text.matchAll(/<li class="code-item( child)?" id="code-(\d+)">([\s\S]*?)<\/li>/g)) {
    const body = m[3];
    list.set(Number(m[2]), {
      child: !!m[1],
      name: unescapeHtml(body.match(/<strong>([\s\S]*?)<\/strong>/)[1]),
      meta: unescapeHtml(body.match(/<span class="meta">([\s\S]*?)<\/span>/)[1]).replace(/\s+/g, ' ').trim(),
      swatch: Number(body.match(/<span class="swatch c(\d+)"/)[1]),
      rawName: body.match(/<strong>([\s\S]*?)<\/strong>/)[1],
    });
  }
  const excerpts = [];
  for (const m of text.matchAll(/<li id="x-(note|segment|survey)-(\d+)">([\s\S]*?)<\/li>/g)) {
    const body = m[3];
    const p = body.match(/<p class="excerpt">([\s\S]*?)<\/p>/)[1];
    const marks = [...p.matchAll(/<mark class="c(\d+)" title="([^"]*)">([\s\S]*?)<\/mark>/g)]
      .map((x) => ({ colour: Number(x[1]), title: unescapeHtml(x[2]), text: unescapeHtml(x[3]), rawTitle: x[2] }));
    const meta = body.match(/<p class="meta">([^<]*)/)[1];
    excerpts.push({
      kind: m[1], id: Number(m[2]), key: `${m[1]}/${m[2]}`, raw: p, text: unescapeHtml(p), marks,
      group: unescapeHtml(meta.split(' · ')[1] || '').trim(),
    });
  }
  const count = text.match(/<p class="meta">(\d+) \/ (\d+)<\/p>/);
  assert.ok(count, 'the page has the "shown / matching" line');
  const coders = text.match(/Agreement \(Cohen&#39;s kappa\) between (.*?) and (.*?): 1 is full agreement/);
  return { text, codes: list, excerpts, shown: Number(count[1]), matching: Number(count[2]),
    coders: coders ? [unescapeHtml(coders[1]), unescapeHtml(coders[2])] : null };
}

/**
 * Cohen's kappa per code, computed independently from the API's codings:
 * the two coders with the most codings (ties: the lower id); the units are
 * the excerpts (kind, id) both of them coded with any code; for each code,
 * a coder says yes on a unit when they coded it with this code.
 * Returns { a, b, kappa: Map(code id → number or NaN) }.
 */
function expectedKappa(list) {
  const all = allCodings(list);
  const count = new Map();
  for (const g of all) if (g.coder_id) count.set(g.coder_id, (count.get(g.coder_id) || 0) + 1);
  const ranked = [...count].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map((x) => x[0]);
  if (ranked.length < 2) return { a: null, b: null, kappa: new Map() };
  const [a, b] = ranked;
  const unitsA = new Set(all.filter((g) => g.coder_id === a).map((g) => `${g.kind}/${g.excerpt_id}`));
  const unitsB = new Set(all.filter((g) => g.coder_id === b).map((g) => `${g.kind}/${g.excerpt_id}`));
  const units = [...unitsA].filter((u) => unitsB.has(u));
  const kappa = new Map();
  for (const c of list) {
    let agree = 0, ya = 0, yb = 0;
    for (const u of units) {
      const hit = (who) => c.codings.some((g) => g.coder_id === who && `${g.kind}/${g.excerpt_id}` === u);
      const da = hit(a), db = hit(b);
      agree += da === db;
      ya += da;
      yb += db;
    }
    const n = units.length;
    if (n === 0) { kappa.set(c.id, NaN); continue; }
    const po = agree / n, pa = ya / n, pb = yb / n;
    const pe = pa * pb + (1 - pa) * (1 - pb);
    kappa.set(c.id, Math.abs(1 - pe) < 1e-12 ? NaN : (po - pe) / (1 - pe));
  }
  return { a, b, kappa };
}

/** Checks the κ of every code on the page against expectedKappa. */
async function checkKappaOnPage() {
  const list = await codes();
  const exp = expectedKappa(list);
  const page = await codebook();
  for (const c of list) {
    const shown = page.codes.get(c.id);
    assert.ok(shown, `code ${c.id} is listed`);
    const k = exp.kappa.get(c.id);
    const m = shown.meta.match(/κ (-?\d+\.\d\d)/);
    if (k === undefined || Number.isNaN(k)) assert.equal(m, null, `no kappa for "${c.name}": ${shown.meta}`);
    else assert.equal(m && m[1], k.toFixed(2), `kappa of "${c.name}" (${shown.meta})`);
  }
  if (exp.a) assert.deepEqual(page.coders, [users.get(exp.a), users.get(exp.b)]);
  else assert.equal(page.coders, null);
  return { list, exp, page };
}

/** Every code's parent exists, is not the code itself and is top-level. */
function nestingProblems(list) {
  const problems = [];
  for (const c of list) {
    if (c.parent_id === null) continue;
    const p = byId(list, c.parent_id);
    if (!p) problems.push(`"${c.name}" sits under a missing code ${c.parent_id}`);
    else if (p.id === c.id) problems.push(`"${c.name}" sits under itself`);
    else if (p.parent_id !== null) problems.push(`"${c.name}" sits under "${p.name}", which sits under code ${p.parent_id}`);
  }
  return problems;
}

/** The excerpts of the demo initiative, text by "kind/id", from the unfiltered page. */
async function excerptTexts() {
  const page = await codebook();
  return new Map(page.excerpts.map((x) => [x.key, x.text]));
}

const chars = (s) => [...s].length;

// ---- the demo codebook and agreement ----

test('the demo starts with two accepted themes confirmed by María López, some coded by Dana Whitfield', async () => {
  const list = await codes();
  assert.equal(list.length, 2, JSON.stringify(list.map((c) => c.name)));
  const maria = [...users].find(([, n]) => n === 'María López')[0];
  const dana = [...users].find(([, n]) => n === 'Dana Whitfield')[0];
  for (const c of list) {
    assert.equal(c.suggested, true, `${c.name} came from a suggested theme`);
    assert.equal(c.parent_id, null);
    assert.ok(COLOURS.includes(c.colour), c.colour);
    assert.ok(c.codings.length > 0);
    for (const g of c.codings) {
      assert.equal(g.suggested, false, 'every demo coding is confirmed');
      assert.ok([maria, dana].includes(g.coder_id), `coder ${g.coder_id}`);
      assert.ok(g.start === 0 && g.end > 0, 'accepted themes code whole excerpts');
    }
    assert.ok(c.codings.some((g) => g.coder_id === maria), `María coded ${c.name}`);
    assert.ok(c.codings.some((g) => g.coder_id === dana), `Dana coded ${c.name}`);
  }
  // They are the first two themes of k=4, accepted and then named by staff
  // in words people use: each code's excerpts are its theme's.
  const th = await api(srv, adminToken, 'GET', '/api/v1/initiatives/1/themes?k=4');
  assert.deepEqual(list.map((c) => c.name).sort(), ['Home internet access', 'Screen time rules that feel fair']);
  for (const t of th.json.themes.slice(0, 2)) {
    const ex = new Set(t.excerpts.map((x) => `${x.kind}:${x.id}`));
    assert.ok(list.some((c) => c.codings.some((g) => ex.has(`${g.kind}:${g.excerpt_id}`))), `theme "${t.label}" is a code`);
  }
});

test("the page shows each code's Cohen's kappa between the two coders: κ 0.57 twice in the demo", async () => {
  const { list, exp, page } = await checkKappaOnPage();
  // The hand computation agrees with the demo's design (kappa about 0.57 on each code).
  for (const c of list) assert.equal(exp.kappa.get(c.id).toFixed(2), '0.57', c.name);
  assert.equal((page.text.match(/κ 0\.57/g) || []).length, 2);
  assert.deepEqual(page.coders.sort(), ['Dana Whitfield', 'María López']);
  // "N coded": confirmed codings of each code.
  for (const c of list) assert.match(page.codes.get(c.id).meta, new RegExp(`^${c.codings.length} coded`));
});

test('GET /api/v1/codes needs ?initiative_id=N of the district', async () => {
  for (const q of ['', '?initiative_id=', '?initiative_id=abc', '?initiative_id=0', '?initiative=1']) {
    const r = await api(srv, adminToken, 'GET', `/api/v1/codes${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.error.field, 'initiative_id');
  }
  assert.equal((await api(srv, adminToken, 'GET', '/api/v1/codes?initiative_id=9999')).status, 404);
  const empty = await api(srv, staffToken, 'GET', `/api/v1/codes?initiative_id=${initiative2}`);
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.json, { codes: [] });
});

// ---- the page's excerpts ----

test('the excerpts filter by code, group and kind, and every match carries the chosen code', async () => {
  const all = await codebook();
  assert.equal(all.shown, all.excerpts.length);
  assert.equal(all.matching, all.excerpts.length);
  assert.ok(all.excerpts.length >= 20);
  const list = await codes();
  for (const c of list) {
    const coded = new Set(c.codings.map((g) => `${g.kind}/${g.excerpt_id}`));
    const p = await codebook(`&code=${c.id}`);
    assert.deepEqual(p.excerpts.map((x) => x.key).sort(), [...coded].sort(), `excerpts of "${c.name}"`);
    assert.equal(p.matching, coded.size);
    assert.equal(p.shown, coded.size);
    for (const x of p.excerpts)
      assert.ok(x.marks.some((m) => m.title.includes(c.name)), `${x.key} is marked "${c.name}"`);
    assert.match(p.text, new RegExp(`<option value="${c.id}" selected>`));
  }
  // Group.
  const groups = [...new Set(all.excerpts.map((x) => x.group))].sort();
  assert.deepEqual(groups, ['Families of elementary students', 'High school students']);
  for (const g of groups) {
    const p = await codebook(`&group=${encodeURIComponent(g)}`);
    const want = all.excerpts.filter((x) => x.group === g).map((x) => x.key);
    assert.deepEqual(p.excerpts.map((x) => x.key), want, g);
    assert.equal(p.matching, want.length);
    assert.ok(want.length > 0 && want.length < all.excerpts.length);
  }
  // Kind.
  for (const k of ['note', 'segment', 'survey']) {
    const p = await codebook(`&kind=${k}`);
    const want = all.excerpts.filter((x) => x.kind === k).map((x) => x.key);
    assert.ok(want.length > 0);
    assert.deepEqual(p.excerpts.map((x) => x.key), want, k);
    assert.equal(`${p.shown} / ${p.matching}`, `${want.length} / ${want.length}`);
  }
  // All three at once.
  const c1 = list[0];
  const p = await codebook(`&code=${c1.id}&kind=note&group=${encodeURIComponent('High school students')}`);
  const want = all.excerpts.filter((x) => x.kind === 'note' && x.group === 'High school students' &&
    c1.codings.some((g) => g.kind === 'note' && g.excerpt_id === x.id)).map((x) => x.key);
  assert.ok(want.length > 0);
  assert.deepEqual(p.excerpts.map((x) => x.key), want);
  assert.equal(p.matching, want.length);
  // Nothing matches.
  const none = await codebook(`&group=${encodeURIComponent('Nobody at all')}`);
  assert.equal(`${none.shown} / ${none.matching}`, '0 / 0');
  assert.match(none.text, /No excerpts match\./);
});

test('coded spans render as <mark class="cN" title="CODE NAMES">, and text is HTML-escaped', async () => {
  const list = await codes();
  const page = await codebook();
  for (const x of page.excerpts) {
    // In the page's order: by start, then by id.
    const mine = allCodings(list).filter((g) => g.kind === x.kind && g.excerpt_id === x.id)
      .sort((p, q) => p.start - q.start || p.id - q.id);
    if (!mine.length) {
      assert.equal(x.marks.length, 0, `${x.key} is not coded`);
      continue;
    }
    // The demo codes whole excerpts: one mark holding all the text.
    assert.equal(x.marks.length, 1, x.key);
    assert.equal(x.marks[0].text, x.text);
    const names = [...new Set(mine.map((g) => byId(list, g.code_id).name))];
    for (const n of names) assert.ok(x.marks[0].title.includes(n), `${x.key}: "${x.marks[0].title}" names "${n}"`);
    const first = byId(list, mine[0].code_id);
    assert.equal(x.marks[0].colour, COLOURS.indexOf(first.colour), `${x.key}: the colour of its first code`);
  }
  // The survey comment coded with both demo codes names both.
  const both = page.excerpts.find((x) => x.marks[0] && list.every((c) => x.marks[0].title.includes(c.name)));
  assert.ok(both, 'an excerpt carries both demo codes');
  // An apostrophe in a transcript is escaped.
  assert.match(page.text, /I&#39;d like to know/);
  assert.doesNotMatch(page.text, /I'd like to know/);
});

// ---- accepting a suggested theme ----

test('accepting a suggested theme makes a code named after it, coding exactly its excerpts as suggestions', async () => {
  const before = await codes();
  const th = await api(srv, adminToken, 'GET', '/api/v1/initiatives/1/themes?k=4');
  assert.equal(th.status, 200);
  const theme = th.json.themes.find((t) => !before.some((c) => c.name === t.label));
  assert.ok(theme, 'a theme not yet in the codebook');
  ids.theme = theme;
  const res = await post('/admin/understand/accept', { initiative: '1', k: '4', theme: String(theme.id) });
  assert.equal(res.status, 303, await res.text());
  assert.match(res.headers.get('location'), /\/admin\/understand\/codebook\?initiative=1&code=\d+$/);
  const id = codeFromLocation(res);
  ids.accepted = id;
  const after = await codes();
  assert.equal(after.length, before.length + 1);
  const c = byId(after, id);
  assert.ok(c, 'the new code is listed');
  assert.equal(c.name, theme.label);
  assert.equal(c.suggested, true);
  assert.equal(c.parent_id, null);
  assert.equal(c.colour, COLOURS[(theme.id - 1) % COLOURS.length]);
  assert.match(c.description, /^Suggested from the terms: /);
  for (const t of theme.terms) assert.ok(c.description.includes(t), `description names "${t}"`);
  // Its codings: the theme's excerpts, each whole, all suggestions.
  assert.equal(c.codings.length, theme.size, 'one coding per excerpt of the theme');
  const got = new Set(c.codings.map((g) => `${g.kind}/${g.excerpt_id}`));
  assert.equal(got.size, theme.size, 'no excerpt twice');
  for (const x of theme.excerpts) {
    assert.ok(got.has(`${x.kind}/${x.id}`), `${x.kind} ${x.id} of the theme is coded`);
    const g = c.codings.find((y) => y.kind === x.kind && y.excerpt_id === x.id);
    assert.equal(g.start, 0);
    assert.equal(g.end, chars(x.text), 'the whole excerpt, in characters');
  }
  for (const other of th.json.themes.filter((t) => t.id !== theme.id))
    for (const x of other.excerpts) assert.ok(!got.has(`${x.kind}/${x.id}`), `${x.kind} ${x.id} is another theme's`);
  for (const g of c.codings) {
    assert.equal(g.suggested, true);
    assert.equal(g.coder_id, 0);
  }
  // The other codes are untouched.
  for (const o of before) assert.deepEqual(byId(after, o.id), o);
  // The page: no confirmed coding yet, the suggestions pending, a button to confirm them.
  const page = await codebook(`&code=${id}`);
  assert.equal(page.codes.get(id).meta.split(' · ').slice(0, 2).join(' · '), `0 coded · ${theme.size} suggested`);
  assert.match(page.text, new RegExp(`action="/admin/understand/codes/${id}" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="action" value="confirm">`));
  assert.equal(page.matching, theme.size);
  for (const x of page.excerpts) assert.ok(x.marks.some((m) => m.title.includes(`${theme.label} (suggested)`)), x.key);
});

test('accepting the same theme again answers 409 and adds nothing; an unknown theme answers 404', async () => {
  const before = await codes();
  const again = await post('/admin/understand/accept', { initiative: '1', k: '4', theme: String(ids.theme.id) });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /already has a code with that name/);
  // The demo's own themes are in the codebook already, too.
  const first = await post('/admin/understand/accept', { initiative: '1', k: '4', theme: '1' });
  assert.equal(first.status, 409);
  const unknown = await post('/admin/understand/accept', { initiative: '1', k: '4', theme: '9' });
  assert.equal(unknown.status, 404);
  assert.match(await unknown.text(), /no longer there/);
  for (const theme of ['0', '', 'x']) {
    const bad = await post('/admin/understand/accept', { initiative: '1', k: '4', theme });
    assert.equal(bad.status, 400, `theme "${theme}"`);
  }
  assert.equal((await post('/admin/understand/accept', { initiative: '9999', k: '4', theme: '1' })).status, 404);
  assert.deepEqual(await codes(), before);
});

test("confirming a code's suggestions makes them the staff user's codings", async () => {
  const before = byId(await codes(), ids.accepted);
  const res = await post(`/admin/understand/codes/${ids.accepted}`, { action: 'confirm' });
  assert.equal(res.status, 303, await res.text());
  assert.equal(codeFromLocation(res), ids.accepted);
  const after = byId(await codes(), ids.accepted);
  assert.equal(after.codings.length, before.codings.length, 'as many codings as before');
  assert.deepEqual(after.codings.map((g) => `${g.kind}/${g.excerpt_id}/${g.start}/${g.end}`).sort(),
    before.codings.map((g) => `${g.kind}/${g.excerpt_id}/${g.start}/${g.end}`).sort());
  for (const g of after.codings) {
    assert.equal(g.suggested, false);
    assert.equal(g.coder_id, staffId);
  }
  const page = await codebook();
  const meta = page.codes.get(ids.accepted).meta;
  assert.match(meta, new RegExp(`^${before.codings.length} coded`));
  assert.doesNotMatch(meta, /suggested/);
  assert.doesNotMatch(page.text, new RegExp(`action="/admin/understand/codes/${ids.accepted}" class="inline">`));
  // Confirming again changes nothing.
  assert.equal((await post(`/admin/understand/codes/${ids.accepted}`, { action: 'confirm' })).status, 303);
  assert.deepEqual(byId(await codes(), ids.accepted), after);
});

// ---- adding and editing codes ----

test('adding a code: name, description, one of the eight colours, top level', async () => {
  const res = await post('/admin/understand/codes',
    { initiative: '1', name: 'Language access', description: 'Interpretation, translation.', colour: COLOURS[6], parent_id: '' });
  assert.equal(res.status, 303, await res.text());
  assert.match(res.headers.get('location'), /initiative=1&done=1&code=\d+$/);
  const id = codeFromLocation(res);
  ids.language = id;
  const c = byId(await codes(), id);
  assert.deepEqual({ ...c, id: 0 }, {
    id: 0, name: 'Language access', description: 'Interpretation, translation.', colour: COLOURS[6],
    parent_id: null, suggested: false, codings: [],
  });
  const page = await codebook(`&code=${id}&done=1`);
  assert.match(page.text, /<p class="notice" role="status">Saved\.<\/p>/);
  const shown = page.codes.get(id);
  assert.equal(shown.name, 'Language access');
  assert.equal(shown.swatch, 6);
  assert.equal(shown.child, false);
  assert.equal(shown.meta, '0 coded');
  assert.equal(`${page.shown} / ${page.matching}`, '0 / 0', 'no excerpt has the new code yet');
});

test('a code needs a name and one of the colours offered; names are unique in an initiative', async () => {
  const before = await codes();
  const cases = [
    [{ name: '', colour: COLOURS[0] }, 422, /The name is required/],
    [{ name: '   ', colour: COLOURS[0] }, 422, /The name is required/],
    [{ name: 'x'.repeat(101), colour: COLOURS[0] }, 422, /The name must be at most 100 characters/],
    [{ name: 'Colourful', colour: '#ff0000' }, 422, /Choose one of the colours offered/],
    [{ name: 'Colourful', colour: '' }, 422, /Choose one of the colours offered/],
    [{ name: 'Colourful', colour: 'Blue' }, 422, /Choose one of the colours offered/],
    [{ name: 'Language access', colour: COLOURS[1] }, 409, /already has a code with that name/],
  ];
  for (const [f, status, msg] of cases) {
    const res = await post('/admin/understand/codes', { initiative: '1', description: '', parent_id: '', ...f });
    const text = await res.text();
    assert.equal(res.status, status, JSON.stringify(f));
    assert.match(alertOf(text) || '', msg, JSON.stringify(f));
    // The page answers with the codebook itself.
    assert.match(text, /<h1>Codebook<\/h1>/);
  }
  // A right-to-left override would reorder what is shown around the name.
  const bidi = await post('/admin/understand/codes', { initiative: '1', name: 'Devices \u202eskrow', colour: COLOURS[0] });
  const bidiText = await bidi.text();
  assert.equal(bidi.status, 422);
  assert.equal(alertOf(bidiText), 'The name must not hold control characters.');
  assert.match(bidiText, /<h1>Codebook<\/h1>/);
  // And so would it on renaming a code.
  const some = before[0];
  const rename = await post(`/admin/understand/codes/${some.id}`, { action: 'save', name: '\u202eLaptops', description: '', colour: some.colour });
  assert.equal(rename.status, 422);
  assert.equal(alertOf(await rename.text()), 'The name must not hold control characters.');
  // The same name in another initiative is fine.
  const there = await addCode('Language access', { initiative: initiative2 });
  assert.ok(there);
  assert.deepEqual(await codes(), before);
  assert.equal((await post('/admin/understand/codes', { initiative: '9999', name: 'Lost', colour: COLOURS[0] })).status, 404);
  assert.deepEqual(await codes(), before, 'a code for an unknown initiative is stored nowhere');
  assert.ok(!(await codes(initiative2)).some((c) => c.name === 'Lost'));
});

test('codes nest one level only, under a code of the same initiative', async () => {
  const parent = await addCode('Devices', { colour: COLOURS[1] });
  const child = await addCode('Laptops', { parent_id: String(parent), colour: COLOURS[2] });
  ids.devices = parent;
  ids.laptops = child;
  let list = await codes();
  assert.equal(byId(list, child).parent_id, parent);
  const page = await codebook();
  assert.equal(page.codes.get(child).child, true);
  assert.match(page.codes.get(child).meta, /· under Devices$/);
  // The child is listed right after its parent.
  const order = [...page.codes.keys()];
  assert.equal(order.indexOf(child), order.indexOf(parent) + 1);

  const before = await codes();
  const elsewhere = (await codes(initiative2))[0].id;
  // The other district's code, made through its own form.
  const ores = await postForm(srv, '/admin/understand/codes', otherJar,
    { _csrf: otherCsrf, initiative: String(otherInitiative), name: 'Their code', colour: COLOURS[0], parent_id: '' });
  assert.equal(ores.status, 303);
  ids.otherCode = codeFromLocation(ores);
  const cases = [
    [child, /Codes nest one level only/],
    [elsewhere, /The parent belongs to another initiative/],
    [99999, /Choose one of this initiative's codes/],
    [ids.otherCode, /Choose one of this initiative's codes/],
  ];
  for (const [p, msg] of cases) {
    const res = await post('/admin/understand/codes', { initiative: '1', name: 'Grandchild', colour: COLOURS[0], parent_id: String(p) });
    assert.equal(res.status, 422, `parent ${p}`);
    assert.match(alertOf(await res.text()), msg);
  }
  // Saving an existing code under itself, under a child, or elsewhere.
  for (const [p, msg] of [[parent, /cannot sit under itself/], [child, /one level only/], [elsewhere, /another initiative/]]) {
    const res = await post(`/admin/understand/codes/${parent}`,
      { action: 'save', name: 'Devices', description: '', colour: COLOURS[1], parent_id: String(p) });
    assert.equal(res.status, 422, `save under ${p}`);
    assert.match(alertOf(await res.text()), msg);
  }
  list = await codes();
  assert.deepEqual(list, before);
  assert.deepEqual(nestingProblems(list), []);
});

test('editing a code renames, recolours (every colour offered), nests and un-nests it', async () => {
  const id = await addCode('Screen time', { colour: COLOURS[0] });
  ids.screen = id;
  for (const [i, colour] of COLOURS.entries()) {
    const res = await post(`/admin/understand/codes/${id}`,
      { action: 'save', name: 'Screen time', description: `Colour ${i}`, colour, parent_id: '' });
    assert.equal(res.status, 303, `${colour}: ${res.status}`);
    const c = byId(await codes(), id);
    assert.equal(c.colour, colour);
    assert.equal(c.description, `Colour ${i}`);
    assert.equal((await codebook()).codes.get(id).swatch, i);
  }
  // Rename and nest under Devices.
  let res = await post(`/admin/understand/codes/${id}`,
    { action: 'save', name: 'Limits at home', description: 'What parents can set.', colour: COLOURS[3], parent_id: String(ids.devices) });
  assert.equal(res.status, 303);
  assert.equal(codeFromLocation(res), id);
  let c = byId(await codes(), id);
  assert.deepEqual([c.name, c.description, c.colour, c.parent_id], ['Limits at home', 'What parents can set.', COLOURS[3], ids.devices]);
  let page = await codebook();
  assert.equal(page.codes.get(id).child, true);
  assert.match(page.codes.get(id).meta, /under Devices/);
  // Renaming onto another code's name is a conflict; an unknown colour or an empty name is refused.
  for (const [f, status] of [[{ name: 'Laptops', colour: COLOURS[3] }, 409], [{ name: 'Limits at home', colour: '#000000' }, 422],
    [{ name: '', colour: COLOURS[3] }, 422]]) {
    res = await post(`/admin/understand/codes/${id}`, { action: 'save', description: '', parent_id: '', ...f });
    assert.equal(res.status, status, JSON.stringify(f));
  }
  c = byId(await codes(), id);
  assert.deepEqual([c.name, c.colour, c.parent_id], ['Limits at home', COLOURS[3], ids.devices]);
  // Back to the top level.
  res = await post(`/admin/understand/codes/${id}`,
    { action: 'save', name: 'Limits at home', description: '', colour: COLOURS[3], parent_id: '' });
  assert.equal(res.status, 303);
  c = byId(await codes(), id);
  assert.equal(c.parent_id, null);
  page = await codebook();
  assert.equal(page.codes.get(id).child, false);
  const kept = await codes();
  assert.equal((await post('/admin/understand/codes/99999', { action: 'save', name: 'X', colour: COLOURS[0] })).status, 404);
  assert.deepEqual(await codes(), kept, 'saving an unknown code changes none');
});

test('a code that has children cannot itself be nested under another (one level only)', async () => {
  // Devices has a child (Laptops); moving Devices under another top-level
  // code would make Laptops a grandchild.
  const top = await addCode('Access', { colour: COLOURS[4] });
  const fields = { action: 'save', name: 'Devices', description: '', colour: COLOURS[1] };
  const res = await post(`/admin/understand/codes/${ids.devices}`, { ...fields, parent_id: String(top) });
  try {
    const list = await codes();
    assert.deepEqual(nestingProblems(list), [], `answered ${res.status}`);
    assert.equal(res.status, 422);
    assert.match(alertOf(await res.text()), /one level/);
  } finally {
    // Put Devices back at the top level for the tests that follow.
    assert.equal((await post(`/admin/understand/codes/${ids.devices}`, { ...fields, parent_id: '' })).status, 303);
    assert.equal(byId(await codes(), ids.devices).parent_id, null, 'Devices is back at the top level');
  }
});

// ---- merging ----

test('merging moves the codings (dropping duplicates) and the children to the target, and the code disappears', async () => {
  const source = await addCode('Hotspots', { colour: COLOURS[2] });
  const child = await addCode('Hotspot phone line', { parent_id: String(source) });
  const target = await addCode('Internet at home', { colour: COLOURS[5] });
  // The staff user codes note 3 (whole and a span) and note 8 with the
  // source, note 3 (whole) with the target: a duplicate.  Dana codes a
  // span of note 3 with the source through the API: another coder.
  for (const [code, kind, x, q] of [[source, 'note', 3, ''], [source, 'note', 3, 'hotspot loan'], [source, 'note', 8, ''],
    [target, 'note', 3, '']]) {
    const r = await codeIt(code, kind, x, q);
    assert.equal(r.status, 303, `${code} ${kind} ${x}`);
  }
  const d = await api(srv, adminToken, 'POST', '/api/v1/codings',
    { initiative_id: 1, code_id: source, kind: 'note', excerpt_id: 3, quote: 'hotspot loan' });
  assert.equal(d.status, 201, d.text);
  const before = await codes();
  const src = byId(before, source), tgt = byId(before, target);
  assert.equal(src.codings.length, 4);
  assert.equal(tgt.codings.length, 1);
  const expected = [...new Set([...src.codings, ...tgt.codings].map(key))].sort();
  assert.equal(expected.length, 4, 'one duplicate');

  const res = await post(`/admin/understand/codes/${source}`, { action: 'merge', into: String(target) });
  assert.equal(res.status, 303, await res.text());
  assert.equal(codeFromLocation(res), target);
  const after = await codes();
  assert.equal(byId(after, source), undefined, 'the merged code is gone');
  assert.equal(after.length, before.length - 1);
  assert.deepEqual(byId(after, target).codings.map(key).sort(), expected);
  assert.equal(byId(after, child).parent_id, target, 'its child moved under the target');
  assert.equal(allCodings(after).length, allCodings(before).length - 1);
  // Nothing else changed.
  for (const o of before.filter((c) => ![source, target, child].includes(c.id))) assert.deepEqual(byId(after, o.id), o);
  const page = await codebook(`&code=${target}`);
  assert.match(page.codes.get(child).meta, /under Internet at home/);
  assert.equal(page.codes.has(source), false);
  assert.deepEqual(page.excerpts.map((x) => x.key), ['note/3', 'note/8']);
  ids.internet = target;
});

test('merging into itself, an unknown code or a code of another initiative is refused', async () => {
  const before = await codes();
  const elsewhere = (await codes(initiative2))[0].id;
  for (const into of [String(ids.internet), '99999', String(elsewhere), String(ids.otherCode), '']) {
    const res = await post(`/admin/understand/codes/${ids.internet}`, { action: 'merge', into });
    assert.equal(res.status, 422, `into "${into}"`);
    assert.match(alertOf(await res.text()), /Choose another code of this initiative to merge into/);
  }
  assert.equal((await post('/admin/understand/codes/99999', { action: 'merge', into: String(ids.internet) })).status, 404);
  assert.deepEqual(await codes(), before);
});

test('merging a code into a child code keeps codes one level deep (no code under itself)', async () => {
  // "Rules" has a child "Rules at home"; merging Rules into its own child
  // would move that child under itself.
  const parent = await addCode('Rules', { colour: COLOURS[7] });
  const child = await addCode('Rules at home', { parent_id: String(parent) });
  const res = await post(`/admin/understand/codes/${parent}`, { action: 'merge', into: String(child) });
  const list = await codes();
  try {
    assert.deepEqual(nestingProblems(list.filter((c) => [parent, child].includes(c.id))), [], `answered ${res.status}`);
  } finally {
    // Whatever happened, leave "Rules at home" at the top level.
    await post(`/admin/understand/codes/${child}`, { action: 'save', name: 'Rules at home', description: '', colour: COLOURS[0], parent_id: '' });
  }
});

// ---- coding by hand (the form) ----

test('coding a quote by hand stores its offsets in characters, not bytes', async () => {
  const r = await api(srv, adminToken, 'GET', '/api/v1/surveys?initiative_id=1');
  assert.equal(r.status, 200);
  const survey = r.json.surveys.find((s) => /interpretación/.test(s.comment));
  assert.ok(survey, 'the Spanish survey comment of the demo');
  const quote = 'y el cuidado';
  const idx = survey.comment.indexOf(quote);
  assert.ok(idx > 0);
  const start = chars(survey.comment.slice(0, idx));
  assert.notEqual(Buffer.byteLength(survey.comment.slice(0, idx)), start, 'a multi-byte character comes before');

  const res = await codeIt(ids.language, 'survey', survey.id, quote);
  assert.equal(res.status, 303, await res.text());
  assert.match(res.headers.get('location'), new RegExp(`initiative=1&done=1#x-survey-${survey.id}$`));
  let c = byId(await codes(), ids.language);
  assert.deepEqual(c.codings.map(({ id, ...g }) => g), [
    { kind: 'survey', excerpt_id: survey.id, start, end: start + chars(quote), suggested: false, coder_id: staffId },
  ]);
  // The page marks exactly the quoted words.
  let page = await codebook(`&code=${ids.language}`);
  let x = page.excerpts.find((e) => e.key === `survey/${survey.id}`);
  assert.ok(x);
  assert.equal(x.text, survey.comment);
  let m = x.marks.filter((k) => k.title.includes('Language access'));
  assert.deepEqual(m.map((k) => k.text), [quote]);
  // Its colour: the code of the first coding covering it (by start, then id).
  const list = await codes();
  const covering = allCodings(list).filter((g) => g.kind === 'survey' && g.excerpt_id === survey.id &&
    g.start <= start && g.end >= start + chars(quote)).sort((p, q) => p.start - q.start || p.id - q.id);
  assert.equal(m[0].colour, COLOURS.indexOf(byId(list, covering[0].code_id).colour));
  assert.ok(m[0].title.includes(byId(list, covering[0].code_id).name));

  // A quote after "ñ" in a transcript segment, with spaces around it (trimmed).
  const texts = await excerptTexts();
  const [segKey, segText] = [...texts].find(([k, t]) => k.startsWith('segment/') && /español\. Last time/.test(t));
  const segId = Number(segKey.split('/')[1]);
  const q2 = 'Last time the forms';
  const s2 = chars(segText.slice(0, segText.indexOf(q2)));
  assert.notEqual(Buffer.byteLength(segText.slice(0, segText.indexOf(q2))), s2);
  assert.equal((await codeIt(ids.language, 'segment', segId, `  ${q2} `)).status, 303);
  // The whole of an excerpt when the quote is empty.
  const noteText = texts.get('note/3');
  assert.equal((await codeIt(ids.language, 'note', 3, '')).status, 303);
  c = byId(await codes(), ids.language);
  const g2 = c.codings.find((g) => g.kind === 'segment' && g.excerpt_id === segId);
  assert.deepEqual([g2.start, g2.end], [s2, s2 + chars(q2)]);
  const g3 = c.codings.find((g) => g.kind === 'note' && g.excerpt_id === 3);
  assert.deepEqual([g3.start, g3.end], [0, chars(noteText)]);
  page = await codebook(`&code=${ids.language}`);
  x = page.excerpts.find((e) => e.key === segKey);
  m = x.marks.filter((k) => k.title.includes('Language access'));
  assert.deepEqual(m.map((k) => k.text), [q2]);
  assert.deepEqual(page.excerpts.map((e) => e.key).sort(), [`survey/${survey.id}`, segKey, 'note/3'].sort());
  ids.survey = survey;
});

test('the same coding twice is stored once', async () => {
  const before = byId(await codes(), ids.language).codings;
  const res = await codeIt(ids.language, 'survey', ids.survey.id, 'y el cuidado');
  assert.equal(res.status, 303);
  assert.deepEqual(byId(await codes(), ids.language).codings, before);
});

test('coding by hand refuses a quote not in the excerpt, another initiative\'s code and unknown excerpts', async () => {
  const before = await codes();
  const elsewhere = (await codes(initiative2))[0].id;
  const cases = [
    [[ids.language, 'survey', ids.survey.id, 'y el cuidadO'], 'quote', /copied exactly/],
    [[ids.language, 'survey', ids.survey.id, 'Gracias por la interpretacion'], 'quote', /copied exactly/],
    [[elsewhere, 'survey', ids.survey.id, ''], 'code_id', /Choose one of this initiative's codes/],
    [[ids.otherCode, 'survey', ids.survey.id, ''], 'code_id', /Choose one of this initiative's codes/],
    [[99999, 'survey', ids.survey.id, ''], 'code_id', /Choose one of this initiative's codes/],
    [[ids.language, 'survey', 99999, ''], 'excerpt_id', /no such excerpt/],
    [[ids.language, 'segment', ids.survey.id + 1000, ''], 'excerpt_id', /no such excerpt/],
    [[ids.language, 'email', ids.survey.id, ''], 'kind', /a note, a segment or a survey comment/],
  ];
  for (const [args, field, msg] of cases) {
    const res = await codeIt(...args);
    assert.equal(res.status, 422, `${field}: ${JSON.stringify(args)}`);
    assert.match(alertOf(await res.text()), msg);
  }
  // The initiative of another district: 404.
  const res = await codeIt(ids.language, 'survey', ids.survey.id, '', otherInitiative);
  assert.equal(res.status, 404);
  assert.deepEqual(await codes(), before);
});

// ---- the API ----

test('POST /api/v1/codings codes a quote: 201, then 200 for the same again', async () => {
  const body = { initiative_id: 1, code_id: ids.devices, kind: 'note', excerpt_id: 1, quote: 'a laptop per student' };
  const texts = await excerptTexts();
  const t = texts.get('note/1');
  const start = chars(t.slice(0, t.indexOf(body.quote)));
  const a = await api(srv, staffToken, 'POST', '/api/v1/codings', body);
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.code_id, ids.devices);
  assert.deepEqual([a.json.kind, a.json.excerpt_id, a.json.start, a.json.end], ['note', 1, start, start + chars(body.quote)]);
  const b = await api(srv, staffToken, 'POST', '/api/v1/codings', body);
  assert.equal(b.status, 200, b.text);
  assert.deepEqual({ ...b.json, id: 0 }, { ...a.json, id: 0 });
  const list = byId(await codes(), ids.devices).codings.filter((g) => g.kind === 'note' && g.excerpt_id === 1);
  assert.equal(list.length, 1, 'stored once');
  assert.equal(list[0].id, a.json.id);
  assert.equal(list[0].coder_id, staffId);
  ids.apiCoding = a.json;
});

test('POST /api/v1/codings answers the stored coding\'s id when it is there already', async () => {
  const body = { initiative_id: 1, code_id: ids.devices, kind: 'note', excerpt_id: 1, quote: 'a laptop per student' };
  const b = await api(srv, staffToken, 'POST', '/api/v1/codings', body);
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.id, ids.apiCoding.id, `the 200 answer names coding ${ids.apiCoding.id}: ${b.text}`);
});

test('POST /api/v1/codings with start and end stores those offsets', async () => {
  const before = await codes();
  const body = { initiative_id: 1, code_id: ids.laptops, kind: 'note', excerpt_id: 6, start: 3, end: 15 };
  const r = await api(srv, staffToken, 'POST', '/api/v1/codings', body);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.start, r.json.end], [3, 15]);
  const after = await codes();
  const mine = byId(after, ids.laptops).codings;
  assert.deepEqual(mine.map(({ id, ...g }) => g), [{ kind: 'note', excerpt_id: 6, start: 3, end: 15, suggested: false, coder_id: staffId }]);
  assert.equal(mine[0].id, r.json.id);
  assert.equal(allCodings(after).length, allCodings(before).length + 1, 'no whole-excerpt coding left behind');
  const again = await api(srv, staffToken, 'POST', '/api/v1/codings', body);
  assert.equal(again.status, 200, again.text);
  assert.equal(allCodings(await codes()).length, allCodings(after).length);
  // The page marks those characters.
  const texts = await excerptTexts();
  const page = await codebook(`&code=${ids.laptops}`);
  const x = page.excerpts.find((e) => e.key === 'note/6');
  assert.deepEqual(x.marks.filter((m) => m.title.includes('Laptops')).map((m) => m.text), [[...texts.get('note/6')].slice(3, 15).join('')]);
});

test('POST /api/v1/codings with a span outside the excerpt answers 400 "span" and stores nothing', async () => {
  const before = await codes();
  const texts = await excerptTexts();
  const len = chars(texts.get('note/8'));
  for (const [start, end] of [[0, len + 1], [0, 10000], [5, 5], [9, 4]]) {
    const r = await api(srv, staffToken, 'POST', '/api/v1/codings',
      { initiative_id: 1, code_id: ids.laptops, kind: 'note', excerpt_id: 8, start, end });
    assert.equal(r.status, 400, `${start}-${end}: ${r.text}`);
    assert.equal(r.json.error.field, 'span');
    assert.match(r.json.error.message, new RegExp(`0 to ${len} characters`));
  }
  const after = await codes();
  assert.deepEqual(byId(after, ids.laptops).codings.filter((g) => g.kind === 'note' && g.excerpt_id === 8), [],
    'a refused span leaves no coding behind');
  assert.deepEqual(after, before);
});

test('POST /api/v1/codings refuses bad input with 400 naming the field', async () => {
  const before = await codes();
  const base = { initiative_id: 1, code_id: ids.devices, kind: 'note', excerpt_id: 2, quote: '' };
  const elsewhere = (await codes(initiative2))[0].id;
  const cases = [
    [{ quote: 'not in there at all' }, 'quote'],
    [{ kind: 'email' }, 'kind'],
    [{ excerpt_id: 99999 }, 'excerpt_id'],
    [{ code_id: elsewhere }, 'code_id'],
    [{ code_id: ids.otherCode }, 'code_id'],
    [{ code_id: '3' }, 'code_id'],
    [{ start: 'one', end: 4 }, 'start'],
    [{ quote: 7 }, 'quote'],
  ];
  for (const [over, field] of cases) {
    const r = await api(srv, staffToken, 'POST', '/api/v1/codings', { ...base, ...over });
    assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
    assert.equal(r.json.error.field, field, JSON.stringify(over));
  }
  assert.equal((await api(srv, staffToken, 'POST', '/api/v1/codings', { ...base, initiative_id: 9999 })).status, 404);
  assert.equal((await api(srv, staffToken, 'POST', '/api/v1/codings', 'initiative_id=1', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
  assert.equal((await api(srv, staffToken, 'POST', '/api/v1/codings', '[1, 2]')).status, 400);
  assert.equal((await api(srv, null, 'POST', '/api/v1/codings', base)).status, 401);
  assert.deepEqual(await codes(), before);
});

// ---- highlights, escaping, agreement after all this ----

test('a span coded with several codes names every one of them in the mark\'s title', async () => {
  // Two codes, one name a prefix of the other, on the same whole excerpt.
  const long = await addCode('Fair rules for all', { colour: COLOURS[4] });
  const short = await addCode('Fair rules', { colour: COLOURS[5] });
  assert.equal((await codeIt(long, 'note', 10, '')).status, 303);
  assert.equal((await codeIt(short, 'note', 10, '')).status, 303);
  const page = await codebook(`&code=${short}`);
  assert.deepEqual(page.excerpts.map((x) => x.key), ['note/10'], 'the excerpt has the short code');
  const [m] = page.excerpts[0].marks;
  // The demo's accepted themes may code the note already (which notes they
  // code follows the analysis of the redacted text): the mark takes the
  // colour of the first code it names, never of the last.
  assert.match(m.title, /(^|, )Fair rules for all, Fair rules$/);
  if (m.title.startsWith('Fair rules for all')) assert.equal(m.colour, 4, 'the colour of the first code');
  else assert.notEqual(m.colour, 5, 'not the colour of the last code');
});
test('code names are escaped in the list, the filters and the marks\' titles', async () => {
  const name = 'Quotes "&" <b>tags</b> \'too\'';
  const id = await addCode(name, { colour: COLOURS[3] });
  assert.equal((await codeIt(id, 'note', 11, 'help write the rules')).status, 303);
  const page = await codebook(`&code=${id}`);
  assert.equal(page.codes.get(id).name, name);
  assert.equal(page.codes.get(id).rawName, 'Quotes &quot;&amp;&quot; &lt;b&gt;tags&lt;/b&gt; &#39;too&#39;');
  assert.doesNotMatch(page.text, /<b>tags<\/b>/);
  assert.match(page.text, new RegExp(`<option value="${id}" selected>Quotes &quot;&amp;&quot; &lt;b&gt;tags&lt;/b&gt; &#39;too&#39;</option>`));
  const x = page.excerpts.find((e) => e.key === 'note/11');
  const m = x.marks.find((k) => k.text === 'help write the rules');
  assert.ok(m, 'the quote is marked');
  assert.equal(m.rawTitle, 'Quotes &quot;&amp;&quot; &lt;b&gt;tags&lt;/b&gt; &#39;too&#39;');
  assert.equal(m.colour, 3);
  assert.equal(x.marks.length, 1);
  assert.equal(x.text, 'Suggests students help write the rules, with a vote in each school.');
  assert.equal(x.raw, 'Suggests students <mark class="c3" title="Quotes &quot;&amp;&quot; &lt;b&gt;tags&lt;/b&gt; &#39;too&#39;">help write the rules</mark>, with a vote in each school.');
});

test('after all these codings the page\'s kappa still matches the computation from the API', async () => {
  const { exp } = await checkKappaOnPage();
  assert.ok(exp.a && exp.b, 'two coders');
  // The staff user coded enough to be one of the two now.
  assert.ok([exp.a, exp.b].includes(staffId), `coders ${exp.a}, ${exp.b}`);
  assert.ok([...exp.kappa.values()].some((k) => !Number.isNaN(k)), 'some kappa is defined');
});

// ---- who may do what ----

test('every POST needs the CSRF token', async () => {
  const before = await codes();
  const posts = [
    ['/admin/understand/accept', { initiative: '1', k: '3', theme: '3' }],
    ['/admin/understand/codes', { initiative: '1', name: 'No token', colour: COLOURS[0] }],
    [`/admin/understand/codes/${ids.language}`, { action: 'save', name: 'Renamed', colour: COLOURS[0] }],
    [`/admin/understand/codes/${ids.language}`, { action: 'merge', into: String(ids.devices) }],
    [`/admin/understand/codes/${ids.accepted}`, { action: 'confirm' }],
    ['/admin/understand/codings', { initiative: '1', code_id: String(ids.language), kind: 'note', excerpt_id: '13', quote: '' }],
  ];
  for (const [path, fields] of posts) {
    for (const token of [null, 'forged-token', otherCsrf]) {
      const res = await post(path, fields, { token });
      assert.equal(res.status, 403, `${path} with token ${token}`);
    }
  }
  assert.deepEqual(await codes(), before);
});

test('a facilitator gets 403 on the codebook pages, forms and API', async () => {
  const before = await codes();
  assert.equal((await get(srv, CB, facJar)).res.status, 403);
  assert.equal((await get(srv, '/admin/understand/codebook', facJar)).res.status, 403);
  assert.equal((await get(srv, '/admin/understand?initiative=1', facJar)).res.status, 403);
  for (const [path, fields] of [
    ['/admin/understand/accept', { initiative: '1', k: '3', theme: '3' }],
    ['/admin/understand/codes', { initiative: '1', name: 'Facilitated', colour: COLOURS[0] }],
    [`/admin/understand/codes/${ids.language}`, { action: 'confirm' }],
    ['/admin/understand/codings', { initiative: '1', code_id: String(ids.language), kind: 'note', excerpt_id: '13', quote: '' }],
  ]) {
    const res = await post(path, fields, { token: facCsrf, as: facJar });
    assert.equal(res.status, 403, path);
  }
  assert.equal((await api(srv, facToken, 'GET', '/api/v1/codes?initiative_id=1')).status, 403);
  assert.equal((await api(srv, facToken, 'POST', '/api/v1/codings',
    { initiative_id: 1, code_id: ids.language, kind: 'note', excerpt_id: 13, quote: '' })).status, 403);
  assert.deepEqual(await codes(), before);
});

test('another district gets 404 for the demo initiative and its codes', async () => {
  const before = await codes();
  assert.equal((await get(srv, CB, otherJar)).res.status, 404);
  const own = await get(srv, `/admin/understand/codebook?initiative=${otherInitiative}`, otherJar);
  assert.equal(own.res.status, 200);
  assert.doesNotMatch(own.text, /Language access|One-to-one device rollout/);
  assert.equal((await api(srv, otherToken, 'GET', '/api/v1/codes?initiative_id=1')).status, 404);
  const theirs = await api(srv, otherToken, 'GET', `/api/v1/codes?initiative_id=${otherInitiative}`);
  assert.deepEqual(theirs.json.codes.map((c) => c.name), ['Their code']);
  assert.equal((await api(srv, otherToken, 'POST', '/api/v1/codings',
    { initiative_id: 1, code_id: ids.language, kind: 'note', excerpt_id: 13, quote: '' })).status, 404);
  // Their initiative with our code or excerpt: refused.
  const cross = await api(srv, otherToken, 'POST', '/api/v1/codings',
    { initiative_id: otherInitiative, code_id: ids.language, kind: 'note', excerpt_id: 13, quote: '' });
  assert.equal(cross.status, 400);
  assert.equal(cross.json.error.field, 'code_id');
  const as = { token: otherCsrf, as: otherJar };
  for (const [path, fields, status] of [
    ['/admin/understand/accept', { initiative: '1', k: '4', theme: '3' }, 404],
    ['/admin/understand/codes', { initiative: '1', name: 'Intruder', colour: COLOURS[0] }, 404],
    [`/admin/understand/codes/${ids.language}`, { action: 'save', name: 'Intruder', colour: COLOURS[0] }, 404],
    [`/admin/understand/codes/${ids.language}`, { action: 'confirm' }, 404],
    [`/admin/understand/codes/${ids.otherCode}`, { action: 'merge', into: String(ids.language) }, 422],
    ['/admin/understand/codings', { initiative: '1', code_id: String(ids.language), kind: 'note', excerpt_id: '13', quote: '' }, 404],
  ]) {
    const res = await post(path, fields, as);
    assert.equal(res.status, status, `${path} ${JSON.stringify(fields)}`);
  }
  assert.deepEqual(await codes(), before);
  assert.deepEqual((await api(srv, otherToken, 'GET', `/api/v1/codes?initiative_id=${otherInitiative}`)).json, theirs.json);
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
