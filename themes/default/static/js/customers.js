/*
 * customers.js - the customer manager's pages (modules/customers), loaded
 * after Chart.js where a page has charts.  No inline script (CSP): the
 * pages hand data over in data attributes.
 *
 *  - the comment dialog (#cu-comment): opened from a list row's button
 *    (data-comment-url, data-comment-name), it posts to that customer;
 *    opened on the record, it keeps its own action.  Focus goes to the text.
 *  - canvas[data-cu-chart=history]: revenue per month (bars) and the risk
 *    score at each month's end (a line on its own axis), from data-labels,
 *    data-revenue, data-risk (JSON arrays; null = undefined risk).
 *  - canvas[data-cu-chart=decay]: probability alive (percent) over the next
 *    12 months, from data-labels and data-values.
 * Each drawn canvas is marked data-rendered="1".
 */
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'en';
  var locale = { en: 'en-GB', da: 'da-DK', ru: 'ru-RU' }[lang] || lang;

  function list(text) {
    try {
      var v = JSON.parse(text || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function commentDialog() {
    var modal = document.getElementById('cu-comment');
    if (!modal)
      return;
    var form = modal.querySelector('form[data-comment-form]');
    var who = modal.querySelector('[data-comment-who]');
    var text = modal.querySelector('textarea');
    modal.addEventListener('show.bs.modal', function (ev) {
      var b = ev.relatedTarget;
      if (b && b.dataset.commentUrl) {
        form.setAttribute('action', b.dataset.commentUrl);
        who.textContent = b.dataset.commentName || '';
      }
    });
    modal.addEventListener('shown.bs.modal', function () { text.focus(); });
    form.addEventListener('submit', function () {
      var save = form.querySelector('[data-comment-save]');
      if (save)
        save.disabled = true;
    });
  }

  function historyChart(c) {
    var num = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return new window.Chart(c.getContext('2d'), {
      data: {
        labels: list(c.dataset.labels),
        datasets: [{
          type: 'bar',
          label: c.dataset.revenueLabel || '',
          data: list(c.dataset.revenue).map(Number),
          backgroundColor: 'rgba(13, 110, 253, 0.6)',
          yAxisID: 'y'
        }, {
          type: 'line',
          label: c.dataset.riskLabel || '',
          data: list(c.dataset.risk).map(function (v) { return v === null ? null : Number(v); }),
          borderColor: 'rgb(220, 53, 69)',
          backgroundColor: 'rgb(220, 53, 69)',
          spanGaps: false,
          pointRadius: 2,
          yAxisID: 'y1'
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: true, position: 'bottom' } },
        scales: {
          y: { beginAtZero: true, position: 'left', ticks: { callback: function (v) { return num.format(v); } } },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  function decayChart(c) {
    return new window.Chart(c.getContext('2d'), {
      type: 'line',
      data: {
        labels: list(c.dataset.labels),
        datasets: [{
          label: c.dataset.series || '',
          data: list(c.dataset.values).map(Number),
          borderColor: 'rgb(25, 135, 84)',
          backgroundColor: 'rgba(25, 135, 84, 0.15)',
          fill: true,
          pointRadius: 2
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } } }
      }
    });
  }

  function charts() {
    if (typeof window.Chart === 'undefined')
      return;
    document.querySelectorAll('canvas[data-cu-chart]').forEach(function (c) {
      var chart = c.dataset.cuChart === 'history' ? historyChart(c) : decayChart(c);
      c.dataset.rendered = chart ? '1' : '0';
    });
  }

  function start() {
    commentDialog();
    charts();
  }
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
}());
