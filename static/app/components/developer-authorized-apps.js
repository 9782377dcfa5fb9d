// The developer settings' authorized apps: the third-party apps you allowed to use your
// account (OAuth, docs/oauth.md), what they may do, when they last did; revoke one.
import { h, time } from "../dom.js";
import { t } from "../i18n.js";
import { removableList, scopeList } from "./developer-list.js";

const AUTHORIZED = `query AuthorizedApps {
  viewer { authorizedApps { id name scopes authorizedAt lastUsedAt } }
}`;
const REVOKE = `mutation RevokeAuthorizedApp($id: ID!) {
  revokeAuthorizedApp(input: {id: $id}) { revokedId errors { field code message } }
}`;

function appRow(app) {
  return [
    h("strong", { class: "name", text: app.name }),
    h("span", { class: "hint", text: ` ${scopeList(app.scopes)} · ${t("allowed")} ` }),
    time(app.authorizedAt),
    h("span", { class: "hint", text: app.lastUsedAt ? ` · ${t("last used")} ` : ` · ${t("never used")}` }),
    app.lastUsedAt ? time(app.lastUsedAt) : null,
    " ",
  ];
}

export function authorizedAppsSection() {
  const apps = removableList({
    id: "authorized-apps",
    empty: t("You have not allowed any app."),
    query: AUTHORIZED,
    pick: (data) => data.viewer && data.viewer.authorizedApps,
    row: appRow,
    removal: {
      mutation: REVOKE,
      payload: "revokeAuthorizedApp",
      text: t("Revoke"),
      label: (app) => t("Revoke {name}'s access", { name: app.name }),
      done: (app) => t("{name} can no longer use your account.", { name: app.name }),
    },
  });
  apps.load();
  return h(
    "section",
    { id: "authorized", "aria-labelledby": "authorized-title" },
    h("h2", { id: "authorized-title", text: t("Authorized apps") }),
    h("p", { class: "hint", text: t("Apps you allowed to use your account. Revoking one ends its access at once.") }),

    apps.list,
    apps.state,
  );
}
