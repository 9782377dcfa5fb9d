"""Languages (docs/languages.md): messages come in the reader's language, chosen by their
`User.language`, else `Accept-Language`, else English; codes and enum values never change."""

import pytest

from users.emailed_links import EMAIL_VERIFICATION, PASSWORD_RESET, link_message

LOGIN = """
mutation ($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) { token errors { field code message } }
}
"""
FOLLOW = """
mutation ($username: String!) {
  followUser(input: {username: $username}) { errors { field code message } }
}
"""
SET_LANGUAGE = """
mutation ($language: Language!) {
  updateProfile(input: {language: $language}) {
    user { username language }
    errors { field code message }
  }
}
"""
LANGUAGE_OF = "query ($username: String!) { user(username: $username) { language } }"
FEED = "{ feed(first: 1) { totalCount } }"

WRONG_PASSWORD_EN = "Wrong username, e-mail or password."
WRONG_PASSWORD_ES = "Nombre de usuario, correo o contraseña incorrectos."


def wrong_login(api, **headers):
    variables = {"username": "ann", "password": "not-it"}
    return api.data(LOGIN, variables, headers=headers)["login"]["errors"]


def test_a_spanish_browser_reads_payload_messages_in_spanish(api, ann):
    errors = wrong_login(api, **{"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"})

    assert errors == [{"field": None, "code": "INVALID_CREDENTIALS", "message": WRONG_PASSWORD_ES}]


def test_without_accept_language_messages_are_english(api, ann):
    assert wrong_login(api)[0]["message"] == WRONG_PASSWORD_EN


@pytest.mark.parametrize(
    "header, message",
    [
        ("fr-FR, de;q=0.8", WRONG_PASSWORD_EN),
        ("fr-FR, es;q=0.5", WRONG_PASSWORD_ES),
        ("*", WRONG_PASSWORD_EN),
        ("es-MX", WRONG_PASSWORD_ES),
        # Hostile or broken headers: English, never an error.
        ("x" * 5000, WRONG_PASSWORD_EN),
        ("es;q=abc, ;;, =", WRONG_PASSWORD_EN),
        ("../../etc/passwd", WRONG_PASSWORD_EN),
    ],
)
def test_the_first_language_we_speak_wins_else_english(api, ann, header, message):
    assert wrong_login(api, **{"Accept-Language": header})[0]["message"] == message


def test_a_persons_language_wins_over_their_browsers(api, ann, bob):
    ann.language = "es"
    ann.save()

    errors = api.data(FOLLOW, {"username": "ann"}, user=ann, headers={"Accept-Language": "en"})

    assert errors["followUser"]["errors"] == [
        {"field": None, "code": "CANNOT_FOLLOW_SELF", "message": "No puedes seguirte a ti mismo."}
    ]


def test_codes_and_enum_values_are_the_same_in_every_language(api, ann):
    english = api.data(SET_LANGUAGE, {"language": "EN"}, user=ann)
    spanish = api.data(
        SET_LANGUAGE, {"language": "EN"}, user=ann, headers={"Accept-Language": "es"}
    )
    english_error = wrong_login(api, **{"Accept-Language": "en"})[0]
    spanish_error = wrong_login(api, **{"Accept-Language": "es"})[0]

    assert english == spanish
    assert english["updateProfile"]["user"]["language"] == "EN"
    assert english_error["code"] == spanish_error["code"] == "INVALID_CREDENTIALS"
    assert english_error["message"] != spanish_error["message"]


def test_update_profile_sets_the_language_its_owner_alone_sees(api, ann, bob):
    answer = api.data(SET_LANGUAGE, {"language": "ES"}, user=ann)

    assert answer["updateProfile"] == {"user": {"username": "ann", "language": "ES"}, "errors": []}
    ann.refresh_from_db()
    assert ann.language == "es"
    assert api.data(LANGUAGE_OF, {"username": "ann"}, user=ann)["user"]["language"] == "ES"
    assert api.data(LANGUAGE_OF, {"username": "ann"}, user=bob)["user"]["language"] is None
    assert api.data(LANGUAGE_OF, {"username": "ann"})["user"]["language"] is None
    assert api.data(LANGUAGE_OF, {"username": "bob"}, user=bob)["user"]["language"] is None


def test_null_forgets_the_language_and_leaving_it_out_keeps_it(api, ann):
    api.data(SET_LANGUAGE, {"language": "ES"}, user=ann)
    keep = 'mutation { updateProfile(input: {firstName: "Ann"}) { user { language } } }'
    forget = (
        "mutation { updateProfile(input: {language: null}) { user { language } errors { code } } }"
    )

    assert api.data(keep, user=ann)["updateProfile"]["user"]["language"] == "ES"
    assert api.data(forget, user=ann)["updateProfile"] == {"user": {"language": None}, "errors": []}
    ann.refresh_from_db()
    assert ann.language == ""


def test_a_language_we_do_not_speak_is_refused_and_nothing_changes(api, ann):
    body = api.execute(SET_LANGUAGE, {"language": "FR"}, user=ann)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    ann.refresh_from_db()
    assert ann.language == ""


def test_top_level_errors_are_in_the_readers_language(api, client):
    spanish = {"Accept-Language": "es"}
    unauthenticated = api.execute(FEED, headers=spanish)["errors"][0]
    not_json = client.post("/graphql", "{", content_type="application/json", headers=spanish)

    assert unauthenticated["extensions"]["code"] == "UNAUTHENTICATED"
    assert unauthenticated["message"].startswith("Inicia sesión para hacer esto")
    assert not_json.json()["errors"][0]["message"] == "El cuerpo de la petición no es JSON."
    assert not_json.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_checked_document_is_kept_per_language(api, settings):
    settings.GRAPHQL_MAX_DEPTH = 2
    deep = "{ viewer { images { edges { node { id } } } } }"

    english = api.execute(deep)["errors"][0]
    spanish = api.execute(deep, headers={"Accept-Language": "es"})["errors"][0]

    assert english["extensions"]["code"] == spanish["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "has a depth of" in english["message"]
    assert "tiene una profundidad de" in spanish["message"]


def test_the_answer_says_its_language_and_that_it_depends_on_the_header(api, ann):
    response = api.post(
        LOGIN, {"username": "ann", "password": "x"}, headers={"Accept-Language": "es"}
    )

    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]


def test_mails_go_out_in_the_recipients_language(make_user):
    spanish = make_user("pilar", language="es")
    english = make_user("peter")

    reset = link_message(PASSWORD_RESET, spanish, spanish.email)
    verification = link_message(EMAIL_VERIFICATION, english, english.email)

    assert reset.subject == "Restablece tu contraseña de Pinmark"
    assert reset.body.startswith("Hola, pilar:")
    assert "El enlace funciona una vez, durante 1 hora" in reset.body
    assert '<html lang="es">' in reset.alternatives[0][0]
    assert verification.subject == "Confirm your Pinmark e-mail address"
    assert verification.body.startswith("Hello peter,")
    assert '<html lang="en">' in verification.alternatives[0][0]
