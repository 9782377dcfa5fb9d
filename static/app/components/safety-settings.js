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
          text: "Remove",
          "aria-label": `Unmute “${word}”`,
          onclick: (event) => remove(word, event.currentTarget),
        }),
      ),
    ),
  );
  if (words.length) listState(state, "done", "");
  else listState(state, "empty", "No muted words.");
}

export function mutedWordsSection() {
  const list = h("ul", { class: "muted-words", id: "muted-words" });
  const state = h("p", { class: "list-state loading", text: "Loading…" });
  const show = (words) => wordsList(list, state, words, remove);
  async function remove(word, button) {
    button.disabled = true;
    try {
      const { unmuteWord: payload } = await graphql(UNMUTE_WORD, { word });
      if (payload.errors.length) throw new Error(payload.errors.map((e) => e.message).join(" "));
      show(payload.mutedWords);
      announce(`“${word}” is no longer muted.`);
    } catch (error) {
      button.disabled = false;
      announce(error.message);
    }
  }
  const form = h(
    "form",
    { id: "mute-word-form", class: "stacked", "aria-labelledby": "muted-words-title", novalidate: true },
    formErrorBox(),
    field("Word or phrase", { name: "word", id: "mute-word", maxlength: 50, required: true, "aria-describedby": "mute-word-hint" }),
    h("p", {
      class: "hint",
      id: "mute-word-hint",
      text: "Whole words, whatever their case: images whose title, description or tags hold it, " +
        "and comments that do, leave your feed, search and comments. Nobody is told.",
    }),
    submitRow("Mute"),
  );
  onSubmit(form, async ({ word }) => {
    const { muteWord: payload } = await graphql(MUTE_WORD, { word });
    if (payload.errors.length) return showErrors(form, payload.errors);
    form.reset();
    show(payload.mutedWords);
    announce(`“${word.trim()}” is muted.`);
  });
  graphql(WORDS)
    .then(({ viewer }) => show(viewer.mutedWords))
    .catch((error) => listState(state, "error", `Could not load your muted words: ${error.message}`));
  return h(
    "section",
    { id: "muted-words-section", "aria-labelledby": "muted-words-title" },
    h("h2", { id: "muted-words-title", text: "Muted words" }),
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
    "aria-label": `${undo.label} ${user.username}`,
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
    title: "Blocked people",
    empty: "You blocked nobody.",
    query: BLOCKED,
    undo: { label: "Unblock", document: UNBLOCK, mutation: "unblockUser", done: (name) => `You unblocked ${name}; follows do not come back.` },
  },
  mutedUsers: {
    id: "muted-users",
    title: "Muted people",
    empty: "You muted nobody.",
    query: MUTED,
    undo: { label: "Unmute", document: UNMUTE, mutation: "unmuteUser", done: (name) => `You unmuted ${name}.` },
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
