// portal serve only (never in `portal build` output): reloads the page when
// the site was rebuilt, and lets the error overlay be closed with Escape.
(function () {
  'use strict';
  var events = new EventSource('/_portal/events');
  events.addEventListener('reload', function () { window.location.reload(); });
  var overlay = document.getElementById('_portal-fehler');
  if (!overlay) return;
  var close = function () { overlay.remove(); };
  overlay.querySelector('button').addEventListener('click', close);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.getElementById('_portal-fehler')) close();
  });
  overlay.focus();
})();
