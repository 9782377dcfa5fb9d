"""The search index kept in step by the services that change what it holds, in the same
transaction: posting, editing, deleting, a change of visibility, an account's deletion,
boards; and `rebuild_search_index` writing it again."""

import pytest
from django.contrib.auth.models import update_last_login
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from boards import services as board_services
from images import services as image_services
from search.models import Document, Kind
from testing.image_fixtures import image_bytes
from tests.search_fixtures import found
from users.services import accounts, deletion

pytestmark = pytest.mark.django_db


def upload(user, title, description="", visibility="public"):
    return image_services.upload_image(
        user=user,
        file=SimpleUploadedFile("a.jpg", image_bytes(32, 24), "image/jpeg"),
        title=title,
        description=description,
        visibility=visibility,
    )


def test_a_posted_image_is_found_at_once(api, ann):
    upload(ann, "Harbour lights", "boats at night")

    assert found(api, "harbour") == ["Harbour lights"]
    assert found(api, "boats") == ["Harbour lights"]


def test_an_edited_image_is_found_by_its_new_words_only(api, ann):
    image = upload(ann, "Harbour lights")

    image_services.update_image(user=ann, image_id=image.pk, title="Fishing boats")

    assert found(api, "harbour") == []
    assert found(api, "boats") == ["Fishing boats"]


def test_an_image_is_found_by_its_tags_as_they_change(api, ann):
    image = image_services.upload_image(
        user=ann,
        file=SimpleUploadedFile("a.jpg", image_bytes(32, 24), "image/jpeg"),
        title="Harbour lights",
        tags=["boats"],
    )
    assert found(api, "#boats") == ["Harbour lights"]

    image_services.update_image(user=ann, image_id=image.pk, tags=["night"])

    assert found(api, "#boats") == []
    assert found(api, "boats") == []
    assert found(api, "#night") == ["Harbour lights"]
    assert found(api, "night") == ["Harbour lights"]


def test_a_deleted_image_leaves_the_index(api, ann):
    image = upload(ann, "Harbour lights")

    image_services.delete_image(user=ann, image_id=image.pk)

    assert found(api, "harbour", user=ann) == []
    assert not Document.objects.filter(kind=Kind.IMAGE, object_id=image.pk).exists()


def test_an_image_made_private_is_found_by_its_poster_alone(api, ann, bob):
    image = upload(ann, "Harbour lights")

    image_services.update_image(user=ann, image_id=image.pk, visibility="private")

    assert found(api, "harbour", user=bob) == []
    assert found(api, "harbour") == []
    assert found(api, "harbour", user=ann) == ["Harbour lights"]


def test_a_failed_change_leaves_the_index_as_it_was(api, ann):
    image = upload(ann, "Harbour lights")

    with pytest.raises(RuntimeError), transaction.atomic():
        image_services.update_image(user=ann, image_id=image.pk, title="Fishing boats")
        raise RuntimeError("the request failed after the edit")

    assert found(api, "harbour") == ["Harbour lights"]
    assert found(api, "boats") == []


def test_a_deleted_account_leaves_with_its_images_and_boards(api, make_user, bob):
    ann = make_user("annika", first_name="Annika")
    upload(ann, "Harbour lights")
    board_services.create_board(user=ann, name="Harbours")
    upload(bob, "Harbour at dawn")

    deletion.remove_account(user=ann)

    assert found(api, "harbour") == ["Harbour at dawn"]
    assert found(api, "harbours", type="BOARDS") == []
    assert found(api, "annika", type="USERS") == []
    assert not Document.objects.filter(owner_id=ann.pk).exists()


def test_a_person_is_found_by_names_they_change(api, ann):
    accounts.update_profile(user=ann, ip="203.0.113.9", first_name="Annabeth")

    assert found(api, "annabeth", type="USERS") == ["ann"]
    assert found(api, "lee", type="USERS") == ["ann"]


def test_a_sign_in_leaves_the_index_alone(ann, django_assert_num_queries):
    with django_assert_num_queries(1):
        update_last_login(None, ann)


def test_boards_are_indexed_as_they_are_made_renamed_and_deleted(api, ann):
    board = board_services.create_board(user=ann, name="Harbours", description="Boats")
    assert found(api, "boats", type="BOARDS") == ["Harbours"]

    board_services.update_board(user=ann, board_id=board.pk, name="Coasts")
    assert found(api, "harbours", type="BOARDS") == []
    assert found(api, "coasts", type="BOARDS") == ["Coasts"]

    board_services.update_board(user=ann, board_id=board.pk, privacy="secret")
    assert found(api, "coasts", type="BOARDS") == []
    assert found(api, "coasts", type="BOARDS", user=ann) == ["Coasts"]

    board_services.delete_board(user=ann, board_id=board.pk)
    assert found(api, "coasts", type="BOARDS", user=ann) == []


def test_the_rebuild_command_indexes_what_was_there_before(api, ann, make_image, capsys):
    make_image(ann, "Old harbour", description="from before search")
    Document.objects.all().delete()

    call_command("rebuild_search_index")

    assert found(api, "harbour") == ["Old harbour"]
    assert found(api, "ann", type="USERS") == ["ann"]
    assert "image: 1 indexed" in capsys.readouterr().out
