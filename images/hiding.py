"""Moderators hiding an image (moderation/ decides; this is the one door that sets the
flag): it is then absent for everyone but staff and its poster (images.selectors)."""

from images.models import Image


def set_hidden_by_moderators(image, hidden: bool) -> None:
    Image.objects.filter(pk=image.pk).update(hidden_by_moderators=hidden)
    image.hidden_by_moderators = hidden
