(function (scriptUrl, saveUrl) {
  var w = window, d = document, told = false;
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
    say("this page's Content-Security-Policy blocks scripts from " + origin + ", so the bookmarklet cannot run here.");
  }
  function onViolation(e) {
    if (e.disposition === "enforce" && String(e.blockedURI).indexOf(origin) === 0) { blocked(); }
  }
  d.addEventListener("securitypolicyviolation", onViolation, true);
  s.onerror = function () {
    setTimeout(function () { say("the bookmarklet could not be loaded from " + origin + "."); }, 100);
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
})(SCRIPT_URL, SAVE_URL);
