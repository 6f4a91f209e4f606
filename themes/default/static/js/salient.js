/*
 * salient.js - the theme's own behaviour, loaded at the end of every layout.
 * No inline script anywhere (the CSP allows script-src 'self' only): pages
 * hand data over in data attributes, read here.
 *
 *  - canvas.sl-chart-canvas: a Chart.js chart from data-labels, data-values
 *    (JSON arrays), data-series and data-chart-type; with data-compare-values
 *    (and data-compare-series) a second, grey series beside it (this period
 *    against the one before); data-marks (JSON booleans) draws the marked
 *    bars in orange (the dips of a sales-by-period chart); data-sets (JSON
 *    [{label, values}]) draws several series instead (service types side
 *    by side); marked data-rendered.
 *  - .sl-badge[data-colour]: the background colour "#rrggbb", with a
 *    readable text colour.
 *  - table[data-client-sort]: clicking a th[data-sort="num"|"text"] sorts the
 *    rows by each cell's data-value (or its text).
 *  - [data-sortable]: a SortableJS list (when the page loads Sortable); on
 *    drop, POSTs the new order of data-id values to data-sortable-url with
 *    the X-CSRF-Token header, then fires "sl:sorted" on the list (detail:
 *    the answer) when it was saved.
 */
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'en';
  var locale = { en: 'en-GB', da: 'da-DK', ru: 'ru-RU' }[lang] || lang;

  function csrfToken() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }

  function parseList(text) {
    try {
      var v = JSON.parse(text || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function drawCharts() {
    var canvases = document.querySelectorAll('canvas.sl-chart-canvas');
    if (!canvases.length || typeof window.Chart === 'undefined')
      return;
    var fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    canvases.forEach(function (c) {
      var marks = parseList(c.dataset.marks);
      var sets = [{
        label: c.dataset.series || '',
        data: parseList(c.dataset.values).map(Number),
        backgroundColor: marks.length ? marks.map(function (m) {
          return m ? 'rgba(253, 126, 20, 0.85)' : 'rgba(13, 110, 253, 0.7)';
        }) : 'rgba(13, 110, 253, 0.7)',
        borderColor: 'rgb(13, 110, 253)',
        borderWidth: 1
      }];
      if (c.dataset.sets !== undefined) {
        var palette = ['13, 110, 253', '25, 135, 84', '220, 53, 69', '253, 126, 20', '111, 66, 193'];
        sets = parseList(c.dataset.sets).map(function (s, i) {
          var rgb = palette[i % palette.length];
          return { label: String(s.label || ''), data: (Array.isArray(s.values) ? s.values : []).map(Number),
                   backgroundColor: 'rgba(' + rgb + ', 0.5)', borderColor: 'rgb(' + rgb + ')', borderWidth: 2 };
        });
      }
      if (c.dataset.compareValues !== undefined)
        sets.unshift({
          label: c.dataset.compareSeries || '',
          data: parseList(c.dataset.compareValues).map(Number),
          backgroundColor: 'rgba(108, 117, 125, 0.45)',
          borderColor: 'rgb(108, 117, 125)',
          borderWidth: 1
        });
      var chart = new window.Chart(c.getContext('2d'), {
        type: c.dataset.chartType || 'bar',
        data: { labels: parseList(c.dataset.labels), datasets: sets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: sets.length > 1 },
            tooltip: { callbacks: { label: function (ctx) { return fmt.format(ctx.parsed.y); } } }
          },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return fmt.format(v); } } } }
        }
      });
      c.dataset.rendered = chart ? '1' : '0';
    });
  }

  function colourBadges() {
    document.querySelectorAll('.sl-badge[data-colour]').forEach(function (b) {
      var c = b.dataset.colour;
      if (!/^#[0-9a-fA-F]{6}$/.test(c))
        return;
      var r = parseInt(c.substr(1, 2), 16), g = parseInt(c.substr(3, 2), 16), bl = parseInt(c.substr(5, 2), 16);
      b.style.backgroundColor = c;
      b.style.color = (r * 299 + g * 587 + bl * 114) / 1000 > 150 ? '#000' : '#fff';
    });
  }

  function cellValue(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim()) : '';
    return numeric ? (v === '' ? -Infinity : Number(v)) : v;
  }

  function clientSort() {
    document.querySelectorAll('table[data-client-sort]').forEach(function (table) {
      table.querySelectorAll('th[data-sort]').forEach(function (th) {
        th.tabIndex = 0;
        function sort() {
          var i = th.cellIndex, numeric = th.dataset.sort === 'num';
          var asc = th.getAttribute('aria-sort') !== 'ascending';
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, i, numeric), y = cellValue(b, i, numeric);
            var d = numeric ? x - y : String(x).localeCompare(String(y), locale);
            return asc ? d : -d;
          });
          rows.forEach(function (r) { body.appendChild(r); });
          table.querySelectorAll('th[aria-sort]').forEach(function (o) { o.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        }
        th.addEventListener('click', sort);
        th.addEventListener('keydown', function (e) {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
        });
      });
    });
  }

  function sortableLists() {
    if (typeof window.Sortable === 'undefined')
      return;
    document.querySelectorAll('[data-sortable]').forEach(function (list) {
      window.Sortable.create(list, {
        animation: 150,
        handle: list.dataset.sortableHandle || null,
        onEnd: function () {
          var url = list.dataset.sortableUrl;
          if (!url)
            return;
          var ids = Array.prototype.map.call(list.children, function (li) { return li.dataset.id; });
          fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() },
            body: JSON.stringify({ order: ids })
          }).then(function (r) {
            if (!r.ok)
              list.classList.add('border', 'border-danger');
            else
              list.dispatchEvent(new CustomEvent('sl:sorted', { detail: r }));
          });
        }
      });
    });
  }

  window.Salient = { csrfToken: csrfToken };

  function start() {
    colourBadges();
    clientSort();
    sortableLists();
    drawCharts();
  }
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
}());
