// "/forgot-password": mail a reset link to the account's address.
import { graphql } from "../api.js";
import { field, formErrorBox, h, heading, onSubmit, showErrors, submitRow } from "../dom.js";
import { t } from "../i18n.js";

const REQUEST_RESET = `mutation RequestReset($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { field code message } }
}`;

export default function forgotPassword(view) {
  const done = h("p", { id: "forgot-sent", class: "notice", role: "status" });
  const form = h(
    "form",
    { id: "forgot-form", class: "stacked", "aria-labelledby": "forgot-title", novalidate: true },
    h("p", { text: t("We will mail a link to choose a new password to the address of your account.") }),
    formErrorBox(),
    field(t("E-mail address"), {
      name: "email",
      id: "forgot-email",
      type: "email",
      autocomplete: "email",
      required: true,
    }),
    submitRow(t("Send the link")),
  );
  onSubmit(form, async ({ email }) => {
    const { requestPasswordReset: payload } = await graphql(REQUEST_RESET, { email });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    done.textContent = t("If an account uses this address, a link to reset its password is on its way.");
  });
  view.append(
    h(
      "section",
      { class: "narrow" },
      heading(t("Reset your password"), { id: "forgot-title" }),
      form,
      done,
      h("p", {}, h("a", { href: "/sign-in", text: t("Back to sign in") })),
    ),
  );
}
