// "/settings": names, e-mail (pending until confirmed from the new address), date of
// birth and photo; the password; providers; muted words, blocked and muted people
// (components/safety-settings.js); deleting the account (components/delete-account.js).
// The colour scheme (components/scheme-setting.js) is this device's, signed in or not; the
// language (language-setting.js) the account's, or this device's when signed out.
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
  nodes,
  heading,
  onSubmit,
  showErrors,
  signInFirst,
  submitRow,
} from "../dom.js";
import { t } from "../i18n.js";
import { languageSection } from "../language-setting.js";
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
    ? t("We mailed a link to {email}: your address changes once you follow it.", { email: viewer.pendingEmail })
    : "";
}

// Whether the address is verified; while it is not, a button mails the link again.
function verification(viewer) {
  const box = h("p", { id: "email-verification", class: "notice" });
  if (!viewer.email) return box;
  if (viewer.emailVerified) {
    box.textContent = t("This address is verified.");
    return box;
  }
  const resend = h("button", { type: "button", id: "resend-verification", text: t("Mail the link again") });
  resend.addEventListener("click", async () => {
    resend.disabled = true;
    try {
      const { resendEmailVerification: payload } = await graphql(RESEND_VERIFICATION);
      const [error] = payload.errors;
      announce(error ? error.message : t("We mailed a new link to {email}.", { email: viewer.email }));
    } catch (failed) {
      announce(failed.message);
    } finally {
      resend.disabled = false;
    }
  });
  box.append(
    `${t("This address is not verified yet: follow the link we mailed to it. Until then, no password reset is mailed to it and no sign-in provider is linked through it.")} `,
    resend,
  );
  return box;
}

function profileForm(viewer, redraw) {
  const photo = fileDrop({
    name: "photo",
    label: t("New profile photo"),
    hint: t("Drop a photo here, or choose a file (JPEG, PNG, GIF or WebP)."),
  });
  const current = h(
    "div",
    { class: "current-photo", id: "current-photo" },
    avatar(viewer, 96),
    h("span", {
      text: viewer.profile.photo ? t("Your profile photo") : t("No photo yet: people see your initial."),
    }),
  );
  const pending = h("p", { id: "pending-email", class: "notice", text: pendingNotice(viewer) });
  const form = h(
    "form",
    { id: "profile-form", class: "stacked", "aria-labelledby": "profile-title", novalidate: true },
    h("h2", { id: "profile-title", text: t("Profile") }),
    formErrorBox(),
    field(t("First name"), { name: "firstName", value: viewer.firstName, autocomplete: "given-name" }),
    field(t("Last name"), { name: "lastName", value: viewer.lastName, autocomplete: "family-name" }),
    field(t("E-mail address"), { name: "email", type: "email", value: viewer.email, autocomplete: "email" }),
    verification(viewer),
    pending,
    field(t("Date of birth"), { name: "dateOfBirth", type: "date", value: viewer.profile.dateOfBirth }),
    current,
    photo.zone,
    submitRow(t("Save profile")),
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
    announce(pendingNotice(payload.user) || t("Your profile is saved."));
  });
  return form;
}

function passwordForm(viewer) {
  if (!viewer.hasPassword) {
    return h("section", {}, h("h2", { text: t("Password") }),
      h("p", { text: t("You sign in through a provider: this account has no password.") }));
  }
  const form = h(
    "form",
    { id: "password-form", class: "stacked", "aria-labelledby": "password-title", novalidate: true },
    h("h2", { id: "password-title", text: t("Password") }),
    formErrorBox(),
    field(t("Current password"), {
      name: "oldPassword",
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    field(t("New password"), {
      name: "newPassword",
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", text: t("Change password") }),
    ),
  );
  onSubmit(form, async (values) => {
    const payload = await replaceSession(CHANGE_PASSWORD, values, "changePassword");
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    form.reset();
    announce(t("Your password is changed. Your other sessions are signed out."));
  });
  return form;
}

function providersSection(viewer, redraw) {
  const error = formErrorBox();
  const rows = viewer.socialAccounts.map((account) => {
    const button = h("button", {
      type: "button",
      text: t("Disconnect"),
      "aria-label": t("Disconnect {provider}", { provider: account.provider }),
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
        announce(t("{provider} is disconnected from your account.", { provider: account.provider }));
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
    h("h2", { id: "providers-title", text: t("Sign-in providers") }),
    rows.length
      ? h("ul", { class: "providers" }, ...rows)
      : h("p", { text: t("No provider is linked: you sign in with your password.") }),
    error,
  );
}

export default async function settings(view) {
  view.append(heading(t("Settings")));
  if (!signedIn()) {
    view.append(signInFirst("/settings", t("to change your settings")), schemeSection(), languageSection());
    return;
  }
  const developers = { href: "/settings/developers", id: "developer-settings", text: t("Developer settings") };
  view.append(
    h("p", {}, ...nodes(t("{link}: access tokens, authorized apps, your OAuth apps and webhooks."), {
      link: h("a", developers),
    })),
    schemeSection(),
    languageSection(),
  );
  const body = h("div", { class: "settings" }, h("p", { class: "list-state loading", text: t("Loading…") }));
  view.append(body);
  let viewer;
  try {
    ({ viewer } = await graphql(VIEWER));
  } catch (error) {
    body.replaceChildren(failure(t("Could not load your settings: {error}", { error: error.message })));
    return;
  }
  if (!viewer) {
    body.replaceChildren(signInFirst("/settings", t("again to change your settings")));
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
