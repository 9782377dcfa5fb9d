// The toolbar button's popup, also opened as a window by the context menu (with `src`): the
// page's images (read by an injected function only now, on the person's click: activeTab),
// the board to save to, an "Already saved" mark on pictures the person has, and saving.
import { ApiError } from "./lib/api.js";
import { signIn, signOut, currentSession } from "./lib/auth.js";
import { localize, t } from "./lib/i18n.js";
import { listPageImages } from "./lib/page-images.js";
import { bookmark, imageAddress, savedImage, viewerBoards } from "./lib/pinmark.js";
import { lastBoard, rememberBoard } from "./lib/settings.js";

// Checking each picture costs a request; a page with more shows the rest unchecked.
const CHECKED_IMAGES = 30;
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

function say(text) {
  $("status").textContent = text;
}

async function activeTabId() {
  if (params.get("tab")) return Number(params.get("tab"));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id;
}

// {title, url, images} of the picture the context menu named, or of the active page.
async function pageImages() {
  if (params.get("src")) {
    const src = params.get("src");
    return { title: params.get("title") || "", url: params.get("page"), images: [{ src, alt: "" }] };
  }
  const tabId = await activeTabId();
  try {
    const [result] = await chrome.scripting.executeScript({ target: { tabId }, func: listPageImages });
    return result.result;
  } catch {
    // The browser's own pages, the stores' and other extensions' are closed to extensions.
    throw new Error(t("unreadablePage"));
  }
}

function mark(item, image, serverUrl) {
  item.classList.add("saved");
  item.dataset.saved = image.id;
  const text = item.querySelector(".mark");
  text.textContent = t("alreadySaved", image.title);
  text.title = imageAddress(serverUrl, image);
}

async function save(item, image, page, serverUrl) {
  const boardId = $("board").value;
  say(t("saving"));
  const title = (image.alt || "").trim() || (page.title || "").trim();
  const payload = await bookmark({ url: image.src, title, boardId });
  if (payload.errors.length) {
    if (payload.existingImage) mark(item, payload.existingImage, serverUrl);
    say(payload.errors.map((error) => error.message).join(" "));
    return;
  }
  if (boardId) await rememberBoard(boardId);
  mark(item, payload.image, serverUrl);
  item.dataset.state = "saved-now";
  say(t("saved", payload.image.title));
}

function imageItem(image, page, serverUrl) {
  const item = document.createElement("li");
  item.dataset.src = image.src;
  const button = document.createElement("button");
  button.type = "button";
  const picture = document.createElement("img");
  picture.src = image.src;
  picture.alt = image.alt || "";
  const size = document.createElement("span");
  size.textContent = image.width ? `${image.width} × ${image.height}` : "";
  const markText = document.createElement("span");
  markText.className = "mark";
  button.append(picture, size, markText);
  button.addEventListener("click", () => save(item, image, page, serverUrl).catch(failed));
  item.append(button);
  return item;
}

async function markSaved(items, serverUrl) {
  await Promise.all(
    items.slice(0, CHECKED_IMAGES).map(async (item) => {
      const image = await savedImage(item.dataset.src).catch(() => null);
      if (image) mark(item, image, serverUrl);
    }),
  );
  $("images").dataset.checked = "true";
}

async function loadBoards() {
  const select = $("board");
  const { boards } = await viewerBoards();
  const chosen = await lastBoard();
  for (const board of boards) select.append(new Option(board.label, board.id));
  if (boards.some((board) => board.id === chosen)) select.value = chosen;
  select.dataset.state = "loaded";
}

async function showImages(session) {
  const page = await pageImages();
  const items = page.images.map((image) => imageItem(image, page, session.serverUrl));
  $("images").replaceChildren(...items);
  if (!items.length) say(t("noImages"));
  await Promise.all([loadBoards(), markSaved(items, session.serverUrl)]);
}

function showSignedOut(message) {
  $("signed-in").hidden = true;
  $("sign-out").hidden = true;
  $("signed-out").hidden = false;
  say(message || "");
}

function failed(error) {
  if (error instanceof ApiError && ["UNAUTHENTICATED", "SESSION_ENDED"].includes(error.code)) {
    showSignedOut(error.message);
  } else {
    say(error.message);
  }
}

async function start() {
  const session = await currentSession().catch(() => null);
  if (!session) return showSignedOut();
  $("signed-out").hidden = true;
  $("signed-in").hidden = false;
  $("sign-out").hidden = false;
  await showImages(session);
}

$("sign-in").addEventListener("click", async () => {
  try {
    await signIn();
    say("");
    await start();
  } catch (error) {
    say(error.message);
  }
});
$("sign-out").addEventListener("click", async () => {
  await signOut();
  showSignedOut(t("signedOut"));
});
localize();
start().catch(failed);
