#!/usr/bin/env bash
# Re-creates static/vendor/graphiql/ from the npm registry: the UMD builds GraphiQL
# needs, at exact versions, each checked against its registry integrity, with the
# licences. The committed folder is what `make run` serves; run this only to
# upgrade (edit the versions and integrities below, run, commit the folder).
#
# GraphiQL 4.1 is the last line with a UMD build (5.0 dropped it), and React 18
# the last with UMD builds (19 dropped them). The explorer plugin must match
# GraphiQL's @graphiql/react (graphiql 4.1.2 bundles 0.34.x; plugin 4.0.x
# declares ^0.34.0). GraphiQL's UMD build carries graphql-ws's client, which
# createFetcher uses for subscriptions: no separate graphql-ws file is needed.
set -euo pipefail

PACKAGES=(
    "react@18.3.1 sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="
    "react-dom@18.3.1 sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="
    "graphiql@4.1.2 sha512-rNlzQIAzm6i2KBXmVQWBgLvt0TloxFVB2d18bukvdsvjEuFDHsKx5IVOomL1W1o5WW+tE54+ioHb2AEKzO2cUg=="
    "@graphiql/plugin-explorer@4.0.6 sha512-TppIi92YPER3v70nlF01KTQrq9AiYqkZicSd1hpU7aqGmbqw/pLwBNLUEcfENBoJtw574Qxjswb01+GaYK0Tzw=="
    "graphiql-explorer@0.9.0 sha512-fZC/wsuatqiQDO2otchxriFO0LaWIo/ovF/CQJ1yOudmY0P7pzDiP+l9CEHUiWbizk3e99x6DQG4XG1VxA+d6A=="
)

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$ROOT/static/vendor/graphiql"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for entry in "${PACKAGES[@]}"; do
    read -r spec integrity <<<"$entry"
    name="${spec%@*}"
    dir="$WORK/${name//\//-}"
    mkdir -p "$dir"
    actual="$(cd "$dir" && npm pack --json --silent "$spec" | node -e \
        'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')"
    if [ "$actual" != "$integrity" ]; then
        echo "$spec: integrity $actual, expected $integrity" >&2
        exit 1
    fi
    tar -xzf "$dir"/*.tgz -C "$dir"
done

rm -rf "$TARGET"
mkdir -p "$TARGET"
cp "$WORK/react/package/umd/react.production.min.js" "$TARGET/react.production.min.js"
cp "$WORK/react/package/LICENSE" "$TARGET/LICENSE.react"
cp "$WORK/react-dom/package/umd/react-dom.production.min.js" "$TARGET/react-dom.production.min.js"
cp "$WORK/react-dom/package/LICENSE" "$TARGET/LICENSE.react-dom"
# Without its source map (not shipped here), so no tool asks for a missing file.
sed '/^\/\/# sourceMappingURL=/d' "$WORK/graphiql/package/graphiql.min.js" >"$TARGET/graphiql.min.js"
cp "$WORK/graphiql/package/graphiql.min.css" "$TARGET/graphiql.min.css"
cp "$WORK/graphiql/package/LICENSE" "$TARGET/LICENSE.graphiql"
cp "$WORK/@graphiql-plugin-explorer/package/dist/index.umd.js" "$TARGET/plugin-explorer.umd.js"
cp "$WORK/@graphiql-plugin-explorer/package/dist/style.css" "$TARGET/plugin-explorer.css"
# The plugin's package ships no licence file; it is MIT from the GraphiQL repository
# (the graphiql package's LICENSE) and bundles graphiql-explorer (MIT, its own LICENSE).
cp "$WORK/graphiql/package/LICENSE" "$TARGET/LICENSE.plugin-explorer"
cp "$WORK/graphiql-explorer/package/LICENSE" "$TARGET/LICENSE.graphiql-explorer"

{
    echo "Vendored by scripts/vendor_graphiql.sh from the npm registry; do not edit."
    echo
    for entry in "${PACKAGES[@]}"; do echo "$entry"; done
} >"$TARGET/VERSIONS"

echo "static/vendor/graphiql/:"
du -b "$TARGET"/* | sort -k2
