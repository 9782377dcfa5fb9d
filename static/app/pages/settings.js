// "/settings": names, e-mail (pending until confirmed from the new address), date of
// birth and photo; the password; providers; muted words, blocked and muted people
// (components/safety-settings.js); deleting the account (components/delete-account.js).
// The colour scheme (components/scheme-setting.js) is this device's, signed in or not.
import { graphql, replaceSession } from "../api.js";
import { avatar } from "../components/avatar.js";
import { deleteSection } from "../components/delete-account.js";
import { exportSection } from "../components/export-account.js";
import { fileDrop } from "../components/file-drop.js";
import { mutedWordsSection, peopleSection } from "../components/safety-settings.js";
import { schemeSection } from "../components/scheme-setting.js";
import {
  announce,
  failure,
  field,
  formErrorBox,
  h,
  heading,
  onSubmit,
  showErrors,
  signInFirst,
  submitRow,
} from "../dom.js";
import { signedIn } from "../session.js";

const PROFILE_FIELDS = `username firstName lastName email emailVerified pendingEmail hasPassword
  profile { dateOfBirth photo { url width height } }
  socialAccounts { provider uid }`;

const VIEWER = `query Settings { viewer { ${PROFILE_FIELDS} } }`;

const UPDATE = `mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) { user { ${PROFILE_FIELDS} } errors { field code message } }
}`;

const CHANGE_PASSWORD = `mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(input: {oldPassword: $oldPassword, newPassword: $newPassword}) {
    token refreshToken errors { field code message }
  }
}`;

const DISCONNECT = `mutation Disconnect($provider: String!) {
  disconnectSocialAccount(input: {provider: $provider}) {
    user { ${PROFILE_FIELDS} } errors { field code message }
  }
}`;

const RESEND_VERIFICATION = `mutation ResendEmailVerification {
  resendEmailVerification(input: {}) { sent errors { field code message } }
}`;


function pendingNotice(viewer) {
  return viewer.pendingEmail
    ? `We mailed a link to ${viewer.pendingEmail}: your address changes once you follow it.`
    : "";
}

// Whether the address is verified; while it is not, a button mails the link again.
function verification(viewer) {
  const box = h("p", { id: "email-verification", class: "notice" });
  if (!viewer.email) return box;
  if (viewer.emailVerified) {
    box.textContent = "This address is verified.";
    return box;
  }
  const resend = h("button", { type: "button", id: "resend-verification", text: "Mail the link again" });
  resend.addEventListener("click", async () => {
    resend.disabled = true;
    try {
      const { resendEmailVerification: payload } = await graphql(RESEND_VERIFICATION);
      const [error] = payload.errors;
      announce(error ? error.message : `We mailed a new link to ${viewer.email}.`);
    } catch (failed) {
      announce(failed.message);
    } finally {
      resend.disabled = false;
    }
  });
  box.append(
    "This address is not verified yet: follow the link we mailed to it. Until then, no " +
      "password reset is mailed to it and no sign-in provider is linked through it. ",
    resend,
  );
  return box;
}

function profileForm(viewer, redraw) {
  const photo = fileDrop({
    name: "photo",
    label: "New profile photo",
    hint: "Drop a photo here, or choose a file (JPEG, PNG, GIF or WebP).",
  });
  const current = h(
    "div",
    { class: "current-photo", id: "current-photo" },
    avatar(viewer, 96),
    h("span", {
      text: viewer.profile.photo ? "Your profile photo" : "No photo yet: people see your initial.",
    }),
  );
  const pending = h("p", { id: "pending-email", class: "notice", text: pendingNotice(viewer) });
  const form = h(
    "form",
    { id: "profile-form", class: "stacked", "aria-labelledby": "profile-title", novalidate: true },
    h("h2", { id: "profile-title", text: "Profile" }),
    formErrorBox(),
    field("First name", { name: "firstName", value: viewer.firstName, autocomplete: "given-name" }),
    field("Last name", { name: "lastName", value: viewer.lastName, autocomplete: "family-name" }),
    field("E-mail address", { name: "email", type: "email", value: viewer.email, autocomplete: "email" }),
    verification(viewer),
    pending,
    field("Date of birth", { name: "dateOfBirth", type: "date", value: viewer.profile.dateOfBirth }),
    current,
    photo.zone,
    submitRow("Save profile"),
  );
  onSubmit(form, async (values) => {
    const input = { firstName: values.firstName, lastName: values.lastName };
    if (values.email !== viewer.email) input.email = values.email;
    if (values.dateOfBirth) input.dateOfBirth = values.dateOfBirth;
    let files = null;
    if (photo.file()) {
      input.photo = null;
      files = { "variables.input.photo": photo.file() };
    }
    const { updateProfile: payload } = await graphql(UPDATE, { input }, files);
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    redraw(payload.user);
    announce(pendingNotice(payload.user) || "Your profile is saved.");
  });
  return form;
}

function passwordForm(viewer) {
  if (!viewer.hasPassword) {
    return h("section", {}, h("h2", { text: "Password" }),
      h("p", { text: "You sign in through a provider: this account has no password." }));
  }
  const form = h(
    "form",
    { id: "password-form", class: "stacked", "aria-labelledby": "password-title", novalidate: true },
    h("h2", { id: "password-title", text: "Password" }),
    formErrorBox(),
    field("Current password", {
      name: "oldPassword",
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    field("New password", {
      name: "newPassword",
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", text: "Change password" }),
    ),
  );
  onSubmit(form, async (values) => {
    const payload = await replaceSession(CHANGE_PASSWORD, values, "changePassword");
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    form.reset();
    announce("Your password is changed. Your other sessions are signed out.");
  });
  return form;
}

function providersSection(viewer, redraw) {
  const error = formErrorBox();
  const rows = viewer.socialAccounts.map((account) => {
    const button = h("button", {
      type: "button",
      text: "Disconnect",
      "aria-label": `Disconnect ${account.provider}`,
      "data-provider": account.provider,
    });
    button.addEventListener("click", async () => {
      error.textContent = "";
      button.disabled = true;
      try {
        const { disconnectSocialAccount: payload } = await graphql(DISCONNECT, {
          provider: account.provider,
        });
        if (payload.errors.length) {
          error.textContent = payload.errors.map((each) => each.message).join(" ");
          return;
        }
        redraw(payload.user);
        announce(`${account.provider} is disconnected from your account.`);
      } catch (failed) {
        error.textContent = failed.message;
      } finally {
        button.disabled = false;
      }
    });
    return h("li", {}, h("span", { text: `${account.provider} (${account.uid})` }), " ", button);
  });
  return h(
    "section",
    { id: "providers", "aria-labelledby": "providers-title" },
    h("h2", { id: "providers-title", text: "Sign-in providers" }),
    rows.length
      ? h("ul", { class: "providers" }, ...rows)
      : h("p", { text: "No provider is linked: you sign in with your password." }),
    error,
  );
}

export default async function settings(view) {
  view.append(heading("Settings"));
  if (!signedIn()) {
    view.append(signInFirst("/settings", "to change your settings"), schemeSection());
    return;
  }
  const developers = { href: "/settings/developers", id: "developer-settings", text: "Developer settings" };
  view.append(
    h("p", {}, h("a", developers), ": access tokens, authorized apps, your OAuth apps and webhooks."),
    schemeSection(),
  );
  const body = h("div", { class: "settings" }, h("p", { class: "list-state loading", text: "Loading…" }));
  view.append(body);
  let viewer;
  try {
    ({ viewer } = await graphql(VIEWER));
  } catch (error) {
    body.replaceChildren(failure(`Could not load your settings: ${error.message}`));
    return;
  }
  if (!viewer) {
    body.replaceChildren(signInFirst("/settings", "again to change your settings"));
    return;
  }
  const account = h("div", {});
  const danger = h("div", {});
  const draw = (current) => {
    account.replaceChildren(
      profileForm(current, draw),
      passwordForm(current),
      providersSection(current, draw),
    );
    danger.replaceChildren(deleteSection(current));
  };
  draw(viewer);
  const blocked = peopleSection("blockedUsers");
  const muted = peopleSection("mutedUsers");
  const exported = exportSection();
  body.replaceChildren(account, mutedWordsSection(), blocked.section, muted.section, exported, danger);
  return () => {
    blocked.dispose();
    muted.dispose();
  };
}
