"""What happens to accounts, for higher apps to act on (activity records it).

Each is sent by a service in users/services/ inside its transaction, so a
receiver's writes commit or roll back with the change.
"""

from django.dispatch import Signal

# sender: the User model; user: the new account.
user_registered = Signal()
# sender: the User model; user_from started following user_to.
user_followed = Signal()
# sender: the User model; user_from stopped following user_to.
user_unfollowed = Signal()
# sender: the User model; user: the account about to be deleted, with everything of it
# (users/services/deletion.py). Receivers undo what the cascade would leave wrong or behind.
account_deleting = Signal()
