// The reference front end: what a client of the Pinmark API does. Routes on real URLs
// (routes.json, drawn by router.js), one module per page (pages/), shared parts in
// components/; installable, with a service worker for the app shell.
import { SIGN_IN_CALLBACK } from "./components/social.js";
import { announce } from "./dom.js";
import { humanMessage } from "./errors.js";
import { t, translateDocument } from "./i18n.js";
import { navigate, render, startRouter } from "./router.js";
import { sessionChanged, signOut, watchSession } from "./session.js";

// Links mailed before the front end had paths: /#reset-password/<uid>/<token> and
// /#confirm-email/<uid>/<token> open the same pages.
function redirectOldLinks() {
  const old = location.hash.match(/^#(reset-password|confirm-email)\/([^/]+)\/([^/]+)$/);
  if (location.pathname === "/" && old) {
    history.replaceState(null, "", `/${old[1]}#${old[2]}/${old[3]}`);
  }
}

// A sign-in's #code=… (or #error=…) on any page but the callback is someone's link (it
// could sign this browser in to their account): dropped from the address, never used.
function dropStraySignInResult() {
  const values = new URLSearchParams(location.hash.slice(1));
  if (location.pathname.replace(/\/$/, "") === SIGN_IN_CALLBACK) return;
  if (values.has("code") || values.has("error")) {
    history.replaceState(null, "", `${location.pathname}${location.search}`);
  }
}

// The header's search box opens the results page without reloading the app.
document.querySelector("#site-search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = event.target.elements.q.value.trim();
  navigate(`/search?${new URLSearchParams({ q })}`);
});

document.querySelector("#sign-out").addEventListener("click", async () => {
  await signOut();
  await render({ focus: false });
  announce(t("Signed out."));
});

// Signed out by the server or in another tab: every open tab shows it at once, the page
// drawn again for whoever is signed in now.
watchSession(async (ended) => {
  sessionChanged();
  await render({ focus: false });
  if (ended) announce(humanMessage("SESSION_ENDED"));
});

translateDocument();
redirectOldLinks();
dropStraySignInResult();
window.addEventListener("hashchange", dropStraySignInResult);
startRouter();
sessionChanged();
await render({ focus: false });

// The service worker (/sw.js, from frontend/web_app.py) keeps the app shell's files for a
// fast start and shows a page of its own when offline; registered once the page is drawn.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {
    // Without it the app works as before, from the network.
  });
}
