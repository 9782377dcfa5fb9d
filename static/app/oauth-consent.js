// The OAuth consent page (/oauth/authorize/, templates/oauth/consent.html): the server
// knows the app and the scopes it asks for, this script knows who is signed in (the
// session lives in this origin's localStorage, tokens.js). Allow and Deny post the
// session's access token with the answer (refreshed first when it has expired); with no
// session, the page asks to sign in through the front end and come back here. The page's
// words are translated here, in the front end's language (i18n.js), like the site's.
import { freshAccessToken } from "./api.js";
import { nodes } from "./dom.js";
import { t, translateDocument } from "./i18n.js";
import { savedTokens } from "./tokens.js";

const form = document.getElementById("consent-form");

// A paragraph of the template as a sentence of the catalogue, its elements kept.
function sentence(id, text, values = {}) {
  const paragraph = document.getElementById(id);
  if (!paragraph) return;
  const elements = {};
  for (const [name, value] of Object.entries(values)) {
    elements[name] = typeof value === "string" ? value : paragraph.querySelector(value.selector);
    if (value.text) elements[name].textContent = value.text;
  }
  paragraph.replaceChildren(...nodes(text, elements));
}

function translatePage() {
  translateDocument();
  const app = document.getElementById("consent").dataset.app;
  const title = document.getElementById("consent-title");
  if (form) {
    title.textContent = t("Authorize {app}?", { app });
    document.title = `${t("Authorize {app}", { app })} · Pinmark`;
  } else {
    document.title = `${t("Authorization failed")} · Pinmark`;
  }
  sentence("consent-sign-in-first", t("{link}, then go back to the app and start again."), {
    link: { selector: "a", text: t("Sign in") },
  });
  sentence("consent-sign-in-ask", t("Sign in to Pinmark to answer {app}'s request.", { app }));
  sentence("consent-asks", t("{app} asks to:", { app }));
  sentence(
    "consent-promise",
    t(
      "It will not see your password or e-mail address, nor change your account. You can revoke its access at any time under {link}.",
    ),
    { link: { selector: "a", text: t("Settings › Developers") } },
  );
  sentence("consent-back", t("After you answer, you go back to {address}."), {
    address: { selector: "#consent-redirect" },
  });
}

function askToSignIn() {
  const here = location.pathname + location.search;
  document.getElementById("consent-sign-in-link").href = `/sign-in?next=${encodeURIComponent(here)}`;
  document.getElementById("consent-sign-in").hidden = false;
  form.hidden = true;
  document.getElementById("consent-who").textContent = "";
}

function showSignedIn(username) {
  const who = document.getElementById("consent-who");
  who.textContent = `${t("Signed in as {username}.", { username })} `;
  const other = document.createElement("a");
  other.href = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
  other.textContent = t("Not you?");
  who.append(other);
  form.hidden = false;
}

async function answer(event) {
  event.preventDefault();
  const submitter = event.submitter;
  const buttons = form.querySelectorAll("button");
  for (const button of buttons) button.disabled = true;
  let token = null;
  try {
    token = await freshAccessToken();
  } catch {
    document.getElementById("consent-status").textContent =
      t("Pinmark could not be reached: check your connection and try again.");
  }
  for (const button of buttons) button.disabled = false;
  if (token === null) {
    if (!savedTokens()) askToSignIn();
    return;
  }
  form.elements.access_token.value = token;
  // form.submit() sends no button: the answer goes as a field of its own.
  if (submitter && submitter.name === "allow") {
    form.append(Object.assign(document.createElement("input"), {
      type: "hidden",
      name: "allow",
      value: submitter.value,
    }));
  }
  form.submit();
}

translatePage();
if (form) {
  const tokens = savedTokens();
  if (tokens) showSignedIn(tokens.username);
  else askToSignIn();
  form.addEventListener("submit", answer);
}
