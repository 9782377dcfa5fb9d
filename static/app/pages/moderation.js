// "/moderation", for staff: the queue of open reports (the oldest first, one card per
// subject with its reports, the three decisions with a note), the decision log and lifting
// a suspension. Anyone else gets "not allowed" (the API answers FORBIDDEN).
import { moderationLogSection } from "../components/moderation-log.js";
import { queueSection } from "../components/moderation-queue.js";
import { failure, h, heading, signInFirst } from "../dom.js";
import { signedIn } from "../session.js";
import { t } from "../i18n.js";

function notAllowed() {
  return h(
    "section",
    { class: "narrow not-allowed", id: "not-allowed" },
    h("p", { text: t("Only moderators may see this page: your account is not a staff account.") }),
    h("p", {}, h("a", { href: "/", text: t("Back to the newest images") })),
  );
}

export default async function moderation(view) {
  view.append(heading(t("Moderation")));
  if (!signedIn()) {
    view.append(signInFirst("/moderation", t("as a moderator to see the reports")));
    return;
  }
  const log = moderationLogSection();
  const queue = queueSection(() => log.reload());
  const body = h("div", { class: "moderation" }, h("p", { class: "list-state loading", text: t("Loading…") }));
  view.append(body);
  try {
    await queue.load();
  } catch (error) {
    body.replaceChildren(error.code === "FORBIDDEN" ? notAllowed() : failure(error.message));
    return;
  }
  body.replaceChildren(queue.section, log.section);
  log.reload();
}
