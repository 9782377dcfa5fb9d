// "/people/<username>/followers" and "/people/<username>/following": who follows them,
// whom they follow (newest follow first), with follow toggles; more as you scroll.
import { graphql } from "../api.js";
import { userPath } from "../components/cards.js";
import { pagedList } from "../components/paged-list.js";
import { USER_FIELDS, userRow } from "../components/people.js";
import { failure, h, heading } from "../dom.js";
import { notFound } from "./not-found.js";

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
  followers: (username) => `Who follows ${username}`,
  following: (username) => `Whom ${username} follows`,
};

const EMPTY = {
  followers: "No one follows them yet.",
  following: "They follow no one yet.",
};

export default async function follows(view, { username, relation }) {
  const list = h("ul", { id: "follows", class: "people", "aria-label": "People" });
  const end = h("p", { id: "follows-end", class: "list-state" });
  const operation = query(relation);
  const fetchPage = async (after) => {
    const { user } = await graphql(operation, { username, first: PAGE_SIZE, after });
    if (!user) throw new Error("No one has this username.");
    return user[relation];
  };
  // The first page tells whether the person exists before the page is drawn.
  let first;
  try {
    first = await fetchPage(null);
  } catch (error) {
    if (error.message === "No one has this username.") notFound(view, error.message);
    else view.replaceChildren(heading("Could not load this page"), failure(error.message));
    return;
  }
  view.append(
    heading(TITLES[relation](username)),
    h("p", {}, h("a", { href: userPath(username), text: `Back to ${username}'s page` })),
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
