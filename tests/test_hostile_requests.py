"""Requests another site's page could send, over-long text, and IDs in other spellings."""

import base64
import json

import pytest

from tests.conftest import PREFLIGHT

pytestmark = pytest.mark.endpoint

LOGIN = 'mutation { login(input: {username: "ann", password: "wrong"}) { errors { code } } }'


def codes(response):
    return [error["extensions"]["code"] for error in response.json()["errors"]]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", f"query={LOGIN}"),
        ("text/plain", json.dumps({"query": LOGIN})),
        ("application/graphql", LOGIN),
        ("", json.dumps({"query": LOGIN})),
    ],
    ids=["form", "text-plain", "application-graphql", "none"],
)
def test_a_body_a_cross_site_form_could_send_is_refused_and_runs_nothing(
    client, ann, content_type, body
):
    response = client.generic("POST", "/graphql", body, content_type=content_type)

    assert response.status_code == 415
    assert codes(response) == ["BAD_REQUEST"]
    assert "application/json" in response.json()["errors"][0]["message"]


def test_a_form_posting_aliased_wrong_logins_locks_no_account(client, api, ann, redis):
    aliased = (
        "mutation { "
        + " ".join(
            f'a{n}: login(input: {{username: "ann", password: "wrong"}}) {{ errors {{ code }} }}'
            for n in range(23)
        )
        + " }"
    )

    client.generic(
        "POST", "/graphql", f"query={aliased}", content_type="application/x-www-form-urlencoded"
    )

    signed_in = api.data(
        'mutation { login(input: {username: "ann", password: "correct-horse-battery-staple"})'
        " { token errors { code } } }"
    )["login"]
    assert signed_in["errors"] == [] and signed_in["token"]


def test_a_multipart_request_without_a_preflight_header_is_refused(client, ann):
    operations = {"query": 'mutation { viewImage(input: {id: "SW1hZ2U6MQ=="}) { counted } }'}

    response = client.post("/graphql", {"operations": json.dumps(operations), "map": "{}"})

    assert response.status_code == 400
    assert "GraphQL-Preflight" in response.json()["errors"][0]["message"]


def test_a_multipart_request_with_a_preflight_header_is_read(client, db):
    fields = {"operations": json.dumps({"query": "{ __typename }"}), "map": "{}"}

    response = client.post("/graphql", fields, headers=PREFLIGHT)

    assert response.json() == {"data": {"__typename": "Query"}}


def test_json_with_a_charset_is_accepted(client, db):
    response = client.generic(
        "POST",
        "/graphql",
        json.dumps({"query": "{ __typename }"}),
        content_type="application/json; charset=utf-8",
    )

    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_query_over_get_still_runs(client, db):
    response = client.get(
        "/graphql", {"query": "{ __typename }"}, headers={"Accept": "application/json"}
    )

    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_sixty_thousand_character_search_is_a_bad_request(api, db):
    body = api.execute(
        "query($s: String) { users(search: $s) { totalCount } }", {"s": "a" * 60_000}
    )

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]
    assert "100 characters" in body["errors"][0]["message"]


def test_a_long_literal_argument_is_a_bad_request_too(api, db):
    body = api.execute('{ user(username: "%s") { id } }' % ("a" * 151))

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_a_long_string_in_an_input_object_is_a_bad_request(api, ann):
    body = api.execute(
        "mutation($i: UpdateImageInput!) { updateImage(input: $i) { errors { code } } }",
        {"i": {"id": "SW1hZ2U6MQ==", "description": "x" * 10_001}},
        user=ann,
    )

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def cursor_of(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        cursor_of(["username", [[[[[]]]]], 1]),
        "W" * 501,
        base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
    ],
    ids=["nested", "too-long", "5000-arrays"],
)
def test_a_forged_cursor_is_a_bad_request(api, cursor, db):
    body = api.execute("query($c: String) { users(after: $c) { totalCount } }", {"c": cursor})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


FULL_WIDTH = str.maketrans(
    "0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
)
SPELLINGS = {
    "space": "Image: {pk}",
    "plus": "Image:+{pk}",
    "leading-zero": "Image:0{pk}",
    "trailing-space": "Image:{pk} ",
    "full-width-digits": "Image:{full_width}",
}


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_only_the_canonical_global_id_finds_an_object(api, ann, make_image, spelling):
    image = make_image(ann)
    raw = spelling.format(pk=image.pk, full_width=str(image.pk).translate(FULL_WIDTH))
    odd = base64.b64encode(raw.encode()).decode()

    body = api.execute("query($id: ID!) { node(id: $id) { id } }", {"id": odd})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_an_id_without_its_base64_padding_is_a_bad_request(api, db):
    assert base64.b64encode(b"Image:3").decode() == "SW1hZ2U6Mw=="

    body = api.execute('{ image(id: "SW1hZ2U6Mw") { id } }')

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]
