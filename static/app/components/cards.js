// An image as a card in a grid: its thumbnail (sized from the API's width and height, so
// nothing moves when it loads), title and poster as links, and the like toggle.
import { h } from "../dom.js";
import { likeButton } from "./likes.js";

// What a card needs; spread into a query's image selection.
export const CARD_FIELDS = `id slug title totalLikes likedByViewer
  postedBy { username }
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

export function card(image, live = null) {
  const item = h(
    "li",
    { class: "card", "data-id": image.id },
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
        "by ",
        h("a", { href: userPath(image.postedBy.username), text: image.postedBy.username }),
      ),
      likeButton(image),
    ),
  );
  if (live) live.observe(item);
  return item;
}
