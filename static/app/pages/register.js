// "/register": a new account, signed in at once (a link to verify its address is mailed);
// errors shown on their fields.
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
  submitRow,
} from "../dom.js";
import { navigate } from "../router.js";
import { currentUsername, startSession } from "../session.js";
import { t } from "../i18n.js";

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { user { username } token refreshToken errors { field code message } }
}`;

export default function register(view) {
  const form = h(
    "form",
    { id: "register-form", class: "stacked", "aria-labelledby": "register-title", novalidate: true },
    formErrorBox(),
    field(t("Username"), { name: "username", autocomplete: "username", required: true, maxlength: 30 }),
    field(t("E-mail address"), { name: "email", type: "email", autocomplete: "email", required: true }),
    field(t("Password"), {
      name: "password",
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    field(t("First name (optional)"), { name: "firstName", autocomplete: "given-name" }),
    field(t("Last name (optional)"), { name: "lastName", autocomplete: "family-name" }),
    submitRow(t("Create account")),
  );
  onSubmit(form, async (input) => {
    const { register: payload } = await graphql(REGISTER, { input });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    startSession(payload);
    await navigate("/", { replace: true });
    announce(
      t("Welcome, {username}: your account is ready. We mailed a link to {email}: follow it to verify your address.", {
        username: payload.user.username,
        email: input.email,
      }),
    );
  });
  view.append(
    h(
      "section",
      { class: "narrow" },
      heading(t("Create an account"), { id: "register-title" }),
      currentUsername() ? alreadySignedIn(currentUsername()) : null,
      form,
      socialButtons("/"),
      h("p", {}, ...nodes(t("Have an account? {link}."), { link: h("a", { href: "/sign-in", text: t("Sign in") }) })),
    ),
  );
}
