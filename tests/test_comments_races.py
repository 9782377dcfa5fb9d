"""Commenting at once through /graphql on PostgreSQL: `commentsCount` stays exact, and a
text sent twice at the same moment is kept once.

SQLite serialises every writer, so these races only exist on PostgreSQL.
"""

import os

import pytest

from comments.models import Comment
from tests.comment_fixtures import ADD, DELETE, comment_id, image_id
from tests.test_concurrency import THREADS, all_at_once, payload_errors, post

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite serialises all writers: only PostgreSQL shows these races.",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_comments_written_at_once_are_all_counted(make_user, make_image):
    image = make_image(make_user("poster"))
    writers = [make_user(f"writer{n}") for n in range(THREADS // 2)]

    # Two threads per writer, each writing two texts of its own.
    def write(api, pair):
        writer, thread = pair
        return [
            post(api, ADD, {"imageId": image_id(image), "text": f"{thread} {n}"}, writer)
            for n in range(2)
        ]

    bodies, raised = all_at_once(write, [(writer, n) for writer in writers for n in range(2)])

    assert raised == []
    assert all(payload_errors(body) == [] for body in bodies)
    image.refresh_from_db()
    assert Comment.objects.count() == len(writers) * 4
    assert image.comments_count == len(writers) * 4


def test_the_same_text_sent_twice_at_once_is_kept_once(make_user, make_image):
    image = make_image(make_user("poster"))
    writers = [make_user(f"writer{n}") for n in range(THREADS // 2)]

    def write(api, writer):
        return [post(api, ADD, {"imageId": image_id(image), "text": "Same"}, writer)]

    bodies, raised = all_at_once(write, writers * 2)

    assert raised == []
    codes = sorted(str([e["code"] for e in payload_errors(body)]) for body in bodies)
    assert codes == ["['DUPLICATE_COMMENT']"] * len(writers) + ["[]"] * len(writers)
    image.refresh_from_db()
    assert image.comments_count == Comment.objects.count() == len(writers)


def test_comments_deleted_at_once_are_counted_off_once(make_user, make_image, make_comment):
    poster = make_user("poster")
    image = make_image(poster)
    writers = [make_user(f"writer{n}") for n in range(THREADS // 2)]
    comments = [make_comment(writer, image) for writer in writers]

    # Each comment deleted at once by its author and by the image's poster.
    def delete(api, pair):
        user, comment = pair
        return [post(api, DELETE, {"id": comment_id(comment)}, user)]

    pairs = [(c.author, c) for c in comments] + [(poster, c) for c in comments]
    bodies, raised = all_at_once(delete, pairs)

    assert raised == []
    codes = sorted(str([e["code"] for e in payload_errors(body)]) for body in bodies)
    assert codes == ["['NOT_FOUND']"] * len(comments) + ["[]"] * len(comments)
    image.refresh_from_db()
    assert image.comments_count == 0
