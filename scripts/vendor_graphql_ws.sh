#!/usr/bin/env bash
# Re-creates static/vendor/graphql-ws/ from the npm registry: graphql-ws's browser
# client (ES modules, no dependencies), checked against its registry integrity, with
# its licence. The reference page (static/app/live.js) imports it; the version is
# the one package.json pins for the tests' node client. Run this only to upgrade
# (edit the version and integrity below, run, commit the folder).
set -euo pipefail

PACKAGE="graphql-ws@6.4.2 sha512-wxhPhhOGJo8PbGDkBYVE76sZLDrS+GkyrR4bZECSLVbo0pZZNKs0HtBh2Ip/uaUuiVUxwO9ssI9R92buQfNSqQ=="

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$ROOT/static/vendor/graphql-ws"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

read -r spec integrity <<<"$PACKAGE"
actual="$(cd "$WORK" && npm pack --json --silent "$spec" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')"
if [ "$actual" != "$integrity" ]; then
    echo "$spec: integrity $actual, expected $integrity" >&2
    exit 1
fi
tar -xzf "$WORK"/*.tgz -C "$WORK"

rm -rf "$TARGET"
mkdir -p "$TARGET"
# client.js imports its one shared chunk (common-<hash>.js) by a relative path.
cp "$WORK/package/dist/client.js" "$WORK"/package/dist/common-*.js "$TARGET/"
cp "$WORK/package/LICENSE.md" "$TARGET/LICENSE.md"
{
    echo "Vendored by scripts/vendor_graphql_ws.sh from the npm registry; do not edit."
    echo
    echo "$PACKAGE"
} >"$TARGET/VERSIONS"

echo "static/vendor/graphql-ws/:"
du -b "$TARGET"/* | sort -k2
