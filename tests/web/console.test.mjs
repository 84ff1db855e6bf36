// Browser tests of the web console: a real Chromium (Debian's, headless) driven by
// playwright-core, against `chaperone serve` on loopback, seeded by run.sh.
//
//   CONSOLE_URL=http://127.0.0.1:P CONSOLE_SHORT_URL=http://127.0.0.1:Q PASSWORD=... \
//   SHOTS=build/web-screenshots SINK_DIR=... PROFILE_DIR=... node console.test.mjs
//
// CONSOLE_SHORT_URL is a second server on the same store with a 3-second idle timeout.
// SINK_DIR is where smtp-sink writes what the sandbox Postfix delivered; when empty (not
// root), the release is checked up to the console only and the test says so.
// Tests run in order (later ones use what earlier ones did); each prints ok / FAIL, and
// the exit code is the number of failures.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const base = env.CONSOLE_URL;
const shortBase = env.CONSOLE_SHORT_URL;
const password = env.PASSWORD;
const shots = env.SHOTS;
const sinkDir = env.SINK_DIR || '';
const idleSeconds = Number(env.SHORT_IDLE_SECONDS || 3);
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
let passed = 0;
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL  ${name}\n      ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n      ')}`);
    try { await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-')}`); } catch { /* the page may be gone */ }
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }
function equal(actual, expected, message) {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const context = await chromium.launchPersistentContext(env.PROFILE_DIR, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  locale: 'en-GB',
  env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB:en' },
  timezoneId: 'Europe/London',
  acceptDownloads: true,
});
context.setDefaultTimeout(15000);
const page = context.pages()[0] || await context.newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

async function shot(name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}
async function signIn(name, url = base, pw = password) {
  await context.clearCookies();
  await page.goto(`${url}/login`);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(pw);
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Sign in' }).click()]);
}
async function heading() { return (await page.locator('h1').first().textContent()).trim(); }
// Every visible form control has an accessible name (a label, or aria-label).
async function checkLabels(where) {
  const unlabelled = await page.locator('input:not([type=hidden]), select, textarea').evaluateAll((els) =>
    els.filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map((el) => el.outerHTML));
  assert(unlabelled.length === 0, `${where}: controls without a label: ${unlabelled.join(' ')}`);
}
async function checkNoPiiInUrl() {
  const url = page.url();
  for (const pii of ['B801200005001', 'Dupr', 'Zo%C3%AB', 'Hartley', 'parents.example']) {
    assert(!url.includes(pii), `URL ${url} contains ${pii}`);
  }
}

// --- signing in -------------------------------------------------------------------------
await test('sign-in page, then sign in as office staff', async () => {
  await context.clearCookies();
  const response = await page.goto(`${base}/login`);
  equal(response.status(), 200, 'GET /login');
  const csp = response.headers()['content-security-policy'];
  assert(csp && csp.includes("default-src 'self'"), `CSP header: ${csp}`);
  equal(response.headers()['x-frame-options'], 'DENY', 'X-Frame-Options');
  await checkLabels('login');
  await shot('login');
  await signIn('olive');
  equal(await heading(), 'Dashboard', 'heading after sign-in');
  assert(await page.getByText('Signed in as').isVisible(), 'signed-in banner');
  const cookies = await context.cookies(base);
  const session = cookies.find((c) => c.name === 'chaperone_session');
  assert(session, 'session cookie set');
  assert(session.httpOnly, 'session cookie is HttpOnly');
  equal(session.sameSite, 'Strict', 'session cookie SameSite');
  await checkLabels('dashboard');
  assert(await page.locator('svg[role=img]').count() === 2, 'two SVG charts on the dashboard');
  await shot('dashboard');
});

await test('a wrong password is refused with a clear message', async () => {
  await signIn('olive', base, 'not the password');
  assert(page.url().endsWith('/login'), `still on the sign-in page: ${page.url()}`);
  await page.getByRole('alert').getByText('Wrong account name or password').waitFor();
  equal(await page.getByLabel('Account name').inputValue(), 'olive', 'the name is kept');
  equal(await page.getByLabel('Password').inputValue(), '', 'the password is not');
  await shot('login-wrong-password');
});

await test('office staff cannot open the quarantine', async () => {
  await signIn('olive');
  equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quarantine' }).count(), 0,
    'no Quarantine link in the navigation');
  const response = await page.goto(`${base}/quarantine`);
  equal(response.status(), 403, 'GET /quarantine as office');
  equal(await heading(), 'Not allowed', 'heading');
  const audit = await page.goto(`${base}/audit`);
  equal(audit.status(), 403, 'GET /audit as office');
  await shot('denied');
});

// --- case files -------------------------------------------------------------------------
let casefileUrl = '';
await test("find a pupil's case file; correspondence in date order; read a message", async () => {
  await signIn('olive');
  await page.getByRole('link', { name: 'Case files' }).click();
  await page.getByLabel('Pupil name, UPN or year group').fill('Dupré');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('1 pupil(s) found').waitFor();
  await checkNoPiiInUrl();
  await shot('casefile-search');
  await page.getByRole('link', { name: 'Dupré, Zoë' }).click();
  equal(await heading(), 'Zoë Dupré', 'case file heading');
  casefileUrl = page.url();
  await checkNoPiiInUrl();
  const dates = await page.locator('table tbody tr td:first-child').allTextContents();
  equal(dates.length, 3, 'three messages on Zoë\'s file');
  const sorted = [...dates].sort();
  equal(JSON.stringify(dates), JSON.stringify(sorted), 'oldest first');
  const subjects = await page.locator('table tbody tr td:nth-child(2) a').allTextContents();
  equal(subjects[2], 'Sports day <Friday> & kit list', 'subject shown as text, not markup');
  await checkLabels('case file');
  await shot('casefile');
  await page.getByRole('link', { name: "Zoë's reading book" }).first().click();
  await page.getByText('Zoë has finished her reading book').waitFor();
  await checkNoPiiInUrl();
  await shot('message');
});

await test('print view hides the console around the case file', async () => {
  await page.goto(casefileUrl);
  await page.getByRole('link', { name: 'Print view' }).click();
  equal(await heading(), 'Case file: Zoë Dupré', 'print view heading');
  equal(await page.locator('section.print-entry').count(), 3, 'every message printed');
  await page.getByText('Thank you, I have signed it').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert(!(await page.locator('.site-nav').isVisible()), 'navigation hidden when printing');
  assert(await page.locator('.print-only').first().isVisible(), 'print footer shown when printing');
  await shot('print');
  await page.pdf({ path: path.join(shots, 'print.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
});

await test('export the case file as PDF and as mbox', async () => {
  await page.goto(casefileUrl);
  await page.getByLabel('Format').selectOption('pdf');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const pdfPath = path.join(env.WORK_DIR, 'export.pdf');
  await pdf.saveAs(pdfPath);
  assert(fs.readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-', 'a PDF file');
  assert(pdf.suggestedFilename().startsWith('case-file-') && pdf.suggestedFilename().endsWith('.pdf'),
    `file name ${pdf.suggestedFilename()}`);
  await page.getByLabel('Format').selectOption('mbox');
  const [mbox] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const mboxPath = path.join(env.WORK_DIR, 'export.mbox');
  await mbox.saveAs(mboxPath);
  const text = fs.readFileSync(mboxPath, 'utf8');
  equal((text.match(/^From /gm) || []).length, 3, 'three messages in the mbox');
  assert(text.indexOf('web-letter-1@') < text.indexOf('web-letter-4@'), 'mbox in date order');
});

await test('a form with a forged CSRF token is refused; a cross-site form is not even signed in', async () => {
  await page.goto(`${base}/casefiles`);
  // Tamper with the hidden token as an attacker's page could not (it cannot read it).
  await page.locator('form[action="/casefiles/search"] input[name=csrf]').evaluate((el) => { el.value = 'f'.repeat(64); });
  await page.getByLabel('Pupil name, UPN or year group').fill('Hartley');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/casefiles/search')),
    page.getByRole('button', { name: 'Search' }).click()]);
  equal(response.status(), 403, 'forged token');
  equal(await heading(), 'Form expired', 'heading');
  assert(!(await page.getByText('pupil(s) found').isVisible()), 'no search results');
  await shot('csrf-rejected');

  // Another site's page posting to the console: the SameSite=Strict cookie stays home.
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<form method="post" action="${base}/casefiles/search"><input name="q" value="a">` +
            '<input name="csrf" value="x"><button>Win a prize</button></form>');
  });
  await new Promise((r) => evil.listen(0, '127.0.0.2', r));
  try {
    await page.goto(`http://127.0.0.2:${evil.address().port}/`);
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Win a prize' }).click()]);
    await page.waitForURL(/\/login$/);
  } finally {
    evil.close();
  }
});

await test('a session idle past the timeout is signed out', async () => {
  await signIn('olive', shortBase);
  equal(await heading(), 'Dashboard', 'signed in on the short-timeout console');
  await page.goto(`${shortBase}/casefiles`);
  equal(await heading(), 'Case files', 'active session works');
  await page.waitForTimeout((idleSeconds + 1.5) * 1000);
  await page.goto(`${shortBase}/casefiles`);
  assert(page.url().endsWith('/login?expired=1'), `sent to sign in again: ${page.url()}`);
  await page.getByText('You were signed out').waitFor();
  await shot('session-timeout');
});

await test('keyboard: the first Tab reaches the skip link, then the form', async () => {
  await context.clearCookies();
  await page.goto(`${base}/login`);
  await page.keyboard.press('Tab');
  equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content', 'first Tab');
  await page.keyboard.press('Tab');
  equal(await page.evaluate(() => document.activeElement.id), 'name', 'second Tab: the account name');
});

await test('tablet: the case file fits a 768 px wide screen', async () => {
  await signIn('olive');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(casefileUrl.replace(/^https?:\/\/[^/]+/, base));
  if (await heading() !== 'Zoë Dupré') {
    // The opaque link is per server process; find the pupil again if needed.
    await page.goto(`${base}/casefiles`);
    await page.getByLabel('Pupil name, UPN or year group').fill('Dupré');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Dupré, Zoë' }).click();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(overflow <= 0, `page scrolls sideways by ${overflow} px`);
  await shot('casefile-tablet');
  await page.setViewportSize({ width: 1280, height: 800 });
});

// --- quarantine -------------------------------------------------------------------------
await test('the DPO reviews a held message with its findings and releases it; Postfix delivers it', async () => {
  await signIn('dora');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quarantine' }).click();
  equal(await heading(), 'Quarantine', 'queue heading');
  const rows = page.locator('form table tbody tr');
  equal(await rows.count(), 3, 'three held messages');
  assert(await page.getByRole('table').filter({ hasText: 'Held messages per rule' }).isVisible(), 'counts per rule');
  await checkLabels('quarantine');
  await shot('quarantine');
  await page.getByRole('link', { name: 'Referral for a pupil' }).click();
  await checkNoPiiInUrl();
  const marks = await page.locator('mark.finding').count();
  assert(marks >= 3, `findings highlighted: ${marks}`);
  await page.locator('mark.finding', { hasText: '12/04/2015' }).first().waitFor();
  await checkLabels('held message');
  await shot('quarantine-message');
  // The reason is required: the browser will not send the form without it.
  await page.getByRole('button', { name: 'Release to recipients' }).click();
  assert(page.url().match(/\/quarantine\/\d+$/), 'not sent without a reason');
  await page.getByLabel('Reason (required, kept in the audit log)').fill('Checked with the clinic; referral agreed by the parent.');
  await page.getByRole('button', { name: 'Release to recipients' }).click();
  await page.getByText('The message was released to its recipients.').waitFor();
  equal(await rows.count(), 2, 'two left in the queue');
  if (!sinkDir) {
    console.log('      (not root: no sandbox Postfix, delivery not checked)');
    return;
  }
  const deadline = Date.now() + 60000;
  let delivered = '';
  while (!delivered && Date.now() < deadline) {
    for (const f of fs.readdirSync(sinkDir)) {
      const text = fs.readFileSync(path.join(sinkDir, f), 'utf8');
      if (text.includes('Subject: Referral for a pupil')) delivered = text;
    }
    if (!delivered) await new Promise((r) => setTimeout(r, 500));
  }
  assert(delivered, 'the released message reached smtp-sink through Postfix within 60 s');
  assert(/^X-Chaperone-Released: \d+/m.test(delivered), 'it carries X-Chaperone-Released');
  assert(delivered.includes('ben.carter@clinic.example'), 'to the original recipient');
});

await test('the DPO discards the rest in one go, with a reason', async () => {
  await page.goto(`${base}/quarantine`);
  const boxes = page.locator('form table tbody input[type=checkbox]');
  equal(await boxes.count(), 2, 'two selectable');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel('Reason (required, kept in the audit log)').fill('Sent to the wrong family; the office will resend.');
  await page.getByRole('button', { name: 'Discard selected' }).click();
  equal(await heading(), '2 of 2 message(s) discarded', 'bulk result');
  await shot('quarantine-bulk');
  await page.goto(`${base}/quarantine`);
  await page.getByText('No messages here.').waitFor();
  await page.getByRole('link', { name: 'Discarded' }).click();
  equal(await page.locator('table tbody tr').filter({ hasText: 'discarded by dora' }).count(), 2, 'decisions listed');
});

await test('the audit log shows who read what in the browser', async () => {
  await page.goto(`${base}/audit`);
  equal(await heading(), 'Audit log', 'heading');
  const text = await page.locator('table').textContent();
  for (const action of ['archive.show', 'archive.export', 'archive.print', 'quarantine.show', 'web.login', 'web.denied']) {
    assert(text.includes(action), `audit log has ${action}`);
  }
  assert(text.includes('olive (web)') && text.includes('dora (web)'), 'web users as actors');
  await shot('audit');
});

// --- admin ------------------------------------------------------------------------------
await test('the admin adds an account and sees policy and health', async () => {
  await signIn('adam');
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Account name').fill('new.office');
  await page.getByLabel('Role', { exact: true }).selectOption('office');
  await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByText('The account was added.').waitFor();
  assert(await page.getByRole('row', { name: /new\.office/ }).isVisible(), 'listed');
  await checkLabels('users');
  await shot('users');
  await page.getByRole('link', { name: 'Policy and health' }).click();
  await page.getByRole('button', { name: 'Check the audit chain now' }).click();
  await page.getByText('The audit chain is intact').waitFor();
  await shot('health');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await shot('dashboard-admin');
});

await test('no page logged a browser error (CSP violations would show here)', async () => {
  assert(consoleErrors.length === 0 || consoleErrors.every((e) => /Failed to load resource: the server responded with a status of (401|403|429)/.test(e)),
    `console errors: ${consoleErrors.join(' | ')}`);
});

await context.close();
console.log(`\n${passed} passed, ${failures} failed; screenshots in ${shots}`);
process.exit(failures);
