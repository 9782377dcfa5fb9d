// The install page in the reader's language; a click on the bookmarklet here does nothing
// useful (and our CSP blocks it): explain instead.
import { t, translateDocument } from "../app/i18n.js";

document.title = t("The Pinmark bookmarklet");
translateDocument();
const link = document.getElementById("bookmarklet");
const hint = document.getElementById("drag-hint");
link.addEventListener("click", (event) => {
  event.preventDefault();
  hint.hidden = false;
});
