// An action ("ann liked Sunset") with links to who did it and what to.
import { h, nodes, time } from "../dom.js";
import { t } from "../i18n.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { imagePath, userPath } from "./cards.js";

export const ACTION_FIELDS = `id verb description createdAt actor { ${AVATAR_FIELDS} }
  target { __typename ... on Image { id slug title } ... on User { username } }`;

const VERBS = {
  JOINED: t("{actor} joined"),
  BOOKMARKED_IMAGE: t("{actor} posted {target}"),
  LIKED_IMAGE: t("{actor} liked {target}"),
  FOLLOWED_USER: t("{actor} followed {target}"),
  SAVED_IMAGE: t("{actor} saved {target}"),
  COMMENTED_ON_IMAGE: t("{actor} commented on {target}"),
};

function targetLink(target) {
  if (!target) return null;
  if (target.__typename === "Image") return h("a", { href: imagePath(target), text: target.title });
  return h("a", { href: userPath(target.username), text: target.username });
}

export function actionItem(action) {
  const verb = VERBS[action.verb];
  const complete = verb && (action.target || action.verb === "JOINED");
  const words = complete
    ? nodes(verb, {
        actor: h("a", { href: userPath(action.actor.username), text: action.actor.username }),
        target: targetLink(action.target),
      })
    : [action.description];
  return h(
    "li",
    { class: "action" },
    avatar(action.actor, 32),
    h("span", { class: "what" }, h("span", {}, ...words.filter(Boolean)), time(action.createdAt)),
  );
}
