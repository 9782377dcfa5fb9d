// The extension's settings and session, in chrome.storage.local only: no page, and no other
// extension, can read them (content scripts could, but this extension runs none that asks).
import { DEFAULT_CLIENT_ID, DEFAULT_SERVER } from "./config.js";

const SETTINGS = "settings";
const SESSION = "session";
const LAST_BOARD = "lastBoard";

export async function settings() {
  const stored = (await chrome.storage.local.get(SETTINGS))[SETTINGS] || {};
  return {
    serverUrl: stored.serverUrl || DEFAULT_SERVER,
    clientId: stored.clientId || DEFAULT_CLIENT_ID,
  };
}

// A server address as the extension keeps it: an origin, http only to a loopback host
// (as the server's own rule for redirect addresses); null when it is not one.
export function serverOrigin(text) {
  let url;
  try {
    url = new URL(String(text).trim());
  } catch {
    return null;
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return null;
  return url.origin;
}

// Changing the server or the app ends the session: its tokens belong to the old pair.
export async function saveSettings({ serverUrl, clientId }) {
  await chrome.storage.local.set({ [SETTINGS]: { serverUrl, clientId } });
  await chrome.storage.local.remove([SESSION, LAST_BOARD]);
}

export async function storedSession() {
  return (await chrome.storage.local.get(SESSION))[SESSION] || null;
}

export async function storeSession(session) {
  await chrome.storage.local.set({ [SESSION]: session });
}

export async function forgetSession() {
  await chrome.storage.local.remove([SESSION, LAST_BOARD]);
}

export async function lastBoard() {
  return (await chrome.storage.local.get(LAST_BOARD))[LAST_BOARD] || "";
}

export async function rememberBoard(boardId) {
  await chrome.storage.local.set({ [LAST_BOARD]: boardId });
}
