// "/": the newest images (infinite scroll, live likes), and beside them the viewer's
// latest notifications, the most viewed images and the feed (live).
import { graphql } from "../api.js";
import { actionItem, ACTION_FIELDS } from "../components/actions.js";
import { card, CARD_FIELDS, imagePath, thumbnail } from "../components/cards.js";
import { liveImages } from "../components/likes.js";
import { markAllRead, notificationItem, NOTIFICATION_FIELDS } from "../components/notifications.js";
import { pagedList } from "../components/paged-list.js";
import { announce, h, heading, listState } from "../dom.js";
import { subscribe } from "../live.js";
import { onNotifications, signedIn } from "../session.js";
import { plural, t } from "../i18n.js";

const PAGE_SIZE = 12;
const FEED_SIZE = 15;

const IMAGES = `query Images($first: Int!, $after: String) {
  images(first: $first, after: $after) {
    edges { node { ${CARD_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const RANKING = `query Ranking {
  imageRanking(first: 5) { id slug title totalViews thumbnail(size: MEDIUM) { url width height } }
}`;

// Someone who follows no one is shown everyone's activity: the panel says so.
const FEED = `query Feed($first: Int!) {
  viewer { followingCount }
  feed(first: $first) { edges { node { ${ACTION_FIELDS} } } }
}`;

const NOTIFICATIONS = `query LatestNotifications {
  notifications(first: 8) { edges { node { ${NOTIFICATION_FIELDS} } } }
}`;

const FEED_ACTION_ADDED = `subscription FeedActionAdded { feedActionAdded { ${ACTION_FIELDS} } }`;

async function fill(list, state, load, render, emptyText) {
  listState(state, "loading", t("Loading…"));
  try {
    const items = await load();
    list.replaceChildren(...items.map(render));
    if (items.length) state.hidden = true;
    else listState(state, "empty", emptyText);
  } catch (error) {
    listState(state, "error", t("Could not load this list: {error}", { error: error.message }));
  }
}

// The whole picture, small: a MEDIUM thumbnail at its own proportions, never cropped.
function rankingItem(image) {
  return h(
    "li",
    {},
    thumbnail(image.thumbnail, ""),
    h(
      "span",
      {},
      h("a", { href: imagePath(image), text: image.title }),
      h("span", { class: "views", text: plural(image.totalViews, "{count} view", "{count} views") }),
    ),
  );
}

function section(id, title, list, ...rest) {
  return h(
    "section",
    { "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title`, text: title }),
    list,
    ...rest,
  );
}

function notificationsPanel(ends) {
  const list = h("ul", { id: "notifications", class: "notifications" });
  const state = h("p");
  const load = () =>
    fill(
      list,
      state,
      async () => (await graphql(NOTIFICATIONS)).notifications.edges.map((edge) => edge.node),
      notificationItem,
      t("Nothing new: likes and follows will show here."),
    );
  load();
  ends.push(onNotifications(load));
  const markRead = h("button", {
    id: "mark-read",
    type: "button",
    text: t("Mark all read"),
    onclick: () => markAllRead().catch((error) => announce(error.message)),
  });
  return section(
    "notifications",
    t("Notifications"),
    list,
    state,
    h("p", { class: "more" }, markRead, " ", h("a", { href: "/notifications", text: t("All notifications") })),
  );
}

function feedPanel(ends) {
  const list = h("ul", { id: "feed", class: "feed" });
  const state = h("p");
  if (!signedIn()) {
    listState(state, "empty", "");
    state.append(h("a", { href: "/sign-in", text: t("Sign in") }), ` ${t("to see your feed")}.`);
    return section("feed", t("Your feed"), list, state);
  }
  const everyone = h(
    "p",
    { id: "feed-everyone", class: "hint", hidden: true },
    `${t("From everyone, until you follow people.")} `,
    h("a", { href: "/people", text: t("Find people to follow") }),
    ".",
  );
  fill(
    list,
    state,
    async () => {
      const { viewer, feed } = await graphql(FEED, { first: FEED_SIZE });
      everyone.hidden = !viewer || viewer.followingCount > 0;
      return feed.edges.map((edge) => edge.node);
    },
    actionItem,
    t("Nothing yet: follow people to see what they post and like."),
  );
  ends.push(
    subscribe(FEED_ACTION_ADDED, {}, ({ feedActionAdded }) => {
      state.hidden = true;
      list.prepend(actionItem(feedActionAdded));
      while (list.children.length > FEED_SIZE) list.lastElementChild.remove();
    }),
  );
  return section("feed", t("Your feed"), everyone, list, state);
}

function rankingPanel() {
  const list = h("ol", { id: "ranking", class: "ranking" });
  const state = h("p");
  fill(
    list,
    state,
    async () => (await graphql(RANKING)).imageRanking,
    rankingItem,
    t("No views yet."),
  );
  return section("ranking", t("Most viewed"), list, state);
}

export default function home(view) {
  const ends = [];
  const live = liveImages();
  const grid = h("ul", { id: "grid", class: "grid", "aria-label": t("Images") });
  const end = h("p", { id: "grid-end", class: "list-state" });
  // The side panels come first in the page, so that they can be reached before an
  // endless grid (on a phone they stand above it; on a wide screen, beside it).
  view.append(
    heading(t("Newest images")),
    h(
      "div",
      { class: "layout" },
      h(
        "aside",
        { "aria-label": t("Activity") },
        signedIn() ? notificationsPanel(ends) : null,
        rankingPanel(),
        feedPanel(ends),
      ),
      h("div", { class: "primary" }, grid, end),
    ),
  );
  const pages = pagedList({
    list: grid,
    end,
    fetchPage: async (after) => (await graphql(IMAGES, { first: PAGE_SIZE, after })).images,
    render: (image) => card(image, live),
    emptyText: t("No images yet."),
  });
  return () => {
    pages.dispose();
    live.dispose();
    for (const stop of ends) stop();
  };
}
