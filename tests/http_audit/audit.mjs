// Runs graphql-http's GraphQL over HTTP audits (`serverAudits`) against a URL and prints
// one JSON array: {id, level, name, status, reason, response} per audit, in order.
//
//   node tests/http_audit/audit.mjs http://127.0.0.1:8000/graphql
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs <graphql endpoint URL>");
  process.exit(2);
}

async function describe(response) {
  if (!response) return null;
  const body = await response.clone().text().catch(() => "");
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: body.slice(0, 500),
  };
}

const results = [];
// One at a time: the audits are about answers, not load.
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    level: result.name.split(" ")[0],
    name: result.name,
    status: result.status,
    reason: result.reason ?? null,
    response: await describe(result.response),
  });
}
console.log(JSON.stringify(results));
