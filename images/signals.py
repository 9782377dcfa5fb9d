"""What happens to images, for higher apps to act on (activity records it).

Each is sent by a service in images/services.py inside its transaction, so a
receiver's writes commit or roll back with the change.
"""

from django.dispatch import Signal

# sender: the Image model; image: the new image (bookmarked or uploaded).
image_posted = Signal()
# sender: the Image model; user liked image (sent only when the like is new).
image_liked = Signal()
# sender: the Image model; user took back their like of image.
image_unliked = Signal()
# sender: the Image model; image: an image just made PRIVATE (what it caused is withdrawn).
image_made_private = Signal()
