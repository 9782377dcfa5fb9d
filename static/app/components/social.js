// "Sign in with …" buttons: each leaves for the provider's start URL; the browser comes
// back to `next` with #code=<one-time code> or #error=<reason> (see finishSocialSignIn).
import { graphql } from "../api.js";
import { announce, h } from "../dom.js";
import { startSession } from "../session.js";

const PROVIDERS = `query Providers { socialAuthProviders { name label startUrl } }`;

const SOCIAL_SIGN_IN = `mutation SocialSignIn($code: String!) {
  socialSignIn(input: {code: $code}) {
    user { username } token refreshToken created errors { message }
  }
}`;

// What the social sign-in's `#error=<code>` means, for the codes a person can act on.
const SOCIAL_ERRORS = {
  authorization_declined: "Sign-in cancelled at the provider.",
  email_in_use:
    "An account already uses this e-mail address, and the provider has not verified it. " +
    "Sign in with your password instead.",
  email_not_verified:
    "An account already uses this e-mail address, but has not verified it. If it is yours, " +
    "sign in with your password, verify the address (Settings mails the link), then sign in " +
    "with the provider again to link it.",
  authentication_disallowed: "This account cannot sign in.",
  session_context_missing: "That sign-in was started elsewhere or has expired. Try again.",
  state_mismatch: "That sign-in has expired. Try again.",
};

export function socialButtons(next) {
  const box = h("p", { id: "social-sign-in", class: "social" });
  graphql(PROVIDERS)
    .then(({ socialAuthProviders }) => {
      box.replaceChildren(
        ...socialAuthProviders.map((provider) =>
          h("a", {
            class: "button",
            href: `${provider.startUrl}?next=${encodeURIComponent(location.origin + next)}`,
            "data-provider": provider.name,
            text: `Sign in with ${provider.label}`,
          }),
        ),
      );
    })
    .catch((error) => announce(error.message));
  return box;
}

// The fragment a provider's redirect brought (`code=…` or `error=…`), if any: signs in.
// Returns whether the session changed.
export async function finishSocialSignIn(values) {
  if (values.get("error")) {
    const reason = values.get("error");
    announce(SOCIAL_ERRORS[reason] || `Sign-in failed (${reason}).`);
    return false;
  }
  try {
    const { socialSignIn } = await graphql(SOCIAL_SIGN_IN, { code: values.get("code") });
    if (socialSignIn.errors.length) {
      announce(socialSignIn.errors[0].message);
      return false;
    }
    startSession(socialSignIn);
    const { username } = socialSignIn.user;
    return socialSignIn.created
      ? `Welcome, ${username}: your account is ready.`
      : `Signed in as ${username}.`;
  } catch (error) {
    announce(error.message);
    return false;
  }
}
