// The GraphQL client of this origin, for the site and the bookmarklet's save page alike:
// bearer tokens from the origin's one store (tokens.js), refreshed first when the access
// token has expired by its own clock, and once when the API answers UNAUTHENTICATED.
// A refresh token presented twice ends the whole session (reuse detection), so
// this origin refreshes one request at a time, across tabs too (Web Locks): a
// request that waited takes the tokens stored meanwhile instead of refreshing. A refused
// refresh ends the session here at once (onSessionEnded); errors carry a person's wording
// (errors.js).
import { humanMessage } from "./errors.js";
import { language } from "./i18n.js";
import { savedTokens, saveTokens } from "./tokens.js";

// `message` is for people; `detail` keeps the API's own words, for developers.
export class ApiError extends Error {
  constructor(code, detail = "") {
    super(humanMessage(code, detail));
    this.code = code;
    this.detail = detail;
  }
}

const endedListeners = new Set();

// `listener()` hears that the server refused this origin's session (a password change or
// a sign-out elsewhere): the tokens are gone already.
export function onSessionEnded(listener) {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

function sessionEnded() {
  if (!savedTokens()) return; // told already
  saveTokens(null);
  for (const listener of endedListeners) listener();
}

function jsonBody(query, variables) {
  return { body: JSON.stringify({ query, variables }), type: "application/json" };
}

// The GraphQL multipart request: `files` maps a variable path ("variables.input.file")
// to a File. The preflight header proves no other site's form sent it.
function multipartBody(query, variables, files) {
  const form = new FormData();
  const paths = Object.keys(files);
  form.append("operations", JSON.stringify({ query, variables }));
  form.append("map", JSON.stringify(Object.fromEntries(paths.map((path, i) => [i, [path]]))));
  paths.forEach((path, i) => form.append(String(i), files[path]));
  return { body: form, type: null, preflight: true };
}

async function post(query, variables, token, files = null) {
  const { body, type, preflight } = files
    ? multipartBody(query, variables, files)
    : jsonBody(query, variables);
  // The API writes its messages in the language this page speaks (the person's own
  // language, when signed in, comes first on the server).
  const headers = { Accept: "application/json", "Accept-Language": language };
  if (type) headers["Content-Type"] = type;
  if (preflight) headers["GraphQL-Preflight"] = "1";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, credentials: "omit", body });
  } catch {
    throw new ApiError("OFFLINE");
  }
  try {
    return { status: response.status, body: await response.json() };
  } catch {
    throw new ApiError("NO_RESULT", `HTTP ${response.status} without a JSON body`);
  }
}

const REFRESH = `mutation Refresh($refreshToken: String!) {
  refreshToken(input: {refreshToken: $refreshToken}) { token refreshToken errors { message } }
}`;

const REVOKE = `mutation Revoke($refreshToken: String!) {
  revokeToken(input: {refreshToken: $refreshToken}) { revoked errors { message } }
}`;

async function refreshOnce(stale) {
  const tokens = savedTokens();
  if (!tokens || tokens.refreshToken !== stale.refreshToken) return tokens;
  const { body } = await post(REFRESH, { refreshToken: tokens.refreshToken });
  const payload = body.data && body.data.refreshToken;
  if (!payload || payload.errors.length) {
    sessionEnded();
    return null;
  }
  const next = { ...tokens, token: payload.token, refreshToken: payload.refreshToken };
  saveTokens(next);
  return next;
}

let refreshes = Promise.resolve(); // without Web Locks: one at a time in this tab

// Run `task` while no refresh runs, in this tab or another.
function holdingRefreshes(task) {
  if (navigator.locks) return navigator.locks.request("pinmark.refresh", task);
  const result = refreshes.then(task);
  refreshes = result.catch(() => null);
  return result;
}

function refreshed(stale) {
  return holdingRefreshes(() => refreshOnce(stale));
}

// Sign out: forget the tokens and have the server end the session (its access
// tokens too). The refresh token is credential enough: the access token may have expired.
export async function endSession() {
  const tokens = savedTokens();
  saveTokens(null);
  if (!tokens) return;
  try {
    await post(REVOKE, { refreshToken: tokens.refreshToken });
  } catch {
    // Offline: the session still ends by itself when its tokens expire.
  }
}

// Seconds before its expiry at which an access token counts as expired: a WebSocket
// that opens with it must not be closed (4403) a moment later, nor a slow request
// arrive with it dead.
const EXPIRY_MARGIN = 30;

function expiresAt(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return payload.exp || 0;
  } catch {
    return 0;
  }
}

function expiresSoon(token) {
  return expiresAt(token) - EXPIRY_MARGIN < Date.now() / 1000;
}

// An access token good for a while yet (refreshed first if need be, or if `renew`: the
// server refused the one it had), or null when signed out: for the live connection,
// which sends it once, when it opens.
export async function freshAccessToken({ renew = false } = {}) {
  let tokens = savedTokens();
  if (tokens && (renew || expiresSoon(tokens.token))) {
    tokens = await refreshed(tokens);
  }
  return tokens ? tokens.token : null;
}

// The tokens a request carries: refreshed first when the access token is about to
// expire (a request the server would refuse saved), null when signed out.
async function requestTokens() {
  const tokens = savedTokens();
  if (!tokens || !expiresSoon(tokens.token)) return tokens;
  const renewed = await refreshed(tokens);
  if (!renewed) throw new ApiError("SESSION_ENDED");
  return renewed;
}

// Run a query or mutation; `files` (variable path -> File) makes it a multipart request.
// A top-level error throws ApiError (with its extensions.code); payload errors are data.
// A request that carried a token and is still refused after one refresh means the session
// ended on the server: signed out here, never retried as someone signed out.
export async function graphql(query, variables = {}, files = null) {
  let tokens = await requestTokens();
  let { status, body } = await post(query, variables, tokens && tokens.token, files);
  if (tokens && refused(status, body)) {
    tokens = await refreshed(tokens);
    if (!tokens) throw new ApiError("SESSION_ENDED");
    ({ status, body } = await post(query, variables, tokens.token, files));
    if (refused(status, body)) {
      sessionEnded();
      throw new ApiError("SESSION_ENDED");
    }
  }
  return dataOf(body);
}

// Run a mutation that ends this session and answers its successor's tokens in
// `payload.token` and `payload.refreshToken` (a password change); they replace the stored
// ones. Refreshes wait for it: the server closes the live connection as the old session
// ends, and its reconnection's refresh, refused, would sign this origin out.
export async function replaceSession(query, variables, field) {
  const tokens = await requestTokens();
  return holdingRefreshes(async () => {
    const { status, body } = await post(query, variables, tokens && tokens.token);
    if (tokens && refused(status, body)) {
      sessionEnded();
      throw new ApiError("SESSION_ENDED");
    }
    const payload = dataOf(body)[field];
    const stored = savedTokens();
    if (payload.token && stored) {
      saveTokens({ ...stored, token: payload.token, refreshToken: payload.refreshToken });
    }
    return payload;
  });
}

// A result's data; a top-level error throws ApiError (with its extensions.code).
function dataOf(body) {
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    throw new ApiError(first.extensions ? first.extensions.code : null, first.message);
  }
  return body.data;
}

function refused(status, body) {
  if (status === 401) return true;
  const errors = (body && body.errors) || [];
  return errors.some((error) => error.extensions && error.extensions.code === "UNAUTHENTICATED");
}
