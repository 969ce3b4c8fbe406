// Debian's Chromium through playwright-core, with axe-core, for the
// browser tests: a phone-sized page and the two checks every page passes.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const WIDTH = 360;

/** A browser and a 360 × 740 page; close with browser.close(). */
export async function openPhone() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  // The pages' CSP (script-src 'self') would refuse the injected axe script.
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  return { browser, context, page };
}

/** Runs axe on the page; fails listing serious and critical violations. */
export async function assertAccessible(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run());
  assert.ok(result.passes.length > 10, `axe ran its rules on ${what} (${result.passes.length} passed)`);
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')).join('\n');
  assert.equal(bad.length, 0, `${what} (${page.url()}) has ${bad.length} serious/critical axe violations:\n${report}`);
}

/** Fails when the page is wider than the phone, naming the widest elements. */
export async function assertNoSideScroll(page, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > WIDTH) {
    const wide = await page.evaluate((max) => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > max + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} right=${Math.round(el.getBoundingClientRect().right)}`), WIDTH);
    assert.fail(`${what} scrolls sideways at ${WIDTH}px: scrollWidth ${w}; too wide: ${wide.join(', ')}`);
  }
}
