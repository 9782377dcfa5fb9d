"""A broker that is down: a request that would queue work answers TRY_AGAIN and writes
nothing (infra/tasks.py checks the broker before the transaction commits)."""

import pytest
from graphql_relay import to_global_id

from images.models import Image
from tests.celery_fixtures import use_broker
from tests.conftest import error_codes
from tests.own_redis import OwnRedis
from tests.test_image_admin import delete_in_admin
from users.models import EmailChange, User

REGISTER = """mutation($input: RegisterInput!) {
  register(input: $input) { token errors { code } } }"""
REQUEST_RESET = """mutation($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { code } } }"""
DELETE_IMAGE = """mutation($id: ID!) {
  deleteImage(input: {id: $id}) { deletedId errors { code } } }"""
UPDATE_EMAIL = """mutation($email: String!) {
  updateProfile(input: {email: $email}) { errors { code } } }"""


@pytest.fixture
def broker_down(celery_broker_url):
    """A real broker (a Redis server of the test's own), stopped."""
    broker = OwnRedis()
    broker.start()
    use_broker(broker.url)
    broker.kill()
    yield
    use_broker(celery_broker_url)


def test_signing_up_answers_try_again_and_creates_no_account(api, db, broker_down):
    variables = {
        "input": {"username": "dan", "email": "dan@example.com", "password": "a-long-passphrase-7"}
    }

    payload = api.data(REGISTER, variables)["register"]

    assert error_codes(payload) == ["TRY_AGAIN"] and payload["token"] is None
    assert not User.objects.filter(username="dan").exists()


def test_an_email_change_answers_try_again_and_changes_nothing(api, ann, broker_down):
    payload = api.data(UPDATE_EMAIL, {"email": "ann.new@example.org"}, user=ann)["updateProfile"]

    assert error_codes(payload) == ["TRY_AGAIN"]
    assert not EmailChange.objects.exists()
    ann.refresh_from_db()
    assert ann.email == "ann@example.com"


def test_a_password_reset_answers_try_again(api, ann, broker_down):
    payload = api.data(REQUEST_RESET, {"email": "ann@example.com"})["requestPasswordReset"]

    assert payload == {"sent": False, "errors": [{"code": "TRY_AGAIN"}]}


def test_deleting_an_image_answers_try_again_and_keeps_it_and_its_files(
    api, ann, make_image, broker_down, stored_files
):
    sunset = make_image(ann, "Sunset", with_file=True)
    files = stored_files()

    payload = api.data(DELETE_IMAGE, {"id": to_global_id("Image", sunset.pk)}, user=sunset.user)

    assert payload["deleteImage"] == {"deletedId": None, "errors": [{"code": "TRY_AGAIN"}]}
    assert Image.objects.filter(pk=sunset.pk).exists()
    assert files and stored_files() == files


@pytest.mark.parametrize("how", ["single", "bulk"])
def test_deleting_an_image_in_the_admin_says_to_try_again_and_keeps_it(
    client, make_user, ann, make_image, broker_down, stored_files, how
):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    sunset = make_image(ann, "Sunset", with_file=True)
    files = stored_files()

    response = delete_in_admin(client, sunset, how)

    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert "Not deleted: the background workers&#x27; queue does not answer" in shown
    assert Image.objects.filter(pk=sunset.pk).exists()
    assert files and stored_files() == files
