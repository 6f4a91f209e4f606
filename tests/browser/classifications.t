#!/usr/bin/env node
/*
 * classifications.t - the classifications page in Debian's Chromium,
 * headless, driven by playwright-core.  Prints TAP for prove; run by
 * scripts/test against the real stack (SALIENT_URL, SALIENT_CONF,
 * SALIENT_VAR, SALIENT_BUILD).
 *
 * Checks: the tiers render in position order with their range in words and
 * their colours, a group whose values are not ascending is flagged, a
 * drag-and-drop reorder (SortableJS) is saved (a reload shows the new
 * order and the API agrees), "Recalculate now" shows the job, the page in
 * Danish and Russian, and the page at a phone's width.  Screenshots go to
 * build/test-output/screenshots/.
 */
'use strict';

const { chromium } = require('playwright-core');
const {
  BASE, CHROMIUM, LAUNCH_ARGS, ok, failures, confGet, sql, cli, watch, shot, runMain,
} = require('./lib.js');

/* The API as the admin key: a JSON answer. */
async function api(method, p, body) {
  const r = await fetch(`${BASE}${p}`, {
    method,
    headers: { Authorization: `Bearer ${confGet('security', 'api_key')}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: await r.json() };
}

async function signedIn(browser, ctxOpts) {
  const email = 'browser-classify@example.com';
  const password = 'browser-classify-pass-1';
  try { cli(['user', 'add', '--email', email, '--role', 'admin', '--password-stdin'], `${password}\n`); } catch (e) { /* exists */ }
  const ctx = await browser.newContext(ctxOpts);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  if (/\/login/.test(page.url())) throw new Error('staff sign-in failed');
  await page.close();
  return ctx;
}

/* The ids of a group's tiers as the page lists them. */
async function tierIds(page, type) {
  return page.$$eval(`.sl-group[data-type=${type}] li.sl-tier`, (lis) => lis.map((li) => li.dataset.id));
}

async function main() {
  sql(`DELETE FROM customer_classifications; DELETE FROM classification_history; DELETE FROM classifications;
       DELETE FROM jobs WHERE kind = 'classify.recompute' AND state IN ('queued', 'running');
       DELETE FROM settings WHERE name IN ('classify.smart_types', 'classify.label.trade');`);
  const made = {};
  for (const c of [
    { title: 'Big spenders', type: 'revenue_share', value: 20, colour: '#198754', comments: 'Thank them personally' },
    { title: 'Solid', type: 'revenue_share', value: 60, colour: '#0d6efd' },
    { title: 'Long tail', type: 'revenue_share', value: 100, colour: '#adb5bd' },
    { title: 'Many orders', type: 'orders', value: 10, colour: '#6f42c1' },
    { title: 'Few orders', type: 'orders', value: 15, colour: '#d63384', min_spend: 250 },
  ]) {
    const r = await api('POST', '/api/v1/classifications', c);
    if (r.status !== 201) throw new Error(`creating ${c.title}: ${r.status} ${JSON.stringify(r.json)}`);
    made[c.title] = String(r.json.id);
  }
  /* tiers written before the API refused a tier that holds nobody: 10, then 5 */
  sql(`UPDATE classifications SET value = 5 WHERE id = ${made['Few orders']}`);
  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });

  try {
    /* ---- desktop, English */
    let ctx = await signedIn(b, { locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    let page = await ctx.newPage();
    let w = watch(page);
    let resp = await page.goto(`${BASE}/admin/classifications?lang=en`, { waitUntil: 'networkidle' });
    ok(resp && resp.status() === 200, 'the classifications page answers 200', resp && resp.status());
    ok((await page.title()).startsWith('Classifications'), 'the title names the page', await page.title());
    ok((await page.getAttribute('.sl-nav a.active', 'data-nav')) === 'nav.classifications',
      'its navigation entry is active');
    const share = await tierIds(page, 'revenue_share');
    ok(JSON.stringify(share) === JSON.stringify([made['Big spenders'], made.Solid, made['Long tail']]),
      'the revenue share tiers are in position order', JSON.stringify(share));
    const words = await page.$$eval('.sl-group[data-type=revenue_share] .sl-range', (s) => s.map((x) => x.textContent.trim()));
    ok(JSON.stringify(words) === JSON.stringify(['from 0% up to 20%', 'above 20% up to 60%', 'above 60% up to 100%']),
      'each tier shows its range in words', JSON.stringify(words));
    ok(/Thank them personally/.test(await page.textContent(`#c-${made['Big spenders']}`)), 'with its comments');
    const bg = await page.$eval(`#c-${made['Big spenders']} .sl-badge`, (e) => getComputedStyle(e).backgroundColor);
    ok(bg === 'rgb(25, 135, 84)', 'and its colour', bg);
    ok(await page.locator('.sl-group[data-type=revenue_share] .sl-not-ascending').count() === 0,
      'ascending tiers carry no warning');
    ok(await page.locator('.sl-group[data-type=orders] .sl-not-ascending').isVisible(),
      'the orders tiers (10, then 5) are flagged as not ascending');
    ok(/none: 5 is not above 10/.test(await page.textContent(`#c-${made['Few orders']}`)),
      'the empty tier says why');
    ok(/Minimum spend: 250\.00/.test(await page.textContent(`#c-${made['Few orders']}`)), 'a minimum is shown when set');
    ok((await page.getAttribute(`#c-${made.Solid} a.sl-count`, 'href')).endsWith(`/admin/customers?classification=${made.Solid}`),
      'the customer count links to the customer manager');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no console errors or failed requests',
      [...w.errors, ...w.failures].join('\n'));
    await shot(page, 'classifications-en');

    /* ---- drag and drop: Long tail to the top of its group */
    const handle = page.locator(`#c-${made['Long tail']} .sl-drag`);
    const target = page.locator(`#c-${made['Big spenders']}`);
    const saved = page.waitForResponse((r) => r.url().endsWith('/admin/classifications/order') && r.request().method() === 'POST',
      { timeout: 10000 }).catch(() => null);
    const hb = await handle.boundingBox();
    const tb = await target.boundingBox();
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(hb.x + hb.width / 2, hb.y + (tb.y + 4 - hb.y) * i / 10, { steps: 2 });
    const reloaded = page.waitForNavigation({ timeout: 10000 }).then(() => true).catch(() => false);
    await page.mouse.up();
    const r = await saved;
    ok(r && r.status() === 200, 'the new order is posted with the CSRF token and saved', r && r.status());
    ok(await reloaded, 'the page reloads itself to redraw the words');
    await page.reload({ waitUntil: 'networkidle' });
    /* requests the reloads cut short (the icon) are not errors */
    w.failures = w.failures.filter((f) => !/favicon\.svg: net::ERR_ABORTED$/.test(f));
    const after = await tierIds(page, 'revenue_share');
    ok(JSON.stringify(after) === JSON.stringify([made['Long tail'], made['Big spenders'], made.Solid]),
      'after a reload the page shows the new order', JSON.stringify(after));
    const listed = await api('GET', '/api/v1/classifications?type=revenue_share&smart_type=all');
    const ids = listed.json.classifications.map((c) => String(c.id));
    ok(JSON.stringify(ids) === JSON.stringify(after), 'the API agrees', JSON.stringify(ids));
    const moved = await page.$$eval('.sl-group[data-type=revenue_share] .sl-range', (s) => s.map((x) => x.textContent.trim()));
    ok(moved[0] === 'from 0% up to 100%' && /^none/.test(moved[1]), 'the words follow the new order', JSON.stringify(moved));
    ok(await page.locator('.sl-group[data-type=revenue_share] .sl-not-ascending').isVisible(),
      'and the group is now flagged');
    await shot(page, 'classifications-reordered');

    /* ---- Recalculate now: the job is shown, then the run */
    sql("DELETE FROM jobs WHERE kind = 'classify.recompute' AND state IN ('queued', 'running')");
    await Promise.all([page.waitForNavigation(), page.click('form.sl-recalc button')]);
    const flash = (await page.textContent('.sl-flash').catch(() => '')) || '';
    ok(/queued/.test(flash), 'Recalculate now queues a run and says so', flash);
    const seen = await page.waitForFunction(() => {
      const j = document.querySelector('[data-job-poll]');
      return (j && j.dataset.pollState) || document.querySelector('.sl-last-run[data-run-id]');
    }, null, { timeout: 20000 }).then(() => true).catch(() => false);
    ok(seen, 'the page follows the job (or shows its run once done)');
    await page.waitForSelector('.sl-last-run[data-run-id]', { timeout: 30000 }).catch(() => {});
    ok(await page.locator('.sl-last-run[data-run-id]').count() === 1, 'when it is done the page shows the last run');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors while reordering and recalculating',
      [...w.errors, ...w.failures].join('\n'));
    await ctx.close();

    /* ---- Danish and Russian */
    for (const [lang, locale, title, first] of [['da', 'da-DK', 'Klassifikationer', 'fra 0\u00a0% op til 100\u00a0%'],
      ['ru', 'ru-RU', 'Классификации', 'от 0\u00a0% до 100\u00a0%']]) {
      ctx = await signedIn(b, { locale, viewport: { width: 1280, height: 900 } });
      page = await ctx.newPage();
      w = watch(page);
      await page.goto(`${BASE}/admin/classifications?lang=${lang}`, { waitUntil: 'networkidle' });
      const h1 = (await page.textContent('h1')).trim();
      const range = (await page.textContent('.sl-group[data-type=revenue_share] .sl-range')).trim();
      ok(h1 === title && range === first, `the page renders in ${lang}`, `${h1} | ${JSON.stringify(range)}`);
      ok(w.errors.length === 0 && w.failures.length === 0, `no errors in ${lang}`, [...w.errors, ...w.failures].join('\n'));
      await shot(page, `classifications-${lang}`);
      await page.goto(`${BASE}/admin/classifications?lang=en`, { waitUntil: 'networkidle' });
      await ctx.close();
    }

    /* ---- a phone's width */
    ctx = await signedIn(b, { locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page = await ctx.newPage();
    w = watch(page);
    await page.goto(`${BASE}/admin/classifications`, { waitUntil: 'networkidle' });
    const fit = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(fit.sw <= fit.iw, 'the page fits a phone without sideways scrolling', JSON.stringify(fit));
    ok(await page.locator(`#c-${made.Solid} .sl-edit`).isVisible(), 'the edit buttons stay reachable');
    await page.click(`#c-${made.Solid} .sl-edit`);
    await page.waitForLoadState('networkidle');
    const ffit = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    ok(/\/admin\/classifications\/\d+$/.test(page.url()) && ffit.sw <= ffit.iw, 'the edit form fits a phone too',
      `${page.url()} ${JSON.stringify(ffit)}`);
    await shot(page, 'classifications-form-phone');
    await page.goto(`${BASE}/admin/classifications`, { waitUntil: 'networkidle' });
    await shot(page, 'classifications-phone');
    ok(w.errors.length === 0 && w.failures.length === 0, 'no errors at phone width', [...w.errors, ...w.failures].join('\n'));
    await ctx.close();
  } finally {
    await b.close();
  }
  return failures() ? 1 : 0;
}

runMain(main);
