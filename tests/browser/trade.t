#!/usr/bin/env node
/*
 * trade.t - the trade customer's area at a phone's width (375 px) in
 * Debian's Chromium, headless, driven by playwright-core: signed in through
 * the shop's link, the summary's chart drawn (this year against the one
 * before, 12 months each), the target's progress bar, the suggestions
 * listed with the reason, no sideways scrolling, no console errors or
 * failed requests; and the same page in Danish.  Prints TAP for prove; run
 * by scripts/test against the real stack (SALIENT_URL, SALIENT_CONF,
 * SALIENT_VAR, SALIENT_BUILD).  Screenshots go to
 * build/test-output/screenshots/.
 */
'use strict';

const { chromium } = require('playwright-core');
const {
  BASE, SHOTS, CHROMIUM, LAUNCH_ARGS, ok, failures, sql, cli, watch, shot, runMain,
} = require('./lib.js');

/* A trade customer BT-1 who bought P1 this year and last, a distributor
 * BT-2 who made P2 and P3 popular, tags by maker and a range of their own
 * (so the test's suggestions stand apart from any other data the stack
 * holds), a target for this year. */
function seed() {
  sql(`
DELETE ol FROM order_lines ol JOIN orders o ON o.id = ol.order_id WHERE o.host_id LIKE 'BT-%';
DELETE FROM orders WHERE host_id LIKE 'BT-%';
DELETE t FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id LIKE 'BT-%';
DELETE FROM product_tags WHERE product_id IN (SELECT id FROM products WHERE host_id LIKE 'BT-%');
DELETE FROM products WHERE host_id LIKE 'BT-%';
DELETE FROM customers WHERE host_id LIKE 'BT-%';
DELETE FROM settings WHERE name LIKE 'trade.%' OR name = 'account.smart_types';
INSERT INTO customers (host_id, first_name, last_name, smart_type) VALUES
 ('BT-1', 'Birgit', 'Handel', 'trade'), ('BT-2', 'Dora', 'Distributør', 'distributor');
INSERT INTO products (host_id, name, sku) VALUES
 ('BT-P1', 'Nordlys lamp', 'NL-1'), ('BT-P2', 'Nordlys shade', 'NL-2'), ('BT-P3', 'Fjord chair', 'FJ-3');
INSERT INTO product_tags (product_id, tag_group, tag_value)
 SELECT id, 'manufacturer', IF(host_id = 'BT-P3', 'Fjord', 'Nordlys') FROM products WHERE host_id LIKE 'BT-%';
INSERT INTO product_tags (product_id, tag_group, tag_value)
 SELECT id, 'bt_range', 'Browser line' FROM products WHERE host_id LIKE 'BT-%';
INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, currency, status)
 SELECT CONCAT('BT-O', seq), (SELECT id FROM customers WHERE host_id = IF(seq <= 20, 'BT-1', 'BT-2')),
  CURDATE() - INTERVAL IF(seq <= 20, seq * 30, (seq - 20) * 10) DAY,
  CURDATE() - INTERVAL IF(seq <= 20, seq * 30, (seq - 20) * 10) DAY, 1000 + seq * 75.5, 'DKK', 'paid'
 FROM (SELECT 1 seq UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6
  UNION SELECT 7 UNION SELECT 8 UNION SELECT 9 UNION SELECT 10 UNION SELECT 11 UNION SELECT 12
  UNION SELECT 13 UNION SELECT 14 UNION SELECT 15 UNION SELECT 16 UNION SELECT 17 UNION SELECT 18
  UNION SELECT 19 UNION SELECT 20 UNION SELECT 21 UNION SELECT 22) s;
INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total)
 SELECT o.id, 1, (SELECT id FROM products WHERE host_id = IF(o.host_id IN ('BT-O21'), 'BT-P2',
   IF(o.host_id = 'BT-O22', 'BT-P3', 'BT-P1'))), 1, o.total FROM orders o WHERE o.host_id LIKE 'BT-O%';
INSERT INTO targets (customer_id, period_start, period_end, amount)
 SELECT id, MAKEDATE(YEAR(CURDATE()), 1), MAKEDATE(YEAR(CURDATE()) + 1, 1) - INTERVAL 1 DAY, 50000
 FROM customers WHERE host_id = 'BT-1';
`);
  /* orders written by SQL bypass the import: derive purchases (the page's source) again */
  cli(['purchases', 'rebuild']);
  cli(['popularity']);
}

async function main() {
  seed();
  const link = cli(['token', 'customer', 'BT-1']).split(/\s+/).find((s) => /^https?:/.test(s));
  ok(Boolean(link), 'salient token customer prints a link', link);
  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  try {
    const ctx = await b.newContext({ locale: 'en-GB', viewport: { width: 375, height: 812 },
      isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    const w = watch(page);
    let resp = await page.goto(link.replace(/^https?:\/\/[^/]+\/salient/, BASE), { waitUntil: 'networkidle' });
    resp = await page.goto(`${BASE}/account/?lang=en`, { waitUntil: 'networkidle' });
    ok(resp && resp.status() === 200, 'the trade area answers 200 after the shop\'s link', resp && resp.status());
    ok(/Birgit Handel/.test(await page.textContent('h1')), 'it greets the customer');
    await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const chart = await page.evaluate(() => {
      const c = document.querySelector('canvas.sl-chart-canvas');
      const ch = c && window.Chart && window.Chart.getChart(c);
      if (!ch) return null;
      const sets = ch.data.datasets.map((d) => ({ label: d.label, n: d.data.length, sum: d.data.reduce((a, v) => a + v, 0) }));
      return { sets, w: c.getBoundingClientRect().width, h: c.getBoundingClientRect().height };
    });
    ok(chart && chart.sets.length === 2 && chart.sets.every((s) => s.n === 12),
      'the chart draws two series of 12 months (this year, the year before)', JSON.stringify(chart));
    ok(chart && chart.sets[1].label === 'Last 12 months' && chart.sets[1].sum > 0 && chart.sets[0].sum > 0,
      'both years have purchases', JSON.stringify(chart));
    ok(chart && chart.w > 200 && chart.w <= 375 && chart.h > 100, 'the chart fits the phone\'s width', JSON.stringify(chart));
    const bar = await page.getAttribute('.sl-target progress', 'value');
    ok(bar !== null && Number(bar) > 0 && Number(bar) <= 100, 'the target has a progress bar', bar);
    ok(await page.locator('.sl-suggested li').count() >= 1, 'suggestions are listed');
    const why = await page.$$eval('.sl-suggested li .sl-why', (ls) => ls.map((l) => l.textContent.trim()));
    ok(why.length >= 1 && why.every((t) => /^Business customers who bought it this year: \d/.test(t)),
      'each says why it is suggested', JSON.stringify(why));
    const all = await page.$$eval('.sl-suggested li', (ls) => ls.map((l) => l.textContent.replace(/\s+/g, ' ').trim()));
    ok(!all.some((t) => /Nordlys lamp/.test(t)), 'not the product the customer buys already');
    const fit = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(fit.sw <= fit.iw, 'no sideways scrolling at 375 px', JSON.stringify(fit));
    ok(w.errors.length === 0, 'no console errors', w.errors.join('\n'));
    ok(w.failures.length === 0, 'no failed requests', w.failures.join('\n'));
    await shot(page, 'trade-account-phone');

    /* tag filtering by the test's own range: its two popular products, by
     * popularity (1 buyer each, then revenue: Fjord chair 2661, shade 2585.50) */
    sql("REPLACE INTO settings (name, value) VALUES ('trade.tag_filter', '1'), ('trade.tag_groups', 'bt_range')");
    await page.goto(`${BASE}/account/?lang=en`, { waitUntil: 'networkidle' });
    const ranged = await page.$$eval('.sl-suggested li', (ls) => ls.map((l) => l.textContent.replace(/\s+/g, ' ').trim()));
    ok(ranged.length === 2 && /Fjord chair/.test(ranged[0]) && /Nordlys shade/.test(ranged[1]) &&
      ranged.every((t) => /Popular with Browser line buyers/.test(t)),
      'the popular products never bought, in rank order, saying why', JSON.stringify(ranged));

    /* by maker, in Danish: only the maker the customer buys */
    sql("REPLACE INTO settings (name, value) VALUES ('trade.tag_groups', 'manufacturer')");
    await page.goto(`${BASE}/account/?lang=da`, { waitUntil: 'networkidle' });
    const da = (await page.$$eval('.sl-suggested li', (ls) => ls.map((l) => l.textContent.replace(/\s+/g, ' ').trim())))
      .filter((t) => /Nordlys|Fjord/.test(t));
    ok((await page.getAttribute('html', 'lang')) === 'da' && da.length === 1 && /Populær blandt Nordlys-købere/.test(da[0]),
      'with tag filtering, in Danish: the one product of the maker bought, with why', JSON.stringify(da));
    await page.waitForSelector('canvas.sl-chart-canvas[data-rendered="1"]', { timeout: 10000 }).catch(() => {});
    const fitDa = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(fitDa.sw <= fitDa.iw, 'the Danish page fits the phone too', JSON.stringify(fitDa));
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors in Danish', [...w.errors, ...w.failures].join('\n'));
    await shot(page, 'trade-account-phone-da');
    sql("DELETE FROM settings WHERE name LIKE 'trade.%'");
    await ctx.close();
  } finally {
    await b.close();
  }
  console.log(`# screenshots in ${SHOTS}`);
  return failures() ? 1 : 0;
}

runMain(main);
