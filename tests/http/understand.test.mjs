// Understand: themes suggested from an initiative's notes, transcripts and
// survey comments (the demo district), through the API and the page; the
// same request gives the same themes; other districts and roles see nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer, signIn, seedDemo, person } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

let srv, token, otherToken, facToken, jar;
let stopped = null;

before(async () => {
  srv = await startServer();
  ({ token } = await seedDemo(srv));
  ({ jar } = await person(srv, 'riverside', 'staff.reader@riverside.example.org', 'staff', PASSWORD));
  ({ token: facToken } = await person(srv, 'riverside', 'fac.reader@riverside.example.org', 'facilitator', PASSWORD));
  await srv.cli('district', 'add', '--slug', 'other', '--name', 'Other District');
  ({ token: otherToken } = await person(srv, 'other', 'admin@other.example.org', 'admin', PASSWORD));
});

after(async () => {
  if (srv && !stopped) await srv.stop();
});

test('the demo initiative gets themes from its notes, transcript and survey comments', async () => {
  const r = await api(srv, token, 'GET', '/api/v1/initiatives/1/themes');
  assert.equal(r.status, 200, r.text);
  const d = r.json;
  assert.ok(d.excerpts >= 20, `excerpts: ${d.excerpts}`);
  assert.ok(d.themes.length >= 2 && d.themes.length <= 10, `${d.themes.length} themes`);
  const sizes = d.themes.map((t) => t.size);
  assert.deepEqual([...sizes].sort((a, b) => b - a), sizes, 'themes are numbered by size');
  assert.ok(sizes.reduce((a, b) => a + b, 0) <= d.excerpts);
  for (const t of d.themes) {
    assert.ok(t.label.length > 0 && t.terms.length > 0, JSON.stringify(t));
    assert.ok(t.excerpts.length >= 1 && t.excerpts.length <= 5);
    for (const x of t.excerpts) {
      assert.ok(['note', 'segment', 'survey'].includes(x.kind), x.kind);
      // Excerpts are redacted text: no participant's name survives.
      assert.doesNotMatch(x.text, /Rosa|Martinez|James Carter|Ana Reyes/);
    }
    assert.deepEqual(t.groups.map((g) => g.group).sort(),
      ['Families of elementary students', 'High school students']);
  }
  // The facilitator's own turns are not excerpts.
  const all = d.themes.flatMap((t) => t.excerpts.map((x) => x.text)).join(' ');
  assert.doesNotMatch(all, /Thank you all for coming tonight/);
});

test('the same request gives the same themes; k chooses the number', async () => {
  const a = await api(srv, token, 'GET', '/api/v1/initiatives/1/themes?k=3');
  const b = await api(srv, token, 'GET', '/api/v1/initiatives/1/themes?k=3');
  assert.equal(a.status, 200);
  assert.equal(a.json.themes.length, 3);
  assert.equal(a.text, b.text);
  for (const k of ['0', '51', 'three']) {
    const r = await api(srv, token, 'GET', `/api/v1/initiatives/1/themes?k=${k}`);
    assert.equal(r.status, 400, `k=${k}`);
    assert.equal(r.json.error.field, 'k');
  }
});

test('another district, a facilitator and an unknown initiative get nothing', async () => {
  assert.equal((await api(srv, otherToken, 'GET', '/api/v1/initiatives/1/themes')).status, 404);
  assert.equal((await api(srv, facToken, 'GET', '/api/v1/initiatives/1/themes')).status, 403);
  assert.equal((await api(srv, token, 'GET', '/api/v1/initiatives/99/themes')).status, 404);
});

test('the Understand page lists the themes, common ground, divergence and the heat map', async () => {
  const { res, text } = await get(srv, '/admin/understand', jar);
  assert.equal(res.status, 200);
  assert.match(text, /<h2 id="cg">Common ground<\/h2>/);
  assert.match(text, /<h2 id="dv">Divergence<\/h2>/);
  assert.ok((text.match(/<article class="card" id="theme-\d+">/g) || []).length >= 2);
  assert.match(text, /<svg[^>]*role="img"[^>]*aria-labelledby="theme-groups-title theme-groups-desc"/);
  const k2 = await get(srv, '/admin/understand?initiative=1&k=2', jar);
  assert.equal((k2.text.match(/<article class="card" id="theme-\d+">/g) || []).length, 2);
});

test('splitting a code moves the ticked excerpts to a new code beside it', async () => {
  const before = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  const code = before.find((c) => new Set(c.codings.map((g) => `${g.kind}:${g.excerpt_id}`)).size >= 2);
  assert.ok(code, 'a demo code with at least two excerpts');
  const excerpts = [...new Set(code.codings.map((g) => `${g.kind}:${g.excerpt_id}`))];
  const page = await get(srv, `/admin/understand/codebook?initiative=1&code=${code.id}`, jar);
  assert.match(page.text, /id="split-form"/);
  assert.match(page.text, new RegExp(`name="excerpt" value="${excerpts[0]}" form="split-form"`));
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
  // Nothing ticked: refused, nothing made.
  let r = await postForm(srv, `/admin/understand/codes/${code.id}`, jar,
    { _csrf: csrf, action: 'split', new_name: 'Split off' });
  assert.equal(r.status, 422);
  const body = new URLSearchParams({ _csrf: csrf, action: 'split', new_name: 'Split off', excerpt: excerpts[0] });
  r = await srv.fetch(`/admin/understand/codes/${code.id}`, { method: 'POST', body,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303);
  const after = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  const made = after.find((c) => c.name === 'Split off');
  assert.ok(made);
  assert.equal(made.parent_id, code.parent_id);
  assert.deepEqual([...new Set(made.codings.map((g) => `${g.kind}:${g.excerpt_id}`))], [excerpts[0]]);
  const left = after.find((c) => c.id === code.id);
  assert.equal(left.codings.length + made.codings.length, code.codings.length, 'no coding lost or doubled');
  assert.ok(!left.codings.some((g) => `${g.kind}:${g.excerpt_id}` === excerpts[0]));
});

test('the codebook filters excerpts by session and by question', async () => {
  const all = await get(srv, '/admin/understand/codebook?initiative=1', jar);
  const total = Number(all.text.match(/<p class="meta">(\d+) \/ (\d+)<\/p>/)[2]);
  const sessions = [...all.text.matchAll(/<option value="(\d+)">#\d+<\/option>/g)].map((m) => m[1]);
  assert.ok(sessions.length >= 2, 'both held sessions are offered');
  let sum = 0;
  for (const sid of sessions) {
    const one = await get(srv, `/admin/understand/codebook?initiative=1&session=${sid}`, jar);
    const n = Number(one.text.match(/<p class="meta">(\d+) \/ (\d+)<\/p>/)[2]);
    assert.ok(n > 0 && n < total);
    // Every listed excerpt is of that session.
    const metas = [...one.text.matchAll(/session #(\d+)/g)].map((m) => m[1]);
    assert.ok(metas.length > 0 && metas.every((m) => m === sid), `session ${sid}: ${metas}`);
    sum += n;
  }
  assert.equal(sum, total, 'the sessions partition the excerpts');
  const q1 = await get(srv, '/admin/understand/codebook?initiative=1&question=1', jar);
  const qs = [...q1.text.matchAll(/<li id="x-(\w+)-\d+">[\s\S]*?<\/li>/g)].map((m) => m[0]);
  assert.ok(qs.length > 0);
  assert.ok(qs.every((li) => /· Q1(<\/p>| ·)/.test(li)), 'only notes under question 1');
  assert.ok(qs.every((li) => li.startsWith('<li id="x-note-')), 'only notes have questions');
});

test('the Understand page charts the themes\' sizes', async () => {
  const { text } = await get(srv, '/admin/understand?initiative=1&k=3', jar);
  const chart = text.match(/<svg[^>]*aria-labelledby="theme-sizes-title theme-sizes-desc"[\s\S]*?<\/svg>/);
  assert.ok(chart, 'the sizes chart is drawn');
  assert.equal((chart[0].match(/<rect /g) || []).length, 3, 'a bar per theme');
});

test('coded excerpts export as CSV: one row per coding, with the coded words', async () => {
  const { res, text } = await get(srv, '/admin/understand/codings.csv?initiative=1', jar);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const lines = text.trim().split('\r\n');
  assert.equal(lines[0], 'code,parent_code,source,excerpt_id,session_id,group,start,end,text,coder');
  const codes = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  const codings = codes.reduce((n, c) => n + c.codings.length, 0);
  assert.equal(lines.length - 1, codings);
  assert.ok(codings > 0);
  assert.ok(lines.slice(1).every((l) => /,(María López|Dana Whitfield|suggested)$/.test(l)), lines.slice(1, 4).join('\n'));
  const other = await get(srv, '/admin/understand/codings.csv?initiative=99', jar);
  assert.equal(other.res.status, 404);
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
