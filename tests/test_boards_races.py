"""Saving at once through /graphql on PostgreSQL: `savesCount` stays exact and one board
keeps one pin per image, however the saves interleave.

SQLite serialises every writer, so these races only exist on PostgreSQL.
"""

import os

import pytest
from graphql_relay import to_global_id

from boards.models import Pin
from tests.test_concurrency import THREADS, all_at_once, post

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite serialises all writers: only PostgreSQL shows these races.",
    ),
    pytest.mark.django_db(transaction=True),
]

SAVE = """mutation($input: SaveImageInput!) { saveImage(input: $input) { errors { code } } }"""


def test_saving_one_image_at_once_to_many_boards_counts_every_pin(
    make_user, make_image, make_board
):
    image = make_image(make_user("poster"))
    savers = [make_user(f"saver{n}") for n in range(THREADS // 2)]
    boards = {saver: make_board(saver) for saver in savers}

    # Two threads per saver and board: one pin per board, whatever the interleaving.
    def save(api, saver):
        variables = {
            "input": {
                "imageId": to_global_id("Image", image.pk),
                "boardId": to_global_id("Board", boards[saver].pk),
            }
        }
        return [post(api, SAVE, variables, saver)]

    bodies, raised = all_at_once(save, savers * 2)

    assert raised == []
    assert all(body["data"]["saveImage"]["errors"] == [] for body in bodies)
    image.refresh_from_db()
    assert Pin.objects.count() == len(savers)
    assert image.saves_count == len(savers)
