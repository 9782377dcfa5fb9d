// The developer settings' registered apps: register a third-party app for OAuth (its
// name, redirect URIs, public or confidential), see a confidential app's secret once,
// list them with their client IDs, delete one (docs/oauth.md).
import { graphql } from "../api.js";
import { choices, field, formErrorBox, h, onSubmit, showErrors, submitRow, time } from "../dom.js";
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

function appRow(app) {
  return [
    h("strong", { class: "name", text: app.name }),
    h("span", { class: "hint", text: ` ${app.clientType.toLowerCase()} · registered ` }),
    time(app.createdAt),
    h("br"),
    h("span", { class: "hint", text: "Client ID " }),
    h("code", { class: "client-id", text: app.clientId }),
    h("br"),
    h("span", { class: "hint", text: `Redirect URIs: ${app.redirectUris.join(", ")}` }),
    " ",
  ];
}

export function appsSection() {
  const shown = h("div", { id: "new-app" });
  const apps = removableList({
    id: "registered-apps",
    empty: "You have registered no app.",
    query: APPS,
    pick: (data) => data.viewer && data.viewer.apps,
    row: appRow,
    removal: {
      mutation: DELETE,
      payload: "deleteApp",
      text: "Delete",
      label: (app) => `Delete the app ${app.name}`,
      done: (app) => `${app.name} is deleted; its tokens no longer work.`,
    },
  });
  const form = h(
    "form",
    { id: "app-form", class: "stacked", "aria-labelledby": "apps-title", novalidate: true },
    formErrorBox(),
    field("App name", { name: "name", id: "app-name", required: true, maxlength: "100" }),
    field("Redirect URIs (one per line)", {
      name: "redirectUris",
      id: "app-redirect-uris",
      required: true,
      rows: "3",
      placeholder: "https://app.example/callback",
    }, "textarea"),
    choices({
      legend: "Kind",
      name: "clientType",
      prefix: "app-type",
      checked: "PUBLIC",
      options: [
        { value: "PUBLIC", label: "Public", hint: "A browser or mobile app: no secret, PKCE only." },
        { value: "CONFIDENTIAL", label: "Confidential", hint: "A server: it also holds a client secret." },
      ],
    }),
    submitRow("Register the app"),
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
        ? shownOnce("The client secret", payload.clientSecret,
          `${payload.app.name} is registered. Its client secret: copy it now, it is not shown again.`)
        : h("p", { class: "notice", role: "status", text: `${payload.app.name} is registered: its client ID is below.` }),
    );
    form.reset();
    apps.load();
  });
  apps.load();
  return h(
    "section",
    { id: "apps", "aria-labelledby": "apps-title" },
    h("h2", { id: "apps-title", text: "Your apps (OAuth)" }),
    h("p", { class: "hint" }, "Apps that ask people for access to their accounts. ",
      h("a", { href: "/graphql", text: "GraphiQL" }), " shows the API they call."),
    form,
    shown,
    apps.list,
    apps.state,
  );
}
