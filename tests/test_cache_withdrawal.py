"""What caches may keep of an anonymous GET answer: nothing a shared cache may reuse
without asking again, so an image made private or unlisted, or deleted, is never served
from a cache to someone new (server/http/caching.py)."""

import pytest
from graphql_relay import to_global_id

from images import services

IMAGE = "query($id: ID!) { image(id: $id) { title } }"


def anonymous_get(client, image, headers=None):
    variables = f'{{"id": "{to_global_id("Image", image.pk)}"}}'
    return client.get(
        "/graphql",
        {"query": IMAGE, "variables": variables},
        headers={"Accept": "application/json", **(headers or {})},
    )


def cache_directives(response) -> set:
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


def test_a_shared_cache_must_ask_again_before_each_reuse(client, ann, make_image):
    response = anonymous_get(client, make_image(ann))

    assert {"public", "s-maxage=0", "proxy-revalidate"} <= cache_directives(response)


WITHDRAWALS = {
    "made private": lambda image: services.update_image(
        user=image.user, image_id=image.pk, visibility="private"
    ),
    "made unlisted": lambda image: services.update_image(
        user=image.user, image_id=image.pk, visibility="unlisted"
    ),
    "deleted": lambda image: services.delete_image(user=image.user, image_id=image.pk),
}


@pytest.mark.parametrize("withdrawal", WITHDRAWALS)
def test_revalidating_an_image_withdrawn_since_answers_without_it(
    client, ann, make_image, withdrawal
):
    image = make_image(ann, "Sunset")
    cached = anonymous_get(client, image)
    assert cached.json()["data"]["image"] == {"title": "Sunset"}

    WITHDRAWALS[withdrawal](image)
    again = anonymous_get(client, image, headers={"If-None-Match": cached["ETag"]})

    assert again.status_code == 200
    assert again.json()["data"]["image"] is None
    assert again["ETag"] != cached["ETag"]


def test_revalidating_an_unchanged_answer_is_a_304(client, ann, make_image):
    image = make_image(ann, "Sunset")
    cached = anonymous_get(client, image)

    again = anonymous_get(client, image, headers={"If-None-Match": cached["ETag"]})

    assert again.status_code == 304
