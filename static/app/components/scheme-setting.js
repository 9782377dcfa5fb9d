// The settings page's colour scheme: the system's, light or dark. A per-device preference,
// kept in this browser's localStorage and not in the account; color-scheme.js puts it on
// <html> (data-scheme) before each page's first paint, and app.css draws both schemes.
import { choices, h } from "../dom.js";
import { t } from "../i18n.js";

// Read by ../color-scheme.js too.
const KEY = "pinmark.colorScheme";

const OPTIONS = [
  { value: "system", label: t("System"), hint: t("Light or dark as this device is set.") },
  { value: "light", label: t("Light"), hint: t("Dark text on light backgrounds.") },
  { value: "dark", label: t("Dark"), hint: t("Light text on dark backgrounds.") },
];

function choose(scheme) {
  const root = document.documentElement;
  if (scheme === "system") delete root.dataset.scheme;
  else root.dataset.scheme = scheme;
  try {
    if (scheme === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, scheme);
  } catch {
    // Storage refused: the choice holds until the page is left.
  }
}

export function schemeSection() {
  const current = document.documentElement.dataset.scheme || "system";
  const picker = choices({ legend: t("Colour scheme"), name: "scheme", options: OPTIONS, checked: current });
  picker.addEventListener("change", (event) => choose(event.target.value));
  return h(
    "section",
    { id: "appearance", class: "narrow", "aria-labelledby": "appearance-title" },
    h("h2", { id: "appearance-title", text: t("Appearance") }),
    h("p", { class: "hint", text: t("Kept on this device only: your other devices keep their own.") }),

    picker,
  );
}
