"""What can be reported, and what each moderation action does to each kind of subject:
one entry per kind (an image, a person; comments add theirs)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from images.hiding import set_hidden_by_moderators
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
        hide=lambda image: set_hidden_by_moderators(image, True),
        loaded=lambda: Image.objects.select_related("user__profile"),
    ),
    User: SubjectKind(
        account_of=lambda user: user,
        loaded=lambda: User.objects.select_related("profile"),
    ),
}
