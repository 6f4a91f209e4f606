#!/usr/bin/env node
/*
 * pages.t - the admin shell and the trade layout in Debian's Chromium,
 * headless, driven by playwright-core (no browser download).  Prints TAP for
 * prove; run by scripts/test against the real stack (SALIENT_URL,
 * SALIENT_CONF, SALIENT_VAR, SALIENT_BUILD).
 *
 * Checks: the dashboard loads with no console errors and no failed
 * requests, the navigation works, the revenue chart renders, the language
 * switch changes the page, the page fits a phone's width, and the trade
 * layout renders in en, da and ru.  Screenshots of every page go to
 * build/test-output/screenshots/ (kept after the run).
 */
'use strict';

const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const {
  BASE, SHOTS, CHROMIUM, LAUNCH_ARGS, ok, skip, todo, failures, confGet, sql, cli, runJob, watch, shot, runMain,
} = require('./lib.js');

function hasCommand(name) {
  try { return cli(['help']).split('\n').some((l) => l.startsWith(`  ${name} `)); } catch (e) { return false; }
}

/* A small, known data set: two trade customers, orders this year, a finished job. */
function seed() {
  sql(`
DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE host_id LIKE 'BR-%');
DELETE FROM orders WHERE host_id LIKE 'BR-%';
DELETE FROM customers WHERE host_id LIKE 'BR-%';
INSERT INTO customers (host_id, first_name, last_name, email, smart_type) VALUES
 ('BR-1', 'Birte', 'Kjær', 'birte@example.com', 'trade'),
 ('BR-2', 'Олег', 'Петров', 'oleg@example.com', 'distributor');
INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, currency, status)
 SELECT CONCAT('BR-O', seq), (SELECT id FROM customers WHERE host_id = IF(seq % 2, 'BR-1', 'BR-2')),
  UTC_DATE() - INTERVAL seq * 25 DAY, UTC_DATE() - INTERVAL seq * 25 DAY, 1000 + seq * 137.25, 'DKK', 'paid'
 FROM (SELECT 1 seq UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6
  UNION SELECT 7 UNION SELECT 8 UNION SELECT 9 UNION SELECT 10 UNION SELECT 11 UNION SELECT 12) s;
INSERT INTO order_lines (order_id, line_no, quantity, line_total)
 SELECT id, 1, 1, total FROM orders WHERE host_id LIKE 'BR-O%';
`);
  /* orders written by SQL bypass the import: derive purchases (the trade page's source) again */
  cli(['purchases', 'rebuild']);
  /* the dashboard's figures of this data (and a job for its jobs table) */
  if (!runJob('shell.stats')) throw new Error('the shell.stats job did not finish');
}

/* Signs a staff admin in through the login form when the access layer exists. */
async function signIn(context) {
  const email = 'browser-admin@example.com';
  const password = 'browser-test-password-1';
  const stdinFlag = cli(['help']).includes('--password-stdin') ? ['--password-stdin'] : [];
  try { cli(['user', 'add', '--email', email, '--role', 'admin', ...stdinFlag], `${password}\n`); } catch (e) { /* exists */ }
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  const url = page.url();
  await page.close();
  return !/\/login/.test(url);
}

async function adminContext(browser, opts) {
  const ctx = await browser.newContext(Object.assign({}, opts.ctx));
  if (opts.staff) {
    if (!(await signIn(ctx))) throw new Error('staff sign-in failed');
  } else {
    await ctx.setExtraHTTPHeaders({ Authorization: `Bearer ${opts.key}` });
  }
  return ctx;
}

async function main() {
  seed();
  const key = confGet('security', 'api_key');
  const staff = hasCommand('user');
  /* launch() gives Chromium a fresh temporary --user-data-dir of its own (it refuses one in args) */
  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const opts = { key, staff };
  console.log(`# signed in as ${staff ? 'a staff admin (login form)' : 'the API key (no login command yet)'}`);

  try {
    /* ---- the dashboard in English, desktop width */
    let ctx = await adminContext(b, Object.assign({ ctx: { locale: 'en-GB', viewport: { width: 1280, height: 900 } } }, opts));
    let page = await ctx.newPage();
    let w = watch(page, { ignoreAborted: true });
    /* ?lang=en first: a staff user's language is a setting that outlives the session */
    await page.goto(`${BASE}/admin/?lang=en`, { waitUntil: 'networkidle' });
    let resp = await page.goto(`${BASE}/admin/`, { waitUntil: 'networkidle' });
    ok(resp && resp.status() === 200, 'admin dashboard answers 200', resp && resp.status());
    ok((await page.title()).startsWith('Dashboard'), 'the title names the page', await page.title());
    ok(await page.locator('nav.sl-navbar').isVisible(), 'the admin layout has its navigation bar');
    const customers = (await page.textContent('[data-stat=customers]')).trim();
    ok(/^\d[\d,]*$/.test(customers) && customers !== '0', 'the customer count is shown, grouped in English', customers);
    await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const chart = await page.evaluate(() => {
      const c = document.querySelector('canvas.sl-chart-canvas');
      const ch = c && window.Chart && window.Chart.getChart(c);
      return ch ? { bars: ch.data.datasets[0].data.length, sum: ch.data.datasets[0].data.reduce((a, v) => a + v, 0), w: c.width, h: c.height } : null;
    });
    ok(chart && chart.bars === 12 && chart.sum > 0 && chart.w > 100 && chart.h > 100,
      'the revenue chart renders 12 monthly bars', JSON.stringify(chart));
    ok(w.errors.length === 0, 'no console errors on the dashboard', w.errors.join('\n'));
    ok(w.failures.length === 0, 'no failed requests on the dashboard', w.failures.join('\n'));
    ok(await page.locator('table[data-client-sort] tbody tr').count() >= 1, 'the recent jobs table lists a job');
    await page.click('table[data-client-sort] th[data-sort=num]');
    ok((await page.getAttribute('table[data-client-sort] th[data-sort=num]', 'aria-sort')) === 'ascending',
      'a table column sorts on click');
    await shot(page, 'admin-dashboard-en');

    /* ---- navigation: every entry of the bar, then back through the brand */
    const links = await page.$$eval('.sl-nav a[data-nav]', (as) => as.map((a) => a.getAttribute('href')));
    if (links.length === 0) {
      skip('navigation entries lead to their pages', 'no signed-in staff role yet: the nav is built for a role');
    } else {
      let good = true;
      const diag = [];
      for (const href of links) {
        const r = await page.goto(new URL(href, BASE).toString(), { waitUntil: 'networkidle' });
        const active = await page.$eval('.sl-nav a.active', (a) => a.getAttribute('href')).catch(() => null);
        if (!r || r.status() !== 200 || active !== href) { good = false; diag.push(`${href}: ${r && r.status()} active=${active}`); }
        await shot(page, `nav${new URL(href, BASE).pathname.replace(/^\/salient/, '').replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}-en`);
      }
      ok(good, `navigation entries (${links.length}) lead to their pages, marked active`, diag.join('\n'));
    }
    await page.click('a.navbar-brand');
    ok(new URL(page.url()).pathname.endsWith('/admin/'), 'the brand leads home', page.url());
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors while navigating', [...w.errors, ...w.failures].join('\n'));

    /* ---- the language switch */
    await page.click('.sl-langs a[data-lang=da]');
    await page.waitForLoadState('networkidle');
    const switched = (await page.getAttribute('html', 'lang')) === 'da';
    const probe = execFileSync('curl', ['-s', '-H', `Authorization: Bearer ${key}`, `${BASE}/admin/?lang=da`], { encoding: 'utf8' });
    if (/<html lang="da"/.test(probe) || switched)
      ok(switched && (await page.textContent('h1')).trim() === 'Overblik', 'the language switch turns the page Danish',
        await page.textContent('h1'));
    else
      todo(switched, 'the language switch turns the page Danish', 'the core resolves ?lang with the access layer (issue 4)');
    await ctx.close();

    /* ---- the admin shell in Danish and Russian (the switch's ?lang, else Accept-Language) */
    for (const [lang, locale, title, number] of [['da', 'da-DK', 'Overblik', /^\d{1,3}(\.\d{3})*$/], ['ru', 'ru-RU', 'Сводка', /^\d{1,3}(\u00a0\d{3})*$/]]) {
      ctx = await adminContext(b, Object.assign({ ctx: { locale, viewport: { width: 1280, height: 900 } } }, opts));
      page = await ctx.newPage();
      w = watch(page, { ignoreAborted: true });
      resp = await page.goto(`${BASE}/admin/${staff ? `?lang=${lang}` : ''}`, { waitUntil: 'networkidle' });
      const h1 = (await page.textContent('h1')).trim();
      const count = (await page.textContent('[data-stat=customers]')).trim();
      ok(resp.status() === 200 && (await page.getAttribute('html', 'lang')) === lang && h1 === title,
        `the admin shell renders in ${lang}`, `${resp.status()} ${h1}`);
      ok(number.test(count), `numbers are grouped the ${lang} way`, JSON.stringify(count));
      ok(w.errors.length === 0 && w.failures.length === 0, `no errors in ${lang}`, [...w.errors, ...w.failures].join('\n'));
      await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
      await shot(page, `admin-dashboard-${lang}`);
      await ctx.close();
    }

    /* ---- a phone's width */
    ctx = await adminContext(b, Object.assign({ ctx: { locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } }, opts));
    page = await ctx.newPage();
    w = watch(page, { ignoreAborted: true });
    await page.goto(`${BASE}/admin/${staff ? '?lang=en' : ''}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const fit = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(fit.sw <= fit.iw, 'the dashboard fits a phone without sideways scrolling', JSON.stringify(fit));
    ok(await page.locator('.sl-menu-toggle').isVisible(), 'the navigation folds into a menu button on a phone');
    await page.click('.sl-menu-toggle');
    await page.waitForSelector('#sl-nav.open', { timeout: 5000 }).catch(() => {});
    ok(await page.locator('#sl-nav.open').count() === 1, 'the menu button opens the navigation');
    await shot(page, 'admin-dashboard-phone');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors at phone width', [...w.errors, ...w.failures].join('\n'));
    await ctx.close();

    /* ---- the trade layout in three languages */
    let link = null;
    if (hasCommand('token')) {
      try {
        const id = sql("SELECT host_id FROM customers WHERE host_id = 'BR-1'").trim();
        link = cli(['token', 'customer', id]).split(/\s+/).find((s) => /^https?:/.test(s)) || null;
      } catch (e) { link = null; }
    }
    for (const [lang, locale, word] of [['en', 'en-GB', 'Your account'], ['da', 'da-DK', 'Din konto'], ['ru', 'ru-RU', 'Ваш кабинет']]) {
      ctx = await browser_context_for_account(b, locale, key, link);
      page = await ctx.newPage();
      w = watch(page, { ignoreAborted: true });
      if (link) await page.goto(link.replace(/^https?:\/\/[^/]+\/salient/, BASE), { waitUntil: 'networkidle' });
      resp = await page.goto(`${BASE}/account/${link ? `?lang=${lang}` : ''}`, { waitUntil: 'networkidle' });
      const brand = (await page.textContent('.sl-account-bar .navbar-brand')).trim();
      ok(resp.status() === 200 && (await page.locator('body.sl-account').count()) === 1 &&
        (await page.getAttribute('html', 'lang')) === lang && brand === word,
      `the trade layout renders in ${lang}`, `${resp.status()} ${brand}`);
      if (link)
        ok(/Birte Kjær/.test(await page.textContent('h1')), `the trade home greets its customer (${lang})`);
      ok(w.errors.length === 0 && w.failures.length === 0, `no errors on the trade page (${lang})`, [...w.errors, ...w.failures].join('\n'));
      await shot(page, `account-home-${lang}`);
      await ctx.close();
    }
    ctx = await browser_context_for_account(b, 'en-GB', key, link, { width: 390, height: 844 });
    page = await ctx.newPage();
    if (link) await page.goto(link.replace(/^https?:\/\/[^/]+\/salient/, BASE), { waitUntil: 'networkidle' });
    await page.goto(`${BASE}/account/${link ? '?lang=en' : ''}`, { waitUntil: 'networkidle' });
    const afit = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(afit.sw <= afit.iw, 'the trade page fits a phone', JSON.stringify(afit));
    await shot(page, 'account-home-phone');
    await ctx.close();
  } finally {
    await b.close();
  }
  console.log(`# screenshots in ${SHOTS}`);
  return failures() ? 1 : 0;
}

/* The trade area: through the customer's sign-in link when the access layer exists, else the API key. */
async function browser_context_for_account(b, locale, key, link, viewport) {
  const ctx = await b.newContext({ locale, viewport: viewport || { width: 1280, height: 900 } });
  if (!link) await ctx.setExtraHTTPHeaders({ Authorization: `Bearer ${key}` });
  return ctx;
}

runMain(main);
