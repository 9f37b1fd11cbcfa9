// The wallet's only script (issue #15). Every page works without it: forms post, the 亮证 page has a button for a
// new code and withdrawals have a confirmation page. With it: confirmation in a native <dialog>, the 亮证 countdown
// with automatic renewal, and a service worker that keeps the last 亮证 for showing offline.
(function () {
  'use strict';

  // Confirmation dialogs: a form with data-confirm opens #confirm-dialog, whose form posts to the same address.
  var dialog = document.getElementById('confirm-dialog');
  if (dialog && typeof dialog.showModal === 'function') {
    var opener = null;
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        opener = form.querySelector('button');
        document.getElementById('confirm-dialog-text').textContent = form.getAttribute('data-confirm');
        document.getElementById('confirm-dialog-form').setAttribute('action', form.getAttribute('action'));
        dialog.showModal();
        document.getElementById('confirm-dialog-cancel').focus();
      });
    });
    document.getElementById('confirm-dialog-cancel').addEventListener('click', function () {
      dialog.close();
    });
    dialog.addEventListener('close', function () {
      if (opener) { opener.focus(); }
    });
  }

  // 亮证: count down to the next code, then ask for it (a new short-lived share; the old one is withdrawn).
  var show = document.querySelector('main.show');
  if (show && show.getAttribute('data-state') === 'active') {
    var left = parseInt(show.getAttribute('data-refresh'), 10) || 60;
    var counter = document.getElementById('countdown');
    var note = document.getElementById('offline-note');
    var timer = setInterval(function () {
      left -= 1;
      if (left > 0) {
        counter.textContent = String(left);
        return;
      }
      if (navigator.onLine === false) {
        note.hidden = false;
        left = 5;
        return;
      }
      clearInterval(timer);
      counter.textContent = '0';
      document.getElementById('renew-form').submit();
    }, 1000);
    if (navigator.onLine === false) { note.hidden = false; }
  }

  // The service worker keeps the last 亮证 page and its QR code (scope /wallet/).
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' }).catch(function () {});
  }
})();
