// The settings page's danger zone: deleting one's account, confirmed in a dialog with the
// password (or, for an account without one, a recent sign-in through a provider).
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, onSubmit, showErrors } from "../dom.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { forgetSession } from "../session.js";

const DELETE_ACCOUNT = `mutation DeleteAccount($password: String) {
  deleteAccount(input: {password: $password}) { deletedId errors { field code message } }
}`;

export function deleteSection(viewer) {
  const dialog = h(
    "dialog",
    { id: "delete-dialog", "aria-labelledby": "delete-title" },
  );
  const form = h(
    "form",
    { id: "delete-form", class: "stacked", novalidate: true },
    h("h2", { id: "delete-title", text: t("Delete your account?") }),
    h("p", {
      text: t(
        "Your account, your images, your likes, your follows and your activity will be deleted for good. This cannot be undone.",
      ),
    }),
    formErrorBox(),
    viewer.hasPassword
      ? field(t("Your password, to confirm"), {
          name: "password",
          id: "delete-password",
          type: "password",
          autocomplete: "current-password",
          required: true,
        })
      : h("p", {
          id: "delete-social-hint",
          text: t(
            "You signed in through a provider: confirm within 10 minutes of signing in (sign in again if it is longer ago).",
          ),
        }),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "danger", text: t("Delete my account") }),
      h("button", { type: "button", class: "cancel", text: t("Cancel"), onclick: () => dialog.close() }),
    ),
  );
  dialog.append(form);
  onSubmit(form, async ({ password }) => {
    const { deleteAccount: payload } = await graphql(DELETE_ACCOUNT, { password: password || null });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    dialog.close();
    forgetSession();
    await navigate("/", { replace: true });
    announce(t("Your account and everything in it are deleted."));
  });
  const open = h("button", {
    id: "delete-account",
    type: "button",
    class: "danger",
    text: t("Delete account"),
    onclick: () => {
      form.reset();
      for (const node of form.querySelectorAll(".field-error")) node.remove();
      form.querySelector(".form-error").textContent = "";
      dialog.showModal();
    },
  });
  return h(
    "section",
    { "aria-labelledby": "danger-title", class: "danger-zone" },
    h("h2", { id: "danger-title", text: t("Delete account") }),
    h("p", { text: t("Deleting your account removes everything you posted, liked and followed.") }),

    open,
    dialog,
  );
}
