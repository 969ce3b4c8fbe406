// Starts a real `commonground serve` (the sanitizer build) on a free
// loopback port with a fresh database, for black-box and browser tests.
//
//   const srv = await startServer();          // migrated, empty
//   await srv.cli('district', 'add', '--slug', 'north', '--name', 'North');
//   await srv.addUser('north', 'a@north.example.org', 'admin', 'password123!');
//   const res = await srv.fetch('/healthz');
//   await srv.stop();
//
// bin: another build of the program (tests/fake/ stand-ins), the sanitizer
// build by default.
//
// The database is SQLite in a temporary directory, or — when CG_TEST_DB is
// "postgres" — a new database in the PostgreSQL cluster that tests/run.sh
// started (CG_PG_URL).
import { after } from 'node:test';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.CG_BIN || join(root, 'build', 'asan', 'commonground');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let dbCounter = 0;

// Every server a test file started.  Each stop checks the exit: a server
// that does not exit 0 on SIGTERM, or whose output holds a sanitizer report,
// makes the test process exit 1, which tests/run.sh counts as a failure
// even when every assertion passed.  The hook below stops the servers a
// file left running, so that their reports are not lost either.
const running = new Set();
const SANITIZER = /ERROR: (?:AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;

/** True when a stopped server's status and output are clean; otherwise
 *  says why on stderr and marks the process failed. */
function checkExit(st, log, listen) {
  const clean = st.code === 0 && !SANITIZER.test(log);
  if (!clean) {
    process.exitCode = 1;
    console.error(`# server on ${listen} did not stop cleanly (${JSON.stringify(st)}):\n${log.slice(-4000)}`);
  }
  return clean;
}

after(async () => {
  for (const s of [...running]) await s.stop();
});

async function freshDatabase(dir) {
  if (process.env.CG_TEST_DB !== 'postgres') return `sqlite:${join(dir, 'test.db')}`;
  const base = process.env.CG_PG_URL;
  if (!base) throw new Error('CG_TEST_DB=postgres needs CG_PG_URL (set by tests/run.sh)');
  const name = `cg_test_${process.pid}_${Date.now()}_${dbCounter++}`;
  await run('psql', [base, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function startServer({ baseUrl, env = {}, db: existing, bin = BIN } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-test-'));
  // An existing database (already migrated or not) may be given.
  const db = existing || await freshDatabase(dir);
  const cli = async (...args) => {
    const { stdout } = await run(bin, [...args, '--db', db], { env: { ...process.env, ...env } });
    return stdout;
  };
  const cliStdin = (input, ...args) =>
    new Promise((resolve, reject) => {
      const p = spawn(bin, [...args, '--db', db], { env: { ...process.env, ...env } });
      let out = '', err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: exit ${code}: ${err}`))));
      p.stdin.end(input);
    });
  await cli('migrate');
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const args = ['serve', '--listen', listen, '--db', db, '--threads', '2'];
  if (baseUrl) args.push('--base-url', baseUrl);
  const proc = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://${listen}`;

  // Poll /healthz with a deadline instead of sleeping.
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.status === 200) break;
    } catch {}
    if (proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not start on ${listen}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const srv = {
    url,
    port,
    db,
    dir,
    cli,
    cliStdin,
    log: () => log,
    /** Adds a user with a known password through the real CLI. */
    addUser: (district, email, role, password) =>
      cliStdin(`${password}\n`, 'user', 'add', '--district', district, '--email', email, '--role', role, '--password-stdin'),
    fetch: (path, opts = {}) => fetch(url + path, { redirect: 'manual', ...opts }),
    /** Stops with SIGTERM and returns the exit status ({code, signal,
     *  clean}); the sanitizers report on exit.  Stopping twice is harmless. */
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const st = await exited;
      if (running.delete(srv)) {
        st.clean = checkExit(st, log, listen);
        rmSync(dir, { recursive: true, force: true });
      }
      return st;
    },
  };
  running.add(srv);
  return srv;
}

/** A cookie jar good enough for one site: name → value from Set-Cookie. */
export class Jar {
  constructor() { this.cookies = new Map(); }
  take(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
}

/** Reads the value of a hidden CSRF field from a page. */
export function csrfFrom(html) {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  return m ? m[1] : null;
}

/** Signs in through the real form; returns a Jar holding the session. */
export async function signIn(srv, email, password) {
  const jar = new Jar();
  const page = jar.take(await srv.fetch('/signin'));
  const csrf = csrfFrom(await page.text());
  const body = new URLSearchParams({ _csrf: csrf, email, password, next: '/admin' });
  const res = jar.take(await srv.fetch('/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body,
  }));
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}: ${await res.text()}`);
  return jar;
}

/** Loads the demo district (riverside) into srv — or, given district and
 *  name, the same story into that district, every name of it carrying the
 *  first word of name; returns the admin's e-mail and password and an API
 *  token for them. */
export async function seedDemo(srv, { district, name } = {}) {
  const file = join(srv.dir, district ? `cred-${district}.txt` : 'cred.txt');
  await srv.cli('seed-demo', '--credentials', file, ...(district ? ['--district', district, '--name', name] : []));
  const text = readFileSync(file, 'utf8');
  const email = text.match(/^email:\s*(\S+)/m)[1], password = text.match(/^password:\s*(\S+)/m)[1];
  const token = (await srv.cli('token', 'create', '--email', email)).trim();
  return { email, password, token };
}

/** Adds a person with a known password, signs them in and makes them a
 *  token: { jar, token }. */
export async function person(srv, district, email, role, password) {
  await srv.addUser(district, email, role, password);
  const jar = await signIn(srv, email, password);
  const token = (await srv.cli('token', 'create', '--email', email)).trim();
  return { jar, token };
}
