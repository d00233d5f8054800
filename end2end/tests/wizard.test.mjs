// End-to-end: the wizard's first steps in headless Chromium, through the real proxy, against
// the real sandbox: connecting (pasted keys, the "Request access" round trip, every credential
// failure), choosing the source and the destination, the inventory, and reloads.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { env, openPage, startStack, stopStack } from '../support.mjs';

const EXCHANGE = 'exchange/hosted-dc12345-1/hosted-dc12345-1';
const MX_PLAN = 'mxplan/mxplan-dc12345-1';

let sandbox;
let sandboxOrigin;
let demo;
let proxy;
let browser;
let screenshots;

before(async () => {
  screenshots = env('MAILSHIFT_SCREENSHOTS');
  await mkdir(screenshots, { recursive: true });
  ({ sandbox, proxy, browser } = await startStack(['--time-scale', '0']));
  sandboxOrigin = sandbox.origin;
  demo = sandbox.demo;
});

after(() => stopStack({ sandbox, proxy, browser }));

/** Asks the sandbox for a consumer key with `rules`; validates it on its page when asked. */
async function consumerKey(rules, { validate }) {
  const response = await fetch(`${sandboxOrigin}/1.0/auth/credential`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ovh-Application': demo.applicationKey },
    body: JSON.stringify({ accessRules: rules }),
  });
  assert.equal(response.status, 200);
  const pending = await response.json();
  if (validate) {
    const token = new URL(pending.validationUrl).searchParams.get('credentialToken');
    const decision = await fetch(`${sandboxOrigin}/auth/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        credentialToken: token,
        login: demo.login,
        password: demo.password,
        validity: '1',
        decision: 'grant',
      }),
    });
    assert.ok(decision.status < 400, `validation answered ${decision.status}`);
  }
  return pending.consumerKey;
}

async function fillKeys(page, keys) {
  await page.locator('input[name=application-key]').fill(keys.applicationKey);
  await page.locator('input[name=application-secret]').fill(keys.applicationSecret);
  await page.locator('input[name=consumer-key]').fill(keys.consumerKey ?? '');
}

async function openApp(options = {}) {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  await opened.page.goto(proxy.url);
  await opened.page.locator('.use-demo').waitFor();
  return opened;
}

test('sandbox mode is preselected and shows its demo keys', async () => {
  const { page, context, problems } = await openApp();
  assert.ok(await page.getByRole('radio', { name: 'Sandbox' }).isChecked());
  assert.match(await page.locator('.endpoint-address').innerText(), new RegExp(`${sandboxOrigin}/1\\.0`));
  const shown = await page.locator('.sandbox-keys').innerText();
  assert.ok(shown.includes(demo.applicationKey) && shown.includes(demo.login));
  await page.screenshot({ path: path.join(screenshots, 'wizard-1-connect.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('pasted keys connect; the source, destination and inventory follow; a reload keeps the choices', async () => {
  const { page, context, problems } = await openApp();
  await fillKeys(page, demo);
  await page.locator('.connect-button').click();
  await page.getByText('Connected to the OVHcloud account dc12345-ovh.').waitFor();
  assert.match(await page.locator('.key-expiry').innerText(), /^The key expires on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

  await page.locator(`[data-service="${EXCHANGE}"] input`).click();
  await page.locator(`.destinations [data-service="${MX_PLAN}"] input`).click();
  const domain = page.locator('.domains-at-destination');
  await domain.getByText('demo-company.fr: present, non-authoritative, state ok.').waitFor();
  const pro = page.locator('.destinations [data-service="pro/emailpro-dc12345-1"]');
  assert.match(await pro.innerText(), /accounts: 0, free slots: 15/);
  await page.screenshot({ path: path.join(screenshots, 'wizard-2-choose.png'), fullPage: true });

  await page.locator('.review-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  assert.equal(await page.locator('table.accounts tbody tr').count(), 12);
  const tooBig = await page.locator('tr.blocked:has(.blocker:text("Too big")) td.address').allInnerTexts();
  assert.deepEqual(
    tooBig.map((text) => text.split('\n')[0].replace(/Too big.*/, '')),
    ['claire.martin@demo-company.fr', 'emma.robert@demo-company.fr', 'lea.moreau@demo-company.fr', 'sophie.dubois@demo-company.fr'],
  );
  assert.match(await page.locator('tr[data-address="nathan.simon@demo-company.fr"]').innerText(), /suspended/);
  assert.match(await page.locator('.mailbox-limit').innerText(), /5\.0\s+GB/);
  assert.match(await page.locator('.free-slots').innerText(), /10/);
  assert.match(await page.locator('.groups').innerText(), /cannot hold/);

  await page.locator('.select-all').click();
  assert.equal(await page.locator('.selected-count').innerText(), '7 of 12 selected');
  await page.locator('input[aria-label="thomas.petit@demo-company.fr"]').click();
  assert.equal(await page.locator('.selected-count').innerText(), '6 of 12 selected');

  await page.locator('tr[data-address="claire.martin@demo-company.fr"] .show-details').click();
  await page.getByText('Aliases: c.martin@demo-company.fr, direction@demo-company.fr').waitFor();
  await page.getByText('Full access: julien.bernard@demo-company.fr').waitFor();
  await page.screenshot({ path: path.join(screenshots, 'wizard-3-review.png'), fullPage: true });

  // The secrets were not remembered: after a reload they are asked for again, nothing else is.
  await page.reload();
  await page.locator('.welcome-back').waitFor();
  assert.equal(await page.locator('input[name=application-key]').inputValue(), demo.applicationKey);
  assert.equal(await page.locator('input[name=application-secret]').inputValue(), '');
  assert.ok(await page.getByRole('radio', { name: 'Sandbox' }).isChecked());
  await fillKeys(page, demo);
  await page.locator('.connect-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  assert.equal(await page.locator('.selected-count').innerText(), '6 of 12 selected');
  assert.equal(await page.locator('input[aria-label="thomas.petit@demo-company.fr"]').isChecked(), false);
  assert.equal(await page.locator('input[aria-label="hugo.leroy@demo-company.fr"]').isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('remembered keys survive a reload and "forget" removes everything', async () => {
  const { page, context, problems } = await openApp();
  await fillKeys(page, demo);
  await page.locator('input[name=remember]').check();
  await page.locator('.connect-button').click();
  await page.locator(`[data-service="${EXCHANGE}"]`).waitFor();
  const stored = await page.evaluate(() => localStorage.getItem('mailshift.keys'));
  assert.ok(stored.includes(demo.consumerKey));

  await page.reload();
  await page.locator(`[data-service="${EXCHANGE}"]`).waitFor();
  await page.locator('.step-nav button').first().click();
  await page.locator('.forget').click();
  await page.getByText('Everything Mailshift kept on this device is deleted.').waitFor();
  const left = await page.evaluate(() => [localStorage.getItem('mailshift.keys'), localStorage.getItem('mailshift.settings')]);
  assert.equal(left[0], null);
  assert.ok(!(left[1] ?? '').includes(demo.applicationKey));
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Request access" asks for a key, the validation page grants it, and the first tab goes on', async () => {
  const { page, context, problems } = await openApp();
  await fillKeys(page, { applicationKey: demo.applicationKey, applicationSecret: demo.applicationSecret });
  await page.locator('summary', { hasText: 'Rights Mailshift asks for' }).click();
  assert.match(await page.locator('.rule-list').innerText(), /PUT \/email\/exchange\/\*\/account\/\* — rename/);

  const popup = context.waitForEvent('page');
  await page.locator('.request-access').click();
  const validation = await popup;
  await validation.waitForLoadState();
  assert.ok(validation.url().startsWith(`${sandboxOrigin}/auth/`), validation.url());
  await page.locator('.awaiting').waitFor();
  await page.screenshot({ path: path.join(screenshots, 'wizard-1-awaiting.png'), fullPage: true });

  await validation.locator('input[name=login]').fill(demo.login);
  await validation.locator('input[name=password]').fill(demo.password);
  await validation.locator('button[value=grant]').click();
  await validation.getByText('Access granted').waitFor();
  assert.ok(validation.url().startsWith(proxy.url), validation.url());
  await validation.screenshot({ path: path.join(screenshots, 'wizard-1-returned.png') });

  await page.locator(`[data-service="${EXCHANGE}"]`).waitFor({ timeout: 15_000 });
  const granted = await page.locator('input[name=consumer-key]').count();
  assert.equal(granted, 0, 'the connect page has given way to the next step');
  assert.deepEqual(problems, []);
  await context.close();
});

test('each credential failure says what happened and what to do', async () => {
  const unvalidated = await consumerKey([{ method: 'GET', path: '/*' }], { validate: false });
  const narrow = await consumerKey(
    [
      { method: 'GET', path: '/auth/*' },
      { method: 'GET', path: '/email/exchange' },
      { method: 'GET', path: '/email/exchange/*' },
    ],
    { validate: true },
  );
  const cases = [
    ['wrong application key', { ...demo, applicationKey: 'notAKeyTheSandboxKnows' }, /does not know this application key/],
    ['mistyped secret', { ...demo, applicationSecret: `${demo.applicationSecret}x` }, /refused the signature/],
    ['key never validated', { ...demo, consumerKey: unvalidated }, /does not accept this consumer key/],
    ['missing rights', { ...demo, consumerKey: narrow }, /cannot list your email services[\s\S]*GET \/email\/pro/],
  ];
  for (const [name, keys, expected] of cases) {
    const { page, context } = await openApp();
    await fillKeys(page, keys);
    await page.locator('.connect-button').click();
    const alert = page.locator('.problem');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, expected, name);
    if (name !== 'missing rights') {
      assert.match(text, /OVHcloud query ID: \S+/, `${name} shows the query ID`);
    }
    await page.screenshot({ path: path.join(screenshots, `wizard-failure-${name.replaceAll(' ', '-')}.png`), fullPage: true });
    await context.close();
  }

  const { page, context } = await openApp();
  await fillKeys(page, { ...demo, consumerKey: '' });
  await page.locator('.connect-button').click();
  await page.getByText('This field is empty.').waitFor();

  await page.locator('input[name=proxy]').fill('http://127.0.0.1:9');
  await page.locator('input[name=proxy]').press('Tab');
  await page.locator('.problem').getByText('The Mailshift proxy cannot be reached.').waitFor();
  assert.match(await page.locator('.problem').innerText(), /127\.0\.0\.1:9/);
  await page.screenshot({ path: path.join(screenshots, 'wizard-failure-proxy-unreachable.png'), fullPage: true });
  await context.close();
});

test('a computer clock two hours off still signs valid calls (OVHcloud time is used)', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const real = Date.now;
    Date.now = () => real() - 2 * 3600 * 1000;
  });
  await page.goto(proxy.url);
  await page.locator('.use-demo').click();
  await page.locator('.connect-button').click();
  await page.locator(`[data-service="${EXCHANGE}"]`).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the whole page switches to French', async () => {
  const { page, context, problems } = await openApp();
  await page.locator('select[name=language]').selectOption('fr');
  await page.getByRole('heading', { name: "Se connecter à l'API OVHcloud" }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.locator('.use-demo').click();
  await page.locator('.connect-button').click();
  await page.locator(`[data-service="${EXCHANGE}"] input`).click();
  await page.locator(`.destinations [data-service="${MX_PLAN}"] input`).click();
  await page.locator('.review-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  const text = await page.locator('main').innerText();
  for (const english of ['Accounts', 'Select all', 'Too big', 'Free slots', 'What it can hold']) {
    assert.ok(!text.includes(english), `"${english}" is translated`);
  }
  assert.match(text, /Trop grosse pour la destination/);
  await page.screenshot({ path: path.join(screenshots, 'wizard-3-review-fr.png'), fullPage: true });

  await page.reload();
  await page.getByRole('heading', { name: "Se connecter à l'API OVHcloud" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the inventory is usable on a phone', async () => {
  const { page, context, problems } = await openApp({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  await page.locator('.use-demo').click();
  await page.locator('.connect-button').click();
  await page.locator(`[data-service="${EXCHANGE}"] input`).click();
  await page.locator(`.destinations [data-service="${MX_PLAN}"] input`).click();
  await page.locator('.review-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(width[0] <= width[1], `no sideways scrolling of the page (${width[0]} > ${width[1]})`);
  await page.screenshot({ path: path.join(screenshots, 'wizard-3-review-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
