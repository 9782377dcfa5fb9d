// The OAuth consent page (/oauth/authorize/, templates/oauth/consent.html): the server
// knows the app and the scopes it asks for, this script knows who is signed in (the
// session lives in this origin's localStorage, tokens.js). Allow and Deny post the
// session's access token with the answer (refreshed first when it has expired); with no
// session, the page asks to sign in through the front end and come back here.
import { freshAccessToken } from "./api.js";
import { savedTokens } from "./tokens.js";

const form = document.getElementById("consent-form");

function askToSignIn() {
  const here = location.pathname + location.search;
  document.getElementById("consent-sign-in-link").href = `/sign-in?next=${encodeURIComponent(here)}`;
  document.getElementById("consent-sign-in").hidden = false;
  form.hidden = true;
  document.getElementById("consent-who").textContent = "";
}

function showSignedIn(username) {
  const who = document.getElementById("consent-who");
  who.textContent = `Signed in as ${username}. `;
  const other = document.createElement("a");
  other.href = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
  other.textContent = "Not you?";
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
      "Pinmark could not be reached: check your connection and try again.";
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

if (form) {
  const tokens = savedTokens();
  if (tokens) showSignedIn(tokens.username);
  else askToSignIn();
  form.addEventListener("submit", answer);
}
