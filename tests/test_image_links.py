"""An image that is not public has an ID that cannot be guessed: it carries the image's
link key, and the same ID without it opens nothing for others (docs/visibility.md).
A public image's ID is its primary key alone, as before."""

import pytest
from graphql_relay import from_global_id, to_global_id

IMAGE = "query($id: ID!) { image(id: $id) { id title visibility } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
UPDATE = """mutation($id: ID!, $visibility: ImageVisibility!) {
  updateImage(input: {id: $id, visibility: $visibility}) {
    image { id visibility } errors { field code } } }"""
LIKE = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { field code } } }"


def top_level_codes(body):
    return [error["extensions"]["code"] for error in body["errors"]]


def bare_id(image):
    return to_global_id("Image", image.pk)


def id_seen_by(api, user, image):
    """The ID the poster is given for the image, by its primary key (she may open hers)."""
    return api.data(IMAGE, {"id": bare_id(image)}, user=user)["image"]["id"]


def make_visible(api, poster, image_id, visibility):
    payload = api.data(UPDATE, {"id": image_id, "visibility": visibility}, user=poster)[
        "updateImage"
    ]
    assert payload["errors"] == []
    return payload["image"]["id"]


def test_a_public_image_id_is_its_primary_key_alone(api, ann, make_image):
    image = make_image(ann)

    assert api.data(IMAGE, {"id": bare_id(image)})["image"]["id"] == bare_id(image)


@pytest.mark.parametrize("visibility", ["unlisted", "private"])
def test_the_id_of_an_image_not_public_carries_a_random_key(api, ann, make_image, visibility):
    image = make_image(ann, visibility=visibility)

    type_name, raw_id = from_global_id(id_seen_by(api, ann, image))

    pk, _, key = raw_id.partition(":")
    assert (type_name, pk) == ("Image", str(image.pk))
    assert len(key) == 16


def test_an_unlisted_image_opens_by_its_keyed_id_and_not_by_its_primary_key(
    api, ann, bob, make_image
):
    image = make_image(ann, "Unlisted", visibility="unlisted")
    keyed = id_seen_by(api, ann, image)

    for viewer in ({"user": bob}, {}):
        assert api.data(IMAGE, {"id": keyed}, **viewer)["image"]["title"] == "Unlisted"
        assert api.data(IMAGE, {"id": bare_id(image)}, **viewer)["image"] is None
        assert api.data(NODE, {"id": bare_id(image)}, **viewer)["node"] is None


def test_a_wrong_key_opens_nothing_even_of_a_public_image(api, ann, bob, make_image):
    public = make_image(ann)
    wrong = to_global_id("Image", f"{public.pk}:{'A' * 16}")

    assert api.data(IMAGE, {"id": wrong}, user=bob)["image"] is None


def test_liking_by_the_primary_key_of_an_unlisted_image_is_as_of_a_missing_one(
    api, ann, bob, make_image
):
    image = make_image(ann, visibility="unlisted")

    payload = api.data(LIKE, {"id": bare_id(image)}, user=bob)["likeImage"]

    assert payload["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


def test_made_unlisted_its_public_id_stops_opening_it_and_made_public_again_both_do(
    api, ann, bob, make_image
):
    image = make_image(ann, "Sunset")
    public_id = bare_id(image)

    unlisted_id = make_visible(api, ann, public_id, "UNLISTED")
    assert unlisted_id != public_id
    assert api.data(IMAGE, {"id": public_id}, user=bob)["image"] is None
    assert api.data(IMAGE, {"id": unlisted_id}, user=bob)["image"]["id"] == unlisted_id

    assert make_visible(api, ann, unlisted_id, "PUBLIC") == public_id
    assert api.data(IMAGE, {"id": public_id}, user=bob)["image"]["id"] == public_id
    # A link handed out while it was unlisted still opens it.
    assert api.data(IMAGE, {"id": unlisted_id}, user=bob)["image"]["id"] == public_id


def test_made_private_its_unlisted_links_die_for_good(api, ann, bob, make_image):
    image = make_image(ann, visibility="unlisted")
    old_link = id_seen_by(api, ann, image)

    private_id = make_visible(api, ann, old_link, "PRIVATE")
    new_link = make_visible(api, ann, private_id, "UNLISTED")

    assert new_link != old_link
    assert api.data(IMAGE, {"id": old_link}, user=bob)["image"] is None
    assert api.data(IMAGE, {"id": new_link}, user=bob)["image"] is not None


def test_ids_in_lists_are_the_keyed_ones(api, ann, make_image):
    image = make_image(ann, visibility="unlisted")
    keyed = id_seen_by(api, ann, image)
    query = "query { viewer { images(first: 5) { edges { node { id } } } } }"

    data = api.data(query, user=ann)

    assert [edge["node"]["id"] for edge in data["viewer"]["images"]["edges"]] == [keyed]


@pytest.mark.parametrize(
    "raw_id",
    ["1:", "1:short", "1:" + "A" * 17, "1:" + "A" * 15 + "!", "01:" + "A" * 16, "1:A:" + "A" * 14],
)
def test_a_malformed_keyed_id_is_a_bad_request(api, raw_id):
    body = api.execute(IMAGE, {"id": to_global_id("Image", raw_id)})

    assert top_level_codes(body) == ["BAD_REQUEST"]


def test_a_key_on_an_id_of_a_kind_without_keys_is_a_bad_request(api, ann):
    body = api.execute(NODE, {"id": to_global_id("User", f"{ann.pk}:{'A' * 16}")})

    assert top_level_codes(body) == ["BAD_REQUEST"]
