// Signing in through Pinmark's OAuth provider (docs/oauth.md): the authorization code grant
// with PKCE, run in the browser's own sign-in window (identity.launchWebAuthFlow), which
// brings the code back to the extension's redirect address. Tokens live in
// chrome.storage.local only. Each refresh rotates the refresh token, and presenting an old
// one again revokes the whole chain, so refreshes take a lock across the popup and the
// background and re-read the stored session inside it.
import { t } from "./i18n.js";
import { pkcePair, randomToken } from "./pkce.js";
import { forgetSession, settings, storedSession, storeSession } from "./settings.js";

export const SCOPES = "read write private";
// Refresh a little before the access token expires rather than after a refused request.
const EARLY_SECONDS = 60;
const REFRESH_LOCK = "pinmark-token-refresh";

export class AuthError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function redirectUrl() {
  return chrome.identity.getRedirectURL();
}

export function authorizeUrl({ serverUrl, clientId, challenge, state, redirectUri }) {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${serverUrl}/oauth/authorize/?${params}`;
}

// The code of the redirect the consent page sent back, once its state is ours.
export function codeOf(redirectedTo, state) {
  const params = new URL(redirectedTo).searchParams;
  if (params.get("state") !== state) {
    throw new AuthError("STATE_MISMATCH", t("stateMismatch"));
  }
  if (params.get("error")) {
    const denied = params.get("error") === "access_denied";
    throw new AuthError(params.get("error"), t(denied ? "signInCancelled" : "signInFailed"));
  }
  const code = params.get("code");
  if (!code) throw new AuthError("NO_CODE", t("signInFailed"));
  return code;
}

async function tokenRequest(serverUrl, form) {
  const response = await fetch(`${serverUrl}/oauth/token/`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    credentials: "omit",
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new AuthError(body.error || "TOKEN_REQUEST_FAILED", t("signInAgain"));
  }
  return sessionOf(body, serverUrl, form.client_id);
}

function sessionOf(body, serverUrl, clientId) {
  return {
    serverUrl,
    clientId,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    scope: body.scope,
    expiresAt: Date.now() + Number(body.expires_in || 0) * 1000,
  };
}

export async function exchangeCode({ serverUrl, clientId, code, verifier, redirectUri }) {
  const session = await tokenRequest(serverUrl, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
  await storeSession(session);
  return session;
}

export async function signIn() {
  const { serverUrl, clientId } = await settings();
  if (!clientId) {
    throw new AuthError("NOT_CONFIGURED", t("notConfigured"));
  }
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(24);
  const redirectUri = redirectUrl();
  const url = authorizeUrl({ serverUrl, clientId, challenge, state, redirectUri });
  const redirectedTo = await chrome.identity.launchWebAuthFlow({ url, interactive: true });
  const code = codeOf(redirectedTo, state);
  return exchangeCode({ serverUrl, clientId, code, verifier, redirectUri });
}

function expiresSoon(session) {
  return session.expiresAt - EARLY_SECONDS * 1000 <= Date.now();
}

// Rotates `stale`'s refresh token, unless another part of the extension already did.
export async function refreshSession(stale) {
  return navigator.locks.request(REFRESH_LOCK, async () => {
    const current = await storedSession();
    if (!current) throw new AuthError("UNAUTHENTICATED", t("signInToSave"));
    if (current.refreshToken !== stale.refreshToken) return current;
    try {
      const fresh = await tokenRequest(current.serverUrl, {
        grant_type: "refresh_token",
        refresh_token: current.refreshToken,
        client_id: current.clientId,
      });
      await storeSession(fresh);
      return fresh;
    } catch (error) {
      await forgetSession();
      throw new AuthError("SESSION_ENDED", t("sessionEnded"));
    }
  });
}

// A session whose access token is good for a while yet; null when signed out.
export async function currentSession() {
  const session = await storedSession();
  if (!session) return null;
  return expiresSoon(session) ? refreshSession(session) : session;
}

export async function signOut() {
  const session = await storedSession();
  await forgetSession();
  if (!session) return;
  try {
    await fetch(`${session.serverUrl}/oauth/revoke_token/`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: session.refreshToken, client_id: session.clientId }),
      credentials: "omit",
    });
  } catch {
    // Signed out here already; the server lets an unused refresh token die on its own.
  }
}
