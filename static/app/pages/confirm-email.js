// "/confirm-email#<uid>/<token>" (the link mailed to a new address): apply the change.
import { graphql } from "../api.js";
import { h, heading } from "../dom.js";
import { linkParts } from "./reset-password.js";

const CONFIRM_EMAIL = `mutation ConfirmEmail($uid: String!, $token: String!) {
  confirmEmailChange(input: {uid: $uid, token: $token}) { email errors { field code message } }
}`;

export default async function confirmEmail(view, params) {
  const result = h("p", { class: "notice", role: "status", text: "Confirming…" });
  view.append(h("section", { class: "narrow" }, heading("Confirm your e-mail address"), result));
  const link = linkParts(params);
  if (!link) {
    result.textContent = "This link is incomplete.";
    return;
  }
  try {
    const { confirmEmailChange: payload } = await graphql(CONFIRM_EMAIL, link);
    const [error] = payload.errors;
    result.textContent = error ? error.message : `Your e-mail address is now ${payload.email}.`;
    result.classList.toggle("error", Boolean(error));
  } catch (error) {
    result.textContent = error.message;
    result.classList.add("error");
  }
}
