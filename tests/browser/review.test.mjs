// The check for names, clicked through on a phone (360 px): staff open a
// proposed quote whose words redaction was unsure of, read the marked
// words, try to approve it and are told how many wait, replace one, keep the
// other, approve it; then check the public summary for names and approve
// it.  axe-core checks each page, none may scroll sideways, and the forms
// are sent without JavaScript.  The server is build/asan/commonground-doubts
// (tests/fake/doubts.c: "hope" and "grace" are doubtful wherever they stand).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer, seedDemo, signIn, csrfFrom } from '../lib/server.mjs';
import { api, get, postForm } from '../lib/http.mjs';
import { openPhone, assertAccessible, assertNoSideScroll, WIDTH } from '../lib/browser.mjs';

const FAKE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'asan', 'commonground-doubts');
const SAID = 'We sat with hope at lunch; grace drove us home, thanks to tonio okafor, whose surname is a very long one indeed.';

let srv, browser, context, page, admin, token, quoteId;

before(async () => {
  srv = await startServer({ bin: FAKE });
  const demo = await seedDemo(srv);
  admin = demo;
  token = demo.token;
  // A word-for-word note of Camila (P2 of the students' session), proposed as a quote.
  const jar = await signIn(srv, demo.email, demo.password);
  const csrf = csrfFrom((await get(srv, '/admin/understand/codebook?initiative=1', jar)).text);
  let students;
  const convs = await api(srv, token, 'GET', '/api/v1/conversations?initiative_id=1');
  for (const cv of convs.json.conversations)
    for (const s of (await api(srv, token, 'GET', `/api/v1/sessions?conversation_id=${cv.id}`)).json.sessions)
      if ((await api(srv, token, 'GET', `/api/v1/sessions/${s.id}/notes`)).json.notes.some((n) => n.text.startsWith('My phone screen')))
        students = s.id;
  const note = await api(srv, token, 'POST', `/api/v1/sessions/${students}/notes`,
    { client_id: 'browser-review-1', question: 1, speaker: 'P2', kind: 'quote', text: SAID });
  assert.equal(note.status, 201, note.text);
  const codes = await api(srv, token, 'GET', '/api/v1/codes?initiative_id=1');
  const res = await postForm(srv, '/admin/understand/codings', jar, { _csrf: csrf, initiative: '1',
    code_id: String(codes.json.codes[0].id), kind: 'note', excerpt_id: String(note.json.id), quote: '', do: 'quote' });
  assert.equal(res.status, 303);
  quoteId = (await api(srv, token, 'GET', '/api/v1/quotes?initiative_id=1')).json.quotes.find((q) => q.excerpt_id === note.json.id).id;
  // The public summary, saved with two doubtful words.
  const s = await postForm(srv, '/admin/understand/summary', jar, { _csrf: csrf, initiative: '1', audience: 'public',
    action: 'save', markdown: '# What we heard\n\nhope and grace ran the sessions.\n' });
  assert.equal(s.status, 303);
  ({ browser, context, page } = await openPhone());
  await context.route('**/*.js', (route) => route.abort());   // no JavaScript
  await page.goto(`${srv.url}/signin`);
  await page.fill('#email', admin.email);
  await page.fill('#password', admin.password);
  await page.click('form button[type=submit]');
  await page.waitForURL(/\/admin$/);
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

async function check(what) {
  await assertAccessible(page, what);
  await assertNoSideScroll(page, what);
}

const cardOf = () => page.locator('li.card', { has: page.locator(`#q-${quoteId}`) });

test('a quote with doubtful words: marked, explained, and its approval refused with the count', async () => {
  await page.goto(`${srv.url}/admin/understand/quotes?initiative=1`);
  await check('the quotes page with words to review');
  const card = cardOf();
  assert.deepEqual(await card.locator('blockquote mark.doubt').allTextContents(),
    ['hope (possibly a name)', 'grace (possibly a name)']);
  assert.match(await page.locator('.promise').textContent(), /cannot promise to find every name/);
  await card.getByRole('button', { name: 'Approve' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('p.alert').textContent(),
    'Words waiting for review: 2. Replace or keep each one before you approve the quote.');
  await check('the quotes page after a refused approval');
});

test('replace one word, keep the other, then approve', async () => {
  const card = cardOf();
  await card.locator('fieldset', { hasText: '“hope”' }).getByLabel('Replace with [NAME]').check();
  await card.locator('fieldset', { hasText: '“grace”' }).getByLabel('Keep: not a name').check();
  await card.getByLabel('Replace these words too').fill('tonio okafor');
  await card.getByRole('button', { name: 'Save the review' }).click();
  await page.waitForURL(/done=reviewed/);
  assert.match(await page.locator('p.notice').first().textContent(), /The review is saved/);
  const after = cardOf();
  assert.equal(await after.locator('blockquote').textContent(),
    'We sat with [NAME] at lunch; grace (kept: not a name) drove us home, thanks to [NAME], whose surname is a very long one indeed.');
  await check('the quotes page after the review');
  await after.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(/done=1/);
  assert.match(await cardOf().locator('p.meta').textContent(), /approved/);
});

test('the public summary: checked for names, reviewed and approved for sharing', async () => {
  await page.goto(`${srv.url}/admin/understand/summary?initiative=1&audience=public`);
  await check('the public summary with words to review');
  assert.deepEqual(await page.locator('.marked-text mark.doubt').allTextContents(),
    ['hope (possibly a name)', 'grace (possibly a name)']);
  await page.getByRole('button', { name: 'Approve for sharing' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('p.alert').textContent(), /^Words waiting for review: 2\./);
  const form = page.locator('form[action="/admin/understand/summary/review"]');
  await form.locator('fieldset', { hasText: '“hope”' }).getByLabel('Keep: not a name').check();
  await form.locator('fieldset', { hasText: '“grace”' }).getByLabel('Replace with [NAME]').check();
  await form.getByRole('button', { name: 'Save the review' }).click();
  await page.waitForURL(/done=reviewed/);
  await page.getByRole('button', { name: 'Approve for sharing' }).click();
  await page.waitForURL(/done=approved/);
  assert.match(await page.locator('section.review').textContent(), /Approved for sharing on /);
  assert.match(await page.locator('#s-md').inputValue(), /hope and \[NAME\] ran the sessions\./);
  await check('the approved public summary');
  assert.equal(WIDTH, 360);
});
