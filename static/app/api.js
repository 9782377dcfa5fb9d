// A small GraphQL client for the reference page: bearer tokens kept in this
// origin's localStorage, refreshed once when the API answers UNAUTHENTICATED.
const TOKENS = "pinmark.tokens";

export class ApiError extends Error {}

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

async function post(query, variables, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch("/graphql", {
    method: "POST",
    headers,
    credentials: "omit",
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

const REFRESH = `mutation Refresh($refreshToken: String!) {
  refreshToken(input: {refreshToken: $refreshToken}) { token refreshToken errors { message } }
}`;

async function refreshed(tokens) {
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

export async function graphql(query, variables = {}) {
  let tokens = savedTokens();
  let { status, body } = await post(query, variables, tokens && tokens.token);
  if (status === 401 && tokens) {
    tokens = await refreshed(tokens);
    ({ status, body } = await post(query, variables, tokens && tokens.token));
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors[0].message);
  return body.data;
}
