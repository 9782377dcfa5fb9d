// The language the front end speaks: the one the signed-in person chose (User.language,
// kept here by the settings page and at sign-in), else the first of the browser's that we
// speak, else English. Messages are written in English in the source, wrapped in t() or
// plural(); each other language has one catalogue module in locales/ mapping the English
// text to its own. Codes and enum values are never translated; dates and numbers are
// formatted for the language with Intl.
import es from "./locales/es.js";

export const LANGUAGES = { en: "English", es: "Español" };
const CATALOGUES = { en: {}, es };
// The person's own choice on this device; the API's `User.language` is its source of truth.
export const CHOSEN_LANGUAGE = "pinmark.language";

function chosenLanguage() {
  try {
    return localStorage.getItem(CHOSEN_LANGUAGE);
  } catch {
    return null;
  }
}

function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = tag.toLowerCase().split("-")[0];
    if (base in CATALOGUES) return base;
  }
  return "en";
}

function pickLanguage() {
  const chosen = chosenLanguage();
  return chosen in CATALOGUES ? chosen : browserLanguage();
}

export const language = pickLanguage();
document.documentElement.lang = language;

const NUMBERS = new Intl.NumberFormat(language);
const PLURALS = new Intl.PluralRules(language);

export function formatNumber(value) {
  return NUMBERS.format(value);
}

function fill(text, values) {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in values)) return whole;
    const value = values[name];
    return typeof value === "number" ? formatNumber(value) : String(value);
  });
}

// t("Saved to {board}.", { board: name }): the message in the reader's language, with
// its {placeholders} filled (numbers formatted for the language).
export function t(text, values) {
  const translated = CATALOGUES[language][text];
  return fill(translated === undefined ? text : translated, values);
}

// plural(count, "{count} like", "{count} likes"): the form the language's rules pick for
// `count`, translated; {count} is filled with the formatted number.
export function plural(count, one, other, values) {
  const form = PLURALS.select(count) === "one" ? one : other;
  return t(form, { count, ...values });
}

// Remember the person's language on this device (from the API at sign-in, or the
// settings page); the page is drawn again in it after a reload. null forgets it.
export function rememberLanguage(code) {
  try {
    if (code && code.toLowerCase() in CATALOGUES) localStorage.setItem(CHOSEN_LANGUAGE, code.toLowerCase());
    else localStorage.removeItem(CHOSEN_LANGUAGE);
  } catch {
    // Storage refused (private mode): the browser's language decides.
  }
  return pickLanguage() !== language;
}

// The page's own HTML (templates/index.html) marks its text with data-t (the element's
// text) and data-t-<attribute> (aria-label, placeholder, title): translated once at start.
export function translateDocument(root = document) {
  if (language === "en") return;
  for (const node of root.querySelectorAll("[data-t]")) {
    node.textContent = t(node.textContent.trim());
  }
  for (const attribute of ["aria-label", "placeholder", "title", "content"]) {
    for (const node of root.querySelectorAll(`[data-t-${attribute}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(attribute)));
    }
  }
}
