// The measuring stick for redaction: reads the labelled corpus of
// tests/data/redaction/ (format in its README.md), runs a redactor on each
// file's plain text and scores what it replaced.  Used by the corpus suite
// (tests/cli/redaction_corpus.test.mjs), its self-test
// (tests/cli/redaction_score.test.mjs) and `make bench`
// (bench/redact/run.mjs).  No dependencies beyond Node.
//
// Offsets are UTF-8 byte offsets of the plain text (labels and header
// removed), because that is what the C side reports.  A word is a run of
// letters, combining marks and digits (\p{L}\p{M}\p{N}).
//
//   recall(kind)   labelled spans of that kind whose every letter and digit
//                  lies inside the replaced spans (of any kind), / spans
//   keep share     words of `keep` spans with a letter or digit inside a
//                  replaced span, / words of `keep` spans
//   unlabelled     the same for the words outside every label
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'redaction');

/** Kinds of personal data, in the order reports list them. */
export const PERSONAL = ['speaker', 'other', 'email', 'phone', 'address'];
export const KINDS = [...PERSONAL, 'keep'];
/** What the redactor says it replaced (the JSON contract). */
export const REPLACED_KINDS = ['name', 'email', 'phone', 'address'];
const LANGS = ['en', 'es', 'mixed'];
const FORMATS = ['vtt', 'srt', 'txt', 'csv'];
const HEADER_KEYS = ['about', 'lang', 'format', 'known', 'allow'];
// Particles of names, never checked on their own by lintDoc.
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da', 'dos', 'di', 'du', 'le', 'al', 'el', 'bin', 'ibn', 'thi']);

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ALNUM = /[\p{L}\p{N}]/u;

export class CorpusError extends Error {}

/** Accent- and case-insensitive form of a word or phrase. */
export function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Byte offset of each UTF-16 index of s (length s.length + 1). */
export function byteOffsets(s) {
  const map = new Uint32Array(s.length + 1);
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    map[i] = b;
    const c = s.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one code point of four bytes; the low half
      // gets the same offset as the high half.
      map[++i] = b;
      b += 4;
    } else b += 3;
  }
  map[s.length] = b;
  return map;
}

/**
 * Parses one corpus file.  Throws CorpusError with the file name and line
 * on a malformed header or label.  Returns
 *   { name, about, lang, format, known: [..], allow: [..],
 *     text, bytes: Buffer, spans: [{kind, start, end, text, line}] }
 * where start/end are byte offsets into bytes (= Buffer of text).
 */
export function parseDoc(source, name = '(text)') {
  const fail = (line, msg) => {
    throw new CorpusError(`${name}:${line}: ${msg}`);
  };
  const doc = { name, about: '', lang: '', format: '', known: [], allow: [], text: '', spans: [] };
  let pos = 0;
  let line = 1;
  for (;;) {
    const nl = source.indexOf('\n', pos);
    if (nl < 0) fail(line, 'the header must end with a blank line before the text');
    const l = source.slice(pos, nl);
    pos = nl + 1;
    if (l === '') break;
    const m = /^# ([a-z]+): ?(.*)$/.exec(l);
    if (!m) fail(line, `a header line is "# key: value", not ${JSON.stringify(l)}`);
    const [, key, value] = m;
    if (!HEADER_KEYS.includes(key)) fail(line, `unknown header key '${key}' (${HEADER_KEYS.join(', ')})`);
    if (key === 'known' || key === 'allow') {
      for (const v of value.split(';').map((x) => x.trim()).filter(Boolean)) doc[key].push(v);
    } else if (key === 'about') {
      doc.about += (doc.about ? ' ' : '') + value.trim();
    } else {
      if (doc[key]) fail(line, `'${key}' given twice`);
      doc[key] = value.trim();
    }
    line++;
  }
  line++;
  if (!LANGS.includes(doc.lang)) fail(1, `'# lang:' must be one of ${LANGS.join(', ')}`);
  if (!FORMATS.includes(doc.format)) fail(1, `'# format:' must be one of ${FORMATS.join(', ')}`);

  // The text, labels removed; spans in UTF-16 indices of the text first.
  let out = '';
  const raw = [];
  const body = source.slice(pos);
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('[[', i);
    const close = body.indexOf(']]', i);
    if (close >= 0 && (open < 0 || close < open)) fail(line + countLines(body, 0, close), "']]' outside a label");
    if (open < 0) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, open);
    const at = line + countLines(body, 0, open);
    const end = body.indexOf(']]', open + 2);
    if (end < 0) fail(at, "a label '[[' is not closed");
    const inner = body.slice(open + 2, end);
    const bar = inner.indexOf('|');
    if (bar < 0) fail(at, `a label is [[kind|text]], not [[${inner}]]`);
    const kind = inner.slice(0, bar);
    const text = inner.slice(bar + 1);
    if (!KINDS.includes(kind)) fail(at, `unknown kind '${kind}' (${KINDS.join(', ')})`);
    if (/[[\]|]/.test(text)) fail(at, `a label's text may not hold '[', ']' or '|': ${JSON.stringify(inner)}`);
    if (!ALNUM.test(text)) fail(at, `a label's text needs a letter or digit: ${JSON.stringify(inner)}`);
    if (text !== text.trim()) fail(at, `a label's text starts or ends with a space: ${JSON.stringify(text)}`);
    raw.push({ kind, cstart: out.length, cend: out.length + text.length, text, line: at });
    out += text;
    i = end + 2;
  }
  doc.text = out;
  doc.bytes = Buffer.from(out, 'utf8');
  const map = byteOffsets(out);
  doc.spans = raw.map((s) => ({ kind: s.kind, start: map[s.cstart], end: map[s.cend], text: s.text, line: s.line }));
  return doc;
}

function countLines(s, from, to) {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Every corpus file of dir (*.txt, *.vtt, *.srt, *.csv), sorted by name. */
export function loadCorpus(dir = CORPUS_DIR) {
  return readdirSync(dir)
    .filter((f) => /\.(txt|vtt|srt|csv)$/.test(f))
    .sort()
    .map((f) => parseDoc(readFileSync(join(dir, f), 'utf8'), f));
}

/** Words of a string as [{start, end, word}] in UTF-16 indices. */
function wordsOf(s) {
  const out = [];
  for (const m of s.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  return out;
}

/** Words of doc.text with byte offsets: [{start, end, word, label}] where
 *  label is the index of the span holding the word, or -1. */
export function docWords(doc) {
  if (doc._words) return doc._words;
  const map = byteOffsets(doc.text);
  const spans = doc.spans;
  let k = 0;
  const words = wordsOf(doc.text).map((w) => {
    const start = map[w.start], end = map[w.end];
    while (k < spans.length && spans[k].end <= start) k++;
    const label = k < spans.length && spans[k].start <= start && end <= spans[k].end ? k : -1;
    return { start, end, word: w.word, label };
  });
  Object.defineProperty(doc, '_words', { value: words, enumerable: false });
  return words;
}

/** A byte mask of doc.bytes: 1 where a replaced span covers the byte. */
function coverMask(len, replaced) {
  const mask = new Uint8Array(len);
  for (const r of replaced) mask.fill(1, Math.max(0, r.start), Math.min(len, r.end));
  return mask;
}

/** Byte ranges of the letters and digits in bytes[start, end). */
function alnumRanges(bytes, start, end) {
  const s = bytes.subarray(start, end).toString('utf8');
  const map = byteOffsets(s);
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    const w = ch.length;
    if (ALNUM.test(ch)) out.push([start + map[i], start + map[i + w]]);
    i += w - 1;
  }
  return out;
}

function covered(mask, ranges) {
  for (const [a, b] of ranges) for (let i = a; i < b; i++) if (!mask[i]) return false;
  return true;
}

function touched(mask, a, b) {
  for (let i = a; i < b; i++) if (mask[i]) return true;
  return false;
}

/**
 * Scores one document.  replaced: [{start, end, kind?}] in bytes of
 * doc.bytes.  Returns
 *   { kinds: {speaker: {spans, caught, missed: [span]}, ...},
 *     keep: {spans, words, replaced, hit: [word]},
 *     unlabelled: {words, replaced, hit: [word]} }
 */
export function scoreDoc(doc, replaced) {
  const mask = coverMask(doc.bytes.length, replaced);
  const kinds = Object.fromEntries(PERSONAL.map((k) => [k, { spans: 0, caught: 0, missed: [] }]));
  let keepSpans = 0;
  for (const s of doc.spans) {
    if (s.kind === 'keep') {
      keepSpans++;
      continue;
    }
    const k = kinds[s.kind];
    k.spans++;
    if (covered(mask, alnumRanges(doc.bytes, s.start, s.end))) k.caught++;
    else k.missed.push({ ...s, file: doc.name });
  }
  const keep = { spans: keepSpans, words: 0, replaced: 0, hit: [] };
  const unlabelled = { words: 0, replaced: 0, hit: [] };
  for (const w of docWords(doc)) {
    let bucket = null;
    if (w.label < 0) bucket = unlabelled;
    else if (doc.spans[w.label].kind === 'keep') bucket = keep;
    if (!bucket) continue;
    bucket.words++;
    const ranges = alnumRanges(doc.bytes, w.start, w.end);
    if (ranges.some(([a, b]) => touched(mask, a, b))) {
      bucket.replaced++;
      bucket.hit.push({ ...w, file: doc.name });
    }
  }
  return { kinds, keep, unlabelled };
}

/** Adds up scoreDoc results; each kind gains recall = caught / spans
 *  (null when there are no spans), keep and unlabelled gain share. */
export function total(scores) {
  const t = {
    kinds: Object.fromEntries(PERSONAL.map((k) => [k, { spans: 0, caught: 0, missed: [] }])),
    keep: { spans: 0, words: 0, replaced: 0, hit: [] },
    unlabelled: { words: 0, replaced: 0, hit: [] },
  };
  for (const s of scores) {
    for (const k of PERSONAL) {
      t.kinds[k].spans += s.kinds[k].spans;
      t.kinds[k].caught += s.kinds[k].caught;
      t.kinds[k].missed.push(...s.kinds[k].missed);
    }
    for (const b of ['keep', 'unlabelled']) {
      t[b].words += s[b].words;
      t[b].replaced += s[b].replaced;
      t[b].hit.push(...s[b].hit);
    }
    t.keep.spans += s.keep.spans;
  }
  for (const k of PERSONAL) t.kinds[k].recall = t.kinds[k].spans ? t.kinds[k].caught / t.kinds[k].spans : null;
  for (const b of ['keep', 'unlabelled']) t[b].share = t[b].words ? t[b].replaced / t[b].words : 0;
  return t;
}

/**
 * Problems with a redactor's answer for doc, as strings (empty: none):
 * the JSON shape of the contract, replaced offsets inside the input, on
 * UTF-8 character boundaries, in order and not overlapping, doubts inside
 * the output text, and the output text being the input with each replaced
 * span written as its placeholder ([NAME], [EMAIL], [PHONE], [ADDRESS],
 * docs/internals/redaction.md).
 */
export function checkAnswer(doc, answer) {
  const p = [];
  if (!answer || typeof answer !== 'object') return ['the answer is not a JSON object'];
  if (typeof answer.text !== 'string') p.push('"text" is not a string');
  if (!Array.isArray(answer.replaced)) p.push('"replaced" is not an array');
  if (!Array.isArray(answer.doubts)) p.push('"doubts" is not an array');
  if (p.length) return p;
  const len = doc.bytes.length;
  const boundary = (b) => b === len || (doc.bytes[b] & 0xc0) !== 0x80;
  let prev = 0;
  for (const [i, r] of answer.replaced.entries()) {
    const where = `replaced[${i}] ${JSON.stringify(r)}`;
    if (!Number.isInteger(r?.start) || !Number.isInteger(r?.end) || r.start < 0 || r.end > len || r.start >= r.end) {
      p.push(`${where}: not a range of the input's ${len} bytes`);
      continue;
    }
    if (!REPLACED_KINDS.includes(r.kind)) p.push(`${where}: kind is not one of ${REPLACED_KINDS.join(', ')}`);
    if (!boundary(r.start) || !boundary(r.end)) p.push(`${where}: cuts a UTF-8 character`);
    if (r.start < prev) p.push(`${where}: out of order or overlapping the one before`);
    prev = Math.max(prev, r.end);
  }
  const outLen = Buffer.byteLength(answer.text, 'utf8');
  for (const [i, d] of answer.doubts.entries()) {
    if (!Number.isInteger(d?.start) || !Number.isInteger(d?.end) || d.start < 0 || d.end > outLen || d.start > d.end)
      p.push(`doubts[${i}] ${JSON.stringify(d)}: not a range of the output's ${outLen} bytes`);
  }
  if (p.length) return p;
  const parts = [];
  let at = 0;
  for (const r of answer.replaced) {
    parts.push(doc.bytes.subarray(at, r.start), Buffer.from(`[${r.kind.toUpperCase()}]`));
    at = r.end;
  }
  parts.push(doc.bytes.subarray(at));
  const expect = Buffer.concat(parts).toString('utf8');
  if (expect !== answer.text) {
    let d = 0;
    while (d < expect.length && expect[d] === answer.text[d]) d++;
    p.push(`"text" is not the input with each replaced span as its placeholder; first difference at character ${d}: ` +
      `expected ${JSON.stringify(expect.slice(d, d + 40))}, got ${JSON.stringify(answer.text.slice(d, d + 40))}`);
  }
  return p;
}

/** The replaced spans of an answer that can be scored: those that are a
 *  range of integers (others are reported by checkAnswer). */
export function usableSpans(answer) {
  if (!Array.isArray(answer?.replaced)) return [];
  return answer.replaced.filter((r) => Number.isInteger(r?.start) && Number.isInteger(r?.end) && r.start < r.end);
}

/**
 * The arguments of `commonground redact` for doc, with the names and allow
 * files written into dir: the names are the header's known people, the
 * allow list its allow list; --lang is the file's language (none for
 * mixed files: the program decides).
 */
export function redactArgs(doc, dir) {
  const args = ['redact', '--text'];
  if (doc.known.length) {
    const f = join(dir, 'names.txt');
    writeFileSync(f, doc.known.join('\n') + '\n');
    args.push('--names-file', f);
  }
  if (doc.allow.length) {
    const f = join(dir, 'allow.txt');
    writeFileSync(f, doc.allow.join('\n') + '\n');
    args.push('--allow-file', f);
  }
  if (doc.lang !== 'mixed') args.push('--lang', doc.lang);
  args.push('--json');
  return args;
}

/**
 * Runs cmd (an array: program and leading arguments) with args, input on
 * stdin; resolves {code, signal, stdout, stderr, ms, timedOut}.  With
 * timeoutMs, a program still running then is killed (SIGKILL).
 *
 * stdin is a temporary file holding input, as with `commonground redact <
 * FILE`, unless opts.stdin is 'socket': then it is what Node's spawn makes
 * of a pipe, a socket (a program that opens /dev/stdin by its name cannot
 * open that one).
 */
export function run(cmd, args, input, env = process.env, timeoutMs = 0, opts = {}) {
  return new Promise((resolve, reject) => {
    let stdin = 'pipe';
    let dir = null;
    if (opts.stdin !== 'socket') {
      dir = mkdtempSync(join(tmpdir(), 'cg-stdin-'));
      writeFileSync(join(dir, 'in'), input);
      stdin = openSync(join(dir, 'in'), 'r');
    }
    const cleanup = () => {
      if (typeof stdin === 'number') closeSync(stdin);
      if (dir) rmSync(dir, { recursive: true, force: true });
      stdin = 'pipe';
      dir = null;
    };
    const t0 = process.hrtime.bigint();
    // With a time limit the program gets a process group of its own, so
    // that a wrapper (/usr/bin/time) and what it runs are killed together.
    let p;
    try {
      p = spawn(cmd[0], [...cmd.slice(1), ...args], { env, stdio: [stdin, 'pipe', 'pipe'], detached: timeoutMs > 0 });
    } catch (e) {
      cleanup();
      reject(e);
      return;
    }
    const out = [], err = [];
    let timedOut = false;
    const kill = () => {
      timedOut = true;
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        p.kill('SIGKILL');
      }
    };
    const timer = timeoutMs > 0 ? setTimeout(kill, timeoutMs) : null;
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', (e) => { if (timer) clearTimeout(timer); cleanup(); reject(e); });
    p.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      cleanup();
      resolve({
        code, signal, timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      });
    });
    if (p.stdin) {
      p.stdin.on('error', () => {}); // a program that exits early closes its stdin
      p.stdin.end(input);
    }
  });
}

/**
 * Runs `cmd redact --text ... --json` on doc's plain text (opts as for
 * run: stdin a file unless opts.stdin is 'socket').  Resolves
 * {answer, problems, run} where answer is the parsed JSON (null when the
 * program failed or printed no JSON) and problems the reasons it is not a
 * valid answer (checkAnswer), empty when it is.
 */
export async function redactDoc(cmd, doc, env, opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-redact-'));
  try {
    const r = await run(cmd, redactArgs(doc, dir), doc.bytes, env, 0, opts);
    if (r.code !== 0) {
      const why = r.stderr.trim().split('\n').slice(-3).join(' | ') || `signal ${r.signal}`;
      return { answer: null, problems: [`exit ${r.code}: ${why}`], run: r };
    }
    let answer;
    try {
      answer = JSON.parse(r.stdout);
    } catch (e) {
      return { answer: null, problems: [`output is not JSON (${e.message}): ${JSON.stringify(r.stdout.slice(0, 120))}`], run: r };
    }
    return { answer, problems: checkAnswer(doc, answer), run: r };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A span or word with a little of the text around it, for reports. */
export function context(doc, s, width = 30) {
  const a = doc.bytes.subarray(Math.max(0, s.start - width), s.start).toString('utf8').replace(/^[\x80-\xbf]+|\uFFFD/g, '');
  const b = doc.bytes.subarray(s.end, s.end + width).toString('utf8').replace(/\uFFFD/g, '');
  const mid = doc.bytes.subarray(s.start, s.end).toString('utf8');
  return `${a}⟦${mid}⟧${b}`.replace(/\s+/g, ' ');
}

/**
 * Consistency of a corpus file's labels, as strings (empty: none):
 *  1. each word of a `speaker` label is a word of one known name;
 *  2. no `other` label is made only of words of one known name (that is a
 *     speaker, or a name the corpus should not share with one);
 *  3. every occurrence of a known name's word (3+ letters, not a particle;
 *     case and accents ignored) lies inside a label: a known name said as
 *     an ordinary word ("Bell" known, "the bell") is labelled `keep`;
 *  4. every occurrence of a name labelled `speaker` or `other` (same case)
 *     lies inside a label;
 *  5. every occurrence of an allow-list entry (case and accents ignored)
 *     lies inside a label;
 *  6. no label starts or ends inside a word (a word is either in a label
 *     or outside all of them, so that each word counts once).
 */
export function lintDoc(doc) {
  const problems = [];
  const words = docWords(doc);
  const folded = words.map((w) => fold(w.word));
  const knownWords = doc.known.map((n) => new Set(wordsOf(n).map((w) => fold(w.word))));
  const inLabel = (a, b) => doc.spans.some((s) => s.start <= a && b <= s.end);
  const where = (s) => `${doc.name}:${s.line}`;

  for (const s of doc.spans) {
    if (s.kind !== 'speaker' && s.kind !== 'other') continue;
    const ws = wordsOf(s.text).map((w) => fold(w.word));
    const ofOne = knownWords.some((set) => ws.every((w) => set.has(w)));
    if (s.kind === 'speaker' && !ofOne) problems.push(`${where(s)}: speaker ${JSON.stringify(s.text)} is not (part of) a known name`);
    if (s.kind === 'other' && ofOne && ws.some((w) => !PARTICLES.has(w)))
      problems.push(`${where(s)}: other ${JSON.stringify(s.text)} is (part of) a known name`);
  }

  // Occurrences of a sequence of words (compared by eq) outside labels.
  const unlabelled = (pattern, eq, what) => {
    const n = pattern.length;
    if (!n) return;
    for (let i = 0; i + n <= words.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = eq(i + j, pattern[j]);
      if (!ok) continue;
      const a = words[i].start, b = words[i + n - 1].end;
      if (!inLabel(a, b)) problems.push(`${doc.name}: ${what} unlabelled at ${context(doc, { start: a, end: b })}`);
    }
  };
  const byFold = (i, p) => folded[i] === p;
  const bySame = (i, p) => words[i].word === p;

  const seen = new Set();
  for (const set of knownWords) {
    for (const w of set) {
      if (w.length < 3 || PARTICLES.has(w) || seen.has(w)) continue;
      seen.add(w);
      unlabelled([w], byFold, `known word '${w}'`);
    }
  }
  const names = new Set(doc.spans.filter((s) => s.kind === 'speaker' || s.kind === 'other').map((s) => s.text));
  for (const n of names) unlabelled(wordsOf(n).map((w) => w.word), bySame, `name '${n}'`);
  for (const a of doc.allow) unlabelled(wordsOf(a).map((w) => fold(w.word)), byFold, `allowed '${a}'`);
  for (const w of words) {
    const cut = doc.spans.find((s) => (w.start < s.start && s.start < w.end) || (w.start < s.end && s.end < w.end));
    if (cut) problems.push(`${where(cut)}: the label ${JSON.stringify(cut.text)} cuts the word ${JSON.stringify(w.word)}`);
  }
  return problems;
}
