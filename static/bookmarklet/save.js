// The save page: runs on our origin only, so the tokens never reach the page the image came
// from. It speaks to the API through the site's own client and keeps the site's session
// (static/app/api.js, static/app/tokens.js): signed in here is signed in on the site, and
// the other way round.
import { ApiError, endSession, graphql } from "../app/api.js";
import { savedTokens, saveSession } from "../app/tokens.js";

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) {
  token refreshToken user { username } errors { field code message } } }`;
const BOOKMARK = `mutation Bookmark($input: BookmarkImageInput!) { bookmarkImage(input: $input) {
  image { id slug title thumbnail { url } file { url } } errors { field code message } } }`;

// What the page says when it needs someone signed in, by the client's error code.
const SIGN_IN_AGAIN = {
  UNAUTHENTICATED: "Sign in to save images.",
  SESSION_ENDED: "Your session has ended: sign in again.",
};

const loginForm = document.getElementById("login-form");
const bookmarkForm = document.getElementById("bookmark-form");
const messages = document.getElementById("messages");
const saved = document.getElementById("saved");

function show(texts) {
  messages.replaceChildren();
  for (const text of texts) {
    const line = document.createElement("p");
    line.textContent = text;
    messages.appendChild(line);
  }
  messages.hidden = texts.length === 0;
}

function markInvalid(form, errors) {
  for (const element of form.elements) element.removeAttribute("aria-invalid");
  for (const error of errors) {
    const element = error.field && form.elements.namedItem(error.field);
    if (element && element.setAttribute) element.setAttribute("aria-invalid", "true");
  }
}

function showUserErrors(form, errors) {
  markInvalid(form, errors);
  show(errors.map((error) => error.message));
}

// In development the page carries a hint for a refused private address (the server's
// IMAGE_FETCH_ALLOWED_HOSTS); elsewhere there is none.
function showAllowedHostHint(errors) {
  const hint = document.getElementById("allowed-host-hint");
  if (hint) hint.hidden = !errors.some((error) => error.code === "FORBIDDEN_URL");
}

function busy(form, isBusy) {
  form.querySelector("button[type=submit]").disabled = isBusy;
  form.setAttribute("aria-busy", String(isBusy));
}

function showLogin(message) {
  bookmarkForm.hidden = true;
  loginForm.hidden = false;
  show(message ? [message] : []);
  loginForm.elements.username.focus();
}

function showBookmarkForm() {
  const tokens = savedTokens();
  loginForm.hidden = true;
  bookmarkForm.hidden = false;
  document.getElementById("username").textContent = (tokens && tokens.username) || "you";
  bookmarkForm.elements.title.focus();
}

function showSaved(image) {
  bookmarkForm.hidden = true;
  showAllowedHostHint([]);
  document.getElementById("preview").hidden = true;
  show([]);
  const link = document.getElementById("saved-link");
  link.href = image.file.url;
  link.textContent = image.title;
  const thumbnail = document.getElementById("saved-thumbnail");
  thumbnail.src = image.thumbnail.url;
  thumbnail.alt = image.title;
  saved.hidden = false;
}

function failed(error) {
  if (error instanceof ApiError && SIGN_IN_AGAIN[error.code]) showLogin(SIGN_IN_AGAIN[error.code]);
  else show([error.message]);
}

// Runs `send` with the form marked busy; a failed request shows what went wrong.
async function submitting(form, send) {
  busy(form, true);
  try {
    await send();
  } catch (error) {
    failed(error);
  } finally {
    busy(form, false);
  }
}

async function logIn() {
  const { elements } = loginForm;
  const input = { username: elements.username.value, password: elements.password.value };
  const { login } = await graphql(LOGIN, { input });
  if (login.errors.length) {
    showUserErrors(loginForm, login.errors);
    return;
  }
  elements.password.value = "";
  saveSession(login);
  show([]);
  showBookmarkForm();
}

async function bookmark() {
  const { elements } = bookmarkForm;
  const input = {
    url: elements.url.value,
    title: elements.title.value,
    description: elements.description.value,
  };
  const { bookmarkImage } = await graphql(BOOKMARK, { input });
  if (bookmarkImage.errors.length) {
    showUserErrors(bookmarkForm, bookmarkImage.errors);
    showAllowedHostHint(bookmarkImage.errors);
  } else {
    showSaved(bookmarkImage.image);
  }
}

function signOut() {
  endSession(); // forgets the tokens at once, then has the server end the session
  showLogin("Signed out.");
}

// A page with a problem (no image, a bad address) has no forms.
if (loginForm && bookmarkForm) {
  loginForm.addEventListener("submit", (event) => {
    event.preventDefault();
    submitting(loginForm, logIn);
  });
  bookmarkForm.addEventListener("submit", (event) => {
    event.preventDefault();
    submitting(bookmarkForm, bookmark);
  });
  document.getElementById("sign-out").addEventListener("click", signOut);
  if (savedTokens()) showBookmarkForm();
  else showLogin();
}
