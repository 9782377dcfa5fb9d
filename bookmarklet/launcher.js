(function (scriptUrl, saveUrl, messages) {
  var w = window, d = document, told = false;
  var language = String(navigator.language || "").toLowerCase().split("-")[0];
  function t(text, origin) {
    var table = messages[language] || {};
    return (table[text] || text).replace("{origin}", origin);
  }
  if (w.pinmarkBookmarklet) { w.pinmarkBookmarklet.toggle(); return; }
  if (w.pinmarkLoading) { return; }
  var origin = new URL(scriptUrl).origin, s = d.createElement("script");
  function say(message) {
    if (told) { return; }
    told = true;
    w.pinmarkLoading = false;
    d.removeEventListener("securitypolicyviolation", onViolation, true);
    s.remove();
    alert("Pinmark: " + message);
  }
  function blocked() {
    say(t("this page's Content-Security-Policy blocks scripts from {origin}, so the bookmarklet cannot run here.", origin));
  }
  function onViolation(e) {
    if (e.disposition === "enforce" && String(e.blockedURI).indexOf(origin) === 0) { blocked(); }
  }
  d.addEventListener("securitypolicyviolation", onViolation, true);
  s.onerror = function () {
    setTimeout(function () { say(t("the bookmarklet could not be loaded from {origin}.", origin)); }, 100);
  };
  s.onload = function () {
    told = true;
    w.pinmarkLoading = false;
    d.removeEventListener("securitypolicyviolation", onViolation, true);
    s.remove();
  };
  s.dataset.saveUrl = saveUrl;
  w.pinmarkLoading = true;
  try {
    s.src = scriptUrl + "?r=" + Date.now();
    (d.body || d.documentElement).appendChild(s);
  } catch (e) {
    blocked();
  }
})(SCRIPT_URL, SAVE_URL, MESSAGES);
