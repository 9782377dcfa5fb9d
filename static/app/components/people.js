// People: a photo (or initials), the follow toggle, a row in a list of users.
import { graphql } from "../api.js";
import { announce, displayName, h } from "../dom.js";
import { plural, t } from "../i18n.js";
import { navigate } from "../router.js";
import { currentUsername, signedIn } from "../session.js";
import { avatar } from "./avatar.js";
import { userPath } from "./cards.js";

export const USER_FIELDS = `id username firstName lastName followersCount isFollowedByViewer
  profile { photo { url width height } }`;

const FOLLOW = `mutation Follow($id: ID!) {
  followUser(input: {id: $id}) { user { id followersCount isFollowedByViewer } errors { message } }
}`;

const UNFOLLOW = `mutation Unfollow($id: ID!) {
  unfollowUser(input: {id: $id}) { user { id followersCount isFollowedByViewer } errors { message } }
}`;

export function followersText(count) {
  return plural(count, "{count} follower", "{count} followers");
}

// The toggle; `onChange(user)` hears the new count. None for yourself.
export function followButton(user, onChange = () => {}) {
  if (user.username === currentUsername()) return null;
  const button = h("button", { type: "button", class: "follow", "data-username": user.username });
  // Shown as "Follow" or "Following"; read with the name: "Follow carol", pressed or not.
  const show = (following) => {
    button.setAttribute("aria-pressed", String(following));
    button.replaceChildren(
      following ? t("Following") : t("Follow"),
      h("span", { class: "visually-hidden", text: ` ${user.username}` }),
    );
  };
  show(user.isFollowedByViewer);
  button.addEventListener("click", async () => {
    if (!signedIn()) {
      await navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
      announce(t("Sign in to follow people."));

      return;
    }
    const following = button.getAttribute("aria-pressed") === "true";
    button.disabled = true;
    try {
      const data = await graphql(following ? UNFOLLOW : FOLLOW, { id: user.id });
      const payload = following ? data.unfollowUser : data.followUser;
      if (payload.errors.length) announce(payload.errors[0].message);
      else {
        show(payload.user.isFollowedByViewer);
        onChange(payload.user);
      }
    } catch (error) {
      announce(error.message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

export function userRow(user) {
  const count = h("span", { class: "followers", text: followersText(user.followersCount) });
  const name = displayName(user);
  return h(
    "li",
    { class: "person", "data-username": user.username },
    avatar(user),
    h(
      "span",
      { class: "who" },
      h("a", { href: userPath(user.username), class: "name", text: name }),
      name === user.username ? null : h("span", { class: "username", text: `@${user.username}` }),
      count,
    ),
    followButton(user, (changed) => {
      count.textContent = followersText(changed.followersCount);
    }),
  );
}
