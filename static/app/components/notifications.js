// Notification groups as sentences: "carol and bob liked Sunset", "ann added you to
// Trips", linking to the image, the board or the person (a disabled webhook, to the
// developer settings); and marking them read.
import { graphql } from "../api.js";
import { h, time } from "../dom.js";
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

// What was done to an image, before its title, and without it (the image is gone).
const IMAGE_KINDS = {
  LIKED_YOUR_IMAGE: [" liked ", " liked an image"],
  COMMENTED_ON_YOUR_IMAGE: [" commented on ", " commented on an image"],
  MENTIONED_YOU: [" mentioned you on ", " mentioned you in a comment"],
};

// "carol", "carol and bob", "carol, bob and 2 others"
function who(group) {
  const names = group.actors.map((actor) => actor.username);
  const others = group.actorsCount - names.length;
  let text = names.join(names.length > 1 && others > 0 ? ", " : " and ") || "Someone";
  if (others > 0) text += ` and ${others} other${others > 1 ? "s" : ""}`;
  return text;
}

// One of the viewer's webhooks failed too often: told without an actor (it is theirs).
function webhookDisabled(group) {
  const url = group.target ? group.target.url : "one of your addresses";
  return h(
    "li",
    { class: group.unread ? "notification unread" : "notification" },
    h(
      "span",
      { class: "what" },
      h(
        "span",
        {},
        `Your webhook to ${url} was disabled after failing repeatedly: `,
        h("a", { href: "/settings/developers", text: "see its deliveries" }),
      ),
      group.unread ? h("span", { class: "visually-hidden", text: " (unread)" }) : null,
      time(group.latestAt),
    ),
  );
}

export function notificationItem(group) {
  if (group.kind === "WEBHOOK_DISABLED") return webhookDisabled(group);
  const target = group.target;
  let what;
  if (group.kind === "FOLLOWED_YOU") what = [" followed you"];
  else if (group.kind === "ADDED_YOU_TO_BOARD") {
    what = target
      ? [" added you to ", h("a", { href: boardPath(target), text: target.name })]
      : [" added you to a board"];
  } else {
    const [verb, fallback] = IMAGE_KINDS[group.kind] || IMAGE_KINDS.LIKED_YOUR_IMAGE;
    what = target && target.__typename === "Image"
      ? [verb, h("a", { href: imagePath(target), text: target.title })]
      : [fallback];
  }
  const actor = group.actors[0];
  const whoNode = actor && group.actorsCount === 1
    ? h("a", { href: userPath(actor.username), text: who(group) })
    : who(group);
  return h(
    "li",
    { class: group.unread ? "notification unread" : "notification" },
    actor ? avatar(actor, 32) : null,
    h(
      "span",
      { class: "what" },
      h("span", {}, whoNode, ...what),
      group.unread ? h("span", { class: "visually-hidden", text: " (unread)" }) : null,
      time(group.latestAt),
    ),
  );
}

export async function markAllRead() {
  await graphql(MARK_READ);
  notificationsChanged();
}
