// Validation of Atom feeds (RFC 4287) against the RFC's RELAX NG schema,
// tests/data/atom/atom.rng, with xmllint.
//
//   import { validateAtom } from '../lib/atom.mjs';
//   const { ok, errors } = validateAtom(text);
//   assert.ok(ok, errors);
//
// RELAX NG checks structure and datatypes only: the RFC's Schematron rules
// (a feed's author, one alternate link per type and hreflang, ...) are not
// checked here and need assertions of their own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ATOM_RNG = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'atom', 'atom.rng');

/** xmllint's exit status when a document fails to validate (XMLLINT_ERR_VALID). */
const INVALID = 3;

/**
 * Validates the text of an Atom document; returns {ok, errors}, errors being
 * xmllint's messages ('' when ok). A document that is not well-formed XML is
 * not ok either. Throws when xmllint cannot run or cannot read the schema,
 * so a broken set-up is never taken for an invalid (or valid) feed.
 */
export function validateAtom(xmlText) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-atom-'));
  const file = join(dir, 'feed.atom');
  try {
    writeFileSync(file, xmlText);
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--relaxng', ATOM_RNG, file], { stdio: 'pipe' });
      return { ok: true, errors: '' };
    } catch (e) {
      const errors = String(e.stderr ?? '').trim();
      // 1: not well-formed; 3: does not validate. Anything else (no
      // xmllint, schema not found or not compilable, ...) is a set-up fault.
      if (e.status === 1 || e.status === INVALID) return { ok: false, errors };
      throw new Error(`xmllint could not validate (status ${e.status ?? e.code}): ${errors || e.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
