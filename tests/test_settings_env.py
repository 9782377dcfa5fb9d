"""How settings read the environment (project/settings/env.py): surrounding spaces do not
count, an empty variable is an unset one, and booleans are on only for 1, true, yes, on."""

import pytest

from project.settings.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "ON", " True "])
def test_these_values_turn_a_boolean_on(monkeypatch, value):
    monkeypatch.setenv("PINMARK_FLAG", value)

    assert env_bool("PINMARK_FLAG", False) is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "2", "ok", "y", "enabled"])
def test_any_other_value_turns_a_boolean_off(monkeypatch, value):
    monkeypatch.setenv("PINMARK_FLAG", value)

    assert env_bool("PINMARK_FLAG", True) is False


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_boolean_keeps_its_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("PINMARK_FLAG", raising=False)
    else:
        monkeypatch.setenv("PINMARK_FLAG", value)

    assert env_bool("PINMARK_FLAG", True) is True
    assert env_bool("PINMARK_FLAG", False) is False


def test_an_empty_number_keeps_its_default_and_spaces_do_not_count(monkeypatch):
    monkeypatch.setenv("PINMARK_NUMBER", "")
    assert env_int("PINMARK_NUMBER", 7) == 7

    monkeypatch.setenv("PINMARK_NUMBER", " 12 ")
    assert env_int("PINMARK_NUMBER", 7) == 12


def test_a_number_that_is_not_one_stops_the_start(monkeypatch):
    monkeypatch.setenv("PINMARK_NUMBER", "ten")

    with pytest.raises(ValueError):
        env_int("PINMARK_NUMBER", 7)


def test_a_list_is_comma_separated_without_spaces_or_empty_items(monkeypatch):
    monkeypatch.setenv("PINMARK_LIST", " a.example.com, b.example.com,,c.example.com ")

    assert env_list("PINMARK_LIST") == ["a.example.com", "b.example.com", "c.example.com"]


def test_an_empty_list_keeps_its_default(monkeypatch):
    monkeypatch.setenv("PINMARK_LIST", "")

    assert env_list("PINMARK_LIST", ["localhost"]) == ["localhost"]


def test_a_string_is_taken_as_written_but_for_surrounding_spaces(monkeypatch):
    monkeypatch.setenv("PINMARK_TEXT", "  $HOME stays as written  ")

    assert env_str("PINMARK_TEXT") == "$HOME stays as written"
