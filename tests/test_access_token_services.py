"""users/services/access_tokens.py on its own: what a token grants, and what it refuses
before the API sees it."""

import pytest

from infra.errors import DomainError
from users.errors import AccessTokenErrorCode, InvalidToken
from users.models import AccessToken
from users.services import access_tokens


def make(user, scopes=("READ",), days=1):
    return access_tokens.create_access_token(
        user=user, name="script", scopes_asked=scopes, expires_in_days=days
    )


def test_a_token_grants_its_owner_with_its_scopes(ann):
    token, _ = make(ann, ("READ", "PRIVATE"))

    user = access_tokens.user_for_token(token)

    assert user.pk == ann.pk
    assert user.token_scopes == {"READ", "PRIVATE"}


@pytest.mark.parametrize("scopes", [["ADMIN"], ["READ", "read"], [None]])
def test_a_scope_that_does_not_exist_is_refused(ann, scopes):
    with pytest.raises(DomainError) as refused:
        make(ann, scopes)

    assert refused.value.problems[0].code == AccessTokenErrorCode.INVALID
    assert AccessToken.objects.count() == 0


@pytest.mark.parametrize("days", [None, 1.5, "30", 10**30])
def test_a_lifetime_that_is_not_1_to_366_whole_days_is_refused(ann, days):
    with pytest.raises(DomainError):
        make(ann, days=days)


def test_a_token_of_an_inactive_account_is_refused(ann):
    token, _ = make(ann)
    type(ann).objects.filter(pk=ann.pk).update(is_active=False)

    with pytest.raises(InvalidToken):
        access_tokens.user_for_token(token)


def test_tokens_are_distinct_and_prefixed(ann):
    tokens = {make(ann)[0] for _ in range(5)}

    assert len(tokens) == 5 and all(token.startswith("pmk_") for token in tokens)
