// Apollo Client with its persisted-query link (hashed queries over GET) runs one query twice
// against a live server: the first run meets PERSISTED_QUERY_NOT_FOUND and sends the full
// query, the second sends the hash alone. Prints JSON: each run's data and every HTTP
// exchange as the client saw it.
//
//   node tests/apollo/persisted_queries.mjs http://127.0.0.1:8000/graphql
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

const uri = process.argv[2];
if (!uri) {
  console.error("usage: node persisted_queries.mjs <graphql endpoint URL>");
  process.exit(2);
}

const PUBLIC_IMAGES = gql`
  query PublicImages($first: Int) {
    images(first: $first) {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`;

const exchanges = [];

async function recordingFetch(input, init = {}) {
  const response = await fetch(input, init);
  const url = new URL(typeof input === "string" ? input : input.url);
  const body = typeof init.body === "string" ? JSON.parse(init.body) : null;
  exchanges.push({
    method: init.method ?? "GET",
    queryInUrl: url.searchParams.has("query"),
    queryInBody: Boolean(body && "query" in body),
    extensions: url.searchParams.has("extensions")
      ? JSON.parse(url.searchParams.get("extensions"))
      : (body?.extensions ?? null),
    accept: new Headers(init.headers).get("accept"),
    status: response.status,
    contentType: response.headers.get("content-type"),
    cacheControl: response.headers.get("cache-control"),
    body: await response.clone().json(),
  });
  return response;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

function newClient() {
  const link = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
    new HttpLink({ uri, fetch: recordingFetch }),
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

const runs = [];
// Two clients, as two visitors: the second has nothing cached but the server knows the hash.
for (const client of [newClient(), newClient()]) {
  const result = await client.query({ query: PUBLIC_IMAGES, variables: { first: 2 } });
  runs.push({ data: result.data, error: result.error ? String(result.error) : null });
}
console.log(JSON.stringify({ runs, exchanges }));
