// Who is signed in: the tokens of tokens.js, the header that shows it, the bell's unread
// count (live through notificationAdded), and signing in and out, here or elsewhere.
// The person's language (User.language) is read with the count: this device follows it,
// the page drawn again once when it changed (signed in here, or chosen on another device).
import { endSession, graphql, onSessionEnded } from "./api.js";
import { $ } from "./dom.js";
import { formatNumber, rememberLanguage, t } from "./i18n.js";
import { restartLive, subscribe } from "./live.js";
import { savedTokens, saveSession, saveTokens, TOKENS } from "./tokens.js";

const UNREAD = `query Unread { viewer { unreadNotificationsCount isStaff language } }`;
const NOTIFICATION_ADDED = `subscription NotificationAdded { notificationAdded { id } }`;

const listeners = new Set();
let endNotifications = null;
let shownUsername = null; // whom the header shows

export function signedIn() {
  return Boolean(savedTokens());
}

export function currentUsername() {
  const tokens = savedTokens();
  return tokens ? tokens.username : null;
}

// Called with no argument whenever notifications change (a new one, or marked read).
export function onNotifications(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notificationsChanged() {
  refreshUnread();
  for (const listener of listeners) listener();
}

export async function refreshUnread() {
  if (!signedIn()) return;
  try {
    const { viewer } = await graphql(UNREAD);
    showUnread(viewer ? viewer.unreadNotificationsCount : 0);
    $("#moderation-link").hidden = !(viewer && viewer.isStaff);
    if (viewer && rememberLanguage(viewer.language)) location.reload();
  } catch {
    // The bell keeps its last count; the pages report their own errors.
  }
}

function showUnread(count) {
  $("#unread").textContent = formatNumber(count);
  $("#unread").hidden = count === 0;
  $("#bell").setAttribute("aria-label", t("Notifications: {count} unread", { count }));
}

export function renderSession() {
  const username = currentUsername();
  shownUsername = username;
  $("#signed-out").hidden = Boolean(username);
  $("#session").hidden = !username;
  if (!username) $("#moderation-link").hidden = true;
  for (const link of document.querySelectorAll("[data-signed-in]")) link.hidden = !username;
  if (username) {
    $("#whoami").textContent = t("Signed in as {username}", { username });
    $("#whoami").setAttribute("href", `/people/${encodeURIComponent(username)}`);
  }
}

function followLive() {
  if (endNotifications) endNotifications();
  endNotifications = null;
  restartLive();
  if (!signedIn()) return;
  endNotifications = subscribe(NOTIFICATION_ADDED, {}, () => notificationsChanged());
}

// The session changed (signed in, out, or the account is gone): header, bell, live.
export function sessionChanged() {
  renderSession();
  followLive();
  refreshUnread();
}

// A payload with `user token refreshToken` (login, register, reset, social sign-in).
export function startSession(payload) {
  saveSession(payload);
  sessionChanged();
}

// `onChange(ended)` hears a session that changed without this tab's doing: ended by the
// server (a refused refresh, here or in another tab), or signed in or out in another tab.
export function watchSession(onChange) {
  onSessionEnded(() => onChange(true));
  window.addEventListener("storage", (event) => {
    if (event.key !== null && event.key !== TOKENS) return;
    const username = currentUsername();
    if (username !== shownUsername) onChange(!username);
  });
}

export async function signOut() {
  await endSession();
  sessionChanged();
}

export function forgetSession() {
  saveTokens(null);
  sessionChanged();
}
