// "/notifications": every notification group, newest first, live; mark them read.
import { graphql } from "../api.js";
import { markAllRead, notificationItem, NOTIFICATION_FIELDS } from "../components/notifications.js";
import { pagedList } from "../components/paged-list.js";
import { announce, h, heading, signInFirst } from "../dom.js";
import { onNotifications, signedIn } from "../session.js";
import { t } from "../i18n.js";

const NOTIFICATIONS = `query AllNotifications($first: Int!, $after: String) {
  notifications(first: $first, after: $after) {
    edges { node { ${NOTIFICATION_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

export default function notifications(view) {
  view.append(heading(t("Notifications")));
  if (!signedIn()) {
    view.append(signInFirst("/notifications", t("to see your notifications")));
    return;
  }
  const list = h("ul", { id: "notification-list", class: "notifications", "aria-label": t("Notifications") });
  const end = h("p", { id: "notifications-end", class: "list-state" });
  let pages = null;
  const load = () => {
    if (pages) pages.dispose();
    list.replaceChildren();
    pages = pagedList({
      list,
      end,
      fetchPage: async (after) => (await graphql(NOTIFICATIONS, { first: 20, after })).notifications,
      render: notificationItem,
      emptyText: t("No notifications yet: likes of your images and new followers show here."),
    });
  };
  view.append(
    h("p", {}, h("button", {
      id: "mark-all-read",
      type: "button",
      text: t("Mark all read"),
      onclick: () => markAllRead().catch((error) => announce(error.message)),
    })),
    list,
    end,
  );
  load();
  const stop = onNotifications(load);
  return () => {
    stop();
    if (pages) pages.dispose();
  };
}
