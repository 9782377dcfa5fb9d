"""Writing and deleting comments, and telling whom they concern.

Adding a comment, in one transaction: the text is checked, the person's rate counted
(Redis, `COMMENT_LIMIT` per `COMMENT_WINDOW_SECONDS`), the image locked so that a repeat
within `COMMENT_REPEAT_SECONDS` is seen however fast it comes, the row written and the
image's `comments_count` raised in SQL. Then the poster is notified
(COMMENTED_ON_YOUR_IMAGE), so is each person mentioned who may see the image
(MENTIONED_YOU, comments/mentions.py), a public image's comment becomes a
COMMENTED_ON_IMAGE action for followers' feeds, and the image's live subscribers hear
of it after commit; `comment_added` tells the poster's webhooks. Deleting undoes all of it
(but a webhook's delivery).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from activity import services as activity
from activity.models import Action, NotificationKind
from comments import selectors
from comments.errors import CommentErrorCode as Code
from comments.mentions import mentioned_usernames
from comments.models import TEXT_MAX_LENGTH, Comment
from comments.signals import comment_added
from images import selectors as image_selectors
from images.models import Image, Visibility
from infra import events
from infra.errors import DomainError
from users import throttle
from users.selectors import shown_account

NOTIFIED_KINDS = (NotificationKind.COMMENTED_ON_YOUR_IMAGE, NotificationKind.MENTIONED_YOU)


@transaction.atomic
def add_comment(*, author, image_id, text, link_key=None) -> Comment:
    """`author`'s comment under an image they may open (by an ID carrying `link_key` when
    it is not public), as typed."""
    text = _checked_text(text)
    _count_attempt(author)
    image = image_selectors.image_to_change(author, image_id, link_key)
    if image is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such image."), "image_id")
    since = timezone.now() - timedelta(seconds=settings.COMMENT_REPEAT_SECONDS)
    if selectors.repeats(author=author, image_id=image.pk, text=text, since=since):
        message = gettext("You have just written this under this image.")
        raise DomainError.of(Code.DUPLICATE_COMMENT, message, "text")
    comment = Comment.objects.create(image=image, author=author, text=text)
    count_comments([image.pk], +1)
    image.refresh_from_db(fields=["comments_count"])
    _tell(comment, image)
    comment_added.send(sender=Comment, comment=comment)  # webhooks (webhooks/receivers.py)
    events.publish_after_commit(
        events.image_channel(image.pk), events.CommentAdded(comment=comment.pk)
    )
    return comment


@transaction.atomic
def delete_comment(*, user, comment_id) -> int:
    """Delete a comment as its author or as its image's poster; what it caused goes too.

    Its author or poster finds it while they may open the image (they hold its link);
    anyone else only where the image is listed to them, so that walking comment IDs
    tells nothing of an unlisted image."""
    comment = Comment.objects.select_related("image").select_for_update(of=("self",))
    comment = comment.filter(pk=comment_id).first()
    theirs = comment is not None and user.pk in (comment.author_id, comment.image.user_id)
    key = comment.image.link_key if theirs else None
    if comment is None or not selectors.visible_comments(user, key).filter(pk=comment_id).exists():
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such comment."), "id")
    if not theirs:
        message = gettext("Only its author or the image's poster can delete a comment.")
        raise DomainError.of(Code.NOT_YOURS, message, "id")
    comment.delete()
    count_comments([comment.image_id], -1)
    _take_back(comment)
    events.publish_after_commit(
        events.image_channel(comment.image_id), events.CommentsRemoved(author=comment.author_id)
    )
    return comment_id


def count_comments(image_ids, change: int) -> None:
    """Add `change` to the `comments_count` of each of `image_ids`, in SQL, so that
    concurrent comments all count (negative when comments go)."""
    Image.objects.filter(pk__in=image_ids).update(comments_count=F("comments_count") + change)


def _checked_text(text):
    # Kept as typed: only a comment of nothing but spaces is refused.
    if not text or not text.strip():
        raise DomainError.of(Code.REQUIRED, gettext("Write something."), "text")
    if len(text) > TEXT_MAX_LENGTH:
        message = gettext("A comment is at most %(count)s characters.") % {
            "count": number_format(TEXT_MAX_LENGTH, force_grouping=True)
        }
        raise DomainError.of(Code.TOO_LONG, message, "text")
    return text


def _count_attempt(author):
    window = settings.COMMENT_WINDOW_SECONDS
    rule = throttle.Rule(settings.COMMENT_LIMIT, window, window)
    wait = throttle.take_attempt(
        rule, throttle.account_of(author), "comment", try_again=Code.TRY_AGAIN
    )
    if wait:
        message = gettext("You are commenting too fast. Try again in %(wait)s seconds.") % {
            "wait": wait
        }
        raise DomainError.of(Code.TOO_MANY_COMMENTS, message, None)


def _tell(comment, image):
    told = dict(actor_id=comment.author_id, target=image, created=comment.created)
    kind = NotificationKind.COMMENTED_ON_YOUR_IMAGE
    activity.notify(recipient_id=image.user_id, kind=kind, **told)
    for recipient_id in _mentioned(comment, image):
        activity.notify(recipient_id=recipient_id, kind=NotificationKind.MENTIONED_YOU, **told)
    if image.visibility == Visibility.PUBLIC:
        activity.create_action(comment.author, Action.Verb.COMMENTED_ON_IMAGE, image)


def _mentioned(comment, image):
    """The active people the comment mentions who may find the image in a list (a
    notification lists it: someone else's unlisted image tells nobody) and may find its
    author, its poster (told already) and its author aside."""
    names = mentioned_usernames(comment.text)
    if not names:
        return []
    # Someone on either side of a block with the author is not told (nor suspended people).
    people = _active_people(names).filter(shown_account(comment.author, "pk"))
    people = people.exclude(pk__in=(image.user_id, comment.author_id))
    ids = set(people.values_list("pk", flat=True))
    return sorted(image_selectors.who_may_see(image, ids))


def _take_back(comment):
    """What the deleted comment told, unless another comment of its author's under the
    image tells it still: the poster's notification and the action once none is left,
    a mention once no other comment of theirs there makes it."""
    image, author_id = comment.image, comment.author_id
    left = list(
        Comment.objects.filter(author=author_id, image=image).values_list("text", flat=True)
    )
    if not left:
        activity.withdraw_notifications_about(image, kind__in=NOTIFIED_KINDS, actor=author_id)
        activity.withdraw_actions(author_id, Action.Verb.COMMENTED_ON_IMAGE, image)
        return
    still = {name for text in left for name in mentioned_usernames(text)}
    gone = set(mentioned_usernames(comment.text)) - still
    if gone:
        activity.withdraw_notifications_about(
            image,
            kind=NotificationKind.MENTIONED_YOU,
            actor=author_id,
            recipient__in=_active_people(gone).values("pk"),
        )


def _active_people(usernames):
    people = get_user_model().objects.filter(is_active=True).annotate(name=Lower("username"))
    return people.filter(name__in=usernames)
