// What the end-to-end tests share: the environment `cargo xtask test` sets, starting the real
// binaries on free ports, and pages that record every error.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} must be set (run the tests with cargo xtask test)`);
  return value;
};

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Headless Chromium, as installed by `cargo xtask test`, with `extraArgs` added. */
export const launchBrowser = (extraArgs = []) =>
  chromium.launch({ executablePath: env('MAILSHIFT_CHROMIUM'), args: [...CHROMIUM_FLAGS, ...extraArgs] });

/**
 * Starts a binary and resolves once its standard output matches `pattern`, with the process,
 * the match, everything printed so far on standard output and on standard error, and a promise
 * of its exit.
 */
export function start(binary, args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const timer = setTimeout(() => reject(new Error(`${binary} printed nothing expected within 30 s`)), 30_000);
    let seen = '';
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
      process.stderr.write(chunk);
    });
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        // Give the rest of a multi-line banner a moment to arrive.
        setTimeout(() => resolve({ child, match, output: () => seen, errors: () => errors, exit }), 50);
      }
    });
    child.on('error', reject);
  });
}

/**
 * Starts the real sandbox with the demo company on a free port, with `args` added; resolves with
 * the process, its origin, and the demo keys and validation login it prints.
 */
export async function startSandbox(args = []) {
  const sandbox = await start(
    env('MAILSHIFT_SANDBOX'),
    ['--listen', '127.0.0.1:0', ...args],
    /validation page login: (\S+) \/ (\S+)/,
  );
  const printed = sandbox.output();
  const demo = {
    applicationKey: printed.match(/demo application key: (\S+)/)[1],
    applicationSecret: printed.match(/demo application secret: (\S+)/)[1],
    consumerKey: printed.match(/demo consumer key \(.*\): (\S+)/)[1],
    login: sandbox.match[1],
    password: sandbox.match[2],
  };
  return { ...sandbox, origin: printed.match(/sandbox API at (http:\/\/\S+)\/1\.0/)[1], demo };
}

/** Writes `scenario` (what the sandbox's OVHcloud account owns) to a file for `--scenario`. */
export async function scenarioFile(scenario) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'mailshift-scenario-'));
  const file = path.join(folder, 'scenario.json');
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

/** Starts the proxy (serving the release app) on a free port; resolves with its URL. */
export async function startProxy(extraArgs = []) {
  const proxy = await start(
    env('MAILSHIFT_SERVER'),
    ['--listen', '127.0.0.1:0', '--app-dir', env('MAILSHIFT_APP_DIR'), ...extraArgs],
    /running at (http:\/\/\S+\/)/,
  );
  return { ...proxy, url: proxy.match[1] };
}

/**
 * Starts the real sandbox with `sandboxArgs`, the proxy forwarding to it and Chromium; resolves
 * with the three. What started is stopped again if a later part fails to start.
 */
export async function startStack(sandboxArgs = []) {
  const sandbox = await startSandbox(sandboxArgs);
  let proxy;
  try {
    proxy = await startProxy(['--sandbox', sandbox.origin]);
    return { sandbox, proxy, browser: await launchBrowser() };
  } catch (error) {
    stop(proxy);
    stop(sandbox);
    throw error;
  }
}

/** Closes the browser and stops the proxy and the sandbox of a stack, whichever started. */
export async function stopStack({ sandbox, proxy, browser }) {
  await browser?.close();
  stop(proxy);
  stop(sandbox);
}

/** Stops a started process politely. */
export function stop(started) {
  if (started && started.child.exitCode === null) {
    started.child.kill('SIGTERM');
  }
}

/** A new page that records uncaught errors, console errors and failed HTTP answers. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  // A Content Security Policy violation is a problem like any other error.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
    ),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, context, problems };
}

const AXE = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));

/** The serious and critical violations axe-core finds on the page as it is now. */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated by the browser's tools, as a script tag would be refused by the page's policy.
    await page.evaluate(await readFile(AXE, 'utf8'));
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
