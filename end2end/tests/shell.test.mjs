// End-to-end: the release app, served by the real server binary, in headless Chromium.
// `cargo xtask test` builds both and passes their paths in the environment.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { env, launchBrowser, openPage as open, startProxy } from '../support.mjs';

let server;
let serverExit;
let baseUrl;
let browser;
let screenshots;

const openPage = (options) => open(browser, options);

before(async () => {
  screenshots = env('MAILSHIFT_SCREENSHOTS');
  await mkdir(screenshots, { recursive: true });
  const proxy = await startProxy();
  server = proxy.child;
  serverExit = proxy.exit;
  baseUrl = proxy.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
  }
});

test('the page goes out with its security headers, and its policy stops an injected script', async () => {
  const { page, context, problems } = await openPage();
  const response = await page.goto(baseUrl);
  const headers = await response.allHeaders();
  const policy = headers['content-security-policy'];
  for (const directive of ["default-src 'none'", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) {
    assert.ok(policy.includes(directive), `${directive} in ${policy}`);
  }
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.match(headers['permissions-policy'], /camera=\(\)/);
  await page.getByRole('heading', { level: 1, name: 'Mailshift' }).waitFor();
  assert.deepEqual(problems, [], 'the app runs under its policy');

  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.append(script);
    return window.injected === true;
  });
  assert.equal(ran, false, 'an injected inline script does not run');
  await page.waitForTimeout(100);
  assert.ok(problems.some((p) => p.includes('CSP violation: script-src')), problems.join('\n'));
  await context.close();
});

test('the first page says what Mailshift does, lists the steps and offers the endpoints', async () => {
  const { page, context, problems } = await openPage({ viewport: { width: 1280, height: 900 } });
  const wasm = page.waitForResponse((response) => response.url().endsWith('.wasm'));
  await page.goto(baseUrl);

  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Mailshift' }).waitFor());
  assert.equal(await page.title(), 'Mailshift');
  assert.match(await page.locator('.lead').innerText(), /OVHcloud email\s+platform/);

  const steps = await page.locator('.step-list li strong').allInnerTexts();
  assert.deepEqual(steps, ['Connect', 'Choose', 'Review', 'Prepare', 'Move', 'Recreate', 'Check']);

  const endpoints = page.getByRole('radio');
  assert.equal(await endpoints.count(), 4);
  for (const name of ['OVH Europe', 'OVH Canada', 'OVH US', 'Sandbox']) {
    assert.equal(await page.getByRole('radio', { name }).count(), 1, `${name} is offered`);
  }
  assert.ok(await page.getByRole('radio', { name: 'OVH Europe' }).isChecked());
  assert.match(await page.locator('.endpoint-address').innerText(), /https:\/\/eu\.api\.ovh\.com\/1\.0/);

  const wasmResponse = await wasm;
  assert.equal(wasmResponse.status(), 200);
  const headers = await wasmResponse.allHeaders();
  assert.equal(headers['content-type'], 'application/wasm');
  assert.match(headers['cache-control'], /immutable/);
  const encoding = headers['content-encoding'] ?? '';
  assert.match(encoding, /^(br|gzip)$/);
  // The copy `cargo xtask` compressed at build time is sent as it is, not compressed again.
  const copy = path.join(
    env('MAILSHIFT_APP_DIR'),
    `${path.basename(new URL(wasmResponse.url()).pathname)}.${encoding === 'br' ? 'br' : 'gz'}`,
  );
  const { responseBodySize } = await wasmResponse.request().sizes();
  assert.equal(responseBodySize, (await stat(copy)).size);

  await page.screenshot({ path: path.join(screenshots, 'shell-desktop.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing an endpoint tells what it means', async () => {
  const { page, context, problems } = await openPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(baseUrl);

  await page.getByText('OVH Canada', { exact: true }).click();
  assert.ok(await page.getByRole('radio', { name: 'OVH Canada' }).isChecked());
  await page.getByText('https://ca.api.ovh.com/1.0').waitFor();

  await page.getByText('OVH US', { exact: true }).click();
  const warning = page.getByRole('alert');
  await warning.waitFor();
  assert.match(await warning.innerText(), /US region/);
  await page.screenshot({ path: path.join(screenshots, 'shell-us-warning.png'), fullPage: true });

  // This server was started without a sandbox: the page says so instead of failing later.
  await page.getByText('Sandbox', { exact: true }).click();
  await page.getByText('started without a sandbox').waitFor();
  assert.match(await page.locator('.endpoint-address').innerText(), /Sandbox/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page is readable on a phone', async () => {
  const { page, context, problems } = await openPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Mailshift' }).waitFor();

  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    bodyFont: parseFloat(getComputedStyle(document.querySelector('.lead')).fontSize),
  }));
  assert.ok(layout.scrollWidth <= layout.viewport, `no sideways scrolling (${layout.scrollWidth} > ${layout.viewport})`);
  assert.ok(layout.bodyFont >= 16, `text is at least 16 px (${layout.bodyFont})`);

  const option = await page.locator('.endpoint-option').first().boundingBox();
  assert.ok(option.height >= 44, `endpoint options are big enough to tap (${option.height} px)`);

  await page.screenshot({ path: path.join(screenshots, 'shell-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an in-app address reloads into the app, and a missing file is a 404', async () => {
  const { page, context } = await openPage();
  const route = await page.goto(new URL('inventory', baseUrl).href);
  assert.equal(route.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Mailshift' }).waitFor();

  const missing = await page.request.get(new URL('mailshift-0000000000000000.js', baseUrl).href);
  assert.equal(missing.status(), 404);
  await context.close();
});

test('the server stops cleanly on SIGTERM', async () => {
  server.kill('SIGTERM');
  const { code, signal } = await serverExit;
  assert.equal(signal, null, 'exited by itself rather than being killed');
  assert.equal(code, 0);
});
