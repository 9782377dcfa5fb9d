// "/people/<username>/boards/<slug>": a board's name, description, privacy, owner and
// collaborators, and its pins as cards, newest first (infinite scroll). Its owner edits or
// deletes it and chooses who shares it; the owner and collaborators remove pins.
import { graphql } from "../api.js";
import { avatar, AVATAR_FIELDS } from "../components/avatar.js";
import { pinsText, secretBadge } from "../components/board-cards.js";
import { collaboratorsSection, COLLABORATOR_FIELDS } from "../components/board-collaborators.js";
import { boardOwnerTools } from "../components/board-owner.js";
import { card, CARD_FIELDS, userPath } from "../components/cards.js";
import { liveImages } from "../components/likes.js";
import { pagedList } from "../components/paged-list.js";
import { announce, failure, h, heading, nodes, time } from "../dom.js";
import { currentUsername } from "../session.js";
import { notFound } from "./not-found.js";
import { t } from "../i18n.js";

const PAGE_SIZE = 12;

// The address names the board by its owner and slug, as the API finds it.
const BOARD = `query BoardPage($username: String!, $slug: String!) {
  user(username: $username) {
    id board(slug: $slug) {
      id name slug description privacy pinsCount createdAt
      owner { id ${AVATAR_FIELDS} } ${COLLABORATOR_FIELDS}
    }
  }
}`;

const PINS = `query BoardPins($id: ID!, $first: Int!, $after: String) {
  board(id: $id) {
    id pins(first: $first, after: $after) {
      edges { node { id image { ${CARD_FIELDS} } } } pageInfo { hasNextPage endCursor }
    }
  }
}`;

const REMOVE_PIN = `mutation RemovePin($id: ID!) {
  removePin(input: {id: $id}) { deletedId errors { field code message } }
}`;

async function findBoard({ username, slug }) {
  const { user } = await graphql(BOARD, { username, slug });
  return user ? user.board : null;
}

function boardHead(board, count) {
  const owner = board.owner.username;
  return h(
    "header",
    { class: "board-head" },
    h("div", { class: "board-title" }, heading(board.name), secretBadge(board)),
    h("p", { class: "description", text: board.description, hidden: !board.description }),
    h(
      "p",
      { class: "poster" },
      avatar(board.owner, 32),
      h(
        "span",
        {},
        ...nodes(t("A board by {owner}"), { owner: h("a", { href: userPath(owner), text: owner }) }),
        " · ",
        time(board.createdAt),
      ),
    ),
    h("p", { class: "counts" }, count),
  );
}

function removeButton(pin, board, count) {
  const button = h("button", {
    type: "button",
    class: "remove-pin",
    "data-id": pin.id,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const { removePin: payload } = await graphql(REMOVE_PIN, { id: pin.id });
        if (payload.errors.length) throw new Error(payload.errors[0].message);
        button.closest(".card").remove();
        board.pinsCount -= 1;
        count.textContent = pinsText(board.pinsCount);
        announce(t("“{title}” is removed from the board.", { title: pin.image.title }));
      } catch (error) {
        button.disabled = false;
        announce(error.message);
      }
    },
  });
  button.append(
    t("Remove"),
    h("span", { class: "visually-hidden", text: ` ${t("“{title}” from the board", { title: pin.image.title })}` }),
  );
  return button;
}

export default async function boardPage(view, params) {
  view.append(h("p", { class: "list-state loading", text: t("Loading…") }));
  let board;
  try {
    board = await findBoard(params);
  } catch (error) {
    view.replaceChildren(heading(t("Could not load this board")), failure(error.message));
    return;
  }
  if (!board) {
    notFound(view, t("There is no such board: it may have been deleted."));
    return;
  }
  const me = currentUsername();
  const isOwner = board.owner.username === me;
  const mayPin = isOwner || board.collaborators.some((person) => person.username === me);
  const count = h("span", { class: "count", id: "pins-count", text: pinsText(board.pinsCount) });
  let head = boardHead(board, count);
  const tools = isOwner
    ? boardOwnerTools(board, (saved) => {
        Object.assign(board, saved);
        const changed = boardHead(board, count);
        head.replaceWith(changed);
        head = changed;
        document.title = `${board.name} · Pinmark`;
      })
    : null;
  const list = h("ul", { class: "grid", id: "board-pins", "aria-label": t("Pins") });
  const end = h("p", { class: "list-state", id: "board-pins-end" });
  const live = liveImages();
  const manage = tools
    ? h(
        "section",
        { "aria-labelledby": "manage-title" },
        h("h2", { id: "manage-title", text: t("Your board") }),
        tools,
      )
    : null;
  const about = [manage, collaboratorsSection(board, isOwner)].filter(Boolean);
  const pins = h("div", { class: "primary" }, list, end);
  view.replaceChildren(
    head,
    about.length
      ? h("div", { class: "layout" }, h("aside", { "aria-label": t("About this board") }, ...about), pins)
      : pins,
  );
  const pages = pagedList({
    list,
    end,
    fetchPage: async (after) =>
      (await graphql(PINS, { id: board.id, first: PAGE_SIZE, after })).board.pins,
    render: (pin) => card(pin.image, live, mayPin ? removeButton(pin, board, count) : null),
    emptyText: t("No pins yet."),
  });
  return () => {
    pages.dispose();
    live.dispose();
  };
}
