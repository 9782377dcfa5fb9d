from django.urls import path
from oauth2_provider import views as toolkit

from users.oauth.views import ConsentView, refusing_nul

app_name = "oauth2_provider"
urlpatterns = [
    path("authorize/", refusing_nul(ConsentView.as_view(), page=True), name="authorize"),
    path("token/", refusing_nul(toolkit.TokenView.as_view()), name="token"),
    path("revoke_token/", refusing_nul(toolkit.RevokeTokenView.as_view()), name="revoke-token"),
]
