// The app shell's service worker, served as /sw.js (frontend/web_app.py puts VERSION, SHELL
// and OFFLINE_PAGE above this). It keeps the index page's static files (SHELL) so the app
// starts fast, and shows the offline page when a page cannot be reached. It never keeps
// anything else: no API answer (/graphql, anything sent with an Authorization header), no
// /share POST, no page (the pages come from the network, with their policy), no media.
// Installing fetches only the offline page, its styles, its colour scheme's script and the
// modules that put it in the reader's language (offline.js, dom.js, i18n.js, locales/); each
// other file of the shell is kept the first time the app loads it, so a visit costs no
// request it would not make.
const CACHE = `pinmark-shell-${VERSION}`;
const SHELL_PATHS = new Set(SHELL);
const PRECACHE = [
  OFFLINE_PAGE,
  ...SHELL.filter((path) =>
    /\/app\/(app\.css|color-scheme\.js|offline\.js|dom\.js|i18n\.js|locales\/\w+\.js)$/.test(path),
  ),
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("pinmark-shell-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function shellFile(request, url) {
  return (
    request.method === "GET" &&
    url.origin === self.location.origin &&
    SHELL_PATHS.has(url.pathname) &&
    !request.headers.has("Authorization")
  );
}

async function fromShell(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function pageOrOffline(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await caches.match(OFFLINE_PAGE, { cacheName: CACHE });
    if (offline) return offline;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (shellFile(request, url)) {
    event.respondWith(fromShell(request));
  } else if (request.mode === "navigate" && request.method === "GET") {
    event.respondWith(pageOrOffline(request));
  }
  // Anything else (the API, /share's POST, media) goes to the network untouched.
});
