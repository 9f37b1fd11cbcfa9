// The wallet's service worker (issue #15): keeps the last 亮证 (the full-screen QR page and its image) so that the
// holder can still show it without a network. Nothing else is cached; everything else goes to the network.
'use strict';
var CACHE = 'zy-wallet-last-shown-v1';
var LAST_PAGE = '/wallet/offline/last-shown';
var SHOW = /^\/wallet\/shares\/[^/]+\/show$/;
var QR = /^\/wallet\/shares\/[^/]+\/qr\.png$/;

self.addEventListener('install', function (event) {
  self.skipWaiting();
  // what to show offline before any 亮证 was kept
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.add('/wallet/offline'); }).catch(function () {}));
});
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (SHOW.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(LAST_PAGE, copy); }));
      }
      return response;
    }).catch(function () { return lastShown(); }));
  } else if (QR.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) {
          return cache.keys().then(function (keys) {
            return Promise.all(keys.filter(function (k) { return QR.test(new URL(k.url).pathname); })
              .map(function (k) { return cache.delete(k); }));
          }).then(function () { return cache.put(request, copy); });
        }));
      }
      return response;
    }).catch(function () { return caches.match(request, { ignoreSearch: true }); }));
  } else if (request.mode === 'navigate' && url.pathname.indexOf('/wallet') === 0) {
    event.respondWith(fetch(request).catch(function () { return lastShown(); }));
  }
});

function lastShown() {
  return caches.match(LAST_PAGE).then(function (page) {
    return page || caches.match('/wallet/offline').then(function (offline) {
      return offline || new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
    });
  });
}
