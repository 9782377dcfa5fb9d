// Building the page: elements from data (text always as text, never as HTML), the status
// line, errors shown on their form fields, and the states of a list.

import { language, t } from "./i18n.js";

export const $ = (selector, root = document) => root.querySelector(selector);

// h("a", {href: "/", text: "Home", onclick: fn}, child, ...): attributes, `text` as the
// node's text, `on…` functions as listeners; null and false attributes are left out.
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function announce(message) {
  $("#status").textContent = message;
}

export function heading(text, attributes = {}) {
  return h("h1", { tabindex: "-1", ...attributes, text });
}

let fieldIds = 0;

// Show a payload's errors: each on its field (`name` matching the error's `field`), the
// rest at the top of the form; the first field at fault takes the focus.
export function showErrors(form, errors) {
  clearErrors(form);
  const general = [];
  let first = null;
  for (const error of errors) {
    const input = error.field && form.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (!input) {
      general.push(error.message);
      continue;
    }
    const id = `field-error-${++fieldIds}`;
    const message = h("p", { class: "field-error", id, text: error.message });
    const anchor = input.closest(".field") || input;
    anchor.append(message);
    input.setAttribute("aria-invalid", "true");
    if (input.dataset.describedby === undefined) {
      input.dataset.describedby = input.getAttribute("aria-describedby") || "";
    }
    input.setAttribute("aria-describedby", `${id} ${input.dataset.describedby}`.trim());
    first = first || input;
  }
  const box = form.querySelector(".form-error");
  if (box) box.textContent = general.join(" ");
  if (first) first.focus();
  else if (general.length) announce(general.join(" "));
}

export function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    // Back to what described it before the error (a hint), if anything.
    if (input.dataset.describedby) input.setAttribute("aria-describedby", input.dataset.describedby);
    else input.removeAttribute("aria-describedby");
  }
  const box = form.querySelector(".form-error");
  if (box) box.textContent = "";
}

// A labelled input in its .field wrapper: field("Title", {name: "title", required: true}).
export function field(label, attributes, control = "input") {
  const id = attributes.id || `field-${attributes.name}`;
  return h(
    "p",
    { class: "field" },
    h("label", { for: id, text: label }),
    h(control, { id, ...attributes }),
  );
}

// The line under a list saying what it is doing: loading, empty, failed, done.
export function listState(node, state, text) {
  node.className = `list-state ${state}`;
  node.dataset.state = state;
  node.textContent = text;
}

export function formErrorBox() {
  return h("p", { class: "form-error", role: "alert" });
}

const RELATIVE = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
const FULL = new Intl.DateTimeFormat(language, { dateStyle: "full", timeStyle: "short" });
const SHORT = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", year: "numeric" });
// Seconds in each unit, largest first; beyond four weeks a date reads better.
const UNITS = [["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];

// "just now", "3 minutes ago", "yesterday", "2 weeks ago", then "Dec 6, 2026".
export function ago(date, now = Date.now()) {
  const seconds = (date.getTime() - now) / 1000;
  if (Math.abs(seconds) < 45) return t("just now");
  if (Math.abs(seconds) >= 4 * 604800) return SHORT.format(date);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) || UNITS[3];
  return RELATIVE.format(Math.round(seconds / size), unit);
}

// A moment as "3 minutes ago", the full date on hover; kept current while the page is open.
export function time(value) {
  const date = new Date(value);
  return h("time", { datetime: value, title: FULL.format(date), text: ago(date) });
}

setInterval(() => {
  for (const node of document.querySelectorAll("time[datetime]")) {
    node.textContent = ago(new Date(node.getAttribute("datetime")));
  }
}, 60_000);

export function displayName(user) {
  return [user.firstName, user.lastName].filter(Boolean).join(" ") || user.username;
}

// A form's fields as an object of strings (files left out).
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

// Run `action` on submit with the busy state shown and errors on their fields.
export function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      await action(formValues(form));
    } catch (error) {
      showErrors(form, [error]);
    } finally {
      if (button) button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
}

// "Sign in to …" on a page that needs a viewer, coming back to `next` afterwards;
// `purpose` is translated by the caller: t("to comment").
export function signInFirst(next, purpose) {
  return h(
    "p",
    {},
    h("a", { href: `/sign-in?next=${encodeURIComponent(next)}`, text: t("Sign in") }),
    ` ${purpose}.`,
  );
}

// A translated sentence with elements in it: nodes(t("A board by {owner}"), {owner: link})
// gives ["A board by ", link], wherever the language puts {owner}.
export function nodes(text, elements) {
  return text
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part);
      return name && name[1] in elements ? elements[name[1]] : part;
    })
    .filter((part) => part !== "");
}

export function failure(text) {
  return h("p", { class: "list-state error", role: "alert", text });
}

export function submitRow(text, ...more) {
  return h("p", { class: "actions" }, h("button", { type: "submit", class: "primary", text }), ...more);
}

// On the sign-in and register pages of someone signed in already.
export function alreadySignedIn(username) {
  return h(
    "p",
    { class: "notice", id: "already-signed-in" },
    `${t("You are signed in as {username}.", { username })} `,
    h("a", { href: "/", text: t("Back to the images") }),
  );
}

// One of a few options as radio buttons, each with a line saying what it means:
// choices({legend, name, options: [{value, label, hint}], checked, prefix}).
export function choices({ legend, name, options, checked, prefix = name }) {
  return h(
    "fieldset",
    { class: "field choices" },
    h("legend", { text: legend }),
    ...options.map(({ value, label, hint }) => {
      const id = `${prefix}-${value.toLowerCase()}`;
      return h(
        "p",
        { class: "choice" },
        h("input", {
          type: "radio",
          name,
          value,
          id,
          checked: value === checked,
          "aria-describedby": `${id}-hint`,
        }),
        h("label", { for: id, text: label }),
        h("span", { class: "hint", id: `${id}-hint`, text: hint }),
      );
    }),
  );
}
