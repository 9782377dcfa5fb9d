"""What can be reported, and what each moderation action does to each kind of subject:
one entry per kind (an image, a comment, a person)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from comments import hiding as comment_hiding
from comments.models import Comment
from images import hiding as image_hiding
from images.models import Image

User = get_user_model()


@dataclass(frozen=True)
class SubjectKind:
    account_of: Callable  # the subject -> the account behind it (to suspend)
    hide: Callable | None = None  # the subject -> None, hides it (None: cannot be hidden)
    loaded: Callable = lambda: None  # a queryset loading subjects for staff


SUBJECT_KINDS = {
    Image: SubjectKind(
        account_of=lambda image: image.user,
        hide=lambda image: image_hiding.set_hidden_by_moderators(image, True),
        loaded=lambda: Image.objects.select_related("user__profile"),
    ),
    Comment: SubjectKind(
        account_of=lambda comment: comment.author,
        hide=lambda comment: comment_hiding.set_hidden_by_moderators(comment, True),
        loaded=lambda: Comment.objects.select_related("author__profile", "image"),
    ),
    User: SubjectKind(
        account_of=lambda user: user,
        loaded=lambda: User.objects.select_related("profile"),
    ),
}
