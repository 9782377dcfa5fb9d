// The one token store of this origin: the site (api.js, session.js) and the bookmarklet's
// save page (static/bookmarklet/save.js) keep the same session in it, so signing in or out
// on one is signing in or out on the other. localStorage: every tab of the origin shares it.

export const TOKENS = "pinmark.tokens";

// Where the save page kept its session before it shared this store.
const SAVE_PAGE_KEYS = {
  token: "pinmark.accessToken",
  refreshToken: "pinmark.refreshToken",
  username: "pinmark.username",
};

export function savedTokens() {
  try {
    return JSON.parse(localStorage.getItem(TOKENS)) || null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens) {
  if (tokens) localStorage.setItem(TOKENS, JSON.stringify(tokens));
  else localStorage.removeItem(TOKENS);
}

// A payload with `user token refreshToken` (login, register, reset, social sign-in).
export function saveSession(payload) {
  saveTokens({
    token: payload.token,
    refreshToken: payload.refreshToken,
    username: payload.user.username,
  });
}

// Someone signed in on the save page before it shared this store stays signed in: their
// tokens move here once (unless the site has a session of its own, which wins).
function adoptSavePageSession() {
  try {
    const old = Object.fromEntries(
      Object.entries(SAVE_PAGE_KEYS).map(([name, key]) => [name, localStorage.getItem(key)]),
    );
    if (old.refreshToken && old.username && !savedTokens()) saveTokens(old);
    for (const key of Object.values(SAVE_PAGE_KEYS)) localStorage.removeItem(key);
  } catch {
    // No storage (blocked by the browser): there is nothing to move either.
  }
}

adoptSavePageSession();
