// What the developer settings' sections share: a list drawn from rows, each with a button
// that removes it (revoke, delete) after the API agrees, and a secret shown once with a
// copy button.
import { graphql } from "../api.js";
import { announce, h, listState } from "../dom.js";
import { t } from "../i18n.js";

// A list section's parts: `draw(rows)` fills the list, `load()` asks `query` for the rows
// (`pick(data)`), and each row's button runs `removal` ({mutation, payload, label, done}).
export function removableList({ id, empty, query, pick, row, removal }) {
  const list = h("ul", { class: "developer-list", id });
  const state = h("p", { class: "list-state loading", text: t("Loading…") });
  function draw(rows) {
    list.replaceChildren(...rows.map((item) => h("li", { "data-id": item.id }, ...row(item), button(item))));
    if (rows.length) listState(state, "done", "");
    else listState(state, "empty", empty);
  }
  function button(item) {
    return h("button", {
      type: "button",
      class: "remove",
      text: removal.text,
      "aria-label": removal.label(item),
      onclick: (event) => remove(item, event.currentTarget),
    });
  }
  async function remove(item, control) {
    control.disabled = true;
    try {
      const data = await graphql(removal.mutation, { id: item.id });
      const payload = data[removal.payload];
      if (payload.errors.length) throw new Error(payload.errors.map((e) => e.message).join(" "));
      control.closest("li").remove();
      if (!list.children.length) listState(state, "empty", empty);
      announce(removal.done(item));
    } catch (error) {
      control.disabled = false;
      announce(error.message);
    }
  }
  async function load() {
    try {
      draw(pick(await graphql(query)) || []);
    } catch (error) {
      listState(state, "error", t("Could not load the list: {error}", { error: error.message }));
    }
  }
  return { list, state, draw, load };
}

// A secret shown once (a token, a client secret), with a button that copies it; `copied`
// is said once it is copied.
export function shownOnce(copied, secret, hint) {
  const id = `secret-${Math.random().toString(36).slice(2)}`;
  const copy = h("button", {
    type: "button",
    class: "copy-secret",
    text: t("Copy"),
    "aria-describedby": id,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret);
        announce(copied);
      } catch {
        announce(t("Copying was refused: select the text and copy it."));
      }
    },
  });
  return h(
    "div",
    { class: "shown-once", role: "status" },
    h("p", { text: hint }),
    h("p", { class: "secret-row" }, h("code", { id, class: "secret", text: secret }), " ", copy),
  );
}

const SCOPE_ORDER = ["READ", "WRITE", "PRIVATE"];
const SCOPE_WORDS = { READ: () => t("read"), WRITE: () => t("write"), PRIVATE: () => t("private") };


// "read, write, private": the scopes in words, always in that order.
export function scopeList(scopes) {
  return [...scopes]
    .sort((a, b) => SCOPE_ORDER.indexOf(a) - SCOPE_ORDER.indexOf(b))
    .map((scope) => (SCOPE_WORDS[scope] ? SCOPE_WORDS[scope]() : scope.toLowerCase()))
    .join(", ");
}
