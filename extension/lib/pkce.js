// PKCE (RFC 7636, S256) and the authorization request's `state`, from the platform's secure
// random source.
const VERIFIER_BYTES = 48; // 64 characters once encoded: within RFC 7636's 43 to 128

export function base64url(bytes) {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomToken(size = VERIFIER_BYTES) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

export async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(digest);
}

export async function pkcePair() {
  const verifier = randomToken();
  return { verifier, challenge: await challengeOf(verifier) };
}
