// "/settings/developers": what developers set up for their programs, one section per
// component, each loading and changing its own part: personal access tokens, authorized
// apps, registered apps (OAuth) and webhooks.
import { appsSection } from "../components/developer-apps.js";
import { authorizedAppsSection } from "../components/developer-authorized-apps.js";
import { tokensSection } from "../components/developer-tokens.js";
import { webhooksSection } from "../components/developer-webhooks.js";
import { h, heading, signInFirst } from "../dom.js";
import { signedIn } from "../session.js";
import { t } from "../i18n.js";

// The sections, in the order they show.
const SECTIONS = [
  tokensSection,
  authorizedAppsSection,
  appsSection,
  webhooksSection,
];

export default function developers(view) {
  view.append(heading(t("Developer settings")));
  if (!signedIn()) {
    view.append(signInFirst("/settings/developers", t("to manage your tokens, apps and webhooks")));
    return;
  }
  view.append(
    h("p", {}, h("a", { href: "/settings", text: t("Back to your settings") })),
    h("div", { class: "settings developers" }, ...SECTIONS.map((section) => section())),
  );
}
