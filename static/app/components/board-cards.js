// A board as a card in a person's list of boards: its cover (the latest pin's picture),
// its name as a link to its page, how many pins it holds, and whether it is secret.
import { h } from "../dom.js";
import { plural, t } from "../i18n.js";
import { thumbnail, userPath } from "./cards.js";

// What a board card needs; spread into a query's board selection.
export const BOARD_CARD_FIELDS = `id name slug privacy pinsCount owner { username }
  cover { thumbnail(size: MEDIUM) { url width height } }`;

export function boardPath(board) {
  return `${userPath(board.owner.username)}/boards/${encodeURIComponent(board.slug)}`;
}

export function pinsText(count) {
  return plural(count, "{count} pin", "{count} pins");
}

export function secretBadge(board) {
  return board.privacy === "SECRET" ? h("span", { class: "badge-secret", text: t("Secret") }) : null;
}

export function boardCard(board) {
  const cover = board.cover
    ? thumbnail(board.cover.thumbnail, "")
    : h("span", { class: "empty-cover", text: t("No pins yet") });

  return h(
    "li",
    { class: "board-card", "data-id": board.id },
    // The name below links to the same page: this link is for the mouse only.
    h("a", { href: boardPath(board), class: "cover", tabindex: "-1", "aria-hidden": "true" }, cover),
    h(
      "p",
      { class: "board-caption" },
      h("a", { class: "title", href: boardPath(board), text: board.name }),
      h("span", { class: "count", text: pinsText(board.pinsCount) }),
      secretBadge(board),
    ),
  );
}
