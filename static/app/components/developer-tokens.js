// The developer settings' personal access tokens: make one (name, scopes, lifetime), see
// it once with a copy button, list them, revoke one (docs/access-tokens.md).
import { graphql } from "../api.js";
import { field, formErrorBox, h, onSubmit, showErrors, submitRow, time } from "../dom.js";
import { plural, t } from "../i18n.js";
import { removableList, scopeList, shownOnce } from "./developer-list.js";

const TOKEN_FIELDS = `id name scopes createdAt lastUsedAt expiresAt`;
const TOKENS = `query AccessTokens { viewer { accessTokens { ${TOKEN_FIELDS} } } }`;
const CREATE = `mutation CreateAccessToken($name: String!, $scopes: [Scope!]!, $days: Int!) {
  createAccessToken(input: {name: $name, scopes: $scopes, expiresInDays: $days}) {
    token accessToken { ${TOKEN_FIELDS} } errors { field code message }
  }
}`;
const REVOKE = `mutation RevokeAccessToken($id: ID!) {
  revokeAccessToken(input: {id: $id}) { revokedId errors { field code message } }
}`;

export const SCOPES = [
  { value: "READ", label: t("Read"), hint: t("Run queries: see what you can see.") },
  { value: "WRITE", label: t("Write"), hint: t("Run mutations, but never account operations.") },
  { value: "PRIVATE", label: t("Private"), hint: t("See your private images and secret boards.") },
];
const LIFETIMES = [7, 30, 90, 366];

// Checkboxes named `scopes`, one per scope; READ ticked.
export function scopeBoxes(prefix) {
  return h(
    "fieldset",
    { class: "field choices" },
    h("legend", { text: t("Scopes") }),
    ...SCOPES.map(({ value, label, hint }) => {
      const id = `${prefix}-${value.toLowerCase()}`;
      return h(
        "p",
        { class: "choice" },
        h("input", { type: "checkbox", name: "scopes", value, id, checked: value === "READ", "aria-describedby": `${id}-hint` }),
        h("label", { for: id, text: label }),
        h("span", { class: "hint", id: `${id}-hint`, text: hint }),
      );
    }),
  );
}

function tokenRow(token) {
  return [
    h("strong", { class: "name", text: token.name }),
    h("span", { class: "hint", text: ` ${scopeList(token.scopes)} · ${t("made")} ` }),
    time(token.createdAt),
    h("span", { class: "hint", text: token.lastUsedAt ? ` · ${t("last used")} ` : ` · ${t("never used")}` }),
    token.lastUsedAt ? time(token.lastUsedAt) : null,
    h("span", { class: "hint", text: ` · ${t("expires")} ` }),
    time(token.expiresAt),
    " ",
  ];
}

export function tokensSection() {
  const shown = h("div", { id: "new-token" });
  const tokens = removableList({
    id: "access-tokens",
    empty: t("No personal access tokens."),
    query: TOKENS,
    pick: (data) => data.viewer && data.viewer.accessTokens,
    row: tokenRow,
    removal: {
      mutation: REVOKE,
      payload: "revokeAccessToken",
      text: t("Revoke"),
      label: (token) => t("Revoke the token “{name}”", { name: token.name }),
      done: (token) => t("The token “{name}” is revoked.", { name: token.name }),
    },
  });
  const form = h(
    "form",
    { id: "token-form", class: "stacked", "aria-labelledby": "tokens-title", novalidate: true },
    formErrorBox(),
    field(t("Name"), { name: "name", required: true, maxlength: "100", placeholder: t("backup script") }),
    scopeBoxes("token-scope"),
    h(
      "p",
      { class: "field" },
      h("label", { for: "token-days", text: t("Expires after") }),
      h("select", { id: "token-days", name: "expiresInDays" }, ...LIFETIMES.map((days) =>
        h("option", { value: String(days), selected: days === 30, text: plural(days, "{count} day", "{count} days") }))),
    ),
    submitRow(t("Make a token")),
  );
  onSubmit(form, async ({ name, expiresInDays }) => {
    const scopes = [...form.querySelectorAll("[name=scopes]:checked")].map((box) => box.value);
    const variables = { name, scopes, days: Number(expiresInDays) };
    const { createAccessToken: payload } = await graphql(CREATE, variables);
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    shown.replaceChildren(shownOnce(t("The token copied."), payload.token,
      t("Your new token “{name}”: copy it now, it is not shown again. Send it as Authorization: Bearer <token>.", {
        name: payload.accessToken.name,
      })));
    form.reset();
    tokens.load();
  });
  tokens.load();
  return h(
    "section",
    { id: "tokens", "aria-labelledby": "tokens-title" },
    h("h2", { id: "tokens-title", text: t("Personal access tokens") }),
    h("p", { class: "hint", text: t("For your scripts and automations: each token does only what its scopes allow, and never changes your account.") }),

    form,
    shown,
    tokens.list,
    tokens.state,
  );
}
