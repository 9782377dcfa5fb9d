"""The GraphiQL page /graphql shows a browser: our own static files only, settings in a JSON
block, a policy fitted to GraphiQL, and an example document that runs against the schema.
(The page driven in Chromium: test_graphiql_browser.)"""

import ast
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from graphql import parse, validate

from schema import schema

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parent.parent / "static" / "app" / "graphiql-example.js"
# One JavaScript string literal per line, as graphiql-example.js writes its document.
JS_STRING_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'),$""", re.M)


def graphiql(client, **headers):
    response = client.get("/graphql", headers={"Accept": "text/html", **headers})
    assert response.status_code == 200
    return response


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def page_settings(response):
    block = re.search(
        r'<script id="graphiql-settings" type="application/json">(.*?)</script>', response.text
    )
    return json.loads(block.group(1))


def test_every_file_the_page_loads_is_ours_and_exists(client):
    html = graphiql(client).text

    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/vendor/graphiql/graphiql.min.js" in addresses
    assert "/static/vendor/graphiql/plugin-explorer.umd.js" in addresses
    assert "/static/app/graphiql-example.js" in addresses
    for address in addresses:
        assert address.startswith("/static/"), address
        assert finders.find(address.removeprefix("/static/")), address
    assert "cdn" not in html.lower()


def test_vendored_files_come_with_their_licences_and_versions():
    vendor = Path(finders.find("vendor/graphiql/VERSIONS")).parent

    for name in ("react", "react-dom", "graphiql", "plugin-explorer", "graphiql-explorer"):
        assert "MIT" in (vendor / f"LICENSE.{name}").read_text()
    assert "graphiql@4.1.2" in (vendor / "VERSIONS").read_text()


def test_settings_travel_in_a_json_block(client):
    settings = page_settings(graphiql(client))

    assert settings["url"] == "/graphql"
    assert settings["headerEditorEnabled"] is True
    assert settings["shouldPersistHeaders"] is False


def test_style_nonce_is_fresh_for_each_page_and_named_in_the_policy(client):
    first, second = graphiql(client), graphiql(client)

    nonces = [page_settings(response)["styleNonce"] for response in (first, second)]
    assert nonces[0] != nonces[1]
    assert len(nonces[0]) >= 22
    for response, nonce in zip((first, second), nonces, strict=True):
        assert directives(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]


def test_connections_go_to_this_host_only_websockets_included(client):
    policy = directives(graphiql(client))

    assert policy["connect-src"] == ["'self'", "ws://testserver", "wss://testserver"]
    assert policy["font-src"] == ["data:"]
    assert "data:" in policy["img-src"]


def test_an_unknown_host_gets_no_page(client):
    response = client.get("/graphql", headers={"Accept": "text/html", "Host": "evil.example"})

    assert response.status_code == 400


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_raw_asks_for_json_instead_of_the_page(client):
    response = client.get("/graphql?raw&query={__typename}", headers={"Accept": BROWSER_ACCEPT})

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_browser_gets_the_page_even_for_a_url_with_a_query(client):
    response = client.get("/graphql?query={__typename}", headers={"Accept": BROWSER_ACCEPT})

    assert response["Content-Type"].startswith("text/html")


def example_document():
    lines = JS_STRING_LINE.findall(EXAMPLE.read_text())
    return "\n".join(ast.literal_eval(literal) for literal in lines)


def test_the_example_document_is_valid_against_the_schema():
    document = parse(example_document())

    assert validate(schema.graphql_schema, document) == []
    names = [definition.name.value for definition in document.definitions]
    assert names == ["SignIn", "Images", "Feed"]


# The query editor shares the width with the results and its toolbar: on a 1,100 px
# window it shows about 42 characters without scrolling sideways.
EDITOR_COLUMNS = 38


def test_the_example_document_fits_the_narrow_editor():
    too_long = [line for line in example_document().splitlines() if len(line) > EDITOR_COLUMNS]

    assert too_long == []
