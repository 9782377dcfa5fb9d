// "/people/<username>": their photo, counts and the follow toggle; their images, the
// images they like and their boards (three tabs, infinite scroll, live likes; on one's own
// page, a new board); what they did lately.
import { graphql } from "../api.js";
import { actionItem, ACTION_FIELDS } from "../components/actions.js";
import { boardCard, BOARD_CARD_FIELDS } from "../components/board-cards.js";
import { newBoard } from "../components/board-owner.js";
import { card, CARD_FIELDS, userPath } from "../components/cards.js";
import { liveImages } from "../components/likes.js";
import { pagedList } from "../components/paged-list.js";
import { avatar } from "../components/avatar.js";
import { followButton, followersText } from "../components/people.js";
import { blockedNotice, personMenu } from "../components/safety-menu.js";
import { displayName, failure, h, heading, listState } from "../dom.js";
import { currentUsername } from "../session.js";
import { notFound } from "./not-found.js";
import { plural, t } from "../i18n.js";

const PAGE_SIZE = 12;

const USER = `query UserPage($username: String!) {
  user(username: $username) {
    id username firstName lastName dateJoined isFollowedByViewer
    followersCount followingCount imagesCount
    profile { photo { url width height } }
  }
  actions(username: $username, first: 10) { edges { node { ${ACTION_FIELDS} } } }
}`;

const POSTED = `query Posted($username: String!, $first: Int!, $after: String) {
  images(postedBy: $username, first: $first, after: $after) {
    edges { node { ${CARD_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

const LIKED = `query Liked($username: String!, $first: Int!, $after: String) {
  images(likedBy: $username, first: $first, after: $after) {
    edges { node { ${CARD_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

const BOARDS = `query UserBoards($username: String!, $first: Int!, $after: String) {
  user(username: $username) {
    id boards(first: $first, after: $after) {
      edges { node { ${BOARD_CARD_FIELDS} } } pageInfo { hasNextPage endCursor }
    }
  }
}`;

const imagesOf = (data) => data.images;
const boardsOf = (data) => data.user.boards;

const TABS = [
  { key: "images", label: t("Images"), query: POSTED, page: imagesOf, empty: t("No images yet.") },
  { key: "likes", label: t("Likes"), query: LIKED, page: imagesOf, empty: t("No liked images yet.") },
  { key: "boards", label: t("Boards"), query: BOARDS, page: boardsOf, empty: t("No boards yet.") },
];

function profileHeader(user, onBlocked) {
  const followers = h("span", {
    class: "count",
    id: "followers-count",
    text: followersText(user.followersCount),
  });
  const name = displayName(user);
  return h(
    "div",
    { class: "profile-head" },
    avatar(user, 96),
    h(
      "div",
      {},
      heading(name),
      name === user.username ? null : h("p", { class: "username", text: `@${user.username}` }),
      h(
        "p",
        { class: "counts" },
        h("span", { class: "count", text: plural(user.imagesCount, "{count} image", "{count} images") }),
        h("a", { href: `${userPath(user.username)}/followers` }, followers),
        h("a", {
          href: `${userPath(user.username)}/following`,
          class: "count",
          text: t("{count} following", { count: user.followingCount }),
        }),
      ),
      h(
        "div",
        { class: "actions" },
        user.username === currentUsername()
          ? h("a", { class: "button", href: "/settings", text: t("Edit your profile") })
          : followButton(user, (changed) => {
              followers.textContent = followersText(changed.followersCount);
            }),
        personMenu(user, onBlocked),
      ),
    ),
  );
}

function tabs(user, selected, ends) {
  const live = liveImages();
  ends.push(() => live.dispose());
  const list = h("ul", { id: "user-images" });
  const end = h("p", { class: "list-state", id: "user-images-end" });
  const mine = user.username === currentUsername();
  const create = mine ? newBoard() : null;
  const panel = h("div", { role: "tabpanel", id: "user-panel", tabindex: "0" }, create, list, end);
  const buttons = TABS.map((tab) =>
    h("button", {
      type: "button",
      role: "tab",
      id: `tab-${tab.key}`,
      "aria-controls": "user-panel",
      text: tab.label,
    }),
  );
  let pages = null;
  const select = (index, { focus = false } = {}) => {
    const tab = TABS[index];
    buttons.forEach((button, i) => {
      button.setAttribute("aria-selected", String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) buttons[index].focus();
    panel.setAttribute("aria-labelledby", buttons[index].id);
    // The tab is part of the address, so a reload or a shared link opens it.
    const url = `${location.pathname}${index ? `?tab=${tab.key}` : ""}`;
    history.replaceState(null, "", url);
    if (pages) pages.dispose();
    const boards = tab.key === "boards";
    if (create) create.hidden = !boards;
    list.replaceChildren();
    list.className = boards ? "boards" : "grid";
    list.setAttribute("aria-label", tab.label);
    pages = pagedList({
      list,
      end,
      fetchPage: async (after) =>
        tab.page(await graphql(tab.query, { username: user.username, first: PAGE_SIZE, after })),
      render: boards ? boardCard : (image) => card(image, live),
      emptyText: tab.empty,
    });
  };
  buttons.forEach((button, index) => {
    button.addEventListener("click", () => select(index));
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    button.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      select((index + step + TABS.length) % TABS.length, { focus: true });
    });
  });
  ends.push(() => pages && pages.dispose());
  select(Math.max(0, TABS.findIndex((tab) => tab.key === selected)));
  return h(
    "section",
    { class: "user-images", "aria-label": t("Images and boards") },
    h("div", { role: "tablist", "aria-label": t("Images and boards of this person") }, ...buttons),
    panel,
  );
}

function activity(actions) {
  const list = h("ul", { class: "feed", id: "user-actions" });
  const state = h("p");
  if (actions.length) list.append(...actions.map(actionItem));
  else listState(state, "empty", t("Nothing yet."));
  return h(
    "section",
    { "aria-labelledby": "activity-title" },
    h("h2", { id: "activity-title", text: t("Recent activity") }),
    list,
    state,
  );
}

export default async function userPage(view, params, query) {
  const loading = h("p", { class: "list-state loading", text: t("Loading…") });
  view.append(loading);
  let data;
  try {
    data = await graphql(USER, { username: params.username });
  } catch (error) {
    view.replaceChildren(heading(t("Could not load this page")), failure(error.message));
    return;
  }
  if (!data.user) {
    notFound(view, t("No one has this username."));
    return;
  }
  const ends = [];
  const end = () => ends.splice(0).forEach((stop) => stop());
  const actions = data.actions.edges.map((edge) => edge.node);
  // Once blocked, they are gone from this page as from everywhere else.
  const blocked = (username) => {
    end();
    view.replaceChildren(blockedNotice(username));
    view.querySelector("h1").focus();
  };
  view.replaceChildren(
    profileHeader(data.user, blocked),
    h(
      "div",
      { class: "layout" },
      h("aside", { "aria-label": t("Activity") }, activity(actions)),
      h("div", { class: "primary" }, tabs(data.user, query.get("tab"), ends)),
    ),
  );
  return end;
}
