// What a person reads when a request fails: the API's error codes (extensions.code) and
// this client's own, each as a sentence. The API's messages speak to developers (headers,
// tokens, limits); only those written for people pass through.
import { t } from "./i18n.js";

const MESSAGES = {
  UNAUTHENTICATED: t("Sign in to do this."),
  SESSION_ENDED: t(
    "You are signed out: your session ended (a password change or a sign-out elsewhere). Sign in again.",
  ),
  OFFLINE: t("The server cannot be reached. Check your connection and try again."),
  NO_RESULT: t("The server is not answering properly just now. Try again in a moment."),
  INTERNAL_SERVER_ERROR: t("Something went wrong on our side. Try again in a moment."),
  QUERY_TOO_COMPLEX: t("This asks for too much at once. Reload the page and try again."),
  FORBIDDEN: t("Only moderators may do this."),
};

const GENERIC = t("Something went wrong. Reload the page and try again.");

// Codes whose API message is written for people ("There is no such image.").
const FOR_PEOPLE = new Set(["NOT_FOUND"]);

export function humanMessage(code, apiMessage = "") {
  if (MESSAGES[code]) return MESSAGES[code];
  if (FOR_PEOPLE.has(code) && apiMessage) return apiMessage;
  return GENERIC;
}
