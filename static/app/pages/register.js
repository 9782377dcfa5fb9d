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
  onSubmit,
  showErrors,
  submitRow,
} from "../dom.js";
import { navigate } from "../router.js";
import { currentUsername, startSession } from "../session.js";

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { user { username } token refreshToken errors { field code message } }
}`;

export default function register(view) {
  const form = h(
    "form",
    { id: "register-form", class: "stacked", "aria-labelledby": "register-title", novalidate: true },
    formErrorBox(),
    field("Username", { name: "username", autocomplete: "username", required: true, maxlength: 30 }),
    field("E-mail address", { name: "email", type: "email", autocomplete: "email", required: true }),
    field("Password", {
      name: "password",
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    field("First name (optional)", { name: "firstName", autocomplete: "given-name" }),
    field("Last name (optional)", { name: "lastName", autocomplete: "family-name" }),
    submitRow("Create account"),
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
      `Welcome, ${payload.user.username}: your account is ready. ` +
        `We mailed a link to ${input.email}: follow it to verify your address.`,
    );
  });
  view.append(
    h(
      "section",
      { class: "narrow" },
      heading("Create an account", { id: "register-title" }),
      currentUsername() ? alreadySignedIn(currentUsername()) : null,
      form,
      socialButtons("/"),
      h("p", {}, "Have an account? ", h("a", { href: "/sign-in", text: "Sign in" }), "."),
    ),
  );
}
