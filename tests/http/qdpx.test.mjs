// The REFI-QDA export: a ZIP that QualCoder or ATLAS.ti opens, whose
// project.qde validates against the standard's schema (xmllint), and whose
// codes and selections round-trip: every selection's characters in its
// source are the words that were coded, under the code they were coded with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

import { startServer, signIn, seedDemo, person } from '../lib/server.mjs';
import { PASSWORD, api, get, postForm } from '../lib/http.mjs';

const XSD = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'refi-qda', 'Project-mrt2019.xsd');
let srv, token, jar, dir;
let stopped = null;

before(async () => {
  srv = await startServer();
  ({ token } = await seedDemo(srv));
  ({ jar } = await person(srv, 'riverside', 'qdpx.staff@riverside.example.org', 'staff', PASSWORD));
  dir = mkdtempSync(join(tmpdir(), 'cg-qdpx-'));
});

after(async () => {
  if (srv && !stopped) await srv.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The entries of a ZIP whose entries are stored, read from its local headers. */
function unzip(buf) {
  const files = new Map();
  let p = 0;
  while (buf.readUInt32LE(p) === 0x04034b50) {
    assert.equal(buf.readUInt16LE(p + 8), 0, 'stored, not compressed');
    const size = buf.readUInt32LE(p + 18), nlen = buf.readUInt16LE(p + 26), xlen = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 30, p + 30 + nlen).toString('utf8');
    const start = p + 30 + nlen + xlen;
    files.set(name, buf.subarray(start, start + size));
    p = start + size;
  }
  assert.equal(buf.readUInt32LE(p), 0x02014b50, 'the central directory follows the entries');
  return files;
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&amp;/g, '&');

async function exportProject() {
  const res = await srv.fetch('/api/v1/initiatives/1/qdpx', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/zip');
  assert.match(res.headers.get('content-disposition'), /initiative-1\.qdpx/);
  return unzip(Buffer.from(await res.arrayBuffer()));
}

test('the export validates against the REFI-QDA project schema', async () => {
  const files = await exportProject();
  assert.ok(files.has('project.qde'));
  const qde = join(dir, 'project.qde');
  writeFileSync(qde, files.get('project.qde'));
  // Throws (and fails the test) when xmllint reports the document invalid.
  execFileSync('xmllint', ['--noout', '--schema', XSD, qde], { stdio: 'pipe' });
  // And the check itself can fail: a Code without its required attribute is refused.
  const broken = join(dir, 'broken.qde');
  writeFileSync(broken, files.get('project.qde').toString('utf8').replace(/ isCodable="true"/, ''));
  assert.throws(() => execFileSync('xmllint', ['--noout', '--schema', XSD, broken], { stdio: 'pipe' }));
});

test('codes and selections round-trip: names, colours, nesting, and the coded characters', async () => {
  // A nested code and a hand-coded span after accented characters.
  const codebook = await get(srv, '/admin/understand/codebook?initiative=1', jar);
  const csrf = codebook.text.match(/name="_csrf" value="([^"]+)"/)[1];
  const codes0 = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  let r = await postForm(srv, '/admin/understand/codes', jar,
    { _csrf: csrf, initiative: '1', name: 'Help desk hours', description: 'When help is there.', colour: '#fde2c8',
      parent_id: String(codes0[0].id) });
  assert.equal(r.status, 303);
  const codes = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  const child = codes.find((c) => c.name === 'Help desk hours');
  const excerpts = (await api(srv, token, 'GET', '/api/v1/initiatives/1/themes?k=2')).json.themes.flatMap((t) => t.excerpts);
  const target = excerpts.find((x) => /evening|noche|night/i.test(x.text)) || excerpts[0];
  const words = target.text.split(' ').slice(1, 4).join(' ');
  r = await api(srv, token, 'POST', '/api/v1/codings', { initiative_id: 1, code_id: child.id, kind: target.kind,
    excerpt_id: target.id, quote: words });
  assert.equal(r.status, 201, r.text);

  const files = await exportProject();
  const qde = files.get('project.qde').toString('utf8');
  const all = (await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1')).json.codes;
  // Codes: the same names, colours and descriptions; the child inside its parent.
  const codeTags = [...qde.matchAll(/<Code ([^>]*)>/g)].map((m) => attrs(m[1]));
  assert.deepEqual(codeTags.map((c) => unxml(c.name)).sort(), all.map((c) => c.name).sort());
  for (const c of all) {
    const tag = codeTags.find((t) => unxml(t.name) === c.name);
    assert.equal(tag.color, c.colour);
  }
  const parent = all.find((c) => c.id === child.parent_id);
  const parentBlock = qde.slice(qde.indexOf(`name="${parent.name}"`));
  assert.ok(parentBlock.indexOf('name="Help desk hours"') < parentBlock.indexOf('</Code></Codes>'),
    'the child code is written inside its parent');
  const guidOf = new Map(codeTags.map((t) => [t.guid, unxml(t.name)]));

  // Selections: one per coding, each pointing at its code, and its
  // characters in the source (code points) are the coded words.
  const csv = (await get(srv, '/admin/understand/codings.csv?initiative=1', jar)).text;
  const codingCount = all.reduce((n, c) => n + c.codings.length, 0);
  const sources = [...qde.matchAll(/<TextSource ([^>]*)>([\s\S]*?)<\/TextSource>/g)];
  assert.ok(sources.length >= 2, 'a source per held session');
  let selections = 0, foundChild = false;
  for (const [, head, inner] of sources) {
    const a = attrs(head);
    assert.match(a.plainTextPath, /^internal:\/\/[0-9a-f-]{36}\.txt$/);
    const text = [...files.get(`Sources/${a.plainTextPath.slice('internal://'.length)}`).toString('utf8')];
    for (const m of inner.matchAll(/<PlainTextSelection ([^>]*)>([\s\S]*?)<\/PlainTextSelection>/g)) {
      const s = attrs(m[1]);
      const code = guidOf.get(attrs(m[2].match(/<CodeRef ([^>]*)\/>/)[1]).targetGUID);
      assert.ok(code, 'the selection names a code of the codebook');
      const coded = text.slice(Number(s.startPosition), Number(s.endPosition)).join('');
      assert.ok(coded.length > 0);
      // The CSV export lists the same code and words.
      assert.ok(csv.includes(coded.includes(',') || coded.includes('"') ? `"${coded.replace(/"/g, '""')}"` : coded),
        `"${coded}" is a coded span in the CSV`);
      if (code === 'Help desk hours') {
        assert.equal(coded, words);
        foundChild = true;
      }
      selections++;
    }
  }
  assert.equal(selections, codingCount, 'every coding is a selection');
  assert.ok(foundChild, 'the hand-coded span is exported where it was coded');
});

test('each transcript turn and quote in a source opens with who spoke ("P1: …")', async () => {
  const files = await exportProject();
  const qde = files.get('project.qde').toString('utf8');
  const paragraphs = [...qde.matchAll(/<TextSource ([^>]*)>/g)]
    .map((m) => files.get(`Sources/${attrs(m[1]).plainTextPath.slice('internal://'.length)}`).toString('utf8'))
    .flatMap((t) => t.split('\n\n'));
  // The segments as the API reads them back, for every session of the initiative.
  const segments = [];
  for (const c of (await api(srv, token, 'GET', '/api/v1/conversations?initiative_id=1')).json.conversations)
    for (const s of (await api(srv, token, 'GET', `/api/v1/sessions?conversation_id=${c.id}`)).json.sessions) {
      const r = await api(srv, token, 'GET', `/api/v1/sessions/${s.id}/transcripts`);
      assert.equal(r.status, 200, r.text);
      for (const t of r.json.transcripts) segments.push(...t.segments);
    }
  const spoken = segments.filter((g) => g.speaker && g.speaker !== 'F');
  assert.ok(spoken.length >= 3, `the demo's transcript has participants' turns: ${spoken.length}`);
  for (const g of spoken) {
    assert.ok(paragraphs.includes(`${g.speaker}: ${g.text}`), `"${g.speaker}: ${g.text}" is a paragraph of a source`);
    assert.ok(!paragraphs.includes(g.text), 'no turn without its speaker');
  }
  // The facilitator's turns are not excerpts, so not in the sources.
  for (const g of segments.filter((x) => x.speaker === 'F'))
    assert.ok(!paragraphs.some((p) => p.endsWith(g.text)), 'the facilitator\'s words are left out');
  // Quotes taken down live carry their speaker too.
  const notes = [];
  for (const c of (await api(srv, token, 'GET', '/api/v1/conversations?initiative_id=1')).json.conversations)
    for (const s of (await api(srv, token, 'GET', `/api/v1/sessions?conversation_id=${c.id}`)).json.sessions)
      notes.push(...(await api(srv, token, 'GET', `/api/v1/sessions/${s.id}/notes`)).json.notes);
  const quotes = notes.filter((x) => x.kind === 'quote' && x.speaker);
  assert.ok(quotes.length >= 1, 'the demo has quotes');
  for (const n of quotes)
    assert.ok(paragraphs.includes(`${n.speaker}: ${n.text}`), `the quote "${n.text}" opens with ${n.speaker}`);
});

test('the same export twice names things the same way; other districts and roles get nothing', async () => {
  const a = (await exportProject()).get('project.qde').toString('utf8').replace(/DateTime="[^"]*"/g, '');
  const b = (await exportProject()).get('project.qde').toString('utf8').replace(/DateTime="[^"]*"/g, '');
  assert.equal(a, b);
  await srv.cli('district', 'add', '--slug', 'other', '--name', 'Other');
  await srv.addUser('other', 'admin@other.example.org', 'admin', PASSWORD);
  const other = (await srv.cli('token', 'create', '--email', 'admin@other.example.org')).trim();
  assert.equal((await api(srv, other, 'GET', '/api/v1/initiatives/1/qdpx')).status, 404);
  await srv.addUser('riverside', 'qdpx.fac@riverside.example.org', 'facilitator', PASSWORD);
  const fac = (await srv.cli('token', 'create', '--email', 'qdpx.fac@riverside.example.org')).trim();
  assert.equal((await api(srv, fac, 'GET', '/api/v1/initiatives/1/qdpx')).status, 403);
  const page = await get(srv, '/admin/understand/export.qdpx?initiative=1', jar);
  assert.equal(page.res.status, 200);
  assert.equal(page.res.headers.get('content-type'), 'application/zip');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-3000));
});
