"""What happens on boards, for higher apps to act on (activity records it).

Each is sent by a service in boards/services.py inside its transaction, so a
receiver's writes commit or roll back with the change.
"""

from django.dispatch import Signal

# sender: the Pin model; pin: a new pin (its board and image loaded).
image_saved = Signal()
# sender: the Pin model; saves: (saver's id, image id) pairs that are on no public board
# any more (a board made secret or deleted, a pin removed): what was told of them goes.
saves_withdrawn = Signal()
# sender: the Board model; board, user: `user` was made a collaborator of `board`.
collaborator_added = Signal()
# sender: the Board model; board, user: `user` is no longer a collaborator of `board`.
collaborator_removed = Signal()
