// The settings that keep others out of one's way: muted words (add, list, remove), and the
// people one blocked or muted (listed, a page at a time, each with its undo).
import { graphql } from "../api.js";
import {
  announce,
  field,
  formErrorBox,
  h,
  listState,
  onSubmit,
  showErrors,
  submitRow,
} from "../dom.js";
import { t } from "../i18n.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { userPath } from "./cards.js";
import { pagedList } from "./paged-list.js";

const ERRORS = `errors { field code message }`;
const WORDS = `query MutedWords { viewer { mutedWords } }`;
const MUTE_WORD = `mutation MuteWord($word: String!) {
  muteWord(input: {word: $word}) { mutedWords ${ERRORS} }
}`;
const UNMUTE_WORD = `mutation UnmuteWord($word: String!) {
  unmuteWord(input: {word: $word}) { mutedWords ${ERRORS} }
}`;
const PERSON_PAGE = `edges { node { id ${AVATAR_FIELDS} } } pageInfo { hasNextPage endCursor }`;
const BLOCKED = `query BlockedUsers($first: Int!, $after: String) {
  viewer { blockedUsers(first: $first, after: $after) { ${PERSON_PAGE} } }
}`;
const MUTED = `query MutedUsers($first: Int!, $after: String) {
  viewer { mutedUsers(first: $first, after: $after) { ${PERSON_PAGE} } }
}`;
const UNBLOCK = `mutation Unblock($username: String!) {
  unblockUser(input: {username: $username}) { user { username } ${ERRORS} }
}`;
const UNMUTE = `mutation Unmute($username: String!) {
  unmuteUser(input: {username: $username}) { user { username } ${ERRORS} }
}`;

function wordsList(list, state, words, remove) {
  list.replaceChildren(
    ...words.map((word) =>
      h(
        "li",
        { "data-word": word },
        h("span", { class: "word", text: word }),
        h("button", {
          type: "button",
          class: "unmute-word",
          text: t("Remove"),
          "aria-label": t("Unmute “{word}”", { word }),
          onclick: (event) => remove(word, event.currentTarget),
        }),
      ),
    ),
  );
  if (words.length) listState(state, "done", "");
  else listState(state, "empty", t("No muted words."));
}

export function mutedWordsSection() {
  const list = h("ul", { class: "muted-words", id: "muted-words" });
  const state = h("p", { class: "list-state loading", text: t("Loading…") });
  const show = (words) => wordsList(list, state, words, remove);
  async function remove(word, button) {
    button.disabled = true;
    try {
      const { unmuteWord: payload } = await graphql(UNMUTE_WORD, { word });
      if (payload.errors.length) throw new Error(payload.errors.map((e) => e.message).join(" "));
      show(payload.mutedWords);
      announce(t("“{word}” is no longer muted.", { word }));
    } catch (error) {
      button.disabled = false;
      announce(error.message);
    }
  }
  const form = h(
    "form",
    { id: "mute-word-form", class: "stacked", "aria-labelledby": "muted-words-title", novalidate: true },
    formErrorBox(),
    field(t("Word or phrase"), { name: "word", id: "mute-word", maxlength: 50, required: true, "aria-describedby": "mute-word-hint" }),
    h("p", {
      class: "hint",
      id: "mute-word-hint",
      text: t(
        "Whole words, whatever their case: images whose title, description or tags hold it, and comments that do, leave your feed, search and comments. Nobody is told.",
      ),
    }),
    submitRow(t("Mute")),
  );
  onSubmit(form, async ({ word }) => {
    const { muteWord: payload } = await graphql(MUTE_WORD, { word });
    if (payload.errors.length) return showErrors(form, payload.errors);
    form.reset();
    show(payload.mutedWords);
    announce(t("“{word}” is muted.", { word: word.trim() }));
  });
  graphql(WORDS)
    .then(({ viewer }) => show(viewer.mutedWords))
    .catch((error) => listState(state, "error", t("Could not load your muted words: {error}", { error: error.message })));
  return h(
    "section",
    { id: "muted-words-section", "aria-labelledby": "muted-words-title" },
    h("h2", { id: "muted-words-title", text: t("Muted words") }),
    form,
    list,
    state,
  );
}

function personRow(user, undo, removed) {
  const button = h("button", {
    type: "button",
    class: "undo",
    text: undo.label,
    "aria-label": undo.ariaLabel(user.username),
  });
  const row = h(
    "li",
    { class: "person", "data-username": user.username },
    avatar(user, 32),
    h("span", { class: "who" }, h("a", { href: userPath(user.username), text: user.username })),
    button,
  );
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const data = await graphql(undo.document, { username: user.username });
      const payload = data[undo.mutation];
      if (payload.errors.length) throw new Error(payload.errors.map((e) => e.message).join(" "));
      row.remove();
      removed();
      announce(undo.done(user.username));
    } catch (error) {
      button.disabled = false;
      announce(error.message);
    }
  });
  return row;
}

const LISTS = {
  blockedUsers: {
    id: "blocked-users",
    title: t("Blocked people"),
    empty: t("You blocked nobody."),
    query: BLOCKED,
    undo: {
      label: t("Unblock"),
      ariaLabel: (username) => t("Unblock {username}", { username }),
      document: UNBLOCK,
      mutation: "unblockUser",
      done: (username) => t("You unblocked {username}; follows do not come back.", { username }),
    },
  },
  mutedUsers: {
    id: "muted-users",
    title: t("Muted people"),
    empty: t("You muted nobody."),
    query: MUTED,
    undo: {
      label: t("Unmute"),
      ariaLabel: (username) => t("Unmute {username}", { username }),
      document: UNMUTE,
      mutation: "unmuteUser",
      done: (username) => t("You unmuted {username}.", { username }),
    },

  },
};

// `which` is "blockedUsers" or "mutedUsers"; returns the section and its `dispose`.
export function peopleSection(which) {
  const { id, title, empty, query, undo } = LISTS[which];
  const list = h("ul", { class: "people", id });
  const end = h("p", { class: "list-state" });
  const removed = () => list.children.length || listState(end, "empty", empty);
  const pages = pagedList({
    list,
    end,
    fetchPage: async (after) => (await graphql(query, { first: 20, after })).viewer[which],
    render: (user) => personRow(user, undo, removed),
    emptyText: empty,
  });
  const section = h(
    "section",
    { id: `${id}-section`, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title`, text: title }),
    list,
    end,
  );
  return { section, dispose: () => pages.dispose() };
}
