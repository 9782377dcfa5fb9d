"""Moderators hiding a comment (moderation/ decides; this is the one door that sets the
flag): it is then absent for everyone but staff and its author (comments.selectors)."""

from comments.models import Comment


def set_hidden_by_moderators(comment, hidden: bool) -> None:
    Comment.objects.filter(pk=comment.pk).update(hidden_by_moderators=hidden)
    comment.hidden_by_moderators = hidden
