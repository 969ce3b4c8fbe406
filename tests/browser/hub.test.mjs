// The hub's promise, walked on a phone (360 px): a parent finds the next
// conversation and registers, reads what came out of the last one (in
// English and in Spanish), switches the site to Spanish and back, asks a
// question; staff publish and answer it; the parent reads the answer, finds
// it by searching, sees what the district is doing about what people said,
// and gets the answer by e-mail.  The question form also works without
// JavaScript.  axe-core checks every page, public and staff, and none may
// scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../lib/server.mjs';
import { startSmtp, decoded } from '../lib/smtp.mjs';
import { openPhone, assertAccessible, assertNoSideScroll, WIDTH } from '../lib/browser.mjs';

const PARENT = { name: 'Ana Torres', email: 'ana.torres@example.net' };
const QUESTION = 'Can my daughter keep her school hotspot during the summer holidays?';
const SHORT = 'Hotspot?';                        // 8 characters: too short
const ANSWER = 'Yes. **Hotspots stay with families over the summer**, and you bring them back to the ' +
  'front office in September.';
const BOLD = 'Hotspots stay with families over the summer';
const ANSWER_WORD = 'September';              // in no demo answer, only in ours

let smtp, srv, browser, context, page, staff, staffCtx;
let stopped = null;
let admin;
let questionId;

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { COMMONGROUND_SMTP_URL: smtp.url } });
  const file = join(srv.dir, 'cred.txt');
  await srv.cli('seed-demo', '--credentials', file);
  const text = readFileSync(file, 'utf8');
  admin = { email: text.match(/^email:\s*(\S+)/m)[1], password: text.match(/^password:\s*(\S+)/m)[1] };
  ({ browser, context, page } = await openPhone());
});

after(async () => {
  if (browser) await browser.close();
  if (srv && !stopped) await srv.stop();
  if (smtp) await smtp.stop();
});

async function check(p, what) {
  await assertAccessible(p, what);
  await assertNoSideScroll(p, what);
}

test('the hub shows the upcoming conversations; the parent registers for the next one', async () => {
  const res = await page.goto(`${srv.url}/d/riverside/`);
  assert.equal(res.status(), 200);
  assert.equal(await page.locator('h2#upcoming').textContent(), 'Upcoming conversations');
  await check(page, 'the hub');
  const next = page.locator('section[aria-labelledby=upcoming] .session-card').first();
  const title = (await next.locator('h3').textContent()).trim();
  await next.getByRole('link', { name: 'Register' }).click();
  await page.waitForURL(/\/d\/riverside\/sessions\/\d+#register$/);
  assert.equal((await page.locator('h1').textContent()).trim(), title);
  await check(page, 'the registration page');
  await page.fill('#name', PARENT.name);
  await page.fill('#email', PARENT.email);
  await page.selectOption('#language', 'en');
  await page.check('input[name=need_childcare]');
  await page.check('input[name=consent_record]');
  await page.check('input[name=consent_quote]');
  await page.click('form.panel button[type=submit]');
  await page.waitForURL(/\/d\/riverside\/r\/\d+-[A-Za-z0-9_-]+\?new=1$/);
  assert.match(await page.locator('.status').textContent(), /Your seat is confirmed/);
  assert.equal(await page.locator('#email').inputValue(), PARENT.email);
  await check(page, 'the registration confirmation');
});

let bilingualRecap;   // the path of the newest recap that is also in Spanish

test('back on the hub, the newest recap under "What we heard" reads well and has og:title', async () => {
  await page.click('header .brand');
  await page.waitForURL(/\/d\/riverside\/$/);
  const cards = page.locator('section[aria-labelledby=recent] article.card');
  assert.ok(await cards.count() >= 1, 'the hub lists recaps');
  const newest = cards.first();
  const title = (await newest.locator('h3 a').textContent()).trim();
  await newest.locator('h3 a').click();
  await page.waitForURL(/\/d\/riverside\/recaps\/[a-z0-9-]+$/);
  assert.equal((await page.locator('article.recap h1').textContent()).trim(), title);
  assert.ok((await page.locator('article.recap .prose').textContent()).trim().length > 50, 'the recap has a body');
  assert.equal(await page.locator('meta[property="og:title"]').getAttribute('content'), title);
  await check(page, 'the newest recap');

  // The newest recap of the demo is written in Spanish only; the one about
  // the conversation held is in both languages: open the newest recap
  // offered in Spanish too.
  const hrefs = [];
  await page.goto(`${srv.url}/d/riverside/`);
  for (const a of await cards.locator('h3 a').all()) hrefs.push(await a.getAttribute('href'));
  for (const href of hrefs) {
    await page.goto(srv.url + href);
    if (await page.locator('nav.langs-doc a[hreflang=es]').count()) {
      bilingualRecap = href;
      break;
    }
  }
  assert.ok(bilingualRecap, `one of the hub's recaps is also in Spanish (${hrefs.join(', ')})`);
  assert.match(await page.locator('meta[property="og:title"]').getAttribute('content'), /\S/);
  await check(page, 'the bilingual recap in English');
});

test('"Also in: Español" shows the recap in Spanish, marked lang="es"', async () => {
  const en = (await page.locator('article.recap h1').textContent()).trim();
  const link = page.locator('nav.langs-doc a[hreflang=es]');
  assert.equal((await link.textContent()).trim(), 'Español');
  assert.match(await page.locator('nav.langs-doc').textContent(), /Also in:\s*Español/);
  await link.click();
  await page.waitForURL(/\?lang=es$/);
  assert.equal(await page.locator('article.recap').getAttribute('lang'), 'es');
  const es = (await page.locator('article.recap h1').textContent()).trim();
  assert.notEqual(es, en, 'the title is the Spanish one');
  assert.equal(await page.locator('meta[property="og:title"]').getAttribute('content'), es);
  await check(page, 'the recap in Spanish');
});

test('the header link switches the whole site to Spanish, and back to English', async () => {
  await page.goto(srv.url + bilingualRecap);
  await page.click('header nav.langs a[hreflang=es]');
  await page.waitForURL((u) => u.pathname === bilingualRecap);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  const nav = page.locator('nav.areas');
  assert.equal((await nav.locator('a[href="/d/riverside/questions"]').textContent()).trim(), 'Preguntas');
  await check(page, 'the recap with the site in Spanish');
  await page.goto(`${srv.url}/d/riverside/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal((await page.locator('nav.areas a[href="/d/riverside/questions"]').textContent()).trim(), 'Preguntas');
  await check(page, 'the hub in Spanish');
  await page.click('header nav.langs a[hreflang=en]');
  await page.waitForURL(/\/d\/riverside\/$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal((await page.locator('nav.areas a[href="/d/riverside/questions"]').textContent()).trim(), 'Questions');
  assert.equal(await page.locator('h2#upcoming').textContent(), 'Upcoming conversations');
});

test('a too-short question is refused on the page, keeping what was typed', async () => {
  await page.click('nav.areas a[href="/d/riverside/questions"]');
  await page.waitForURL(/\/d\/riverside\/questions$/);
  await check(page, 'the questions page');
  const form = page.locator('form[aria-labelledby=ask]');
  await page.fill('#body', SHORT);
  await page.fill('#email', PARENT.email);
  // The browser's own check (minlength) stops the form first; the server's
  // answer is what a browser without that check gets, so ask it directly.
  assert.equal(await page.locator('#body').evaluate((el) => el.validity.tooShort), true, 'the browser flags it too');
  await form.evaluate((f) => { f.noValidate = true; });
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState();
  const alert = page.locator('[role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /too short/i);
  assert.equal(await page.locator('#body').inputValue(), SHORT, 'the question typed is kept');
  assert.equal(await page.locator('#email').inputValue(), PARENT.email, 'the address typed is kept');
  assert.equal(await page.locator('#body').getAttribute('aria-describedby'), 'form-error');
  await check(page, 'the questions page with an error');
});

test('the parent asks a question with their e-mail address and is thanked', async () => {
  await page.fill('#body', QUESTION);
  await page.fill('#email', PARENT.email);
  await page.click('form[aria-labelledby=ask] button[type=submit]');
  await page.waitForURL(/\/d\/riverside\/questions\?asked=1#ask$/);
  assert.match(await page.locator('[role=status]').textContent(), /Thank you! Your question has been received/);
  assert.equal(await page.locator('#body').inputValue(), '', 'the form is empty again');
  assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(QUESTION.slice(0, 30)),
    'not shown before staff publish it');
  await check(page, 'the questions page, thanked');
});

test('without JavaScript a question can be asked too', async () => {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, javaScriptEnabled: false });
  try {
    const p = await ctx.newPage();
    p.setDefaultTimeout(10000);
    await p.goto(`${srv.url}/d/riverside/questions`);
    // axe cannot run where scripts are off (its timers never fire); these
    // are the very pages checked above with JavaScript on.
    await assertNoSideScroll(p, 'the questions page without JavaScript');
    await p.fill('#body', 'Will there be a conversation for grandparents who are raising children?');
    await p.click('form[aria-labelledby=ask] button[type=submit]');
    await p.waitForURL(/\/d\/riverside\/questions\?asked=1#ask$/);
    assert.match(await p.locator('[role=status]').textContent(), /Thank you!/);
    await assertNoSideScroll(p, 'the questions page, thanked, without JavaScript');
  } finally {
    await ctx.close();
  }
});

test('staff publish the question and answer it in Markdown', async () => {
  staffCtx = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, bypassCSP: true });
  staff = await staffCtx.newPage();
  staff.setDefaultTimeout(10000);
  await staff.goto(`${srv.url}/signin`);
  await check(staff, 'the sign-in page');
  await staff.fill('#email', admin.email);
  await staff.fill('#password', admin.password);
  await staff.click('form button[type=submit]');
  await staff.waitForURL(/\/admin$/);
  await check(staff, 'the staff dashboard');

  await staff.goto(`${srv.url}/admin/share`);
  assert.match(await staff.locator('a[href="/admin/share/questions"]').locator('..').textContent(), /to moderate/);
  await check(staff, '/admin/share');

  await staff.goto(`${srv.url}/admin/share/questions`);
  await check(staff, '/admin/share/questions with questions to moderate');
  // (The other cards offer it in their "Same question as" menus: match its own heading.)
  const fresh = staff.locator('section[aria-labelledby=fresh] article.card')
    .filter({ has: staff.locator(':scope > p > strong', { hasText: QUESTION }) });
  assert.equal(await fresh.count(), 1, 'the question waits for moderation');
  assert.match(await fresh.locator('.meta').textContent(), new RegExp(PARENT.email.replace(/\./g, '\\.')));
  questionId = Number((await fresh.getAttribute('id')).replace(/^q-/, ''));
  assert.ok(questionId > 0);
  await fresh.getByRole('button', { name: 'Publish', exact: true }).click();
  await staff.waitForURL(new RegExp(`/admin/share/questions\\?told=\\d+#q-${questionId}$`));
  await check(staff, '/admin/share/questions after publishing');

  const open = staff.locator(`section[aria-labelledby=open] article#q-${questionId}`);
  assert.match(await open.textContent(), /the asker will be told by e-mail/);
  await open.locator(`#answer-${questionId}`).fill(ANSWER);
  await open.getByRole('button', { name: 'Publish the answer' }).click();
  await staff.waitForURL(new RegExp(`/admin/share/questions\\?told=1#q-${questionId}$`));
  assert.match(await staff.locator('[role=status]').textContent(), /People told of the answer by e-mail:\s*1/);
  assert.equal(await staff.locator(`section[aria-labelledby=answered] details#q-${questionId}`).count(), 1);
  await check(staff, '/admin/share/questions after answering');

  await staff.goto(`${srv.url}/admin/share`);
  await check(staff, '/admin/share after answering');
});

test('the parent reads the answer, rendered from Markdown, and finds it by searching', async () => {
  await page.goto(`${srv.url}/d/riverside/questions`);
  const card = page.locator(`section[aria-labelledby=answered] article#q-${questionId}`);
  assert.equal((await card.locator('h3').textContent()).trim(), QUESTION);
  assert.equal((await card.locator('.prose strong').textContent()).trim(), BOLD);
  assert.doesNotMatch(await card.locator('.prose').innerHTML(), /\*\*/);
  await check(page, 'the questions page with the answer');

  await card.locator('h3 a').click();
  await page.waitForURL(new RegExp(`/d/riverside/questions/${questionId}$`));
  assert.equal((await page.locator('h1').textContent()).trim(), QUESTION);
  assert.equal((await page.locator('article.qa .prose strong').textContent()).trim(), BOLD);
  assert.match(await page.locator('article.qa').textContent(), /September/);
  await check(page, 'the question with its answer');

  await page.click('a[href="/d/riverside/questions"] >> text=All questions and answers');
  await page.fill('#q', ANSWER_WORD);
  await page.click('form[role=search] button[type=submit]');
  await page.waitForURL(new RegExp(`/d/riverside/questions\\?q=${ANSWER_WORD}$`));
  assert.equal(await page.locator('h2#answered').textContent(), 'Answers that match');
  const hits = page.locator('section[aria-labelledby=answered] article.qa');
  assert.deepEqual((await hits.locator('h3').allTextContents()).map((s) => s.trim()), [QUESTION]);
  assert.equal(await page.locator('#q').inputValue(), ANSWER_WORD);
  await check(page, 'the questions page searched');
});

test('"You said, we did" groups actions by theme, with status, progress and why not', async () => {
  await page.click('nav.areas a[href="/d/riverside/actions"]');
  await page.waitForURL(/\/d\/riverside\/actions$/);
  assert.equal((await page.locator('h1').textContent()).trim(), 'You said, we did');
  const themes = page.locator('section.theme');
  assert.ok(await themes.count() >= 2, 'actions are grouped under at least two themes');
  for (const theme of await themes.all()) {
    assert.match(await theme.locator('h2').textContent(), /^You said: \S/);
    assert.ok(await theme.locator('article.action').count() >= 1, 'each theme has its actions');
  }
  const statuses = (await page.locator('article.action .status strong').allTextContents()).map((s) => s.trim());
  assert.ok(statuses.length >= 4);
  for (const s of statuses) assert.ok(['Planned', 'In progress', 'Done', 'Not doing'].includes(s), `status word: ${s}`);
  assert.ok(await page.locator('article.action progress[max="100"]').count() >= 3, 'progress bars are drawn');
  const not = page.locator('article.action', { hasText: 'We will not:' });
  assert.equal(await not.count(), 1);
  assert.match(await not.textContent(), /Not doing/);
  assert.match(await not.textContent(), /Why not:\s*\S/);
  assert.equal(await not.locator('progress').count(), 0, 'no progress bar for what will not be done');
  await check(page, 'You said, we did');
});

test('the answer reaches the parent by e-mail', async () => {
  const out = await srv.cli('outbox', 'run');
  const subject = 'Your question has been answered';
  const deadline = Date.now() + 5000;
  let mail = [];
  for (;;) {
    mail = smtp.messages.filter((m) => m.to.includes(PARENT.email)).map((m) => decoded(m))
      .filter((m) => m.headers.subject === subject);
    if (mail.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const subjects = smtp.messages.filter((m) => m.to.includes(PARENT.email)).map((m) => decoded(m).headers.subject);
  assert.equal(mail.length, 1, `one "${subject}" to ${PARENT.email} (outbox run: ${out.trim()}; got: ${JSON.stringify(subjects)})`);
  const { text, html } = mail[0];
  assert.match(text, new RegExp(QUESTION.replace(/\?/g, '\\?')));
  assert.match(text, new RegExp(BOLD));
  assert.match(text, /September/);
  assert.match(text, new RegExp(`https?://[^\\s]+/d/riverside/questions/${questionId}\\b`), 'the e-mail links to the answer');
  if (html) assert.match(html, new RegExp(`<strong>${BOLD}</strong>`));
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  await browser.close();
  browser = null;
  stopped = await srv.stop();
  assert.equal(stopped.code, 0, srv.log().slice(-2000));
});
