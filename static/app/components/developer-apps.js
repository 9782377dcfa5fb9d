// The developer settings' registered apps: register a third-party app for OAuth (its
// name, redirect URIs, public or confidential), see a confidential app's secret once,
// list them with their client IDs, delete one (docs/oauth.md).
import { graphql } from "../api.js";
import { choices, field, formErrorBox, h, nodes, onSubmit, showErrors, submitRow, time } from "../dom.js";
import { t } from "../i18n.js";
import { removableList, shownOnce } from "./developer-list.js";

const APP_FIELDS = `id name clientId clientType redirectUris createdAt`;
const APPS = `query Apps { viewer { apps { ${APP_FIELDS} } } }`;
const REGISTER = `mutation RegisterApp($name: String!, $uris: [String!]!, $type: OAuthClientType!) {
  registerApp(input: {name: $name, redirectUris: $uris, clientType: $type}) {
    app { ${APP_FIELDS} } clientSecret errors { field code message }
  }
}`;
const DELETE = `mutation DeleteApp($id: ID!) {
  deleteApp(input: {id: $id}) { deletedId errors { field code message } }
}`;

const KINDS = { PUBLIC: () => t("public"), CONFIDENTIAL: () => t("confidential") };

function appRow(app) {
  const kind = KINDS[app.clientType] ? KINDS[app.clientType]() : app.clientType.toLowerCase();
  return [
    h("strong", { class: "name", text: app.name }),
    h("span", { class: "hint", text: ` ${kind} · ${t("registered")} ` }),
    time(app.createdAt),
    h("br"),
    h("span", { class: "hint", text: `${t("Client ID")} ` }),
    h("code", { class: "client-id", text: app.clientId }),
    h("br"),
    h("span", { class: "hint", text: t("Redirect URIs: {uris}", { uris: app.redirectUris.join(", ") }) }),
    " ",
  ];
}

export function appsSection() {
  const shown = h("div", { id: "new-app" });
  const apps = removableList({
    id: "registered-apps",
    empty: t("You have registered no app."),
    query: APPS,
    pick: (data) => data.viewer && data.viewer.apps,
    row: appRow,
    removal: {
      mutation: DELETE,
      payload: "deleteApp",
      text: t("Delete"),
      label: (app) => t("Delete the app {name}", { name: app.name }),
      done: (app) => t("{name} is deleted; its tokens no longer work.", { name: app.name }),
    },
  });
  const form = h(
    "form",
    { id: "app-form", class: "stacked", "aria-labelledby": "apps-title", novalidate: true },
    formErrorBox(),
    field(t("App name"), { name: "name", id: "app-name", required: true, maxlength: "100" }),
    field(t("Redirect URIs (one per line)"), {
      name: "redirectUris",
      id: "app-redirect-uris",
      required: true,
      rows: "3",
      placeholder: "https://app.example/callback",
    }, "textarea"),
    choices({
      legend: t("Kind"),
      name: "clientType",
      prefix: "app-type",
      checked: "PUBLIC",
      options: [
        { value: "PUBLIC", label: t("Public"), hint: t("A browser or mobile app: no secret, PKCE only.") },
        { value: "CONFIDENTIAL", label: t("Confidential"), hint: t("A server: it also holds a client secret.") },
      ],
    }),
    submitRow(t("Register the app")),
  );
  onSubmit(form, async ({ name, redirectUris, clientType }) => {
    const uris = redirectUris.split("\n").map((uri) => uri.trim()).filter(Boolean);
    const { registerApp: payload } = await graphql(REGISTER, { name, uris, type: clientType });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    shown.replaceChildren(
      payload.clientSecret
        ? shownOnce(t("The client secret copied."), payload.clientSecret,
          t("{name} is registered. Its client secret: copy it now, it is not shown again.", { name: payload.app.name }))
        : h("p", { class: "notice", role: "status",
          text: t("{name} is registered: its client ID is below.", { name: payload.app.name }) }),
    );
    form.reset();
    apps.load();
  });
  apps.load();
  return h(
    "section",
    { id: "apps", "aria-labelledby": "apps-title" },
    h("h2", { id: "apps-title", text: t("Your apps (OAuth)") }),
    h("p", { class: "hint" }, ...nodes(
      t("Apps that ask people for access to their accounts. {graphiql} shows the API they call."),
      { graphiql: h("a", { href: "/graphql", text: "GraphiQL" }) },
    )),

    form,
    shown,
    apps.list,
    apps.state,
  );
}
