// The extension's messages, in the browser's language (extension/_locales/<language>/
// messages.json, English when it has none): `t(key, value)`; `localize(root)` fills
// elements marked `data-i18n` (their text) and `data-i18n-label` (their aria-label).
export function t(key, value) {
  return chrome.i18n.getMessage(key, value === undefined ? undefined : [String(value)]) || key;
}

export function localize(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  document.documentElement.lang = chrome.i18n.getUILanguage();
}
