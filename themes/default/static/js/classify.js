/*
 * classify.js - the classifications page (loaded by classify/page only).
 * No inline script (CSP): the page hands data over in data attributes.
 *
 *  - [data-job-poll]: the queued or running recompute job.  Polls its URL
 *    (GET /api/v1/jobs/ID) every 1.5 s and shows the state and progress;
 *    when the job has finished, reloads the page for the new figures.
 *    Without JavaScript the page shows the state as of each reload.
 *  - the tier lists ([data-sortable], made sortable by salient.js): after a
 *    new order is saved ("sl:sorted"), reloads the page so the range words
 *    and the warnings follow the new order.
 */
(function () {
  'use strict';

  function pollJob(box) {
    var url = box.dataset.jobPoll;
    var bar = box.querySelector('progress');
    var pct = box.querySelector('.sl-job-percent');
    var badge = box.querySelector('.sl-state');
    var states = { queued: 1, running: 1 };

    function tick() {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (job) {
          if (!job) { box.dataset.pollState = 'error'; return; }
          box.dataset.pollState = job.state;
          var p = job.progress_total > 0 ? Math.floor(job.progress_done * 100 / job.progress_total) : 0;
          if (bar) { bar.value = p; bar.textContent = p + '%'; }
          if (pct) pct.textContent = p + '%';
          if (badge && badge.dataset.state !== job.state) {
            badge.className = 'badge sl-state sl-state-' + job.state;
            badge.dataset.state = job.state;
            badge.textContent = box.getAttribute('data-label-' + job.state) || job.state;
          }
          if (states[job.state]) window.setTimeout(tick, 1500);
          else window.location.reload();
        })
        .catch(function () { box.dataset.pollState = 'error'; });
    }
    window.setTimeout(tick, 1000);
  }

  function start() {
    document.querySelectorAll('[data-job-poll]').forEach(pollJob);
    document.querySelectorAll('[data-sortable]').forEach(function (list) {
      list.addEventListener('sl:sorted', function (e) {
        var done = function () { window.location.reload(); };
        /* read the answer to its end first, so the reload aborts nothing */
        if (e.detail && e.detail.text) e.detail.text().then(done, done);
        else done();
      });
    });
  }
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
}());
