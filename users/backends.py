from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from users.selectors import user_for_login


class UsernameOrEmailBackend(ModelBackend):
    """Log in with a username or an e-mail address, in any case.

    An unknown login still hashes the password so that the response time does
    not tell whether the account exists. (The API signs in through
    users.services.credentials, which also throttles; this backend serves the
    admin's login page.)
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = user_for_login(username)
        if user is None:
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
