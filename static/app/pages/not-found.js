// Any path no route knows, and a person or an image that does not exist.
import { h, heading } from "../dom.js";
import { t } from "../i18n.js";

export function notFound(view, what = t("This page does not exist.")) {
  view.replaceChildren(
    h(
      "section",
      { class: "narrow not-found" },
      heading(t("Not found")),
      h("p", { text: what }),
      h("p", {}, h("a", { href: "/", text: t("Back to the newest images") })),
    ),
  );
}

export default function render(view) {
  notFound(view);
}
