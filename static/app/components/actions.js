// An action ("ann liked Sunset") with links to who did it and what to.
import { h, time } from "../dom.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { imagePath, userPath } from "./cards.js";

export const ACTION_FIELDS = `id verb description createdAt actor { ${AVATAR_FIELDS} }
  target { __typename ... on Image { id slug title } ... on User { username } }`;

const VERBS = {
  JOINED: "joined",
  BOOKMARKED_IMAGE: "posted",
  LIKED_IMAGE: "liked",
  FOLLOWED_USER: "followed",
  SAVED_IMAGE: "saved",
  COMMENTED_ON_IMAGE: "commented on",
};

function targetLink(target) {
  if (!target) return null;
  if (target.__typename === "Image") return h("a", { href: imagePath(target), text: target.title });
  return h("a", { href: userPath(target.username), text: target.username });
}

export function actionItem(action) {
  const verb = VERBS[action.verb];
  const complete = verb && (action.target || action.verb === "JOINED");
  const sentence = complete
    ? [
        h("a", { href: userPath(action.actor.username), text: action.actor.username }),
        ` ${verb}`,
        action.target ? " " : null,
        targetLink(action.target),
      ]
    : [action.description];
  return h(
    "li",
    { class: "action" },
    avatar(action.actor, 32),
    h("span", { class: "what" }, h("span", {}, ...sentence.filter(Boolean)), time(action.createdAt)),
  );
}
