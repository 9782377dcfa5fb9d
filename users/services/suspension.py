"""Suspending an account (moderation/ decides; this is the one door that sets the flag):
it cannot sign in (users/services/sessions.py), its access and refresh tokens stop
working and its live connections close at once (users/tokens.py), and what it posted is
absent for everyone but staff (users.selectors.shown_account)."""

from django.contrib.auth import get_user_model

from users import tokens

User = get_user_model()


def suspend(user) -> None:
    User.objects.filter(pk=user.pk).update(is_suspended=True)
    user.is_suspended = True
    tokens.revoke_all_tokens(user)


def lift_suspension(user) -> None:
    User.objects.filter(pk=user.pk).update(is_suspended=False)
    user.is_suspended = False
