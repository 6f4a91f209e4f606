/*
 * lib.js - what every browser test (tests/browser/*.t) shares: TAP output,
 * the stack's config, database and command line, a page watcher and
 * screenshots.  The tests run against the real stack started by
 * scripts/test (SALIENT_URL, SALIENT_CONF, SALIENT_VAR, SALIENT_BUILD).
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const BASE = process.env.SALIENT_URL;
const SHOTS = path.join(ROOT, 'build', 'test-output', 'screenshots');
const BUILD = process.env.SALIENT_BUILD || path.join(ROOT, 'build');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/* Debian's Chromium, headless, with nothing of its own on the network */
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let n = 0;
let failed = 0;

/* One TAP test line; diagnostics also on stderr, so a non-verbose prove
 * run (CI) shows why a test failed. */
function ok(cond, name, diag) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`);
  if (!cond && diag) for (const l of String(diag).split('\n')) { console.log(`#   ${l}`); console.error(`#   ${l}`); }
  return cond;
}
function skip(name, why) { n++; console.log(`ok ${n} - ${name} # SKIP ${why}`); }
function todo(cond, name, why) {
  n++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${name} # TODO ${why}`);
}
/* How many tests ran, and how many failed (for the plan and exit code). */
const count = () => n;
const failures = () => failed;

/* A value of the stack's salient.conf, or ''. */
function confGet(section, key) {
  const text = fs.readFileSync(process.env.SALIENT_CONF, 'utf8');
  let sec = '';
  for (const line of text.split('\n')) {
    const s = line.match(/^\[(.+)\]/);
    if (s) { sec = s[1]; continue; }
    const kv = line.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/);
    if (kv && sec === section && kv[1] === key) return kv[2];
  }
  return '';
}

/* Runs SQL on the stack's database as its admin; returns the rows as TSV. */
function sql(statements) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.SALIENT_VAR}/run/mysqld.sock`,
    '-u', os.userInfo().username, '-N', '-B', 'salient'], { input: statements, encoding: 'utf8' });
}

/* Runs `salient ARGS` against the stack with input on stdin; its stdout. */
function cli(args, input) {
  return execFileSync(path.join(BUILD, 'salient'), ['-c', process.env.SALIENT_CONF, ...args],
    { input: input || '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/*
 * Queues a job of kind with `salient job enqueue` and waits (up to 60 s) for
 * the stack's worker to finish it; true when it is done.
 */
function runJob(kind) {
  const id = cli(['job', 'enqueue', kind]).trim();
  for (let i = 0; i < 600; i++) {
    const state = sql(`SELECT state FROM jobs WHERE id = ${Number(id)}`).trim();
    if (state === 'done') return true;
    if (state === 'failed') return false;
    execFileSync('sleep', ['0.1']);
  }
  return false;
}

/*
 * Watches a page for console errors, page errors and failed requests.
 * opts.ignoreAborted: a request the next navigation cancelled
 * (net::ERR_ABORTED) is not counted.
 */
function watch(page, opts) {
  const w = { errors: [], failures: [] };
  page.on('console', (m) => { if (m.type() === 'error') w.errors.push(m.text()); });
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('requestfailed', (r) => {
    const why = r.failure() && r.failure().errorText;
    if (!(opts && opts.ignoreAborted && why === 'net::ERR_ABORTED')) w.failures.push(`${r.url()}: ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) w.failures.push(`${r.url()}: ${r.status()}`); });
  return w;
}

/*
 * Runs a test's async main and ends the TAP output: the plan, and the exit
 * code main resolves to (or 1 when a test failed); main throwing is one
 * more failed test.  Outside `make test` (no stack) the whole test is
 * skipped; the screenshot folder is made first.
 */
function runMain(main) {
  if (!BASE || !process.env.SALIENT_CONF) {
    console.log('1..0 # SKIP run through make test (scripts/test)');
    return;
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  main().then((rc) => {
    console.log(`1..${count()}`);
    process.exitCode = rc || (failed ? 1 : 0);
  }, (e) => {
    ok(false, 'the browser tests ran to the end', e && e.stack);
    console.log(`1..${count()}`);
    process.exitCode = 1;
  });
}

/* A full-page screenshot into build/test-output/screenshots/NAME.png. */
async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

module.exports = {
  ROOT, BASE, SHOTS, BUILD, CHROMIUM, LAUNCH_ARGS,
  ok, skip, todo, count, failures, confGet, sql, cli, runJob, watch, shot, runMain,
};
