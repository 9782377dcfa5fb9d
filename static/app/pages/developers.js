// "/settings/developers": what developers set up for their programs: webhooks
// (components/developer-webhooks.js).
import { webhooksSection } from "../components/developer-webhooks.js";
import { h, heading, signInFirst } from "../dom.js";
import { signedIn } from "../session.js";

export default function developers(view) {
  view.append(heading("Developer settings"));
  if (!signedIn()) {
    view.append(signInFirst("/settings/developers", "to manage your webhooks"));
    return;
  }
  view.append(
    h("p", {}, h("a", { href: "/settings", text: "Back to your settings" })),
    h("div", { class: "settings" }, webhooksSection()),
  );
}
