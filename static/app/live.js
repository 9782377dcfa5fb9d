// Live updates for the reference page: one graphql-ws client (graphql-transport-ws,
// static/vendor/graphql-ws/) for every subscription of the page. It connects when the
// first subscription starts, sends a fresh access token in connection_init, and
// reconnects (with a fresh token again) when the server closes it, as it does when
// the token expires; its subscriptions resume on the new connection.
import { createClient } from "../vendor/graphql-ws/client.js";
import { freshAccessToken } from "./api.js";

let client = null;

function url() {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

// The server closes with this when the token it had is no longer good: expired, or its
// session ended elsewhere (a password change). The next connection refreshes first; a
// refused refresh signs out at once.
const TOKEN_REFUSED = 4403;

// (Re)start the connection, for whoever is signed in now.
export function restartLive() {
  // Disposing waits for a connection being made, and rejects when that one fails: the old
  // client is done with either way.
  if (client) client.dispose().catch(() => {});
  let refused = false;
  client = createClient({
    url: url(),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      closed: (event) => {
        refused = Boolean(event && event.code === TOKEN_REFUSED);
      },
    },
    connectionParams: async () => {
      const token = await freshAccessToken({ renew: refused });
      refused = false;
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
  });
}

// Subscribe; `onData` gets each result's data. Returns the function that ends it.
export function subscribe(query, variables, onData) {
  if (!client) restartLive();
  return client.subscribe(
    { query, variables },
    {
      next: (result) => result.data && onData(result.data),
      error: () => {},
      complete: () => {},
    },
  );
}
