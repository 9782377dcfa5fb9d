from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class UsernameOrEmailBackend(ModelBackend):
    """Log in with a username or an e-mail address, in any case.

    An unknown login still hashes the password so that the response time does
    not tell whether the account exists.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        login = username.strip()
        lookup = Q(email__iexact=login) if "@" in login else Q(username__iexact=login)
        user = User._default_manager.filter(lookup).first()
        if user is None:
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
