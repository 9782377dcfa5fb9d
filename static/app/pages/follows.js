// "/people/<username>/followers" and "/people/<username>/following": who follows them,
// whom they follow (newest follow first), with follow toggles; more as you scroll.
import { graphql } from "../api.js";
import { userPath } from "../components/cards.js";
import { pagedList } from "../components/paged-list.js";
import { USER_FIELDS, userRow } from "../components/people.js";
import { failure, h, heading } from "../dom.js";
import { notFound } from "./not-found.js";
import { t } from "../i18n.js";

const PAGE_SIZE = 20;

function query(relation) {
  return `query Follows($username: String!, $first: Int!, $after: String) {
    user(username: $username) {
      username
      ${relation}(first: $first, after: $after) {
        edges { node { ${USER_FIELDS} } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }`;
}

const TITLES = {
  followers: (username) => t("Who follows {username}", { username }),
  following: (username) => t("Whom {username} follows", { username }),
};

const NO_ONE = t("No one has this username.");

const EMPTY = {
  followers: t("No one follows them yet."),
  following: t("They follow no one yet."),
};

export default async function follows(view, { username, relation }) {
  const list = h("ul", { id: "follows", class: "people", "aria-label": t("People") });
  const end = h("p", { id: "follows-end", class: "list-state" });
  const operation = query(relation);
  const fetchPage = async (after) => {
    const { user } = await graphql(operation, { username, first: PAGE_SIZE, after });
    if (!user) throw new Error(NO_ONE);
    return user[relation];
  };
  // The first page tells whether the person exists before the page is drawn.
  let first;
  try {
    first = await fetchPage(null);
  } catch (error) {
    if (error.message === NO_ONE) notFound(view, error.message);
    else view.replaceChildren(heading(t("Could not load this page")), failure(error.message));
    return;
  }
  view.append(
    heading(TITLES[relation](username)),
    h("p", {}, h("a", { href: userPath(username), text: t("Back to {username}'s page", { username }) })),
    list,
    end,
  );
  let served = false;
  const pages = pagedList({
    list,
    end,
    // The page already fetched is served first, then the rest as the end comes into view.
    fetchPage: async (after) => {
      if (!served) {
        served = true;
        return first;
      }
      return fetchPage(after);
    },
    render: userRow,
    emptyText: EMPTY[relation],
  });
  return () => pages.dispose();
}
