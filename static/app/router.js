// Client-side routes on real URLs (History API). Links are plain <a href>: a click on one
// to a page of the front end is caught here and drawn without a reload; the server answers
// every such path with the same page, so a reload or a shared link works too. The routes
// are those of routes.json, which the server reads as well (frontend/routes.py).
import { $, announce } from "./dom.js";
import { t } from "./i18n.js";
import manifest from "./routes.json" with { type: "json" };

let current = null; // { cleanup }
// How many renders have started: one whose page module loads after a later one started
// leaves the page to it.
let renders = 0;

// A page's module, loaded when one of its routes is first drawn: its default export
// draws the page into <main> and may return a function that ends it.
function pageLoader(page) {
  return () => import(`./pages/${page}.js`);
}

// "/people/:username" matches /people/ann (and /people/ann/) with { username: "ann" };
// `params` are passed as they are (one module for several routes).
function compiled({ path, page, params = {} }) {
  const names = [];
  const source = path.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${source}/?$`), names, load: pageLoader(page), fixed: params };
}

const routes = manifest.routes.map(compiled);
const notFound = pageLoader(manifest.notFoundPage);

// Paths the server answers itself (not pages of the front end): links to them load.
const SERVER_PATHS = new RegExp(`^/(${manifest.serverPaths.join("|")})(/|$)`);

// The path of the first route that draws `page` ("sign-in-callback").
export function pathOf(page) {
  return manifest.routes.find((route) => route.page === page).path;
}

function match(pathname) {
  for (const { regex, names, load, fixed } of routes) {
    const found = pathname.match(regex);
    if (found) {
      const params = { ...fixed };
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1]);
      });
      return { load, params };
    }
  }
  return { load: notFound, params: {} };
}

export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, location.href);
  // A page of the server's own (the OAuth consent page after signing in) is loaded.
  if (target.origin === location.origin && SERVER_PATHS.test(target.pathname)) {
    if (replace) location.replace(target);
    else location.assign(target);
    return Promise.resolve();
  }
  if (replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  return render({ focus: true, scroll: !replace });
}

// Draw the page for the address bar now: after a navigation, back/forward, or a change
// of session (the same page, drawn for whoever is signed in now).
export async function render({ focus = true, scroll = false } = {}) {
  if (current && current.cleanup) current.cleanup();
  current = null;
  const started = ++renders;
  const main = $("#main");
  const { load, params } = match(location.pathname);
  let page;
  try {
    page = await load();
  } catch {
    announce(t("This page could not be loaded. Check your connection and reload."));
    return;
  }
  // A quicker navigation came since (its page's module loaded first): it draws, not this.
  if (started !== renders) return;
  const mine = {};
  current = mine;
  // Each page draws into a view of its own: one left behind by a quicker navigation
  // draws into a detached node.
  const view = document.createElement("div");
  view.className = "view";
  main.replaceChildren(view);
  main.setAttribute("aria-busy", "true");
  let cleanup = null;
  try {
    cleanup = await page.default(view, params, new URLSearchParams(location.search));
  } catch (error) {
    announce(error.message);
  }
  main.removeAttribute("aria-busy");
  if (current !== mine) {
    if (cleanup) cleanup();
    return;
  }
  mine.cleanup = cleanup;
  markCurrentLinks();
  const title = main.querySelector("h1");
  document.title = title ? `${title.textContent} · Pinmark` : "Pinmark";
  if (scroll) window.scrollTo(0, 0);
  // Moving focus to the new heading tells screen-reader users the page changed.
  if (focus && title) title.focus({ preventScroll: !scroll });
}

// The header's link to the page shown says so (aria-current), to the eye as well.
function markCurrentLinks() {
  for (const link of document.querySelectorAll("header a[href^='/']")) {
    if (new URL(link.href).pathname === location.pathname) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function ownLink(event) {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return null;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) return null;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    return null; // a link within the page
  }
  return url;
}

export function startRouter() {
  document.addEventListener("click", (event) => {
    const url = ownLink(event);
    if (!url) return;
    event.preventDefault();
    navigate(url);
  });
  window.addEventListener("popstate", () => render({ focus: true }));
}
