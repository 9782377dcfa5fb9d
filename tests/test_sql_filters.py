"""infra/sql_filters.NotAmong, the viewer's lists written as `NOT IN`: the rows the ORM's
`~Q(key__in=...)` kept, a null key (a nullable column, or one reached by an outer join)
included."""

from django.db.models import Q

from boards.models import Board
from jobs.models import Job
from users.models import Block
from users.selectors import not_blocked


def _boards_of_jobs(rows):
    return sorted(rows.values_list("board__name", flat=True), key=str)


def test_a_row_whose_key_is_null_is_on_no_list(ann, bob):
    Block.objects.create(blocker=ann, blocked=bob)
    blocked_board = Board.objects.create(owner=bob, name="Bob's", slug="bobs")
    own_board = Board.objects.create(owner=ann, name="Ann's", slug="anns")
    for board in (None, blocked_board, own_board):
        Job.objects.create(owner=ann, kind=Job.Kind.IMPORT, board=board)

    kept = Job.objects.filter(not_blocked(ann, "board__owner_id"))
    blocked = Block.objects.filter(blocker=ann).values("blocked_id")
    kept_by_the_orm = Job.objects.filter(~Q(board__owner_id__in=blocked))

    assert _boards_of_jobs(kept) == _boards_of_jobs(kept_by_the_orm) == ["Ann's", None]


def test_a_row_whose_key_is_set_is_left_out_when_on_the_list(ann, bob, make_user):
    Block.objects.create(blocker=bob, blocked=ann)  # blocked by them: the same
    carl = make_user("carl")

    kept = type(ann).objects.filter(not_blocked(ann, "pk"), pk__in=[bob.pk, carl.pk])

    assert list(kept.values_list("username", flat=True)) == ["carl"]
