// End-to-end: the whole journey in headless Chromium, through the real proxy, against the real
// sandbox whose tasks take time: connect, choose, review, configure the destination (the domain
// is missing on Email Pro), plan, run, copy, finish and the report; a reload in the middle of
// the run resumes it with no write sent twice, by the sandbox's own record of calls.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { env, launchBrowser, openPage, seriousViolations, startProxy, startSandbox, stop } from '../support.mjs';

const EXCHANGE = 'exchange/hosted-dc12345-1/hosted-dc12345-1';
const EMAIL_PRO = 'pro/emailpro-dc12345-1';
const MX_PLAN = 'mxplan/mxplan-dc12345-1';
const CLAIRE = 'claire.martin@demo-company.fr';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let browser;
let screenshots;

before(async () => {
  screenshots = env('MAILSHIFT_SCREENSHOTS');
  await mkdir(screenshots, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A fresh sandbox (tasks scaled to tenths of a second) and a proxy in front of it. */
async function servers(faults = []) {
  const sandbox = await startSandbox(['--time-scale', '0.05', ...faults]);
  const proxy = await startProxy(['--sandbox', sandbox.origin]);
  const { origin, demo } = sandbox;
  return { sandbox, origin, demo, proxy, stop: () => { stop(proxy); stop(sandbox); } };
}

/** Every write the sandbox received, as method, path and body digest. */
async function writes(origin) {
  const calls = await (await fetch(`${origin}/sandbox/calls`)).json();
  return calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path} ${c.bodySha1 ?? ''}`);
}

async function connect(page, demo) {
  await page.locator('input[name=application-key]').fill(demo.applicationKey);
  await page.locator('input[name=application-secret]').fill(demo.applicationSecret);
  await page.locator('input[name=consumer-key]').fill(demo.consumerKey);
  await page.locator('.connect-button').click();
}

/**
 * The page's problems, less the engine's reads that find nothing: every step reads before it
 * writes, and a 404 answers "not there yet" (Chromium logs each as a console error too).
 */
const unexpected = (problems) =>
  problems.filter((p) => !/^HTTP 404 for GET .*\/api\/sandbox\/1\.0\/email\//.test(p) && !/status of 404/.test(p));

/** Screenshots the page on a desktop and a phone, and checks it with axe-core. */
async function shoot(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  await page.screenshot({ path: path.join(screenshots, `journey-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(screenshots, `journey-${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** From connect to a confirmed plan: returns once the run page shows its rows. */
async function toRun(page, demo, destination = EMAIL_PRO) {
  await connect(page, demo);
  await page.locator(`[data-service="${EXCHANGE}"] input`).click();
  await page.locator(`.destinations [data-service="${destination}"] input`).click();
  await page.locator('.review-button').click();
  await page.locator('table.accounts tbody tr').nth(11).waitFor();
  await page.locator('.select-all').click();
  await page.locator('.continue-destination').click();

  if (destination === EMAIL_PRO) {
    await page.locator('.domain.to-add').waitFor();
    await shoot(page, '4-destination');
    await page.getByRole('button', { name: 'Add as non-authoritative and wait until ready' }).click();
    await page.locator('.domain.ready').waitFor({ timeout: 30_000 });
  } else {
    await page.getByText('An MX Plan service carries its domain already').waitFor();
  }

  await page.getByRole('button', { name: 'Continue to the plan' }).click();
  await page.locator('.dry-run').waitFor();
  assert.match(await page.locator('.cost').innerText(), /\d+ API calls, \d+ of them writes/);
  if (destination === EMAIL_PRO) assert.match(await page.locator('.accounts-plan').innerText(), /claire\.martin@demo-company\.fr, provisionally claire\.martin01@demo-company\.fr/);
  if (destination === EMAIL_PRO) await shoot(page, '5-plan');
  await page.locator('.confirm-run').click();
  await page.locator('.run-table tbody tr').first().waitFor();
}

test('the demo company moves from Exchange to Email Pro, from connect to the report', async () => {
  const s = await servers();
  try {
    const { page, context, problems } = await openPage(browser, { viewport: DESKTOP, acceptDownloads: true });
    await page.goto(s.proxy.url);
    await toRun(page, s.demo);
    const copy = page.getByRole('button', { name: 'Continue to the copy' });
    await copy.waitFor();
    await page.waitForFunction(() => !document.querySelector('.run .actions .primary').disabled, null, { timeout: 120_000 });
    assert.match(await page.locator('.overall').innerText(), /(\d+) of \1 accounts moved, 0 stopped/);
    await shoot(page, '6-run');

    await copy.click();
    const claire = page.locator(`.handoff[data-address="${CLAIRE}"]`);
    await claire.waitFor();
    assert.match(await claire.innerText(), /claire\.martin01@demo-company\.fr/);
    await shoot(page, '7-copy');
    await page.getByRole('button', { name: 'Every copy is done' }).click();
    await page.getByRole('button', { name: 'Continue to finish' }).click();

    const row = page.locator(`.reset-row[data-address="${CLAIRE}"]`);
    await row.locator('.compare-sizes').click();
    await row.locator('.sizes', { hasText: 'destination' }).waitFor();
    assert.match(await row.locator('.sizes').innerText(), /^source \S+\s\S+ · destination 0\sB$/);
    await row.locator('.reset-account').click();
    // The sandbox has no copy tool: the destination holds nothing, so the reset is refused.
    await page.locator('.refusal').waitFor();
    assert.match(await page.locator('.refusal').innerText(), /holds 0\sB and the source/);
    await row.locator('.override-reset').click();
    await row.locator('.reset-account').click();
    await page.locator('.reset-row .sizes', { hasText: 'destination' }).waitFor();
    await page.locator('.build-report').click();
    await page.locator('.download-json').waitFor();
    assert.match(await page.locator('.dns').innerText(), /demo-company\.fr/);
    await shoot(page, '8-finish');

    const downloading = page.waitForEvent('download');
    await page.locator('.download-json').click();
    const report = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
    const done = report.accounts.find((a) => a.address === CLAIRE);
    assert.equal(done.status.state, 'done');
    assert.ok(report.calls.length > 50, `${report.calls.length} calls`);
    const sent = await writes(s.origin);
    assert.equal(new Set(sent).size, sent.length, 'a write went twice');
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  } finally {
    s.stop();
  }
});

test('a reload in the middle of the run resumes it and sends no write twice', async () => {
  const s = await servers();
  try {
    const { page, context, problems } = await openPage(browser, { viewport: DESKTOP });
    await page.goto(s.proxy.url);
    await toRun(page, s.demo);
    await page.locator('.run-table td.status.moved').first().waitFor({ timeout: 60_000 });
    await page.reload();
    await connect(page, s.demo);
    await page.locator('.run-table tbody tr').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.run .actions .primary').disabled, null, { timeout: 120_000 });
    assert.match(await page.locator('.overall').innerText(), /(\d+) of \1 accounts moved, 0 stopped/);
    const sent = await writes(s.origin);
    assert.equal(new Set(sent).size, sent.length, `a write went twice: ${sent.join('\n')}`);
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  } finally {
    s.stop();
  }
});

/** A `GET` signed as OVHcloud wants it, with the demo keys, straight to the sandbox. */
async function signedGet(origin, demo, path) {
  const time = await (await fetch(`${origin}/1.0/auth/time`)).text();
  const url = `${origin}/1.0${path}`;
  const signature = createHash('sha1')
    .update([demo.applicationSecret, demo.consumerKey, 'GET', url, '', time].join('+'))
    .digest('hex');
  const response = await fetch(url, {
    headers: {
      'X-Ovh-Application': demo.applicationKey,
      'X-Ovh-Consumer': demo.consumerKey,
      'X-Ovh-Timestamp': time,
      'X-Ovh-Signature': `$1$${signature}`,
    },
  });
  return { status: response.status, body: await response.json() };
}

test('to an MX Plan, one account rolled back from the page is back on the source as it was', async () => {
  const s = await servers();
  try {
    const account = '/email/exchange/hosted-dc12345-1/service/hosted-dc12345-1/account';
    const julien = 'julien.bernard@demo-company.fr';
    const aliasesBefore = (await signedGet(s.origin, s.demo, `${account}/${julien}/alias`)).body;
    const { page, context, problems } = await openPage(browser, { viewport: DESKTOP });
    await page.goto(s.proxy.url);
    await toRun(page, s.demo, MX_PLAN);
    await page.waitForFunction(() => !document.querySelector('.run .actions .primary').disabled, null, { timeout: 120_000 });
    assert.match(await page.locator('.overall').innerText(), /(\d+) of \1 accounts moved, 0 stopped/);
    const moved = await signedGet(s.origin, s.demo, `${account}/${julien}`);
    assert.equal(moved.status, 404, 'the address has left the source');

    await page.locator(`tr[data-address="${julien}"] button`, { hasText: 'Roll back' }).click();
    await page.locator(`tr[data-address="${julien}"] td.status`, { hasText: 'rolled back' }).waitFor({ timeout: 60_000 });
    const back = await signedGet(s.origin, s.demo, `${account}/${julien}`);
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.primaryEmailAddress, julien);
    const aliasesAfter = (await signedGet(s.origin, s.demo, `${account}/${julien}/alias`)).body;
    assert.deepEqual([...aliasesAfter].sort(), [...aliasesBefore].sort());
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  } finally {
    s.stop();
  }
});

test('a key without the write rules stops each account with the call it lacks', async () => {
  const s = await servers();
  try {
    const read = await fetch(`${s.origin}/1.0/auth/credential`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ovh-Application': s.demo.applicationKey },
      body: JSON.stringify({ accessRules: [{ method: 'GET', path: '/*' }] }),
    });
    const pending = await read.json();
    const token = new URL(pending.validationUrl).searchParams.get('credentialToken');
    const { login, password } = s.demo;
    await fetch(`${s.origin}/auth/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credentialToken: token, login, password, validity: '1', decision: 'grant' }),
    });
    const { page, context } = await openPage(browser, { viewport: DESKTOP });
    await page.goto(s.proxy.url);
    await toRun(page, { ...s.demo, consumerKey: pending.consumerKey }, MX_PLAN);
    const stopped = page.locator('.run-table td.status.stopped').first();
    await stopped.waitFor({ timeout: 60_000 });
    assert.match(await stopped.innerText(), /PUT \/email\/exchange\/\{organizationName\}\/service\/\{exchangeService\}\/account\/\{primaryEmailAddress\}/);
    assert.match(await stopped.innerText(), /EU\.|query ID/i);
    await shoot(page, '6-run-refused');
    const calls = await (await fetch(`${s.origin}/sandbox/calls`)).json();
    const taken = calls.filter((c) => c.method !== 'GET' && c.path.startsWith('/email/') && c.status < 400);
    assert.deepEqual(taken, [], 'OVHcloud took no write');
    await context.close();
  } finally {
    s.stop();
  }
});

test('a run with faults ends with every account in a named state and a complete report', async () => {
  const s = await servers([
    '--seed', '11',
    '--server-error-rate', '0.08',
    '--drop-rate', '0.04',
    '--task-error-rate', '0.1',
    '--rate-limit-every', '60',
  ]);
  try {
    const { page, context } = await openPage(browser, { viewport: DESKTOP, acceptDownloads: true });
    await page.goto(s.proxy.url);
    await toRun(page, s.demo, MX_PLAN);
    const ended = page.getByText('The plan is carried out up to the mailbox copy.');
    await ended.waitFor({ timeout: 180_000 });
    const named = ['live on the destination, copy to do', 'stopped', 'stopped, address nowhere', 'stays on the source'];
    const states = await page.locator('.run-table td.status').evaluateAll((cells) =>
      cells.map((c) => c.childNodes[0]?.textContent ?? ''),
    );
    assert.ok(states.length > 0 && states.every((t) => named.includes(t)), states.join(' | '));
    if (states.some((t) => t.startsWith('stopped'))) {
      await page.getByRole('button', { name: 'Retry the stopped accounts' }).click();
      await ended.waitFor({ timeout: 180_000 });
    }
    await page.getByRole('button', { name: 'Continue to the copy' }).click();
    await page.getByRole('button', { name: 'Every copy is done' }).click();
    await page.getByRole('button', { name: 'Continue to finish' }).click();
    await page.locator('.build-report').click();
    await page.locator('.download-json').waitFor({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await page.locator('.download-json').click();
    const report = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
    const planned = await page.evaluate(() => Number(localStorage.getItem('mailshift.journal.count')));
    assert.ok(planned > 0, 'the journal is kept');
    assert.equal(report.accounts.length, states.length);
    for (const account of report.accounts) {
      assert.ok(['copyConfirmed', 'stopped', 'blocked'].includes(account.status.state), JSON.stringify(account.status));
      assert.ok(account.steps.length > 0, account.address);
    }
    assert.ok(report.calls.some((c) => c.status >= 500 || c.status === 429), 'faults were met');
    await context.close();
  } finally {
    s.stop();
  }
});
