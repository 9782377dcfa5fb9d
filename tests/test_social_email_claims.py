"""Pre-account takeover: signing up with someone else's address, then waiting for them to
sign in with a provider that vouches for it. A provider links to an existing account only
through an address verified here; an address never verified is a claim that reaches
nobody, and once its link has expired it yields to whoever a provider vouches for.
Against the real OpenID Connect provider on loopback."""

from datetime import timedelta

import pytest
from django.utils import timezone
from social_django.models import UserSocialAuth

from tests.conftest import PASSWORD, error_codes
from tests.social_sign_in import CALLBACK, SOCIAL_SIGN_IN, Browser, configure_oidc, fragment
from users import emailed_links
from users.models import SocialSignIn, User
from users.services.accounts import request_email_change

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

REGISTER = """mutation($input: RegisterInput!) { register(input: $input) { errors { code } } }"""
CONFIRM = """mutation($uid: String!, $token: String!) {
  confirmEmail(input: {uid: $uid, token: $token}) { email errors { code } }
}"""


@pytest.fixture(scope="module")
def oidc_redirect_uris():
    return [CALLBACK]


@pytest.fixture
def provider(settings, oidc_provider):
    configure_oidc(settings, oidc_provider)
    return oidc_provider


def sign_up(api, username, email):
    """An account signed up through the API: its address is not verified."""
    variables = {"input": {"username": username, "email": email, "password": PASSWORD}}
    assert api.data(REGISTER, variables)["register"]["errors"] == []
    return User.objects.get(username=username)


@pytest.fixture
def squatter(api):
    """An account someone made with the victim's address, which they cannot verify."""
    return sign_up(api, "squatter", "victim@example.com")


def lapse(user, days=4):
    """Make `user` have signed up `days` ago (past the verification link's 3 days)."""
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
    user.refresh_from_db()


def sign_in(api, provider, sub):
    browser = Browser(provider)
    landing = fragment(browser.sign_in(sub))
    if "error" in landing:
        return landing
    variables = {"code": landing["code"], "nonce": browser.nonce}
    return api.data(SOCIAL_SIGN_IN, variables)["socialSignIn"]


def verify(api, user):
    token = emailed_links.link_for(emailed_links.EMAIL_VERIFICATION, user).rpartition("/")[2]
    uid = emailed_links.uid_of(user)
    assert api.data(CONFIRM, {"uid": uid, "token": token})["confirmEmail"]["errors"] == []


def test_a_vouched_address_does_not_reach_an_account_that_never_verified_it(
    api, provider, squatter
):
    victim = provider.add_account(email="victim@example.com", email_verified=True)

    assert sign_in(api, provider, victim) == {"error": "email_not_verified"}

    assert not UserSocialAuth.objects.exists()
    assert not SocialSignIn.objects.exists()
    squatter.refresh_from_db()
    assert squatter.email == "victim@example.com"


def test_the_owner_links_the_provider_once_the_address_is_verified_here(api, provider, make_user):
    owner = make_user("owner", email="owner@example.com", email_verified=False)
    sub = provider.add_account(email="owner@example.com", email_verified=True)
    assert sign_in(api, provider, sub) == {"error": "email_not_verified"}

    verify(api, owner)
    payload = sign_in(api, provider, sub)

    assert payload["created"] is False
    assert payload["user"]["username"] == "owner"
    assert UserSocialAuth.objects.get(uid=sub).user == owner


def test_a_lapsed_claim_yields_to_the_person_the_provider_vouches_for(api, provider, squatter):
    victim = provider.add_account(email="Victim@example.com", email_verified=True)
    lapse(squatter)

    payload = sign_in(api, provider, victim)

    assert payload["created"] is True
    assert payload["user"]["email"] == "Victim@example.com"
    assert payload["user"]["username"] != "squatter"
    new = User.objects.get(username=payload["user"]["username"])
    assert new.email_verified is True
    squatter.refresh_from_db()
    assert (squatter.email, squatter.email_verified) == ("", False)
    assert UserSocialAuth.objects.get(uid=victim).user == new


def test_a_lapsed_claim_of_an_address_no_provider_vouches_for_is_kept(api, provider, squatter):
    unvouched = provider.add_account(email="victim@example.com", email_verified=False)
    lapse(squatter)

    assert sign_in(api, provider, unvouched) == {"error": "email_in_use"}

    squatter.refresh_from_db()
    assert squatter.email == "victim@example.com"


def test_an_address_verified_here_is_never_taken_over(api, provider, make_user):
    lapse(make_user("holder", email="holder@example.com"), days=30)
    sub = provider.add_account(email="holder@example.com", email_verified=True)

    payload = sign_in(api, provider, sub)

    assert payload["user"]["username"] == "holder"


# --- the same rule for an e-mail change confirmed from the address


def change_link(user, email):
    request_email_change(user=user, email=email, ip="127.0.0.1")
    user.refresh_from_db()
    return emailed_links.link_for(emailed_links.EMAIL_CHANGE, user).rpartition("#")[2].split("/")


def test_confirming_a_change_to_a_lapsed_claims_address_takes_it_over(api, ann, squatter):
    lapse(squatter)
    uid, token = change_link(ann, "victim@example.com")

    payload = api.data(CONFIRM, {"uid": uid, "token": token})["confirmEmail"]

    assert payload == {"email": "victim@example.com", "errors": []}
    squatter.refresh_from_db()
    assert squatter.email == ""


def test_a_fresh_claim_still_holds_its_address_against_a_change(api, ann, squatter):
    uid, token = change_link(ann, "victim@example.com")

    assert error_codes(api.data(CONFIRM, {"uid": uid, "token": token})["confirmEmail"]) == [
        "EMAIL_TAKEN"
    ]
