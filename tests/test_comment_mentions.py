"""Which `@username`s a comment mentions (comments/mentions.py)."""

import pytest

from comments.mentions import mentioned_usernames


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("@ann", ["ann"]),
        ("Hi @Ann and @BOB!", ["ann", "bob"]),
        ("Thanks @ann.", ["ann"]),
        ("(@ann), @ann again", ["ann"]),
        ("@jo.smith_2 and @x-y+z", ["jo.smith_2", "x-y+z"]),
        ("mail me: ann@example.com", []),
        ("@@ann", []),
        ("@ alone, @", []),
        ("no mention at all", []),
        ("line\n@ann", ["ann"]),
    ],
)
def test_mentions_are_read_from_the_text(text, names):
    assert mentioned_usernames(text) == names


def test_only_the_first_ten_different_people_count():
    text = " ".join(f"@p{n} @P{n}" for n in range(12))

    assert mentioned_usernames(text) == [f"p{n}" for n in range(10)]


def test_a_long_name_is_cut_where_usernames_end():
    assert mentioned_usernames("@" + "a" * 200) == ["a" * 150]
