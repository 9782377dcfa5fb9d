// Notification groups as sentences: "carol and bob liked Sunset", "ann added you to
// Trips", linking to the image, the board or the person (a disabled webhook, to the
// developer settings); and marking them read.
import { graphql } from "../api.js";
import { h, nodes, time } from "../dom.js";
import { plural, t } from "../i18n.js";
import { notificationsChanged } from "../session.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { boardPath } from "./board-cards.js";
import { imagePath, userPath } from "./cards.js";

export const NOTIFICATION_FIELDS = `id kind actorsCount unread latestAt
  actors(first: 2) { ${AVATAR_FIELDS} }
  target { __typename ... on Image { id slug title } ... on User { username }
    ... on Board { id name slug owner { username } } ... on Webhook { url } }`;

const MARK_READ = `mutation MarkRead {
  markNotificationsRead(input: {}) { unreadNotificationsCount errors { message } }
}`;

// What was done to an image, with its title and without it (the image is gone).
const IMAGE_KINDS = {
  LIKED_YOUR_IMAGE: () => [t("{who} liked {image}"), t("{who} liked an image")],
  COMMENTED_ON_YOUR_IMAGE: () => [t("{who} commented on {image}"), t("{who} commented on an image")],
  MENTIONED_YOU: () => [t("{who} mentioned you on {image}"), t("{who} mentioned you in a comment")],
};

// "carol", "carol and bob", "carol, bob and 2 others"
function who(group) {
  const [first, second] = group.actors.map((actor) => actor.username);
  const count = group.actorsCount - group.actors.length;
  if (!first) return t("Someone");
  if (count > 0) {
    return second
      ? plural(count, "{first}, {second} and {count} other", "{first}, {second} and {count} others", { first, second })
      : plural(count, "{first} and {count} other", "{first} and {count} others", { first });
  }
  return second ? t("{first} and {second}", { first, second }) : first;
}

const UNREAD = () => h("span", { class: "visually-hidden", text: ` ${t("(unread)")}` });

// One of the viewer's webhooks failed too often: told without an actor (it is theirs).
function webhookDisabled(group) {
  const url = group.target ? group.target.url : t("one of your addresses");
  const link = h("a", { href: "/settings/developers", text: t("see its deliveries") });
  return h(
    "li",
    { class: group.unread ? "notification unread" : "notification" },
    h(
      "span",
      { class: "what" },
      h(
        "span",
        {},
        ...nodes(t("Your webhook to {url} was disabled after failing repeatedly: {link}", { url }), { link }),
      ),
      group.unread ? UNREAD() : null,
      time(group.latestAt),
    ),
  );
}

export function notificationItem(group) {
  if (group.kind === "WEBHOOK_DISABLED") return webhookDisabled(group);
  const target = group.target;
  const actor = group.actors[0];
  const whoNode = actor && group.actorsCount === 1
    ? h("a", { href: userPath(actor.username), text: who(group) })
    : who(group);
  let what;
  if (group.kind === "FOLLOWED_YOU") what = nodes(t("{who} followed you"), { who: whoNode });
  else if (group.kind === "ADDED_YOU_TO_BOARD") {
    what = target
      ? nodes(t("{who} added you to {board}"), {
          who: whoNode,
          board: h("a", { href: boardPath(target), text: target.name }),
        })
      : nodes(t("{who} added you to a board"), { who: whoNode });
  } else {
    const [withTitle, without] = (IMAGE_KINDS[group.kind] || IMAGE_KINDS.LIKED_YOUR_IMAGE)();
    what = target && target.__typename === "Image"
      ? nodes(withTitle, { who: whoNode, image: h("a", { href: imagePath(target), text: target.title }) })
      : nodes(without, { who: whoNode });
  }
  return h(
    "li",
    { class: group.unread ? "notification unread" : "notification" },
    actor ? avatar(actor, 32) : null,
    h(
      "span",
      { class: "what" },
      h("span", {}, ...what),
      group.unread ? UNREAD() : null,
      time(group.latestAt),
    ),
  );
}

export async function markAllRead() {
  await graphql(MARK_READ);
  notificationsChanged();
}
