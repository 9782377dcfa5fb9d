// An image as a card in a masonry grid: its thumbnail at its own proportions (sized from
// the API's width and height, so nothing moves when it loads), title and poster as links,
// the like toggle and the "Save" button (to a board).
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { likeButton } from "./likes.js";
import { saveButton } from "./save-to-board.js";

// What a card needs; spread into a query's image selection.
export const CARD_FIELDS = `id slug title totalLikes likedByViewer
  postedBy { ${AVATAR_FIELDS} }
  thumbnail(size: MEDIUM) { url width height }`;

// A path segment: "=" (which ends most global IDs) may stay as it is.
const segment = (text) => encodeURIComponent(text).replace(/%3D/g, "=");

export function imagePath(image) {
  return `/images/${segment(image.id)}/${segment(image.slug)}`;
}

export function userPath(username) {
  return `/people/${encodeURIComponent(username)}`;
}

export function thumbnail(stored, alt, attributes = {}) {
  return h("img", {
    src: stored.url,
    width: stored.width,
    height: stored.height,
    alt,
    loading: "lazy",
    ...attributes,
  });
}

// The masonry: .grid has rows of ROW px, and each card spans as many as its content is
// tall plus the gap, so each column fills up without gaps. The content's height is known
// before its picture loads (the image box comes from width and height), and is measured
// again whenever the column's width changes.
const ROW = 4;
const GAP = 16;
const sizer = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (!target.isConnected) {
      sizer.unobserve(target);
      continue;
    }
    const rows = Math.ceil((target.getBoundingClientRect().height + GAP) / ROW);
    target.parentElement.style.gridRowEnd = `span ${rows}`;
  }
});

// `more` (optional): elements added below the caption, such as a board's "Remove" button.
export function card(image, live = null, ...more) {
  const poster = image.postedBy;
  const content = h(
    "div",
    { class: "card-content" },
    // The title below links to the same page: this link is for the mouse only.
    h(
      "a",
      { href: imagePath(image), class: "card-image", tabindex: "-1", "aria-hidden": "true" },
      thumbnail(image.thumbnail, ""),
    ),
    h(
      "div",
      { class: "caption" },
      h("a", { class: "title", href: imagePath(image), text: image.title }),
      h(
        "span",
        { class: "poster" },
        avatar(poster, 24),
        h("span", { class: "visually-hidden", text: `${t("by")} ` }),

        h("a", { href: userPath(poster.username), text: poster.username }),
      ),
      h("span", { class: "card-actions" }, likeButton(image), saveButton(image)),
    ),
    ...more,
  );
  const item = h("li", { class: "card", "data-id": image.id }, content);
  sizer.observe(content);
  if (live) live.observe(item);
  return item;
}
