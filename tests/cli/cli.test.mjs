// The `commonground` command line: exit statuses, messages and effects.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, signIn } from '../lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cg-cli-'));
const db = `sqlite:${join(dir, 'cli.db')}`;
let srv;

/** Runs the program; resolves {code, stdout, stderr} whatever the exit. */
function cg(args, input) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args);
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input ?? '');
  });
}

after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('version and --help answer 0; an unknown command answers 2', async () => {
  const v = await cg(['version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^commonground \S+ \(schema \d+\)\n$/);
  for (const cmd of ['serve', 'migrate', 'seed-demo', 'district', 'user', 'token', 'backup', 'routes', 'version']) {
    const h = await cg([cmd, '--help']);
    assert.equal(h.code, 0, `${cmd} --help`);
    assert.match(h.stdout, new RegExp(`usage: commonground ${cmd}`));
  }
  const u = await cg(['frobnicate']);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /unknown command 'frobnicate'/);
  const none = await cg([]);
  assert.equal(none.code, 2);
});

test('bad usage answers 2 with a one-line reason', async () => {
  const cases = [
    [['district', 'add', '--slug', 'x1'], /add needs --slug and --name/],
    [['district', 'add', '--slug', 'Bad Slug', '--name', 'N', '--db', db], /--slug: .*lowercase/],
    [['district', 'add', '--slug', 'ok', '--name', 'N', '--timezone', 'Mars/Base', '--db', db], /--timezone: .*IANA/],
    [['user', 'add', '--district', 'x', '--email', 'a@b.org', '--role', 'king'], /--role must be/],
    [['user', 'add', '--district', 'x', '--email', 'not-an-email', '--role', 'staff'], /--email: /],
    [['serve', '--threads', '0'], /--threads takes a number/],
    [['migrate', '--nope'], /unknown option '--nope'/],
    [['backup'], /--out FILE is required/],
    [['token', 'create'], /create needs --email/],
  ];
  for (const [args, re] of cases) {
    const r = await cg(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
});

test('a malformed database URL answers 2, an unmigrated database 1', async () => {
  const r = await cg(['migrate', '--db', 'mysql://x']);
  assert.equal(r.code, 2, 'a malformed URL is bad usage');
  assert.match(r.stderr, /must start with sqlite: or postgres:\/\//);
  const s = await cg(['district', 'list', '--db', `sqlite:${join(dir, 'fresh.db')}`]);
  assert.equal(s.code, 1);
  assert.match(s.stderr, /run `commonground migrate`/);
});

test('migrate applies once; seed-demo loads once and keeps the password to its owner', async () => {
  const m1 = await cg(['migrate', '--db', db]);
  assert.equal(m1.code, 0, m1.stderr);
  assert.match(m1.stdout, /\(\d+ migrations applied\)/);
  const m2 = await cg(['migrate', '--db', db]);
  assert.match(m2.stdout, /\(0 migrations applied\)/);
  const cred = join(dir, 'cred.txt');
  const s1 = await cg(['seed-demo', '--db', db, '--credentials', cred]);
  assert.equal(s1.code, 0, s1.stderr);
  const text = readFileSync(cred, 'utf8');
  assert.match(text, /^email: admin@riverside\.example\.org\npassword: \S{16,}\n$/);
  assert.equal(statSync(cred).mode & 0o777, 0o600);
  assert.ok(s1.stdout.includes(text.split('\n')[1].slice('password: '.length)));
  const s2 = await cg(['seed-demo', '--db', db, '--credentials', cred]);
  assert.equal(s2.code, 0);
  assert.match(s2.stdout, /already loaded/);
  assert.equal(readFileSync(cred, 'utf8'), text, 'the second run keeps the first password');
});

test('seed-demo --district loads the story into another district whose every name carries its word', async () => {
  const cred = join(dir, 'cred-birch.txt');
  const alone = await cg(['seed-demo', '--db', db, '--district', 'birchmoor']);
  assert.equal(alone.code, 2, 'without --name');
  assert.match(alone.stderr, /--district and --name go together/);
  const r = await cg(['seed-demo', '--db', db, '--credentials', cred, '--district', 'birchmoor', '--name', 'Birchmoor Public Schools']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(cred, 'utf8'), /^email: admin@birchmoor\.example\.org\n/);
  const users = await cg(['user', 'list', '--district', 'birchmoor', '--db', db]);
  assert.equal(users.code, 0, users.stderr);
  const lines = users.stdout.trim().split('\n').filter((l) => l.includes('@'));
  assert.equal(lines.length, 4, users.stdout);
  for (const l of lines) assert.match(l, /@birchmoor\..*Birchmoorson/, l);
  const again = await cg(['seed-demo', '--db', db, '--credentials', cred, '--district', 'birchmoor', '--name', 'Birchmoor Public Schools']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already loaded/);
});

test('routes prints the route table as JSON', async () => {
  const r = await cg(['routes']);
  assert.equal(r.code, 0, r.stderr);
  const routes = JSON.parse(r.stdout);
  assert.ok(routes.length > 50, `${routes.length} routes`);
  for (const rt of routes) {
    assert.match(rt.method, /^(GET|POST|PATCH|PUT|DELETE)$/);
    assert.match(rt.pattern, /^\//);
    assert.ok(Array.isArray(rt.flags));
    assert.match(rt.role, /^(none|partner|facilitator|staff|admin|team)$/);
  }
  assert.deepEqual(routes[0], { method: 'GET', pattern: '/healthz', flags: [], role: 'none' });
  const patch = routes.find((rt) => rt.method === 'PATCH' && rt.pattern === '/api/v1/initiatives/{id}');
  assert.deepEqual(patch, { method: 'PATCH', pattern: '/api/v1/initiatives/{id}', flags: ['api'], role: 'staff' });
  const upload = routes.find((rt) => rt.method === 'POST' && rt.pattern === '/admin/plan/sessions/{id}/transcript');
  assert.deepEqual(upload.flags, ['csrf', 'upload']);
  assert.equal(upload.role, 'team');
});

test('district add and list; a taken slug answers 1', async () => {
  const a = await cg(['district', 'add', '--slug', 'lakeview', '--name', 'Lakeview Schools', '--timezone', 'America/Denver', '--languages', 'en, es', '--db', db]);
  assert.equal(a.code, 0, a.stderr);
  const again = await cg(['district', 'add', '--slug', 'lakeview', '--name', 'Other', '--db', db]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);
  const l = await cg(['district', 'list', '--db', db]);
  assert.match(l.stdout, /^lakeview\tLakeview Schools\tAmerica\/Denver\ten,es$/m);
  assert.match(l.stdout, /^riverside\tRiverside Unified School District\tAmerica\/Chicago\ten,es,vi$/m);
});

test('user add, list, set-password and disable', async () => {
  const add = await cg(['user', 'add', '--district', 'lakeview', '--email', 'Kai@Lakeview.example.org', '--role', 'staff', '--name', 'Kai Moreno', '--password-stdin', '--db', db], 'first password 1\n');
  assert.equal(add.code, 0, add.stderr);
  assert.doesNotMatch(add.stdout, /password:/, 'a given password is not printed');
  const gen = await cg(['user', 'add', '--district', 'lakeview', '--email', 'gen@lakeview.example.org', '--role', 'facilitator', '--db', db]);
  assert.match(gen.stdout, /password: \S{16,}/, 'a generated password is printed once');
  const dup = await cg(['user', 'add', '--district', 'riverside', '--email', 'kai@lakeview.example.org', '--role', 'staff', '--password-stdin', '--db', db], 'another password\n');
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /already has an account/);
  const short = await cg(['user', 'add', '--district', 'lakeview', '--email', 's@lakeview.example.org', '--role', 'staff', '--password-stdin', '--db', db], 'short\n');
  assert.equal(short.code, 2);
  const nod = await cg(['user', 'add', '--district', 'nowhere', '--email', 'n@x.org', '--role', 'staff', '--db', db]);
  assert.equal(nod.code, 1);
  assert.match(nod.stderr, /no district has the short name nowhere/);
  const list = await cg(['user', 'list', '--district', 'lakeview', '--db', db]);
  assert.match(list.stdout, /^kai@lakeview\.example\.org\tstaff\tactive\tKai Moreno$/m);
  assert.doesNotMatch(list.stdout, /riverside\.example\.org/);

  srv = await startServer({ db });
  await signIn(srv, 'kai@lakeview.example.org', 'first password 1');
  const sp = await cg(['user', 'set-password', '--email', 'kai@lakeview.example.org', '--password-stdin', '--db', db], 'second password 2\n');
  assert.equal(sp.code, 0, sp.stderr);
  await assert.rejects(signIn(srv, 'kai@lakeview.example.org', 'first password 1'));
  const jar = await signIn(srv, 'kai@lakeview.example.org', 'second password 2');
  assert.equal((await srv.fetch('/admin', { headers: { cookie: jar.header() } })).status, 200);
  const dis = await cg(['user', 'disable', '--email', 'kai@lakeview.example.org', '--db', db]);
  assert.equal(dis.code, 0, dis.stderr);
  assert.equal((await srv.fetch('/admin', { headers: { cookie: jar.header() } })).status, 303, 'the session ended');
  const after = await cg(['user', 'list', '--district', 'lakeview', '--db', db]);
  assert.match(after.stdout, /^kai@lakeview\.example\.org\tstaff\tdisabled/m);
});

test('token create prints a token that works until revoked', async () => {
  const c = await cg(['token', 'create', '--email', 'admin@riverside.example.org', '--label', 'test', '--db', db]);
  assert.equal(c.code, 0, c.stderr);
  const token = c.stdout.trim();
  assert.match(token, /^cgt_[A-Za-z0-9_-]{43}$/);
  const res = await srv.fetch('/api/v1/district', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).slug, 'riverside');
  const r = await cg(['token', 'revoke', '--token', token, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await srv.fetch('/api/v1/district', { headers: { authorization: `Bearer ${token}` } })).status, 401);
  const again = await cg(['token', 'revoke', '--token', token, '--db', db]);
  assert.equal(again.code, 1);
  const disabled = await cg(['token', 'create', '--email', 'kai@lakeview.example.org', '--db', db]);
  assert.equal(disabled.code, 1);
  assert.match(disabled.stderr, /disabled/);
});

test('backup copies the live database while the server runs, and refuses to overwrite', async () => {
  const out = join(dir, 'copy.db');
  // Keep the server busy writing (failed sign-ins are recorded) during the copy.
  const load = Promise.all(Array.from({ length: 20 }, () =>
    srv.fetch('/healthz').then((r) => r.text())));
  const b = await cg(['backup', '--out', out, '--db', db]);
  await load;
  assert.equal(b.code, 0, b.stderr);
  assert.ok(existsSync(out));
  const list = await cg(['district', 'list', '--db', `sqlite:${out}`]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^lakeview\t/m);
  assert.match(list.stdout, /^riverside\t/m);
  const again = await cg(['backup', '--out', out, '--db', db]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);
});

test('the server under test stops cleanly', async () => {
  const st = await srv.stop();
  srv = null;
  assert.equal(st.code, 0);
});

// ---- commonground analyze: themes in a CSV of answers, without a database ----

import { writeFileSync } from 'node:fs';

/** A survey export: 60 answers on three topics from two groups, one quoted
 * answer holding a comma and a line break, one answer in Spanish.  Buses
 * and lunch come evenly from both groups; laptops all but once from parents. */
function answersCsv() {
  const topics = [
    ['bus', 'driver', 'route', 'schedule', 'pickup', 'traffic'],
    ['lunch', 'cafeteria', 'menu', 'meal', 'vegetables', 'breakfast'],
    ['laptop', 'wifi', 'internet', 'password', 'charger', 'screen'],
  ];
  let seed = 7;
  const pick = (words) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return words[(seed >>> 16) % words.length];
  };
  const lines = ['id,answer,role'];
  for (let i = 0; i < 60; i++) {
    const t = topics[i % 3];
    let text = `The ${pick(t)} and the ${pick(t)}. Also ${pick(t)} ${pick(t)}`;
    if (i === 4) text = `"The ${pick(t)}, the ${pick(t)}\nand the ${pick(t)} again"`;
    if (i === 8) text = 'La computadora no funciona y el internet de la escuela es muy lento';
    const role = i % 3 === 2 ? (i === 2 ? 'teacher' : 'parent') : i % 2 ? 'parent' : 'teacher';
    lines.push(`${i + 1},${text},${role}`);
  }
  return lines.join('\n') + '\n';
}

test('analyze finds themes in a CSV and writes them as JSON, Markdown or CSV', async () => {
  const csv = join(dir, 'answers.csv');
  writeFileSync(csv, answersCsv());
  const base = ['analyze', '--in', csv, '--text-column', 'answer', '--group-column', 'role', '--k', '3'];

  const j = await cg([...base, '--format', 'json']);
  assert.equal(j.code, 0, j.stderr);
  assert.equal(j.stdout.trimEnd().split('\n').length, 1, 'one JSON object on one line');
  const out = JSON.parse(j.stdout);
  assert.equal(out.documents, 60, 'the quoted line break does not make a row');
  assert.equal(out.themes.length, 3);
  const ids = out.themes.map((t) => t.id);
  assert.deepEqual(ids, [1, 2, 3]);
  let assigned = 0;
  for (const t of out.themes) {
    assert.equal(typeof t.label, 'string');
    assert.ok(t.label.length > 0);
    assert.ok(Array.isArray(t.terms) && t.terms.length >= 1 && t.terms.length <= 10);
    for (const term of t.terms) assert.equal(typeof term, 'string');
    assert.ok(Number.isInteger(t.size) && t.size >= 1);
    assert.ok(Math.abs(t.share - t.size / 60) < 1e-9, `share of theme ${t.id}`);
    assert.ok(Array.isArray(t.excerpts) && t.excerpts.length >= 1 && t.excerpts.length <= 5);
    for (const ex of t.excerpts) {
      assert.ok(Number.isInteger(ex.row) && ex.row >= 1 && ex.row <= 60);
      assert.equal(typeof ex.text, 'string');
      // Rows after the answer that spans two lines sit one line further down.
      assert.equal(ex.line, ex.row <= 5 ? ex.row + 1 : ex.row + 2);
    }
    assert.deepEqual(Object.keys(t.groups).sort(), ['parent', 'teacher']);
    assert.equal(t.groups.parent + t.groups.teacher, t.size, 'every answer has a group');
    assigned += t.size;
  }
  assert.ok(Array.isArray(out.assignments));
  assert.equal(out.assignments.length, 60);
  for (const a of out.assignments) assert.ok(a === null || ids.includes(a), `assignment ${a}`);
  assert.equal(out.assignments.filter((a) => a !== null).length, assigned);
  // Excerpts are answers of their theme, quoted as written (line break and comma kept).
  for (const t of out.themes)
    for (const ex of t.excerpts) assert.equal(out.assignments[ex.row - 1], t.id);
  // The three topics come apart: answers of a topic share their theme.
  for (let tp = 0; tp < 3; tp++) {
    const of = out.assignments.filter((_, i) => i % 3 === tp && i !== 8);
    assert.ok(of.every((a) => a === of[0]), `topic ${tp}: ${of}`);
  }
  assert.equal(new Set([out.assignments[0], out.assignments[1], out.assignments[2]]).size, 3);
  // The Spanish answer has words the themes know ("internet").
  assert.equal(out.assignments[8], out.assignments[2]);
  // Buses and lunch are common ground; laptops are the parents'.
  const [bus, lunch, tech] = [out.assignments[0], out.assignments[1], out.assignments[2]];
  assert.ok(Array.isArray(out.common_ground));
  for (const id of out.common_ground) assert.ok(Number.isInteger(id) && ids.includes(id));
  assert.ok(out.common_ground.includes(bus) && out.common_ground.includes(lunch), `${out.common_ground}`);
  assert.ok(!out.common_ground.includes(tech));
  assert.deepEqual(out.divergence, [tech]);
  assert.equal(out.themes[tech - 1].concentrated_in, 'parent');
  assert.equal(out.themes[bus - 1].concentrated_in, null);

  // The same input gives the same output.
  const again = await cg([...base, '--format', 'json']);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, j.stdout);

  const md = await cg([...base, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.ok(md.stdout.startsWith('# Themes in 60 answers\n'), md.stdout.slice(0, 80));
  assert.match(md.stdout, /^## Common ground$/m);
  for (const t of out.themes) assert.ok(md.stdout.includes(`## ${t.id}. ${t.label}\n`), t.label);
  // Quotes stay on one line each.
  for (const line of md.stdout.split('\n').filter((l) => l.startsWith('> The')))
    assert.match(line, /\(row \d+\)$/);

  const c = await cg([...base, '--format', 'csv']);
  assert.equal(c.code, 0, c.stderr);
  const rows = c.stdout.split('\r\n');
  assert.equal(rows.pop(), '', 'the last line ends with CRLF');
  assert.equal(rows[0], 'row,theme,label');
  assert.equal(rows.length, 61);
  for (let i = 1; i <= 60; i++) {
    const a = out.assignments[i - 1];
    const label = a === null ? '' : out.themes[a - 1].label;
    const field = label.includes(',') ? `"${label}"` : label;
    assert.equal(rows[i], a === null ? `${i},,` : `${i},${a},${field}`);
  }
  const c2 = await cg([...base, '--format', 'csv']);
  assert.equal(c2.stdout, c.stdout);

  // A few answers, each an excerpt: quoted fields come back as written.
  const small = join(dir, 'small.csv');
  writeFileSync(small, 'answer\n"The bus, the driver\nand the route"\nbus driver route\nlunch menu meal\n"lunch, menu\r\nand meal"\n');
  const s = await cg(['analyze', '--in', small, '--text-column', 'answer', '--k', '2']);
  assert.equal(s.code, 0, s.stderr);
  const so = JSON.parse(s.stdout);
  assert.equal(so.documents, 4);
  assert.equal(so.assignments.length, 4);
  const texts = so.themes.flatMap((t) => t.excerpts).sort((x, y) => x.row - y.row);
  assert.deepEqual(texts.map((x) => x.row), [1, 2, 3, 4]);
  assert.equal(texts[0].text, 'The bus, the driver\nand the route');
  assert.equal(texts[3].line, 6);
  assert.equal(so.assignments[0], so.assignments[1]);
  assert.equal(so.assignments[2], so.assignments[3]);
  assert.notEqual(so.assignments[0], so.assignments[2]);

  // Without groups: no group counts, no common ground, and k chosen when not given.
  const plain = await cg(['analyze', '--in', csv, '--text-column', 'answer']);
  assert.equal(plain.code, 0, plain.stderr);
  const p = JSON.parse(plain.stdout);
  assert.equal(p.documents, 60);
  assert.ok(p.themes.length >= 2 && p.themes.length <= 10, `${p.themes.length} themes`);
  assert.deepEqual(p.common_ground, []);
  for (const t of p.themes) assert.deepEqual(t.groups, {});
  const pmd = await cg(['analyze', '--in', csv, '--text-column', 'answer', '--format', 'md']);
  assert.ok(pmd.stdout.startsWith('# Themes in 60 answers'));
  assert.doesNotMatch(pmd.stdout, /## Common ground/);
});

test('analyze refuses bad usage with 2 and unreadable input with 1', async () => {
  const csv = join(dir, 'answers2.csv');
  writeFileSync(csv, answersCsv());
  const missing = await cg(['analyze', '--in', csv, '--text-column', 'comment']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no column named "comment"/);
  assert.match(missing.stderr, /id, answer, role/, 'the message names the columns');
  const missingGroup = await cg(['analyze', '--in', csv, '--text-column', 'answer', '--group-column', 'school']);
  assert.equal(missingGroup.code, 2);
  assert.match(missingGroup.stderr, /"school".*id, answer, role/);
  const noText = await cg(['analyze', '--in', csv]);
  assert.equal(noText.code, 2);

  const broken = join(dir, 'broken.csv');
  writeFileSync(broken, 'id,answer\n1,"the bus is late\n2,lunch\n');
  const b = await cg(['analyze', '--in', broken, '--text-column', 'answer']);
  assert.equal(b.code, 1);
  assert.match(b.stderr, /line \d+/);
  assert.equal(b.stdout, '');

  const gone = await cg(['analyze', '--in', join(dir, 'no-such.csv'), '--text-column', 'answer']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /no-such\.csv/);

  // Answers without words: nothing to find themes in.
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, 'answer\n!!!\n\n42\n');
  const e = await cg(['analyze', '--in', empty, '--text-column', 'answer']);
  assert.equal(e.code, 1);
  assert.ok(e.stderr.length > 0);

  for (const args of [['--k', '0'], ['--k', '99'], ['--k', 'three'], ['--format', 'xml'], ['--lang', 'fr'], ['--threads', '0']]) {
    const r = await cg(['analyze', '--in', csv, '--text-column', 'answer', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(args[0]), args.join(' '));
  }
});
