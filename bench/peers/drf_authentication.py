"""Django REST framework authentication by the API's Bearer access token.

Apart from the views: DRF imports its default authentication classes while
its views module is being imported.
"""

from rest_framework import authentication, exceptions

from users.tokens import InvalidToken, user_for_access_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <access token>`, the token the GraphQL API accepts."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send `Authorization: Bearer <token>`.")
        try:
            return user_for_access_token(header[1].decode()), header[1]
        except (InvalidToken, UnicodeDecodeError):
            raise exceptions.AuthenticationFailed("Invalid token") from None

    def authenticate_header(self, request):
        return self.keyword
