// "@an" typed in a comment suggests people (users(search:)): arrows move through them,
// Enter or Tab (or a click) writes "@username ", Escape closes the list.
import { graphql } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

const PEOPLE = `query MentionSuggestions($search: String!) {
  users(search: $search, first: 5) { edges { node { id username } } }
}`;

// The "@name" being typed just before the caret (not an e-mail address's "@").
const TYPING = /(?:^|[^\w@.+-])@(\w[\w.@+-]{0,29})$/;
const WAIT_MS = 200;

let lists = 0;

export function mentionSuggestions(textarea) {
  const id = `mention-suggestions-${++lists}`;
  const list = h("ul", { class: "mention-suggestions", id, role: "listbox", "aria-label": t("People to mention"),
 hidden: true });
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-controls", id);

  function typed() {
    const match = TYPING.exec(textarea.value.slice(0, textarea.selectionStart));
    return match ? match[1] : null;
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    textarea.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = (index + options.length) % options.length;
    options.forEach((option, n) => option.setAttribute("aria-selected", String(n === active)));
    textarea.setAttribute("aria-activedescendant", options[active].id);
  }

  function pick(username) {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const term = typed();
    const start = before.length - term.length - 1;
    const after = textarea.value.slice(textarea.selectionStart);
    textarea.value = `${before.slice(0, start)}@${username} ${after}`;
    const caret = start + username.length + 2;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.focus();
  }

  async function suggest(term) {
    const question = ++asked;
    let people;
    try {
      people = (await graphql(PEOPLE, { search: term })).users.edges.map((edge) => edge.node);
    } catch {
      return; // no suggestions this time; typing goes on
    }
    if (question !== asked || typed() !== term) return; // a later keystroke asked again
    if (!people.length) return close();
    options = people.map((person, n) =>
      h("li", {
        id: `${id}-${n}`,
        role: "option",
        "aria-selected": "false",
        text: `@${person.username}`,
        onmousedown: (event) => {
          event.preventDefault(); // keep the focus in the textarea
          pick(person.username);
        },
      }),
    );
    list.replaceChildren(...options);
    list.hidden = false;
    highlight(0);
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    const term = typed();
    if (!term) return close();
    timer = setTimeout(() => suggest(term), WAIT_MS);
  });
  textarea.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      pick(options[active].textContent.slice(1));
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  textarea.addEventListener("blur", close);
  return { list, close };
}
