// "Sign in with …" buttons: each leaves for the provider's start URL with a nonce this tab
// keeps; the browser comes back to /sign-in/callback with #code=<one-time code> or
// #error=<reason> (pages/sign-in-callback.js), where the code counts only with that nonce.
import { graphql } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { pathOf } from "../router.js";
import { startSession } from "../session.js";

const PROVIDERS = `query Providers { socialAuthProviders { name label startUrl } }`;

const SOCIAL_SIGN_IN = `mutation SocialSignIn($code: String!, $nonce: String!) {
  socialSignIn(input: {code: $code, nonce: $nonce}) {
    user { username } token refreshToken created errors { message }
  }
}`;

// The page a sign-in comes back to, the one that takes a code (pages/sign-in-callback.js).
export const SIGN_IN_CALLBACK = pathOf("sign-in-callback");

// sessionStorage: this tab only, so a code that reaches another tab or browser finds no
// nonce there (login CSRF: someone else's code opened in a signed-in browser).
const NONCE = "pinmark.signInNonce";

// What the social sign-in's `#error=<code>` means, for the codes a person can act on.
const SOCIAL_ERRORS = {
  authorization_declined: t("Sign-in cancelled at the provider."),
  email_in_use: t(
    "An account already uses this e-mail address, and the provider has not verified it. Sign in with your password instead.",
  ),
  email_not_verified: t(
    "An account already uses this e-mail address, but has not verified it. If it is yours, sign in with your password, verify the address (Settings mails the link), then sign in with the provider again to link it.",
  ),
  authentication_disallowed: t("This account cannot sign in."),
  session_context_missing: t("That sign-in was started elsewhere or has expired. Try again."),
  state_mismatch: t("That sign-in has expired. Try again."),
};

function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

// Back to the callback page of this origin (which goes on to `next`), wherever the API is.
function startLink(provider, next, nonce) {
  const back = next === "/" ? "" : `?${new URLSearchParams({ next })}`;
  const query = new URLSearchParams({ next: location.origin + SIGN_IN_CALLBACK + back, nonce });
  return `${provider.startUrl}?${query}`;
}

export function socialButtons(next) {
  const box = h("p", { id: "social-sign-in", class: "social" });
  graphql(PROVIDERS)
    .then(({ socialAuthProviders }) => {
      box.replaceChildren(
        ...socialAuthProviders.map((provider) => {
          const link = h("a", {
            class: "button",
            href: startLink(provider, next, newNonce()),
            "data-provider": provider.name,
            text: t("Sign in with {provider}", { provider: provider.label }),
          });
          // A fresh nonce for each sign-in, kept before the browser leaves.
          link.addEventListener("click", () => {
            const nonce = newNonce();
            sessionStorage.setItem(NONCE, nonce);
            link.href = startLink(provider, next, nonce);
          });
          return link;
        }),
      );
    })
    .catch((error) => announce(error.message));
  return box;
}

// The nonce of the sign-in this tab started, if any; forgotten at once (it serves once).
export function takeNonce() {
  const nonce = sessionStorage.getItem(NONCE);
  sessionStorage.removeItem(NONCE);
  return nonce;
}

export function socialError(reason) {
  return SOCIAL_ERRORS[reason] || t("Sign-in failed ({reason}).", { reason });
}

// Exchange a code for a session: whether it worked, and what to tell the person.
export async function signInWithCode(code, nonce) {
  try {
    const { socialSignIn } = await graphql(SOCIAL_SIGN_IN, { code, nonce });
    if (socialSignIn.errors.length) return { ok: false, message: socialSignIn.errors[0].message };
    startSession(socialSignIn);
    const { username } = socialSignIn.user;
    const message = socialSignIn.created
      ? t("Welcome, {username}: your account is ready.", { username })
      : t("Signed in as {username}.", { username });

    return { ok: true, message };
  } catch (error) {
    return { ok: false, message: error.message };
  }
}
