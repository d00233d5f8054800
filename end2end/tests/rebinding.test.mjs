// DNS rebinding in a real browser: Chromium is told that a foreign name resolves to the proxy's
// loopback address, as an attacker's DNS would answer, and opens the proxy under that name.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, startProxy, stop } from '../support.mjs';

const REBOUND = 'rebind.test';
let proxy;
let named;
let browser;

before(async () => {
  proxy = await startProxy();
  named = await startProxy(['--allow-host', REBOUND]);
  browser = await launchBrowser([`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`]);
});

after(async () => {
  await browser?.close();
  stop(proxy);
  stop(named);
});

const port = (url) => new URL(url).port;

test('a page opened under a rebound name gets nothing from the proxy, app or API', async () => {
  const page = await browser.newPage();
  const app = await page.goto(`http://${REBOUND}:${port(proxy.url)}/`);
  assert.equal(app.status(), 421);
  assert.match(await page.textContent('body'), /--allow-host rebind\.test/);
  const api = await page.goto(`http://${REBOUND}:${port(proxy.url)}/api`);
  assert.equal(api.status(), 421);
  await page.close();
});

test('the same proxy opened by its address, or under a name its operator allowed, serves the app', async () => {
  const page = await browser.newPage();
  const direct = await page.goto(proxy.url);
  assert.equal(direct.status(), 200);
  const allowed = await page.goto(`http://${REBOUND}:${port(named.url)}/`);
  assert.equal(allowed.status(), 200);
  await page.waitForSelector('.site-header');
  await page.close();
});
