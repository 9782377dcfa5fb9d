"""Comments through the API: written and listed oldest first, counted, deleted by their
author or the image's poster, refused when blank, too long, repeated or too fast."""

from datetime import timedelta

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from comments.models import Comment
from images.models import Image, Visibility
from tests.comment_fixtures import ADD, COMMENTS, DELETE, comment_id, image_id
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.test_throttle import redis_failing


def add(api, user, image, text):
    return api.data(ADD, {"imageId": image_id(image), "text": text}, user=user)["addComment"]


def listed(api, image, user=None, **variables):
    data = api.data(COMMENTS, {"id": image_id(image), **variables}, user=user)["image"]
    return [edge["node"]["text"] for edge in data["comments"]["edges"]]


def comments_count(image):
    return Image.objects.get(pk=image.pk).comments_count


def test_a_comment_is_kept_as_typed_and_counted(api, bob, sunset):
    text = '  <b>Lovely</b> & "warm"\n\nlight  '

    payload = add(api, bob, sunset, text)

    assert payload["errors"] == []
    assert payload["comment"]["text"] == text
    assert payload["comment"]["author"] == {"username": "bob"}
    assert payload["comment"]["image"] == {"id": image_id(sunset), "commentsCount": 1}


def test_comments_are_listed_oldest_first_page_by_page(api, ann, bob, sunset, make_comment):
    for n in range(5):
        make_comment(bob if n % 2 else ann, sunset, f"comment {n}")

    first = api.data(COMMENTS, {"id": image_id(sunset), "first": 3})["image"]
    after = first["comments"]["pageInfo"]["endCursor"]
    rest = listed(api, sunset, first=3, after=after)

    assert first["commentsCount"] == 5
    assert first["comments"]["totalCount"] == 5
    assert [edge["node"]["text"] for edge in first["comments"]["edges"]] == [
        "comment 0",
        "comment 1",
        "comment 2",
    ]
    assert rest == ["comment 3", "comment 4"]


def test_a_comment_is_a_node(api, bob, sunset, make_comment):
    comment = make_comment(bob, sunset, "Hello")

    node = api.data(
        "query($id: ID!) { node(id: $id) { ... on Comment { text image { title } } } }",
        {"id": comment_id(comment)},
    )["node"]

    assert node == {"text": "Hello", "image": {"title": "Sunset"}}


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_a_blank_comment_is_refused(api, bob, sunset, text):
    payload = add(api, bob, sunset, text)

    assert payload["comment"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("text", "REQUIRED")]
    assert comments_count(sunset) == 0


def test_a_comment_of_2000_characters_is_taken_and_one_more_refused(api, bob, sunset):
    assert add(api, bob, sunset, "a" * 2000)["errors"] == []

    payload = add(api, bob, sunset, "b" * 2001)

    assert error_codes(payload) == ["TOO_LONG"]
    assert Comment.objects.count() == 1
    assert comments_count(sunset) == 1


def test_a_huge_comment_is_a_bad_request(api, bob, sunset):
    body = api.execute(ADD, {"imageId": image_id(sunset), "text": "x" * 20_000}, user=bob)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert not Comment.objects.exists()


def test_the_same_text_again_within_a_minute_is_refused(api, bob, sunset, make_image, ann):
    add(api, bob, sunset, "Great shot")

    again = add(api, bob, sunset, "Great shot")
    elsewhere = add(api, bob, make_image(ann), "Great shot")
    different = add(api, bob, sunset, "Great shot!")

    assert error_codes(again) == ["DUPLICATE_COMMENT"]
    assert elsewhere["errors"] == different["errors"] == []
    assert comments_count(sunset) == 2


def test_the_same_text_is_taken_once_the_minute_has_passed(api, bob, sunset):
    add(api, bob, sunset, "Great shot")
    Comment.objects.update(created=timezone.now() - timedelta(seconds=61))

    assert add(api, bob, sunset, "Great shot")["errors"] == []


def test_commenting_is_throttled_per_person(api, bob, carol, sunset, settings):
    settings.COMMENT_LIMIT = 3

    taken = [add(api, bob, sunset, f"comment {n}")["errors"] for n in range(3)]
    refused = add(api, bob, sunset, "one too many")
    someone_else = add(api, carol, sunset, "mine")

    assert taken == [[], [], []]
    assert error_codes(refused) == ["TOO_MANY_COMMENTS"]
    assert "seconds" in refused["errors"][0]["message"]
    assert someone_else["errors"] == []
    assert comments_count(sunset) == 4


def test_commenting_anonymously_is_unauthenticated(api, sunset):
    body = api.execute(ADD, {"imageId": image_id(sunset), "text": "hi"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not Comment.objects.exists()


def test_commenting_on_an_unknown_image_is_not_found(api, bob, db):
    body = api.data(ADD, {"imageId": to_global_id("Image", 987654), "text": "hi"}, user=bob)

    assert error_codes(body["addComment"]) == ["NOT_FOUND"]


def test_a_malformed_image_id_is_a_bad_request(api, bob, db):
    body = api.execute(ADD, {"imageId": "not an id", "text": "hi"}, user=bob)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_commenting_on_a_private_image_of_someone_else_is_not_found(api, ann, bob, make_image):
    private = make_image(ann, visibility=Visibility.PRIVATE)

    payload = add(api, bob, private, "hi")

    assert error_codes(payload) == ["NOT_FOUND"]
    assert comments_count(private) == 0


def test_an_unlisted_image_can_be_commented_on_by_whoever_opens_it(api, ann, bob, make_image):
    unlisted = make_image(ann, visibility=Visibility.UNLISTED)

    assert add(api, bob, unlisted, "found it")["errors"] == []


def test_the_author_deletes_their_comment(api, bob, sunset, make_comment):
    comment = make_comment(bob, sunset)

    payload = api.data(DELETE, {"id": comment_id(comment)}, user=bob)["deleteComment"]

    assert payload == {"deletedId": comment_id(comment), "errors": []}
    assert not Comment.objects.exists()
    assert comments_count(sunset) == 0


def test_the_images_poster_deletes_someone_elses_comment(api, ann, bob, sunset, make_comment):
    comment = make_comment(bob, sunset)

    payload = api.data(DELETE, {"id": comment_id(comment)}, user=ann)["deleteComment"]

    assert payload["errors"] == []
    assert comments_count(sunset) == 0


def test_someone_else_cannot_delete_a_comment(api, bob, carol, sunset, make_comment):
    comment = make_comment(bob, sunset)

    payload = api.data(DELETE, {"id": comment_id(comment)}, user=carol)["deleteComment"]

    assert error_codes(payload) == ["NOT_YOURS"]
    assert payload["deletedId"] is None
    assert comments_count(sunset) == 1


def test_deleting_a_comment_twice_is_not_found(api, bob, sunset, make_comment):
    comment = make_comment(bob, sunset)
    api.data(DELETE, {"id": comment_id(comment)}, user=bob)

    payload = api.data(DELETE, {"id": comment_id(comment)}, user=bob)["deleteComment"]

    assert error_codes(payload) == ["NOT_FOUND"]
    assert comments_count(sunset) == 0


def test_deleting_a_comment_on_an_image_made_private_is_not_found(
    api, ann, bob, sunset, make_comment
):
    comment = make_comment(bob, sunset)
    Image.objects.filter(pk=sunset.pk).update(visibility=Visibility.PRIVATE)

    payload = api.data(DELETE, {"id": comment_id(comment)}, user=bob)["deleteComment"]

    assert error_codes(payload) == ["NOT_FOUND"]
    assert Comment.objects.count() == 1


def test_deleting_with_an_image_id_is_a_bad_request(api, bob, sunset):
    body = api.execute(DELETE, {"id": image_id(sunset)}, user=bob)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_deleting_an_image_deletes_its_comments(api, ann, bob, sunset, make_comment):
    make_comment(bob, sunset)
    query = "mutation($id: ID!) { deleteImage(input: {id: $id}) { errors { code } } }"

    api.data(query, {"id": image_id(sunset)}, user=ann)

    assert not Comment.objects.exists()


def test_an_image_page_costs_the_same_queries_at_10_and_50_comments(
    api, ann, make_user, sunset, make_comment
):
    people = [make_user() for _ in range(5)]
    for n in range(55):
        make_comment(people[n % 5], sunset, f"comment {n}")

    counts = queries_at_page_sizes(api, COMMENTS, [10, 50], {"id": image_id(sunset)}, user=ann)

    assert counts[0] == counts[1]


@pytest.mark.parametrize("failure", ["refusing-writes", "down"])
def test_without_a_counter_no_comment_is_written(api, bob, sunset, own_redis, failure):
    with redis_failing(own_redis, failure):
        payload = add(api, bob, sunset, "While Redis is away")

    assert error_codes(payload) == ["TRY_AGAIN"]
    assert payload["comment"] is None
    assert comments_count(sunset) == 0


@pytest.mark.parametrize(
    "variables",
    [
        {"first": 101},
        {"first": -1},
        {"after": "not-a-cursor"},
        {"after": "WyJ1c2VybmFtZSIsImEiLDFd"},
    ],
    ids=["too many", "negative", "garbage cursor", "another list's cursor"],
)
def test_a_bad_page_of_comments_is_a_bad_request(api, sunset, variables):
    body = api.execute(COMMENTS, {"id": image_id(sunset), **variables})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
