// A person on a phone (360 px wide) signs in, looks at the dashboard, the
// public hub in English and Spanish, users and plan; axe-core checks each
// page and none may scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../lib/server.mjs';
import { openPhone, assertAccessible as axeCheck, assertNoSideScroll as widthCheck } from '../lib/browser.mjs';

let srv, browser, context, page;
let stopped = null;
let cred;

before(async () => {
  srv = await startServer();
  const file = join(srv.dir, 'cred.txt');
  await srv.cli('seed-demo', '--credentials', file);
  const text = readFileSync(file, 'utf8');
  cred = {
    email: text.match(/^email:\s*(\S+)/m)?.[1],
    password: text.match(/^password:\s*(\S+)/m)?.[1],
  };
  if (!cred.email || !cred.password) throw new Error(`no credentials in ${file}: ${text}`);
  ({ browser, context, page } = await openPhone());
});

after(async () => {
  if (browser) await browser.close();
  if (srv && !stopped) await srv.stop();
});

const assertAccessible = (what) => axeCheck(page, what);
const assertNoSideScroll = (what) => widthCheck(page, what);

async function visit(path) {
  const res = await page.goto(srv.url + path);
  assert.equal(res.status(), 200, `${path} answers 200`);
}

test('the sign-in page has no serious accessibility problems and fits 360 px', async () => {
  await visit('/signin');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await assertAccessible('the sign-in page');
  await assertNoSideScroll('the sign-in page');
});

test('signing in by typing and clicking opens the dashboard, which is accessible and fits 360 px', async () => {
  await visit('/signin');
  await page.getByLabel('E-mail address').fill(cred.email);
  await page.getByLabel('Password').fill(cred.password);
  await Promise.all([
    page.waitForURL((u) => new URL(u).pathname === '/admin'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.waitForLoadState('load');
  const html = await page.content();
  assert.ok(html.includes('Riverside Unified School District'), 'the dashboard names the district');
  assert.ok(html.includes('One-to-one device rollout'), 'the demo initiative is listed');
  await page.screenshot({ path: '/tmp/cg-dashboard.png', fullPage: true });
  await assertAccessible('the dashboard');
  await assertNoSideScroll('the dashboard');
});

test('the public hub is accessible and fits 360 px', async () => {
  await visit('/d/riverside/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('heading', { name: 'Riverside Unified School District', level: 1 }).waitFor();
  await assertAccessible('the public hub');
  await assertNoSideScroll('the public hub');
});

test('clicking "Español" shows the hub in Spanish, accessible and 360 px wide', async () => {
  await visit('/d/riverside/');
  await Promise.all([
    page.waitForFunction(() => document.documentElement.lang === 'es'),
    page.getByRole('link', { name: 'Español', exact: true }).click(),
  ]);
  assert.equal(new URL(page.url()).pathname, '/d/riverside/', 'back on the hub');
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  const text = await page.locator('main').innerText();
  assert.match(text, /Próximas conversaciones|En qué estamos trabajando/, `Spanish text on the hub:\n${text.slice(0, 500)}`);
  assert.ok(await page.getByRole('link', { name: 'English' }).isVisible(), 'a way back to English');
  await assertAccessible('the Spanish hub');
  await assertNoSideScroll('the Spanish hub');
});

test('/admin/users is accessible and fits 360 px', async () => {
  await visit('/admin/users');
  assert.ok((await page.content()).includes(cred.email), 'the list holds the admin');
  await assertAccessible('/admin/users');
  await assertNoSideScroll('/admin/users');
});

test('/admin/plan is accessible and fits 360 px', async () => {
  await visit('/admin/plan');
  assert.ok((await page.content()).includes('One-to-one device rollout'), 'the plan lists the initiative');
  await assertAccessible('/admin/plan');
  await assertNoSideScroll('/admin/plan');
});

test('the server stops cleanly (no sanitizer reports)', async () => {
  await browser.close();
  browser = null;
  const st = await srv.stop();
  stopped = st;
  assert.equal(st.code, 0, `exit ${JSON.stringify(st)}:\n${srv.log().slice(-4000)}`);
});
