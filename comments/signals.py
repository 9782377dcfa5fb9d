"""What happens to comments, for higher apps to act on (webhooks tell the image's poster).

Each is sent by a service in comments/services.py inside its transaction, so a receiver's
writes commit or roll back with the change.
"""

from django.dispatch import Signal

# sender: the Comment model; comment: a new comment (its image and author loaded).
comment_added = Signal()
