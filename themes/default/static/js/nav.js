/*
 * nav.js - the admin bar's dropdown groups and phone menu.  Loaded in the
 * head of the staff layout (no inline script: CSP script-src 'self'); it
 * marks <html> with the sl-js class at once, so the stylesheet hides the
 * closed menus before the first paint, and wires the bar when the page is
 * parsed.
 *
 * Without it every group is a <details>/<summary> that the browser opens by
 * itself (click, Enter, Space) and the phone layout shows the whole bar.
 * With it each group's summary becomes a <button aria-expanded
 * aria-controls> in front of its list:
 *  - Enter/Space/click toggle the group; ArrowDown/ArrowUp open it and focus
 *    its first/last entry; ArrowLeft/ArrowRight move between the bar's items;
 *  - in an open group ArrowDown/ArrowUp/Home/End move between the entries,
 *    Escape closes it and gives the focus back to its button;
 *  - a click elsewhere, or the focus leaving the group, closes it;
 *  - at phone width (below 992px) one menu button opens the whole bar with
 *    every group open and stacked (each group's button still folds it).
 */
(function () {
  'use strict';

  document.documentElement.classList.add('sl-js');
  var phone = window.matchMedia('(max-width: 991.98px)');

  function setOpen(group, open) {
    group.classList.toggle('open', open);
    group.querySelector('.sl-group-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function links(group) {
    return Array.prototype.slice.call(group.querySelectorAll('.sl-group-menu a'));
  }

  /* Replaces the <details> of a group by a button and its list. */
  function upgrade(group) {
    var details = group.querySelector('details'), summary = details.querySelector('summary');
    var menu = details.querySelector('.sl-group-menu'), b = document.createElement('button');
    b.type = 'button';
    b.className = summary.className;
    b.id = 'sl-group-button-' + group.dataset.group;
    while (summary.firstChild)
      b.appendChild(summary.firstChild);
    b.setAttribute('aria-controls', menu.id);
    b.setAttribute('aria-expanded', 'false');
    menu.setAttribute('aria-labelledby', b.id);
    group.replaceChild(b, details);
    group.appendChild(menu);
    return b;
  }

  function start() {
    var bar = document.querySelector('[data-sl-nav]');
    if (!bar)
      return;
    var groups = Array.prototype.slice.call(bar.querySelectorAll('.sl-group'));
    var toggle = bar.querySelector('.sl-menu-toggle'), panel = bar.querySelector('.sl-nav-panel');

    function top() {
      return Array.prototype.slice.call(bar.querySelectorAll('.sl-nav > .sl-nav-item > .sl-nav-link'));
    }
    function closeAll(except) {
      if (phone.matches)
        return;
      groups.forEach(function (g) { if (g !== except) setOpen(g, false); });
    }
    function sync() {
      groups.forEach(function (g) { setOpen(g, phone.matches); });
      if (!phone.matches) {
        panel.classList.remove('open');
        toggle.setAttribute('aria-expanded', 'false');
      }
    }

    groups.forEach(function (g) {
      var b = upgrade(g);
      b.addEventListener('click', function () {
        var open = !g.classList.contains('open');
        closeAll(g);
        setOpen(g, open);
      });
      b.addEventListener('keydown', function (e) {
        var items = top(), i = items.indexOf(b), l;
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          closeAll(g);
          setOpen(g, true);
          l = links(g);
          if (l.length)
            l[e.key === 'ArrowDown' ? 0 : l.length - 1].focus();
        } else if (e.key === 'Escape') {
          setOpen(g, phone.matches);
        } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !phone.matches) {
          e.preventDefault();
          closeAll(null);
          items[(i + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length].focus();
        }
      });
      g.querySelector('.sl-group-menu').addEventListener('keydown', function (e) {
        var l = links(g), i = l.indexOf(document.activeElement), to = -1;
        if (e.key === 'ArrowDown') to = (i + 1) % l.length;
        else if (e.key === 'ArrowUp') to = (i + l.length - 1) % l.length;
        else if (e.key === 'Home') to = 0;
        else if (e.key === 'End') to = l.length - 1;
        else if (e.key === 'Escape') {
          e.preventDefault();
          setOpen(g, phone.matches);
          b.focus();
          return;
        }
        if (to >= 0) {
          e.preventDefault();
          l[to].focus();
        }
      });
      g.addEventListener('focusout', function (e) {
        if (!g.contains(e.relatedTarget) && !phone.matches)
          setOpen(g, false);
      });
    });
    top().forEach(function (a) {
      if (a.tagName !== 'A')
        return;
      a.addEventListener('keydown', function (e) {
        var items = top(), i = items.indexOf(a);
        if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !phone.matches) {
          e.preventDefault();
          items[(i + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length].focus();
        }
      });
    });
    document.addEventListener('click', function (e) {
      if (!e.target.closest || !e.target.closest('.sl-group'))
        closeAll(null);
    });
    toggle.addEventListener('click', function () {
      var open = !panel.classList.contains('open');
      panel.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && phone.matches && !e.defaultPrevented) {
        panel.classList.remove('open');
        toggle.setAttribute('aria-expanded', 'false');
        toggle.focus();
      }
    });
    if (phone.addEventListener)
      phone.addEventListener('change', sync);
    sync();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
}());
