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
  for (const cmd of ['serve', 'migrate', 'seed-demo', 'district', 'user', 'token', 'backup', 'version']) {
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

test('district add and list; a taken slug answers 1', async () => {
  const a = await cg(['district', 'add', '--slug', 'lakeview', '--name', 'Lakeview Schools', '--timezone', 'America/Denver', '--languages', 'en, es', '--db', db]);
  assert.equal(a.code, 0, a.stderr);
  const again = await cg(['district', 'add', '--slug', 'lakeview', '--name', 'Other', '--db', db]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);
  const l = await cg(['district', 'list', '--db', db]);
  assert.match(l.stdout, /^lakeview\tLakeview Schools\tAmerica\/Denver\ten,es$/m);
  assert.match(l.stdout, /^riverside\tRiverside Unified School District\tAmerica\/Chicago\ten,es$/m);
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
