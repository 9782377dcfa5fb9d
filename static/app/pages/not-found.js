// Any path no route knows, and a person or an image that does not exist.
import { h, heading } from "../dom.js";

export function notFound(view, what = "This page does not exist.") {
  view.replaceChildren(
    h(
      "section",
      { class: "narrow not-found" },
      heading("Not found"),
      h("p", { text: what }),
      h("p", {}, h("a", { href: "/", text: "Back to the newest images" })),
    ),
  );
}

export default function render(view) {
  notFound(view);
}
