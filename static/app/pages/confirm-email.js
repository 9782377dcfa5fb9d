// "/confirm-email#<uid>/<token>" (the link mailed at sign-up, or to a new address): says
// what confirming does, and confirms only when the button is pressed. Opening the link
// changes nothing, so that a link someone else planted cannot act by being opened.
import { graphql } from "../api.js";
import { formErrorBox, h, heading, onSubmit, showErrors, submitRow } from "../dom.js";
import { linkParts } from "./reset-password.js";
import { t } from "../i18n.js";

const CONFIRM_EMAIL = `mutation ConfirmEmail($uid: String!, $token: String!) {
  confirmEmail(input: {uid: $uid, token: $token}) { email errors { field code message } }
}`;

export default function confirmEmail(view, params) {
  const section = h("section", { class: "narrow" }, heading(t("Confirm your e-mail address")));
  view.append(section);
  const link = linkParts(params);
  if (!link) {
    section.append(h("p", { class: "notice error", text: t("This link is incomplete.") }));
    return;
  }
  const result = h("p", { id: "confirm-result", class: "notice", role: "status" });
  const form = h(
    "form",
    { id: "confirm-form", class: "stacked", "aria-label": t("Confirm the address"), novalidate: true },
    h("p", {
      text:
        t("Confirm that this address is yours and that it belongs to your Pinmark account: an address you signed up with becomes verified, a new address you asked for replaces the old one. The e-mail that brought you here names that account. Nothing changes until you press the button; if you did not ask for this, or the account is not yours, close the page."),
    }),
    formErrorBox(),
    submitRow(t("Confirm my e-mail address")),
  );
  onSubmit(form, async () => {
    const { confirmEmail: payload } = await graphql(CONFIRM_EMAIL, link);
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    form.remove();
    result.textContent = t("Your e-mail address {email} is confirmed.", { email: payload.email });
  });
  section.append(form, result);
}
