// "/people?q=…": everyone, or those whose username or name matches, with their follower
// counts and a follow toggle; more as you scroll.
import { graphql } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { USER_FIELDS, userRow } from "../components/people.js";
import { h, heading } from "../dom.js";
import { t } from "../i18n.js";

const PAGE_SIZE = 20;

const USERS = `query People($search: String, $first: Int!, $after: String) {
  users(search: $search, first: $first, after: $after) {
    edges { node { ${USER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export default function people(view, params, query) {
  const search = query.get("q") || "";
  const input = h("input", {
    id: "people-search",
    name: "q",
    type: "search",
    value: search,
    maxlength: 100,
    autocomplete: "off",
  });
  const form = h(
    "form",
    { class: "search", role: "search", "aria-label": t("People") },
    h("label", { for: "people-search", text: t("Search by username or name") }),
    input,
    h("button", { type: "submit", text: t("Search") }),
  );
  const list = h("ul", { id: "people", class: "people", "aria-label": t("People") });
  const end = h("p", { id: "people-end", class: "list-state" });
  view.append(heading(t("People")), form, list, end);

  let pages = null;
  const load = (text) => {
    if (pages) pages.dispose();
    list.replaceChildren();
    pages = pagedList({
      list,
      end,
      fetchPage: async (after) =>
        (await graphql(USERS, { search: text || null, first: PAGE_SIZE, after })).users,
      render: userRow,
      emptyText: text ? t("No one matches “{text}”.", { text }) : t("No one has joined yet."),
    });
  };
  // The search is part of the address (shareable, back/forward), kept without a new entry
  // while typing.
  let timer = null;
  const run = () => {
    const text = input.value.trim();
    const url = text ? `/people?q=${encodeURIComponent(text)}` : "/people";
    history.replaceState(null, "", url);
    load(text);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  load(search);
  return () => {
    clearTimeout(timer);
    if (pages) pages.dispose();
  };
}
