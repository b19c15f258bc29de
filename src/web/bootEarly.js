/* global window, document, location, fetch, WebSocket */
// Issue 16: the sign-in check (GET /api/auth/me) sent as soon as the page starts, while the app's code is still
// loading; src/web/boot.ts hands this answer to the app's first check. A plain script outside the bundle, loaded
// async ahead of the module entry: Vite joins every module script of index.html into that one entry, which runs
// only once all its code has arrived. Served as /boot.js (vite.config.ts).
window.__cfEarlyMe = fetch('/api/auth/me', { credentials: 'same-origin' });
window.__cfEarlyMe.catch(function () {});
// A signed-in browser's live socket, opened as soon as the sign-in check says so: its handshake is done by the time
// the page subscribes (src/web/api.ts takes it over, boot.ts; the bell and every live page use it).
// On the wallboard (in the app or its kiosk view) the socket opens at once, beside the sign-in check rather than
// after it (the check's answer waits for a main thread busy with the entry: 10–200 ms), and asks the floor's snapshot
// (floor.snapshot, src/contract/live.ts) while the entry still loads and runs: the page shows its first tiles from
// that answer (boot.ts takeEarlySnapshot) and replaces them with the answer to its own ask, sent behind its
// subscribe. The socket authenticates by the session cookie; not signed in, the server closes it (4401) and the
// check's answer closes it here too, so the app opens its own after signing in.
var EARLY_SNAPSHOT_PATHS = ['/live/wallboard'];
// its id, filled in from src/web/boot.ts EARLY_SNAPSHOT_ID when /boot.js is served (vite.config.ts, bootPages.ts bootWithIds)
var EARLY_SNAPSHOT_ID = '__EARLY_SNAPSHOT_ID__';
function openEarlySocket() {
  return (window.__cfEarlySocket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/live'));
}
if (EARLY_SNAPSHOT_PATHS.indexOf(location.hash.replace(/^#/, '').split('?')[0]) >= 0) {
  var sock = openEarlySocket();
  window.__cfEarlySnapshot = new Promise(function (resolve) {
    var got = function (m) {
      var msg = JSON.parse(m.data);
      if (msg.id !== EARLY_SNAPSHOT_ID) return;
      sock.removeEventListener('message', got);
      window.__cfEarlySnapshotAnswer = { answer: msg.type === 'ack' ? msg.result : undefined };
      resolve(window.__cfEarlySnapshotAnswer.answer);
    };
    sock.addEventListener('message', got);
    sock.addEventListener('open', function () {
      sock.send(JSON.stringify({ type: 'floor.snapshot', id: EARLY_SNAPSHOT_ID }));
    });
    sock.addEventListener('close', function () {
      resolve(undefined);
    });
  });
  window.__cfEarlyMe
    .then(function (r) {
      if (r.ok) return;
      if (window.__cfEarlySocket === sock) window.__cfEarlySocket = null;
      sock.close();
    })
    .catch(function () {});
} else
  window.__cfEarlyMe
    .then(function (r) {
      if (r.ok) openEarlySocket();
    })
    .catch(function () {});

// The chunks of the page the address names, fetched now rather than once the entry has run (src/web/bootPages.ts):
// the build fills in each menu path's files (indexes into files); empty in development.
var BUILT = { pages: {}, files: [] };
(function () {
  var files = BUILT.pages[location.hash.replace(/^#/, '').split('?')[0]] || [];
  for (var i = 0; i < files.length; i++) {
    var link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = '/' + BUILT.files[files[i]];
    document.head.appendChild(link);
  }
})();
