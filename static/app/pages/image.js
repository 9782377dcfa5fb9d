// "/images/<id>/<slug>": the large thumbnail, title, description, poster, source, the like
// toggle, likers and views (live), how often it is saved and the "Save" button (to a
// board), the comments (live, with a form), and more from the same poster. Opening it
// counts one view (viewImage, once per visit). Its tags link to their pages. Its poster
// also sees who may see it.
import { graphql } from "../api.js";
import { card, CARD_FIELDS, imagePath, userPath } from "../components/cards.js";
import { commentsSection } from "../components/comments.js";
import { likeButton, liveImages, showLikes } from "../components/likes.js";
import { ownerTools } from "../components/image-owner.js";
import { blockedNotice, imageMenu } from "../components/safety-menu.js";
import { saveButton } from "../components/save-to-board.js";
import { showTags, tagChips } from "../components/tags.js";
import { VISIBILITY } from "../components/visibility.js";
import { avatar, AVATAR_FIELDS } from "../components/avatar.js";
import { failure, h, heading, listState, nodes, time } from "../dom.js";
import { subscribe } from "../live.js";
import { navigate } from "../router.js";
import { currentUsername } from "../session.js";
import { notFound } from "./not-found.js";
import { plural, t } from "../i18n.js";

const IMAGE = `query ImagePage($id: ID!) {
  image(id: $id) {
    id slug title description url createdAt totalLikes likedByViewer totalViews
    visibility savesCount tags viewerCopy { id slug title } hiddenByModerators
    postedBy { ${AVATAR_FIELDS} }
    thumbnail(size: LARGE) { url width height }
  }
}`;

const VIEW = `mutation View($id: ID!) {
  viewImage(input: {id: $id}) { counted image { id totalViews } errors { code message } }
}`;

const LIKERS = `query Likers($id: ID!) {
  image(id: $id) {
    likers(first: 20) {
      totalCount
      edges { node { id ${AVATAR_FIELDS} } }
    }
  }
}`;

const MORE = `query MoreFrom($username: String!) {
  images(postedBy: $username, first: 7) { edges { node { ${CARD_FIELDS} } } }
}`;

const SIMILAR = `query LooksAlike($id: ID!) {
  image(id: $id) { similar(first: 6) { ${CARD_FIELDS} } }
}`;

const IMAGE_CHANGED = `subscription ImagePageChanged($id: ID!) {
  imageChanged(id: $id) { id totalLikes likedByViewer totalViews }
}`;

function viewsText(count) {
  return plural(count, "{count} view", "{count} views");
}

function savesText(count) {
  return plural(count, "saved {count} time", "saved {count} times");
}

// For its poster: who may see it ("Private: only you, …").
function visibilityLine(image) {
  const line = h("p", { class: "visibility", id: "image-visibility" });
  const show = (value) => {
    const { label, hint } = VISIBILITY.find((option) => option.value === value);
    line.replaceChildren(h("strong", { text: t("{label}: ", { label }) }), hint);
  };
  show(image.visibility);
  return { line, show };
}

// "Already saved": the viewer's own image of the same picture, when this one is not theirs.
function alreadySaved(image) {
  const copy = image.viewerCopy;
  if (!copy || copy.id === image.id) return null;
  return h("p", { class: "already-saved", id: "already-saved" },
    ...nodes(t("You saved this picture too: {image}."), {
      image: h("a", { href: imagePath(copy), text: copy.title }),
    }));
}

// Only its poster and staff still see an image the moderators hid.
function hiddenNotice(image) {
  if (!image.hiddenByModerators) return null;
  const text = image.postedBy.username === currentUsername()
    ? t("Moderators hid this image: only you and the moderators see it.")
    : t("Moderators hid this image: only its poster and the moderators see it.");
  return h("p", { class: "notice error", id: "hidden-notice", text });
}

async function loadSimilar(image, list, section, live) {
  try {
    const { image: found } = await graphql(SIMILAR, { id: image.id });
    const similar = found ? found.similar : [];
    list.replaceChildren(...similar.map((other) => card(other, live)));
    section.hidden = similar.length === 0;
  } catch {
    section.hidden = true; // only a suggestion: the page stands without it
  }
}

// The picture beside what is known of it (the likers too), in one close-up card.
function details(image, stats, tools, likers) {
  const source = image.url
    ? h("p", { class: "source" }, ...nodes(t("Source: {site}"), {
        site: h("a", { href: image.url, rel: "noopener noreferrer nofollow", text: new URL(image.url).host }),
      }))
    : null;
  const { url, width, height } = image.thumbnail;
  return h(
    "article",
    { class: "image-page" },
    h("div", { class: "image-frame" }, h("img", { class: "large", src: url, width, height, alt: image.title })),
    h(
      "div",
      { class: "image-info" },
      heading(image.title),
      h(
        "p",
        { class: "poster" },
        avatar(image.postedBy, 32),
        h(
          "span",
          {},
          ...nodes(t("Posted by {username}"), {
            username: h("a", { href: userPath(image.postedBy.username), text: image.postedBy.username }),
          }),
          " · ",
          time(image.createdAt),
        ),
      ),
      h("p", { class: "description", text: image.description, hidden: !image.description }),
      tagChips(image.tags),
      source,
      stats,
      tools,
      likers,
    ),
  );
}

async function loadLikers(id, list, state) {
  try {
    const { image } = await graphql(LIKERS, { id });
    const likers = image ? image.likers : { totalCount: 0, edges: [] };
    list.replaceChildren(
      ...likers.edges.map(({ node }) =>
        h("li", {}, avatar(node, 32), h("a", { href: userPath(node.username), text: node.username })),
      ),
    );
    if (likers.totalCount) {
      const others = likers.totalCount - likers.edges.length;
      listState(state, "done", others > 0 ? t("and {count} more", { count: others }) : "");
    } else listState(state, "empty", t("No likes yet."));
  } catch (error) {
    listState(state, "error", t("Could not load the likers: {error}", { error: error.message }));
  }
}

async function loadMore(image, list, state, live) {
  try {
    const { images } = await graphql(MORE, { username: image.postedBy.username });
    const others = images.edges.map((edge) => edge.node).filter((other) => other.id !== image.id);
    list.replaceChildren(...others.slice(0, 6).map((other) => card(other, live)));
    if (others.length) state.hidden = true;
    else listState(state, "empty", t("Nothing else from {username} yet.", { username: image.postedBy.username }));
  } catch (error) {
    listState(state, "error", t("Could not load more images: {error}", { error: error.message }));
  }
}

export default async function imagePage(view, params) {
  view.append(h("p", { class: "list-state loading", text: t("Loading…") }));
  let image;
  try {
    ({ image } = await graphql(IMAGE, { id: params.id }));
  } catch (error) {
    if (error.code === "BAD_REQUEST") image = null; // not an image ID at all
    else {
      view.replaceChildren(heading(t("Could not load this image")), failure(error.message));
      return;
    }
  }
  if (!image) {
    notFound(view, t("There is no such image: it may have been deleted."));
    return;
  }
  // An image's ID changes with its visibility (docs/visibility.md): the address shows the
  // one that opens it now.
  if (params.id !== image.id || params.slug !== image.slug) {
    history.replaceState(null, "", imagePath(image));
  }

  const views = h("span", { class: "views", id: "total-views", text: viewsText(image.totalViews) });
  const saves = h("span", { class: "views", id: "saves-count", text: savesText(image.savesCount) });
  // Blocking its poster takes the image away too (the page's updates end with it).
  const blocked = (username) => {
    dispose();
    view.replaceChildren(blockedNotice(username));
    view.querySelector("h1").focus();
  };
  const stats = h("div", {}, hiddenNotice(image),
    h("p", { class: "stats" }, likeButton(image), saveButton(image), views, saves),
    alreadySaved(image), imageMenu(image, blocked));
  const likers = h("ul", { class: "likers", id: "likers" });
  const likersState = h("p", { class: "list-state loading", text: t("Loading…") });
  const poster = image.postedBy.username;
  const more = h("ul", { class: "grid", id: "more-images", "aria-label": t("More from {username}", { username: poster }) });
  const moreState = h("p", { class: "list-state loading", text: t("Loading…") });
  const similar = h("ul", { class: "grid", id: "similar-images", "aria-label": t("Looks alike") });
  const similarSection = h("section", { class: "more-from", hidden: true },
    h("h2", { text: t("Looks alike") }), similar);
  const live = liveImages();
  const mine = poster === currentUsername();
  const visibility = mine ? visibilityLine(image) : null;
  const tools = mine
    ? ownerTools(image, (saved) => {
        view.querySelector("h1").textContent = saved.title;
        view.querySelector("img.large").alt = saved.title;
        const description = view.querySelector(".description");
        description.textContent = saved.description;
        description.hidden = !saved.description;
        showTags(view.querySelector("ul.tags"), saved.tags);
        document.title = `${saved.title} · Pinmark`;
        visibility.show(saved.visibility);
        // Its ID changed with its visibility: the page is drawn again for the new one.
        if (saved.id !== image.id) navigate(imagePath({ ...image, id: saved.id }), { replace: true });
      })
    : null;
  const likersSection = h(
    "section",
    { class: "likers-section", "aria-labelledby": "likers-title" },
    h("h2", { id: "likers-title", text: t("Liked by") }),
    likers,
    likersState,
  );
  const comments = commentsSection(image);
  view.replaceChildren(
    details(image, stats, visibility && h("div", {}, visibility.line, tools), likersSection),
    comments.section,
    h(
      "section",
      { class: "more-from", "aria-labelledby": "more-title" },
      h("h2", { id: "more-title" },
        ...nodes(t("More from {username}"), { username: h("a", { href: userPath(poster), text: poster }) })),
      more,
      moreState,
    ),
    similarSection,
  );
  loadLikers(image.id, likers, likersState);
  loadSimilar(image, similar, similarSection, live);
  loadMore(image, more, moreState, live);
  // A like from this page or, live, from anywhere: the count and the likers follow.
  const changed = ({ detail }) => {
    if (detail.id !== image.id) return;
    if (detail.totalViews !== undefined) views.textContent = viewsText(detail.totalViews);
    loadLikers(image.id, likers, likersState);
  };
  document.addEventListener("pinmark:image-changed", changed);
  const saved = ({ detail }) => {
    if (detail.image.id === image.id) saves.textContent = savesText(detail.image.savesCount);
  };
  document.addEventListener("pinmark:image-saved", saved);
  const stop = subscribe(IMAGE_CHANGED, { id: image.id }, ({ imageChanged }) => showLikes(imageChanged));
  // One view per visit: this page counts it once, when it opens.
  graphql(VIEW, { id: image.id })
    .then(({ viewImage }) => {
      if (viewImage.image) views.textContent = viewsText(viewImage.image.totalViews);
    })
    .catch(() => {
      // Not counted this time; the page shows the count it had.
    });
  let ended = false;
  function dispose() {
    if (ended) return;
    ended = true;
    document.removeEventListener("pinmark:image-changed", changed);
    document.removeEventListener("pinmark:image-saved", saved);
    stop();
    comments.dispose();
    live.dispose();
  }
  return dispose;
}
