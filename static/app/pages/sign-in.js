// "/sign-in": username or e-mail and password, "Forgot password?", and a "Sign in with …"
// button per provider. `?next=/path` is where to go afterwards.
import { graphql } from "../api.js";
import { socialButtons } from "../components/social.js";
import {
  alreadySignedIn,
  announce,
  field,
  formErrorBox,
  h,
  heading,
  nodes,
  onSubmit,
  showErrors,
} from "../dom.js";
import { navigate } from "../router.js";
import { currentUsername, startSession } from "../session.js";
import { t } from "../i18n.js";

const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    user { username } token refreshToken errors { field code message }
  }
}`;

// Only a path of this site: never send someone elsewhere after signing in.
export function nextPath(query) {
  const next = query.get("next") || "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : "/";
}

export default function signIn(view, params, query) {
  const form = h(
    "form",
    { id: "login-form", class: "stacked", "aria-labelledby": "sign-in-title", novalidate: true },
    formErrorBox(),
    field(t("Username or e-mail"), {
      name: "username",
      id: "username",
      autocomplete: "username",
      required: true,
    }),
    field(t("Password"), {
      name: "password",
      id: "password",
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", text: t("Sign in") }),
      h("a", { id: "forgot-password", href: "/forgot-password", text: t("Forgot password?") }),
    ),
  );
  onSubmit(form, async ({ username, password }) => {
    const { login } = await graphql(LOGIN, { username, password });
    if (login.errors.length) {
      showErrors(form, login.errors);
      return;
    }
    startSession(login);
    await navigate(nextPath(query), { replace: true });
    announce(t("Signed in as {username}.", { username: login.user.username }));
  });
  view.append(
    h(
      "section",
      { class: "narrow" },
      heading(t("Sign in"), { id: "sign-in-title" }),
      currentUsername() ? alreadySignedIn(currentUsername()) : null,
      form,
      socialButtons(nextPath(query)),
      h("p", {}, ...nodes(t("New here? {link}."), { link: h("a", { href: "/register", text: t("Create an account") }) })),
    ),
  );
}
