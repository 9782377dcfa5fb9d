"""What a tag is, and the service that sets an image's tags."""

import pytest

from images.errors import ImageErrorCode
from images.models import TaggedImage
from images.tags import (
    InvalidTag,
    normalize_tag,
    normalized_tags,
    set_image_tags,
    tag_or_none,
)
from infra.errors import DomainError


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("cats", "cats"),
        ("Cats", "cats"),
        ("#Cats", "cats"),
        ("  #sea_side  ", "sea_side"),
        ("new-york", "new-york"),
        ("2024", "2024"),
        ("Ünïcödé", "ünïcödé"),
        ("日本", "日本"),
        ("हिन्दी", "हिन्दी"),  # combining vowel signs are part of the word
        ("ＣＡＴＳ", "cats"),  # full-width letters fold into plain ones
        ("x" * 32, "x" * 32),
    ],
)
def test_a_tag_is_normalised(raw, tag):
    assert normalize_tag(raw) == tag


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "#",
        "##cats",
        "two words",
        "cats!",
        "a/b",
        "a.b",
        "<script>",
        "tab\there",
        "nul\x00",
        "emoji😀",
        "---",
        "_",
        "x" * 33,
        "\u202eevil",  # right-to-left override
    ],
)
def test_what_cannot_be_a_tag_is_refused(raw):
    with pytest.raises(InvalidTag):
        normalize_tag(raw)
    assert tag_or_none(raw) is None


def test_duplicates_after_normalisation_fold_into_the_first():
    assert normalized_tags(["Cats", "#cats", "dogs", "CATS"]) == ["cats", "dogs"]


def test_ten_tags_are_allowed_and_folded_duplicates_do_not_count():
    tags = [f"t{number}" for number in range(10)]

    assert normalized_tags([*tags, "T0", "#t1"]) == tags


def test_an_eleventh_tag_is_refused_by_name():
    with pytest.raises(DomainError) as refused:
        normalized_tags([f"t{number}" for number in range(11)])

    (problem,) = refused.value.problems
    assert problem.code == ImageErrorCode.TOO_MANY_TAGS
    assert problem.field == "tags"
    assert '"t10"' in problem.message


def test_a_bad_tag_is_named_in_the_error():
    with pytest.raises(DomainError) as refused:
        normalized_tags(["fine", "not fine"])

    (problem,) = refused.value.problems
    assert problem.code == ImageErrorCode.INVALID_TAG
    assert '"not fine"' in problem.message


def test_a_long_bad_tag_is_shortened_in_the_error():
    with pytest.raises(DomainError) as refused:
        normalized_tags(["x" * 5000])

    assert len(refused.value.problems[0].message) < 200


def test_setting_tags_replaces_the_set(ann, make_image):
    image = make_image(ann)
    set_image_tags(image=image, tags=["sea", "Sky"])

    set_image_tags(image=image, tags=["sky", "#Sand"])

    assert sorted(image.tags.names()) == ["sand", "sky"]


def test_a_refused_set_changes_nothing(ann, make_image):
    image = make_image(ann)
    set_image_tags(image=image, tags=["sea"])

    with pytest.raises(DomainError):
        set_image_tags(image=image, tags=["sky", "no way"])

    assert list(image.tags.names()) == ["sea"]


def test_two_images_share_one_tag(ann, bob, make_image):
    set_image_tags(image=make_image(ann), tags=["sea"])
    set_image_tags(image=make_image(bob), tags=["#SEA"])

    assert TaggedImage.objects.filter(tag__name="sea").count() == 2
    assert TaggedImage.objects.values("tag").distinct().count() == 1


def test_tags_whose_slugs_would_be_alike_are_kept_apart(ann, make_image):
    image = make_image(ann)

    set_image_tags(image=image, tags=["sea", "sea-", "-sea", "日本"])

    assert sorted(image.tags.names()) == ["-sea", "sea", "sea-", "日本"]
