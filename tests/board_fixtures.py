"""Boards, pins and private images made through the services, for tests that are not
about making them."""

import pytest
from graphql_relay import to_global_id

from boards import services as board_services
from images import services as image_services
from images.models import Image, Visibility


def gid(kind, obj):
    """The global ID a client is given for `obj`: for an image, as it is now in the
    database (one that is not public carries its link key)."""
    if kind == "Image":
        return image_gid(obj)
    return to_global_id(kind, obj.pk)


def image_gid(image):
    stored = Image.objects.get(pk=image.pk)
    if stored.visibility == Visibility.PUBLIC:
        return to_global_id("Image", stored.pk)
    return to_global_id("Image", f"{stored.pk}:{stored.link_key}")


@pytest.fixture
def make_board(db):
    def make(owner, name=None, *, privacy="public", collaborators=(), **fields):
        make.count += 1
        board = board_services.create_board(
            user=owner, name=name or f"Board {make.count}", privacy=privacy, **fields
        )
        for person in collaborators:
            board_services.add_collaborator(user=owner, board_id=board.pk, username=person.username)
        return board

    make.count = 0
    return make


@pytest.fixture
def pin(db):
    def save(user, image, board, note=""):
        return board_services.save_image(user=user, image_id=image.pk, board_id=board.pk, note=note)

    return save


@pytest.fixture
def make_private(db):
    def make(image):
        return image_services.update_image(user=image.user, image_id=image.pk, visibility="private")

    return make
