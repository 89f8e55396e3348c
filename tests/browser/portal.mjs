// The voter pages in headless Chromium: a Spanish sign-up with the code read
// from the real SMTP server, the ballot timeline after an extract is loaded,
// changed hours, opting out; the several-voters and no-match paths; axe-core
// on every page in every language; screenshots in three scripts.
//
// Run by tests/it/browser.rs, which starts the service, the SMTP sink and
// passes: BT_URL, BT_MAIL_DIR, BT_TOKEN, BT_BALLOTS (a ballot extract file),
// BT_SHOTS (where screenshots go), BT_UNSUBSCRIBE (the Spanish voter's email
// unsubscribe token).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const BASE = env('BT_URL');
const MAIL = env('BT_MAIL_DIR');
const SHOTS = env('BT_SHOTS');
const UNSUBSCRIBE = env('BT_UNSUBSCRIBE');
const LANGS = ['en', 'es', 'zh', 'hi', 'ja', 'km', 'ko', 'tl', 'th', 'vi'];
const failures = [];
let checked = 0;

function fail(msg) {
  failures.push(msg);
  console.error(`FAIL ${msg}`);
}

function expect(cond, msg) {
  if (!cond) fail(msg);
}

// axe-core, WCAG 2.2 A and AA rules. Run through the DevTools protocol, which
// the page's CSP (no scripts at all) does not apply to.
async function axe(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'] },
    }),
  );
  checked += 1;
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    fail(`axe ${label}: ${v.id} (${v.impact}) ${v.help} at ${where}`);
  }
}

async function visit(page, url, label) {
  const resp = await page.goto(BASE + url);
  expect(resp && resp.status() < 500, `${label}: status ${resp && resp.status()}`);
  await axe(page, label);
}

// The newest code mailed to `to`, waiting for it to arrive.
async function codeFor(to, after = 0) {
  for (let i = 0; i < 100; i++) {
    const files = fs.readdirSync(MAIL).filter((f) => f.endsWith('.json')).sort();
    const codes = files
      .map((f) => JSON.parse(fs.readFileSync(path.join(MAIL, f), 'utf8')))
      .filter((m) => m.rcpt_tos.map((a) => a.toLowerCase()).includes(to.toLowerCase()))
      .map((m) => (m.subject.match(/\d{6}/) || [])[0])
      .filter(Boolean);
    if (codes.length > after) return { code: codes[codes.length - 1], count: codes.length };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code mailed to ${to}`);
}

async function fillIdentity(page, first, last, dob, zip) {
  await page.fill('#first_name', first);
  await page.fill('#last_name', last);
  await page.fill('#dob', dob);
  await page.fill('#zip', zip);
  await Promise.all([page.waitForLoadState(), page.click('main button[type=submit]')]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  // A phone-sized screen.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-US' });
  const page = await context.newPage();
  fs.mkdirSync(SHOTS, { recursive: true });

  // Public pages in every language.
  for (const l of LANGS) {
    await visit(page, `/${l}/`, `${l} home`);
    await visit(page, `/${l}/sign-up`, `${l} sign-up`);
    await visit(page, `/${l}/sign-in`, `${l} sign-in`);
    await visit(page, `/${l}/counties`, `${l} counties`);
    await visit(page, `/${l}/help`, `${l} help`);
    await visit(page, `/${l}/unsubscribe/${UNSUBSCRIBE}`, `${l} unsubscribe (nothing to stop)`);
    // The form with every error shown.
    await page.goto(`${BASE}/${l}/sign-up`);
    await Promise.all([page.waitForLoadState(), page.click('main button[type=submit]')]);
    expect(await page.locator('.error-summary a[href="#first_name"]').count() === 1, `${l}: error summary links the first name`);
    await axe(page, `${l} sign-up errors`);
  }

  // No match: one guidance page, in every language.
  await page.goto(`${BASE}/es/sign-up`);
  await fillIdentity(page, 'Nadie', 'Aquí', '01-02-1975', '96118');
  expect(page.url().endsWith('/es/sign-up/next'), `no match lands on the guidance page: ${page.url()}`);
  expect(await page.locator('a[href="https://voterstatus.sos.ca.gov/"]').count() === 1, 'guidance points to the voter status lookup');
  for (const l of LANGS) await visit(page, `/${l}/sign-up/next`, `${l} no-match guidance`);

  // Several voters: the VoteCal id decides.
  await page.goto(`${BASE}/en/sign-up`);
  await fillIdentity(page, 'Sam', 'Twin', '05-06-1990', '94601');
  expect(await page.locator('#voter_id').count() === 1, 'several matches ask for the voter id');
  for (const l of LANGS) await visit(page, `/${l}/sign-up/next`, `${l} voter id`);
  await page.goto(`${BASE}/en/sign-up/next`);
  await page.fill('#voter_id', 'CA01002');
  await Promise.all([page.waitForLoadState(), page.click('main button[type=submit]')]);
  expect(await page.locator('#want_email').count() === 1, 'the right voter id leads to the choices');

  // The Spanish sign-up.
  await context.clearCookies();
  await page.goto(`${BASE}/es/`);
  await page.screenshot({ path: path.join(SHOTS, 'es-home.png'), fullPage: true });
  await page.click('main a.button');
  await fillIdentity(page, 'María José', 'García López', '07/04/1980', '96118');
  expect(await page.locator('#want_email').count() === 1, `the Spanish voter reaches the choices: ${page.url()}`);
  for (const l of LANGS) await visit(page, `/${l}/sign-up/next`, `${l} choices`);
  await page.goto(`${BASE}/es/sign-up/next`);
  await page.check('#want_email');
  await page.fill('#email', 'maria@example.org');
  await page.selectOption('#from', '09:00');
  await page.selectOption('#to', '18:00');
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit]')]);
  expect(page.url().includes('/es/confirm'), `choices lead to the confirm page: ${page.url()}`);
  for (const l of LANGS) await visit(page, `/${l}/confirm`, `${l} confirm`);
  await page.goto(`${BASE}/es/confirm`);
  const { code, count } = await codeFor('maria@example.org');
  await page.fill('#code_email', code);
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit] >> nth=0')]);
  expect(page.url().includes('/es/my-ballot'), `the code signs the voter in: ${page.url()}`);
  expect((await page.textContent('main')).includes('María José'), 'my ballot names the voter');

  // A ballot extract arrives; the timeline shows it.
  const extract = fs.readFileSync(env('BT_BALLOTS'));
  const loaded = await fetch(`${BASE}/api/v1/imports/ballots?mode=delta`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env('BT_TOKEN')}`, 'content-type': 'text/csv' },
    body: extract,
  });
  expect(loaded.ok, `ballot extract loaded: ${loaded.status} ${await loaded.text()}`);
  await page.goto(`${BASE}/es/my-ballot`);
  const items = await page.locator('ol.timeline li').count();
  expect(items >= 2, `the timeline shows the ballot's events: ${items}`);
  for (const l of LANGS) {
    await visit(page, `/${l}/my-ballot`, `${l} my ballot`);
    await visit(page, `/${l}/preferences`, `${l} preferences`);
  }

  // Hours changed.
  await page.goto(`${BASE}/es/preferences`);
  await page.selectOption('#from', '10:00');
  await page.selectOption('#to', '19:00');
  await Promise.all([page.waitForLoadState(), page.click('main form[action="/es/preferences"] button[type=submit]')]);
  expect(await page.locator('.notice').count() === 1, 'the change is confirmed');
  expect(await page.inputValue('#from') === '10:00', 'the new hours are shown');

  // Screenshots of the main pages in three scripts.
  for (const l of ['en', 'zh', 'km']) {
    for (const [name, url] of [['home', '/'], ['sign-up', '/sign-up'], ['my-ballot', '/my-ballot'], ['preferences', '/preferences']]) {
      await page.goto(`${BASE}/${l}${url}`);
      await page.screenshot({ path: path.join(SHOTS, `${l}-${name}.png`), fullPage: true });
    }
  }

  // 400 % zoom (a 320 px wide screen): nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const l of ['en', 'km', 'th']) {
    await page.goto(`${BASE}/${l}/preferences`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(!wide, `${l} preferences fit 320 px without sideways scrolling`);
  }
  await page.setViewportSize({ width: 390, height: 844 });

  // The email's unsubscribe link: asks in Spanish first.
  await page.goto(`${BASE}/unsubscribe/${UNSUBSCRIBE}`);
  expect(page.url().endsWith(`/es/unsubscribe/${UNSUBSCRIBE}`), `the link opens in Spanish: ${page.url()}`);
  expect(await page.locator('main form button[type=submit]').count() === 1, 'the link asks before it stops');
  await axe(page, 'es unsubscribe');

  // Opting out of everything.
  await page.goto(`${BASE}/es/preferences`);
  await Promise.all([page.waitForLoadState(), page.click('form:has(input[name="channel"][value="all"]) button')]);
  expect(await page.locator('.notice').count() === 1, 'stopping is confirmed');

  // Signing in again by code.
  await context.clearCookies();
  await page.goto(`${BASE}/es/sign-in`);
  await page.fill('#contact', 'maria@example.org');
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit]')]);
  await axe(page, 'es sign-in code');
  const again = await codeFor('maria@example.org', count);
  await page.fill('#code', again.code);
  await Promise.all([page.waitForLoadState(), page.click('main form button[type=submit]')]);
  expect(page.url().includes('/es/my-ballot'), `signed in again: ${page.url()}`);

  // Deleting the data.
  await page.goto(`${BASE}/es/preferences`);
  await Promise.all([page.waitForLoadState(), page.click('form[action="/es/preferences/delete"] button')]);
  await axe(page, 'es deleted');
} finally {
  await browser.close();
}

console.log(`axe: ${checked} pages checked`);
if (failures.length) {
  console.log(`browser: ${failures.length} failures`);
  process.exit(1);
}
console.log('browser: all checks passed');
