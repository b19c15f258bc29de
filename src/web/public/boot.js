/* global window, fetch */
// Issue 16: the sign-in check (GET /api/auth/me) sent as soon as the page starts, while the app's code is still
// loading; src/web/boot.ts hands this answer to the app's first check. A plain script outside the bundle, loaded
// async ahead of the module entry: Vite joins every module script of index.html into that one entry, which runs
// only once all its code has arrived.
window.__cfEarlyMe = fetch('/api/auth/me', { credentials: 'same-origin' });
window.__cfEarlyMe.catch(function () {});
