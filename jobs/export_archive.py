"""Writing an account's export: a ZIP with `pinmark-export.json` (docs/export.md describes
it) and the original of each image under `images/`.

Everything is read in batches and written as it is read, into a temporary file that the
storage then reads in chunks: however many images, only one batch is in memory.
"""

import json
import shutil
import zipfile
from collections import defaultdict
from itertools import islice

from boards.models import Board, Pin
from comments.models import Comment
from images.models import Image, TaggedImage
from users.models import Contact

FORMAT_VERSION = 1
BATCH = 200
JSON_NAME = "pinmark-export.json"


def write_archive(user, target) -> None:
    """Write `user`'s export into the binary file `target`."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(JSON_NAME, "w", force_zip64=True) as raw:
            _write_json(user, _Writer(raw))
        for image in _batched(Image.objects.filter(user=user).order_by("pk")):
            _copy_original(archive, image)


class _Writer:
    def __init__(self, raw):
        self.raw = raw

    def text(self, text):
        self.raw.write(text.encode())

    def value(self, value):
        self.text(json.dumps(value, ensure_ascii=False, default=str))

    def members(self, name, records, *, first=False):
        self.text(("" if first else ",") + f"\n{json.dumps(name)}:[")
        for index, record in enumerate(records):
            self.text("\n," if index else "\n")
            self.value(record)
        self.text("]")


def _write_json(user, out):
    out.text("{")
    out.text(f'"version":{FORMAT_VERSION}')
    out.text(',\n"profile":')
    out.value(_profile(user))
    out.members("images", _images(user))
    out.members("boards", _boards(user))
    out.members("pins", _pins(user))
    out.members("likes", _likes(user))
    out.members("following", _follows(Contact.objects.filter(user_from=user), "user_to"))
    out.members("followers", _follows(Contact.objects.filter(user_to=user), "user_from"))
    out.members("comments", _comments(user))
    out.text("\n}\n")


def _profile(user):
    profile = getattr(user, "profile", None)
    return {
        "username": user.username,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
        "dateJoined": user.date_joined,
        "dateOfBirth": profile.date_of_birth if profile else None,
    }


def _images(user):
    for batch in _batches(Image.objects.filter(user=user).order_by("pk")):
        tags = defaultdict(list)
        tagged = TaggedImage.objects.filter(content_object__in=[image.pk for image in batch])
        for image_id, name in tagged.values_list("content_object_id", "tag__name"):
            tags[image_id].append(name)
        for image in batch:
            yield {
                "id": image.pk,
                "title": image.title,
                "slug": image.slug,
                "description": image.description,
                "url": image.url,
                "visibility": image.visibility,
                "created": image.created,
                "width": image.width,
                "height": image.height,
                "tags": sorted(tags[image.pk]),
                "totalLikes": image.total_likes,
                "file": archived_name(image),
            }


def _boards(user):
    boards = Board.objects.filter(owner=user).order_by("pk")
    for board in _batched(boards):
        yield {
            "id": board.pk,
            "name": board.name,
            "slug": board.slug,
            "description": board.description,
            "privacy": board.privacy,
            "created": board.created,
        }


def _pins(user):
    pins = Pin.objects.filter(saved_by=user).select_related("board").order_by("pk")
    for pin in _batched(pins):
        yield {
            "board": pin.board.slug,
            "boardOwned": pin.board.owner_id == user.pk,
            "image": pin.image_id,
            "note": pin.note,
            "created": pin.created,
        }


def _likes(user):
    liked = Image.users_like.through.objects.filter(user=user).select_related("image")
    for like in _batched(liked.order_by("pk")):
        yield {"image": like.image_id, "slug": like.image.slug, "url": like.image.url}


def _follows(contacts, other):
    for contact in _batched(contacts.select_related(other).order_by("pk")):
        yield {"username": getattr(contact, other).username, "since": contact.created}


def _comments(user):
    for comment in _batched(Comment.objects.filter(author=user).order_by("pk")):
        yield {"image": comment.image_id, "text": comment.text, "created": comment.created}


def archived_name(image) -> str:
    return f"images/{image.pk}-{image.file.name.rsplit('/', 1)[-1]}"


def _copy_original(archive, image):
    try:
        source = image.file.storage.open(image.file.name, "rb")
    except FileNotFoundError:
        return
    # Pictures are compressed already: stored as they are.
    with source, archive.open(_stored(archived_name(image)), "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, 256 * 1024)


def _stored(name):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_STORED
    return info


def _batches(queryset):
    rows = queryset.iterator(chunk_size=BATCH)
    while batch := list(islice(rows, BATCH)):
        yield batch


def _batched(queryset):
    for batch in _batches(queryset):
        yield from batch
