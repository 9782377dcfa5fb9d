// The front end in Spanish: English source text → Spanish (static/app/i18n.js). Besides
// its // comment lines and trailing commas, strict JSON (tests/test_front_end_catalogues.py
// reads it): a message in the source with no entry here, or an entry no source uses,
// fails that test.
export default {
  // The site's shell (templates/index.html) and the app's own modules
  "Images": "Imágenes",
  "just now": "ahora mismo",

  // Pages (pages/)

  // Components (components/)

  // The bookmarklet and its pages (static/bookmarklet/, bookmarklet/templates/)
};
