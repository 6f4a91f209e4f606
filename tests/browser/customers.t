#!/usr/bin/env node
/*
 * customers.t - the customer manager in Debian's Chromium, headless, driven
 * by playwright-core (the model is pages.t).  Prints TAP for prove; run by
 * scripts/test against the real stack (SALIENT_URL, SALIENT_CONF,
 * SALIENT_VAR, SALIENT_BUILD).
 *
 * Checks, signed in as a sales agent: the list finds the seeded customers
 * with their colour badges; the comment dialog opens from a row, names the
 * customer, saves, and the list says so; the record draws its revenue and
 * risk chart and the probability-alive chart, lists the comment newest
 * first with its author, and its own dialog adds another; both pages fit a
 * phone's width; no console errors or failed requests anywhere.
 * Screenshots go to build/test-output/screenshots/.
 */
'use strict';

const { chromium } = require('playwright-core');
const {
  BASE, SHOTS, CHROMIUM, LAUNCH_ARGS, ok, failures, sql, cli, watch, shot, runMain,
} = require('./lib.js');

const EMAIL = 'browser-agent@example.com';
const PASSWORD = 'browser-agent-password-1';

/* Two trade customers named Browsertest, a classification each, a year of
 * monthly orders and a prediction for the first. */
function seed() {
  sql(`
DELETE FROM customer_classifications WHERE classification_id IN (SELECT id FROM classifications WHERE title LIKE 'BT %');
DELETE FROM classifications WHERE title LIKE 'BT %';
DELETE FROM orders WHERE host_id LIKE 'BT-%';
DELETE FROM predict_fits WHERE reason = 'browser test';
DELETE FROM customers WHERE host_id LIKE 'BT-%';
INSERT INTO customers (host_id, first_name, last_name, email, smart_type, account_manager) VALUES
 ('BT-1', 'Birgit', 'Browsertest', 'birgit@example.com', 'trade', 'Agnes'),
 ('BT-2', 'Bent', 'Browsertest', 'bent@example.com', 'retail', 'Agnes');
INSERT INTO classifications (title, colour, type, smart_type, value, position) VALUES
 ('BT Loyal', '#198754', 'orders', 'all', 100, 90), ('BT At risk', '#dc3545', 'risk_score', 'all', 900, 90);
INSERT INTO customer_classifications (customer_id, classification_id, since)
 SELECT c.id, k.id, UTC_DATE() FROM customers c JOIN classifications k
 WHERE (c.host_id = 'BT-1' AND k.title = 'BT Loyal') OR (c.host_id = 'BT-2' AND k.title = 'BT At risk');
INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, currency, status)
 SELECT CONCAT('BT-O', seq), (SELECT id FROM customers WHERE host_id = 'BT-1'),
  UTC_DATE() - INTERVAL seq * 30 DAY, UTC_DATE() - INTERVAL seq * 30 DAY, 500 + seq * 25, 'DKK', 'paid'
 FROM seq_1_to_12;
INSERT INTO predict_fits (smart_type, as_of, n_customers, n_repeaters, history_days, monthly_discount,
 r, alpha, a, b, status, reason) VALUES ('trade', UTC_DATE(), 300, 80, 400, 0.01, 1.2, 14, 0.33, 7, 'published', 'browser test');
REPLACE INTO customer_predictions (customer_id, fit_id, as_of, p_alive, expected_orders_90d, expected_aov, clv_12m, x, t_x, T)
 SELECT (SELECT id FROM customers WHERE host_id = 'BT-1'), LAST_INSERT_ID(), UTC_DATE(), 0.91, 2.5, 600, 5400, 11, 47, 52;
`);
  try { cli(['user', 'add', '--email', EMAIL, '--role', 'agent', '--password-stdin'], `${PASSWORD}\n`); } catch (e) { /* exists */ }
  try { cli(['user', 'enable', '--email', EMAIL]); } catch (e) { /* enabled */ }
  sql(`UPDATE users SET name = 'Browser Agent' WHERE email = '${EMAIL}';`);
}

async function agentContext(browser, opts) {
  const ctx = await browser.newContext(opts);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login?lang=en`);
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  const url = page.url();
  await page.close();
  if (/\/login/.test(url)) throw new Error('the sales agent could not sign in');
  return ctx;
}

async function fits(page) {
  return page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
}

async function main() {
  seed();
  const bt1 = sql("SELECT id FROM customers WHERE host_id = 'BT-1'").trim();
  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  try {
    /* ---- the list */
    let ctx = await agentContext(b, { locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    let page = await ctx.newPage();
    let w = watch(page);
    let resp = await page.goto(`${BASE}/admin/customers?q=Browsertest&sort=customer_id`, { waitUntil: 'networkidle' });
    ok(resp && resp.status() === 200, 'the customer list answers 200', resp && resp.status());
    ok((await page.title()).startsWith('Customers'), 'its title names the page', await page.title());
    const rows = await page.$$eval('table[data-customers] tbody tr', (trs) => trs.map((tr) => tr.querySelector('[data-customer-id]').textContent.trim()));
    ok(JSON.stringify(rows) === '["BT-1","BT-2"]', 'the search finds both Browsertest customers', JSON.stringify(rows));
    const badge = await page.$eval(`tr[data-customer="${bt1}"] .sl-badge`, (e) => ({ text: e.textContent.trim(), bg: getComputedStyle(e).backgroundColor }));
    ok(badge.text === 'BT Loyal' && badge.bg === 'rgb(25, 135, 84)', 'a colour badge under the name', JSON.stringify(badge));
    ok(await page.locator('nav.sl-navbar a.active[data-nav="nav.customers"]').count() === 1, 'Customers is the active navigation entry');
    await shot(page, 'customers-list');

    /* ---- the comment dialog from the list */
    await page.click(`tr[data-customer="${bt1}"] button[data-comment-url]`);
    await page.waitForSelector('#cu-comment.show', { timeout: 5000 }).catch(() => {});
    ok(await page.locator('#cu-comment.show').count() === 1, 'the comment button opens the dialog');
    ok((await page.textContent('#cu-comment [data-comment-who]')).trim() === 'Birgit Browsertest', 'the dialog names the customer',
      await page.textContent('#cu-comment [data-comment-who]'));
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'cu-comment-text', null, { timeout: 5000 }).catch(() => {});
    ok(await page.evaluate(() => document.activeElement && document.activeElement.id === 'cu-comment-text'), 'and puts the cursor in the text');
    await shot(page, 'customers-comment-dialog');
    await page.fill('#cu-comment-text', 'Called from the browser test\nsecond line');
    await Promise.all([page.waitForNavigation(), page.click('#cu-comment [data-comment-save]')]);
    ok(new URL(page.url()).searchParams.get('commented') === bt1, 'saving returns to the list', page.url());
    ok(/Comment saved for\s+Birgit Browsertest/.test(await page.textContent('[data-commented]')), 'which says the comment is saved');
    ok(new URL(page.url()).searchParams.get('q') === 'Browsertest', 'with the same filters');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors on the list', [...w.errors, ...w.failures].join('\n'));

    /* ---- the record */
    w = watch(page);
    resp = await page.goto(`${BASE}/admin/customers/${bt1}`, { waitUntil: 'networkidle' });
    ok(resp.status() === 200 && (await page.textContent('h1')).trim() === 'Birgit Browsertest', 'the record opens', resp.status());
    await page.waitForSelector('canvas[data-cu-chart=history][data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const chart = await page.evaluate(() => {
      const c = document.querySelector('canvas[data-cu-chart=history]');
      const ch = c && window.Chart && window.Chart.getChart(c);
      return ch ? {
        months: ch.data.labels.length, sets: ch.data.datasets.length,
        revenue: ch.data.datasets[0].data.reduce((a, v) => a + v, 0),
        risk: ch.data.datasets[1].data.filter((v) => v !== null).length, w: c.width, h: c.height,
      } : null;
    });
    ok(chart && chart.months === 24 && chart.sets === 2 && chart.revenue > 0 && chart.risk > 0 && chart.w > 100 && chart.h > 100,
      'the chart draws 24 months of revenue and risk', JSON.stringify(chart));
    await page.waitForSelector('canvas[data-cu-chart=decay][data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const decay = await page.evaluate(() => {
      const c = document.querySelector('canvas[data-cu-chart=decay]');
      const ch = c && window.Chart && window.Chart.getChart(c);
      return ch ? ch.data.datasets[0].data : null;
    });
    ok(decay && decay.length === 12 && decay[0] > 0 && decay[0] <= 100, 'the probability-alive chart draws 12 months', JSON.stringify(decay));
    ok((await page.textContent('[data-pred=p_alive]')).trim() === '91.0%', 'probability alive is shown', await page.textContent('[data-pred=p_alive]'));
    const first = await page.$eval('[data-comments] li', (li) => ({ text: li.querySelector('.cu-comment-text').textContent, author: li.querySelector('[data-author]').textContent }));
    ok(first.text === 'Called from the browser test\nsecond line' && first.author === 'Browser Agent',
      'the comment is listed with its author, line breaks kept', JSON.stringify(first));
    ok(await page.locator('a[data-trade]').count() === 1, 'a trade customer links to its trade summary');
    await shot(page, 'customers-record');

    /* ---- the record's own dialog */
    await page.click('button[data-comment-open]');
    await page.waitForSelector('#cu-comment.show', { timeout: 5000 }).catch(() => {});
    await page.fill('#cu-comment-text', 'Newest comment');
    await Promise.all([page.waitForNavigation(), page.click('#cu-comment [data-comment-save]')]);
    ok(new URL(page.url()).pathname.endsWith(`/admin/customers/${bt1}`), 'the record\'s dialog returns to the record', page.url());
    const texts = await page.$$eval('[data-comments] .cu-comment-text', (es) => es.map((e) => e.textContent));
    ok(texts[0] === 'Newest comment' && texts[1] === 'Called from the browser test\nsecond line', 'comments newest first', JSON.stringify(texts));
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors on the record', [...w.errors, ...w.failures].join('\n'));
    await ctx.close();

    /* ---- a phone's width */
    ctx = await agentContext(b, { locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page = await ctx.newPage();
    w = watch(page);
    await page.goto(`${BASE}/admin/customers?q=Browsertest`, { waitUntil: 'networkidle' });
    let fit = await fits(page);
    ok(fit.sw <= fit.iw, 'the list fits a phone without sideways scrolling', JSON.stringify(fit));
    const box = await page.locator(`tr[data-customer="${bt1}"] button[data-comment-url]`).boundingBox();
    ok(box && box.x >= 0 && box.x + box.width <= fit.iw, 'the comment button stays on screen on a phone', JSON.stringify(box));
    await shot(page, 'customers-list-phone');
    await page.goto(`${BASE}/admin/customers/${bt1}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('canvas[data-cu-chart=history][data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    fit = await fits(page);
    ok(fit.sw <= fit.iw, 'the record fits a phone', JSON.stringify(fit));
    await shot(page, 'customers-record-phone');
    await page.goto(`${BASE}/admin/reports/orders?manager=Agnes`, { waitUntil: 'networkidle' });
    await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    fit = await fits(page);
    ok(fit.sw <= fit.iw && await page.locator('canvas.sl-chart-canvas[data-rendered="1"]').count() === 1,
      'the order analysis report draws its trend and fits a phone', JSON.stringify(fit));
    await shot(page, 'customers-report-phone');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors at phone width', [...w.errors, ...w.failures].join('\n'));
    await ctx.close();
  } finally {
    await b.close();
  }
  console.log(`# screenshots in ${SHOTS}`);
  return failures() ? 1 : 0;
}

runMain(main);
