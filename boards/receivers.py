"""Keeping derived data true when an account goes: the saves counts of the images its
pins held, the access rows of its boards (which name boards by id, so no cascade
reaches them), and what others' secret boards share once its pins there are gone."""

from collections import Counter

from django.db.models import Q


def forget_deleted_account(sender, user, **kwargs):
    from boards import services
    from boards.models import Board, Pin
    from images import access

    pins = Pin.objects.filter(Q(board__owner=user) | Q(saved_by=user))
    going = Counter(pins.values_list("image_id", flat=True))
    by_count = {}
    for image_id, count in going.items():
        by_count.setdefault(count, []).append(image_id)
    for count, image_ids in by_count.items():
        access.count_saves(image_ids, -count)
    for board_id in user.boards.values_list("pk", flat=True):
        access.share_privately(board_id=board_id, image_ids=[], user_ids=[])
    # Its pins of an owner's images on the owner's secret boards go with it: those boards
    # then share what is left on them, and no more.
    others = Board.objects.filter(pins__saved_by=user).exclude(owner=user).distinct()
    others = list(others)
    Pin.objects.filter(saved_by=user).delete()
    for board in others:
        services.reshare(board)
