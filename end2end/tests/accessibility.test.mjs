// Accessibility: axe-core on every page of the wizard, in English and French, desktop and phone,
// with no serious or critical violation; and the way from the keys to the inventory walked with
// the keyboard alone.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, seriousViolations, startStack, stopStack } from '../support.mjs';

const EXCHANGE = 'exchange/hosted-dc12345-1/hosted-dc12345-1';
const MX_PLAN = 'mxplan/mxplan-dc12345-1';

let sandbox;
let demo;
let proxy;
let browser;

before(async () => {
  ({ sandbox, proxy, browser } = await startStack(['--time-scale', '0']));
  demo = sandbox.demo;
});

after(() => stopStack({ sandbox, proxy, browser }));

/** Checks the page in both languages and both sizes. */
async function checkEverywhere(page, name) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    for (const lang of ['en', 'fr']) {
      await page.locator('select[name=language]').selectOption(lang);
      await page.waitForFunction((code) => document.documentElement.lang === code, lang);
      assert.deepEqual(await seriousViolations(page), [], `${name}, ${lang}, ${viewport.width} px`);
    }
  }
  await page.locator('select[name=language]').selectOption('en');
}

test('every page has no serious or critical axe-core violation', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(proxy.url);
  await page.locator('.use-demo').waitFor();
  await checkEverywhere(page, 'connect');

  await page.locator('input[name=application-key]').fill(demo.applicationKey);
  await page.locator('input[name=application-secret]').fill(demo.applicationSecret);
  await page.locator('input[name=consumer-key]').fill(demo.consumerKey);
  await page.locator('.connect-button').click();
  await page.locator(`[data-service="${EXCHANGE}"] input`).click();
  await page.locator(`.destinations [data-service="${MX_PLAN}"] input`).click();
  await page.locator('.domains-at-destination').waitFor();
  await checkEverywhere(page, 'choose');

  await page.locator('.review-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  await page.locator('tr[data-address="claire.martin@demo-company.fr"] .show-details').click();
  await page.getByText('Aliases: c.martin@demo-company.fr, direction@demo-company.fr').waitFor();
  await checkEverywhere(page, 'review');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keys, the choice and the review are reachable and usable with the keyboard alone', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(proxy.url);
  await page.locator('.use-demo').waitFor();

  /** Presses Tab until the focused element matches `selector`; fails after 60 presses. */
  const tabTo = async (selector) => {
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    assert.fail(`${selector} cannot be reached with Tab`);
  };
  await tabTo('input[name=application-key]');
  await page.keyboard.type(demo.applicationKey);
  await tabTo('input[name=application-secret]');
  await page.keyboard.type(demo.applicationSecret);
  await tabTo('input[name=consumer-key]');
  await page.keyboard.type(demo.consumerKey);
  await tabTo('.connect-button');
  await page.keyboard.press('Enter');

  /** Moves through a radio group with the arrow keys, as a keyboard user does, to `selector`. */
  const arrowTo = async (selector) => {
    for (let i = 0; i < 12; i += 1) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
        if (!(await page.locator(selector).isChecked())) await page.keyboard.press('Space');
        return;
      }
      await page.keyboard.press('ArrowDown');
    }
    assert.fail(`${selector} cannot be reached with the arrow keys`);
  };
  await page.locator(`[data-service="${EXCHANGE}"] input`).waitFor();
  await tabTo('.sources input[type=radio]');
  await arrowTo(`[data-service="${EXCHANGE}"] input`);
  await tabTo('.destinations input[type=radio]');
  await arrowTo(`.destinations [data-service="${MX_PLAN}"] input`);
  await tabTo('.review-button');
  await page.keyboard.press('Enter');

  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  await tabTo('.select-all');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.selected-count').innerText(), '7 of 12 selected');
  await tabTo('tr[data-address="claire.martin@demo-company.fr"] .show-details');
  await page.keyboard.press('Enter');
  await page.getByText('Full access: julien.bernard@demo-company.fr').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
