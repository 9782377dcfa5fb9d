// The colour scheme this device chose on the settings page (components/scheme-setting.js),
// put on <html> as data-scheme before the first paint: a classic script in each page's
// <head>, from our static files as the pages' policy wants. Without a choice the styles
// follow the system's scheme. A choice made in another tab applies here at once.
(() => {
  const KEY = "pinmark.colorScheme";
  const apply = (scheme) => {
    if (scheme === "light" || scheme === "dark") document.documentElement.dataset.scheme = scheme;
    else delete document.documentElement.dataset.scheme;
  };
  try {
    apply(localStorage.getItem(KEY));
  } catch {
    // Storage refused (a privacy setting): the system's scheme.
  }
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) apply(event.newValue);
  });
})();
