"""The boards services without the API: what secret boards share, the saves count, and
what an account's deletion leaves right."""

import pytest

from boards import services
from boards.models import Board
from images import selectors as image_selectors
from images.models import ImageAccess
from infra.errors import DomainError
from users.services.deletion import delete_account


def can_see(user, image):
    return image_selectors.visible_images(user).filter(pk=image.pk).exists()


def test_a_secret_board_shares_its_owners_private_images_with_its_collaborators(
    ann, bob, carol, sunset, make_board, pin, make_private
):
    make_private(sunset)
    board = make_board(ann, privacy="secret", collaborators=[bob])

    pin(ann, sunset, board)

    assert can_see(ann, sunset) and can_see(bob, sunset) and not can_see(carol, sunset)
    assert list(ImageAccess.objects.values_list("user__username", flat=True)) == ["bob"]


def test_a_public_board_shares_nothing(ann, bob, sunset, make_board, pin, make_private):
    make_private(sunset)
    pin(ann, sunset, make_board(ann, collaborators=[bob]))

    assert not can_see(bob, sunset)


def test_a_collaborators_own_private_image_is_not_shared_through_someone_elses_board(
    ann, bob, carol, make_image, make_board, pin, make_private
):
    bobs = make_private(make_image(bob, "Bob's"))
    board = make_board(ann, privacy="secret", collaborators=[bob, carol])

    pin(bob, bobs, board)

    assert not can_see(carol, bobs) and not can_see(ann, bobs)


def test_removing_the_pin_or_the_board_takes_the_sharing_back(
    ann, bob, sunset, make_board, pin, make_private
):
    make_private(sunset)
    board = make_board(ann, privacy="secret", collaborators=[bob])
    saved = pin(ann, sunset, board)

    services.remove_pin(user=ann, pin_id=saved.pk)
    assert not can_see(bob, sunset)
    pin(ann, sunset, board)
    services.delete_board(user=ann, board_id=board.pk)

    assert not can_see(bob, sunset) and not ImageAccess.objects.exists()


def test_saves_count_every_pin_on_any_board(ann, bob, sunset, make_board, pin):
    pin(ann, sunset, make_board(ann))
    pin(ann, sunset, make_board(ann, privacy="secret"))
    pin(bob, sunset, make_board(bob))

    sunset.refresh_from_db()
    assert sunset.saves_count == 3


def test_a_deleted_account_takes_its_pins_off_the_saves_count(ann, bob, sunset, make_board, pin):
    board = make_board(bob, privacy="secret", collaborators=[ann])
    pin(bob, sunset, board)
    pin(bob, sunset, make_board(bob))
    pin(ann, sunset, make_board(ann))

    delete_account(user=bob, ip="127.0.0.1", password="correct-horse-battery-staple")

    sunset.refresh_from_db()
    assert sunset.saves_count == 1
    assert not ImageAccess.objects.exists()


def test_two_boards_cannot_share_a_name_in_another_case(ann, make_board):
    make_board(ann, "Ideas")

    with pytest.raises(DomainError) as raised:
        services.create_board(user=ann, name="IDEAS")

    assert raised.value.problems[0].code.name == "NAME_TAKEN"
    assert Board.objects.count() == 1


def test_slugs_stay_unique_per_owner(ann, bob, make_board):
    first = make_board(ann, "Café")
    services.update_board(user=ann, board_id=first.pk, name="Other")
    second = make_board(ann, "café!")
    bobs = make_board(bob, "Café")

    assert first.slug == bobs.slug == "café"
    assert second.slug.startswith("café-") and second.slug != first.slug


def test_a_collaborators_deletion_takes_back_what_their_pins_shared(
    ann, bob, carol, sunset, make_board, pin, make_private
):
    board = make_board(ann, privacy="secret", collaborators=[bob, carol])
    pin(bob, sunset, board)  # the owner's image, pinned by a collaborator while public
    make_private(sunset)
    assert can_see(carol, sunset)

    delete_account(user=bob, ip="127.0.0.1", password="correct-horse-battery-staple")

    assert not can_see(carol, sunset) and can_see(ann, sunset)


def saved_actions(user):
    from activity.models import Action

    return list(
        Action.objects.filter(user=user, verb=Action.Verb.SAVED_IMAGE).values_list(
            "target_id", flat=True
        )
    )


def test_a_pin_removed_takes_its_save_out_of_the_activity(ann, sunset, make_board, pin):
    board = make_board(ann)
    saved = pin(ann, sunset, board)
    assert saved_actions(ann) == [sunset.pk]

    services.remove_pin(user=ann, pin_id=saved.pk)

    assert saved_actions(ann) == []


def test_a_save_another_public_board_holds_stays_in_the_activity(ann, sunset, make_board, pin):
    first, second = make_board(ann), make_board(ann)
    pin(ann, sunset, first)
    pin(ann, sunset, second)

    services.update_board(user=ann, board_id=first.pk, privacy="secret")

    assert saved_actions(ann) != []
