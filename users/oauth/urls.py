from django.urls import path
from oauth2_provider import views as toolkit

from users.oauth.views import ConsentView

app_name = "oauth2_provider"
urlpatterns = [
    path("authorize/", ConsentView.as_view(), name="authorize"),
    path("token/", toolkit.TokenView.as_view(), name="token"),
    path("revoke_token/", toolkit.RevokeTokenView.as_view(), name="revoke-token"),
]
