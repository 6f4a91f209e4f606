/*
 * venue.js - the sales trajectory's charts (Insights > Sales trajectory):
 * each canvas.vn-chart names its chart's JSON API in data-src (the same
 * figures as the tables under it) and its series' labels in data-l-*.
 * Chart 1 switches between revenue, tickets and bookers with the buttons
 * [data-measure]; today is the last day with an actual value, and the
 * forecast is drawn dashed from there.
 */
(function () {
  'use strict';
  var charts = {};

  function load(c, done) {
    fetch(c.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); }).then(done).catch(function () {});
  }

  function sales(c, data, measure) {
    var days = (data.sales && data.sales.days) || [];
    var pick = function (k) { return days.map(function (d) { return d[measure][k]; }); };
    var cfg = {
      type: 'line',
      data: {
        labels: days.map(function (d) { return d.date; }),
        datasets: [
          { label: c.dataset.lActual, data: pick('actual'), borderWidth: 2, pointRadius: 0 },
          { label: c.dataset.lTrajectory, data: pick('trajectory'), borderWidth: 1, pointRadius: 0 },
          { label: c.dataset.lForecast, data: pick('forecast'), borderDash: [6, 4], borderWidth: 1, pointRadius: 0 }
        ]
      },
      options: { animation: false, responsive: true, interaction: { mode: 'index', intersect: false } }
    };
    if (charts.sales) charts.sales.destroy();
    charts.sales = new window.Chart(c.getContext('2d'), cfg);
  }

  function progress(c, data) {
    var days = (data.progress && data.progress.days) || [];
    var ds = ['revenue', 'tickets', 'bookers'].map(function (k) {
      return { label: c.dataset['l' + k.charAt(0).toUpperCase() + k.slice(1)] + ' %',
               data: days.map(function (d) { return d[k]; }), borderWidth: 2, pointRadius: 0 };
    });
    new window.Chart(c.getContext('2d'), { type: 'line',
      data: { labels: days.map(function (d) { return d.date; }), datasets: ds },
      options: { animation: false } });
  }

  function segments(c, data) {
    var rows = (data.segments && data.segments.rows) || [];
    new window.Chart(c.getContext('2d'), { type: 'bar',
      data: { labels: rows.map(function (r) { return r.label; }), datasets: [
        { label: c.dataset.lBookers, data: rows.map(function (r) { return r.bookers; }) },
        { label: c.dataset.lTarget, data: rows.map(function (r) { return r.target; }) }] },
      options: { animation: false } });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof window.Chart === 'undefined') return;
    document.querySelectorAll('canvas.vn-chart').forEach(function (c) {
      load(c, function (data) {
        var kind = c.dataset.vnChart;
        if (kind === 'sales') {
          sales(c, data, 'revenue');
          document.querySelectorAll('[data-measure]').forEach(function (b) {
            b.addEventListener('click', function () {
              document.querySelectorAll('[data-measure]').forEach(function (x) { x.classList.remove('active'); });
              b.classList.add('active');
              sales(c, data, b.dataset.measure);
            });
          });
        } else if (kind === 'progress') progress(c, data);
        else segments(c, data);
      });
    });
  });
})();
