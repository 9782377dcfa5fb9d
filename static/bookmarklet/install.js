// A click on the bookmarklet here does nothing useful (and our CSP blocks it): explain instead.
(function () {
  "use strict";
  var link = document.getElementById("bookmarklet");
  var hint = document.getElementById("drag-hint");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    hint.hidden = false;
  });
})();
