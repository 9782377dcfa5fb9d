"""Importing one link of an import's file: the same doors as `bookmarkImage`
(images/services: the address checks, download slots, safe downloader, image checks,
the duplicate check and tags) and, for a link to a page, the picture the page names.

What became of the link is written in the same transaction as the image
(`on_created`), so a link is saved once even when a worker dies between the two, or
two workers reach the same link.
"""

import time
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from boards import services as board_services
from boards.models import Board
from images import services as image_services
from images.checks import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, checked_url
from images.errors import ImageErrorCode
from images.tags import MAX_TAGS_PER_IMAGE, tag_or_none
from infra.errors import DomainError
from jobs import pages
from jobs.models import ImportItem, Job

ALREADY_THERE = {ImageErrorCode.DUPLICATE, ImageErrorCode.ALREADY_SAVED}
# A download slot is waited for, a little at a time, up to this long.
SLOT_WAIT_SECONDS = 60
SLOT_POLL_SECONDS = 0.1
State = ImportItem.State


class SlotsBusy(Exception):
    """No download slot came free in time (downloads elsewhere hold them, or a worker that
    died does, until their leases end): the link is to be taken again, not failed."""


class _TakenMeanwhile(Exception):
    """Another worker finished this link first: the image being saved is not kept."""


def import_item(item: ImportItem, boards: "BoardsByName") -> None:
    """Save the picture of `item`'s link as the job owner's, or record why not."""
    job, user = item.job, item.job.owner
    try:
        url = checked_url(item.url)
        if user.images_created.filter(url=url).exists():
            _record(item, State.ALREADY_THERE)
            return
        data = _download(user, url)
        title = item.title
        if not pages.looks_like_an_image(data):
            picture = pages.picture_of(url, data)
            if picture is None:
                message = gettext("The page names no image (og:image or twitter:image).")
                _record(item, State.FAILED, message)
                return
            url, data, title = picture.image_url, None, title or picture.title
        board_id = job.board_id or boards.board_id(item.board_name)
        _save(item, url, data, title, board_id)
    except DomainError as error:
        problem = error.problems[0]
        if problem.code in ALREADY_THERE:
            _record(item, State.ALREADY_THERE)
        else:
            _record(item, State.FAILED, problem.message)
    except _TakenMeanwhile:
        pass


def give_up(item: ImportItem, message: str) -> None:
    _record(item, State.FAILED, message)


def _save(item, url, data, title, board_id):
    user = item.job.owner
    pin = board_services.pinner_for_new_image(user=user, board_id=board_id) if board_id else None

    def on_created(image):
        if pin is not None:
            pin(image)
        if not _record(item, State.SAVED, image_id=image.pk):
            raise _TakenMeanwhile()

    if data is None:
        checked = checked_url(url)
        if user.images_created.filter(url=checked).exists():
            _record(item, State.ALREADY_THERE)
            return
        data = _download(user, checked)
    image_services.bookmark_image(
        user=user,
        url=url,
        title=(title.strip() or _title_from(url))[:TITLE_MAX_LENGTH],
        description=item.description[:DESCRIPTION_MAX_LENGTH],
        tags=_usable_tags(item.tags),
        on_created=on_created,
        downloaded=data,
    )


def _download(user, url):
    """The download, waiting for a slot (other imports and bookmarks hold them a moment)."""
    deadline = time.monotonic() + SLOT_WAIT_SECONDS
    while True:
        try:
            return image_services.download(user=user, url=url)
        except DomainError as error:
            if error.problems[0].code != ImageErrorCode.TRY_AGAIN:
                raise
            if time.monotonic() > deadline:
                raise SlotsBusy() from error
            time.sleep(SLOT_POLL_SECONDS)


@transaction.atomic
def _record(item, state, message="", image_id=None) -> bool:
    """Mark a pending item and count it in its job; False when it was no longer pending."""
    marked = ImportItem.objects.filter(pk=item.pk, state=State.PENDING).update(
        state=state, message=message[:500], image_id=image_id, finished=timezone.now()
    )
    if marked:
        counter = "failed" if state == State.FAILED else "done"
        Job.objects.filter(pk=item.job_id).update(**{counter: F(counter) + 1})
    return bool(marked)


def _usable_tags(raw_tags):
    # A browser's tags may not all fit ours: those that cannot be tags are left out.
    tags = []
    for raw in raw_tags:
        tag = tag_or_none(raw)
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS_PER_IMAGE]


def _title_from(url):
    name = PurePosixPath(unquote(urlsplit(url).path)).stem
    return " ".join(name.replace("-", " ").replace("_", " ").split()) or "Imported image"


class BoardsByName:
    """The owner's boards an import fills, by name (case aside), made when missing."""

    def __init__(self, user):
        self.user = user
        self.ids = {}

    def board_id(self, name):
        name = " ".join(name.split())[: Board._meta.get_field("name").max_length]
        if not name:
            return None
        key = name.lower()
        if key not in self.ids:
            self.ids[key] = self._existing(name) or self._made(name)
        return self.ids[key]

    def _existing(self, name):
        board = Board.objects.filter(owner=self.user, name__iexact=name).first()
        return board.pk if board else None

    def _made(self, name):
        try:
            return board_services.create_board(user=self.user, name=name).pk
        except DomainError:
            # Made meanwhile by another worker of the same import.
            return self._existing(name)
