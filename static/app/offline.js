// The page the service worker shows offline (offline.html), in the reader's language: its
// modules are in the app shell the worker keeps, so they load offline too.
import { h, nodes } from "./dom.js";
import { t } from "./i18n.js";

document.title = `${t("Offline")} · Pinmark`;
document.querySelector("main h1").textContent = t("You are offline");
document.querySelector("main p").replaceChildren(
  ...nodes(t("Pinmark cannot be reached just now. Check your connection, then {link}."), {
    link: h("a", { href: "/", text: t("try again") }),
  }),
);
