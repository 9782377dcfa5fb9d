// "/reset-password#<uid>/<token>" (the mailed link; /reset-password/<uid>/<token> too):
// choose a new password, and be signed in. Someone signed in is asked first: the link may
// be for another account (planted by its holder), which would take this session's place.
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, heading, onSubmit, showErrors } from "../dom.js";
import { navigate } from "../router.js";
import { currentUsername, startSession } from "../session.js";
import { t } from "../i18n.js";

const RESET = `mutation Reset($uid: String!, $token: String!, $newPassword: String!) {
  resetPassword(input: {uid: $uid, token: $token, newPassword: $newPassword}) {
    user { username } token refreshToken errors { field code message }
  }
}`;

// The link's two parts, from the path or (the default link) the fragment.
export function linkParts(params) {
  if (params.uid && params.token) return params;
  const [uid, token] = location.hash.slice(1).split("/");
  return uid && token ? { uid, token } : null;
}

export default function resetPassword(view, params) {
  const link = linkParts(params);
  view.append(h("section", { class: "narrow" }, heading(t("Choose a new password"))));
  const section = view.firstChild;
  if (!link) {
    section.append(
      h("p", { class: "notice error", text: t("This link is incomplete.") }),
      h("p", {}, h("a", { href: "/forgot-password", text: t("Ask for a new link") })),
    );
    return;
  }
  const username = currentUsername();
  if (username) section.append(askFirst(section, username, link));
  else showForm(section, link);
}

function askFirst(section, username, link) {
  const question = h(
    "div",
    { id: "reset-switch" },
    h("p", {}, t(
      "You are signed in as {username}. Setting a password through this link signs you in to the account it was mailed for, in this session's place: go on only with a link you asked for.",
      { username },
    )),
    h(
      "p",
      { class: "actions" },
      h("button", {
        type: "button",
        class: "primary",
        id: "reset-switch-continue",
        text: t("Go on"),
        onclick: () => {
          question.remove();
          showForm(section, link);
        },
      }),
      h("button", {
        type: "button",
        id: "reset-switch-keep",
        text: t("Stay signed in as {username}", { username }),
        onclick: () => navigate("/", { replace: true }),
      }),
    ),
  );
  return question;
}

function showForm(section, link) {
  const form = h(
    "form",
    { id: "reset-form", class: "stacked", "aria-label": t("New password"), novalidate: true },
    formErrorBox(),
    field(t("New password"), {
      name: "newPassword",
      id: "new-password",
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    h("p", { class: "actions" },
      h("button", { type: "submit", class: "primary", text: t("Set the password and sign in") })),
  );
  onSubmit(form, async ({ newPassword }) => {
    const { resetPassword: payload } = await graphql(RESET, { ...link, newPassword });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    startSession(payload);
    await navigate("/", { replace: true });
    announce(t("Your password is changed. Signed in as {username}.", { username: payload.user.username }));
  });
  section.append(form, h("p", {}, h("a", { href: "/forgot-password", text: t("Ask for a new link") })));
}
