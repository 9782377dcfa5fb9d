"""What comments do when something else happens: an account's going keeps the counts of
the images it commented on exact (the cascade would delete its comments without a word)."""

from collections import Counter


def forget_deleted_account(sender, user, **kwargs):
    """Before a deleted account's rows go (users/services/deletion.py): its comments under
    others' images go, each image counting them off, and its live subscribers hear of
    it; the comments under its own images go with the images."""
    from comments import services
    from comments.models import Comment
    from infra import events

    theirs = Comment.objects.filter(author=user).exclude(image__user=user)
    going = Counter(theirs.values_list("image_id", flat=True))
    by_count = {}
    for image_id, count in going.items():
        by_count.setdefault(count, []).append(image_id)
    for count, image_ids in by_count.items():
        services.count_comments(image_ids, -count)
    theirs.delete()
    removed = events.CommentsRemoved(author=user.pk)
    events.publish_all_after_commit((events.image_channel(image_id), removed) for image_id in going)
