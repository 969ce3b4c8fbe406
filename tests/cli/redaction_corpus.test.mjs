// Redaction measured on the labelled corpus of tests/data/redaction/
// (issue 12): `commonground redact --text --json` runs on each file's plain
// text with the file's known names and allow list, and the spans it
// replaced are scored by tests/lib/redaction_score.mjs.  Each kind of
// personal data must reach its floor of recall, and the words that must
// survive (`keep`) must stay below a ceiling of over-redaction.
//
// The corpus stands for text the finder's authors have not seen: a failure
// prints counts only.  CG_REDACTION_DETAIL=1 prints the missed spans and
// the replaced keep words, with their context (for whoever may read the
// corpus).  The same figures, beside the reference redactor's: `make bench`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BIN } from '../lib/server.mjs';
import { loadCorpus, redactDoc, scoreDoc, total, context, usableSpans, PERSONAL } from '../lib/redaction_score.mjs';

// Where the redaction stands on this corpus, in one place: a change that
// loses ground fails.  The goals of issue 12 are higher for contact data
// (speaker, email, phone, address >= 0.99; other >= 0.95); raise a floor
// when the redaction reaches further, never lower it to make a test pass.
const FLOORS = { speaker: 0.99, other: 0.95, email: 0.99, phone: 0.93, address: 0.85 };
const KEEP_CEILING = 0.03; // share of keep words replaced

const DETAIL = process.env.CG_REDACTION_DETAIL === '1';
const docs = loadCorpus();
let answers; // [{doc, answer, problems}]
let totals;

before(async () => {
  answers = [];
  for (const doc of docs) answers.push({ doc, ...(await redactDoc([BIN], doc)) });
  // A file without an answer counts as replacing nothing.
  totals = total(answers.map((a) => scoreDoc(a.doc, usableSpans(a.answer))));
});

const byName = new Map(docs.map((d) => [d.name, d]));
const pct = (x) => (x === null ? 'n/a' : x.toFixed(3));

test('redact answers every corpus file by the contract (offsets, placeholders, JSON)', () => {
  const bad = answers.filter((a) => a.problems.length).map((a) => `${a.doc.name}: ${a.problems.slice(0, 3).join('; ')}`);
  assert.deepEqual(bad, [], `${BIN} redact --text --json broke the contract on ${bad.length} of ${docs.length} files`);
});

test('redact reads its text from a socket on stdin as from a file', async () => {
  // Node's spawn, like many a server, hands a child a socket for a pipe.
  const doc = docs[0];
  const viaSocket = await redactDoc([BIN], doc, process.env, { stdin: 'socket' });
  assert.deepEqual(viaSocket.problems, [], `${doc.name} on a socket`);
  assert.deepEqual(viaSocket.answer, answers[0].answer, 'the same answer as with a file');
});

for (const kind of PERSONAL) {
  test(`recall of ${kind} spans is at least ${FLOORS[kind]}`, (t) => {
    const k = totals.kinds[kind];
    t.diagnostic(`${kind}: ${k.caught}/${k.spans} caught, recall ${pct(k.recall)}`);
    if (DETAIL) for (const m of k.missed) t.diagnostic(`  missed ${m.file}:${m.line} ${context(byName.get(m.file), m)}`);
    assert.ok(k.spans > 0, `the corpus has no ${kind} span`);
    assert.ok(k.recall >= FLOORS[kind], `${kind}: recall ${pct(k.recall)} (${k.caught}/${k.spans}) is below ${FLOORS[kind]}`);
  });
}

test(`keep words replaced are at most ${KEEP_CEILING}`, (t) => {
  const { keep, unlabelled } = totals;
  t.diagnostic(`keep words replaced: ${keep.replaced}/${keep.words} (${pct(keep.share)}); ` +
    `unlabelled words replaced: ${unlabelled.replaced}/${unlabelled.words} (${pct(unlabelled.share)}), reported only`);
  if (DETAIL) for (const w of keep.hit) t.diagnostic(`  replaced ${w.file}: ${context(byName.get(w.file), w)}`);
  assert.ok(keep.words > 0, 'the corpus has no keep word');
  assert.ok(keep.share <= KEEP_CEILING, `keep words replaced ${pct(keep.share)} (${keep.replaced}/${keep.words}) is above ${KEEP_CEILING}`);
});
