// The save page: runs on our origin only, so the tokens never reach the page the image came
// from. It speaks to the API through the site's own client and keeps the site's session
// (static/app/api.js, static/app/tokens.js): signed in here is signed in on the site, and
// the other way round. The image goes to the board chosen (or made) here; the page offers
// the board chosen last first (static/app/boards.js).
import { ApiError, endSession, graphql } from "../app/api.js";
import { createBoard, lastBoard, rememberBoard, viewerBoards } from "../app/boards.js";
import { t, translateDocument } from "../app/i18n.js";
import { parseTags } from "../app/tag-list.js";
import { savedTokens, saveSession } from "../app/tokens.js";
import { checkAlreadySaved, SAVED_FIELDS, showAlreadySaved } from "./already-saved.js";

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) {
  token refreshToken user { username } errors { field code message } } }`;
const BOOKMARK = `mutation Bookmark($input: BookmarkImageInput!) { bookmarkImage(input: $input) {
  image { id slug title thumbnail { url } file { url } }
  existingImage { ${SAVED_FIELDS} } errors { field code message } } }`;

// What the page says when it needs someone signed in, by the client's error code.
const SIGN_IN_AGAIN = {
  UNAUTHENTICATED: () => t("Sign in to save images."),
  SESSION_ENDED: () => t("Your session has ended: sign in again."),
};

const loginForm = document.getElementById("login-form");
const bookmarkForm = document.getElementById("bookmark-form");
const messages = document.getElementById("messages");
const saved = document.getElementById("saved");
const boardSelect = document.getElementById("board");
const newBoard = document.getElementById("new-board");
const NEW_BOARD = "new";

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
  document.getElementById("username").textContent = (tokens && tokens.username) || t("you");
  bookmarkForm.elements.title.focus();
  loadBoards(tokens && tokens.username);
  checkAlreadySaved(bookmarkForm.elements.url.value);
}

function option(value, text) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = text;
  return node;
}

// The person's boards between "No board" and "New board…", the one chosen last selected
// (unless a choice was made meanwhile); the select says "loaded" when they are in.
async function loadBoards(username) {
  boardSelect.dataset.state = "loading";
  let boards = [];
  try {
    boards = await viewerBoards();
  } catch (error) {
    failed(error);
  }
  const choice = boardSelect.value;
  const [none, create] = [option("", t("No board")), option(NEW_BOARD, t("New board…"))];
  boardSelect.replaceChildren(none, ...boards.map((board) => option(board.id, board.label)), create);
  const chosen = boardSelect.dataset.chosen ? choice : lastBoard(username);
  if (chosen === NEW_BOARD || boards.some((board) => board.id === chosen)) {
    boardSelect.value = chosen;
  }
  newBoard.hidden = boardSelect.value !== NEW_BOARD;
  boardSelect.dataset.state = "loaded";
}

// The board to save to: "" for none, or a new one (null when it could not be made).
async function chosenBoardId() {
  const { elements } = bookmarkForm;
  if (boardSelect.value !== NEW_BOARD) return boardSelect.value;
  const payload = await createBoard({
    name: elements.boardName.value,
    privacy: elements.secret.checked ? "SECRET" : "PUBLIC",
  });
  if (payload.errors.length) {
    const fields = { name: "boardName", privacy: "secret" };
    showUserErrors(
      bookmarkForm,
      payload.errors.map((error) => ({ ...error, field: fields[error.field] || "boardName" })),
    );
    return null;
  }
  boardSelect.insertBefore(option(payload.board.id, payload.board.name), boardSelect.lastChild);
  boardSelect.value = payload.board.id;
  newBoard.hidden = true;
  return payload.board.id;
}

function showSaved(image, boardName) {
  bookmarkForm.hidden = true;
  showAllowedHostHint([]);
  showAlreadySaved(null);
  document.getElementById("preview").hidden = true;
  show([]);
  const link = document.getElementById("saved-link");
  link.href = image.file.url;
  link.textContent = image.title;
  const thumbnail = document.getElementById("saved-thumbnail");
  thumbnail.src = image.thumbnail.url;
  thumbnail.alt = image.title;
  // The link to the image takes the place of {image} in the sentence.
  const sentence = boardName
    ? t("Saved {image} to {board}.", { board: boardName })
    : t("Saved {image}.");
  const [before, after = ""] = sentence.split("{image}");
  document.getElementById("saved-message").replaceChildren(before, link, after);
  saved.hidden = false;
}

function failed(error) {
  if (error instanceof ApiError && SIGN_IN_AGAIN[error.code]) showLogin(SIGN_IN_AGAIN[error.code]());
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
  const boardId = await chosenBoardId();
  if (boardId === null) return;
  const input = {
    url: elements.url.value,
    title: elements.title.value,
    description: elements.description.value,
    tags: parseTags(elements.tags.value),
    ...(boardId ? { boardId } : {}),
  };
  const { bookmarkImage } = await graphql(BOOKMARK, { input });
  if (bookmarkImage.errors.length) {
    showUserErrors(bookmarkForm, bookmarkImage.errors);
    showAllowedHostHint(bookmarkImage.errors);
    showAlreadySaved(bookmarkImage.existingImage);
    return;
  }
  const tokens = savedTokens();
  if (boardId && tokens) rememberBoard(tokens.username, boardId);
  showSaved(bookmarkImage.image, boardId ? boardSelect.selectedOptions[0].textContent : "");
}

function signOut() {
  endSession(); // forgets the tokens at once, then has the server end the session
  showLogin(t("Signed out."));
}

translateDocument();
document.title = t("Save to Pinmark");
const tooLong = document.getElementById("too-long");
if (tooLong) {
  tooLong.textContent = t("The image address is longer than {limit} characters.", {
    limit: Number(tooLong.dataset.limit),
  });
}
const preview = document.getElementById("preview");
if (preview) preview.alt = t("The image to save");

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
  boardSelect.addEventListener("change", () => {
    boardSelect.dataset.chosen = "true";
    newBoard.hidden = boardSelect.value !== NEW_BOARD;
    if (!newBoard.hidden) bookmarkForm.elements.boardName.focus();
  });
  if (savedTokens()) showBookmarkForm();
  else showLogin();
}
