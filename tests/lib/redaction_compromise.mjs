// The reference redactor the redaction bench compares Common Ground with
// (issue 12): the npm package `compromise` for people's names
// (`nlp(text).people()`), plus two simple patterns, one for e-mail
// addresses and one for phone numbers.  It answers in the shape of
// `commonground redact --json` (replaced spans in UTF-8 byte offsets of the
// input), so that both are scored by the same code
// (tests/lib/redaction_score.mjs).
//
// compromise reports offsets in UTF-16 code units of the JavaScript string;
// they are converted to bytes here.  It knows nothing of the names and
// allow lists of a conversation: those are not given to it.
import nlp from 'compromise';
import { byteOffsets } from './redaction_score.mjs';

/** Something@something.tld, as the issue names it. */
export const EMAIL = /\S+@\S+\.\w+/gu;
/** Seven digits or more, with single separators (space, dot, hyphen,
 *  brackets) between them and an optional leading "+". */
export const PHONE = /\+?\(?\d(?:[ .\-()]{0,2}\d){6,}/gu;

/** Version of the compromise package in use. */
export const version = nlp.version;

/** Names found by compromise: [{start, end}] in UTF-16 indices of text. */
export function people(text) {
  return nlp(text)
    .people()
    .json({ offset: true })
    .map((p) => ({ start: p.offset.start, end: p.offset.start + p.offset.length }));
}

function matches(re, text) {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Redacts text the reference way.  Returns {text, replaced, doubts} as
 * `commonground redact --json` would: replaced spans in bytes of the UTF-8
 * input, sorted, overlapping ones joined (an e-mail wins the kind of a
 * joined span, then a phone); text with [NAME], [EMAIL], [PHONE] in their
 * place; no doubts.
 */
export function compromiseRedact(text) {
  const spans = [
    ...matches(EMAIL, text).map((s) => ({ ...s, kind: 'email', rank: 0 })),
    ...matches(PHONE, text).map((s) => ({ ...s, kind: 'phone', rank: 1 })),
    ...people(text).map((s) => ({ ...s, kind: 'name', rank: 2 })),
  ].filter((s) => s.end > s.start);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const joined = [];
  for (const s of spans) {
    const last = joined[joined.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (s.rank < last.rank) Object.assign(last, { kind: s.kind, rank: s.rank });
    } else joined.push({ ...s });
  }
  const map = byteOffsets(text);
  let out = '';
  let at = 0;
  for (const s of joined) {
    out += text.slice(at, s.start) + `[${s.kind.toUpperCase()}]`;
    at = s.end;
  }
  out += text.slice(at);
  return {
    text: out,
    replaced: joined.map((s) => ({ start: map[s.start], end: map[s.end], kind: s.kind })),
    doubts: [],
  };
}
