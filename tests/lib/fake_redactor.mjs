// A stand-in for `commonground redact --text ... --json`, for the scorer's
// self-test (tests/cli/redaction_score.test.mjs): it is run the way the
// real program is run, so the self-test covers the arguments, the files,
// stdin and the JSON on stdout as well as the scoring.
//
//   node tests/lib/fake_redactor.mjs redact --text [--names-file F]
//        [--allow-file F] [--lang en|es] --json
//
// FAKE_REDACT_CORPUS  the corpus file whose plain text comes on stdin; the
//                     fake checks that stdin, the names file and the allow
//                     file are that file's text, known names and allow list
//                     (exit 3 and a message when not)
// FAKE_REDACT_MODE    oracle  replaces exactly the labelled personal spans
//                     none    replaces nothing
//                     all     replaces the whole text as one name
//                     utf16   the oracle's spans, in UTF-16 indices (wrong)
//                     junk    prints something that is not JSON
import { readFileSync } from 'node:fs';
import { parseDoc, byteOffsets } from './redaction_score.mjs';

function die(msg) {
  process.stderr.write(`fake_redactor: ${msg}\n`);
  process.exit(3);
}

const argv = process.argv.slice(2);
if (argv[0] !== 'redact' || argv[1] !== '--text' || argv[argv.length - 1] !== '--json')
  die(`usage: redact --text [options] --json, not ${argv.join(' ')}`);
const opts = {};
for (let i = 2; i < argv.length - 1; i += 2) {
  if (!['--names-file', '--allow-file', '--lang'].includes(argv[i]) || i + 1 >= argv.length - 1)
    die(`unknown or incomplete option '${argv[i]}'`);
  opts[argv[i]] = argv[i + 1];
}
const doc = parseDoc(readFileSync(process.env.FAKE_REDACT_CORPUS, 'utf8'), process.env.FAKE_REDACT_CORPUS);
const input = readFileSync(0);
if (!input.equals(doc.bytes)) die('stdin is not the plain text of the corpus file');
const lines = (f) => (f ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
if (lines(opts['--names-file']).join(';') !== doc.known.join(';')) die('the names file is not the known names');
if (lines(opts['--allow-file']).join(';') !== doc.allow.join(';')) die('the allow file is not the allow list');
if ((opts['--lang'] ?? 'mixed') !== doc.lang) die(`--lang ${opts['--lang']} for a file of language ${doc.lang}`);

const KIND = { speaker: 'name', other: 'name', email: 'email', phone: 'phone', address: 'address' };
const mode = process.env.FAKE_REDACT_MODE || 'oracle';
let replaced = [];
if (mode === 'oracle' || mode === 'utf16') {
  replaced = doc.spans.filter((s) => s.kind !== 'keep').map((s) => ({ start: s.start, end: s.end, kind: KIND[s.kind] }));
  if (mode === 'utf16') {
    // The offsets a JavaScript redactor gets wrong: string indices.
    const map = byteOffsets(doc.text);
    const back = new Map();
    for (let i = map.length - 1; i >= 0; i--) back.set(map[i], i);
    replaced = replaced.map((r) => ({ ...r, start: back.get(r.start), end: back.get(r.end) }));
  }
} else if (mode === 'all') {
  replaced = [{ start: 0, end: doc.bytes.length, kind: 'name' }];
} else if (mode === 'junk') {
  process.stdout.write('redacted!\n');
  process.exit(0);
} else if (mode !== 'none') die(`unknown FAKE_REDACT_MODE '${mode}'`);

const parts = [];
let at = 0;
for (const r of replaced) {
  if (r.start < at) continue;
  parts.push(input.subarray(at, r.start), Buffer.from(`[${r.kind.toUpperCase()}]`));
  at = r.end;
}
parts.push(input.subarray(at));
process.stdout.write(JSON.stringify({ text: Buffer.concat(parts).toString('utf8'), replaced, doubts: [] }) + '\n');
