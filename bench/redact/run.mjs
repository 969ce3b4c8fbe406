#!/usr/bin/env node
// bench/redact/run.mjs: `commonground redact` against the reference
// redactor of issue 12 (the npm package compromise: people() plus simple
// e-mail and phone patterns), on the labelled corpus of
// tests/data/redaction/, in one run; then the finder's time on growing
// inputs, to show whether it stays linear.
//
//  1. Quality.  Each corpus file's plain text goes to
//       build/commonground redact --text --names-file F --allow-file F
//           [--lang en|es] --json
//     (names: the file's known speakers; allow: its allow list; no --lang
//     for mixed files) and to compromise (which is given neither list).
//     Both answers are scored by tests/lib/redaction_score.mjs: recall per
//     kind (a span is caught when every letter and digit of it is
//     replaced), keep words replaced, all unlabelled words replaced.
//     Printed side by side with the goals: other names >= 0.95; speakers,
//     e-mail, phone and address >= 0.99; keep words replaced <= 0.03.
//  2. Linear time.  The corpus's plain text repeated to 1, 2, 4 and 8 MB
//     (10^6 bytes, cut at a line end) and 10 MB of seeded random text in
//     several scripts, each given to `redact` $BENCH_REDACT_RUNS times with
//     every file's names and allow entries; the best wall time (process
//     start to exit, stdin a file), MB/s and peak RSS per size, and
//     each size's time per MB (less the start-up, timed on one line)
//     against the first size's, so that growth shows.  A run that takes
//     longer than BENCH_REDACT_TIMEOUT is killed and reported, and the
//     larger corpus sizes are then skipped.
//
// A measurement, not a test: it exits 0 whether or not the goals are met,
// and non-zero only when something fails to run (no corpus, no
// compromise).  A program without a working `redact` command is reported
// and its column left empty.
//
// Environment (all optional):
//   CG_REDACT_BIN         the program                       (default build/commonground)
//   BENCH_REDACT_RUNS     timed runs per size               (default 3)
//   BENCH_REDACT_SIZES    corpus sizes in MB                (default "1 2 4 8")
//   BENCH_REDACT_RANDOM   MB of random text, 0 skips it     (default 10)
//   BENCH_REDACT_TIMEOUT  seconds before a run is killed    (default 120)
//   BENCH_REDACT_SEED     seed of the random text           (default 12)
//   BENCH_KEEP=1          keep the temporary directory and print where it is
import { copyFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import {
  loadCorpus, redactDoc, redactArgs, run, scoreDoc, total, usableSpans, PERSONAL,
} from '../../tests/lib/redaction_score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);

function die(msg) {
  console.error(`bench-redact: ${msg}`);
  process.exit(1);
}
function note(msg) {
  console.error(`bench-redact: ${msg}`);
}
function posInt(name, dflt, min = 1) {
  const v = process.env[name] ?? String(dflt);
  if (!/^\d+$/.test(v) || Number(v) < min) die(`${name} must be an integer >= ${min}, not '${v}'`);
  return Number(v);
}

const bin = process.env.CG_REDACT_BIN || 'build/commonground';
const runs = posInt('BENCH_REDACT_RUNS', 3);
const randomMB = posInt('BENCH_REDACT_RANDOM', 10, 0);
const timeoutS = posInt('BENCH_REDACT_TIMEOUT', 120);
const seed = posInt('BENCH_REDACT_SEED', 12, 0);
const sizes = (process.env.BENCH_REDACT_SIZES ?? '1 2 4 8').trim().split(/\s+/).map((s) => {
  if (!/^[1-9]\d*$/.test(s)) die(`BENCH_REDACT_SIZES holds sizes in whole MB, not '${s}'`);
  return Number(s);
});
const GOALS = { speaker: 0.99, other: 0.95, email: 0.99, phone: 0.99, address: 0.99 };
const KEEP_GOAL = 0.03;

let reference;
try {
  reference = await import('../../tests/lib/redaction_compromise.mjs');
} catch (e) {
  die(`the reference redactor does not load (${e.code || e.message}): compromise is missing; ` +
    "'make bench' installs it (scripts/deps.sh bench runs npm ci in tests/)");
}

const tmp = mkdtempSync(join(tmpdir(), 'cg-bench-redact-'));
process.on('exit', () => {
  if (process.env.BENCH_KEEP === '1') console.error(`bench-redact: kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

// ---------------------------------------------------------------- corpus
let docs;
try {
  docs = loadCorpus();
} catch (e) {
  die(`the corpus does not load: ${e.message}`);
}
if (!docs.length) die('tests/data/redaction/ holds no corpus file');

// ---------------------------------------------------------------- program
// A private copy, so that a rebuild of the shared tree during the bench
// neither fails with "Text file busy" nor swaps the program between runs.
let ours = null; // [program] when it has a working redact command
let oursWhy = '';
let version = 'version unknown';
if (!existsSync(bin)) {
  oursWhy = `${bin} is missing: build it first ('make build'), or set CG_REDACT_BIN`;
} else {
  const copy = join(tmp, 'commonground');
  copyFileSync(bin, copy);
  chmodSync(copy, 0o755);
  try {
    version = execFileSync(copy, ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0] || version;
  } catch {
    /* reported below if redact fails too */
  }
  const help = await run([copy], ['redact', '--help'], '');
  if (help.code === 0) ours = [copy];
  else oursWhy = `'${bin} redact --help' answers ${help.code}: ${(help.stderr || help.stdout).trim().split('\n')[0] || '(nothing)'}`;
}
if (!ours) note(`no Common Ground figures: ${oursWhy}`);

// ---------------------------------------------------------------- quality
note(`corpus: ${docs.length} files; running ${ours ? 'Common Ground and ' : ''}compromise on each`);
const oursScores = [];
const refScores = [];
const broken = [];
let oursMs = 0, refMs = 0, doubts = 0;
for (const doc of docs) {
  if (ours) {
    const r = await redactDoc(ours, doc);
    oursMs += r.run.ms;
    if (r.problems.length) broken.push(`${doc.name}: ${r.problems[0]}`);
    if (Array.isArray(r.answer?.doubts)) doubts += r.answer.doubts.length;
    oursScores.push(scoreDoc(doc, usableSpans(r.answer)));
  }
  const t0 = process.hrtime.bigint();
  const a = reference.compromiseRedact(doc.text);
  refMs += Number(process.hrtime.bigint() - t0) / 1e6;
  refScores.push(scoreDoc(doc, a.replaced));
}
const tOurs = ours ? total(oursScores) : null;
const tRef = total(refScores);

// ---------------------------------------------------------------- linear time
// Every file's names and allow entries, once each.
const uniq = (xs) => [...new Set(xs)];
const all = { known: uniq(docs.flatMap((d) => d.known)), allow: uniq(docs.flatMap((d) => d.allow)), lang: 'mixed' };
const linearArgs = redactArgs(all, tmp);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** The corpus text repeated to at least n bytes, cut at the last line end
 *  at or before n. */
function corpusOf(n) {
  const one = Buffer.from(docs.map((d) => d.text).join('\n'));
  const reps = Math.ceil(n / one.length) + 1;
  const big = Buffer.concat(Array(reps).fill(one));
  const cut = big.lastIndexOf(0x0a, n - 1);
  return big.subarray(0, cut + 1);
}

/** n bytes (or a few less) of seeded random text: words of one script
 *  each (Latin, accented Latin and Vietnamese, Greek, Cyrillic, Arabic,
 *  Hebrew, Devanagari, Thai, Han, Hangul, kana, emoji, combining marks),
 *  digit groups, e-mail-like and phone-like runs, punctuation, spaces and
 *  line ends; valid UTF-8, no NUL. */
function randomText(n, s) {
  let x = s >>> 0;
  const next = () => {
    // mulberry32: 32 bits a call, plenty for picking characters
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const pick = (k) => next() % k;
  const ranges = [
    [0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xff], [0x1ea0, 0x1ef9], [0x391, 0x3c9], [0x410, 0x44f], [0x621, 0x64a],
    [0x5d0, 0x5ea], [0x905, 0x939], [0xe01, 0xe2e], [0x4e00, 0x9fa5], [0xac00, 0xd7a3], [0x3041, 0x3096],
    [0x1f600, 0x1f64f],
  ];
  const punct = [' ', ' ', ' ', ' ', ', ', '. ', '\n', '\n\n', ' - ', ': ', '(', ') ', '@', '.', "'", '¿', '¡', '# ', '\t'];
  const parts = [];
  let len = 0;
  while (len < n) {
    let w = '';
    const r = pick(20);
    if (r < 14) {
      const [a, b] = ranges[r];
      const k = 1 + pick(12);
      for (let i = 0; i < k; i++) {
        w += String.fromCodePoint(a + pick(b - a + 1));
        if (pick(16) === 0) w += String.fromCodePoint(0x300 + pick(0x70)); // a combining mark
      }
      if (pick(4) === 0) w = w[0].toUpperCase() + w.slice(1);
    } else if (r < 17) {
      const k = 1 + pick(5);
      for (let i = 0; i < k; i++) w += (i ? ' -.'[pick(3)] : '') + String(next()).slice(0, 1 + pick(4));
    } else if (r < 19) {
      w = `${String.fromCodePoint(0x61 + pick(26)).repeat(1 + pick(6))}@${String.fromCodePoint(0x61 + pick(26)).repeat(1 + pick(6))}.org`;
    } else {
      w = `(${100 + pick(900)}) ${100 + pick(900)}-${1000 + pick(9000)}`;
    }
    w += punct[pick(punct.length)];
    const b = Buffer.byteLength(w);
    if (len + b > n) break;
    parts.push(w);
    len += b;
  }
  return Buffer.from(parts.join(''));
}

/** One input, best of `runs`: {bytes, best_s, rss_mb, replaced, fail}. */
async function timeInput(input) {
  const out = { bytes: input.length, best_s: null, rss_mb: null, replaced: null, fail: '' };
  for (let i = 0; i < runs; i++) {
    const rssFile = join(tmp, 'rss.txt');
    const cmd = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, ...ours] : ours;
    const r = await run(cmd, linearArgs, input, process.env, timeoutS * 1000);
    if (r.timedOut) {
      out.fail = `killed after ${timeoutS} s`;
      return out;
    }
    if (r.code !== 0) {
      out.fail = `exit ${r.code}: ${r.stderr.trim().split('\n').pop() || ''}`.slice(0, 100);
      return out;
    }
    if (i === 0) {
      try {
        out.replaced = JSON.parse(r.stdout).replaced.length;
      } catch {
        out.fail = 'the output is not the JSON answer';
        return out;
      }
    }
    const s = r.ms / 1000;
    if (out.best_s === null || s < out.best_s) out.best_s = s;
    if (timeBin) {
      const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (Number.isFinite(kib)) out.rss_mb = Math.max(out.rss_mb ?? 0, (kib * 1024) / 1e6);
    }
  }
  return out;
}

const linear = [];
if (ours) {
  const inputs = sizes.map((mb) => ({ name: `corpus, ${mb} MB`, make: () => corpusOf(mb * 1e6) }));
  if (randomMB) inputs.push({ name: `random text, ${randomMB} MB`, make: () => randomText(randomMB * 1e6, seed) });
  note(`linear time: ${inputs.map((i) => i.name).join('; ')}; best of ${runs}`);
  const small = await timeInput(Buffer.from('Hola, me llamo Ana.\n'));
  linear.push({ name: 'one line (start-up)', ...small });
  let stop = '';
  for (const inp of inputs) {
    if (stop && inp.name.startsWith('corpus')) {
      linear.push({ name: inp.name, bytes: null, fail: `not run: ${stop}` });
      continue;
    }
    const r = await timeInput(inp.make());
    linear.push({ name: inp.name, ...r });
    if (r.fail && inp.name.startsWith('corpus')) stop = `a smaller input failed (${r.fail})`;
    note(`  ${inp.name}: ${r.fail || `${r.best_s.toFixed(3)} s`}`);
  }
}

// ---------------------------------------------------------------- report
const f3 = (x) => (x === null || x === undefined ? '-' : x.toFixed(3));
const verdict = (v, goal, op) => (v === null ? '' : (op === 'le' ? v <= goal : v >= goal) ? 'PASS' : 'MISS');
const pad = (s, n) => String(s).padStart(n);
const padr = (s, n) => String(s).padEnd(n);
const row = (label, spans, a, b, goal, v) =>
  console.log(`  ${padr(label, 22)} ${pad(spans, 6)}   ${padr(a, 22)} ${padr(b, 22)} ${padr(goal, 9)} ${v}`);
const pair = (n, x) => `${pad(n, 5)}  ${f3(x)}`;

const cpu = cpus()[0]?.model?.trim() || 'unknown CPU';
let osName = 'unknown OS';
try {
  osName = /PRETTY_NAME="?([^"\n]*)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] || osName;
} catch {
  /* keep the default */
}
const kernel = (() => {
  try {
    return readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    return '?';
  }
})();
const bytes = docs.reduce((n, d) => n + d.bytes.length, 0);
const langs = ['en', 'es', 'mixed'].map((l) => `${l} ${docs.filter((d) => d.lang === l).length}`).join(', ');
const label = { speaker: 'speaker names', other: 'other names', email: 'e-mail', phone: 'phone', address: 'address' };

console.log();
console.log(`Common Ground redaction bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${version}`);
console.log(`  machine: ${cpus().length} cores, ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free); ${osName}, kernel ${kernel}`);
console.log(`  node ${process.version}; reference: compromise ${reference.version} people() + e-mail ${reference.EMAIL} + phone ${reference.PHONE}`);
console.log(`  corpus:  tests/data/redaction/, ${docs.length} files (${langs}), ${(bytes / 1000).toFixed(1)} KB of text`);
console.log(`  ours:    ${bin} redact --text --names-file F --allow-file F [--lang en|es] --json (the file's known names and allow list)`);
if (!ours) console.log(`           not measured: ${oursWhy}`);
console.log();
row('', 'spans', 'Common Ground', 'compromise', 'goal', '');
row('', '', 'caught  recall', 'caught  recall', '', '');
for (const k of PERSONAL) {
  const o = tOurs?.kinds[k];
  const r = tRef.kinds[k];
  row(label[k], r.spans, o ? pair(o.caught, o.recall) : 'n/a', pair(r.caught, r.recall), `>= ${GOALS[k].toFixed(2)}`, o ? verdict(o.recall, GOALS[k], 'ge') : '');
}
row('', 'words', 'replaced share', 'replaced share', '', '');
row('keep words', tRef.keep.words, tOurs ? pair(tOurs.keep.replaced, tOurs.keep.share) : 'n/a', pair(tRef.keep.replaced, tRef.keep.share),
  `<= ${KEEP_GOAL.toFixed(2)}`, tOurs ? verdict(tOurs.keep.share, KEEP_GOAL, 'le') : '');
row('unlabelled words', tRef.unlabelled.words, tOurs ? pair(tOurs.unlabelled.replaced, tOurs.unlabelled.share) : 'n/a',
  pair(tRef.unlabelled.replaced, tRef.unlabelled.share), '(context)', '');
const personal = PERSONAL.reduce((n, k) => n + tRef.kinds[k].spans, 0);
console.log();
console.log(`  spans: ${personal} personal (${PERSONAL.map((k) => `${k} ${tRef.kinds[k].spans}`).join(', ')}), ${tRef.keep.spans} keep spans of ${tRef.keep.words} words`);
console.log(`  caught: every letter and digit of the span replaced, by a span of any kind; keep and unlabelled: words (letters and digits) with any of them replaced`);
console.log(`  time on the corpus: ${ours ? `ours ${oursMs.toFixed(0)} ms for ${docs.length} processes (start-up included)` : 'ours n/a'}; compromise ${refMs.toFixed(0)} ms in this process`);
if (ours) console.log(`  doubts reported by ours: ${doubts}`);
for (const b of broken.slice(0, 5)) console.log(`  warning: ${b}`);
if (broken.length > 5) console.log(`  warning: ... and ${broken.length - 5} more files whose answer broke the contract`);

if (ours) {
  console.log();
  console.log(`  linear time: ${bin} redact --text --json with ${all.known.length} names and ${all.allow.length} allow entries, no --lang; best of ${runs} (wall, process start to exit, stdin a file)`);
  // Time per MB with the start-up (the one-line run) taken off.
  const startup = linear[0].best_s ?? 0;
  const perByte = (l) => (l.best_s - startup) / l.bytes;
  const base = linear.find((l) => l.name.startsWith('corpus') && l.best_s > startup);
  const lrow = (a, b, c, d, e, f, g) => console.log(`  ${padr(a, 24)} ${pad(b, 10)} ${pad(c, 9)} ${pad(d, 8)} ${pad(e, 14)} ${pad(f, 8)} ${pad(g, 9)}`);
  lrow('input', 'bytes', 'best s', 'MB/s', 's/MB ÷ 1st', 'peak MB', 'replaced');
  for (const l of linear) {
    if (l.fail) {
      console.log(`  ${padr(l.name, 24)} ${pad(l.bytes ?? '-', 10)} ${l.fail}`);
      continue;
    }
    const mbps = l.bytes / 1e6 / l.best_s;
    const rel = base && l.bytes >= 1e5 ? (perByte(l) / perByte(base)).toFixed(2) : '';
    lrow(l.name, l.bytes, l.best_s.toFixed(3), l.bytes >= 1e5 ? mbps.toFixed(1) : '', rel, l.rss_mb === null ? '-' : l.rss_mb.toFixed(1), l.replaced);
  }
  console.log('  s/MB ÷ 1st: time per MB, less the start-up, against the first corpus size\'s; about 1.0 all the way down is linear, 2.0 at 2 MB and 8.0 at 8 MB quadratic');
}
console.log(`  (a measurement, not a test: both run on the same ${cpus().length} cores; figures on a loaded machine are lower)`);
process.exit(0);
