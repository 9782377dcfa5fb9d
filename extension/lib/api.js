// Pinmark's GraphQL API with the extension's OAuth session: a refused token is refreshed
// once and the request sent again.
import { AuthError, currentSession, refreshSession } from "./auth.js";
import { t } from "./i18n.js";

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function post(session, query, variables) {
  return fetch(`${session.serverUrl}/graphql`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
      Authorization: `Bearer ${session.accessToken}`,
    },
    body: JSON.stringify({ query, variables }),
    credentials: "omit",
  });
}

export async function graphql(query, variables = {}) {
  let session = await currentSession();
  if (!session) throw new ApiError("UNAUTHENTICATED", t("signInToSave"));
  let response;
  try {
    response = await post(session, query, variables);
    if (response.status === 401) {
      session = await refreshSession(session);
      response = await post(session, query, variables);
    }
  } catch (error) {
    if (error instanceof AuthError) throw new ApiError(error.code, error.message);
    throw new ApiError("NETWORK", t("unreachable", session.serverUrl));
  }
  const body = await response.json().catch(() => null);
  if (!body) throw new ApiError("BAD_RESPONSE", t("badAnswer", response.status));
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    throw new ApiError((first.extensions && first.extensions.code) || "ERROR", first.message);
  }
  return body.data;
}
