#!/usr/bin/env node
/*
 * report.t - the customer report builder in Debian's Chromium, headless
 * (playwright-core): a sales agent searches a customer by a Cyrillic name,
 * picks it, ticks the sections, downloads the PDF through the form, and
 * saves the choices as a definition that the page then lists and runs.  The
 * downloaded PDF is read back with pdftotext.  TAP for prove; run by
 * scripts/test against the real stack.  Screenshots go to
 * build/test-output/screenshots/.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const {
  BASE, CHROMIUM, LAUNCH_ARGS, ok, sql, cli, shot, runMain,
} = require('./lib.js');

async function main() {
  sql(`DELETE FROM report_definitions WHERE name = 'Browser report';
INSERT INTO customers (host_id, first_name, last_name, email, smart_type) VALUES
 ('BRR-1', 'Зоя', 'Ёлкина', 'zoya@example.ru', 'distributor')
 ON DUPLICATE KEY UPDATE first_name = VALUES(first_name), last_name = VALUES(last_name);`);
  const email = 'browser-report-agent@example.com';
  const password = 'browser-report-pass-1';
  try { cli(['user', 'add', '--email', email, '--role', 'agent', '--password-stdin'], `${password}\n`); } catch (e) { /* exists */ }

  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  try {
    const ctx = await b.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${BASE}/login?lang=en`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);

    let r = await page.goto(`${BASE}/admin/reports/customer`, { waitUntil: 'networkidle' });
    ok(r && r.status() === 200, 'the builder page opens for a sales agent', r && r.status());
    ok(await page.locator('.sl-nav a.active[data-nav="nav.report_customer"]').count() === 1,
      'its navigation entry is active');

    await page.fill('#f-q', 'Зоя');
    await Promise.all([page.waitForNavigation(), page.click('.sl-report-search button')]);
    const match = page.locator('.sl-matches li', { hasText: 'Зоя Ёлкина' });
    ok(await match.count() === 1, 'searching by the Cyrillic first name finds the customer');
    await Promise.all([page.waitForNavigation(), match.locator('a').click()]);
    ok((await page.inputValue('#f-customer')) === 'BRR-1', 'Pick fills the customer id');
    ok((await page.textContent('.sl-picked')).includes('Зоя Ёлкина'), 'and names the customer');
    await shot(page, 'report-builder-en');

    await page.check('#s-classifications');
    await page.selectOption('#f-lang', 'ru');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.sl-report-form button.btn-primary')]);
    ok(dl.suggestedFilename() === `customer-BRR-1-${new Date().toISOString().slice(0, 10)}.pdf` ||
      /^customer-BRR-1-\d{4}-\d\d-\d\d\.pdf$/.test(dl.suggestedFilename()),
      'Download gives customer-BRR-1-DAY.pdf', dl.suggestedFilename());
    const file = path.join(os.tmpdir(), `salient-report-${process.pid}.pdf`);
    await dl.saveAs(file);
    const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
    ok(head === '%PDF-', 'the download is a PDF', head);
    const text = execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    ok(text.includes('Отчёт по клиенту') && text.includes('Зоя Ёлкина') && text.includes('Классификации'),
      'in Russian, with the name and the section', text.slice(0, 300));
    fs.unlinkSync(file);

    await page.click('.sl-save summary');
    await page.fill('#f-name', 'Browser report');
    await page.check('#f-pick');
    await Promise.all([page.waitForNavigation(), page.click('.sl-save button')]);
    ok((await page.textContent('.sl-flash')).includes('saved'), 'Save reports success');
    const row = page.locator('.sl-definitions tr', { hasText: 'Browser report' });
    ok(await row.count() === 1, 'the definition is listed');
    ok((await row.textContent()).includes('Pick the customer at run time'), 'as picking its customer at run time');
    await row.locator('input[name=customer]').fill('BRR-1');
    const [dl2] = await Promise.all([page.waitForEvent('download'), row.locator('.sl-run button').click()]);
    ok(/^customer-BRR-1-/.test(dl2.suggestedFilename()), 'Run downloads the report', dl2.suggestedFilename());
    await shot(page, 'report-definitions-en');
    await Promise.all([page.waitForNavigation(), row.locator('button.btn-outline-danger').click()]);
    ok(await page.locator('.sl-definitions tr', { hasText: 'Browser report' }).count() === 0, 'Delete removes it');
    ok(errors.length === 0, 'no console errors', errors.join('\n'));

    /* a phone's width: the form stays usable */
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/admin/reports/customer?customer=BRR-1`, { waitUntil: 'networkidle' });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(wide <= 390, 'the page fits a phone\'s width', wide);
    await shot(page, 'report-builder-phone');
    await ctx.close();
  } finally {
    await b.close();
  }
}

runMain(main);
