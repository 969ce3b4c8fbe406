// A parent on a phone (360 px) finds the next conversation on the hub,
// registers without an account, lands on the private page of the
// registration, changes it and cancels; staff look at the planning pages.
// axe-core checks every page and none may scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../lib/server.mjs';
import { openPhone, assertAccessible, assertNoSideScroll } from '../lib/browser.mjs';

let srv, browser, page;
let stopped = null;
let cred;

before(async () => {
  srv = await startServer();
  const file = join(srv.dir, 'cred.txt');
  await srv.cli('seed-demo', '--credentials', file);
  const text = readFileSync(file, 'utf8');
  cred = { email: text.match(/^email:\s*(\S+)/m)[1], password: text.match(/^password:\s*(\S+)/m)[1] };
  ({ browser, page } = await openPhone());
});

after(async () => {
  if (browser) await browser.close();
  if (srv && !stopped) await srv.stop();
});

async function check(what) {
  await assertAccessible(page, what);
  await assertNoSideScroll(page, what);
}

test('the hub lists the demo sessions, soonest first, and each opens its registration page', async () => {
  const res = await page.goto(`${srv.url}/d/riverside/`);
  assert.equal(res.status(), 200);
  const whens = await page.locator('.session-card .when').allTextContents();
  assert.equal(whens.length, 4, 'four demo sessions are open');
  await check('the hub with sessions');
  await page.locator('.session-card h3 a').first().click();
  await page.waitForURL(/\/d\/riverside\/sessions\/\d+$/);
  assert.match(await page.locator('h1').textContent(), /Devices at home/);
  assert.match(await page.locator('.facts').textContent(), /Eastside Public Library/);
  await check('the registration page');
});

test('registering by tapping through the form leads to the private page of the registration', async () => {
  await page.fill('#name', 'Marisol Vega');
  await page.fill('#email', 'marisol.vega@example.net');
  await page.selectOption('#language', 'es');
  await page.selectOption('#need_interpretation', 'es');
  await page.check('input[name=need_childcare]');
  await page.check('input[name=consent_record]');
  await page.click('form.panel button[type=submit]');
  await page.waitForURL(/\/d\/riverside\/r\/\d+-[A-Za-z0-9_-]+\?new=1$/);
  assert.match(await page.locator('.status').textContent(), /Your seat is confirmed/);
  assert.equal(await page.locator('#email').inputValue(), 'marisol.vega@example.net');
  assert.equal(await page.locator('input[name=need_childcare]').isChecked(), true);
  await check('the private registration page');
});

test('a mistake in the form is shown on the page, accessible, and nothing is lost', async () => {
  await page.goto(`${srv.url}/d/riverside/sessions/1`);
  await page.fill('#name', 'Sin Correo');
  await page.fill('#email', 'marisol@localhost');
  await page.click('form.panel button[type=submit]');
  assert.match(await page.locator('.alert').textContent(), /e-mail address/i);
  assert.equal(await page.locator('#name').inputValue(), 'Sin Correo', 'what was typed is kept');
  await check('the registration page with an error');
});

test('the session page in Spanish', async () => {
  await page.goto(`${srv.url}/d/riverside/sessions/2`);
  await page.click('a[hreflang=es]');
  await page.waitForURL(/\/d\/riverside\/sessions\/2$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.match(await page.locator('#register').textContent(), /Inscr/i);
  assert.match(await page.locator('.facts').textContent(), /sábado|domingo|lunes|martes|miércoles|jueves|viernes/);
  await check('the Spanish registration page');
  await page.click('a[hreflang=en]');
});

test('staff pages of planning are accessible and fit a phone', async () => {
  await page.goto(`${srv.url}/signin`);
  await page.fill('#email', cred.email);
  await page.fill('#password', cred.password);
  await page.click('form button[type=submit]');
  await page.waitForURL(/\/admin$/);
  for (const path of ['/admin/plan', '/admin/plan/initiatives/1', '/admin/plan/conversations/1', '/admin/plan/sessions/1',
    '/admin/plan/sessions/1/guide', '/admin/plan/sessions/5/transcript', '/admin/plan/groups', '/admin/plan/protocols', '/admin/plan/baseline',
    '/admin/invite', '/admin/invite/contacts']) {
    const res = await page.goto(srv.url + path);
    assert.equal(res.status(), 200, `${path} answers 200`);
    await check(path);
  }
  await page.goto(`${srv.url}/admin/plan/sessions/1`);
  assert.match(await page.locator('#regs').textContent(), /Registrations/);
  assert.ok(await page.getByText('marisol.vega@example.net').count() >= 1, 'the new registrant is listed for staff');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  await browser.close();
  browser = null;
  stopped = await srv.stop();
  assert.equal(stopped.code, 0);
});
