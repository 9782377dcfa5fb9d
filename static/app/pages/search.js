// "/search?q=…&type=images|people|boards": one query over images, people and boards (the
// query language is the API's: words, "a phrase", -word, #tag, user:, site:, before:,
// after:), in tabs; more as you scroll.
import { graphql } from "../api.js";
import { BOARD_CARD_FIELDS, boardCard } from "../components/board-cards.js";
import { card, CARD_FIELDS } from "../components/cards.js";
import { pagedList } from "../components/paged-list.js";
import { USER_FIELDS, userRow } from "../components/people.js";
import { h, heading } from "../dom.js";
import { liveImages } from "../components/likes.js";
import { t } from "../i18n.js";

const PAGE_SIZE = 20;
const MAX_LENGTH = 200;

const SEARCH = `query Search($q: String!, $type: SearchType!, $first: Int!, $after: String) {
  search(query: $q, type: $type, first: $first, after: $after) {
    edges { node {
      ... on Image { ${CARD_FIELDS} }
      ... on User { ${USER_FIELDS} }
      ... on Board { ${BOARD_CARD_FIELDS} }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TABS = [
  { key: "images", type: "IMAGES", label: t("Images"), listClass: "grid" },
  { key: "people", type: "USERS", label: t("People"), listClass: "people", render: userRow },
  { key: "boards", type: "BOARDS", label: t("Boards"), listClass: "boards", render: boardCard },
];

function searchForm(text) {
  const input = h("input", {
    id: "search-query",
    name: "q",
    type: "search",
    value: text,
    maxlength: MAX_LENGTH,
    autocomplete: "off",
  });
  const form = h(
    "form",
    { class: "search", role: "search", "aria-label": t("Search") },
    h("label", {
      for: "search-query",
      text: t("Words, \"a phrase\", -word, #tag, user:name, site:example.com, before:/after:2026-01-31"),
    }),
    input,
    h("button", { type: "submit", text: t("Search") }),
  );
  return { form, input };
}

export default function search(view, params, query) {
  const text = (query.get("q") || "").trim();
  const selected = Math.max(
    0,
    TABS.findIndex((tab) => tab.key === query.get("type")),
  );
  const live = liveImages();
  const { form, input } = searchForm(text);
  const list = h("ul", { id: "search-results" });
  const end = h("p", { id: "search-end", class: "list-state" });
  const panel = h("div", { role: "tabpanel", id: "search-panel", tabindex: "0" }, list, end);
  const buttons = TABS.map((tab) =>
    h("button", {
      type: "button",
      role: "tab",
      id: `search-tab-${tab.key}`,
      "aria-controls": "search-panel",
      text: tab.label,
    }),
  );
  view.append(
    heading(text ? t("Search: {text}", { text }) : t("Search")),
    form,
    h("div", { role: "tablist", "aria-label": t("What to search") }, ...buttons),
    panel,
  );

  let pages = null;
  let current = selected;
  const show = (index, { focus = false } = {}) => {
    current = index;
    const tab = TABS[index];
    buttons.forEach((button, i) => {
      button.setAttribute("aria-selected", String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) buttons[index].focus();
    panel.setAttribute("aria-labelledby", buttons[index].id);
    const q = input.value.trim();
    // The query and the tab are part of the address: a reload or a shared link opens them.
    const address = new URLSearchParams({ q });
    if (index) address.set("type", tab.key);
    history.replaceState(null, "", `/search?${address}`);
    if (pages) pages.dispose();
    list.replaceChildren();
    list.className = tab.listClass;
    list.setAttribute("aria-label", tab.label);
    pages = pagedList({
      list,
      end,
      fetchPage: async (after) =>
        (await graphql(SEARCH, { q, type: tab.type, first: PAGE_SIZE, after })).search,
      render: tab.render || ((image) => card(image, live)),
      emptyText: q ? t("Nothing matches “{text}”.", { text: q }) : t("Type what to look for."),
    });
  };
  buttons.forEach((button, index) => {
    button.addEventListener("click", () => show(index));
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    button.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      show((index + step + TABS.length) % TABS.length, { focus: true });
    });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(current);
  });
  show(selected);
  return () => {
    live.dispose();
    if (pages) pages.dispose();
  };
}
