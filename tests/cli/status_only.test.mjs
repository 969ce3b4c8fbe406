// A guard for the rule "a test that checks only a status code also checks
// what was stored" (docs/internals/testing.md, "Status and state").  It
// reads each tests/http/*.test.mjs as text, with no server, and fails when
// a test(...) block ends on a write request checked by its status alone.
//
// The heuristic, kept simple on purpose:
//   1. A test block is the text between the parentheses of test('name', …),
//      less its name; strings, template literals, comments and regular
//      expressions are blanked before brackets are matched.
//   2. A write is a call of postForm(…), api(…, 'POST'|'PATCH'|'PUT'|'DELETE',
//      …), a `method: 'POST'|…` option (fetch), a raw "POST /…" request
//      line, or a call of a function of the same file that holds one
//      (repeated until nothing more is found, so helpers built on helpers
//      count).
//   3. An assertion is a call of assert(…) or assert.NAME(…).  It is on a
//      status when its first argument is an answer's status: `r.status`,
//      `page.res.status`, `(await post(…)).status`, `status`, or
//      `[400, 422].includes(r.status)`.  Anything else (`r.json.status`, a
//      list, a count, a page's text) reads as a check of what was stored.
//      A call of a function of the file that makes such a check counts too.
//   4. From the line of each write to the end of the block: when there are
//      assertions and every one is on a status, the block fails.  So a block
//      may refuse several writes and then compare a count or a dump once,
//      but its last write must be followed by a check of the state.
//   5. ALLOW names the blocks where the status is the whole point, each with
//      its reason; a name there that the guard no longer finds fails too.
// What it cannot see: whether the check that follows a write is about that
// write, and refusals tallied in a list (`if (r.status !== 400)
// problems.push(…)`) rather than asserted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'http');

// file → test names whose status is the whole point.  Keep it short: a
// name here is a test the guard no longer reads.
const ALLOW = {
  'errors.test.mjs': [
    // Framing and parsing refusals of a body that holds no credentials, sent
    // to /signin: nothing could be stored whatever the server did, so the
    // answer is the whole point (the urlencoded case beside them holds
    // credentials and checks that no session is made).
    'a 2 MiB chunked form body (no Content-Length) answers 413 too',
    'a request with both Content-Length and Transfer-Encoding answers 400',
    'a multipart body with a broken boundary answers 400',
  ],
};

/** The source with strings, template literals, comments and regular
 *  expressions blanked (same length, newlines kept), so that braces and
 *  names inside them do not count.  A string that is only a method name
 *  ('POST') keeps it, and one that starts a raw request ("POST /x …")
 *  keeps "POST /", so that WRITE still sees them. */
export function blank(src) {
  let out = '';
  let i = 0;
  let prev = ''; // last significant character outside strings
  const n = src.length;
  const fill = (s) => s.replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = src[i], d = src[i + 1];
    if (c === '/' && d === '/') {
      const j = src.indexOf('\n', i);
      const e = j < 0 ? n : j;
      out += fill(src.slice(i, e)); i = e; continue;
    }
    if (c === '/' && d === '*') {
      const j = src.indexOf('*/', i + 2);
      const e = j < 0 ? n : j + 2;
      out += fill(src.slice(i, e)); i = e; continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let depth = 0;
      while (j < n) {
        if (src[j] === '\\') { j += 2; continue; }
        if (c === '`' && src[j] === '$' && src[j + 1] === '{') { depth++; j += 2; continue; }
        if (c === '`' && depth && src[j] === '}') { depth--; j++; continue; }
        if (!depth && src[j] === c) break;
        j++;
      }
      const body = src.slice(i + 1, j);
      const keep = /^[A-Z]{3,6}$/.test(body) ? body.length : (/^(POST|PATCH|PUT|DELETE) \//.exec(body) || [''])[0].length;
      out += c + body.slice(0, keep) + fill(body.slice(keep)) + c;
      i = j + 1; prev = c; continue;
    }
    if (c === '/' && (prev === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(prev) || /\b(return|typeof|of|in)\s*$/.test(out.slice(-8)))) {
      let j = i + 1, cls = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') { j += 2; continue; }
        if (src[j] === '[') cls = true;
        else if (src[j] === ']') cls = false;
        else if (src[j] === '/' && !cls) break;
        j++;
      }
      // src[j] is the closing slash; flags follow.
      let k = j + 1;
      while (k < n && /[a-z]/.test(src[k])) k++;
      out += '/' + fill(src.slice(i + 1, j)) + '/' + fill(src.slice(j + 1, k));
      i = k; prev = '/'; continue;
    }
    out += c;
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return out;
}

/** Index of the bracket closing the one at open, in blanked text. */
function closing(text, open) {
  const pair = { '{': '}', '(': ')', '[': ']' };
  const stack = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (pair[c]) stack.push(pair[c]);
    else if (c === '}' || c === ')' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (!stack.length) return i;
    }
  }
  return -1;
}

const WRITE = [
  /\bpostForm\s*\(/,
  /\bapi\s*\([^;]*?'(POST|PATCH|PUT|DELETE)'/,
  /\bmethod\s*:\s*'(POST|PATCH|PUT|DELETE)'/,
  /\b(POST|PATCH|PUT|DELETE) \//,
];

/** The functions of a file: name → body (blanked), for
 *  `function NAME(…) {…}` and `const NAME = (async) (…) => {…}`. */
function functions(text) {
  const out = new Map();
  const re = /(?:\bfunction\s+([A-Za-z_$][\w$]*)\s*\(|\b(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^()]*(?:\([^()]*\)[^()]*)*\)|[A-Za-z_$][\w$]*)\s*=>)/g;
  let m;
  while ((m = re.exec(text))) {
    const name = m[1] || m[2];
    let k = m.index + m[0].length;
    if (m[1]) k = closing(text, text.indexOf('(', m.index)) + 1;
    while (/\s/.test(text[k])) k++;
    if (text[k] !== '{') {
      // An expression body: up to the end of the statement.
      const e = text.indexOf(';\n', k);
      out.set(name, text.slice(k, e < 0 ? text.length : e));
      continue;
    }
    const e = closing(text, k);
    if (e > 0) out.set(name, text.slice(k, e + 1));
  }
  return out;
}

/** Each assertion in a body: the text of its first argument. */
function assertions(body) {
  const out = [];
  const re = /\bassert(?:\.([a-zA-Z]+))?\s*\(/g;
  let m;
  while ((m = re.exec(body))) {
    const open = m.index + m[0].length - 1;
    const close = closing(body, open);
    if (close < 0) continue;
    const args = body.slice(open + 1, close);
    // The first argument: up to a comma at depth 0.
    let depth = 0, end = args.length;
    for (let i = 0; i < args.length; i++) {
      const c = args[i];
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      else if (c === ',' && depth === 0) { end = i; break; }
    }
    out.push({ kind: m[1] || 'ok', first: args.slice(0, end).trim() });
  }
  return out;
}

// r.status, page.res.status, (await post(…)).status, status: an answer's
// status, not a stored record's field.
const STATUS = /^(?:[\w$]+(?:\.res)?|\(await [\s\S]*\)(?:\.res)?)\.status$|^status$/;
const onStatus = (a) => STATUS.test(a.first) ||
  // [400, 422].includes(r.status)
  /^\[[\d,\s]+\]\.includes\(([\s\S]*)\)$/.test(a.first) && STATUS.test(a.first.replace(/^\[[\d,\s]+\]\.includes\(([\s\S]*)\)$/, '$1').trim());

const called = (body, fns) => [...fns.keys()].filter((f) => new RegExp(`(?<![.\\w$])${f.replace(/\$/g, '\\$')}\\s*\\(`).test(body));

/** For one file's source: the tests that write and assert only statuses. */
export function statusOnly(src) {
  const text = blank(src);
  const fns = functions(text);
  // Which functions write, and which make an assertion not on a status,
  // directly or through functions they call.
  const writes = new Set(), checks = new Set();
  for (const [f, b] of fns) {
    if (WRITE.some((re) => re.test(b))) writes.add(f);
    if (assertions(b).some((a) => !onStatus(a))) checks.add(f);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [f, b] of fns) {
      for (const g of called(b, fns)) {
        if (g === f) continue;
        if (writes.has(g) && !writes.has(f)) { writes.add(f); grew = true; }
        if (checks.has(g) && !checks.has(f)) { checks.add(f); grew = true; }
      }
    }
  }
  // A write: one of WRITE, or a call of a function that writes.
  const names = [...writes].map((f) => f.replace(/\$/g, '\\$'));
  const anyWrite = new RegExp([...WRITE.map((r) => r.source), ...(names.length ? [`(?<![.\\w$])(?:${names.join('|')})\\s*\\(`] : [])].join('|'), 'g');
  const found = [];
  const re = /(?<![.\w$])test\s*\(/g;
  let m;
  while ((m = re.exec(text))) {
    const open = m.index + m[0].length - 1;
    const close = closing(text, open);
    if (close < 0) continue;
    const name = src.slice(open + 1, close).match(/^\s*(['"`])((?:\\.|(?!\1).)*)\1/s);
    // The block without its name ("POST /signin …" is no request).
    const start = open + 1 + (name ? name[0].length : 0);
    const body = text.slice(start, close + 1);
    // Each write, from the start of its line to the end of the block: the
    // block fails when that tail asserts and every assertion is on a status.
    for (const w of body.matchAll(anyWrite)) {
      const tail = body.slice(body.lastIndexOf('\n', w.index) + 1);
      const as = assertions(tail);
      if (!as.length || as.some((a) => !onStatus(a)) || called(tail, fns).some((f) => checks.has(f))) continue;
      found.push({ name: name ? name[2] : '?', line: src.slice(0, start + body.lastIndexOf('\n', w.index) + 1).split('\n').length });
      break;
    }
    re.lastIndex = close;
  }
  return found;
}

test('the heuristic finds a status-only write and passes one that reads back', () => {
  const bad = `
test('saves', async () => {
  const res = await postForm(srv, '/admin/x', jar, { a: '{' });
  assert.equal(res.status, 303);
});`;
  const good = `
test('saves', async () => {
  const res = await postForm(srv, '/admin/x', jar, { a: 1 });
  assert.equal(res.status, 303);
  assert.equal((await api(srv, token, 'GET', '/api/v1/x')).json.a, 1);
});`;
  const viaHelper = `
async function send(b) { return api(srv, token, 'PATCH', '/api/v1/x', b); }
function same(a, b) { assert.deepEqual(a, b); }
test('refuses', async () => { const r = await send({}); assert.equal(r.status, 422); });
test('refuses and keeps', async () => { const r = await send({}); assert.equal(r.status, 422); same(1, 1); });
test('reads only', async () => { const r = await api(srv, token, 'GET', '/x'); assert.equal(r.status, 200); });
test('regex /{/ and strings "}"', async () => { const re = /[{]/; const s = "}"; const r = await fetch(u, { method: 'DELETE' }); assert.equal(r.status, 404); });`;
  const tail = `
test('checks, then a last refusal by its status alone', async () => {
  let r = await api(srv, token, 'POST', '/api/v1/x', { a: 1 });
  assert.equal(r.json.a, 1);
  r = await api(srv, token, 'POST', '/api/v1/x', { a: 'no' });
  assert.equal(r.status, 400);
});
test('POST /x in the name is no request', async () => { const r = await get(srv, '/x'); assert.equal(r.res.status, 200); });
test('a raw request', async () => { const r = await rawRequest(port, 'POST /x HTTP/1.1\\r\\n'); assert.equal(r.status, 400); });
test('a record whose field is called status', async () => {
  const r = await postForm(srv, '/x', jar, {});
  assert.equal(r.status, 303);
  assert.equal((await question(1)).json.status, 'new');
  assert.deepEqual([q.slug, q.status], ['a', 'published']);
});`;
  assert.deepEqual(statusOnly(bad).map((f) => f.name), ['saves']);
  assert.deepEqual(statusOnly(tail).map((f) => f.name), ['checks, then a last refusal by its status alone', 'a raw request']);
  assert.deepEqual(statusOnly(good), []);
  assert.deepEqual(statusOnly(viaHelper).map((f) => f.name), ['refuses', 'regex /{/ and strings "}"']);
});

test('no HTTP test sends a write and checks only its status', () => {
  const problems = [];
  const files = readdirSync(DIR).filter((f) => f.endsWith('.test.mjs')).sort();
  assert.ok(files.length > 10, `only ${files.length} HTTP test files in ${DIR}`);
  let blocks = 0;
  for (const f of files) {
    const src = readFileSync(join(DIR, f), 'utf8');
    blocks += (src.match(/(?<![.\w$])test\s*\(/g) || []).length;
    const allowed = new Set(ALLOW[f] || []);
    for (const { name, line } of statusOnly(src)) {
      if (!allowed.has(name)) problems.push(`${f}:${line} "${name}" sends a write and asserts only its status`);
    }
  }
  assert.ok(blocks > 200, `only ${blocks} test blocks read`);
  assert.deepEqual(problems, []);
});

test('every allowlisted test still exists and still checks only a status', () => {
  for (const [f, names] of Object.entries(ALLOW)) {
    const found = new Set(statusOnly(readFileSync(join(DIR, f), 'utf8')).map((x) => x.name));
    for (const n of names) assert.ok(found.has(n), `${f}: "${n}" is gone or now checks more than a status (remove it from ALLOW)`);
  }
});
