// portal serve only (never in `portal build` output): reloads the page when
// the site was rebuilt, and lets the error overlay be closed with Escape.
(function () {
  'use strict';
  // The reloads sent before this page was read: a page read while the site
  // was being rebuilt is sent the ones it missed as soon as it listens.
  var seen = document.currentScript && document.currentScript.getAttribute('data-seen');
  var events = new EventSource('/_portal/events' + (seen ? '?seen=' + seen : ''));
  // The event names the pages that changed (or `*` for all): reload only
  // when this page is one of them.
  var here = window.location.pathname.replace(/index\.html$/, '');
  events.addEventListener('reload', function (e) {
    if (e.data === '*' || JSON.parse(e.data).indexOf(here) >= 0) window.location.reload();
  });
  var overlay = document.getElementById('_portal-fehler');
  if (!overlay) return;
  var close = function () { overlay.remove(); };
  overlay.querySelector('button').addEventListener('click', close);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.getElementById('_portal-fehler')) close();
  });
  overlay.focus();
})();
