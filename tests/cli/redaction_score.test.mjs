// The redaction scorer's own tests (tests/lib/redaction_score.mjs): the
// corpus format, byte offsets, what counts as caught and as over-redacted,
// the contract checks, the run of a redactor through fake redactors
// (tests/lib/fake_redactor.mjs), the corpus's size and consistency, and the
// reference redactor's offsets (tests/lib/redaction_compromise.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CORPUS_DIR, PERSONAL, CorpusError, parseDoc, loadCorpus, scoreDoc, total, checkAnswer, redactDoc, lintDoc, byteOffsets,
  usableSpans,
} from '../lib/redaction_score.mjs';
import { compromiseRedact, people } from '../lib/redaction_compromise.mjs';

const FAKE = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'fake_redactor.mjs');
const HEAD = '# lang: en\n# format: txt\n# known: Ana Ruiz; Hope Martínez\n# allow: Lincoln Elementary\n\n';
const docs = loadCorpus();

const allRecalls = (t) => Object.fromEntries(PERSONAL.map((k) => [k, t.kinds[k].recall]));

test('a corpus file parses to its plain text, header and labels in UTF-8 bytes', () => {
  const d = parseDoc(HEAD + 'Hola [[other|Nguyễn Thị Hoa]] y [[speaker|Ana]]\n[[keep|Lincoln Elementary]] 🙂 [[phone|555 12 34 56]].\n', 'x.txt');
  assert.equal(d.text, 'Hola Nguyễn Thị Hoa y Ana\nLincoln Elementary 🙂 555 12 34 56.\n');
  assert.deepEqual(d.known, ['Ana Ruiz', 'Hope Martínez']);
  assert.deepEqual(d.allow, ['Lincoln Elementary']);
  assert.equal(d.lang, 'en');
  assert.equal(d.format, 'txt');
  assert.deepEqual(d.spans.map((s) => [s.kind, s.text, s.line]),
    [['other', 'Nguyễn Thị Hoa', 6], ['speaker', 'Ana', 6], ['keep', 'Lincoln Elementary', 7], ['phone', '555 12 34 56', 7]]);
  for (const s of d.spans) assert.equal(d.bytes.subarray(s.start, s.end).toString('utf8'), s.text);
  // "Nguyễn Thị Hoa" is 14 characters and 18 bytes; the emoji two UTF-16 units and four bytes.
  assert.deepEqual([d.spans[0].start, d.spans[0].end, d.spans[1].start], [5, 23, 26]);
  assert.equal(d.spans[3].start, Buffer.byteLength('Hola Nguyễn Thị Hoa y Ana\nLincoln Elementary 🙂 '));
});

test('byte offsets count UTF-8 bytes, with one offset for both halves of a surrogate pair', () => {
  assert.deepEqual([...byteOffsets('aé€🙂b')], [0, 1, 3, 6, 6, 10, 11]);
});

test('a malformed corpus file is refused with its line', () => {
  const bad = [
    ['# lang: en\n# format: txt\ntext without a blank line', /header must end with a blank line|a header line/],
    ['# lang: fr\n# format: txt\n\nx\n', /lang:/],
    ['# lang: en\n# format: doc\n\nx\n', /format:/],
    ['# lang: en\n# format: txt\n# colour: red\n\nx\n', /unknown header key 'colour'/],
    [HEAD + 'one\n[[nombre|Ana]]\n', /x:7: unknown kind 'nombre'/],
    [HEAD + '[[other|Ana\n', /not closed/],
    [HEAD + 'a ]] b\n', /outside a label/],
    [HEAD + '[[other Ana]]\n', /\[\[kind\|text\]\]/],
    [HEAD + '[[other|[[keep|Ana]]]]\n', /may not hold/],
    [HEAD + '[[other| Ana]]\n', /space/],
    [HEAD + '[[keep|...]]\n', /letter or digit/],
  ];
  for (const [src, re] of bad) assert.throws(() => parseDoc(src, 'x'), (e) => e instanceof CorpusError && re.test(e.message), src);
});

test('a span is caught only when every letter and digit of it is replaced', () => {
  const d = parseDoc(HEAD + 'Call [[other|Ana-María]] at [[phone|(773) 555-0186]], ok [[keep|Lincoln]]\n', 'x');
  const [name, phone] = d.spans;
  const sc = (replaced) => scoreDoc(d, replaced);
  // Punctuation inside or around a span may stay: "(" and ")" are not letters or digits.
  assert.equal(sc([{ start: phone.start + 1, end: phone.end }]).kinds.phone.caught, 1);
  assert.equal(sc([{ start: phone.start, end: phone.end - 1 }]).kinds.phone.caught, 0, 'the last digit left');
  // Two spans that together cover the name catch it; a hyphen between may stay.
  assert.equal(sc([{ start: name.start, end: name.start + 3 }, { start: name.start + 4, end: name.end }]).kinds.other.caught, 1);
  assert.equal(sc([{ start: name.start, end: name.start + 3 }]).kinds.other.caught, 0);
  // A keep word with one letter replaced counts as replaced.
  const k = sc([{ start: d.spans[2].end - 1, end: d.spans[2].end }]);
  assert.deepEqual([k.keep.words, k.keep.replaced], [1, 1]);
  // Unlabelled words: Call, at, ok.
  const u = sc([{ start: 0, end: 4 }]);
  assert.deepEqual([u.unlabelled.words, u.unlabelled.replaced], [3, 1]);
});

test('replacing exactly the labels scores 1 and 0; nothing 0 and 0; everything 1 and 1', () => {
  const spans = (d) => d.spans.filter((s) => s.kind !== 'keep');
  const oracle = total(docs.map((d) => scoreDoc(d, spans(d))));
  const none = total(docs.map((d) => scoreDoc(d, [])));
  const all = total(docs.map((d) => scoreDoc(d, [{ start: 0, end: d.bytes.length }])));
  assert.deepEqual(allRecalls(oracle), { speaker: 1, other: 1, email: 1, phone: 1, address: 1 });
  assert.deepEqual([oracle.keep.share, oracle.unlabelled.share], [0, 0]);
  assert.deepEqual(allRecalls(none), { speaker: 0, other: 0, email: 0, phone: 0, address: 0 });
  assert.deepEqual([none.keep.share, none.unlabelled.share], [0, 0]);
  assert.deepEqual(allRecalls(all), { speaker: 1, other: 1, email: 1, phone: 1, address: 1 });
  assert.deepEqual([all.keep.share, all.unlabelled.share], [1, 1]);
  assert.equal(oracle.kinds.other.missed.length, 0);
  assert.equal(none.kinds.other.missed.length, none.kinds.other.spans);
});

test('an answer that breaks the contract is reported', () => {
  const d = parseDoc(HEAD + 'Hola [[other|Nguyễn]] y [[speaker|Ana]]\n', 'x');
  const [n, a] = d.spans;
  const ok = { text: 'Hola [NAME] y [NAME]\n', replaced: [{ start: n.start, end: n.end, kind: 'name' }, { start: a.start, end: a.end, kind: 'name' }], doubts: [{ start: 5, end: 11 }] };
  assert.deepEqual(checkAnswer(d, ok), []);
  const bad = (change, re) => {
    const p = checkAnswer(d, { ...ok, ...change });
    assert.ok(p.some((x) => re.test(x)), `${JSON.stringify(change)}: ${p.join('; ')}`);
  };
  bad({ replaced: 'x' }, /"replaced" is not an array/);
  bad({ doubts: undefined }, /"doubts" is not an array/);
  bad({ replaced: [{ start: 0, end: 999, kind: 'name' }] }, /not a range/);
  bad({ replaced: [{ start: n.start, end: n.start + 5, kind: 'name' }] }, /cuts a UTF-8 character/);
  bad({ replaced: [{ start: n.start, end: n.end, kind: 'person' }] }, /kind is not one of/);
  bad({ replaced: [ok.replaced[1], ok.replaced[0]] }, /out of order/);
  bad({ doubts: [{ start: 0, end: 99 }] }, /doubts\[0\]/);
  bad({ text: 'Hola [NAME] y Ana\n' }, /first difference at character 14/);
  assert.deepEqual(usableSpans({ replaced: [{ start: 1, end: 2 }, { start: 'a', end: 3 }, { start: 4, end: 4 }] }), [{ start: 1, end: 2 }]);
  assert.deepEqual(usableSpans(null), []);
});

test('a redactor is run with the file\'s names, allow list and language, and its answer scored', async () => {
  const cmd = [process.execPath, FAKE];
  for (const d of docs) {
    const env = { ...process.env, FAKE_REDACT_CORPUS: join(CORPUS_DIR, d.name) };
    const oracle = await redactDoc(cmd, d, { ...env, FAKE_REDACT_MODE: 'oracle' });
    assert.deepEqual(oracle.problems, [], `${d.name}: ${oracle.run.stderr}`);
    const s = total([scoreDoc(d, oracle.answer.replaced)]);
    for (const k of PERSONAL) if (s.kinds[k].spans) assert.equal(s.kinds[k].recall, 1, `${d.name} ${k}`);
    assert.equal(s.keep.share, 0, d.name);
    const none = await redactDoc(cmd, d, { ...env, FAKE_REDACT_MODE: 'none' });
    assert.deepEqual(none.problems, [], d.name);
    assert.equal(total([scoreDoc(d, none.answer.replaced)]).kinds.other.caught, 0);
  }
  // stdin as a socket (what Node makes of a pipe) instead of a file.
  const first = docs[0];
  const viaSocket = await redactDoc(cmd, first, { ...process.env, FAKE_REDACT_CORPUS: join(CORPUS_DIR, first.name) }, { stdin: 'socket' });
  assert.deepEqual(viaSocket.problems, [], viaSocket.run.stderr);
  // UTF-16 indices where bytes are due: a file with letters outside ASCII
  // before its labels loses spans (or is refused for cutting characters).
  const d = docs.find((x) => x.name.startsWith('02_'));
  const env = { ...process.env, FAKE_REDACT_CORPUS: join(CORPUS_DIR, d.name), FAKE_REDACT_MODE: 'utf16' };
  const wrong = await redactDoc(cmd, d, env);
  const r = total([scoreDoc(d, usableSpans(wrong.answer))]);
  assert.ok(wrong.problems.length > 0 || r.kinds.speaker.recall < 1, 'UTF-16 offsets were scored as bytes');
  assert.ok(r.kinds.other.recall < 1);
  // A program that fails or prints no JSON is reported, not scored.
  const junk = await redactDoc(cmd, d, { ...env, FAKE_REDACT_MODE: 'junk' });
  assert.equal(junk.answer, null);
  assert.match(junk.problems[0], /not JSON/);
  const fails = await redactDoc(cmd, d, { ...env, FAKE_REDACT_MODE: 'bogus' });
  assert.match(fails.problems[0], /^exit 3: fake_redactor: unknown FAKE_REDACT_MODE/);
});

test('the corpus is large enough and its labels are consistent', () => {
  assert.ok(docs.length >= 14, `${docs.length} files`);
  const count = (k) => docs.reduce((n, d) => n + d.spans.filter((s) => s.kind === k).length, 0);
  const personal = PERSONAL.reduce((n, k) => n + count(k), 0);
  assert.ok(personal >= 450, `${personal} personal spans`);
  assert.ok(count('keep') >= 400, `${count('keep')} keep spans`);
  for (const k of PERSONAL) assert.ok(count(k) >= 40, `${count(k)} ${k} spans`);
  for (const lang of ['en', 'es', 'mixed']) assert.ok(docs.some((d) => d.lang === lang), lang);
  for (const f of ['vtt', 'srt', 'txt', 'csv']) assert.ok(docs.some((d) => d.format === f), f);
  const problems = docs.flatMap((d) => lintDoc(d));
  assert.deepEqual(problems, []);
});

test('the consistency check finds an unlabelled known name, name and allowed place', () => {
  const d = parseDoc(HEAD + '[[speaker|Ana]] and [[other|Mateo]] at [[keep|Lincoln Elementary]].\n' +
    'Later Ruiz, Mateo and I hope at lincoln elementary; [[speaker|Roberto]] [[other|Martínez]]\n', 'x');
  const p = lintDoc(d).join('\n');
  assert.match(p, /known word 'ruiz' unlabelled/);
  assert.match(p, /known word 'hope' unlabelled/);
  assert.match(p, /name 'Mateo' unlabelled/);
  assert.match(p, /allowed 'Lincoln Elementary' unlabelled/);
  assert.match(p, /speaker "Roberto" is not \(part of\) a known name/);
  assert.match(p, /other "Martínez" is \(part of\) a known name/);
  assert.match(lintDoc(parseDoc(HEAD + 'mr [[other|haddad]]s class\n', 'x')).join('\n'), /cuts the word "haddads"/);
});

test('the reference redactor reports names, e-mail and phone in UTF-8 bytes', () => {
  const text = 'Nguyễn Thị Hoa 🙂 and Mary Smith wrote to mary@example.org or (773) 555-0186.';
  const buf = Buffer.from(text);
  const a = compromiseRedact(text);
  const got = a.replaced.map((r) => [r.kind, buf.subarray(r.start, r.end).toString('utf8')]);
  assert.ok(got.some(([k, s]) => k === 'name' && s === 'Mary Smith'), JSON.stringify(got));
  assert.ok(got.some(([k, s]) => k === 'email' && s === 'mary@example.org'), JSON.stringify(got));
  assert.ok(got.some(([k, s]) => k === 'phone' && s === '(773) 555-0186'), JSON.stringify(got));
  // Its answers keep the contract on every corpus file, and compromise's
  // own offsets point at the names it reports.
  for (const d of docs) {
    assert.deepEqual(checkAnswer(d, compromiseRedact(d.text)), [], d.name);
    for (const p of people(d.text)) assert.match(d.text.slice(p.start, p.end), /\p{L}/u, d.name);
  }
});
