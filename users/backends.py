from django.contrib.auth.backends import ModelBackend

from infra.client_ip import client_ip
from infra.errors import DomainError
from users.services.credentials import user_with_credentials


class UsernameOrEmailBackend(ModelBackend):
    """Log in with a username or an e-mail address, in any case, for the admin's sign-in
    page. The password is checked as the API checks it (users.services.credentials):
    throttled per account and client network, and not at all when the attempt cannot be
    counted, so that this page is no way around the API's throttle."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        ip = client_ip(request) if request is not None else ""
        try:
            user = user_with_credentials(ip=ip, login=username, password=password)
        except DomainError:
            return None
        return user if self.user_can_authenticate(user) else None
