"""Unexpected errors reach clients as a generic message with a request id."""

import logging

import pytest

from users import selectors

pytestmark = pytest.mark.django_db

SECRET_DETAIL = 'relation "users_user" failed at /srv/pinmark/users/selectors.py'
QUERY = '{ user(username: "ann") { username } }'


@pytest.fixture
def failing_selector(monkeypatch):
    def fail(username, viewer=None):
        raise RuntimeError(SECRET_DETAIL)

    monkeypatch.setattr(selectors, "user_by_username", fail)


def test_an_unexpected_error_answers_a_generic_message_with_a_request_id(api, failing_selector):
    body = api.execute(QUERY)

    (error,) = body["errors"]
    request_id = error["extensions"]["requestId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["message"] == f"Internal server error (request id {request_id})."
    assert body["data"] == {"user": None}


def test_an_unexpected_error_reveals_no_detail(api, failing_selector):
    response = api.post(QUERY)

    assert response.status_code == 200
    content = response.content.decode()
    for leak in ("users_user", "/srv/pinmark", "RuntimeError", "Traceback"):
        assert leak not in content


def test_the_traceback_is_logged_with_the_request_id(api, failing_selector, caplog):
    with caplog.at_level(logging.ERROR, logger="server.errors"):
        body = api.execute(QUERY)

    request_id = body["errors"][0]["extensions"]["requestId"]
    (record,) = [r for r in caplog.records if request_id in r.getMessage()]
    assert record.exc_info[0] is RuntimeError
    assert SECRET_DETAIL in caplog.text


def test_debug_shows_the_error(api, failing_selector, settings):
    settings.DEBUG = True

    body = api.execute(QUERY)

    assert body["errors"][0]["message"] == f"RuntimeError: {SECRET_DETAIL}"
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
