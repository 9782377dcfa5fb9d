// The npm graphql-ws client, driven by the test suite (tests/live_fixtures.py):
//   node client.mjs '{"url": "ws://…/graphql", "token": "…" | null, "subscriptions": [{"query": "…", "variables": {…}}]}'
// connects (the token as connection_init's Authorization), subscribes to each
// subscription, and prints one JSON line per event:
//   {"event": "connected"}
//   {"event": "next", "index": 0, "payload": {"data": …}}
//   {"event": "error", "index": 0, "errors": [...]}    (GraphQL errors, or the close)
//   {"event": "complete", "index": 0}
//   {"event": "closed", "code": 4403, "reason": "…"}
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const spec = JSON.parse(process.argv[2]);
const print = (event) => process.stdout.write(JSON.stringify(event) + "\n");

const client = createClient({
  url: spec.url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: spec.token ? { Authorization: `Bearer ${spec.token}` } : {},
  onNonLazyError: () => {},
  on: {
    connected: () => print({ event: "connected" }),
    closed: (event) => print({ event: "closed", code: event.code, reason: event.reason }),
  },
});

spec.subscriptions.forEach((payload, index) => {
  client.subscribe(payload, {
    next: (result) => print({ event: "next", index, payload: result }),
    error: (error) =>
      print({
        event: "error",
        index,
        errors: Array.isArray(error) ? error : [{ message: String(error.reason ?? error) }],
      }),
    complete: () => print({ event: "complete", index }),
  });
});

process.on("SIGTERM", async () => {
  await client.dispose();
  process.exit(0);
});
