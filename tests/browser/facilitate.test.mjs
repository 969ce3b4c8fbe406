// A facilitator runs a session from a phone (360 px): staff hand the
// conversation over, the facilitator signs in, checks a registrant and a
// walk-in in, confirms consent, takes notes — one of them while the
// connection is down, sent when it returns — and shows the survey, which a
// participant answers on their phone.  axe-core checks every page and none
// may scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../lib/server.mjs';
import { openPhone, assertAccessible, assertNoSideScroll } from '../lib/browser.mjs';

const FAC = { email: 'lee.facilitator@riverside.example.org', password: 'a long facilitator password' };
let srv, browser, context, page;
let admin;

before(async () => {
  srv = await startServer();
  const file = join(srv.dir, 'cred.txt');
  await srv.cli('seed-demo', '--credentials', file);
  const text = readFileSync(file, 'utf8');
  admin = { email: text.match(/^email:\s*(\S+)/m)[1], password: text.match(/^password:\s*(\S+)/m)[1] };
  await srv.addUser('riverside', FAC.email, 'facilitator', FAC.password);
  ({ browser, context, page } = await openPhone());
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

async function check(what) {
  await assertAccessible(page, what);
  await assertNoSideScroll(page, what);
}

async function signIn(who) {
  await page.goto(`${srv.url}/signin`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.click('form button[type=submit]');
  await page.waitForURL(/\/admin$/);
}

async function signOut() {
  await page.click('form.signout button');
  await page.waitForURL(/\/signin|\/$/);
}

let runUrl;

test('staff hand the families conversation to the facilitator', async () => {
  await signIn(admin);
  await page.goto(`${srv.url}/admin/plan/conversations/1`);
  const box = page.locator('#team ~ form input[name=user_id]').filter({ has: page.locator('xpath=.') });
  const label = page.locator('label', { hasText: FAC.email });
  await label.locator('input').check();
  await page.locator('form[action$="/team"] button[type=submit]').click();
  await page.waitForURL(/saved=team/);
  assert.equal(await page.locator('label', { hasText: FAC.email }).locator('input').isChecked(), true);
  assert.ok(await box.count() >= 2, 'the demo facilitator and partner are offered too');
  await check('the conversation page with its team');
  await signOut();
});

test('the facilitator sees only Capture and the sessions handed over', async () => {
  await signIn(FAC);
  const nav = await page.locator('nav.areas a').allTextContents();
  assert.deepEqual(nav.map((s) => s.trim()), ['Dashboard', 'Capture']);
  await page.goto(`${srv.url}/admin/capture`);
  const titles = await page.locator('.card h2').allTextContents();
  assert.ok(titles.length >= 2, 'the conversation has several sessions');
  assert.ok(titles.every((t) => /Devices at home/.test(t)), `only the families conversation: ${titles}`);
  await check('the list of sessions to run');
  // The students' conversation was not handed over: not found.
  const res = await page.goto(`${srv.url}/admin/capture/sessions/3`);
  assert.equal(res.status(), 404);
  const plan = await page.goto(`${srv.url}/admin/plan`);
  assert.equal(plan.status(), 403);
});

test('check-in of a registrant and a walk-in gives P1 and P2; consent is confirmed per person', async () => {
  await page.goto(`${srv.url}/admin/capture/sessions/1`);
  runUrl = page.url();
  await check('the facilitator view before check-in');
  const first = (await page.locator('.row-form span').first().textContent()).trim();
  await page.locator('.row-form button').first().click();
  await page.waitForURL(/done=checkin/);
  assert.match(await page.locator('.person-head').first().textContent(), new RegExp(`P1\\s+${first}`));
  await page.fill('#w-name', 'Walter Ng');
  await page.locator('form[aria-labelledby=walkin] input[name=consent_record]').check();
  await page.locator('form[aria-labelledby=walkin] button').click();
  await page.waitForURL(/done=checkin/);
  const p2 = page.locator('.person', { hasText: 'Walter Ng' });
  assert.match(await p2.locator('.person-head').textContent(), /P2\s+Walter Ng\s+\(walk-in\)/);
  assert.match(await p2.textContent(), /consent confirmed/);
  const p1 = page.locator('.person').first();
  assert.match(await p1.textContent(), /consent to confirm/);
  await p1.locator('input[name=consent_quote]').check();
  await p1.locator('input[name=stipend]').check();
  await p1.locator('button').click();
  await page.waitForURL(/done=consent/);
  assert.match(await page.locator('.person').first().textContent(), /consent confirmed/);
  assert.equal(await page.locator('.person').first().locator('input[name=stipend]').isChecked(), true);
  await check('the facilitator view after check-in');
});

test('a note tied to a question and a code is stored with names replaced', async () => {
  await page.selectOption('#n-question', '1');
  await page.selectOption('#n-speaker', 'P1');
  await page.fill('#n-text', 'Walter said internet comes first, before any laptop.');
  await page.click('#note-form button[type=submit]');
  const item = page.locator('#note-list li').first();
  await assert.doesNotReject(item.locator('.pending').waitFor({ state: 'detached' }));
  await page.reload();
  const text = await page.locator('#note-list li').first().textContent();
  assert.match(text, /P1\s+Q1\s+\[NAME\] said internet comes first/);
  assert.doesNotMatch(text, /Walter/);
  await check('the facilitator view with a note');
});

test('a note typed while offline is kept on the phone and sent when the connection returns', async () => {
  await context.setOffline(true);
  await page.selectOption('#n-question', '1');
  await page.selectOption('#n-speaker', 'P2');
  await page.check('input[name=kind][value=quote]');
  await page.fill('#n-text', 'We need a help desk open in the evening.');
  await page.click('#note-form button[type=submit]');
  const pending = page.locator('#note-list li', { hasText: 'help desk' });
  await pending.locator('.pending').waitFor();
  await page.locator('#queue-status:not([hidden])').waitFor();
  assert.match(await page.locator('#queue-status').textContent(), /1 note\(s\) kept on this device/);
  assert.equal(await page.locator('#n-text').inputValue(), '', 'the form is ready for the next note');
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await pending.locator('.pending').waitFor({ state: 'detached' });
  await page.locator('#queue-status[hidden]').waitFor({ state: 'attached' });
  await page.reload();
  const items = await page.locator('#note-list li', { hasText: 'help desk' }).allTextContents();
  assert.equal(items.length, 1, 'stored once');
  assert.match(items[0], /^P2\s+Q1/);
  assert.equal(await page.locator('#note-list li.quote', { hasText: 'help desk' }).count(), 1);
});

test('without JavaScript the note form still works, and a refused note keeps its text', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  await ctx.addCookies((await context.cookies()).map((c) => ({ ...c })));
  const p = await ctx.newPage();
  await p.goto(runUrl);
  await p.selectOption('#n-speaker', '');
  await p.check('input[name=kind][value=quote]');
  await p.fill('#n-text', 'A quote with nobody to say it.');
  await p.click('#note-form button[type=submit]');
  assert.match(await p.locator('[role=alert]').textContent(), /A quote needs the code/);
  assert.equal(await p.locator('#n-text').inputValue(), 'A quote with nobody to say it.');
  await p.check('input[name=kind][value=note]');
  await p.selectOption('#n-question', '2');
  await p.click('#note-form button[type=submit]');
  await p.waitForURL(/done=note/);
  assert.equal(await p.locator('#n-question').inputValue(), '2', 'the next note goes under the same question');
  assert.equal(await p.locator('#note-list li', { hasText: 'nobody to say it' }).count(), 1);
  await ctx.close();
});

test('the survey shown by QR code is answered on a phone, anonymously', async () => {
  const link = await page.locator('#survey ~ p a, section[aria-labelledby=survey] a').first().getAttribute('href');
  assert.match(link, /\/d\/riverside\/sessions\/1\/survey$/);
  assert.equal(await page.locator('figure.qr svg path').count(), 1, 'the QR code is drawn');
  await signOut();
  await page.goto(link.replace(/^https?:\/\/[^/]+/, srv.url));
  await check('the survey');
  await page.check('input[name=rating][value="5"]');
  await page.locator('label', { hasText: 'Spanish' }).locator('input').check();
  await page.fill('#comment', 'Gracias por escucharnos.');
  await page.click('form.panel button[type=submit]');
  await page.waitForURL(/thanks=1/);
  assert.match(await page.locator('[role=status]').textContent(), /Thank you/);
  await check('the survey, answered');
  await page.goto(`${srv.url}/d/riverside/taking-part`);
  await check('who has taken part (public)');
  assert.doesNotMatch(await page.locator('main').textContent(), /\b[1-4]\b people/);
});

test('staff see who took part against the baseline, with the under-represented group flagged', async () => {
  await signIn(admin);
  await page.goto(`${srv.url}/admin/plan/initiatives/1/representation`);
  const flagged = await page.locator('tr.under td:first-child').allTextContents();
  assert.ok(flagged.some((t) => /Black or African American/.test(t)), `flagged: ${flagged}`);
  await check('the representation page');
  await page.goto(`${srv.url}/admin/understand`);
  assert.ok(await page.locator('article.card h3').count() >= 2, 'themes are suggested from the demo notes and transcript');
  assert.equal(await page.locator('figure.chart svg[role=img]').count(), 2, 'the theme sizes and the theme × group heat map are drawn');
  await check('the suggested themes');
  // The codebook: the demo's accepted themes, with coded spans marked and
  // the two coders' agreement; a span is coded by selecting it.
  await page.goto(`${srv.url}/admin/understand/codebook?initiative=1`);
  assert.ok(await page.locator('mark').count() >= 5, 'coded spans are marked');
  assert.match(await page.locator('.codes').textContent(), /κ 0\.\d\d/);
  await check('the codebook');
  const first = page.locator('.excerpts > li').filter({ has: page.locator('.code-form') }).first();
  const words = await first.locator('.excerpt').evaluate((p) => {
    const r = document.createRange();
    const t = p.firstChild.nodeType === 3 ? p.firstChild : p.firstChild.firstChild;
    r.setStart(t, 0);
    r.setEnd(t, Math.min(12, t.length));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    document.dispatchEvent(new Event('selectionchange'));
    return r.toString();
  });
  await page.waitForFunction((w) => [...document.querySelectorAll('.quote-field')].some((f) => f.value === w.trim()), words);
  await page.goto(`${srv.url}/admin/understand/codebook?initiative=1&code=1`);
  assert.ok(await page.locator('input[form=split-form]').count() >= 1, 'excerpts can be ticked to split the code');
  await check('the codebook filtered by a code');
  await page.goto(`${srv.url}/admin/understand/quotes?initiative=1`);
  assert.ok(await page.locator('.quotes-list blockquote').count() >= 2, 'the demo quotes are listed');
  await check('the quotes');
  await page.goto(`${srv.url}/admin/understand/summary?initiative=1&audience=public`);
  assert.match(await page.locator('article.summary h2').first().textContent(), /Why we asked/);
  await check('the public summary');
  // Printed, only the summary remains.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await page.locator('#s-md').isVisible(), false);
  assert.equal(await page.locator('article.summary').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${srv.url}/admin/plan/sessions/5/transcript`);
  const said = await page.locator('.segments').textContent();
  assert.match(said, /\[PHONE\]/);
  assert.doesNotMatch(said, /512-555-0140|Rosa|Martinez|James Carter/);
  await check('the transcript page');
});
