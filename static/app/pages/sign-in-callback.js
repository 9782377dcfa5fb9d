// "/sign-in/callback?next=/path#code=…" (or #error=…): where a sign-in through a provider
// ends, the one page that takes a code. The code counts only with the nonce this tab kept
// when it left (components/social.js), and replaces nobody's session without asking.
import { signInWithCode, socialError, takeNonce } from "../components/social.js";
import { announce, h, heading } from "../dom.js";
import { navigate } from "../router.js";
import { currentUsername } from "../session.js";
import { nextPath } from "./sign-in.js";
import { t } from "../i18n.js";

const NOT_STARTED_HERE = t("That sign-in was not started in this tab, or was already used: nothing changed.");

export default function signInCallback(view, params, query) {
  const values = new URLSearchParams(location.hash.slice(1));
  // Out of the address at once, so that it is neither bookmarked nor shared.
  history.replaceState(null, "", `${location.pathname}${location.search}`);
  const next = nextPath(query);
  if (!values.get("code") && !values.get("error")) return navigate(next, { replace: true });
  const nonce = takeNonce();
  if (values.get("error")) return leave(next, socialError(values.get("error")));
  if (!nonce) return leave(next, NOT_STARTED_HERE);
  const username = currentUsername();
  if (!username) return finish(values.get("code"), nonce, next);
  view.append(askToSwitch(username, values.get("code"), nonce, next));
  return null;
}

function askToSwitch(username, code, nonce, next) {
  return h(
    "section",
    { class: "narrow", id: "switch-account" },
    heading(t("Switch accounts?")),
    h(
      "p",
      {},
      t(
        "You are signed in as {username}. The account you have just signed in to at the provider would take this session's place.",
        { username },
      ),
    ),
    h(
      "p",
      { class: "actions" },
      h("button", {
        type: "button",
        class: "primary",
        id: "switch-account-confirm",
        text: t("Switch accounts"),
        onclick: (event) => {
          // The code serves once: a second click would only report it used.
          event.target.disabled = true;
          finish(code, nonce, next);
        },
      }),
      h("button", {
        type: "button",
        id: "switch-account-keep",
        text: t("Stay signed in as {username}", { username }),
        onclick: () => leave(next, t("Still signed in as {username}.", { username })),
      }),
    ),
  );
}

async function finish(code, nonce, next) {
  const { ok, message } = await signInWithCode(code, nonce);
  if (ok) await arrive(next, message);
  else await leave(next, message);
}

// A sign-in that did not happen: to the page the person wanted when signed in, else back
// to the sign-in form, to try again.
function leave(next, message) {
  if (currentUsername()) return arrive(next, message);
  const signIn = next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
  return arrive(signIn, message);
}

async function arrive(path, message) {
  await navigate(path, { replace: true });
  announce(message);
}
