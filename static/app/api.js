// A small GraphQL client for the reference page: bearer tokens kept in this
// origin's localStorage, refreshed once when the API answers UNAUTHENTICATED.
// A refresh token presented twice ends the whole session (reuse detection), so
// this origin refreshes one request at a time, across tabs too (Web Locks): a
// request that waited takes the tokens stored meanwhile instead of refreshing.
const TOKENS = "pinmark.tokens";

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

export class ApiError extends Error {
  constructor(message, code = null) {
    super(message);
    this.code = code;
  }
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
  const headers = { Accept: "application/json" };
  if (type) headers["Content-Type"] = type;
  if (preflight) headers["GraphQL-Preflight"] = "1";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, credentials: "omit", body });
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.");
  }
  try {
    return { status: response.status, body: await response.json() };
  } catch {
    throw new ApiError(`The server answered ${response.status} without a result. Try again later.`);
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
    saveTokens(null);
    return null;
  }
  const next = { ...tokens, token: payload.token, refreshToken: payload.refreshToken };
  saveTokens(next);
  return next;
}

let refreshes = Promise.resolve(); // without Web Locks: one at a time in this tab

function refreshed(stale) {
  const run = () => refreshOnce(stale);
  if (navigator.locks) return navigator.locks.request("pinmark.refresh", run);
  const result = refreshes.then(run);
  refreshes = result.catch(() => null);
  return result;
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
// that opens with it must not be closed (4403) a moment later.
const EXPIRY_MARGIN = 30;

function expiresAt(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return payload.exp || 0;
  } catch {
    return 0;
  }
}

// An access token good for a while yet (refreshed first if need be), or null when
// signed out: for the live connection, which sends it once, when it opens.
export async function freshAccessToken() {
  let tokens = savedTokens();
  if (tokens && expiresAt(tokens.token) - EXPIRY_MARGIN < Date.now() / 1000) {
    tokens = await refreshed(tokens);
  }
  return tokens ? tokens.token : null;
}

// Run a query or mutation; `files` (variable path -> File) makes it a multipart request.
// A top-level error throws ApiError (with its extensions.code); payload errors are data.
export async function graphql(query, variables = {}, files = null) {
  let tokens = savedTokens();
  let { status, body } = await post(query, variables, tokens && tokens.token, files);
  if (status === 401 && tokens) {
    tokens = await refreshed(tokens);
    ({ status, body } = await post(query, variables, tokens && tokens.token, files));
  }
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions ? first.extensions.code : null);
  }
  return body.data;
}
