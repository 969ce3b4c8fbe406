// The Atom schema the feed tests validate against (tests/data/atom/atom.rng,
// RFC 4287 Appendix B in RELAX NG XML syntax): xmllint reads it as RELAX NG,
// it accepts a correct feed, and it rejects feeds each broken in one way.
// Needs only xmllint; no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ATOM_RNG, validateAtom } from '../lib/atom.mjs';

const GOOD = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://cg.example.org/d/riverside/feed.atom</id>
  <title>Riverside: initiatives</title>
  <updated>2024-05-02T10:30:00Z</updated>
  <author><name>Riverside School District</name><uri>https://cg.example.org/d/riverside</uri></author>
  <link rel="self" type="application/atom+xml" href="https://cg.example.org/d/riverside/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://cg.example.org/d/riverside"/>
  <entry xml:lang="en">
    <id>tag:cg.example.org,2024:riverside/initiative/1</id>
    <title>Later school start</title>
    <updated>2024-05-02T10:30:00Z</updated>
    <published>2024-04-01T09:00:00+02:00</published>
    <summary>Should the school day start at 9?</summary>
    <content type="html">&lt;p&gt;Should the school day start at &lt;b&gt;9&lt;/b&gt;?&lt;/p&gt;</content>
    <link rel="alternate" type="text/html" href="https://cg.example.org/d/riverside/i/1"/>
    <category term="schedule" label="Schedule"/>
  </entry>
  <entry xml:lang="es">
    <id>tag:cg.example.org,2024:riverside/initiative/2</id>
    <title>Comedor escolar</title>
    <updated>2024-04-20T08:00:00.5-05:00</updated>
    <published>2024-04-15T08:00:00Z</published>
    <summary type="text">¿Qué comemos?</summary>
    <content type="html">&lt;p&gt;¿Qué comemos?&lt;/p&gt;</content>
    <link rel="alternate" href="https://cg.example.org/d/riverside/i/2" hreflang="es"/>
    <category term="food" scheme="https://cg.example.org/d/riverside/topics"/>
  </entry>
</feed>
`;

/** GOOD with the first occurrence of `from` replaced; fails if absent. */
function broken(from, to) {
  assert.ok(GOOD.includes(from), `the good feed contains ${from}`);
  return GOOD.replace(from, to);
}

/** Runs xmllint on a document; returns {status, stderr}. */
function xmllint(args, text) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-atom-test-'));
  const file = join(dir, 'feed.atom');
  writeFileSync(file, text);
  try {
    execFileSync('xmllint', [...args, file], { stdio: 'pipe' });
    return { status: 0, stderr: '' };
  } catch (e) {
    return { status: e.status, stderr: String(e.stderr ?? '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the schema is well-formed XML and xmllint reads it as RELAX NG', () => {
  execFileSync('xmllint', ['--noout', '--nonet', ATOM_RNG], { stdio: 'pipe' });
  const good = xmllint(['--noout', '--nonet', '--relaxng', ATOM_RNG], GOOD);
  assert.equal(good.status, 0, good.stderr);
  const bad = xmllint(['--noout', '--nonet', '--relaxng', ATOM_RNG], broken('<title>Riverside: initiatives</title>', ''));
  // 3 is "fails to validate"; 5 would be a schema that does not compile.
  assert.ok(bad.status >= 3, `status ${bad.status}`);
  assert.equal(bad.status, 3, bad.stderr);
  assert.match(bad.stderr, /fails to validate/);
});

test('a correct feed validates', () => {
  const r = validateAtom(GOOD);
  assert.deepEqual(r, { ok: true, errors: '' });
});

test('extensions, xhtml text and out-of-line content validate', () => {
  const r = validateAtom(broken('<summary>Should the school day start at 9?</summary>',
    '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Start at <b>9</b>?</div></summary>' +
    '<cg:votes xmlns:cg="urn:example:cg">12</cg:votes>' +
    '<cg:meta xmlns:cg="urn:example:cg" cg:v="1"><cg:x/>y</cg:meta>')
    .replace(/<content type="html">[^<]*<\/content>/, '<content type="text/html" src="https://cg.example.org/d/riverside/i/1"/>'));
  assert.ok(r.ok, r.errors);
});

// Each differs from GOOD (which validates) in one place only, so a rejection
// is that change's doing. Where xmllint names the cause, the third item
// checks it; its messages about interleave (the missing id or title) are too
// roundabout to match.
const INVALID = [
  ['an entry without id', () => broken('<id>tag:cg.example.org,2024:riverside/initiative/1</id>', '')],
  ['a feed without title', () => broken('<title>Riverside: initiatives</title>', '')],
  ['updated that is not a date-time', () => broken('<updated>2024-05-02T10:30:00Z</updated>', '<updated>yesterday</updated>'),
    /Type dateTime doesn't allow value 'yesterday'/],
  ['content type="html" holding an element', () => broken('<content type="html">&lt;p&gt;¿Qué comemos?&lt;/p&gt;</content>',
    '<content type="html"><p xmlns="http://www.w3.org/1999/xhtml">¿Qué comemos?</p></content>'),
    /Element content has extra content: p/],
  ['a link without href', () => broken('<link rel="alternate" type="text/html" href="https://cg.example.org/d/riverside/i/1"/>',
    '<link rel="alternate" type="text/html"/>'),
    /Element link failed to validate attributes/],
  ['an unknown atom element inside an entry', () => broken('<category term="schedule" label="Schedule"/>',
    '<category term="schedule" label="Schedule"/><votes>12</votes>'),
    /Element entry has extra content: votes/],
];

for (const [what, make, cause] of INVALID) {
  test(`rejected: ${what}`, () => {
    const r = validateAtom(make());
    assert.equal(r.ok, false, `${what} was accepted`);
    assert.match(r.errors, /fails to validate/);
    if (cause) assert.match(r.errors, cause);
  });
}

test('a document that is not well-formed is not ok', () => {
  const r = validateAtom(GOOD.slice(0, -10));
  assert.equal(r.ok, false);
  assert.match(r.errors, /parser error/);
});
