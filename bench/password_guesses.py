"""Password guesses packed into one request: 20 aliased `changePassword`, then
20 aliased `login`, the right password last; how long each request took, how
many guesses were checked and whether the right one got through.

.venv/bin/python -m bench.password_guesses

Runs with the project's password hasher (PBKDF2, as in production) against a
throwaway SQLite database and an embedded Redis server of its own under
var/bench-password-guesses/, through the Django test client.
"""

import time
from collections import Counter

from bench.in_process import stop, throwaway_django

throwaway_django("password-guesses")

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from infra import redis as project_redis  # noqa: E402
from users.models import User  # noqa: E402
from users.tokens import issue_access_token  # noqa: E402

GUESSES = 20
PASSWORD = "the-right-passphrase-20"


def guesses():
    return [f"guess-{n}" for n in range(1, GUESSES)] + [PASSWORD]


def change_password_document():
    fields = (
        f'g{n}: changePassword(input: {{oldPassword: "{guess}", newPassword: "new-{guess}-x9"}})'
        " { errors { code } }"
        for n, guess in enumerate(guesses())
    )
    return "mutation { " + " ".join(fields) + " }"


def login_document():
    fields = (
        f'g{n}: login(input: {{username: "victim", password: "{guess}"}}) {{ errors {{ code }} }}'
        for n, guess in enumerate(guesses())
    )
    return "mutation { " + " ".join(fields) + " }"


def measure(label, client, document, **extra):
    start = time.perf_counter()
    response = client.post("/graphql", {"query": document}, "application/json", **extra)
    elapsed = time.perf_counter() - start
    data = response.json()["data"]
    outcomes = Counter(
        payload["errors"][0]["code"] if payload["errors"] else "ACCEPTED"
        for payload in data.values()
    )
    summary = ", ".join(f"{count} {code}" for code, count in sorted(outcomes.items()))
    print(f"{label:<36} {elapsed:>6.2f} s   {summary}")


def main():
    victim = User.objects.create_user("victim", "victim@example.com", PASSWORD)
    client = Client()
    print(f"hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}")
    measure(
        f"{GUESSES} aliased changePassword",
        client,
        change_password_document(),
        headers={"Authorization": f"Bearer {issue_access_token(victim)}"},
        REMOTE_ADDR="198.51.100.7",
    )
    project_redis.get_redis().flushdb()
    User.objects.filter(pk=victim.pk).update(password=victim.password)
    measure(f"{GUESSES} aliased login", client, login_document(), REMOTE_ADDR="198.51.100.8")
    stop()


if __name__ == "__main__":
    main()
